"""Bounds on what a scenario may hold, checked before the work they would cause.

A careless or hostile file (a megabyte site name, a million unknown keys, arrays nested two
thousand deep, ``/dev/zero`` given as the scenario) must be refused with a message, quickly and
in little memory, never with a traceback or minutes of work. The limits are generous for real use
(a national operator with 300 sites, 20 lines and 15-minute intervals is well inside them) and are
listed in ``scenarios/README.md``.

- :func:`read_text` reads a scenario or grid file: regular files only, at most
  :data:`MAX_FILE_BYTES`, UTF-8 with or without a byte-order mark.
- :func:`parse_toml` parses TOML text, turning syntax errors and deep nesting into messages.
- :func:`shape_problems` walks parsed data (without recursion) and lists what is too deep, too
  long or too wide, before pydantic sees it.
- :func:`echo` is the short prefix of a bad value that a message may quote.
- :func:`capped` keeps the first problems of a long list and counts the rest.
"""

import os
import stat
import tomllib
from pathlib import Path

from sim.errors import InputError

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_KEY_CHARS",
    "MAX_LIST_ITEMS",
    "MAX_PROBLEMS",
    "MAX_TABLE_KEYS",
    "MAX_TEXT_CHARS",
    "MAX_VALUES",
    "capped",
    "echo",
    "parse_toml",
    "read_text",
    "shape_problems",
]

MAX_FILE_BYTES = 4_194_304
"""Largest scenario or grid file read (4 MiB); a 300-site scenario is about 100 KB."""
MAX_DEPTH = 12
"""Deepest nesting of tables and arrays (a scenario needs 5:
``design.alternatives[0].hubs.X[0]``)."""
MAX_TABLE_KEYS = 1_000
"""Most keys in one table."""
MAX_LIST_ITEMS = 10_000
"""Most items in one array (the schema bounds each list further: sites, lines, profiles, ...)."""
MAX_VALUES = 500_000
"""Most values (numbers, strings, tables, arrays) in the whole document."""
MAX_KEY_CHARS = 200
"""Longest key."""
MAX_TEXT_CHARS = 10_000
"""Longest string anywhere (the schema bounds names and hours further)."""
MAX_PROBLEMS = 20
"""Problems listed in full; the rest are counted."""
_ECHO_CHARS = 60


def echo(value) -> str:
    """``repr(value)``, cut to a short prefix so that a message never quotes a huge value."""
    text = repr(value) if not isinstance(value, list | dict | tuple) or len(value) < 20 else None
    if text is None:
        return f"a {type(value).__name__} of {len(value):,} items"
    return (
        text if len(text) <= _ECHO_CHARS else f"{text[: _ECHO_CHARS - 3]}... ({len(text):,} chars)"
    )


def capped(problems: list[str]) -> list[str]:
    """The first :data:`MAX_PROBLEMS` problems and, when there are more, one line counting them."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], f"... and {rest:,} more problems (fix these first)"]


def read_text(path: str | Path, what: str = "scenario file") -> str:
    """The text of a regular file of at most :data:`MAX_FILE_BYTES`, UTF-8 (a byte-order mark is
    dropped). Devices, FIFOs, folders and larger files are refused before anything is read.

    Raises
    ------
    InputError
        Naming the path and why it cannot be read.
    """
    path = Path(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise InputError(f"{path}: cannot read {what} ({kind})")
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(
                f"{path}: {what} is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
            )
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise InputError(f"{path}: cannot read {what} ({err.strerror})") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{path}: {what} is over the limit of {MAX_FILE_BYTES:,} bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: {what} is not UTF-8 text") from None


def parse_toml(text: str, what: str = "TOML syntax") -> dict:
    """Parse TOML text (a leading byte-order mark is dropped); raises :class:`InputError`."""
    if len(text) > MAX_FILE_BYTES:
        raise InputError(f"{what}: {len(text):,} characters; the limit is {MAX_FILE_BYTES:,}")
    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"{what}: {err}") from None
    except RecursionError:
        raise InputError(f"{what}: values nested too deeply (at most {MAX_DEPTH} levels)") from None


def _path(parent: str, part) -> str:
    if isinstance(part, int):
        return f"{parent}[{part}]"
    return f"{parent}.{part}" if parent else str(part)


def shape_problems(data) -> list[str]:
    """What in ``data`` (parsed TOML or JSON) is nested too deep, too long or too wide.

    Walks the data with an explicit stack, so any depth is safe, and stops at the first problem
    of each kind it meets too often: the answer is short however large the input.
    """
    problems: list[str] = []
    count = 0
    stack = [("", data, 0)]
    while stack and len(problems) < MAX_PROBLEMS:
        where, value, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            problems.append(f"{where or 'file'}: more than {MAX_VALUES:,} values in all")
            break
        if depth > MAX_DEPTH:
            problems.append(f"{where}: nested more than {MAX_DEPTH} levels deep")
            continue
        if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
            problems.append(f"{where}: text of {len(value):,} characters; limit {MAX_TEXT_CHARS:,}")
        elif isinstance(value, dict):
            if len(value) > MAX_TABLE_KEYS:
                problems.append(f"{where or 'file'}: {len(value):,} keys; limit {MAX_TABLE_KEYS:,}")
                continue
            for key, item in reversed(value.items()):
                if len(str(key)) > MAX_KEY_CHARS:
                    problems.append(
                        f"{where or 'file'}: key {echo(key)} is longer than {MAX_KEY_CHARS}"
                    )
                    continue
                stack.append((_path(where, key), item, depth + 1))
        elif isinstance(value, list | tuple):
            if len(value) > MAX_LIST_ITEMS:
                problems.append(f"{where}: {len(value):,} items; limit {MAX_LIST_ITEMS:,}")
                continue
            stack.extend(
                (_path(where, i), item, depth + 1) for i, item in reversed(list(enumerate(value)))
            )
    return problems
