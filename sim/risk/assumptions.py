"""The assumptions a risk analysis moves, their ranges, and how a value becomes scenario edits.

A steering committee asks which of the planners' guesses the saving hangs on. Each guess is an
:class:`Assumption`: a name (``volume``, ``aht``, ...), how its value is written (a factor on the
scenario's own values, or the key's own value), the value the scenario assumes (its *base*), a
low-high range (the ``[risk.ranges]`` table of the scenario, else a default around the base) and
the overrides (``sim.scenario.apply_overrides`` paths) that put a value into the scenario.

Moved assumptions: call volume, handle time, the handle-time change after the move, caller
patience (mean; Erlang A only), shrinkage, the occupancy cap, the break length and the shift
lengths of the roster, and the cost per FTE. Not moved: the shape of the patience distribution
(the planning model and the whole-design simulation take exponential patience only) and a period
target (the scenario has no such key yet).
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sim.pipeline import scenario_model
from sim.scenario import RiskRanges, Scenario, apply_overrides
from sim.scenario.schema import MAX_AHT, MAX_PATIENCE

__all__ = ["ASSUMPTIONS", "Assumption", "assumptions", "risk_seed", "volume_edits", "with_settings"]

BREAK_STEP = 15
"""Minutes a drawn break length is rounded to (a break off the 15-minute grid would make the
roster place it on a finer one, slower to solve)."""
_EXTRA_SHIFTS = (4.0, 6.0)
"""Shift lengths the "more shift lengths" end of the shift rules adds (hours)."""


@dataclass(frozen=True)
class Assumption:
    """One assumption of a scenario with its range.

    Attributes
    ----------
    name : str
        Key of ``[risk.ranges]`` (``volume``, ``aht``, ...).
    label : str
        Words for a table or a chart axis.
    unit : str
        ``"x today"`` for a factor on the scenario's values, else the key's unit.
    base, low, high
        The scenario's value and the two ends of the range (a factor's base is 1; the shift
        rules' values are tuples of shift lengths).
    overrides : callable
        ``overrides(value) -> dict`` of ``apply_overrides`` edits putting ``value`` in the scenario.
    numeric : bool
        Whether values between low and high exist (all but the shift lengths): only those are
        drawn in the Monte Carlo.
    step : float
        Values are whole multiples of it (0: any value), as drawn and as applied.
    """

    name: str
    label: str
    unit: str
    base: object
    low: object
    high: object
    overrides: Callable[[object], dict]
    numeric: bool = True
    step: float = 0.0

    def rounded(self, value):
        """``value`` on this assumption's grid (see ``step``)."""
        return self.step * np.round(np.asarray(value) / self.step) if self.step else value


def _scaled(items, path: str, key: str, cap: float | None = None):
    """Edits multiplying ``key`` of every element of ``items`` (at ``path[i]``) by a factor."""

    def edits(factor) -> dict:
        out = {}
        for i, item in enumerate(items):
            value = getattr(item, key)
            if value is not None:
                scaled = value * float(factor)
                out[f"{path}[{i}].{key}"] = scaled if cap is None else min(scaled, cap)
        return out

    return edits


def _with_sites(scenario: Scenario, key: str, cap: float, site_keys: tuple[str, ...]):
    """Edits multiplying every line's ``key`` and every site's own tables ``site_keys`` (line ->
    seconds, or line -> seconds per interval; a 0 stays 0) by a factor, at most ``cap``."""
    lines = _scaled(scenario.lines, "lines", key, cap)

    def edits(factor) -> dict:
        out = lines(factor)
        for i, site in enumerate(scenario.sites):
            for name in site_keys:
                table = getattr(site, name)
                if table:
                    out[f"sites[{i}].{name}"] = {
                        line: np.minimum(np.multiply(value, float(factor)), cap).tolist()
                        for line, value in table.items()
                    }
        return out

    return edits


def with_settings(scenario: Scenario, settings: dict) -> Scenario:
    """``scenario`` with keys of its ``[risk]`` table replaced (``{"samples": 50,
    "ranges.volume": [0.8, 1.2]}``), validated like the file: a bad value raises
    ``ScenarioError`` naming ``risk.<key>``."""
    edits = {"risk": scenario.risk_settings.model_dump(mode="json")}
    edits |= {f"risk.{key}": value for key, value in settings.items()}
    return apply_overrides(scenario, edits)


def risk_seed(scenario: Scenario) -> int:
    """Seed of the risk analysis: ``risk.seed``, else the scenario's ``general.seed``."""
    seed = scenario.risk_settings.seed
    return scenario.general.seed if seed is None else seed


def volume_edits(scenario: Scenario, factor: float) -> dict:
    """Edits multiplying every site's calls by ``factor`` (its ``volume_scale``)."""
    return _scaled(scenario.sites, "sites", "volume_scale")(factor)


def _cost_edits(scenario: Scenario):
    parts = (
        _scaled(scenario.sites, "sites", "cost_per_fte"),
        _scaled(scenario.hubs, "hubs", "cost_per_fte"),
        _scaled(scenario.workforce.support_roles, "workforce.support_roles", "annual_cost"),
    )
    return lambda factor: {k: v for part in parts for k, v in part(factor).items()}


def _set(path: str, cast=float):
    return lambda value: {path: cast(value)}


def _occupancy(value) -> dict:
    """A cap of 1 (or more) is no cap: agents can never be busier than all the time."""
    return {"targets.max_occupancy": min(float(value), 1.0)}


