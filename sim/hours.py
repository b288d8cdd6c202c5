"""Opening hours and intraday profiles: when a site answers calls, how its calls spread over a day.

A city centre open "08:00-20:00" on weekdays and "09:00-13:00" on Saturday is a boolean mask over
the intervals of each weekday; a "business_day" profile is the share of the day's calls that arrive
in each interval. Times are local to the site (or hub) that owns them.
"""

import re

import numpy as np

from sim.errors import InputError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")

# Hourly shares of a day's calls, 00:00-24:00 local time (normalised over open intervals later).
PROFILES: dict[str, tuple[float, ...]] = {
    "flat": (1.0,) * 24,
    "business_day": (
        0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.6, 2.0, 5.5, 8.5, 9.5, 9.0,
        7.5, 7.5, 8.5, 8.5, 7.5, 6.0, 4.0, 3.0, 2.5, 1.5, 0.8, 0.4,
    ),
    "retail": (
        0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 3.5, 5.5, 7.0, 7.5,
        7.5, 7.0, 7.0, 7.0, 7.0, 7.5, 8.0, 7.5, 6.0, 4.0, 2.0, 0.7,
    ),
    "evening": (
        0.5, 0.3, 0.2, 0.2, 0.2, 0.3, 0.8, 2.0, 3.5, 4.5, 5.0, 5.0,
        5.0, 5.0, 5.0, 5.5, 6.0, 7.0, 8.5, 9.5, 9.5, 8.0, 5.0, 2.0,
    ),
    "emergency": (
        1.5, 1.2, 1.0, 0.9, 0.9, 1.2, 2.0, 3.5, 5.0, 5.5, 5.5, 5.5,
        5.5, 5.5, 5.5, 5.5, 5.5, 5.5, 5.0, 4.5, 4.0, 3.5, 2.5, 2.0,
    ),
}  # fmt: skip

WEEKDAY_PROFILES: dict[str, tuple[float, ...]] = {
    "flat": (1.0,) * 7,
    "office": (1.25, 1.1, 1.05, 1.0, 1.0, 0.4, 0.2),
    "retail": (1.1, 1.0, 1.0, 1.0, 1.1, 1.2, 0.6),
}


def intervals_per_day(interval_minutes: int) -> int:
    """Number of planning intervals in a day."""
    return 24 * 60 // interval_minutes


def parse_range(text: str, interval_minutes: int) -> np.ndarray:
    """Boolean mask over one day's intervals for ``"HH:MM-HH:MM"``, ``"24h"`` or ``"closed"``.

    An interval is open when it lies inside the range; ``"22:00-06:00"`` wraps past midnight and
    ``"00:00-24:00"`` is the whole day. Raises ``ValueError`` with the allowed forms otherwise.
    """
    per_day = intervals_per_day(interval_minutes)
    key = text.strip().lower()
    if key in ("24h", "24/7", "00:00-24:00"):
        return np.ones(per_day, dtype=bool)
    if key == "closed":
        return np.zeros(per_day, dtype=bool)
    match = _RANGE.match(key)
    if not match:
        raise InputError(f'must be "HH:MM-HH:MM", "24h" or "closed", got {text!r}')
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 24 or h2 > 24 or m1 > 59 or m2 > 59 or (h1 == 24 and m1) or (h2 == 24 and m2):
        raise InputError(f"not a time of day in {text!r}")
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if start % interval_minutes or end % interval_minutes:
        raise InputError(f"{text!r} does not fall on {interval_minutes}-minute interval boundaries")
    if start == end:
        raise InputError(f"{text!r} opens and closes at the same time (use '24h' or 'closed')")
    first, last = start // interval_minutes, end // interval_minutes
    mask = np.zeros(per_day, dtype=bool)
    if first < last:
        mask[first:last] = True
    else:
        mask[first:] = True
        mask[:last] = True
    return mask


def weekly_open_mask(hours: str | dict[str, str], interval_minutes: int) -> np.ndarray:
    """Open mask of shape (7, intervals per day), Monday first.

    ``hours`` is one range for every day (``"08:00-20:00"``, ``"24/7"``) or a table keyed by
    weekday (``mon`` ... ``sun``, plus ``weekdays`` and ``weekend`` as shorthands); a weekday
    missing from a table is closed.
    """
    if isinstance(hours, str):
        day = parse_range(hours, interval_minutes)
        return np.tile(day, (7, 1))
    per_day = intervals_per_day(interval_minutes)
    mask = np.zeros((7, per_day), dtype=bool)
    expanded: dict[str, str] = {}
    for key, value in hours.items():
        if key == "weekdays":
            expanded |= dict.fromkeys(WEEKDAYS[:5], value)
        elif key == "weekend":
            expanded |= dict.fromkeys(WEEKDAYS[5:], value)
    expanded |= {k: v for k, v in hours.items() if k in WEEKDAYS}
    for day, value in expanded.items():
        mask[WEEKDAYS.index(day)] = parse_range(value, interval_minutes)
    return mask


def day_shape(profile: str | tuple[float, ...], interval_minutes: int) -> np.ndarray:
    """Relative call weights over one day's intervals (not yet normalised).

    ``profile`` is a built-in name (see ``PROFILES``), 24 hourly weights, or one weight per
    interval of the day. Hourly weights are spread evenly over the intervals of each hour.
    """
    per_day = intervals_per_day(interval_minutes)
    weights = np.asarray(PROFILES[profile] if isinstance(profile, str) else profile, dtype=float)
    if weights.size == 24 and per_day != 24:
        weights = np.repeat(weights, per_day // 24)
    return weights
