"""Plain-text tables of headline figures shared by the subcommands."""

from sim.comparison import SUMMARY_FIGURES


def summary_lines(keys, names, width: int, cell) -> list[str]:
    """A header row of design names and one row per headline figure in ``keys``; ``cell(name,
    key)`` gives the value, or the text, shown for a design."""
    label_width = max(len(SUMMARY_FIGURES[key][0]) for key in keys) + 2
    lines = [" " * label_width + "".join(f"{n:>{width + 2}}" for n in names)]
    for key in keys:
        label, fmt = SUMMARY_FIGURES[key]
        cells = []
        for n in names:
            value = cell(n, key)
            cells.append(f"{value if isinstance(value, str) else fmt.format(value):>{width + 2}}")
        lines.append(f"{label:<{label_width}}" + "".join(cells))
    return lines
