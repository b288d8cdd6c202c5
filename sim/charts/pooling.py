"""The pooling effect: why one big queue needs fewer agents per Erlang than many small ones.

Take a typical busy half hour. A single city centre carries, say, 50 Erlangs of load; the merged
centre carries the whole province's 500. Plot the service level each would give against the number
of agents, both per Erlang of its own load: the big queue's curve rises much more steeply, so it
reaches the target with fewer agents per Erlang (square-root staffing: n = a + beta sqrt(a)). The
curves use the scenario's queue model (Erlang A or C) with the queues' own handle and patience
times; the dots mark the agents the plan actually requires there.
"""

import numpy as np
from matplotlib.figure import Figure

from sim.charts.axes import gridlines, percent_axis
from sim.charts.data import (
    busy_interval,
    check_design,
    interval_labels,
    pool_label,
    threshold_words,
)
from sim.charts.style import INK, design_colours, in_words, new_figure, styled, title
from sim.comparison import Comparison
from sim.pipeline import DesignResult

__all__ = ["pooling_curve"]

_RATIO = (0.8, 1.6)


def _service_level(comparison: Comparison, queue: dict, agents):
    """Service level of ``agents`` for one queue under the comparison's queue model."""
    return comparison.model.service_level(
        agents, queue["load"], queue["aht"], queue["patience"], queue["threshold"]
    )


def _queue(result: DesignResult, pool: int, t: int) -> dict:
    plan = result.plan
    return {
        "name": result.topology.pools[pool].name,
        "load": float(plan.load[pool, t]),
        "aht": float(plan.aht[pool, t]),
        "patience": float(plan.patience[pool, t]),
        "agents": float(plan.erlang_agents[pool, t]),
        "threshold": float(plan.threshold[pool]),
        "target": float(plan.service_target[pool]),
    }


def _queues(comparison: Comparison, design: str) -> tuple[int, dict, dict]:
    """The busy interval, one typical site queue in it and the pooled queue that absorbs it."""
    pooled = comparison.designs[design]
    scattered = comparison.designs["scattered"]
    total = pooled.plan.load.sum(axis=0)
    t = busy_interval(total)
    k = int(np.argmax(pooled.plan.load[:, t]))
    members = set(pooled.topology.pools[k].members)
    sites = [
        i
        for i, pool in enumerate(scattered.topology.pools)
        if set(pool.members) <= members and scattered.plan.load[i, t] > 0
    ]
    loads = scattered.plan.load[sites, t]
    median = sites[int(np.argsort(loads, kind="stable")[(len(sites) - 1) // 2])]
    return t, _queue(scattered, median, t), _queue(pooled, k, t)


_MAX_POINTS = 400
"""Most agent counts drawn per curve: every count up to it, evenly spread ones past it, so that
a huge queue costs no more than a small one."""


def _agent_counts(low: int, high: int) -> np.ndarray:
    """Whole agent counts from ``low`` to ``high``: all of them, or ``_MAX_POINTS`` spread."""
    if high - low < _MAX_POINTS:
        return np.arange(low, high + 1)
    return np.unique(np.round(np.linspace(low, high, _MAX_POINTS)))


@styled
def pooling_curve(comparison: Comparison, design: str = "centralised") -> Figure:
    """Service level against agents per Erlang for one site's queue and the pooled queue.

    The interval is the one whose total load in ``design`` is nearest the 90th percentile of its
    busy intervals; the pooled queue is the design's biggest pool then, the site queue the median
    scattered queue that pool absorbs.

    Parameters
    ----------
    comparison : Comparison
        Result of ``sim.compare``.
    design : str, default "centralised"
        A pooled design of the comparison (not ``"scattered"``).

    Returns
    -------
    Figure
        One axes: x agents / offered load (agents per Erlang), y service level (share of offered
        calls answered within the threshold); a curve and a marker (the plan's requirement) per
        queue, the target dashed.

    Raises
    ------
    ValueError
        When ``design`` is not a pooled design of the comparison, or it receives no calls.
    """
    check_design(comparison, design, exclude=("scattered",))
    t, site, pooled = _queues(comparison, design)
    colours = design_colours(comparison.designs)
    fig, ax = new_figure(9.0, 5.4)
    right = max(_RATIO[1], 1.1 * max(q["agents"] / q["load"] for q in (site, pooled)))
    for queue, colour, who in (
        (site, colours["scattered"], "one site"),
        (pooled, colours[design], "pooled"),
    ):
        low, high = (int(np.floor(r * queue["load"])) for r in (_RATIO[0], right))
        agents = _agent_counts(max(low, 1), high + 1)
        sl = _service_level(comparison, queue, agents)
        need = queue["agents"]
        ax.step(
            agents / queue["load"],
            sl,
            where="post",
            color=colour,
            label=(
                f"{who} ({pool_label(queue['name'], comparison)}), {queue['load']:,.1f} Erlangs: "
                f"plan {need:,.0f} agents = {need / queue['load']:.2f} per Erlang"
            ),
        )
        need_sl = _service_level(comparison, queue, need)
        ax.plot(need / queue["load"], need_sl, "o", color=colour, markersize=7, zorder=3)
    for goal in sorted({site["target"], pooled["target"]}):
        ax.axhline(goal, color=INK, linestyle="--", linewidth=1.0, label=f"target {goal:.0%}")
    ax.set_xlim(_RATIO[0], right)
    ax.set_ylim(0.0, 1.005)
    percent_axis(ax)
    gridlines(ax, "both")
    ax.set_xlabel("Agents per Erlang of offered load (agents / load)")
    threshold = threshold_words([site["threshold"], pooled["threshold"]])
    ax.set_ylabel(f"Answered within {threshold} (% of offered calls)")
    ax.legend(loc="lower right", title="dots: agents the plan requires")
    model = comparison.model.label
    when = interval_labels(comparison)[t]
    ax.set_title(
        f"{when}, a busy interval: one site's {site['load']:,.1f} Erlangs vs the pooled "
        f"{pooled['load']:,.1f} Erlangs ({model})"
    )
    title(fig, comparison.scenario.general.name, f"pooling effect, scattered vs {in_words(design)}")
    return fig
