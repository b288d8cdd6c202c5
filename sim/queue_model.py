"""The queue model: which formula turns a pool's load into agents and agents into service.

A planner picks one picture of the callers: either they wait for ever (Erlang C, M/M/n) or they
hang up after an exponential patience (Erlang A, M/M/n+M). That choice is made **once**, here,
by :func:`queue_model`, and the resulting object is handed to every step that needs it: staffing
asks it for the agents that meet the targets, the KPIs and the charts ask it for the service those
agents give, the simulation asks it whether callers abandon. No other module compares model names.

Both models share one interface, so a third (simulation-based staffing, non-exponential patience)
slots in without touching its callers:

- :meth:`QueueModel.required_agents`: agents per interval meeting every target at once;
- :meth:`QueueModel.kpis`: service level, abandonment, ASA, occupancy and answered load;
- :attr:`QueueModel.abandonment`, :attr:`QueueModel.label`, :attr:`QueueModel.name`.

Conventions (as in ``sim.erlang``): loads in Erlangs, times in seconds, service level as the share
of **all offered** calls answered within the threshold (abandoned calls count as failures).
Intervals without load report service level 1 and zero abandonment, ASA and occupancy.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass

import numpy as np

from sim import erlang
from sim.errors import InputError

__all__ = ["MODELS", "ErlangA", "ErlangC", "QueueKPIs", "QueueModel", "queue_model"]


@dataclass(frozen=True)
class QueueKPIs:
    """Service of queues at a given staffing; every array has the shape of the inputs.

    Attributes
    ----------
    service_level : share of offered calls answered within the threshold.
    abandon_rate : share of offered calls that hang up before an answer.
    asa : mean wait of answered calls, seconds.
    occupancy : answered load / agents.
    answered_load : Erlangs of load actually answered (offered load x (1 - abandon_rate)).
    """

    service_level: np.ndarray
    abandon_rate: np.ndarray
    asa: np.ndarray
    occupancy: np.ndarray
    answered_load: np.ndarray


@dataclass(frozen=True)
class QueueModel(ABC):
    """Base of the analytic queue models; see the module docstring."""

    name = ""
    label = ""
    description = ""
    abandonment = False

    def required_agents(self, load, aht, patience, targets: dict) -> np.ndarray:
        """Agents meeting ``targets`` (keys ``service_level``, ``threshold``, ``max_asa``,
        ``max_abandon``, ``max_occupancy``) per element of ``load``; float array of whole
        numbers."""
        return np.asarray(
            erlang.required_agents(
                load,
                aht,
                service_level=targets["service_level"],
                threshold=targets["threshold"],
                max_asa=targets["max_asa"],
                max_occupancy=targets["max_occupancy"],
                **self._patience_targets(patience, targets),
            ),
            dtype=float,
        )

    def _patience_targets(self, patience, targets: dict) -> dict:
        """Keywords of ``erlang.required_agents`` that only a model with abandonment takes."""
        return {}

    @abstractmethod
    def _raw(self, agents, load, aht, patience, threshold) -> tuple:
        """Service level, abandonment, ASA and occupancy arrays of the model's formulas."""

    def kpis(self, agents, load, aht, patience, threshold) -> QueueKPIs:
        """KPIs with ``agents`` logged in; all arguments broadcast like ``sim.erlang``."""
        load = np.asarray(load, dtype=float)
        sl, ab, wait, occ = (
            np.asarray(x, dtype=float)
            for x in self._raw(np.asarray(agents, dtype=float), load, aht, patience, threshold)
        )
        empty = load <= 0
        abandon = np.where(empty, 0.0, ab)
        return QueueKPIs(
            service_level=np.where(empty, 1.0, sl),
            abandon_rate=abandon,
            asa=np.where(empty, 0.0, wait),
            occupancy=np.where(empty, 0.0, occ),
            answered_load=load * (1.0 - abandon),
        )

    def service_level(self, agents, load, aht, patience, threshold) -> np.ndarray:
        """Service level alone (see :meth:`kpis`)."""
        return self.kpis(agents, load, aht, patience, threshold).service_level


@dataclass(frozen=True)
class ErlangC(QueueModel):
    """M/M/n, callers never hang up: the classic planning formula (patience is ignored)."""

    name = "erlang_c"
    label = "Erlang C"
    description = "Erlang C (callers never hang up)"
    abandonment = False

    def _raw(self, agents, load, aht, patience, threshold) -> tuple:
        sl = np.asarray(erlang.service_level(agents, load, aht, threshold))
        return (
            sl,
            np.zeros_like(sl),
            erlang.asa(agents, load, aht),
            erlang.occupancy(agents, load),
        )


@dataclass(frozen=True)
class ErlangA(QueueModel):
    """M/M/n+M, callers hang up after an exponential patience (Palm 1943; Garnett, Mandelbaum
    & Reiman 2002)."""

    name = "erlang_a"
    label = "Erlang A"
    description = "Erlang A (callers hang up after their patience)"
    abandonment = True

    def _patience_targets(self, patience, targets: dict) -> dict:
        return {"max_abandon": targets["max_abandon"], "patience": patience}

    def _raw(self, agents, load, aht, patience, threshold) -> tuple:
        res = erlang.erlang_a(agents, load, aht, patience, threshold)
        return res.service_level, res.p_abandon, res.asa, res.occupancy


MODELS: dict[str, QueueModel] = {model.name: model for model in (ErlangA(), ErlangC())}
"""Every queue model by its scenario name (``targets.model``)."""


def queue_model(name: str) -> QueueModel:
    """The queue model called ``name`` (``"erlang_a"`` or ``"erlang_c"``); the one place a model
    is chosen."""
    try:
        return MODELS[name]
    except (KeyError, TypeError):
        allowed = ", ".join(MODELS)
        raise InputError(f"model: must be one of {allowed}, got {str(name)[:40]!r}") from None
