"""Writing a scenario back as TOML text that reads back to an equal scenario."""

import json
import math
import re

from sim.errors import InputError

__all__ = ["to_toml"]


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise InputError(f"cannot write {value} to TOML")
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


_INLINE = ("volume", "hours", "hubs", "aht", "patience")
"""Keys whose tables are written inline (``volume = { cards = 1200.0 }``)."""


def _is_table_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def to_toml(data: dict, prefix: str = "") -> str:
    scalars, tables, arrays = [], [], []
    for key, value in data.items():
        full = f"{prefix}.{_toml_key(key)}" if prefix else _toml_key(key)
        if _is_table_list(value) and key != "volume":
            arrays.append((full, value))
        elif isinstance(value, dict) and key not in _INLINE:
            tables.append((full, value))
        else:
            scalars.append(f"{_toml_key(key)} = {_toml_value(value)}")
    out = "\n".join(scalars) + ("\n" if scalars else "")
    for full, value in tables:
        out += f"\n[{full}]\n" + to_toml(value, full)
    for full, items in arrays:
        for item in items:
            out += f"\n[[{full}]]\n" + to_toml(item, full)
    return out
