"""Reading a scenario: TOML text or a parsed dict in, a validated frozen :class:`Scenario` out."""

import tomllib
from pathlib import Path

from pydantic import ValidationError

from sim.scenario.messages import problems
from sim.scenario.schema import Scenario, ScenarioError

__all__ = ["load_scenario", "parse_scenario"]


def parse_scenario(data: dict | str) -> Scenario:
    """Validate a scenario given as a dict (parsed TOML) or as TOML text.

    Raises
    ------
    ScenarioError
        With one message per problem, each naming its key path.
    """
    if isinstance(data, str):
        try:
            data = tomllib.loads(data)
        except tomllib.TOMLDecodeError as err:
            raise ScenarioError([f"TOML syntax: {err}"]) from None
    try:
        return Scenario.model_validate(data)
    except ValidationError as err:
        raise ScenarioError(problems(err, data)) from None


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario TOML file (see ``scenarios/README.md``)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ScenarioError([f"{path}: cannot read ({err.strerror})"]) from None
    except UnicodeDecodeError:
        raise ScenarioError([f"{path}: not UTF-8 text"]) from None
    return parse_scenario(text)
