"""Every shipped scenario's ``compare --json`` is pinned, figure for figure.

The files in ``tests/golden/`` were written by ``python -m sim compare FILE --json`` before the
restructuring of the pipeline; a change that moves a figure must say so by rewriting them on purpose
(``python -m sim compare scenarios/NAME.toml --json > tests/golden/NAME.json``) in the same commit.
Numbers are compared to 1e-12 relative: a change of floating-point rounding (a sum taken in another
order, an exact integral instead of an exact series) is not a change of figure.
"""

import json
from pathlib import Path

import pytest

from sim.cli import main

ROOT = Path(__file__).parents[1]
GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.json"))


def test_every_shipped_scenario_is_pinned():
    assert {p.stem for p in GOLDEN} == {p.stem for p in (ROOT / "scenarios").glob("*.toml")}


@pytest.mark.parametrize("golden", GOLDEN, ids=lambda p: p.stem)
def test_compare_json_is_unchanged(golden, capsys):
    assert main(["compare", str(ROOT / "scenarios" / f"{golden.stem}.toml"), "--json"]) == 0
    assert_same(json.loads(capsys.readouterr().out), json.loads(golden.read_text()))


def assert_same(got, want, path: str = "") -> None:
    """Equal JSON trees, numbers within 1e-12 relative (key path in the message)."""
    if isinstance(want, dict):
        assert isinstance(got, dict) and set(got) == set(want), path
        for key in want:
            assert_same(got[key], want[key], f"{path}.{key}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), path
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            assert_same(g, w, f"{path}[{i}]")
    elif isinstance(want, float) and not isinstance(want, bool):
        assert got == pytest.approx(want, rel=1e-12, abs=1e-12), path
    else:
        assert got == want, path
