"""Edits by dotted key path: the one way to change a scenario after it is written.

The app's forms and tables, the links it writes, the sweeps' grids and the CLI all say what to
change as ``path: value`` pairs (``targets.service_level``, ``sites[2].volume_scale``,
``sites[*].cost_per_fte``, ``lines[cards].aht``); :func:`apply_overrides` applies them and
validates the result, :func:`value_at` reads one, :func:`table_overrides` turns an edited table of
rows into such pairs.
"""

import math
import re
from typing import Any

from sim.errors import InputError
from sim.scenario.checks import close_match
from sim.scenario.limits import MAX_KEY_CHARS, echo
from sim.scenario.load import parse_scenario
from sim.scenario.schema import Scenario, ScenarioError

__all__ = ["apply_overrides", "table_overrides", "value_at"]

_SEGMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]+)\])?$")


def apply_overrides(scenario: Scenario, overrides: dict[str, Any]) -> Scenario:
    """A new validated scenario with values replaced at dotted key paths.

    Paths are like ``targets.service_level``, ``sites[2].volume_scale`` (index),
    ``sites[*].cost_per_fte`` (every element), ``lines[cards].aht`` (element by name) or
    ``sites[Leeds].volume.cards``.

    Raises
    ------
    ScenarioError
        For a path that names nothing, or a value the scenario rejects.
    """
    data = scenario.model_dump(mode="json")
    for path, value in overrides.items():
        try:
            _set_path(data, path, value)
        except (KeyError, IndexError, ValueError) as err:
            shown = path if len(path) <= MAX_KEY_CHARS else echo(path)
            raise ScenarioError([f"{shown}: {err.args[0]}"]) from None
    return parse_scenario(data)


def _set_path(data: dict, path: str, value) -> None:
    targets = [data]
    segments = path.split(".")
    for depth, segment in enumerate(segments):
        match = _SEGMENT.match(segment)
        if not match:
            raise InputError(f"cannot read path segment {echo(segment)}")
        key, selector = match.groups()
        last = depth == len(segments) - 1
        next_targets = []
        for target in targets:
            if not isinstance(target, dict) or (key not in target and not (last and not selector)):
                raise KeyError(f"no key {echo(key)} here{close_match(key, _keys(target))}")
            if selector is None:
                if last:
                    target[key] = value
                else:
                    if target.get(key) is None:  # an optional table not set yet
                        target[key] = {}
                    next_targets.append(target[key])
                continue
            items = target[key]
            chosen = _select(items, selector)
            if last:
                for i in chosen:
                    items[i] = value
            else:
                next_targets.extend(items[i] for i in chosen)
        targets = next_targets


def _keys(target) -> list[str]:
    return list(target) if isinstance(target, dict) else []


def _select(items, selector: str) -> list[int]:
    if not isinstance(items, list):
        raise InputError("[...] only applies to lists (lines, sites, hubs, ...)")
    if selector == "*":
        return list(range(len(items)))
    if selector.lstrip("-").isdigit():
        index = int(selector)
        if not -len(items) <= index < len(items):
            raise IndexError(f"index {index} out of range (0..{len(items) - 1})")
        return [index % len(items)]
    names = [item.get("name") for item in items if isinstance(item, dict)]
    if selector not in names:
        raise KeyError(f"no element named {echo(selector)}{close_match(selector, names)}")
    return [names.index(selector)]


def value_at(data: dict, path: str):
    """The value at a plain dotted ``path`` (``targets.service_level``) of a scenario dumped to
    a dict (``Scenario.model_dump()``)."""
    value = data
    for part in path.split("."):
        value = value[part]
    return value


def table_overrides(
    list_key: str, base: list[dict[str, Any]], edited: list[dict[str, Any]]
) -> dict[str, Any]:
    """Overrides that turn the rows ``base`` into ``edited``, one per changed cell.

    Parameters
    ----------
    list_key : str
        The scenario list the rows come from, e.g. ``"sites"`` or ``"workforce.support_roles"``.
    base, edited : list of dict
        Rows in scenario order; keys are paths relative to one element (``"aht"``,
        ``"volume.cards"``). A missing number (NaN) means "not set" and becomes ``None``.

    Returns
    -------
    dict
        ``{"sites[2].volume.cards": 1300.0, ...}`` for every cell that differs.
    """
    if len(base) != len(edited):
        raise ScenarioError([f"{list_key}: rows cannot be added or removed here"])
    out = {}
    for i, (old, new) in enumerate(zip(base, edited, strict=True)):
        for key, value in new.items():
            value = _plain_number(value)
            if value != _plain_number(old.get(key)):
                out[f"{list_key}[{i}].{key}"] = value
    return out


def _plain_number(value):
    """Python scalars from numpy/pandas cells; NaN and missing become ``None``."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