def _patience_shape(scenario: Scenario):
    """Edits giving every line's patience the coefficient of variation ``cv``: exponential at 1
    (the Erlang A assumption), gamma below or above it, the mean unchanged."""

    def edits(cv) -> dict:
        out = {}
        for i in range(len(scenario.lines)):
            exponential = abs(float(cv) - 1.0) < 1e-9
            out[f"lines[{i}].patience_dist"] = "exponential" if exponential else "gamma"
            out[f"lines[{i}].patience_cv"] = None if exponential else float(cv)
        return out

    return edits


def _shape_base(scenario: Scenario) -> float:
    """The lines' patience cv when they share one (1 for exponential patience)."""
    cvs = {1.0 if line.patience_cv is None else line.patience_cv for line in scenario.lines}
    return cvs.pop() if len(cvs) == 1 else 1.0


def _around(base: float, step: float, low: float, high: float) -> tuple[float, float]:
    return round(max(low, base - step), 9), round(min(high, base + step), 9)


def _lengths_range(scenario: Scenario) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Fewer shift lengths (the longest alone) to more (the base plus 4 h and 6 h shifts that fit
    the interval grid)."""
    base = scenario.workforce.lengths
    minutes = scenario.general.interval_minutes
    extra = tuple(h for h in _EXTRA_SHIFTS if h not in base and (h * 60) % minutes == 0)
    return (max(base),), tuple(sorted(base + extra, reverse=True))


def _pair(value) -> tuple:
    return tuple(value) if value is not None else None


def assumptions(scenario: Scenario) -> tuple[Assumption, ...]:
    """The scenario's assumptions, in :data:`ASSUMPTIONS` order, with their ranges.

    Ranges come from the scenario's ``[risk.ranges]``; each one left out defaults to: volume,
    cost per FTE x0.9-1.1, AHT x0.95-1.05 and patience x0.75-1.25 (the lines' and the sites'
    own), patience's shape from gamma with cv 0.5 to exponential (the shape moves only what is
    simulated: designs staffed by simulation and the resilience shocks; Erlang A staffing
    assumes exponential patience), AHT change and
    shrinkage the scenario's value -+0.05 and -+0.04, occupancy cap its value -0.05 to +0.05,
    break -+30 minutes, shift lengths the longest alone to the scenario's plus 4 h and 6 h, target
    period every interval to the week.
    Patience is left out under Erlang C (nobody hangs up), the break when no shift has one.
    """
    given = scenario.risk_settings.ranges
    w, t = scenario.workforce, scenario.targets
    occupancy = 1.0 if t.max_occupancy is None else t.max_occupancy
    found = [
        ("volume", "Call volume", "x today", 1.0, (0.9, 1.1), lambda f: volume_edits(scenario, f)),
        (
            "aht",
            "Handle time (AHT)",
            "x today",
            1.0,
            (0.95, 1.05),
            _with_sites(scenario, "aht", MAX_AHT, ("aht", "week_aht")),
        ),
        (
            "aht_change",
            "AHT change after the move",
            "share",
            scenario.design.aht_change,
            _around(scenario.design.aht_change, 0.05, -0.49, 1.0),
            _set("design.aht_change"),
        ),
        (
            "patience",
            "Caller patience (mean)",
            "x today",
            1.0,
            (0.75, 1.25),
            _with_sites(scenario, "patience", MAX_PATIENCE, ("patience",)),
        ),
        (
            "patience_cv",
            "Caller patience (shape, cv)",
            "cv",
            _shape_base(scenario),
            (0.5, 1.0),
            _patience_shape(scenario),
        ),
        (
            "shrinkage",
            "Shrinkage",
            "share",
            w.shrinkage,
            _around(w.shrinkage, 0.04, 0.0, 0.89),
            _set("workforce.shrinkage"),
        ),
        (
            "max_occupancy",
            "Occupancy cap",
            "share (1 = none)",
            occupancy,
            (0.85, 1.0) if t.max_occupancy is None else _around(occupancy, 0.05, 0.5, 1.0),
            _occupancy,
        ),
        (
            "break_minutes",
            "Break per shift",
            "minutes",
            w.break_minutes,
            _around(w.break_minutes, 30, 0, 180),
            _set("workforce.break_minutes", lambda v: round(float(v))),
        ),
        (
            "shift_lengths",
            "Shift lengths",
            "hours",
            w.lengths,
            _lengths_range(scenario),
            _set("workforce.shift_lengths", list),
        ),
        ("cost_per_fte", "Cost per FTE", "x today", 1.0, (0.9, 1.1), _cost_edits(scenario)),
        (
            "target_period",
            "Target period",
            "interval, day or week",
            t.period,
            ("interval", "week"),
            _set("targets.period", str),
        ),
    ]
    skip = set()
    if not scenario_model(scenario).abandonment:
        skip |= {"patience", "patience_cv"}
    if not any(w.break_minutes > 0 and h > w.break_after_hours for h in w.lengths):
        skip.add("break_minutes")
    if w.contracts:
        skip.add("shift_lengths")  # each contract has its own lengths
    out = []
    for name, label, unit, base, default, edits in found:
        if name in skip:
            continue
        low, high = _pair(getattr(given, name)) or default
        step = BREAK_STEP if name == "break_minutes" else 0.0
        numeric = name not in CHOICES
        out.append(Assumption(name, label, unit, base, low, high, edits, numeric, step=step))
    return tuple(out)


CHOICES = ("shift_lengths", "target_period")
"""Assumptions whose values are choices, not numbers: in the tornado, not drawn in the bands."""

ASSUMPTIONS = tuple(RiskRanges.model_fields)
"""Names of the assumptions a risk analysis may move (the keys of ``[risk.ranges]``)."""
