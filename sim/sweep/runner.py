"""The sweep loop: hand batches of points to an executor, store results as they come back.

Think of a night shift of analysts' what-ifs: a dispatcher (this module) gives each worker a small
stack of points, files every finished stack at once, and in the morning hands over one table.
The workers are whatever ``concurrent.futures`` executor is given: local processes by default, or
a Dask cluster through ``dask.distributed.Client(...).get_executor()``; the dispatcher never
schedules anything itself.

Batches are sized so that each task runs for about ``TASK_SECONDS`` (timed on the first point,
computed here before the workers start), well above the few milliseconds a task costs in
pickling, transport and writing its Parquet part, but cut small enough that every worker gets
several tasks. Results do not depend on the batching, the executor or the worker count: every point
carries its own seed (see :mod:`sim.sweep.points`).
"""

import math
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, as_completed
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from sim.errors import InputError
from sim.scenario import Scenario, load_scenario
from sim.sweep.evaluate import ENGINES, evaluate_batch
from sim.sweep.executors import local_pool
from sim.sweep.grid import expand
from sim.sweep.memory import MemoryStore
from sim.sweep.points import Point, make_points
from sim.sweep.storage import PartStore

__all__ = ["TASK_SECONDS", "run"]

TASK_SECONDS = 0.2
TASKS_PER_WORKER = 4
DEFAULT_REPLICATIONS = 10
_TAIL = ("error", "scenario_digest", "seed", "engine", "run_time", "cpu_time", "point_key")


def _replications(engine: str, replications: int | None) -> int:
    if engine not in ENGINES:
        raise InputError(f"engine: must be one of {', '.join(ENGINES)}, got {engine!r}")
    if engine != "des":
        if replications not in (None, 1):
            raise InputError("replications: only for engine='des' (the analytic engine is exact)")
        return 1
    if replications is None:
        return DEFAULT_REPLICATIONS
    if not isinstance(replications, int) or isinstance(replications, bool) or replications < 2:
        raise InputError(f"replications: must be a whole number >= 2, got {replications!r}")
    return replications


def _design(grid) -> list[dict[str, Any]]:
    design = expand(grid)
    if not design:
        raise InputError("grid: the design has no points")
    keys = list(dict.fromkeys(key for point in design for key in point))
    reserved = sorted(set(keys) & {"point", "replication", *_TAIL})
    if reserved:
        raise InputError(f"grid: {reserved} are result columns, not scenario key paths")
    for key in keys:
        kinds = {_kind(point[key]) for point in design if point.get(key) is not None}
        if len(kinds) > 1:
            raise InputError(
                f"grid.{key}: mixes {' and '.join(sorted(kinds))}; give values of one kind per key"
            )
    return design


def _kind(value) -> str:
    if isinstance(value, bool):
        return "booleans"
    if isinstance(value, int | float):
        return "numbers"
    return "text or lists"


def _worker_count(executor: Executor) -> int:
    """Workers behind an executor: process/thread pools and Dask clients say; else this CPU."""
    client = getattr(executor, "_client", None)
    if client is not None:
        return max(1, sum(client.nthreads().values()))
    return getattr(executor, "_max_workers", None) or os.cpu_count() or 1


def _batches(points: Sequence[Point], size: int) -> Iterator[list[Point]]:
    for start in range(0, len(points), size):
        yield list(points[start : start + size])


