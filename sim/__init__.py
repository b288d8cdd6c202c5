"""Contact-centre consolidation capacity simulator.

``sim.erlang`` holds the analytic queueing core (Erlang B, C and A, staffing). The scenario
pipeline, the discrete-event simulation and the sweeps build on it.
"""

from sim.comparison import Comparison, compare
from sim.scenario import Scenario, ScenarioError, apply_overrides, load_scenario, parse_scenario

__all__ = [
    "Comparison",
    "Scenario",
    "ScenarioError",
    "apply_overrides",
    "compare",
    "load_scenario",
    "parse_scenario",
]
__version__ = "0.1.0"
