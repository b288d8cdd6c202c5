"""The roadmap month by month: which sites have handed over, which are double running, which are
closed, and how far new agents are along their learning curve.

A wave hands its sites' calls to the hub at the start of its month. For
``plan.double_running_months`` months from then the site's own staff are still paid beside the
hub's (the hub answers; the site's people wait for their notice to end, or shadow); the site
closes at the start of the month after (its people leave with severance, its lease is broken).
With no double running a site closes in its wave month.

Conventions: month 1 is the first month of the programme; arrays are indexed ``[month - 1]``
(and ``[month - 1, site]``); a month lasts 52/12 weeks.
"""

from dataclasses import dataclass

import numpy as np

from sim.scenario import Scenario
from sim.scenario.checks import WEEKS_PER_MONTH

__all__ = ["Timeline", "learning_excess", "timeline"]


@dataclass(frozen=True)
class Timeline:
    """Months and sites of a roadmap.

    Attributes
    ----------
    months : int
        Length of the roadmap, months.
    sites : tuple of str
        Today's sites, in the scenario's order.
    wave : ndarray of int (S,)
        Month in which each site hands over.
    close : ndarray of int (S,)
        Month from which each site is closed (``wave + double_running_months``).
    """

    months: int
    sites: tuple[str, ...]
    wave: np.ndarray
    close: np.ndarray

    @property
    def month(self) -> np.ndarray:
        """Month numbers 1..M."""
        return np.arange(1, self.months + 1)

    @property
    def handed(self) -> np.ndarray:
        """``[month, site]``: the site's calls go to the hub."""
        return self.month[:, None] >= self.wave[None, :]

    @property
    def open(self) -> np.ndarray:
        """``[month, site]``: the site still pays its staff and building."""
        return self.month[:, None] < self.close[None, :]

    def handed_sets(self) -> list[frozenset[str]]:
        """Per month, the set of sites handed over."""
        names = np.array(self.sites, dtype=object)
        return [frozenset(names[row]) for row in self.handed]


def timeline(scenario: Scenario) -> Timeline:
    """The timeline of the scenario's ``[plan]`` (validated: every site in exactly one wave)."""
    plan = scenario.plan
    month_of = {site: wave.month for wave in plan.waves for site in wave.sites}
    wave = np.array([month_of[name] for name in scenario.site_names], dtype=int)
    return Timeline(plan.months, scenario.site_names, wave, wave + plan.double_running_months)


def learning_excess(age_months, weeks: float) -> np.ndarray:
    """Mean extra handle time, over a month, of agents ``age_months`` months after their first
    call, as a share of their ``aht_increase`` (1 in their first moment, 0 after ``weeks``).

    The excess falls linearly from 1 to 0 over ``weeks``; over month ``a`` (0 = the first month)
    the agents are ``a W`` to ``(a + 1) W`` weeks in (``W = 52/12``), and the mean of
    ``max(0, 1 - t / weeks)`` over that span is ``(F(min(b, n)) - F(min(a, n))) / W`` with
    ``F(t) = t - t^2 / (2 n)``, ``n = weeks``. Negative ages (not yet answering) give 0.

    Parameters
    ----------
    age_months : array_like of int
        Months since the agents' first month on the phones (0 in that month).
    weeks : float
        Length of the learning curve, weeks.

    Returns
    -------
    ndarray
        Same shape as ``age_months``: the month's mean excess as a share (0-1).
    """
    age = np.asarray(age_months, dtype=float)

    def area(t):
        t = np.minimum(t, weeks)
        return t - t * t / (2.0 * weeks)

    start = np.maximum(age, 0.0) * WEEKS_PER_MONTH
    mean = (area(start + WEEKS_PER_MONTH) - area(start)) / WEEKS_PER_MONTH
    return np.where(age >= 0, mean, 0.0)
