"""Channel shift: contacts moving from field visits to the phone and from the phone to digital
self-service, and what each channel costs.

"The big money is channel shift": a field visit costs 50-300 CNY, a call 5-15 CNY, a digital or
self-service contact close to nothing. A ``[[plan.channels]]`` table gives each channel other
than the phone its contacts a month and cost per contact; ``"phone"`` is the scenario's own
calls, whose cost is the staffing model's (wages, buildings), so moving calls away saves through
the pipeline, not by a cost per call. Each ``[[plan.channel_shifts]]`` moves ``share_per_year``
of one channel's contacts of today to another, a year's share at a time: in month ``m`` the share
moved is ``share_per_year x ceil((m - start_month + 1) / 12)`` (from ``start_month`` on, 0
before), so the staffing is re-planned once a year, when the year's campaign (an app, a
self-service kiosk) starts.

Units: contacts per month, currency per contact and per month.
"""

import numpy as np
import pandas as pd

from sim.scenario import Scenario
from sim.scenario.checks import WEEKS_PER_MONTH

__all__ = ["channel_table", "phone_calls_per_month"]


def phone_calls_per_month(scenario: Scenario) -> float:
    """The scenario's offered calls in a month (weekly volumes x volume_scale x 52/12)."""
    weekly = sum(sum(site.volume.values()) * site.volume_scale for site in scenario.sites)
    return float(weekly * WEEKS_PER_MONTH)


def moved_shares(scenario: Scenario) -> np.ndarray:
    """``[shift, month]``: the share of its channel's contacts of today each shift has moved."""
    plan = scenario.plan
    month = np.arange(1, plan.months + 1)
    rows = [
        shift.share_per_year * np.ceil(np.maximum(month - shift.start_month + 1, 0) / 12.0)
        for shift in plan.channel_shifts
    ]
    return np.array(rows).reshape(len(rows), plan.months)


def channel_table(scenario: Scenario) -> pd.DataFrame:
    """Per month (index ``month``, from 1): ``contacts_<channel>`` for the phone and every
    channel, ``channel_cost`` (every channel but the phone, currency a month) and
    ``phone_factor`` (the month's calls over today's: what multiplies every site's volume)."""
    plan = scenario.plan
    today = {"phone": phone_calls_per_month(scenario)}
    today |= {c.name: c.contacts_per_month for c in plan.channels}
    contacts = {name: np.full(plan.months, value) for name, value in today.items()}
    for shift, share in zip(plan.channel_shifts, moved_shares(scenario), strict=True):
        moved = share * today[shift.from_channel]
        contacts[shift.from_channel] = contacts[shift.from_channel] - moved
        contacts[shift.to_channel] = contacts[shift.to_channel] + moved
    cost = sum(
        (contacts[c.name] * c.cost_per_contact for c in plan.channels), np.zeros(plan.months)
    )
    table = pd.DataFrame({f"contacts_{name}": values for name, values in contacts.items()})
    table["channel_cost"] = cost
    table["phone_factor"] = contacts["phone"] / today["phone"] if today["phone"] > 0 else 1.0
    table.index = pd.RangeIndex(1, plan.months + 1, name="month")
    return table
