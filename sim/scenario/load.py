"""Reading a scenario: TOML text or a parsed dict in, a validated frozen :class:`Scenario` out."""

from pathlib import Path

from pydantic import ValidationError

from sim.errors import InputError
from sim.scenario.limits import capped, parse_toml, read_text, shape_problems
from sim.scenario.messages import problems
from sim.scenario.schema import Scenario, ScenarioError

__all__ = ["load_scenario", "parse_scenario"]


def parse_scenario(data: dict | str) -> Scenario:
    """Validate a scenario given as a dict (parsed TOML) or as TOML text.

    The size of the input is checked first (see :mod:`sim.scenario.limits`); a long list of
    problems is cut to the first few and a count.

    Raises
    ------
    ScenarioError
        With one message per problem, each naming its key path.
    """
    if isinstance(data, str):
        try:
            data = parse_toml(data)
        except InputError as err:
            raise ScenarioError(err.problems) from None
    found = shape_problems(data)
    if found:
        raise ScenarioError(found)
    try:
        return Scenario.model_validate(data)
    except ValidationError as err:
        raise ScenarioError(capped(problems(err, data))) from None


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario TOML file (see ``scenarios/README.md``)."""
    try:
        text = read_text(path)
    except InputError as err:
        raise ScenarioError(err.problems) from None
    return parse_scenario(text)
