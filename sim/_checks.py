"""Argument checks shared by the maths and the simulation: every message names the argument.

A wrong argument never yields a silently wrong figure: it raises :class:`~sim.errors.InputError`
(a ``ValueError``) with the argument's name, the allowed range and a short echo of the offending
value, e.g. ``load: must be a finite number >= 0 Erlangs, got -5.0``.

Numbers are ints, floats and numpy numbers, alone or in (nested) lists and numeric arrays.
Booleans and text are not numbers here, although Python and numpy would convert them: ``True``,
``numpy.True_``, ``"100"``, ``b"1"``, a list holding any of them and an array of dtype bool, str,
bytes or object are rejected naming the argument, as are complex and datetime arrays.
"""

import reprlib

import numpy as np

from sim.errors import InputError

_ECHO = reprlib.Repr()
_ECHO.maxstring = _ECHO.maxother = 40
_ECHO.maxlist = _ECHO.maxtuple = 4
_ECHO.maxlevel = 2


def echo(value) -> str:
    """A short ``repr`` of ``value`` for a message (long strings, lists and arrays cut)."""
    return _ECHO.repr(value)


def _first_bad(values: np.ndarray, bad: np.ndarray) -> float:
    return float(np.asarray(values)[bad].flat[0])


def _not_a_number(value) -> str | None:
    """Why ``value`` does not count as a number (or numbers), or ``None`` when it does."""
    if isinstance(value, (bool, np.bool_)):
        return "a boolean"
    if isinstance(value, (str, bytes)):
        return "text"
    if isinstance(value, (np.ndarray, np.generic)):
        kind = value.dtype.kind
        if kind == "b":
            return "an array of booleans"
        if kind in "SU":
            return "an array of text"
        if kind not in "iuf":
            return f"an array of dtype {value.dtype}"
        return None
    if isinstance(value, (list, tuple)):
        for item in value:
            why = _not_a_number(item)
            if why is not None:
                return why if why.startswith("an array") else f"a list holding {why}"
    return None


def reject_non_numbers(value, name: str, allowed: str = "a number or an array of numbers") -> None:
    """Raise naming ``name`` when ``value`` is a boolean, text or a non-numeric array."""
    why = _not_a_number(value)
    if why is not None:
        raise InputError(f"{name}: must be {allowed}, not {why}, got {echo(value)}")


def as_float_array(value, name: str) -> np.ndarray:
    """Convert to a float array, or raise naming ``name`` when it is not numeric."""
    reject_non_numbers(value, name)
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        msg = f"{name}: must be a number or an array of numbers, got {echo(value)}"
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
    allowed = f"a number in {low}0, 1{high}"
    x = _scalar(value, name, allowed)
    too_low = x <= 0 if low_open else x < 0
    too_high = x >= 1 if high_open else x > 1
    if not np.isfinite(x) or too_low or too_high:
        raise InputError(f"{name}: must be {allowed}, got {echo(value)}")
    return x


def _scalar(value, name: str, allowed: str) -> float:
    """``float(value)`` for a single number; booleans, text and arrays raise naming ``name``."""
    reject_non_numbers(value, name, allowed)
    if isinstance(value, (np.ndarray, list, tuple)) and np.ndim(value) != 0:
        raise InputError(f"{name}: must be {allowed}, got {echo(value)}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name}: must be {allowed}, got {echo(value)}") from None


def scalar_positive(value, name: str, unit: str = "") -> float:
    """A finite scalar ``> 0``."""
    allowed = f"a finite number > 0{unit}"
    x = _scalar(value, name, allowed)
    if not np.isfinite(x) or x <= 0:
        raise InputError(f"{name}: must be {allowed}, got {echo(value)}")
    return x