def _batch_size(seconds_per_point: float, todo: int, workers: int) -> int:
    by_time = math.ceil(TASK_SECONDS / max(seconds_per_point, 1e-4))
    by_balance = max(1, todo // (TASKS_PER_WORKER * workers))
    return max(1, min(by_time, by_balance))


def _own_executor(executor: Executor | int | None) -> Executor | None:
    if executor is None:
        return local_pool()
    if isinstance(executor, int) and not isinstance(executor, bool):
        if executor < 1:
            raise InputError(f"executor: number of worker processes must be >= 1, got {executor}")
        return local_pool(executor)
    if not isinstance(executor, Executor):
        raise InputError(
            "executor: must be None (local processes), a number of local processes or a "
            f"concurrent.futures.Executor, got {type(executor).__name__}"
        )
    return None


def _dispatch(pool: Executor, scenario, batches, engine, replications, store, bar) -> None:
    futures: dict[Future, int] = {
        pool.submit(evaluate_batch, scenario, batch, engine, replications): len(batch)
        for batch in batches
    }
    try:
        for future in as_completed(futures):
            store.write(future.result())
            bar.update(futures[future])
    except BaseException:
        for future in futures:
            future.cancel()
        raise


def _compute(scenario, todo, engine, replications, pool, store, bar) -> None:
    start = time.perf_counter()
    store.write(evaluate_batch(scenario, todo[:1], engine, replications))
    bar.update(1)
    rest = todo[1:]
    if rest:
        size = _batch_size(time.perf_counter() - start, len(rest), _worker_count(pool))
        _dispatch(pool, scenario, _batches(rest, size), engine, replications, store, bar)


@contextmanager
def _pool(executor: Executor | int | None) -> Iterator[Executor]:
    """The executor to use; one this module starts is shut down (at once on an error)."""
    owned = _own_executor(executor)
    if owned is None:
        yield executor
        return
    try:
        yield owned
    except BaseException:
        owned.shutdown(wait=False, cancel_futures=True)
        _stop_workers(owned)
        raise
    owned.shutdown()


def _stop_workers(pool: Executor) -> None:
    """Terminate the processes of a local pool that is being abandoned (an interruption, a dead
    worker): their batches are lost, not stored, and are computed again on a rerun. Left alone,
    a worker blocked on the pool's queue would keep the interpreter from exiting."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def _result_frame(stored: pd.DataFrame, points: list[Point]) -> pd.DataFrame:
    index = pd.DataFrame({"point": [p.index for p in points], "point_key": [p.key for p in points]})
    rows = index.merge(stored, on="point_key", how="left")
    inputs = list(dict.fromkeys(key for p in points for key in p.inputs))
    simulated = "replication" in rows and rows["replication"].notna().any()
    fixed = ["point", *inputs, *(["replication"] if simulated else []), *_TAIL]
    outputs = [
        c for c in rows.columns if c not in (*fixed, "replication") and rows[c].notna().any()
    ]
    order = ["point", "replication"] if simulated else ["point"]
    rows = rows.sort_values(order, kind="stable").reset_index(drop=True)
    return rows[[c for c in fixed if c in rows] + outputs]


def run(
    scenario: Scenario | str | Path,
    grid: Mapping[str, Sequence] | Sequence[Mapping[str, Any]],
    *,
    engine: str = "analytic",
    replications: int | None = None,
    executor: Executor | int | None = None,
    out: str | Path | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Run a scenario at every point of a sweep design and return one row per point.

    Parameters
    ----------
    scenario : Scenario or path
        The base scenario (or its TOML file).
    grid : dict of str -> list, or list of dict
        Dotted key path -> values (full factorial), or one override dict per point; see
        :mod:`sim.sweep.grid` for ranges and Latin hypercube samples.
    engine : {"analytic", "analytic_headline", "des"}
        ``"analytic"``: :func:`sim.compare` (Erlang formulas, exact, no seed needed).
        ``"analytic_headline"``: the same without the uncapped headcount and the saving's
        breakdown by cause (``sim.compare(headline_only=True)``, 40 % less work; the risk
        Monte Carlo uses it).
        ``"des"``: the simulation, one row per point and replication.
    replications : int, optional
        Simulation replications per point (>= 2, default 10); only for ``engine="des"``.
    executor : concurrent.futures.Executor or int, optional
        Where points run: None for one process per CPU of this machine, a number of local
        processes, or any executor (``dask.distributed.Client(...).get_executor()`` for a
        cluster). A given executor is used, not shut down.
    out : path, optional
        Parquet file for the results. Results stream to ``<out>.parts/`` as points finish; a
        rerun computes only the points missing there (see :mod:`sim.sweep.storage`).
    progress : bool, default True
        Show a progress bar (tqdm) on stderr.

    Returns
    -------
    DataFrame
        One row per point (and replication), in design order: ``point`` (0-based index), the input
        columns (one per key path), for the simulation ``replication``, ``error`` (None, or why the
        point is invalid), ``scenario_digest`` of the variant, ``seed``, ``engine``,
        ``run_time`` (s of wall time), ``cpu_time`` (s of CPU time), ``point_key``, then the
        outputs: ``{design}.{summary column}`` (e.g. ``centralised.headcount_total``,
        ``scattered.service_level``) and
        ``saving.{design}.{savings column}`` (e.g. ``saving.centralised.headcount``); for the
        simulation also ``sim.{design}.*`` (see :mod:`sim.sweep.simulation`).
        ``attrs["computed_points"]`` and ``attrs["stored_points"]`` count the distinct points
        computed by this call and those found already stored in ``out``.

    Raises
    ------
    ValueError
        For a bad grid, engine, replications, executor or output path (before any point runs).
        Invalid points do not raise: their rows carry the error message.
    """
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    replications = _replications(engine, replications)
    points = make_points(scenario, _design(grid), engine, replications)
    store = PartStore(out) if out is not None else MemoryStore()
    done = store.done_keys()
    unique = {p.key: p for p in points}
    todo = [p for key, p in unique.items() if key not in done]
    with (
        _pool(executor) as pool,
        tqdm(
            total=len(unique), initial=len(unique) - len(todo), disable=not progress, unit="point"
        ) as bar,
    ):
        if todo:
            _compute(scenario, todo, engine, replications, pool, store, bar)
    store.compact()
    result = _result_frame(store.read(), points)
    store.publish(result)
    result.attrs["computed_points"] = len(todo)
    result.attrs["stored_points"] = len(unique) - len(todo)
    return result
