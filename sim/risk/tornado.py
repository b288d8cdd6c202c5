"""The tornado: how far the headline saving moves when one assumption moves across its range.

"Which of our guesses does the saving hang on?" Each assumption of ``sim.risk.assumptions`` is set
to the low end of its range, then to the high end, the others staying at the scenario's values,
and the scenario goes through the analytic pipeline (``sim.compare``) at each end. The swing of
an assumption is the distance between the headcount saved at its two ends; the table is sorted by
swing, widest first, so the top bar of the chart is the guess to check before anything else.

The runs go through the sweep (``sim.sweep.run``): local processes or a Dask cluster, a progress
bar, and Parquet parts to resume from when an output file is given.
"""

import numpy as np
import pandas as pd

from sim import sweep
from sim.comparison import Comparison
from sim.risk.assumptions import Assumption, assumptions

__all__ = ["SAVING_FIGURES", "design_figures", "tornado"]

SAVING_FIGURES = ("headcount", "percent", "annual_cost")
"""The savings columns a risk analysis follows (``Comparison.savings``)."""


def design_figures(design: str) -> dict[str, str]:
    """Figure name -> sweep column of the headline of ``design``: the saving in people, percent
    and money, and the design's service level."""
    figures = {f"saving_{key}": f"saving.{design}.{key}" for key in SAVING_FIGURES}
    return figures | {"service_level": f"{design}.service_level"}


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def _base_figures(comparison: Comparison, design: str) -> dict[str, float]:
    saved = comparison.savings.loc[design]
    base = {f"saving_{key}": float(saved[key]) for key in SAVING_FIGURES}
    return base | {"service_level": float(comparison.summary.loc[design, "service_level"])}


def tornado(
    comparison: Comparison,
    *,
    design: str = "centralised",
    executor=None,
    out=None,
    progress: bool = True,
) -> pd.DataFrame:
    """The saving of ``design`` at the low and high end of every assumption, widest swing first.

    Parameters
    ----------
    comparison : Comparison
        ``sim.compare`` of the scenario (its figures are the base).
    design : str, default "centralised"
        The consolidated design whose saving is followed.
    executor, out, progress
        As for :func:`sim.sweep.run`.

    Returns
    -------
    DataFrame
        One row per assumption: ``assumption``, ``label``, ``unit``, ``base``, ``low``,
        ``high`` (inputs); for ``end`` in ``base``, ``low``, ``high``: ``saving_headcount_<end>``
        (FTE), ``saving_percent_<end>``, ``saving_annual_cost_<end>`` (currency a year) and
        ``service_level_<end>`` (of ``design``); ``error_low`` and ``error_high`` (None, or why
        that end could not be planned); ``swing_<figure>`` (``|high - low|`` of each figure).
        Sorted by ``swing_saving_headcount``, widest first.
    """
    items = assumptions(comparison.scenario)
    points = [item.overrides(end) for item in items for end in (item.low, item.high)]
    table = sweep.run(comparison.scenario, points, executor=executor, out=out, progress=progress)
    base = _base_figures(comparison, design)
    columns = design_figures(design)
    rows = [
        _row(item, base, table.iloc[2 * k], table.iloc[2 * k + 1], columns)
        for k, item in enumerate(items)
    ]
    frame = pd.DataFrame(rows)
    order = np.argsort(-frame["swing_saving_headcount"].fillna(-1.0).to_numpy(), kind="stable")
    return frame.iloc[order].reset_index(drop=True)


def _row(item: Assumption, base: dict, low: pd.Series, high: pd.Series, columns) -> dict:
    row = {
        "assumption": item.name,
        "label": item.label,
        "unit": item.unit,
        "base": _plain(item.base),
        "low": _plain(item.low),
        "high": _plain(item.high),
        **{f"{figure}_base": value for figure, value in base.items()},
    }
    for end, values in (("low", low), ("high", high)):
        for figure, column in columns.items():
            value = values.get(column)
            row[f"{figure}_{end}"] = float(value) if value is not None else float("nan")
        row[f"error_{end}"] = values["error"] if isinstance(values["error"], str) else None
    for figure in columns:
        row[f"swing_{figure}"] = abs(row[f"{figure}_high"] - row[f"{figure}_low"])
    return row
