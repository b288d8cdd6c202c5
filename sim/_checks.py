"""Argument checks shared by the maths and the simulation: every message names the argument.

A wrong argument never yields a silently wrong figure: it raises ``ValueError`` with the argument's
name, the allowed range and the offending value, e.g. ``load: must be >= 0 Erlangs, got -5.0``.
"""

import numpy as np

from sim.errors import InputError


def _first_bad(values: np.ndarray, bad: np.ndarray) -> float:
    return float(np.asarray(values)[bad].flat[0])


def as_float_array(value, name: str) -> np.ndarray:
    """Convert to a float array, or raise naming ``name`` when it is not numeric."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        msg = f"{name}: must be a number or an array of numbers, got {value!r}"
        raise InputError(msg) from None
    return arr


def nonnegative(value, name: str, unit: str = "") -> np.ndarray:
    """A finite array ``>= 0``."""
    arr = as_float_array(value, name)
    bad = ~np.isfinite(arr) | (arr < 0)
    if bad.any():
        raise InputError(f"{name}: must be a finite number >= 0{unit}, got {_first_bad(arr, bad)}")
    return arr


def positive(value, name: str, unit: str = "") -> np.ndarray:
    """A finite array ``> 0``."""
    arr = as_float_array(value, name)
    bad = ~np.isfinite(arr) | (arr <= 0)
    if bad.any():
        raise InputError(f"{name}: must be a finite number > 0{unit}, got {_first_bad(arr, bad)}")
    return arr


def whole(value, name: str) -> np.ndarray:
    """A float array of whole numbers ``>= 0`` (agents, replications)."""
    arr = as_float_array(value, name)
    bad = ~np.isfinite(arr) | (arr < 0) | (arr != np.floor(arr))
    if bad.any():
        raise InputError(f"{name}: must be whole numbers >= 0, got {_first_bad(arr, bad)}")
    return arr


def share(value, name: str, *, low_open: bool = True, high_open: bool = True) -> float:
    """A scalar share inside (0, 1); the bounds are open or closed as asked."""
    low = "(" if low_open else "["
    high = ")" if high_open else "]"
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name}: must be a number in {low}0, 1{high}, got {value!r}") from None
    too_low = x <= 0 if low_open else x < 0
    too_high = x >= 1 if high_open else x > 1
    if not np.isfinite(x) or too_low or too_high:
        raise InputError(f"{name}: must be a number in {low}0, 1{high}, got {value!r}")
    return x


def scalar_positive(value, name: str, unit: str = "") -> float:
    """A finite scalar ``> 0``."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name}: must be a finite number > 0{unit}, got {value!r}") from None
    if not np.isfinite(x) or x <= 0:
        raise InputError(f"{name}: must be a finite number > 0{unit}, got {value!r}")
    return x
