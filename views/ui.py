"""How every page shows a chart or a table: the figure, one sentence on what it is, and downloads.

A consultant lifts charts straight into a deck and tables into a spreadsheet, so every chart comes
with PNG, SVG and PDF buttons (files made by :func:`sim.charts.export` when the button is pressed)
and every table with a CSV button. The on-screen picture is rendered once per scenario and chart
and cached, so moving between pages stays quick.
"""

import io
import re
from collections.abc import Callable

import pandas as pd
import streamlit as st
from matplotlib.figure import Figure

from sim import charts
from sim.charts.style import display_name as design_label
from sim.figures import FIGURES, HEADLINE, figure

__all__ = ["chart", "design_label", "headline", "pick_design", "slug", "summary_table", "table"]

SCREEN_DPI = 144
"""Resolution of the on-screen picture (the PNG download is the 300 dpi export)."""

ROW_PX = 35
"""Height of a table row on screen (pixels, Streamlit's default)."""
MAX_FULL_ROWS = 25
"""Tables up to this many rows are shown whole; longer ones scroll."""

_MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


@st.cache_data(max_entries=256, ttl=3600, show_spinner=False)
def _screen_png(key: tuple, _build: Callable[[], Figure]) -> bytes:
    buffer = io.BytesIO()
    _build().savefig(buffer, format="png", dpi=SCREEN_DPI)
    return buffer.getvalue()


def slug(text: str) -> str:
    """A file-name-safe version of ``text``: ``"Provincial plan"`` -> ``"provincial-plan"``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "chart"


def chart(key: tuple, build: Callable[[], Figure], explanation: str, filename: str) -> None:
    """Show the figure ``build()`` makes, its one-sentence explanation and PNG/SVG/PDF downloads.

    Parameters
    ----------
    key : tuple
        Hashable identity of the figure (scenario digest, chart name, options): equal keys must
        mean equal figures, because the on-screen picture is cached on it.
    build : callable
        Makes the figure (a :mod:`sim.charts` function with its arguments bound).
    explanation : str
        What the figure shows, from which model, under which assumptions.
    filename : str
        Download file name without extension.
    """
    st.image(_screen_png(key, build), width="stretch")
    st.caption(explanation)
    columns = st.columns([1, 1, 1, 5])
    for column, fmt in zip(columns, charts.FORMATS, strict=False):
        column.download_button(
            f"{fmt.upper()}",
            data=lambda fmt=fmt: charts.export(build(), fmt),
            file_name=f"{filename}.{fmt}",
            mime=_MIME[fmt],
            key=f"download-{filename}-{fmt}",
            on_click="ignore",
            icon=":material/download:",
            help=f"Download this chart as {fmt.upper()}",
        )


def table(
    frame: pd.DataFrame,
    explanation: str,
    filename: str,
    column_config: dict | None = None,
    hide_index: bool = True,
    csv: pd.DataFrame | None = None,
) -> None:
    """Show a table, its one-sentence explanation and a CSV download.

    The CSV holds ``csv`` when given (e.g. the unrounded numbers behind a formatted table), else
    exactly the table shown.
    """
    rows = len(frame)
    height = (rows + 1) * ROW_PX + 3 if rows <= MAX_FULL_ROWS else "auto"
    st.dataframe(frame, column_config=column_config, hide_index=hide_index, height=height)
    st.caption(explanation)
    data, index = (frame, not hide_index) if csv is None else (csv, True)
    st.download_button(
        "CSV",
        data=lambda: data.to_csv(index=index),
        file_name=f"{filename}.csv",
        mime="text/csv",
        key=f"download-{filename}-csv",
        on_click="ignore",
        icon=":material/download:",
        help="Download this table as CSV",
    )


def pick_design(designs: list[str], key: str, label: str = "Consolidation design") -> str:
    """A control to choose one design (shown only when there is a choice)."""
    if len(designs) == 1:
        return designs[0]
    return (
        st.segmented_control(label, designs, default=designs[0], format_func=design_label, key=key)
        or designs[0]
    )


def summary_table(summary: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The headline figures with one column per design, formatted for reading."""
    rows = {}
    for key in HEADLINE:
        entry = FIGURES[key]
        rows[entry.title(currency)] = [entry.format(value) for value in summary[key]]
    frame = pd.DataFrame(rows, index=[design_label(d) for d in summary.index]).T
    frame.index.name = "figure"
    return frame


def figure_columns(columns, currency: str, table: str | None = None) -> dict:
    """Streamlit column settings (title with unit, number format) of table ``columns`` from the
    figures catalogue (``sim.figures.figure(column, table)``)."""
    settings = {}
    for column in columns:
        entry = figure(column, table)
        fmt = "percent" if entry.is_share else entry.fmt.replace("{:", "%").replace("}", "")
        settings[column] = st.column_config.NumberColumn(entry.title(currency), format=fmt)
    return settings


def _pair(columns, what: str, today, after, design: str, percent: bool, fewer_better: bool):
    """Today's figure and the design's, with the change, in two metric columns."""
    unit = "" if percent else " (FTE)"
    shown = "{:.1%}" if percent else "{:,.0f}"
    delta = f"{100 * (after - today):+.1f} pts" if percent else f"{after - today:+,.0f}"
    columns[0].metric(f"{what} today{unit}", shown.format(today))
    columns[1].metric(
        f"{what} {design_label(design).lower()}{unit}",
        shown.format(after),
        delta=delta,
        delta_color="inverse" if fewer_better else "normal",
    )


def headline(comparison, design: str, service: bool = False) -> None:
    """Headcount today and after, people and money saved; service and abandonment if asked.

    Parameters
    ----------
    comparison : sim.Comparison
        The results to show.
    design : str
        The consolidated design set against today's scattered centres.
    service : bool
        Add a second row: service level and abandonment today and after.
    """
    summary, saved = comparison.summary, comparison.savings.loc[design]
    today, after = summary.loc["scattered"], summary.loc[design]
    currency = comparison.scenario.general.currency
    cols = st.columns(4)
    _pair(
        cols[:2],
        "Headcount",
        today["headcount_total"],
        after["headcount_total"],
        design,
        False,
        True,
    )
    cols[2].metric(
        "People saved (FTE)", f"{saved['headcount']:,.0f}", delta=f"{saved['percent']:.1f} %"
    )
    cols[3].metric(f"Annual cost saved ({currency})", f"{saved['annual_cost']:,.0f}")
    if service:
        cols = st.columns(4)
        for columns, what, key, fewer_better in (
            (cols[:2], "Service level", "service_level", False),
            (cols[2:], "Abandoned", "abandon_rate", True),
        ):
            _pair(columns, what, today[key], after[key], design, True, fewer_better)
