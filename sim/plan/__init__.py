"""The business case over time: from today's scattered centres to the hub, month by month.

``business_case(scenario)`` walks a scenario's ``[plan]`` (waves of sites handing over to the
hub, hiring ahead of them, attrition, the learning curve of new agents, double running, one-off
costs, channel shift) and returns a :class:`BusinessCase`: people per location, service level,
running and one-off costs and cash flows per month, the payback month, the NPV, the steady state
(``compare``'s centralised design) and the saving split into consolidation and channel shift.

One module per job:

- :mod:`sim.plan.roadmap`: which sites are handed over, double running or closed each month, and
  the learning curve;
- :mod:`sim.plan.channels`: contacts per channel and month, and the calls channel shift leaves;
- :mod:`sim.plan.states`: the staffing of each state through the pipeline (cached);
- :mod:`sim.plan.payroll`: the hub's payroll with recruiting ahead, a hiring ramp and attrition;
- :mod:`sim.plan.cash`: payback month and NPV;
- :mod:`sim.plan.case`: the walk through the months, the findings and the JSON.
"""

from sim.plan.case import ATTRIBUTION, BusinessCase, Finding, business_case
from sim.plan.cash import monthly_rate, npv, payback_month

__all__ = [
    "ATTRIBUTION",
    "BusinessCase",
    "Finding",
    "business_case",
    "monthly_rate",
    "npv",
    "payback_month",
]
