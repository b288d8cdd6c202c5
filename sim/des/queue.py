"""One queue, one pool of agents, simulated call by call: the check on Erlang C and Erlang A.

A city centre that answers only its own callers is a pool serving one queue: callers arrive at
random (Poisson), wait in arrival order until an agent is free, talk for a random handle time, and
hang up if the wait outlasts their patience. :func:`simulate_queue` runs that day ``replications``
times with independent random streams and reports the KPIs a planner reads (service level,
abandonment rate, ASA, probability of waiting, occupancy) with 95 % confidence intervals, so the
simulation can confirm the Erlang formulas where their assumptions hold and show where they do
not (handle times that are not exponential, patience that is not exponential: see
:mod:`sim.des.patience`).

How a replication runs
----------------------
- **Start.** With exponential handle times and exponential patience (or none) the replication
  starts in steady state: the number of calls in the system is drawn from the exact stationary
  distribution of the Erlang C / Erlang A birth-death chain (:mod:`sim.des.stationary`), with
  memoryless remaining handle times and patience. There is no warm-up and no start-up bias.
- **Start with other distributions.** With lognormal handle times, or patience that is not
  exponential (gamma, Weibull, lognormal, delayed exponential, empirical), that state is no
  longer the steady state, only an approximation of it: the number of calls is drawn from the
  same Erlang C / Erlang A chain (Erlang A with the mean patience), the calls in progress get
  equilibrium remaining handle times (:mod:`sim.des.times`) and the queued callers equilibrium
  remaining patience (:mod:`sim.des.patience`). A warm-up is therefore simulated before time 0
  and discarded: by default ``max(20 AHT, 10 % of the horizon)``, and at least 20 mean patiences
  when patience is not exponential (an overloaded queue with abandonment settles on the time
  scale of patience).
- **Calls.** Arrival, handle and patience times are drawn vectorised in chunks (at most 32,768
  calls, fewer near the end of the horizon) from the replication's own generator and placed by
  the exact FCFS recursion of :mod:`sim.des.pool`.
- **Horizon.** Only calls arriving in ``[0, hours]`` are offered calls. With FCFS a caller's fate
  depends only on the callers ahead of it, so each offered call's KPIs use its actual outcome, even
  when it is answered or hangs up after the horizon (no end-of-day censoring). Occupancy is the
  busy agent time inside ``[0, hours]`` (including calls already in progress at time 0) divided by
  ``agents * hours``.
- **Counts at the end of the horizon.** ``answered``: offered calls that reached an agent by the
  end (those still talking, ``in_service``, included); ``abandoned``: offered calls that hung up by
  the end; ``waiting``: still queueing at the end. ``calls = answered + abandoned + waiting``.
"""

import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sim import _checks
from sim.des.patience import PATIENCE_DISTS, PatienceTimes, patience_times
from sim.des.pool import AgentPool
from sim.des.stationary import StationaryState, stationary_state
from sim.des.stats import Estimate, summarise
from sim.des.times import SERVICES, ServiceTimes
from sim.errors import InputError

__all__ = [
    "PATIENCE_DISTS",
    "QUEUE_COUNTS",
    "QUEUE_KPIS",
    "QueueSetup",
    "QueueSimulation",
    "simulate_queue",
]

QUEUE_KPIS = ("service_level", "abandon_rate", "asa", "p_wait", "occupancy")
QUEUE_COUNTS = ("calls", "answered", "abandoned", "waiting", "in_service")
_ROW = np.dtype([(name, "f8") for name in QUEUE_KPIS] + [(name, "i8") for name in QUEUE_COUNTS])
_CHUNK = 1 << 15
_WARMUP_AHTS = 20.0
_WARMUP_SHARE = 0.1
_WARMUP_PATIENCES = 20.0


