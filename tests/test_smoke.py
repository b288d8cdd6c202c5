"""Smoke tests: the package imports, the CLI answers, the app starts."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sim.cli import main


def test_cli_erlang_json(capsys):
    assert main(["erlang", "--calls", "1200", "--aht", "300", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["agents"] == 210
    assert out["load_erlangs"] == 200.0


def test_cli_bad_input_exit_2(capsys):
    assert main(["erlang", "--calls", "-5", "--aht", "300"]) == 2
    assert "calls: must be" in capsys.readouterr().err


def test_app_starts():
    at = AppTest.from_file(str(Path(__file__).parents[1] / "app.py"), default_timeout=30).run()
    assert not at.exception
    at.switch_page("views/calculator.py").run()
    assert not at.exception
    assert at.metric[0].value == "210"


def _broken_compare(scenario):
    raise ValueError("an internal bug, not the user's input")


def test_cli_bug_is_not_reported_as_bad_input(monkeypatch):
    """Only InputError is the user's to fix (exit 2); any other error surfaces as the bug it is."""
    import sim.cli.compare

    monkeypatch.setattr(sim.cli.compare, "compare", _broken_compare)
    scenario = str(Path(__file__).parents[1] / "scenarios" / "team_size.toml")
    with pytest.raises(ValueError, match="internal bug"):
        main(["compare", scenario])


def test_app_shows_a_bug_as_a_bug(monkeypatch):
    import sim

    monkeypatch.setattr(sim, "compare", _broken_compare)
    at = AppTest.from_file(str(Path(__file__).parents[1] / "app.py"), default_timeout=30)
    at.query_params["scenario"] = "team_size"
    at.query_params["edits"] = '{"targets.service_level": 0.815}'
    at.run()
    at.switch_page("views/overview.py").run()
    assert any("Internal error" in e.value for e in at.error)
    assert at.exception
