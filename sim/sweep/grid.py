"""Sweep designs: which scenario variants to run, as a list of override dicts.

An analyst asking "how does the saving move with AHT +0-15% and cross-training 0-100%?" is asking
for a table of what-ifs. Each what-if (a *point*) is a dict of dotted key paths of the scenario
(``design.aht_change``, ``sites[*].volume_scale``, ``lines[cards].aht``, ...) to values, applied to
the base scenario with :func:`sim.apply_overrides`. A *design* is the list of points:

- a **grid** ``{"design.aht_change": [0, 0.05, 0.1], "design.cross_trained": [0, 0.5, 1]}`` is
  the full factorial (every combination, the first key varying slowest);
- a **list of dicts** is taken as it is (one point per dict: non-grid designs);
- :func:`span` writes evenly spaced values (``span(0, 0.15, num=4)``);
- :func:`latin_hypercube` draws a space-filling random sample over ranges
  (``scipy.stats.qmc.LatinHypercube``), reproducible from its seed;
- :func:`cross` combines designs (every point of one with every point of the other).
"""

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from scipy.stats import qmc

from sim.errors import InputError

__all__ = ["MAX_POINTS", "cross", "expand", "latin_hypercube", "span"]

MAX_POINTS = 100_000
"""Most points in one sweep design (checked before any list of points is built): at a second a
point that is a day on 2 cores; split a larger study into several sweeps."""


def _check_count(count: float, where: str) -> None:
    if count > MAX_POINTS:
        raise InputError(f"{where}: {count:,.0f} points; the limit is {MAX_POINTS:,} per sweep")


def plain(value: Any) -> Any:
    """``value`` as plain Python (numpy scalars and arrays to numbers and lists) for hashing."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _values(key: str, values: Any) -> list:
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise InputError(
            f"grid.{key}: must be a list of values, got {values!r} "
            f"(write [{values!r}] for a single value)"
        )
    values = [plain(v) for v in values]
    if not values:
        raise InputError(f"grid.{key}: empty list of values")
    return values


def _check_key(key: Any, where: str) -> str:
    if not isinstance(key, str) or not key:
        raise InputError(f"{where}: keys must be dotted key paths (text), got {key!r}")
    return key


def expand(grid: Mapping[str, Iterable] | Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The points of a design: a grid's full factorial, or a list of dicts as given.

    Parameters
    ----------
    grid : dict of str -> list, or list of dict
        Dotted key path -> values to try (every combination, first key slowest), or one override
        dict per point.

    Returns
    -------
    list of dict
        One override dict per point, values as plain Python numbers, strings and lists.

    Raises
    ------
    ValueError
        For a grid that is neither, an empty value list or a key that is not text.
    """
    if isinstance(grid, Mapping):
        keys = [_check_key(key, "grid") for key in grid]
        axes = [_values(key, grid[key]) for key in keys]
        _check_count(math.prod(len(axis) for axis in axes), "grid")
        return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*axes)]
    if isinstance(grid, Sequence) and not isinstance(grid, str | bytes):
        points = []
        for i, point in enumerate(grid):
            if not isinstance(point, Mapping):
                raise InputError(f"grid[{i}]: must be a dict of key path -> value, got {point!r}")
            points.append({_check_key(k, f"grid[{i}]"): plain(v) for k, v in point.items()})
        return points
    raise InputError(
        "grid: must be a dict of key path -> list of values, or a list of dicts "
        f"(one per point), got {type(grid).__name__}"
    )


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def span(start: float, stop: float, *, num: int | None = None, step: float | None = None) -> list:
    """Evenly spaced values from ``start`` to ``stop``, both included.

    Parameters
    ----------
    start, stop : float
        First and last value, in the unit of the key they feed.
    num : int, optional
        How many values (>= 2; 1 gives ``[start]``).
    step : float, optional
        Distance between values (> 0); ``stop - start`` must be a whole number of steps.

    Returns
    -------
    list of float
        Exactly one of ``num`` or ``step`` must be given.
    """
    if (num is None) == (step is None):
        raise InputError("span: give exactly one of num or step")
    if num is not None:
        if not isinstance(num, int) or isinstance(num, bool) or num < 1:
            raise InputError(f"span.num: must be a whole number >= 1, got {num!r}")
        _check_count(num, "span.num")
        return [float(v) for v in np.linspace(start, stop, num)]
    if not _is_number(start) or not _is_number(stop):
        raise InputError(f"span: start and stop must be finite numbers, got {start!r}, {stop!r}")
    if not _is_number(step) or not step > 0:
        raise InputError(f"span.step: must be a finite number > 0, got {step!r}")
    count = (stop - start) / step
    _check_count(count, "span.step")
    if count < 0 or not math.isclose(count, round(count), abs_tol=1e-9):
        raise InputError(
            f"span: stop - start ({stop} - {start}) must be a whole number >= 0 of steps of {step}"
        )
    return [float(v) for v in np.linspace(start, stop, round(count) + 1)]


