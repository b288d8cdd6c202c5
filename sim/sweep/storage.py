"""Where sweep results go: Parquet parts written as points finish, so a killed run loses nothing.

An overnight sweep writes to ``results.parquet``. While it runs, every finished batch of points is
written at once to its own small file in ``results.parquet.parts/`` (written under a temporary
name, then renamed: a part is either complete or absent, even if the machine dies mid-write). A
rerun reads the point keys of the parts and computes only the missing points. When the sweep
completes, the parts are compacted into one and ``results.parquet`` is written with the rows of
this sweep's points. The parts folder is the resume cache: it keeps every point ever computed for
that output (also for other grids); delete it to start afresh.
"""

import json
import os
import time
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from sim.errors import InputError
from sim.outputs import check_file, check_folder, writing

__all__ = ["PartStore", "rows_table"]


def _cell(value):
    """A list or table value (``workforce.shift_lengths = [8.0, 6.0]``) as JSON text, else as is."""
    return json.dumps(value) if isinstance(value, list | dict) else value


def rows_table(rows: list[dict]) -> pa.Table:
    """An Arrow table of result rows: columns in first-seen order, lists and tables as JSON text.

    Every value of a column has one kind (the sweep refuses a key mixing numbers and text), so a
    column has the same Parquet type in every part.
    """
    columns = list(dict.fromkeys(key for row in rows for key in row))
    return pa.table({c: pa.array([_cell(row.get(c)) for row in rows]) for c in columns})


class PartStore:
    """Append-only Parquet parts beside an output file.

    Parameters
    ----------
    out : path
        The final output file (``results.parquet``); the parts go to ``<out>.parts/``.
    """

    def __init__(self, out: str | Path):
        self.out = Path(out)
        self.parts = self.out.with_name(self.out.name + ".parts")
        if self.out.is_dir():
            raise InputError(f"out: {self.out} is a folder; give a file name like results.parquet")
        check_file(self.out, "out")
        check_folder(self.parts, "out")

    def _files(self) -> list[Path]:
        return sorted(self.parts.glob("part-*.parquet")) if self.parts.is_dir() else []

    def done_keys(self) -> set[str]:
        """Keys of every point stored so far."""
        keys: set[str] = set()
        for path in self._files():
            keys.update(pq.read_table(path, columns=["point_key"]).column(0).to_pylist())
        return keys

    def write(self, rows: list[dict]) -> None:
        """Store the rows of finished points as one new part (atomically)."""
        if rows:
            self._write_part(rows_table(rows))

    def _write_part(self, table: pa.Table) -> Path:
        self.parts.mkdir(parents=True, exist_ok=True)
        name = f"part-{time.time_ns():020d}-{uuid.uuid4().hex[:8]}.parquet"
        return _write_atomic(table, self.parts / name)

    def read(self) -> pd.DataFrame:
        """Every stored row, each point once (the first part holding it wins)."""
        frames = [pd.read_parquet(path) for path in self._files()]
        frames = [frame for frame in frames if len(frame)]
        if not frames:
            return pd.DataFrame({"point_key": pd.Series(dtype="str")})
        rows = pd.concat(frames, ignore_index=True)
        key = ["point_key", "replication"] if "replication" in rows else ["point_key"]
        return rows.drop_duplicates(subset=key, keep="first").reset_index(drop=True)

    def compact(self) -> None:
        """Merge all parts into one (write the merged part first, then remove the old ones)."""
        old = self._files()
        if len(old) < 2:
            return
        self._write_part(_frame_table(self.read()))
        for path in old:
            path.unlink()

    def publish(self, frame: pd.DataFrame) -> None:
        """Write ``frame`` to the output file (atomically)."""
        self.out.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(_frame_table(frame), self.out)


def _frame_table(frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame, preserve_index=False)


def _write_atomic(table: pa.Table, path: Path) -> Path:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with writing(path, "out"):
        try:
            pq.write_table(table, tmp)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    return path
