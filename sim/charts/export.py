"""Exporting a chart: PNG for slides, SVG for the web, PDF for print, with reproducible bytes.

A report that is rebuilt from the same scenario must give the same files, so a reviewer can diff
them and a cache can trust them: the timestamps and version strings matplotlib would write into the
files are left out, and the SVG element ids come from a fixed salt (see ``STYLE``).
"""

import io
from pathlib import Path

from matplotlib.figure import Figure

from sim.charts.style import house_style
from sim.errors import InputError

__all__ = ["FORMATS", "PNG_DPI", "export", "save"]

FORMATS = ("png", "svg", "pdf")
PNG_DPI = 300
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
}


def check_format(fmt: str) -> str:
    """``fmt`` lower-cased if it is one of :data:`FORMATS`, else a ``ValueError`` naming it."""
    name = str(fmt).strip().lower()
    if name not in FORMATS:
        raise InputError(f"format: unknown {fmt!r}; allowed: {', '.join(FORMATS)}")
    return name


def export(fig: Figure, fmt: str, *, dpi: int = PNG_DPI) -> bytes:
    """The figure as a PNG (300 dpi), SVG or PDF file, byte-identical for identical figures.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A chart of :mod:`sim.charts`.
    fmt : {"png", "svg", "pdf"}
        File format.
    dpi : int, default 300
        Resolution of a PNG, dots per inch (e.g. 100 for a screen preview); SVG and PDF are
        vector files and ignore it.

    Returns
    -------
    bytes
        The file's content.

    Raises
    ------
    ValueError
        For any other ``fmt``.
    """
    name = check_format(fmt)
    buffer = io.BytesIO()
    with house_style():
        fig.savefig(buffer, format=name, dpi=dpi, metadata=_METADATA[name])
    return buffer.getvalue()


def save(fig: Figure, path: str | Path) -> Path:
    """Write ``fig`` to ``path``; the format comes from the suffix (``.png``, ``.svg``, ``.pdf``).

    Returns the path written. Raises ``ValueError`` naming the suffix when it is not a format of
    :data:`FORMATS`.
    """
    path = Path(path)
    data = export(fig, path.suffix.lstrip(".") or path.name)
    path.write_bytes(data)
    return path
