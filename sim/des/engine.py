"""The event loop of one replication: callers meet agents in a SimPy environment.

Picture the floor of a contact centre during a day. A caller rings: if an agent of a team allowed
to take the call is free, the call is answered at once; otherwise the caller joins a waiting line.
An agent who hangs up a call takes the next caller the routing allows, or becomes free. A waiting
caller whose patience runs out hangs up. At every interval boundary the roster logs agents in or
out: free agents leave first; if more must go, agents on a call are chosen to leave (which call
they hold has nothing to do with it) and finish that call first, so for a few minutes more agents
may be busy than rostered, while the agents who stay take the waiting callers as before. Agents
who log in take waiting callers at once (or cancel a pending log-off). In a virtual
network a caller who has waited ``overflow_after`` seconds may be answered by any city's free
agent.

The SimPy :class:`~simpy.core.Environment` holds the calendar of future events: call
completions (``env.timeout`` with a callback, no process per call), the overflow moments of
waiting callers and the roster's interval boundaries (one SimPy process). Arrivals are drawn in
advance (:mod:`sim.des.arrivals`) and merged into the calendar: before each SimPy step the loop
delivers every arrival that comes first. That saves one SimPy event per call (~3 us each) and
keeps the model exact.

Costs per event are O(1) or O(tiers): free agents are counters per group, calls in service a set
per group (to choose who logs off), waiting callers sit in deques per waiting line, and hang-ups
are lazy: a caller whose patience has run out is removed (and counted as abandoned at the moment
its patience ran out) when an agent reaches it in the line, or at the end. Nothing scans the
agents or a whole line per call; only a roster cut walks the group's calls in service.
"""

from collections import deque
from dataclasses import dataclass

import numpy as np
import simpy

from sim.des.arrivals import Calls
from sim.des.routing import Routing

__all__ = ["ABANDONED", "ANSWERED", "WAITING", "Outcome", "run_replication"]

WAITING, ANSWERED, ABANDONED = 0, 1, 2
_EPS = 1e-9


@dataclass(frozen=True)
class Outcome:
    """What happened to each caller of a replication (arrays aligned with :class:`Calls`).

    Attributes
    ----------
    status : ndarray of uint8
        ``ANSWERED``, ``ABANDONED`` or ``WAITING`` (still queueing when the run stopped).
    answer : ndarray
        Time the call reached an agent, seconds from the start (``nan`` if never).
    group : ndarray of int
        Group of the agent who answered (-1 if none).
    """

    status: np.ndarray
    answer: np.ndarray
    group: np.ndarray


def _roster(env, routing: Routing, played: np.ndarray, set_staff):
    """SimPy process: at each interval boundary set every group to its rostered agents."""
    width = routing.interval_seconds
    staffing = routing.staffing[:, played]
    current = np.zeros(staffing.shape[0], dtype=np.int64)
    for k in range(staffing.shape[1]):
        if k:
            yield env.timeout(k * width - env.now)
        for g in np.flatnonzero(staffing[:, k] != current):
            set_staff(int(g), int(staffing[g, k]))
        current = staffing[:, k]


def run_replication(routing: Routing, calls: Calls, played: np.ndarray) -> Outcome:
    """Simulate one replication from an empty centre until the last played interval ends.

    Parameters
    ----------
    routing : Routing
        Queues, waiting lines, groups, staffing and routing tables of the design.
    calls : Calls
        The replication's callers (times from the start of the first played interval).
    played : ndarray of int
        Horizon interval played at each simulated interval.
    """
    env = simpy.Environment()
    arrival = calls.time.tolist()
    wline_of = routing.queue_wline[calls.queue].tolist()
    service = calls.service.tolist()
    deadline = (calls.time + calls.patience).tolist()
    n = len(arrival)
    status = bytearray(n)
    answer = [np.nan] * n
    served_by = [-1] * n
    groups = len(routing.tiers)
    free = [0] * groups
    logged = [0] * groups
    busy = [set() for _ in range(groups)]
    leaving = [set() for _ in range(groups)]
    lines = [deque() for _ in routing.route]
    route, overflow, tiers = routing.route, routing.overflow, routing.tiers
    after = routing.overflow_after
    timeout = env.timeout

    def serve(c, g, now):
        status[c] = ANSWERED
        answer[c] = now
        served_by[c] = g
        busy[g].add(c)
        timeout(now + service[c] - env.now, c).callbacks.append(done[g])

    def pick(g, now):
        for tier in tiers[g]:
            best = -1
            best_line = None
            for w, wait in tier:
                line = lines[w]
                while line:
                    c = line[0]
                    if status[c]:
                        line.popleft()
                    elif deadline[c] <= now:
                        status[c] = ABANDONED
                        line.popleft()
                    else:
                        break
                else:
                    continue
                if arrival[c] + wait <= now + _EPS and (best < 0 or arrival[c] < arrival[best]):
                    best, best_line = c, line
            if best >= 0:
                best_line.popleft()
                return best
        return -1

    def available(g, now):
        c = pick(g, now)
        if c < 0:
            free[g] += 1
        else:
            serve(c, g, now)

    def completion(g):
        in_service, off = busy[g], leaving[g]

        def finished(event):
            c = event.value
            in_service.discard(c)
            if off and c in off:
                off.discard(c)
            else:
                available(g, env.now)

        return finished

    done = [completion(g) for g in range(groups)]

    def set_staff(g, target):
        delta = target - logged[g]
        logged[g] = target
        off = leaving[g]
        if delta > 0:
            while delta and off:
                off.pop()
                delta -= 1
            for _ in range(delta):
                available(g, env.now)
            return
        idle = min(free[g], -delta)
        free[g] -= idle
        need = -delta - idle
        for c in busy[g]:
            if not need:
                break
            if c not in off:
                off.add(c)
                need -= 1

    def on_overflow(event):
        c = event.value
        now = env.now
        if status[c] or deadline[c] <= now:
            return
        g = max(overflow[wline_of[c]], key=free.__getitem__)
        if free[g]:
            free[g] -= 1
            serve(c, g, now)

    def arrive(c, now):
        w = wline_of[c]
        for g in route[w]:
            if free[g]:
                free[g] -= 1
                serve(c, g, now)
                return
        lines[w].append(c)
        if overflow[w] and deadline[c] > now + after:
            timeout(now + after - env.now, c).callbacks.append(on_overflow)

    env.process(_roster(env, routing, played, set_staff))
    stop = len(played) * routing.interval_seconds
    peek, step = env.peek, env.step
    i = 0
    while True:
        t = peek()
        while i < n and arrival[i] < t:
            arrive(i, arrival[i])
            i += 1
            t = peek()
        if t >= stop:
            break
        step()
    state = np.frombuffer(bytes(status), dtype=np.uint8).copy()
    late = (state == WAITING) & (np.asarray(deadline) <= stop)
    state[late] = ABANDONED
    return Outcome(state, np.array(answer), np.array(served_by, dtype=np.int64))
