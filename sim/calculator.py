"""One interval, end to end: calls per interval -> load -> agents -> the KPIs those agents give.

The small calculator behind ``python -m sim erlang`` and the app's Erlang page: a planner types the
calls in one interval, the AHT and the targets, and reads the agents needed and what they achieve.
"""

from sim import _checks, erlang
from sim.errors import InputError

MAX_CALLS = 10_000_000.0
"""Most calls in one interval (a whole country's contact centres take fewer)."""
_BOUNDS = {
    "calls": (0.0, MAX_CALLS, ""),
    "interval_minutes": (1.0, 1440.0, " minutes"),
    "aht": (1.0, 7200.0, " seconds"),
    "threshold": (0.0, 86_400.0, " seconds"),
    "max_asa": (0.001, 86_400.0, " seconds"),
    "max_occupancy": (0.1, 1.0, ""),
    "patience": (1.0, 86_400.0, " seconds"),
}
"""Range of each input of :func:`interval_staffing`: the scenario's bounds, for one interval."""


def _check_bounds(values: dict) -> None:
    for name, value in values.items():
        low, high, unit = _BOUNDS[name]
        if value is None or isinstance(value, bool | str):
            continue  # absent; or refused, with its name, by the Erlang functions
        if not low <= value <= high:
            raise InputError(f"{name}: must be between {low:g} and {high:,g}{unit}, got {value!r}")


def offered_load(calls, interval_minutes, aht):
    """Offered load in Erlangs: ``calls / (interval_minutes * 60) * aht``.

    Parameters
    ----------
    calls : float or array_like
        Offered calls in the interval (abandoned ones included), >= 0.
    interval_minutes : float
        Interval length in minutes, > 0.
    aht : float or array_like
        Average handle time in seconds, > 0.
    """
    calls = _checks.nonnegative(calls, "calls")
    minutes = _checks.positive(interval_minutes, "interval_minutes", " minutes")
    aht = _checks.positive(aht, "aht", " seconds")
    return calls / (minutes * 60.0) * aht


def interval_staffing(
    *,
    calls: float,
    interval_minutes: float,
    aht: float,
    service_level: float | None = 0.8,
    threshold: float = 20.0,
    max_asa: float | None = None,
    max_abandon: float | None = None,
    max_occupancy: float | None = None,
    patience: float | None = None,
) -> dict:
    """Agents needed for one interval and the KPIs they achieve (Erlang C, or Erlang A with
    ``patience``). Times in seconds; service level counts all offered calls. Each input is
    bounded (``_BOUNDS``) so that no figure comes from an overflow."""
    _check_bounds(
        {
            "calls": calls,
            "interval_minutes": interval_minutes,
            "aht": aht,
            "threshold": threshold,
            "max_asa": max_asa,
            "max_occupancy": max_occupancy,
            "patience": patience,
        }
    )
    load = float(offered_load(calls, interval_minutes, aht))
    agents = int(
        erlang.required_agents(
            load,
            aht,
            service_level=service_level,
            threshold=threshold,
            max_asa=max_asa,
            max_abandon=max_abandon,
            max_occupancy=max_occupancy,
            patience=patience,
        )
    )
    result = {
        "model": "erlang_c" if patience is None else "erlang_a",
        "calls": float(calls),
        "interval_minutes": float(interval_minutes),
        "load_erlangs": load,
        "agents": agents,
    }
    if patience is None:
        result |= {
            "service_level": float(erlang.service_level(agents, load, aht, threshold)),
            "p_wait": float(erlang.erlang_c(agents, load)),
            "asa_seconds": float(erlang.asa(agents, load, aht)),
            "abandon_rate": 0.0,
            "occupancy": float(erlang.occupancy(agents, load)),
        }
    else:
        res = erlang.erlang_a(agents, load, aht, patience, threshold)
        result |= {
            "service_level": float(res.service_level),
            "p_wait": float(res.p_wait),
            "asa_seconds": float(res.asa),
            "abandon_rate": float(res.p_abandon),
            "occupancy": float(res.occupancy),
        }
    return result
