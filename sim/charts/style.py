"""The house style: one look for every chart, so a deck of them reads as one report.

A consultant pastes these figures into a board deck next to each other: the same fonts, the same
muted grid, titles that say which scenario and what is shown, and the same colour for the same
thing everywhere (scattered is always vermillion, centralised always blue). Colours come from the
Okabe-Ito palette (safe for the common colour-vision deficiencies); stacks of many parts use Paul
Tol's "muted" palette with grey for "others".

Matplotlib reads its defaults (``rcParams``) from one process-wide dict. The app serves several
users at once from threads, so every chart is built, and every export drawn, inside
:func:`house_style`: a lock plus ``matplotlib.rc_context(STYLE)``. Figures are
``matplotlib.figure.Figure`` objects with an Agg canvas; pyplot is never used.
"""

import functools
import textwrap
import threading
from collections.abc import Iterable
from contextlib import contextmanager

import matplotlib
from cycler import cycler
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = [
    "ADDED",
    "DESIGN_COLOURS",
    "INK",
    "MUTED",
    "OTHERS",
    "SAVED",
    "STYLE",
    "design_colours",
    "display_name",
    "house_style",
    "in_words",
    "new_figure",
    "styled",
    "title",
]

INK = "#333333"
GRID = "#DDDDDD"
DESIGN_COLOURS = {"scattered": "#D55E00", "centralised": "#0072B2"}
ALTERNATIVE_COLOURS = ("#CC79A7", "#56B4E9", "#009E73", "#E69F00", "#000000", "#999999")
SAVED = "#009E73"
ADDED = "#E69F00"
MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255")
OTHERS = "#BBBBBB"

FONT_SIZE = 10
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": FONT_SIZE,
    "text.color": INK,
    "axes.titlesize": FONT_SIZE,
    "axes.titlelocation": "left",
    "axes.titlecolor": INK,
    "axes.labelsize": FONT_SIZE,
    "axes.labelcolor": INK,
    "axes.edgecolor": INK,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.prop_cycle": cycler(color=MUTED),
    "grid.color": GRID,
    "grid.linewidth": 0.6,
    "legend.fontsize": FONT_SIZE - 1,
    "legend.frameon": False,
    "lines.linewidth": 1.6,
    "figure.facecolor": "white",
    "figure.titlesize": FONT_SIZE + 3,
    "figure.titleweight": "bold",
    "savefig.facecolor": "white",
    "svg.fonttype": "path",
    "svg.hashsalt": "sim.charts",
    "pdf.fonttype": 42,
}

_LOCK = threading.RLock()


@contextmanager
def house_style():
    """Apply :data:`STYLE` while building or drawing a figure (thread-safe, re-entrant)."""
    with _LOCK, matplotlib.rc_context(STYLE):
        yield


def styled(build):
    """Decorator: run a chart-building function inside :func:`house_style`."""

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        with house_style():
            return build(*args, **kwargs)

    return wrapper


def new_figure(width: float, height: float, nrows: int = 1, ncols: int = 1, **subplots):
    """A ``Figure`` (constrained layout, Agg canvas) of ``width`` x ``height`` inches and its axes.

    Extra keyword arguments go to ``Figure.subplots``; the axes come back squeezed like there.
    """
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols, **subplots)
    for ax in fig.axes:
        ax.tick_params(labelsize=FONT_SIZE - 1, colors=INK, length=3, width=0.8)
    return fig, axes


def title(fig: Figure, scenario: str, what: str) -> None:
    """Title a figure ``"<scenario>: <what>"``, wrapped to the figure's width (details go in the
    axes titles below it)."""
    chars = int(fig.get_figwidth() * 72 / (0.62 * STYLE["figure.titlesize"]))
    fig.suptitle(textwrap.fill(f"{scenario}: {what}", chars), x=0.01, ha="left")


def in_words(design: str) -> str:
    """A design's name inside a sentence: ``"three_regional_hubs"`` -> ``"three regional hubs"``."""
    return design.replace("_", " ")


def display_name(design: str) -> str:
    """A design's name as a label: ``"three_regional_hubs"`` -> ``"Three regional hubs"``."""
    text = in_words(design)
    return text[:1].upper() + text[1:]


def design_colours(names: Iterable[str]) -> dict[str, str]:
    """Colour of each design: the fixed ones for scattered and centralised, then the others in
    order of appearance (so a design keeps its colour across every chart of a comparison)."""
    out, k = {}, 0
    for name in names:
        if name in DESIGN_COLOURS:
            out[name] = DESIGN_COLOURS[name]
        elif name not in out:
            out[name] = ALTERNATIVE_COLOURS[k % len(ALTERNATIVE_COLOURS)]
            k += 1
    return out
