"""Turning pydantic's validation errors into one plain line per problem, each with its key path.

``sites[3].volume.cards: must be >= 0, got -120`` is what a planner can act on; pydantic's own
error dicts are not. Paths are rebuilt by walking the submitted data along each error's location,
so the names pydantic gives union members internally never leak into a message (and this module
does not depend on them).
"""

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from sim.scenario.checks import close_match
from sim.scenario.limits import echo
from sim.scenario.schema import Scenario

__all__ = ["problems"]


def _loc_path(loc: tuple) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The pydantic model class that owns the key at ``loc`` (for unknown-key suggestions)."""
    model: Any = Scenario
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if isinstance(model, type) else None
        if field is None:
            return None
        model = _inner_model(field.annotation)
        if model is None:
            return None
    return model


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


_BOUND_WORDS = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<"}


def _message(error: dict) -> str:
    kind, ctx, value = error["type"], error.get("ctx", {}), echo(error.get("input"))
    if kind == "extra_forbidden":
        model = _model_at(error["loc"])
        allowed = tuple(model.model_fields) if model else ()
        hint = close_match(error["loc"][-1], allowed)
        listed = f"; allowed keys: {', '.join(allowed)}" if allowed else ""
        return f"unknown key{hint}{listed}"
    if kind == "missing":
        return "required key is missing"
    if kind == "finite_number":
        return f"must be a finite number, got {value}"
    for bound, word in _BOUND_WORDS.items():
        if kind.endswith(f"{'greater' if bound[0] == 'g' else 'less'}_than") and bound in ctx:
            return f"must be {word} {ctx[bound]}, got {value}"
        if kind.endswith("_equal") and bound in ctx:
            return f"must be {word} {ctx[bound]}, got {value}"
    if kind == "int_from_float":
        return f"must be a whole number, got {value}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')}, got {value}"
    if kind in ("too_short", "too_long"):
        return f"{error['msg'].lower()}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{error['msg'].lower()}, got {value}"


_FIELD_PREFIX = re.compile(r"^([a-z_]+): ")


def _data_loc(loc: tuple, data) -> tuple:
    """The parts of pydantic's error location that exist in the submitted ``data`` (keys of its
    tables, indices of its lists), plus a last key that may be missing from its table; the others
    are the labels pydantic gives the members of a union and are dropped."""
    kept = []
    current = data
    for depth, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list | tuple) and isinstance(part, int):
            current = current[part] if -len(current) <= part < len(current) else None
        elif depth < len(loc) - 1 or not isinstance(current, dict):
            continue
        kept.append(part)
    return tuple(kept)


_KINDS = {
    "string_type": "text",
    "dict_type": "a table",
    "tuple_type": "a list",
    "list_type": "a list",
    "float_type": "a number",
    "int_type": "a whole number",
}


def _parents(path: str) -> set[str]:
    return {path[:i] for i, char in enumerate(path) if char in ".["}


def problems(err: ValidationError, data) -> list[str]:
    """One message per problem of ``err`` raised while validating ``data``, each prefixed by
    its key path (``sites[2].volume.cards: must be >= 0, got -5``).

    A value given to a union (a profile's name or its weights, hours as text or per day) fails
    once per member: when one member gets further (an error deeper down, or of another kind) the
    other members' "wrong type" errors are dropped, else they are merged into one line.
    """
    located = [(_loc_path(_data_loc(tuple(e["loc"]), data)), e) for e in err.errors()]
    parents = set().union(*(_parents(path) for path, _ in located)) if located else set()
    other_kinds = {path for path, e in located if e["type"] not in _KINDS}
    wrong_types: dict[str, list[str]] = {}
    found = []
    for path, error in located:
        kind = error["type"]
        if path in parents and (kind in _KINDS or kind == "too_short"):
            continue
        if kind in _KINDS and path in other_kinds:
            continue
        if kind in _KINDS:
            if path not in wrong_types:
                found.append(path)
            wrong_types.setdefault(path, []).append(_KINDS[kind])
            continue
        message = _message(error)
        if kind == "value_error" and "\n" in message:
            found.extend(message.splitlines())
            continue
        field = _FIELD_PREFIX.match(message) if kind == "value_error" else None
        if field and path:
            path, message = f"{path}.{field[1]}", message[field.end() :]
        found.append(f"{path}: {message}" if path else message)
    inputs = {path: echo(e.get("input")) for path, e in located}
    return list(
        dict.fromkeys(
            f"{item}: must be {' or '.join(dict.fromkeys(wrong_types[item]))}, got {inputs[item]}"
            if item in wrong_types
            else item
            for item in found
        )
    )
