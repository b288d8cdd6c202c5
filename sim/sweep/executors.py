"""Where the points run: processes on this machine, a Dask cluster on loopback, or a remote one.

A sweep never schedules work itself. It hands batches to a ``concurrent.futures`` executor:

- local processes (``ProcessPoolExecutor``), the default;
- a ``dask.distributed.LocalCluster`` of worker processes on this machine (``dask_local``): the
  same code path as a real cluster, handy to test one;
- a running Dask scheduler (``cluster="tcp://HOST:8786"``) whose workers may sit on other machines;
  they need the same version of ``sim`` importable (see ``docs/sweeps.md``).

Dask's executor is ``Client.get_executor(pure=False)``: every batch is a new task, never
deduplicated by Dask's argument hashing.

Local worker processes ignore Ctrl-C (the sweep, not each worker, decides what an interruption
means) and exit by themselves within a second when the process that started them dies, killed or
not: an interrupted overnight run never leaves workers behind holding the terminal.
"""

import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager

from sim.errors import InputError

__all__ = ["local_pool", "open_executor"]

_PARENT_CHECK_SECONDS = 0.5


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_PARENT_CHECK_SECONDS)
    os._exit(1)


def _worker_start() -> None:
    """Set up one local worker: ignore Ctrl-C and exit when the parent process dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()


def local_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """Worker processes on this machine (one per CPU by default) that die with their parent."""
    return ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)


@contextmanager
def _dask(cluster: str | None, workers: int | None) -> Iterator[Executor]:
    from distributed import Client, LocalCluster

    if cluster is None:
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as local,
            Client(local) as client,
        ):
            yield client.get_executor(pure=False)
        return
    try:
        client = Client(cluster, timeout="20s")
    except (OSError, TimeoutError) as err:
        raise InputError(f"cluster: cannot reach the Dask scheduler at {cluster} ({err})") from None
    with client:
        yield client.get_executor(pure=False)


@contextmanager
def open_executor(
    workers: int | None = None, *, cluster: str | None = None, dask_local: bool = False
) -> Iterator[Executor | int | None]:
    """The executor a sweep should use, closed (cluster and client) on exit.

    Parameters
    ----------
    workers : int, optional
        Local worker processes (default: one per CPU), or the workers of the local Dask cluster.
        Ignored with ``cluster``, whose scheduler knows its workers.
    cluster : str, optional
        Address of a running Dask scheduler, e.g. ``"tcp://10.0.0.5:8786"``.
    dask_local : bool, default False
        Start a ``LocalCluster`` of ``workers`` processes on this machine.

    Yields
    ------
    Executor, int or None
        What :func:`sim.sweep.run` takes as ``executor``.
    """
    if workers is not None and workers < 1:
        raise InputError(f"workers: must be >= 1, got {workers}")
    if cluster is not None and dask_local:
        raise InputError("cluster: give either a cluster address or dask_local, not both")
    if cluster is None and not dask_local:
        yield workers
        return
    with _dask(cluster, workers) as executor:
        yield executor
