"""Uncertainty bands: how sure the saving is when every assumption is uncertain at once.

"How sure are you?" The assumptions of ``sim.risk.assumptions`` with a continuous range are drawn
together, ``samples`` times, by a Latin hypercube (``sim.sweep.latin_hypercube``, seeded: the same
seed gives the same draws) mapped onto each range by the stated distribution: ``triangular``
(most likely at the scenario's own value, never outside the range) or ``uniform``. Every draw goes
through the analytic pipeline on the sweep's executors, and each headline figure gets its P10,
P50 and P90 over the draws ("9 in 10 draws save at least the P10 figure"), with the probability
that the saving falls below the threshold the planner sets. The shift lengths, a choice rather
than a number, stay at the scenario's value (the tornado shows them).
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from sim import sweep
from sim.comparison import Comparison
from sim.figures import HEADLINE
from sim.risk.assumptions import Assumption, assumptions
from sim.risk.tornado import SAVING_FIGURES

__all__ = ["Bands", "bands", "draws"]

BANDED = tuple(key for key in HEADLINE if key != "headcount_total_uncapped")
"""Headline figures the Monte Carlo bands (each draw runs ``sim.compare(headline_only=True)``)."""

PERCENTILES = (10, 50, 90)


@dataclass(frozen=True)
class Bands:
    """The Monte Carlo of a scenario's headline figures.

    Attributes
    ----------
    table : DataFrame
        One row per design and figure: ``design``, ``figure`` (``saving_headcount``,
        ``saving_percent``, ``saving_annual_cost`` for the consolidated designs, then the
        :data:`sim.figures.HEADLINE` figures of every design but the headcount with the occupancy
        cap lifted, which the draws do not compute: the cap is itself a drawn assumption),
        ``base`` (the scenario's value),
        ``p10``, ``p50``, ``p90`` and ``mean`` over the draws that could be planned.
    draws : DataFrame
        One row per draw: the assumptions' values and, per consolidated design,
        ``saving_headcount.<design>``; ``error`` says why a draw could not be planned.
    samples, used : int
        Draws asked for, and draws planned (the others' ``error`` is set).
    seed : int
        Seed of the Latin hypercube.
    distribution : str
        ``triangular`` or ``uniform``.
    threshold : float
        Headcount saved (FTE) below which a draw counts as a shortfall.
    below : dict
        Per consolidated design, the share of planned draws saving less than ``threshold``.
    """

    table: pd.DataFrame
    draws: pd.DataFrame = field(repr=False)
    samples: int
    used: int
    seed: int
    distribution: str
    threshold: float
    below: dict


def _spread(item: Assumption, unit: np.ndarray, distribution: str) -> np.ndarray:
    low, high = float(item.low), float(item.high)
    if high <= low:
        return np.full(unit.shape, low)
    if distribution == "uniform":
        return low + unit * (high - low)
    mode = (min(max(float(item.base), low), high) - low) / (high - low)
    return stats.triang.ppf(unit, mode, loc=low, scale=high - low)


def draws(comparison: Comparison, samples: int, seed: int, distribution: str) -> pd.DataFrame:
    """``samples`` joint draws of the numeric assumptions (one column each), Latin hypercube."""
    items = [item for item in assumptions(comparison.scenario) if item.numeric]
    unit = sweep.latin_hypercube({item.name: (0.0, 1.0) for item in items}, samples, seed=seed)
    return pd.DataFrame(
        {
            item.name: item.rounded(
                _spread(item, np.array([u[item.name] for u in unit]), distribution)
            )
            for item in items
        }
    )


def _edits(comparison: Comparison, values: pd.DataFrame) -> list[dict]:
    items = {item.name: item for item in assumptions(comparison.scenario)}
    return [
        {k: v for name, value in row.items() for k, v in items[name].overrides(value).items()}
        for row in values.to_dict("records")
    ]


def bands(
    comparison: Comparison,
    *,
    samples: int,
    seed: int,
    distribution: str = "triangular",
    threshold: float = 0.0,
    executor=None,
    out=None,
    progress: bool = True,
) -> Bands:
    """P10, P50 and P90 of every headline figure over a Latin-hypercube Monte Carlo.

    Parameters
    ----------
    comparison : Comparison
        ``sim.compare`` of the scenario (the base figures).
    samples : int
        Draws (>= 2).
    seed : int
        Seed of the Latin hypercube.
    distribution : {"triangular", "uniform"}
        How a draw spreads over each assumption's range.
    threshold : float
        Headcount saved (FTE) whose shortfall probability is reported.
    executor, out, progress
        As for :func:`sim.sweep.run` (``out`` makes the run resumable).
    """
    values = draws(comparison, samples, seed, distribution)
    table = sweep.run(
        comparison.scenario,
        _edits(comparison, values),
        engine="analytic_headline",
        executor=executor,
        out=out,
        progress=progress,
    )
    ok = table["error"].isna().to_numpy()
    alternatives = list(comparison.savings.index)
    rows = []
    for design in alternatives:
        saved = comparison.savings.loc[design]
        for key in SAVING_FIGURES:
            rows.append(_band(design, f"saving_{key}", saved[key], table[f"saving.{design}.{key}"]))
    for design in comparison.designs:
        for key in BANDED:
            base = comparison.summary.loc[design, key]
            rows.append(_band(design, key, base, table.get(f"{design}.{key}")))
    outcome = values.assign(error=table["error"].where(~ok, None).to_numpy())
    below = {}
    for design in alternatives:
        saved = table[f"saving.{design}.headcount"].to_numpy(dtype=float)
        outcome[f"saving_headcount.{design}"] = saved
        below[design] = float(np.mean(saved[ok] < threshold)) if ok.any() else float("nan")
    return Bands(
        table=pd.DataFrame(rows),
        draws=outcome,
        samples=samples,
        used=int(ok.sum()),
        seed=seed,
        distribution=distribution,
        threshold=float(threshold),
        below=below,
    )


def _band(design: str, figure: str, base, column: pd.Series | None) -> dict:
    values = np.array([]) if column is None else column.dropna().to_numpy(dtype=float)
    if values.size:
        p10, p50, p90 = (float(v) for v in np.percentile(values, PERCENTILES))
        mean = float(values.mean())
    else:
        p10 = p50 = p90 = mean = float("nan")
    return {
        "design": design,
        "figure": figure,
        "base": float(base),
        "p10": p10,
        "p50": p50,
        "p90": p90,
        "mean": mean,
    }
