"""Money over time: cumulative cash flow, payback month and net present value.

A programme that spends 30 million in its first year and saves 2 million a month afterwards pays
back in the month its cumulative cash flow turns non-negative; its NPV weighs each month's cash
by how far away it is.

Conventions: months are numbered from 1 (the first month of the programme); amounts are in the
scenario's currency per month; the discount rate is **yearly** and compounds monthly: the monthly
rate is ``i = (1 + r) ** (1 / 12) - 1`` and the cash flow of month ``m`` is discounted by
``(1 + i) ** m`` (paid at the month's end), so twelve months of a yearly rate ``r`` discount by
exactly ``1 + r``.
"""

import numpy as np

__all__ = ["monthly_rate", "npv", "payback_month"]


def monthly_rate(yearly: float) -> float:
    """The monthly rate that compounds to ``yearly`` over twelve months: ``(1 + r)^(1/12) - 1``."""
    return float(np.expm1(np.log1p(yearly) / 12.0))


def npv(cash_flows, yearly_rate: float) -> float:
    """Net present value of monthly cash flows.

    Parameters
    ----------
    cash_flows : array_like (M,)
        Net cash flow of months 1..M, currency per month (positive: money saved).
    yearly_rate : float
        Discount rate per year, a share (0.08 = 8 %).

    Returns
    -------
    float
        ``sum(cash_flows[m - 1] / (1 + i) ** m for m in 1..M)`` with ``i`` the monthly rate of
        :func:`monthly_rate`.
    """
    flows = np.asarray(cash_flows, dtype=float)
    months = np.arange(1, flows.size + 1)
    return float(np.sum(flows * np.exp(-months * np.log1p(monthly_rate(yearly_rate)))))


def payback_month(cash_flows) -> int | None:
    """The first month (from 1) whose cumulative cash flow is >= 0, or ``None`` if none is."""
    cumulative = np.cumsum(np.asarray(cash_flows, dtype=float))
    paid = np.flatnonzero(cumulative >= 0.0)
    return int(paid[0]) + 1 if paid.size else None