@dataclass(frozen=True)
class QueueSetup:
    """Validated inputs of :func:`simulate_queue` (times in seconds, ``hours`` in hours).

    ``patience`` is the mean patience (``None``: callers never hang up) and ``patience_times`` its
    distribution (:class:`~sim.des.patience.PatienceTimes`, ``None`` without patience).
    """

    agents: int
    load: float
    aht: float
    patience: float | None
    threshold: float
    hours: float
    replications: int
    seed: int
    service: str
    aht_cv: float
    warmup: float
    patience_times: PatienceTimes | None = None

    @property
    def patience_dist(self) -> str | None:
        """Name of the patience distribution, ``None`` when callers never hang up."""
        return None if self.patience_times is None else self.patience_times.kind

    @property
    def horizon(self) -> float:
        """Simulated horizon in seconds."""
        return self.hours * 3600.0


@dataclass(frozen=True, repr=False)
class QueueSimulation:
    """KPIs of a simulated single queue: means over replications with 95 % confidence intervals.

    Attributes
    ----------
    service_level : float
        Share of offered calls answered within the threshold (abandoned calls are failures).
    abandon_rate : float
        Share of offered calls that hung up before being answered.
    asa : float
        Mean queue wait of answered calls, seconds (0 in a replication that answers no call).
    p_wait : float
        Share of offered calls that had to queue (wait > 0), abandoned ones included.
    occupancy : float
        Busy agent time / (agents x horizon).
    calls : int
        Offered calls (arrived within the horizon), all replications.
    answered, abandoned, waiting, in_service : int
        Offered calls answered by the end of the horizon (still in service included), hung up by
        the end, still queueing at the end, and still talking at the end; summed over
        replications. ``calls == answered + abandoned + waiting``.
    half_width : dict[str, float]
        95 % confidence half-width of each KPI above (same unit), over replications.
    replications : numpy structured array
        One row per replication with the KPIs and the counts as fields.
    estimates : dict[str, Estimate]
        Each KPI as an :class:`~sim.des.stats.Estimate` (mean, half-width, interval).
    setup : QueueSetup
        The validated inputs, warm-up included.
    """

    service_level: float
    abandon_rate: float
    asa: float
    p_wait: float
    occupancy: float
    calls: int
    answered: int
    abandoned: int
    waiting: int
    in_service: int
    half_width: dict
    replications: np.ndarray
    estimates: dict
    setup: QueueSetup

    @property
    def in_system(self) -> int:
        """Offered calls still in the system (queueing or talking) at the end, all replications."""
        return self.waiting + self.in_service

    def __repr__(self) -> str:
        kpis = ", ".join(
            f"{k}={getattr(self, k):.4g}+-{self.half_width[k]:.2g}" for k in QUEUE_KPIS
        )
        return (
            f"QueueSimulation({kpis}, calls={self.calls}, answered={self.answered}, "
            f"abandoned={self.abandoned}, waiting={self.waiting}, in_service={self.in_service}, "
            f"replications={len(self.replications)})"
        )


class _QueueTally:
    """Running sums of one replication."""

    def __init__(self, setup: QueueSetup) -> None:
        self.horizon = setup.horizon
        self.threshold = setup.threshold
        self.busy_time = 0.0
        self.offered = self.served = self.within = self.waited = 0
        self.answered = self.abandoned = self.in_service = 0
        self.wait_sum = 0.0

    def busy(self, start: np.ndarray, end: np.ndarray) -> None:
        overlap = np.minimum(end, self.horizon) - np.maximum(start, 0.0)
        self.busy_time += float(overlap[overlap > 0].sum())

    def add(self, arrival, service, deadline, first_free, *, offered: bool) -> None:
        start = np.maximum(arrival, first_free)
        end = start + service
        served = None if deadline is None else first_free <= deadline
        if served is None:
            self.busy(start, end)
        else:
            self.busy(start[served], end[served])
        if not offered:
            return
        inside = arrival >= 0.0
        if not inside.all():
            arrival, first_free, start, end = (x[inside] for x in (arrival, first_free, start, end))
            if served is not None:
                served, deadline = served[inside], deadline[inside]
        wait = start - arrival
        started = start <= self.horizon
        self.offered += arrival.size
        self.waited += int(np.count_nonzero(first_free > arrival))
        if served is None:
            self.served += arrival.size
            self.within += int(np.count_nonzero(wait <= self.threshold))
            self.wait_sum += float(wait.sum())
            self.answered += int(np.count_nonzero(started))
            self.in_service += int(np.count_nonzero(started & (end > self.horizon)))
            return
        self.served += int(np.count_nonzero(served))
        self.within += int(np.count_nonzero(served & (wait <= self.threshold)))
        self.wait_sum += float(wait[served].sum())
        answered = served & started
        self.answered += int(np.count_nonzero(answered))
        self.in_service += int(np.count_nonzero(answered & (end > self.horizon)))
        self.abandoned += int(np.count_nonzero(~served & (deadline <= self.horizon)))

    def row(self, agents: int) -> tuple:
        n = self.offered
        kpis = (
            self.within / n if n else 1.0,
            (n - self.served) / n if n else 0.0,
            self.wait_sum / self.served if self.served else 0.0,
            self.waited / n if n else 0.0,
            self.busy_time / (agents * self.horizon),
        )
        waiting = n - self.answered - self.abandoned
        return (*kpis, n, self.answered, self.abandoned, waiting, self.in_service)


