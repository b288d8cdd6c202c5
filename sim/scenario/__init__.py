"""Scenario files: today's scattered centres and the consolidation designs, validated and frozen.

A planner writes one TOML file (see ``scenarios/README.md`` for every key, unit and default):
``[general]``, ``[targets]``, ``[workforce]``, ``[[lines]]`` (business lines, i.e. queues),
``[[sites]]`` (today's centres), ``[[hubs]]`` (where consolidated centres would be) and ``[design]``
(which sites go to which hub, what changes after the move, which alternatives to compare)
and ``[risk]`` (the ranges and shocks of ``sim.risk``).
``load_scenario`` turns it into a frozen :class:`Scenario` or raises :class:`ScenarioError` listing
every problem with its key path (``sites[3].volume.cards: must be >= 0, got -120``).

Units: seconds for handle and patience times, calls per week for volumes, hours for shifts and time
zones (offsets from UTC), the scenario's currency per year for costs.

The package, one module per concept:

- :mod:`sim.scenario.schema`: the pydantic models, one per table of the file;
- :mod:`sim.scenario.checks`: checks across tables (names, profiles, hours, shifts);
- :mod:`sim.scenario.messages`: pydantic's errors as one line per problem with its key path;
- :mod:`sim.scenario.load`: :func:`parse_scenario` and :func:`load_scenario`;
- :mod:`sim.scenario.overrides`: edits by dotted key path (:func:`apply_overrides`);
- :mod:`sim.scenario.toml_writer`: ``Scenario.to_toml``.
"""

from sim.scenario.load import load_scenario, parse_scenario
from sim.scenario.overrides import apply_overrides, table_overrides, value_at
from sim.scenario.schema import (
    DEFAULT_SUPPORT_ROLES,
    MAX_WEEKLY_CALLS,
    Alternative,
    Contract,
    Design,
    General,
    HistorySource,
    Hub,
    Line,
    Risk,
    RiskRanges,
    Scenario,
    ScenarioError,
    Site,
    SupportRole,
    Targets,
    Workforce,
)

__all__ = [
    "DEFAULT_SUPPORT_ROLES",
    "MAX_WEEKLY_CALLS",
    "Alternative",
    "Contract",
    "Design",
    "General",
    "HistorySource",
    "Hub",
    "Line",
    "Risk",
    "RiskRanges",
    "Scenario",
    "ScenarioError",
    "Site",
    "SupportRole",
    "Targets",
    "Workforce",
    "apply_overrides",
    "load_scenario",
    "parse_scenario",
    "table_overrides",
    "value_at",
]
