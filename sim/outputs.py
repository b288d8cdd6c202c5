"""What the subcommands write: JSON without non-finite numbers, and output paths checked first.

``--json`` must print valid JSON: an undefined figure (the ASA of an unstable queue) is ``null``,
never ``Infinity`` or ``NaN``. ``--out`` is checked before any computation (a file where a folder
is wanted, a read-only folder), and a failure while writing (a full disk) is bad input naming
the flag, never a traceback.
"""

import errno
import json
import math
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sim.errors import InputError

__all__ = ["check_file", "check_folder", "finite", "json_text", "report", "writing"]


def finite(value):
    """``value`` with every non-finite float (inf, NaN) replaced by ``None``, recursively."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def json_text(value) -> str:
    """Indented JSON of ``value``; non-finite numbers become ``null`` (valid JSON)."""
    return json.dumps(finite(value), indent=2, allow_nan=False)


def _reason(err: OSError) -> str:
    return err.strerror or errno.errorcode.get(err.errno or 0, str(err))


def check_folder(folder: Path, flag: str = "--out") -> None:
    """Create ``folder`` if needed and check that a file can be written in it."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{flag}: {folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as err:
        raise InputError(f"{flag}: cannot write to {folder} ({_reason(err)})") from None


def check_file(path: Path, flag: str = "--out") -> None:
    """Check that ``path`` can be written: not a folder, in a folder that takes new files."""
    if path.is_dir():
        raise InputError(f"{flag}: {path} is a folder, not a file")
    if path.exists() and not os.access(path, os.W_OK):
        raise InputError(f"{flag}: cannot write to {path} (read-only file)")
    check_folder(path.parent if str(path.parent) else Path("."), flag)


@contextmanager
def writing(path: Path, flag: str = "--out") -> Iterator[None]:
    """Turn an ``OSError`` while writing under ``path`` (a full disk) into bad input."""
    try:
        yield
    except OSError as err:
        raise InputError(f"{flag}: cannot write to {path} ({_reason(err)})") from None


def report(args, compute, write_outputs, text) -> int:
    """The usual end of a subcommand with ``--json`` and ``--out``: check the folder, run
    ``compute()``, write its tables with ``write_outputs(result, folder)``, print its JSON
    (``result.to_dict()``) or ``text(result)``; exit status 0."""
    if args.out:
        check_folder(args.out)
    result = compute()
    if args.out:
        with writing(args.out):
            write_outputs(result, args.out)
    print(json_text(result.to_dict()) if args.json else text(result))
    return 0
