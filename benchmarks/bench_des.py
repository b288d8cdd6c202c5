"""Calls simulated per second: our single-queue engine against Ciw and a naive SimPy model.

The model is the same for all three: M/M/c+M with AHT 300 s, exponential patience with mean 120 s
and a load of 0.95 x agents, at 10, 100, 1,000 and 10,000 agents, measured side by side in one run.

- **ours**: ``sim.des.simulate_queue`` (2 replications, exact stationary start), about 1,000,000
  calls per size;
- **Ciw**: ``ciw.create_network(..., reneging_time_distributions=...)`` and
  ``simulate_until_max_time``, starting empty, 5,000 to 20,000 calls per size;
- **naive SimPy**: one process per call, a ``simpy.Resource`` for the agents, patience as
  ``request | env.timeout(patience)``, starting empty, 100,000 to 200,000 calls per size.

A second table runs ours with **gamma patience** (mean 120 s, cv 0.707, i.e. shape 2; same
model otherwise) at 100 and 1,000 agents: the start is then approximate and a warm-up of
``max(20 AHT, 20 patience, 10 % of the horizon)`` is simulated and discarded, so the offered
calls per second include the cost of the warm-up calls.

Every figure is offered calls / time of the whole run (set-up included), best of ``--repeats``
runs, by the wall clock and by this process's CPU time (the steadier figure on a shared machine).
Peers that are not installed are skipped with a message. Run with an interpreter that has the
peers (Ciw is in ``requirements-test.txt``, never in the runtime requirements) and the packages
``import sim`` needs::

    python3 -m venv /work/benchvenv2
    /work/benchvenv2/bin/pip install "ciw>=3.2,<3.3" simpy numpy scipy pandas pydantic
    /work/benchvenv2/bin/python benchmarks/bench_des.py
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sim.des import simulate_queue

AHT = 300.0
PATIENCE = 120.0
UTILISATION = 0.95
SIZES = (10, 100, 1_000, 10_000)
GAMMA_SIZES = (100, 1_000)
GAMMA_CV = 0.5**0.5  # shape 2
OURS_CALLS = 1_000_000
CIW_CALLS = {10: 20_000, 100: 20_000, 1_000: 10_000, 10_000: 5_000}
SIMPY_CALLS = {10: 200_000, 100: 200_000, 1_000: 200_000, 10_000: 100_000}
CLOCKS = ("wall", "CPU")


def _horizon(agents: int, calls: float) -> float:
    """Seconds of simulated time that bring ``calls`` expected arrivals."""
    return calls / (UTILISATION * agents / AHT)


def run_ours(agents: int, scale: float) -> int:
    """Simulate with ``sim.des.simulate_queue``; return the offered calls."""
    hours = _horizon(agents, OURS_CALLS * scale) / 3600.0 / 2
    result = simulate_queue(
        agents, UTILISATION * agents, AHT, patience=PATIENCE, hours=hours, replications=2
    )
    return result.calls


def run_ours_gamma(agents: int, scale: float) -> int:
    """``sim.des.simulate_queue`` with gamma patience (warm-up included); return offered calls."""
    hours = _horizon(agents, OURS_CALLS * scale) / 3600.0 / 2
    result = simulate_queue(
        agents,
        UTILISATION * agents,
        AHT,
        patience=PATIENCE,
        patience_dist="gamma",
        patience_cv=GAMMA_CV,
        hours=hours,
        replications=2,
    )
    return result.calls


def run_ciw(agents: int, scale: float) -> int:
    """Simulate with Ciw; return the offered calls (arrivals generated)."""
    import ciw

    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=UTILISATION * agents / AHT)],
        service_distributions=[ciw.dists.Exponential(rate=1.0 / AHT)],
        number_of_servers=[agents],
        reneging_time_distributions=[ciw.dists.Exponential(rate=1.0 / PATIENCE)],
    )
    ciw.seed(0)
    simulation = ciw.Simulation(network)
    simulation.simulate_until_max_time(_horizon(agents, CIW_CALLS[agents] * scale))
    return simulation.nodes[0].number_of_individuals


def run_simpy(agents: int, scale: float) -> int:
    """Simulate with a naive SimPy model; return the offered calls."""
    import simpy

    rng = random.Random(0)
    env = simpy.Environment()
    pool = simpy.Resource(env, capacity=agents)
    rate = UTILISATION * agents / AHT
    counts = {"offered": 0, "answered": 0, "abandoned": 0}

    def caller():
        with pool.request() as request:
            outcome = yield request | env.timeout(rng.expovariate(1.0 / PATIENCE))
            if request in outcome:
                counts["answered"] += 1
                yield env.timeout(rng.expovariate(1.0 / AHT))
            else:
                counts["abandoned"] += 1

    def arrivals():
        while True:
            yield env.timeout(rng.expovariate(rate))
            counts["offered"] += 1
            env.process(caller())

    env.process(arrivals())
    env.run(until=_horizon(agents, SIMPY_CALLS[agents] * scale))
    return counts["offered"]


def _available(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        spec = '"ciw>=3.2,<3.3"' if module == "ciw" else module
        print(f"{module} is not installed in {sys.executable}: skipped (pip install {spec})")
        return False
    return True


def calls_per_second(runs: dict, agents: int, scale: float, repeats: int) -> dict:
    """Best offered calls per wall-clock second and per CPU second of each runner.

    The runners take turns within each of ``repeats`` rounds, so a busy machine slows them alike;
    CPU time (this process) is the steadier figure on a shared machine.
    """
    best = {clock: dict.fromkeys(runs, 0.0) for clock in CLOCKS}
    for _ in range(repeats):
        for name, run in runs.items():
            wall, cpu = time.perf_counter(), time.process_time()
            calls = run(agents, scale)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            best["wall"][name] = max(best["wall"][name], calls / wall)
            best["CPU"][name] = max(best["CPU"][name], calls / max(cpu, 1e-9))
    return best


def _fmt(value: float | None) -> str:
    return "skipped" if value is None else f"{value:,.0f}"


def _ratio(ours: float, peer: float | None) -> str:
    return "-" if peer is None else f"{ours / peer:,.0f}x"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), choices=SIZES)
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every call budget")
    args = parser.parse_args(argv)
    runs = {"ours": run_ours}
    if _available("ciw"):
        runs["Ciw"] = run_ciw
    if _available("simpy"):
        runs["naive SimPy"] = run_simpy
    print(
        f"M/M/c+M, AHT {AHT:g} s, patience {PATIENCE:g} s, load {UTILISATION} x agents; "
        f"offered calls per second (best of {args.repeats}) on {sys.executable}\n"
    )
    print(
        "| agents | clock | ours | Ciw | naive SimPy | ours / Ciw | ours / SimPy | ours ns/call |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    cost = {clock: {} for clock in CLOCKS}
    for agents in args.sizes:
        rates = calls_per_second(runs, agents, args.scale, args.repeats)
        for clock in CLOCKS:
            ours = rates[clock]["ours"]
            ciw_rate, simpy_rate = rates[clock].get("Ciw"), rates[clock].get("naive SimPy")
            cost[clock][agents] = 1e9 / ours
            print(
                f"| {agents:,} | {clock} | {_fmt(ours)} | {_fmt(ciw_rate)} | {_fmt(simpy_rate)} "
                f"| {_ratio(ours, ciw_rate)} | {_ratio(ours, simpy_rate)} "
                f"| {cost[clock][agents]:,.0f} |",
                flush=True,
            )
    if len(args.sizes) > 1:
        low, high = min(args.sizes), max(args.sizes)
        growth = ", ".join(f"{c} {cost[c][high] / cost[c][low]:.2f}x" for c in CLOCKS)
        print(f"\ncost per call, {high:,} agents / {low:,} agents: {growth} (target <= 1.5x)")
    gamma_sizes = [n for n in GAMMA_SIZES if n in args.sizes] or list(GAMMA_SIZES)
    print(
        f"\nours with gamma patience (mean {PATIENCE:g} s, cv {GAMMA_CV:.3f}, warm-up included), "
        "offered calls per second\n"
    )
    print("| agents | clock | ours, gamma patience | ours ns/call |")
    print("|---:|---|---:|---:|")
    for agents in gamma_sizes:
        rates = calls_per_second({"gamma": run_ours_gamma}, agents, args.scale, args.repeats)
        for clock in CLOCKS:
            rate = rates[clock]["gamma"]
            print(f"| {agents:,} | {clock} | {_fmt(rate)} | {1e9 / rate:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
