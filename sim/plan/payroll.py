"""The hub's payroll month by month: recruiting ahead, a hiring ramp, attrition and relocations.

A wave that needs 300 more people at the hub in month 12 is recruited ``lead`` months ahead (they
train, and are paid, before they answer); a training school that takes at most ``cap`` recruits a
month starts earlier still; every month a share of the people leave and are replaced; people who
relocate from a closing site fill positions without being recruited.

Conventions: people are persons on the payroll (fractional where attrition is an expected
value); month ``m`` is index ``m - 1``; leavers leave at the start of a month, hires and
relocated people join in it.
"""

from dataclasses import dataclass

import numpy as np

__all__ = ["Payroll", "hub_payroll"]


@dataclass(frozen=True)
class Payroll:
    """People and flows of a location per month (arrays of length M).

    Attributes
    ----------
    people : people on the payroll in the month.
    hires : people recruited in the month (wave hires and replacements).
    replacements : the part of ``hires`` that replaces leavers (business as usual).
    attrition : people leaving of their own accord at the start of the month.
    redundant : people let go because the target fell (channel shift) faster than attrition.
    short : people the month's calls need beyond the payroll (0 when the hiring keeps up).
    """

    people: np.ndarray
    hires: np.ndarray
    replacements: np.ndarray
    attrition: np.ndarray
    redundant: np.ndarray
    short: np.ndarray


def hub_payroll(
    needed: np.ndarray,
    relocated: np.ndarray,
    lead: int,
    attrition: float,
    cap: float | None = None,
) -> Payroll:
    """The hub's payroll for ``needed[m]`` people in month ``m + 1``.

    Parameters
    ----------
    needed : ndarray (M,)
        People the hub's calls need each month (0 before the first wave).
    relocated : ndarray (M,)
        People joining from closing sites each month (not recruited).
    lead : int
        Months new hires are recruited before they are needed (training).
    attrition : float
        Share of the payroll leaving each month.
    cap : float, optional
        Most recruits a month (the hiring ramp); ``None``: no limit.

    Returns
    -------
    Payroll
        The payroll wanted in month ``m`` is the most needed over months ``m .. m + lead``
        (counting only the relocated people already there); with a cap, hiring starts early
        enough to reach each later target at ``cap`` a month net of attrition where month 1
        allows, else the months the ramp cannot reach are ``short``.
    """
    months = needed.size
    arrived = np.cumsum(relocated)
    own = needed - arrived  # positions recruits must fill once everyone relocated has arrived
    ahead = np.array([own[m : m + lead + 1].max() for m in range(months)])
    if cap is not None:
        for m in range(months - 2, -1, -1):
            ahead[m] = max(ahead[m], (ahead[m + 1] - cap) / (1.0 - attrition))
    wanted = np.maximum(ahead + arrived, 0.0)
    flows = {key: np.zeros(months) for key in Payroll.__dataclass_fields__}
    people = 0.0
    for m in range(months):
        left = attrition * people
        base = people - left + relocated[m]
        hires = max(0.0, wanted[m] - base)
        if cap is not None:
            hires = min(hires, cap)
        redundant = max(0.0, base - wanted[m])
        people = base + hires - redundant
        flows["people"][m] = people
        flows["hires"][m] = hires
        flows["replacements"][m] = min(hires, left)
        flows["attrition"][m] = left
        flows["redundant"][m] = redundant
        flows["short"][m] = max(0.0, needed[m] - people)
    return Payroll(**flows)
