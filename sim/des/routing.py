"""Routing: which agents a waiting caller may reach, and which caller a free agent takes next.

A city centre that answers only its own callers is one team serving one waiting line. A provincial
centre is one team serving every city's callers in arrival order. A virtual network keeps a team in
every city: a caller first waits for an agent of its own city and, once it has waited
``overflow_after`` seconds, any city's free agent may take it. A hub with partly cross-trained
agents has specialists for each business line and a team of generalists: a caller goes to a free
specialist of its line first, then to a free generalist; a generalist who becomes free takes the
longest-waiting caller of any line.

The analytic design (:class:`sim.topology.Topology`) is turned here into plain integer tables the
simulation engine reads:

- **queues**: one per ``(site, line)`` a pool answers (where calls are counted);
- **waiting lines**: first-come-first-served lines of callers; queues that every agent treats alike
  share one (all the cities of a provincial centre form a single line);
- **groups**: agents interchangeable for routing: a pool's agents at one location with one skill
  set. A pool's rostered agents per interval are split over its groups by largest remainders, so
  the groups always add up to the roster: over locations (virtual network) by the interval's call
  share of each site (a site's agents sit where its calls come from; the pool's ``fte_split`` when
  the interval has no calls), and over skills by the cross-trained share ``c`` (``round(c n)``
  generalists) and each line's share of the interval's load for the specialists.
"""

from dataclasses import dataclass

import numpy as np

from sim.demand import Demand
from sim.des.patience import patience_times
from sim.scenario import Scenario
from sim.topology import Topology

__all__ = ["GENERALIST", "Routing", "build_routing", "split_whole"]

GENERALIST = -1


@dataclass(frozen=True)
class Routing:
    """A design as the simulation sees it; arrays over queues ``[Q]``, groups ``[G]``, ``[.., T]``.

    Attributes
    ----------
    design : str
        Design name.
    interval_seconds : float
        Length of one planning interval, seconds.
    queue_site, queue_line, queue_pool, queue_wline : ndarray of int
        Site, business line, pool and waiting line of each queue.
    calls : ndarray
        ``[Q, T]`` expected offered calls per interval (scenario clock).
    aht : ndarray
        ``[Q, T]`` mean handle time of a call of the queue arriving in each interval, seconds
        (the site's handle time of the line in that interval, ``sim.demand``, x the pool's AHT
        factor).
    aht_cv : ndarray
        ``[Q]`` coefficient of variation of the handle time (used by lognormal service).
    patience : ndarray
        ``[Q]`` mean patience of the queue's site and line, seconds (``inf`` when callers never
        hang up).
    patience_draws : tuple
        ``[Q]`` the queue's patience distribution (``sim.des.patience.PatienceTimes``) when it is
        not exponential, else None (exponential, or callers who never hang up).
    group_pool : ndarray of int
        ``[G]`` pool of each group.
    group_location : tuple of str
        ``[G]`` where each group's agents sit.
    group_skill : ndarray of int
        ``[G]`` line index a specialist group takes, or ``GENERALIST`` (every line of its pool).
    staffing : ndarray of int
        ``[G, T]`` agents logged in per group and interval.
    route : tuple of tuple of int
        Per waiting line, the groups that may answer a new caller at once, in priority order.
    overflow : tuple of tuple of int
        Per waiting line, the groups that may answer a caller once it has waited
        ``overflow_after`` seconds.
    tiers : tuple of tuple of tuple of (int, float)
        Per group, the waiting lines a free agent looks at, tier by tier, as ``(waiting line,
        minimum wait in seconds)``; within a tier it takes the longest-waiting eligible caller.
    overflow_after : float or None
        Seconds a caller waits before other locations' agents may answer it (virtual network).
    pool_names : tuple of str
        Names of the design's pools.
    """

    design: str
    interval_seconds: float
    queue_site: np.ndarray
    queue_line: np.ndarray
    queue_pool: np.ndarray
    queue_wline: np.ndarray
    calls: np.ndarray
    aht: np.ndarray
    aht_cv: np.ndarray
    patience: np.ndarray
    patience_draws: tuple
    group_pool: np.ndarray
    group_location: tuple[str, ...]
    group_skill: np.ndarray
    staffing: np.ndarray
    route: tuple[tuple[int, ...], ...]
    overflow: tuple[tuple[int, ...], ...]
    tiers: tuple[tuple[tuple[tuple[int, float], ...], ...], ...]
    overflow_after: float | None
    pool_names: tuple[str, ...]

    @property
    def intervals(self) -> int:
        return self.calls.shape[1]

    @property
    def locations(self) -> tuple[str, ...]:
        """Distinct group locations in order of first appearance."""
        return tuple(dict.fromkeys(self.group_location))