def _replicate_queue(setup: QueueSetup, start: StationaryState, rng: np.random.Generator) -> tuple:
    """Simulate one replication and return its row (KPIs then counts)."""
    times = ServiceTimes(setup.service, setup.aht, setup.aht_cv)
    patience = setup.patience_times
    t0 = -setup.warmup
    tally = _QueueTally(setup)
    busy, queued = start.sample(rng)
    free = np.full(setup.agents, t0)
    free[:busy] += times.residual(rng, busy)
    tally.busy(np.full(busy, t0), free[:busy])
    pool = AgentPool(free)
    if queued:
        arrival = np.full(queued, t0)
        service = times.sample(rng, queued)
        deadline = None if patience is None else t0 + patience.residual(rng, queued)
        tally.add(arrival, service, deadline, pool.serve(arrival, service, deadline), offered=False)
    rate = setup.load / setup.aht
    clock = t0
    while rate > 0:
        expected = rate * (setup.horizon - clock)
        size = min(_CHUNK, int(expected + 6.0 * np.sqrt(expected)) + 32)
        arrival = clock + np.cumsum(rng.exponential(1.0 / rate, size))
        service = times.sample(rng, size)
        deadline = None if patience is None else arrival + patience.sample(rng, size)
        clock = float(arrival[-1])
        keep = int(np.searchsorted(arrival, setup.horizon, side="right"))
        if keep < size:
            arrival, service = arrival[:keep], service[:keep]
            deadline = None if deadline is None else deadline[:keep]
        first_free = pool.serve(arrival, service, deadline)
        tally.add(arrival, service, deadline, first_free, offered=True)
        if keep < size:
            break
    return tally.row(setup.agents)


def _scalar(arr: np.ndarray, name: str) -> float:
    if arr.ndim:
        raise InputError(f"{name}: must be a single number, got an array of shape {arr.shape}")
    return float(arr)


