"""One interval, end to end: calls per interval -> load -> agents -> the KPIs those agents give.

The small calculator behind ``python -m sim erlang`` and the app's Erlang page: a planner types the
calls in one interval, the AHT and the targets, and reads the agents needed and what they achieve.
"""

from sim import _checks, erlang


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
    ``patience``). Times in seconds; service level counts all offered calls."""
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
