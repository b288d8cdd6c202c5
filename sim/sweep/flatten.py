"""Flat rows from a comparison: one what-if becomes one line of an analyst's table.

``Comparison.summary`` (one row per design) and ``Comparison.savings`` (one row per alternative
design) become columns ``{design}.{column}`` (``centralised.headcount_total``) and
``saving.{design}.{column}`` (``saving.centralised.headcount``), so thousands of points load into
one pandas DataFrame with one row each.
"""

import pandas as pd

from sim.comparison import Comparison

__all__ = ["comparison_row"]


def _flat(table: pd.DataFrame, prefix: str) -> dict[str, float]:
    numbers = table.select_dtypes("number")
    values = numbers.to_numpy(dtype=float)
    return {
        f"{prefix}{design}.{column}": float(values[i, j])
        for i, design in enumerate(numbers.index)
        for j, column in enumerate(numbers.columns)
    }


def comparison_row(result: Comparison) -> dict[str, float]:
    """Flatten a comparison into ``{design}.{summary column}`` and ``saving.{design}.{column}``.

    Non-numeric summary columns (``kind``) are left out: the design name says it.
    """
    return {**_flat(result.summary, ""), **_flat(result.savings, "saving.")}