def latin_hypercube(
    bounds: Mapping[str, Sequence[float]],
    n: int,
    *,
    seed: int = 0,
    integers: Iterable[str] = (),
) -> list[dict[str, float]]:
    """A Latin hypercube sample of ``n`` points over a box of key ranges.

    Each range is cut into ``n`` equal slices and every slice of every key is used exactly once,
    so a few hundred points cover the box far more evenly than independent random draws
    (McKay, Beckman & Conover 1979; ``scipy.stats.qmc.LatinHypercube``).

    Parameters
    ----------
    bounds : dict of str -> (low, high)
        Key path -> range, in the unit of the key (``low < high``).
    n : int
        Number of points, >= 1.
    seed : int, default 0
        Seed of the sample: the same seed gives the same points.
    integers : iterable of str
        Keys whose values must be whole numbers (agents, minutes): drawn uniformly among the
        integers ``low..high``.

    Returns
    -------
    list of dict
        One override dict per point.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise InputError(f"sample.n: must be a whole number >= 1, got {n!r}")
    _check_count(n, "sample.n")
    if not bounds:
        raise InputError("sample.bounds: give at least one key path = [low, high]")
    keys = [_check_key(key, "sample.bounds") for key in bounds]
    whole = set(integers)
    unknown = sorted(whole - set(keys))
    if unknown:
        raise InputError(f"sample.integers: keys without bounds: {unknown}")
    low, high = [], []
    for key in keys:
        pair = plain(bounds[key])
        numbers = isinstance(pair, list) and len(pair) == 2 and all(map(_is_number, pair))
        if not (numbers and pair[0] < pair[1]):
            raise InputError(
                f"sample.bounds.{key}: must be [low, high] numbers with low < high, got {pair}"
            )
        low.append(pair[0] + 0.0)
        high.append(pair[1] + (1.0 if key in whole else 0.0))
    unit = qmc.LatinHypercube(d=len(keys), seed=np.random.default_rng(seed)).random(n)
    values = qmc.scale(unit, low, high)
    return [
        {
            key: int(min(math.floor(v), high[j] - 1)) if key in whole else float(v)
            for j, (key, v) in enumerate(zip(keys, row, strict=True))
        }
        for row in values
    ]


def cross(*designs: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every combination of one point from each design (their overrides merged).

    Raises
    ------
    ValueError
        When two designs set the same key path.
    """
    points: list[dict[str, Any]] = [{}]
    designs = [expand(design) for design in designs]
    _check_count(math.prod(len(design) for design in designs), "grid")
    for design in designs:
        merged = []
        for head in points:
            for tail in design:
                clash = sorted(set(head) & set(tail))
                if clash:
                    raise InputError(f"grid: key paths set twice: {clash}")
                merged.append({**head, **tail})
        points = merged
    return points
