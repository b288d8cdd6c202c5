"""An agent pool answering one first-come-first-served queue, placed exactly without an event list.

A city centre that answers only its own callers is a pool of identical agents serving one queue in
arrival order. Such a pool needs no calendar of future events: the ``i``-th caller reaches an agent
at ``max(arrival, first time an agent is free after the callers ahead of it were placed)``, and with
FCFS a caller who hangs up never holds an agent, so its fate is known the moment it arrives (wait
longer than its patience: it abandons). This is the Kiefer-Wolfowitz workload recursion for the
G/G/n queue, extended to impatient callers (Baccelli & Hebuterne 1981); it is exact for any
arrival, handle-time and patience distributions.

:class:`AgentPool` keeps the ``n`` agents' next-free times and places callers in two ways, both
exact:

- a **loop** over callers with the free times in a binary heap: ``O(log n)`` per caller;
- a **vectorised block** that assumes nobody in the block has to wait and checks it with two sorted
  searches: at the arrival of caller ``k`` the agents busy are those of the pool still busy plus
  the earlier callers of the block not yet finished; while that count stays below ``n`` the
  assumption holds, and the block is accepted up to the first caller that would find every agent
  busy. The loop takes over from there.

The pool switches adaptively: big pools in their usual quality-and-efficiency regime, where
callers rarely wait, run almost entirely in numpy; small busy pools run in the heap loop and try a
block only now and then (the interval doubles while blocks keep failing).

References
----------
J. Kiefer, J. Wolfowitz (1955), "On the theory of queues with many servers", Transactions of the
AMS 78. F. Baccelli, G. Hebuterne (1981), "On queues with impatient customers", Performance '81.
"""

import heapq

import numpy as np

from sim.errors import InputError

__all__ = ["AgentPool"]

_MIN_LOOP = 64
_MAX_LOOP = 1 << 16
_MIN_BLOCK = 256
_MAX_BLOCK = 1 << 16


def _loop_patient(heap: list, arrivals: list, services: list) -> list:
    """First free agent time seen by each caller; every caller waits as long as needed."""
    seen = []
    record = seen.append
    replace = heapq.heapreplace
    for a, s in zip(arrivals, services, strict=True):
        f = heap[0]
        record(f)
        replace(heap, (a if f <= a else f) + s)
    return seen


def _loop_impatient(heap: list, arrivals: list, services: list, deadlines: list) -> list:
    """First free agent time seen by each caller; a caller whose deadline passes first hangs up."""
    seen = []
    record = seen.append
    replace = heapq.heapreplace
    for a, s, d in zip(arrivals, services, deadlines, strict=True):
        f = heap[0]
        record(f)
        if f <= a:
            replace(heap, a + s)
        elif f <= d:
            replace(heap, f + s)
    return seen


class AgentPool:
    """``n`` identical agents and their next-free times, placing FCFS callers in arrival order.

    Parameters
    ----------
    free_times : array_like
        Time (seconds) at which each agent next becomes free; its length is the number of agents.
        A time in the past means the agent is idle.

    Notes
    -----
    The state is held either as a heap (Python list, for the loop) or as a sorted numpy array
    (for blocks), converted lazily when the method changes. Only free times later than the latest
    arrival matter for the future, so all earlier ones are interchangeable.
    """

    def __init__(self, free_times) -> None:
        times = np.sort(np.asarray(free_times, dtype=float).ravel())
        if times.size < 1:
            raise InputError("free_times: the pool needs at least one agent")
        self.agents = int(times.size)
        self._sorted: np.ndarray | None = times
        self._heap: list | None = None
        self._loop_len = _MIN_LOOP
        self._block = _MIN_BLOCK

    def free_times(self) -> np.ndarray:
        """The agents' next-free times in seconds, sorted ascending."""
        return self._sorted_state().copy()

    def _heap_state(self) -> list:
        if self._heap is None:
            self._heap = self._sorted.tolist()  # a sorted list is a valid heap
            self._sorted = None
        return self._heap

    def _sorted_state(self) -> np.ndarray:
        if self._sorted is None:
            self._sorted = np.sort(np.array(self._heap))
            self._heap = None
        return self._sorted

    def serve(self, arrivals, services, deadlines=None) -> np.ndarray:
        """Place callers (in arrival order) and return the time each one found an agent free.

        Parameters
        ----------
        arrivals : ndarray
            Arrival times in seconds, nondecreasing, and not earlier than the arrivals of any
            previous call to ``serve``.
        services : ndarray
            Handle times in seconds, >= 0, same length.
        deadlines : ndarray or None
            Arrival + patience in seconds, same length; ``None`` for infinitely patient callers.

        Returns
        -------
        ndarray
            ``first_free`` in seconds: the caller starts at ``max(arrival, first_free)``, waits
            ``max(first_free - arrival, 0)`` and is answered iff ``first_free <= deadline``
            (callers who hang up leave the agents untouched).
        """
        arrivals = np.asarray(arrivals, dtype=float)
        services = np.asarray(services, dtype=float)
        total = arrivals.size
        first_free = np.empty(total)
        a_list = s_list = d_list = None
        i = 0
        while i < total:
            size = min(self._block, total - i)
            accepted = self._try_block(arrivals[i : i + size], services[i : i + size])
            first_free[i : i + accepted] = arrivals[i : i + accepted]
            i += accepted
            if accepted == size:
                continue
            if a_list is None:
                a_list, s_list = arrivals.tolist(), services.tolist()
                d_list = None if deadlines is None else np.asarray(deadlines, float).tolist()
            j = min(total, i + self._loop_len)
            heap = self._heap_state()
            if d_list is None:
                seen = _loop_patient(heap, a_list[i:j], s_list[i:j])
            else:
                seen = _loop_impatient(heap, a_list[i:j], s_list[i:j], d_list[i:j])
            first_free[i:j] = seen
            i = j
        return first_free

    def _try_block(self, a: np.ndarray, services: np.ndarray) -> int:
        """Accept the longest leading run of callers who all find an agent free on arrival.

        Returns how many were accepted (they start on arrival) and adapts the block size and the
        loop length: a block that pays for its cost resets the loop to its minimum length, one that
        does not doubles it.
        """
        n = self.agents
        size = a.size
        ends = a + services
        state = self._sorted_state()
        busy = n - np.searchsorted(state, a, side="right")
        busy += np.arange(size) - np.searchsorted(np.sort(ends), a, side="left")
        full = busy >= n
        accepted = int(np.argmax(full)) if full.any() else size
        if accepted:
            merged = np.concatenate([state, ends[:accepted]])
            self._sorted = np.sort(np.partition(merged, merged.size - n)[-n:])
        if accepted == size:
            self._block = min(2 * size, _MAX_BLOCK)
        else:
            self._block = max(_MIN_BLOCK, 2 * accepted)
            worth_it = accepted >= (n + size) // 8 + _MIN_LOOP
            self._loop_len = _MIN_LOOP if worth_it else min(2 * self._loop_len, _MAX_LOOP)
        return accepted
