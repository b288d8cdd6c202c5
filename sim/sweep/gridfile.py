"""Grid files: a sweep design written in TOML next to the scenario it varies.

An analyst's overnight run is two files: the scenario (what is today and what would change) and a
grid file saying which what-ifs to try. The grid file has up to four parts, all optional but at
least one; the design is every combination of them (see ``docs/sweeps.md``)::

    [grid]                      # lists of values: full factorial
    "targets.service_level" = [0.8, 0.85, 0.9]

    [ranges]                    # evenly spaced values, both ends included
    "design.aht_change" = { start = 0.0, stop = 0.15, num = 4 }
    "design.cross_trained" = { start = 0.0, stop = 1.0, step = 0.25 }

    [sample]                    # Latin hypercube sample over ranges
    n = 200
    seed = 1
    integers = ["workforce.min_agents_open"]
    bounds = { "sites[*].volume_scale" = [0.8, 1.3], "workforce.min_agents_open" = [1, 5] }

    [[points]]                  # explicit points, one table each
    "lines[customer_service].patience" = 60
"""

from pathlib import Path
from typing import Any

from sim.errors import InputError
from sim.scenario.limits import parse_toml, read_text, shape_problems
from sim.sweep.grid import cross, expand, latin_hypercube, span

__all__ = ["load_grid", "parse_grid"]

_PARTS = ("grid", "ranges", "sample", "points")
_RANGE_KEYS = ("start", "stop", "num", "step")
_SAMPLE_KEYS = ("n", "seed", "bounds", "integers")


def _table(data: dict, name: str) -> dict:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise InputError(f"{name}: must be a table ([{name}]), got {table!r}")
    return table


def _ranges(table: dict) -> dict[str, list]:
    axes = {}
    for key, spec in table.items():
        if not isinstance(spec, dict):
            raise InputError(f"ranges.{key}: must be {{ start = ..., stop = ..., num = ... }}")
        unknown = sorted(set(spec) - set(_RANGE_KEYS))
        if unknown or "start" not in spec or "stop" not in spec:
            raise InputError(
                f"ranges.{key}: needs start, stop and one of num or step; "
                f"allowed keys: {', '.join(_RANGE_KEYS)}"
                + (f" (unknown: {', '.join(unknown)})" if unknown else "")
            )
        try:
            axes[key] = span(
                spec["start"], spec["stop"], num=spec.get("num"), step=spec.get("step")
            )
        except (TypeError, ValueError) as err:
            raise InputError(f"ranges.{key}: {err}") from None
    return axes


def _sample(table: dict) -> list[dict[str, Any]]:
    unknown = sorted(set(table) - set(_SAMPLE_KEYS))
    if unknown:
        raise InputError(f"sample: unknown keys {unknown}; allowed keys: {', '.join(_SAMPLE_KEYS)}")
    if "n" not in table or "bounds" not in table:
        raise InputError("sample: needs n (number of points) and bounds = { KEY = [low, high] }")
    return latin_hypercube(
        _table(table, "bounds"),
        table["n"],
        seed=table.get("seed", 0),
        integers=table.get("integers", ()),
    )


def parse_grid(data: dict | str) -> list[dict[str, Any]]:
    """The points of a grid file given as TOML text or as the parsed dict.

    Returns
    -------
    list of dict
        One override dict per point: the factorial of ``[grid]`` and ``[ranges]``, crossed with
        the ``[sample]`` points and the ``[[points]]`` tables, each when present.

    Raises
    ------
    ValueError
        Naming the table and key of the first problem.
    """
    if isinstance(data, str):
        data = parse_toml(data, "grid file: TOML syntax")
    found = shape_problems(data)
    if found:
        raise InputError([f"grid file: {problem}" for problem in found])
    unknown = sorted(set(data) - set(_PARTS))
    if unknown:
        raise InputError(f"grid file: unknown tables {unknown}; allowed: {', '.join(_PARTS)}")
    if not any(part in data for part in _PARTS):
        raise InputError(f"grid file: give at least one of the tables {', '.join(_PARTS)}")
    clash = sorted(set(_table(data, "grid")) & set(_table(data, "ranges")))
    if clash:
        raise InputError(f"grid file: keys both in [grid] and [ranges]: {clash}")
    factorial = {**_table(data, "grid"), **_ranges(_table(data, "ranges"))}
    designs = [expand(factorial)] if factorial else []
    if "sample" in data:
        designs.append(_sample(_table(data, "sample")))
    if "points" in data:
        points = data["points"]
        if not isinstance(points, list):
            raise InputError("points: must be an array of tables ([[points]])")
        designs.append(expand(points))
    return cross(*designs)


def load_grid(path: str | Path) -> list[dict[str, Any]]:
    """Read a grid file (TOML, see :func:`parse_grid`) and return its points."""
    return parse_grid(read_text(path, "grid file"))