def split_whole(total: np.ndarray, weights: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """Split whole agents ``total[T]`` over ``K`` parts by ``weights[K, T]`` (largest remainder).

    Columns whose weights sum to zero use ``fallback[K]``. The parts are whole numbers >= 0 and
    add up to ``total`` in every interval.
    """
    total = np.asarray(total, dtype=np.int64)
    weights = np.asarray(weights, dtype=float)
    empty = weights.sum(axis=0) <= 0
    weights = np.where(empty[None, :], np.asarray(fallback, dtype=float)[:, None], weights)
    shares = weights / weights.sum(axis=0, keepdims=True)
    exact = shares * total[None, :]
    parts = np.floor(exact + 1e-9).astype(np.int64)
    short = total - parts.sum(axis=0)
    order = np.argsort(-(exact - parts), axis=0, kind="stable")
    ranks = np.argsort(order, axis=0, kind="stable")
    return parts + (ranks < short[None, :])


@dataclass
class _Builder:
    """Accumulates queues, waiting lines and groups pool by pool."""

    queues: list
    wlines: dict
    groups: list

    def wline(self, key) -> int:
        return self.wlines.setdefault(key, len(self.wlines))


def _pool_locations(topology: Topology, pool, scenario: Scenario) -> dict[tuple, str]:
    """Location of each member queue: its own site in a virtual network, else the pool's place."""
    if topology.kind == "virtual":
        return {m: scenario.sites[m[0]].name for m in pool.members}
    place = next(iter(pool.fte_split))
    return dict.fromkeys(pool.members, place)


def _location_split(pool, where, calls, total) -> dict[str, np.ndarray]:
    names = list(dict.fromkeys(where.values()))
    if len(names) == 1:
        return {names[0]: total}
    weights = np.array([sum(calls[m] for m in pool.members if where[m] == n) for n in names])
    fallback = np.array([pool.fte_split.get(n, 0.0) for n in names]) + 1e-12
    parts = split_whole(total, weights, fallback)
    return dict(zip(names, parts, strict=True))


def _skill_split(pool, lines, demand: Demand, total) -> dict[int, np.ndarray]:
    if len(lines) <= 1 or pool.cross_trained >= 1.0:
        return {GENERALIST: total}
    general = np.rint(pool.cross_trained * total).astype(np.int64)
    work = demand.calls * demand.aht
    load = np.array([sum(work[m] for m in pool.members if m[1] == j) for j in lines])
    specialists = split_whole(total - general, load, np.ones(len(lines)))
    return {**dict(zip(lines, specialists, strict=True)), GENERALIST: general}


def build_routing(
    scenario: Scenario,
    topology: Topology,
    demand: Demand,
    staffing: np.ndarray,
    *,
    abandonment: bool,
) -> Routing:
    """Queues, waiting lines, agent groups and their staffing for one design.

    Parameters
    ----------
    scenario : Scenario
        Lines (AHT coefficient of variation, patience distribution) and sites.
    topology : Topology
        The design's pools (``sim.topology.build_topology``).
    demand : Demand
        ``[site, line, interval]`` expected offered calls and their handle times, and each site's
        patience per line (``sim.demand.build_demand``).
    staffing : ndarray
        ``[pool, interval]`` whole agents logged in.
    abandonment : bool
        Whether callers hang up after their patience (``False``: infinitely patient callers).
    """
    calls = demand.calls
    b = _Builder(queues=[], wlines={}, groups=[])
    for p, pool in enumerate(topology.pools):
        where = _pool_locations(topology, pool, scenario)
        lines = pool.lines
        per_location = _location_split(pool, where, calls, staffing[p])
        split_skills = len(lines) > 1 and pool.cross_trained < 1.0
        for location, agents in per_location.items():
            members = [m for m in pool.members if where[m] == location]
            skills = _skill_split(pool, lines, demand, agents)
            for skill, count in skills.items():
                b.groups.append((p, location, skill, count))
            for site, line in members:
                key = (p, location, line if split_skills else None)
                b.queues.append((site, line, p, b.wline(key), pool.aht_factor))
    return _assemble(scenario, topology, demand, b, abandonment)


def _can_serve(skill: int, wline_key) -> bool:
    line = wline_key[2]
    return skill == GENERALIST or line is None or line == skill


def _assemble(scenario, topology, demand: Demand, b: _Builder, abandonment: bool) -> Routing:
    after = topology.overflow_after
    keys = sorted(b.wlines, key=b.wlines.get)
    route, overflow = [], []
    for key in keys:
        pool, location, _ = key
        able = [
            g for g, (p, _, skill, _) in enumerate(b.groups) if p == pool and _can_serve(skill, key)
        ]
        able.sort(key=lambda g: b.groups[g][2] == GENERALIST)
        route.append(tuple(g for g in able if b.groups[g][1] == location))
        others = tuple(g for g in able if b.groups[g][1] != location)
        overflow.append(others if after is not None else ())
    tiers = []
    for pool, location, skill, _ in b.groups:
        serve = [w for w, key in enumerate(keys) if key[0] == pool and _can_serve(skill, key)]
        own = tuple((w, 0.0) for w in serve if keys[w][1] == location)
        away = tuple((w, float(after)) for w in serve if keys[w][1] != location)
        tiers.append((own, away) if away and after is not None else (own,))
    lines = scenario.lines
    q = np.array([entry[:4] for entry in b.queues], dtype=np.int64).reshape(-1, 4)
    factor = np.array([entry[4] for entry in b.queues])
    patience = demand.patience[q[:, 0], q[:, 1]]
    return Routing(
        design=topology.design,
        interval_seconds=scenario.general.interval_minutes * 60.0,
        queue_site=q[:, 0],
        queue_line=q[:, 1],
        queue_pool=q[:, 2],
        queue_wline=q[:, 3],
        calls=demand.calls[q[:, 0], q[:, 1]],
        aht=demand.aht[q[:, 0], q[:, 1]] * factor[:, None],
        aht_cv=np.array([lines[j].aht_cv for j in q[:, 1]], dtype=float),
        patience=patience if abandonment else np.full(len(q), np.inf),
        patience_draws=tuple(
            patience_times(lines[j].patience_dist, float(mean), lines[j].patience_cv)
            if abandonment and lines[j].patience_dist != "exponential"
            else None
            for j, mean in zip(q[:, 1], patience, strict=True)
        ),
        group_pool=np.array([g[0] for g in b.groups], dtype=np.int64),
        group_location=tuple(g[1] for g in b.groups),
        group_skill=np.array([g[2] for g in b.groups], dtype=np.int64),
        staffing=np.array([g[3] for g in b.groups], dtype=np.int64).reshape(len(b.groups), -1),
        route=tuple(route),
        overflow=tuple(overflow),
        tiers=tuple(tiers),
        overflow_after=after,
        pool_names=tuple(pool.name for pool in topology.pools),
    )
