"""Point identity and seeds: the same what-if always has the same name and the same random numbers.

A sweep that runs overnight must survive a killed job and give the same figures on a laptop and on
a cluster. Both follow from naming each point by *what* it computes, never by *where* or *when*:

- the **key** of a point is the SHA-256 of the base scenario's digest, the point's overrides (in
  their order, as JSON), the engine and the number of replications. Rerunning a sweep skips every
  key already stored, whatever the order or the grid it came from;
- the **seed** of a point comes from ``numpy.random.SeedSequence(entropy=general.seed of the base
  scenario, spawn_key=words of the key)``: independent streams for different points, identical
  streams for the same point on any worker.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from sim.errors import InputError
from sim.scenario import Scenario

__all__ = ["Point", "make_points"]


@dataclass(frozen=True)
class Point:
    """One what-if of a sweep.

    Attributes
    ----------
    index : int
        Position in the sweep's design (0-based).
    key : str
        Identity (64 hex digits), see the module docstring.
    inputs : dict
        Dotted key path -> value applied to the base scenario.
    seed : int
        Seed of the point's random numbers, 0 <= seed < 2**63.
    """

    index: int
    key: str
    inputs: dict[str, Any]
    seed: int


def point_key(base_digest: str, inputs: dict, engine: str, replications: int) -> str:
    """SHA-256 hex digest naming a point (see the module docstring)."""
    try:
        text = json.dumps(
            [base_digest, list(inputs.items()), engine, replications],
            separators=(",", ":"),
            allow_nan=False,
        )
    except (TypeError, ValueError) as err:
        raise InputError(f"grid: values must be numbers, text, booleans or lists ({err})") from None
    return hashlib.sha256(text.encode()).hexdigest()


def point_seed(entropy: int, key: str) -> int:
    """63-bit seed from ``SeedSequence(entropy, spawn_key=key words)``."""
    words = tuple(int(key[i : i + 8], 16) for i in range(0, 32, 8))
    state = np.random.SeedSequence(entropy, spawn_key=words).generate_state(1, np.uint64)[0]
    return int(state >> np.uint64(1))


def make_points(
    scenario: Scenario, designs: list[dict[str, Any]], engine: str, replications: int
) -> list[Point]:
    """Name and seed every point of a design (see the module docstring)."""
    digest = scenario.digest()
    points = []
    for index, inputs in enumerate(designs):
        key = point_key(digest, inputs, engine, replications)
        points.append(Point(index, key, inputs, point_seed(scenario.general.seed, key)))
    return points