def _validate(
    agents,
    load,
    aht,
    patience,
    threshold,
    hours,
    replications,
    seed,
    service,
    aht_cv,
    warmup,
    patience_dist="exponential",
    patience_cv=None,
    patience_table=None,
) -> QueueSetup:
    n = _scalar(_checks.whole(agents, "agents"), "agents")
    if n < 1:
        raise InputError(f"agents: must be a whole number >= 1, got {agents!r}")
    a = _scalar(_checks.nonnegative(load, "load", " Erlangs"), "load")
    aht = _checks.scalar_positive(aht, "aht", " seconds")
    waits = patience_times(patience_dist, patience, patience_cv, patience_table)
    patience = None if waits is None else waits.mean
    if patience is None and a >= n:
        raise InputError(
            f"load: must be < agents for infinitely patient callers, got load={a:g} Erlangs with "
            f"agents={n:g}: Erlang C is unstable (the queue grows without bound); give a "
            "patience to simulate abandonment"
        )
    threshold = _scalar(_checks.nonnegative(threshold, "threshold", " seconds"), "threshold")
    hours = _checks.scalar_positive(hours, "hours", " hours")
    reps = _scalar(_checks.whole(replications, "replications"), "replications")
    if reps < 2:
        raise InputError(
            f"replications: must be a whole number >= 2 for a confidence interval, "
            f"got {replications!r}"
        )
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise InputError(f"seed: must be a whole number >= 0, got {seed!r}")
    if service not in SERVICES:
        allowed = ", ".join(repr(s) for s in SERVICES)
        raise InputError(f"service: must be one of {allowed}, got {service!r}")
    if service == "lognormal":
        if aht_cv is None:
            raise InputError("aht_cv: must be a finite number > 0 for lognormal service, got None")
        cv = _checks.scalar_positive(aht_cv, "aht_cv")
    else:
        cv = 1.0
        if aht_cv is not None and aht_cv != 1:
            raise InputError(
                f"aht_cv: exponential service has a coefficient of variation of 1, got {aht_cv!r}; "
                "use service='lognormal' for another value"
            )
    if warmup is None:
        exact_patience = waits is None or waits.exponential
        warmup = 0.0
        if service != "exponential" or not exact_patience:
            warmup = max(_WARMUP_AHTS * aht, _WARMUP_SHARE * hours * 3600.0)
        if not exact_patience:
            warmup = max(warmup, _WARMUP_PATIENCES * waits.mean)
    warmup = _scalar(_checks.nonnegative(warmup, "warmup", " seconds"), "warmup")
    return QueueSetup(
        int(n),
        a,
        aht,
        patience,
        threshold,
        hours,
        int(reps),
        int(seed),
        service,
        cv,
        warmup,
        patience_times=waits,
    )


