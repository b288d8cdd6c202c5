"""Handle times: how long a call keeps an agent.

A call occupies its agent for the handle time (talk + hold + after-call work), drawn here with mean
``aht`` seconds either exponentially (coefficient of variation 1, the Erlang assumption) or
lognormally with a chosen coefficient of variation (closer to measured handle times). How long a
caller is willing to wait (patience) is drawn by :mod:`sim.des.patience`; exponential patience
with exponential handle times makes the queue Palm's Erlang A.

Besides fresh times, a simulation that starts in mid-day needs the **remaining** handle time of
the calls already in progress: in steady state that is the equilibrium (stationary-excess)
distribution with density ``(1 - F(x)) / aht``, which for the exponential is the exponential
itself (memoryless) and for the lognormal is ``U * X`` with ``U`` uniform and ``X`` the
length-biased lognormal, again lognormal with ``mu + sigma**2``.
"""

from dataclasses import dataclass

import numpy as np

__all__ = ["SERVICES", "ServiceTimes"]

SERVICES = ("exponential", "lognormal")


@dataclass(frozen=True)
class ServiceTimes:
    """Handle-time distribution with mean ``aht``.

    Parameters
    ----------
    kind : {"exponential", "lognormal"}
        Distribution family.
    aht : float
        Mean handle time in seconds, > 0.
    cv : float
        Coefficient of variation (standard deviation / mean), > 0; 1 for the exponential.

    Notes
    -----
    The lognormal with mean ``m`` and coefficient of variation ``c`` has
    ``sigma**2 = log(1 + c**2)`` and ``mu = log(m) - sigma**2 / 2``.
    """

    kind: str
    aht: float
    cv: float = 1.0

    @property
    def _sigma(self) -> float:
        return float(np.sqrt(np.log1p(self.cv**2)))

    @property
    def _mu(self) -> float:
        return float(np.log(self.aht) - 0.5 * self._sigma**2)

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """``size`` fresh handle times in seconds."""
        if self.kind == "exponential":
            return rng.exponential(self.aht, size)
        return rng.lognormal(self._mu, self._sigma, size)

    def residual(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """``size`` remaining handle times (seconds) of calls in progress in steady state."""
        if self.kind == "exponential":
            return rng.exponential(self.aht, size)
        sigma = self._sigma
        return rng.random(size) * rng.lognormal(self._mu + sigma**2, sigma, size)
