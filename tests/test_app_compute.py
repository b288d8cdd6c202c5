"""Comparisons off the page run (``views.compute``): the same figures from a worker process, the
same input errors, and the queue's order (earliest expected finish first)."""

import pickle
import threading
import time
from pathlib import Path

import pytest

import sim
from sim.comparison import simulated_designs
from sim.scenario import ScenarioError
from views import compute

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def test_input_errors_cross_processes_whole():
    err = pickle.loads(pickle.dumps(ScenarioError(["a: bad", "b: worse"])))
    assert type(err) is ScenarioError
    assert err.problems == ["a: bad", "b: worse"]


@pytest.mark.parametrize(
    ("name", "simulated"),
    [
        ("provincial", ()),
        ("team_size", ()),
        ("shared_services", ("centralised", "virtual_network")),
        ("follow_the_sun", ("virtual_network",)),
    ],
)
def test_simulated_designs_are_the_ones_compare_simulates(name, simulated):
    scenario = sim.load_scenario(SCENARIOS / f"{name}.toml")
    assert simulated_designs(scenario) == simulated
    assert compute.expected_seconds(scenario) > (1.0 if simulated else 0.0)


def test_worker_gives_the_same_figures():
    scenario = sim.load_scenario(SCENARIOS / "team_size.toml")
    assert compute.compare(scenario).to_dict() == sim.compare(scenario).to_dict()


def test_quick_comparisons_go_before_long_ones(monkeypatch):
    """With one worker busy, waiting comparisons run earliest expected finish first."""
    monkeypatch.setattr(compute, "WORKERS", 1)
    monkeypatch.setattr(compute, "expected_seconds", lambda seconds: seconds)
    started, release = [], threading.Event()

    def run(seconds):
        started.append(seconds)
        if seconds == 0.0:
            release.wait(10)
        return seconds

    monkeypatch.setattr(compute, "_run", run)
    blocker = threading.Thread(target=compute.compare, args=(0.0,))
    blocker.start()
    while not started:
        time.sleep(0.01)
    waiting = [threading.Thread(target=compute.compare, args=(s,)) for s in (600.0, 60.0, 0.5)]
    for thread in waiting:
        thread.start()
    while len(compute._waiting) < 3:
        time.sleep(0.01)
    release.set()
    for thread in (blocker, *waiting):
        thread.join(10)
    assert started == [0.0, 0.5, 60.0, 600.0]


def test_a_scenario_that_cannot_be_staffed_comes_back_as_its_error():
    scenario = sim.load_scenario(SCENARIOS / "team_size.toml")
    crowded = sim.apply_overrides(scenario, {"sites[0].seats": 1})
    with pytest.raises(ScenarioError) as err:
        compute.compare(crowded)
    assert err.value.problems[0].startswith("sites[0].seats: 'Team A' has 1 seats")
