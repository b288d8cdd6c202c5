"""Plain-text tables of headline figures shared by the subcommands (labels and formats from the
figures catalogue, ``sim.figures``)."""

from sim.figures import FIGURES


def summary_lines(keys, names, width: int, cell, currency: str | None = None) -> list[str]:
    """A header row of design names and one row per figure in ``keys``; ``cell(name, key)``
    gives the value, or the text, shown for a design."""
    titles = {key: FIGURES[key].title(currency) for key in keys}
    label_width = max(len(title) for title in titles.values()) + 2
    lines = [" " * label_width + "".join(f"{n:>{width + 2}}" for n in names)]
    for key in keys:
        cells = []
        for n in names:
            value = cell(n, key)
            shown = value if isinstance(value, str) else FIGURES[key].format(value)
            cells.append(f"{shown:>{width + 2}}")
        lines.append(f"{titles[key]:<{label_width}}" + "".join(cells))
    return lines