def simulate_queue(
    agents,
    load,
    aht,
    *,
    patience=None,
    threshold=20.0,
    hours=24.0,
    replications=10,
    seed=0,
    service="exponential",
    aht_cv=None,
    patience_dist="exponential",
    patience_cv=None,
    patience_table=None,
    progress: Callable[[int, int], object] | None = None,
    warmup=None,
) -> QueueSimulation:
    """Simulate one FCFS queue served by a pool of agents (M/G/n+M) and estimate its KPIs.

    Parameters
    ----------
    agents : int
        Agents logged in and available, whole number >= 1.
    load : float
        Offered load in Erlangs (arrival rate per second x AHT in seconds), >= 0; below
        ``agents`` unless ``patience`` is given.
    aht : float
        Mean handle time in seconds, > 0.
    patience : float or None, default None
        Mean of the callers' patience in seconds, > 0; ``None``: callers never hang up
        (Erlang C). With ``patience_dist="empirical"``, ``None`` takes the mean from the table
        (a number must then match it).
    threshold : float, default 20.0
        Answer-time threshold of the service level in seconds, >= 0.
    hours : float, default 24.0
        Length of each replication in hours, > 0 (calls arriving in ``[0, hours]`` are offered).
    replications : int, default 10
        Independent replications, whole number >= 2 (needed for a confidence interval).
    seed : int, default 0
        Root seed >= 0. Replication ``i`` uses ``numpy.random.SeedSequence(seed).spawn(...)[i]``:
        the same seed gives identical results.
    service : {"exponential", "lognormal"}, default "exponential"
        Handle-time distribution with mean ``aht``.
    aht_cv : float or None, default None
        Coefficient of variation of the handle time, > 0; required for ``"lognormal"``. For
        ``"exponential"`` it must be ``None`` or 1.
    patience_dist : str, default "exponential"
        Patience distribution with mean ``patience``, one of
        :data:`~sim.des.patience.PATIENCE_DISTS`: ``"exponential"`` (Erlang A), ``"gamma"``,
        ``"weibull"``, ``"lognormal"``, ``"delayed_exponential"`` (an announcement of
        ``patience x (1 - patience_cv)`` seconds during which nobody hangs up, then
        exponential) or ``"empirical"`` (``patience_table``). See :mod:`sim.des.patience`.
    patience_cv : float or None, default None
        Coefficient of variation of patience (standard deviation / mean), > 0; required for
        gamma, Weibull (0.01 to 100), lognormal and delayed exponential (at most 1); must be
        ``None`` for exponential (cv 1) and empirical (cv from the table).
    patience_table : mapping or array_like or None, default None
        ``"empirical"`` only: ``{upper edge in seconds: probability}`` of consecutive bins from 0,
        or a sample of patience times in seconds; drawn by the inverse of the piecewise-linear
        CDF (see :mod:`sim.des.patience` for the convention).
    progress : callable or None, default None
        Called as ``progress(done_replications, total_replications)`` after each replication
        (e.g. to update a tqdm bar).
    warmup : float or None, default None
        Seconds simulated before time 0 and discarded, >= 0. ``None``: 0 for exponential service
        with exponential or no patience (the replication starts in the exact steady state);
        ``max(20 aht, 0.1 hours * 3600)`` for lognormal service; with patience that is not
        exponential, ``max(20 aht, 20 patience, 0.1 hours * 3600)``.

    Returns
    -------
    QueueSimulation
        KPI means over replications, their 95 % half-widths, the per-replication table and the
        counts at the end of the horizon.

    Raises
    ------
    InputError
        A ``ValueError`` naming the argument and the allowed values, for any invalid input,
        including ``load >= agents`` without ``patience`` (an unstable Erlang C queue), a
        ``patience_cv`` given for exponential patience or a ``patience_table`` given with
        another ``patience_dist``.

    Notes
    -----
    Callers are served first come, first served; abandoned calls count as service-level
    failures. Each replication starts from the exact Erlang C / Erlang A steady state (exponential
    service and patience: no warm-up, no start-up bias) or from an approximate one plus a
    discarded warm-up (lognormal service, or patience that is not exponential). Offered calls
    are those arriving in ``[0, hours]``; their KPIs use their actual outcome even after the
    horizon, while ``answered`` / ``abandoned`` / ``waiting`` / ``in_service`` are counted at the
    end of the horizon (see the module docstring). The point
    estimates are means of the per-replication KPIs, so each replication should hold many calls
    (a KPI of one replication is a ratio with a random number of calls).

    Examples
    --------
    >>> res = simulate_queue(100, 95.0, 300.0, patience=120.0, hours=8, replications=5)
    >>> round(res.service_level, 2), round(res.half_width["service_level"], 3)  # doctest: +SKIP
    (0.8, 0.004)

    Callers who rarely hang up in the first seconds (gamma patience, shape 2):

    >>> res = simulate_queue(
    ...     100, 95.0, 300.0, patience=120.0, patience_dist="gamma", patience_cv=0.7071,
    ...     hours=8, replications=5,
    ... )
    """
    setup = _validate(
        agents,
        load,
        aht,
        patience,
        threshold,
        hours,
        replications,
        seed,
        service,
        aht_cv,
        warmup,
        patience_dist,
        patience_cv,
        patience_table,
    )
    if progress is not None and not callable(progress):
        raise InputError(
            "progress: must be None or a callable progress(done_replications, "
            f"total_replications), got {progress!r}"
        )
    start = stationary_state(setup.agents, setup.load, setup.aht, setup.patience)
    streams = np.random.SeedSequence(setup.seed).spawn(setup.replications)
    rows = np.zeros(setup.replications, dtype=_ROW)
    for i, stream in enumerate(streams):
        rows[i] = _replicate_queue(setup, start, np.random.default_rng(stream))
        if progress is not None:
            progress(i + 1, setup.replications)
    estimates: dict[str, Estimate] = summarise({name: rows[name] for name in QUEUE_KPIS})
    totals = {name: int(rows[name].sum()) for name in QUEUE_COUNTS}
    return QueueSimulation(
        **{name: est.mean for name, est in estimates.items()},
        **totals,
        half_width={name: est.half_width for name, est in estimates.items()},
        replications=rows,
        estimates=estimates,
        setup=setup,
    )
