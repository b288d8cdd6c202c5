"""Risk next to the saving: which assumptions move it, how sure it is, and the worst day.

A steering committee asks two questions after "how much do we save?": "how sure are you?" and
"what happens when the one big centre has a bad day?". This package answers both from the same
pipeline the saving comes from:

- :mod:`sim.risk.assumptions`: the assumptions moved (volume, AHT, AHT change, patience,
  shrinkage, occupancy cap, break and shift lengths, cost per FTE) and their ranges
  (``[risk.ranges]`` of the scenario, else defaults around its values);
- :mod:`sim.risk.tornado`: :func:`tornado`, the saving at each end of each range, one at a time,
  sorted by swing;
- :mod:`sim.risk.bands`: :func:`bands`, P10/P50/P90 of every headline figure over a seeded
  Latin-hypercube Monte Carlo, and the probability that the saving falls below a threshold;
- :mod:`sim.risk.shocks`: :func:`resilience`, outages, surges, a low forecast and a closed hub
  played through the simulation with the rostered staff fixed, per design, with confidence
  intervals;
- :mod:`sim.risk.report`: :func:`analyse`, all three as one :class:`RiskReport`.

The analytic runs go through the sweep (``sim.sweep``: local processes or a Dask cluster,
resumable Parquet parts, progress bars), so this package needs the ``sweep`` extra.
"""

from sim.risk.assumptions import ASSUMPTIONS, Assumption, assumptions, with_settings
from sim.risk.bands import Bands, bands
from sim.risk.report import RiskReport, analyse
from sim.risk.shocks import SHOCKS, Resilience, resilience
from sim.risk.tornado import tornado

__all__ = [
    "ASSUMPTIONS",
    "SHOCKS",
    "Assumption",
    "Bands",
    "Resilience",
    "RiskReport",
    "analyse",
    "assumptions",
    "bands",
    "resilience",
    "tornado",
    "with_settings",
]
