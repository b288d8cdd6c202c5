"""The whole risk analysis of a scenario: tornado, bands and resilience, as one report.

:func:`analyse` runs the three parts with the scenario's ``[risk]`` settings and returns a
:class:`RiskReport`, whose :meth:`RiskReport.to_dict` is the JSON of ``python -m sim risk
--json``. Nothing in it depends on the time or the machine: the same scenario and seed give the
same bytes, with one worker or many.
"""

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sim.comparison import Comparison
from sim.risk.assumptions import risk_seed
from sim.risk.bands import Bands, bands
from sim.risk.shocks import Resilience, resilience
from sim.risk.tornado import tornado

__all__ = ["RiskReport", "analyse"]


@dataclass(frozen=True)
class RiskReport:
    """Tornado, uncertainty bands and resilience of one scenario (see ``sim.risk``)."""

    comparison: Comparison
    tornado: pd.DataFrame
    bands: Bands
    resilience: Resilience

    def to_dict(self) -> dict:
        """A JSON-ready dict with ``tornado``, ``bands`` and ``resilience``."""
        b, r = self.bands, self.resilience
        scenario = self.comparison.scenario
        return {
            "scenario": scenario.general.name,
            "scenario_digest": scenario.digest(),
            "currency": scenario.general.currency,
            "tornado": _records(self.tornado),
            "bands": {
                "samples": b.samples,
                "samples_used": b.used,
                "seed": b.seed,
                "distribution": b.distribution,
                "saving_threshold": b.threshold,
                "probability_saving_below_threshold": b.below,
                "figures": _records(b.table),
            },
            "resilience": {
                "day": r.day,
                "replications": r.replications,
                "seed": r.seed,
                "shocks": _records(r.table),
            },
        }


def _plain(value):
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def analyse(
    comparison: Comparison,
    *,
    executor=None,
    out=None,
    workers: int | None = None,
    progress: bool = True,
    shock_progress=None,
) -> RiskReport:
    """Tornado, Monte Carlo bands and resilience shocks of ``comparison``'s scenario.

    Parameters
    ----------
    comparison : Comparison
        ``sim.compare`` of the scenario; its ``[risk]`` table sets ranges, samples, seed and shocks.
    executor : optional
        Where the analytic runs go (:func:`sim.sweep.run`): None for local processes, a number of
        them, or an executor (a Dask cluster's).
    out : path, optional
        Folder for ``risk_tornado.parquet`` and ``risk_samples.parquet``: a rerun after an
        interruption computes only the missing runs.
    workers : int, optional
        Processes per simulation of the resilience shocks.
    progress : bool, default True
        Progress bars of the sweeps.
    shock_progress : callable, optional
        ``shock_progress(done, total)`` after each shock and design.
    """
    settings = comparison.scenario.risk_settings
    seed = risk_seed(comparison.scenario)
    folder = None if out is None else Path(out)
    swings = tornado(
        comparison,
        executor=executor,
        out=None if folder is None else folder / "risk_tornado.parquet",
        progress=progress,
    )
    spread = bands(
        comparison,
        samples=settings.samples,
        seed=seed,
        distribution=settings.distribution,
        threshold=settings.saving_threshold,
        executor=executor,
        out=None if folder is None else folder / "risk_samples.parquet",
        progress=progress,
    )
    shocks = resilience(comparison, seed=seed, workers=workers, progress=shock_progress)
    return RiskReport(comparison, swings, spread, shocks)
