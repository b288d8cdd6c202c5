"""Contact-centre consolidation capacity simulator.

``sim.erlang`` holds the analytic queueing core (Erlang B, C and A, staffing). The scenario
pipeline, the discrete-event simulation and the sweeps build on it; ``docs/architecture.md`` maps
where each step lives.

The names below are imported on first use (module ``__getattr__``, as scipy does), so
``import sim.erlang`` or ``python -m sim erlang`` loads numpy and scipy only, not pandas, pydantic,
matplotlib or simpy.
"""

from importlib import import_module

__version__ = "0.1.0"

_LAZY = {
    "Comparison": "sim.comparison",
    "compare": "sim.comparison",
    "InputError": "sim.errors",
    "Scenario": "sim.scenario",
    "ScenarioError": "sim.scenario",
    "apply_overrides": "sim.scenario",
    "load_scenario": "sim.scenario",
    "parse_scenario": "sim.scenario",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'sim' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
