"""Every shipped scenario's ``compare --json`` is pinned, figure for figure.

The files in ``tests/golden/`` were written by ``python -m sim compare FILE --json`` before the
restructuring of the pipeline; a change that moves a figure must say so by rewriting them on purpose
(``python -m sim compare scenarios/NAME.toml --json > tests/golden/NAME.json``) in the same commit.
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
    assert json.loads(capsys.readouterr().out) == json.loads(golden.read_text())
