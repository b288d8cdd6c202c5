"""Flat rows from a comparison: one what-if becomes one line of an analyst's table.

``Comparison.summary`` (one row per design) and ``Comparison.savings`` (one row per alternative
design) become columns ``{design}.{column}`` (``centralised.headcount_total``) and
``saving.{design}.{column}`` (``saving.centralised.headcount``), so thousands of points load into
one pandas DataFrame with one row each.
"""

from typing import Any

from sim.comparison import Comparison

__all__ = ["comparison_row"]


def comparison_row(result: Comparison) -> dict[str, Any]:
    """Flatten a comparison into ``{design}.{summary column}`` and ``saving.{design}.{column}``.

    Non-numeric summary columns (``kind``) are left out: the design name says it.
    """
    row: dict[str, Any] = {}
    for design, values in result.summary.iterrows():
        for column, value in values.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                row[f"{design}.{column}"] = float(value)
    for design, values in result.savings.iterrows():
        for column, value in values.items():
            row[f"saving.{design}.{column}"] = float(value)
    return row
