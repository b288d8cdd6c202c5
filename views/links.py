"""What a shared link and an uploaded file carry: scenario edits and scenario text, checked on read.

A planner edits a shipped scenario in the browser and sends the link to a colleague; the link must
rebuild exactly the same scenario. The edits travel as dotted-path overrides (the keys that
:func:`sim.apply_overrides` reads, e.g. ``{"targets.service_level": 0.9}``) encoded as compact
JSON, and an uploaded scenario travels as compressed TOML text. Everything read back from a URL
or an upload is untrusted: sizes are capped, the text is parsed only as JSON or TOML, and every
problem raises :class:`sim.ScenarioError` naming the field, like the CLI does.

It belongs to the app (the library knows nothing of links), but is plain Python (no Streamlit) so
the page scripts stay thin and the rules are testable.
"""

import base64
import binascii
import json
import zlib
from pathlib import Path
from typing import Any

from sim.errors import InputError
from sim.scenario import Scenario, ScenarioError, parse_scenario
from sim.scenario.limits import MAX_KEY_CHARS, echo

__all__ = [
    "MAX_EDITS_CHARS",
    "MAX_UPLOAD_BYTES",
    "decode_edits",
    "encode_edits",
    "pack_text",
    "parse_upload",
    "shipped_scenarios",
    "unpack_text",
]

MAX_UPLOAD_BYTES = 1_048_576
"""Largest scenario file accepted (bytes, 1 MiB); real scenarios are a few kilobytes."""

MAX_EDITS_CHARS = 20_000
"""Largest ``edits`` query parameter accepted (characters)."""

MAX_EDITS = 1_000
"""Most edits in one link."""

_Scalar = str | int | float | bool | None


def shipped_scenarios(folder: str | Path) -> dict[str, Path]:
    """The scenario files shipped in ``folder``, by file stem, sorted by name."""
    return {path.stem: path for path in sorted(Path(folder).glob("*.toml"))}


def parse_upload(data: bytes, field: str = "upload") -> Scenario:
    """Validate an uploaded scenario file given as raw bytes.

    Parameters
    ----------
    data : bytes
        The file content; at most :data:`MAX_UPLOAD_BYTES`, UTF-8 TOML.
    field : str
        Name used in error messages for problems with the file itself.

    Raises
    ------
    ScenarioError
        When the file is too large, not UTF-8, not TOML, or not a valid scenario.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise ScenarioError(
            [f"{field}: file is {len(data):,} bytes; the limit is {MAX_UPLOAD_BYTES:,} bytes"]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScenarioError([f"{field}: not UTF-8 text (expected a .toml scenario file)"]) from None
    return parse_scenario(text)


def encode_edits(overrides: dict[str, _Scalar | list]) -> str:
    """Overrides as compact JSON for a URL query parameter (empty string when there are none)."""
    if not overrides:
        return ""
    return json.dumps(overrides, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def decode_edits(text: str, field: str = "edits") -> dict[str, Any]:
    """Read overrides written by :func:`encode_edits`, checking their shape.

    Raises
    ------
    ScenarioError
        When the text is too long, not JSON, not an object of ``path: value`` pairs, or holds a
        value that is not a number, string, boolean, null or list of those.
    """
    if not text:
        return {}
    if len(text) > MAX_EDITS_CHARS:
        raise ScenarioError(
            [f"{field}: {len(text):,} characters; the limit is {MAX_EDITS_CHARS:,}"]
        )
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except ValueError as err:
        raise ScenarioError([f"{field}: not valid JSON ({echo(str(err))})"]) from None
    except RecursionError:
        raise ScenarioError([f"{field}: values nested too deeply"]) from None
    if not isinstance(data, dict):
        raise ScenarioError([f"{field}: must be a JSON object of path: value pairs"])
    if len(data) > MAX_EDITS:
        raise ScenarioError([f"{field}: {len(data):,} edits; the limit is {MAX_EDITS:,}"])
    problems = [
        f"{field}.{path if len(path) <= MAX_KEY_CHARS else echo(path)}: value must be a "
        "number, text, true/false, null or a list of those"
        for path, value in data.items()
        if not _plain_value(value)
    ]
    if problems:
        raise ScenarioError(problems)
    return data


def _reject_constant(name: str):
    raise InputError(f"{name} is not allowed")


def _plain_value(value) -> bool:
    if isinstance(value, list):
        return all(_plain_value(v) and not isinstance(v, list) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


def pack_text(text: str) -> str:
    """Compress text into a URL-safe string (zlib, then base64 without padding)."""
    packed = base64.urlsafe_b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")
    return packed.rstrip("=")


def unpack_text(packed: str, field: str = "toml") -> str:
    """Inverse of :func:`pack_text`, refusing anything over :data:`MAX_UPLOAD_BYTES` unpacked.

    Raises
    ------
    ScenarioError
        When the string is not something :func:`pack_text` wrote, or unpacks too large.
    """
    try:
        raw = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
        inflater = zlib.decompressobj()
        data = inflater.decompress(raw, MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES or inflater.unconsumed_tail:
            raise ScenarioError([f"{field}: unpacks to more than {MAX_UPLOAD_BYTES:,} bytes"])
        return data.decode("utf-8-sig")
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError) as err:
        if isinstance(err, ScenarioError):
            raise
        raise ScenarioError([f"{field}: not a packed scenario ({err})"]) from None
