"""Interval history from the ACD: read it, summarise it, build a scenario on it, estimate patience,
and check the model against what really happened.

A planner's first question is "does your model reproduce my centres?". Their raw material is the
interval report of the ACD or WFM system: one row per site, queue and 15- or 30-minute interval.
The package, one module per step, each returning pandas tables:

- :mod:`sim.history.columns`: the canonical columns and the names they are recognised by (English
  and Chinese), and the column map for anything else;
- :mod:`sim.history.read`: :func:`read_history`, checking every row (file, row and column in each
  message) and saying what it repaired;
- :mod:`sim.history.aggregate`: coarser intervals, the week a plan is built on (average, chosen or
  percentile week), :func:`summarise` per site and line;
- :mod:`sim.history.patience`: :func:`patience_estimate`, total wait over abandoned calls with an
  exact confidence interval (Mandelbaum & Zeltyn);
- :mod:`sim.history.derive`: :func:`scenario_from_history`, the scenario a history gives;
- :mod:`sim.history.calibrate`: :func:`calibrate`, the model on the real staffing against the
  real service level and abandonment;
- :mod:`sim.history.synthetic`: :func:`synthetic_history`, history simulated from known
  parameters (the demonstration data set and the tests).
"""

from sim.history.aggregate import summarise, to_interval, week_of
from sim.history.patience import patience_estimate
from sim.history.read import History, read_history

__all__ = [
    "History",
    "patience_estimate",
    "read_history",
    "summarise",
    "to_interval",
    "week_of",
]
