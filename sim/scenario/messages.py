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
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    if kind == "extra_forbidden":
        model = _model_at(error["loc"])
        allowed = tuple(model.model_fields) if model else ()
        hint = close_match(error["loc"][-1], allowed)
        listed = f"; allowed keys: {', '.join(allowed)}" if allowed else ""
        return f"unknown key{hint}{listed}"
    if kind == "missing":
        return "required key is missing"
    if kind == "finite_number":
        return f"must be a finite number, got {value!r}"
    for bound, word in _BOUND_WORDS.items():
        if kind.endswith(f"{'greater' if bound[0] == 'g' else 'less'}_than") and bound in ctx:
            return f"must be {word} {ctx[bound]}, got {value!r}"
        if kind.endswith("_equal") and bound in ctx:
            return f"must be {word} {ctx[bound]}, got {value!r}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')}, got {value!r}"
    if kind in ("too_short", "too_long"):
        return f"{error['msg'].lower()}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{error['msg'].lower()}, got {value!r}"


_FIELD_PREFIX = re.compile(r"^([a-z_]+): ")


def _data_loc(loc: tuple, data) -> tuple:
    """The parts of pydantic's error location that exist in the submitted ``data`` (keys of its
    tables, indices of its lists), plus a last part that may be missing; the others are the
    labels pydantic gives the members of a union and are dropped."""
    kept = []
    current = data
    for depth, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list | tuple) and isinstance(part, int):
            current = current[part] if -len(current) <= part < len(current) else None
        elif depth < len(loc) - 1:
            continue
        kept.append(part)
    return tuple(kept)


def problems(err: ValidationError, data) -> list[str]:
    """One message per problem of ``err`` raised while validating ``data``, each prefixed by
    its key path (``sites[2].volume.cards: must be >= 0, got -5``)."""
    found = []
    errors = err.errors()
    deeper = {error["loc"][:1] for error in errors if len(error["loc"]) > 1}
    for error in errors:
        if error["type"] == "too_short" and tuple(error["loc"]) in deeper:
            continue
        loc = _data_loc(tuple(error["loc"]), data)
        path = _loc_path(loc)
        message = _message(error)
        if error["type"] == "value_error" and "\n" in message:
            found.extend(message.splitlines())
            continue
        field = _FIELD_PREFIX.match(message) if error["type"] == "value_error" else None
        if field and path:
            path, message = f"{path}.{field[1]}", message[field.end() :]
        found.append(f"{path}: {message}" if path else message)
    return list(dict.fromkeys(found))
