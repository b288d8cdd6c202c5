"""Smoke tests: the package imports, the CLI answers, the app starts."""

import json
from pathlib import Path

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
