"""Reading interval history: an ACD or WFM export in, one checked table per site, line and
interval out.

The planner's raw material is the interval report of the ACD (Avaya CMS, Genesys, Cisco, Huawei) or
an Excel export of it: one row per site, business line (queue) and 15- or 30-minute interval with
the calls offered, answered and abandoned, the handle time, the waiting time and the agents logged
in. :func:`read_history` reads such a file (CSV, optionally gzip-compressed, with pyarrow's reader;
``.xlsx`` with openpyxl), recognises its columns (``sim.history.columns``), checks every row and
returns a :class:`History`: the table on a complete grid of intervals, and the notes saying what was
repaired or left aside and why.

What is refused (``InputError``, one message naming the file, the row and the column): a missing
required column, an empty file, text that is not in the stated encoding, a cell that is not a
number, a negative or fractional count, answered + abandoned > offered, answered within the
threshold > answered, a handle time missing where calls were answered, two rows for the same site,
line and interval, a timestamp that cannot be read, has no UTC offset (and none was given), is off
the 15- or 30-minute grid or whose site changes its offset (daylight saving), intervals that are not
15 or 30 minutes long, and a gap of an hour or less with calls on both sides (an export that lost
rows). What is repaired and reported in :attr:`History.notes`: intervals absent from the file
otherwise (a closed centre or a quiet night) count as no calls; calls neither answered nor
abandoned (still queueing or transferred when the interval closed) stay offered; rows without
agents are left out of the calibration.

Times are local to each site (``interval_start`` is the site's wall clock; its offset from UTC is
kept per site), counts are calls per interval, times are seconds.
"""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from pyarrow import csv as pacsv

from sim.errors import InputError
from sim.history.columns import CANONICAL, COUNTS, recognise

__all__ = ["INTERVALS", "History", "read_history", "read_source"]

INTERVALS = (15, 30)
"""Interval lengths a history file may have, minutes."""
MAX_AHT = 7200.0
_HOLE_MINUTES = 60
_TEXT = ("site", "line", "interval_start")
_NUMBERS = tuple(name for name in CANONICAL if name not in _TEXT)
_TABLE = tuple(name for name in CANONICAL if name not in ("asa", "abandon_time"))
"""Columns of :attr:`History.table` (the waiting time is always total seconds)."""


@dataclass(frozen=True)
class History:
    """Interval history of one or more sites and business lines, checked and on a complete grid.

    Attributes
    ----------
    table : DataFrame
        One row per site, line and interval of every whole day from each site and line's first
        day to its last: ``site``, ``line`` (categorical), ``interval_start`` (local time of the
        site, naive), ``offered``, ``answered``, ``abandoned``, ``answered_within_threshold``
        (calls; ``nan`` when the file has no such column), ``aht`` (s, ``nan`` without answered
        calls), ``wait_seconds`` (total queue wait of all offered calls, s; ``nan`` without a
        waiting-time column), ``agents`` (logged in, average over the interval; ``nan`` unknown).
    interval_minutes : int
        Length of an interval, minutes.
    utc_offsets : dict
        Site -> offset of its local time from UTC, hours.
    notes : tuple of str
        What was repaired or left aside, and why; and what the file lacks.
    source : str
        The file name, for messages.
    """

    table: pd.DataFrame = field(repr=False)
    interval_minutes: int
    utc_offsets: dict
    notes: tuple[str, ...]
    source: str

    @property
    def has(self) -> dict[str, bool]:
        """Which optional figures the file gives: ``answered_within_threshold``,
        ``wait_seconds``, ``agents``."""
        return {
            name: bool(self.table[name].notna().any())
            for name in ("answered_within_threshold", "wait_seconds", "agents")
        }


def _fail(where: str, row: int | None, column: str | None, problem: str):
    place = where
    if row is not None:
        place += f", row {row}"
    if column is not None:
        place += f", column {column!r}"
    raise InputError(f"{place}: {problem}")


def _header(path: Path, encoding: str, where: str) -> list[str]:
    with pa.input_stream(str(path), compression="detect") as stream:
        head = stream.read(1 << 16)
    first = head.split(b"\n", 1)[0].rstrip(b"\r")
    if not first.strip():
        _fail(where, None, None, "empty file: no header row and no data")
    try:
        text = first.decode(encoding)
    except UnicodeDecodeError:
        _fail(where, 1, None, _encoding_problem(encoding))
    except LookupError:
        _fail(where, None, None, f"unknown text encoding {encoding!r}")
    return [name.strip().strip('"').lstrip("\ufeff") for name in text.split(",")]


def _encoding_problem(encoding: str) -> str:
    return (
        f"not {encoding} text (an export in another encoding, e.g. GBK from a Chinese "
        "system?); save it as UTF-8 or give its encoding (--encoding gbk, history.encoding)"
    )


def _first_undecodable_row(path: Path, encoding: str) -> int | None:
    with pa.input_stream(str(path), compression="detect") as stream:
        data = stream.read()
    for number, line in enumerate(io.BytesIO(data), start=1):
        try:
            line.decode(encoding)
        except UnicodeDecodeError:
            return number
    return None


def _row_of_text(path: Path, text: str, encoding: str) -> int | None:
    """Row number (1 = header) of the first line reading ``text`` (on the error path only)."""
    with pa.input_stream(str(path), compression="detect") as stream:
        lines = stream.read().decode(encoding, errors="replace").splitlines()
    return next((i for i, line in enumerate(lines, start=1) if line == text), None)


def _stream_csv(path: Path, columns: list[str], types: dict, encoding: str, where: str) -> dict:
    """The file's ``columns`` read block by block (numbers as float arrays, text as categoricals or
    strings), so the peak memory is the result plus one block, not the whole parsed file."""
    bad_rows = []

    def invalid(row):
        bad_rows.append(row)
        return "skip"

    parts: dict[str, list] = {name: [] for name in columns}
    reader = pacsv.open_csv(
        str(path),
        read_options=pacsv.ReadOptions(encoding=encoding, block_size=1 << 24),
        parse_options=pacsv.ParseOptions(invalid_row_handler=invalid),
        convert_options=pacsv.ConvertOptions(column_types=types, include_columns=columns),
    )
    for batch in reader:
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            if pa.types.is_integer(column.type) or pa.types.is_floating(column.type):
                parts[name].append(column.to_numpy(zero_copy_only=False).astype(float))
            elif pa.types.is_dictionary(column.type):
                parts[name].append(column)
            else:
                parts[name].append(column.to_pandas())
        del batch
    if bad_rows:
        row = bad_rows[0]
        number = row.number if row.number is not None and row.number >= 0 else None
        if number is None:
            number = _row_of_text(path, row.text, encoding)
        _fail(
            where,
            number,
            None,
            f"{row.actual_columns} cells where the header has {row.expected_columns}",
        )
    out = {}
    for name in columns:
        chunks = parts.pop(name)
        if not chunks:
            out[name] = np.zeros(0)
        elif isinstance(chunks[0], np.ndarray):
            out[name] = np.concatenate(chunks)
        elif isinstance(chunks[0], pa.DictionaryArray):
            unified = pa.chunked_array(chunks).unify_dictionaries()
            codes = np.concatenate(
                [c.indices.fill_null(-1).to_numpy(zero_copy_only=False) for c in unified.chunks]
            )
            labels = unified.chunk(0).dictionary.to_pandas()
            out[name] = pd.Series(pd.Categorical.from_codes(codes, categories=labels))
        else:
            out[name] = pd.concat(chunks, ignore_index=True)
        del chunks
    pa.default_memory_pool().release_unused()
    return out


def _read_csv(path: Path, column_map, encoding: str, where: str):
    header = _header(path, encoding, where)
    names = recognise(header, column_map, where)
    columns = list(dict.fromkeys(names.values()))
    text = {names[c]: pa.dictionary(pa.int32(), pa.string()) for c in _TEXT}
    try:
        try:
            return _stream_csv(path, columns, text, encoding, where), names
        except pa.ArrowInvalid as err:
            if "conversion error" not in str(err) or "UTF8" in str(err):
                raise
        # A cell unlike its column's first rows (text among numbers): read every column as
        # text so that the checks can name the row.
        strings = {name: pa.string() for name in columns}
        return _stream_csv(path, columns, strings, encoding, where), names
    except pa.ArrowInvalid as err:
        if "UTF8" in str(err) or "utf" in str(err).lower():
            _fail(where, _first_undecodable_row(path, encoding), None, _encoding_problem(encoding))
        if "Empty CSV file" in str(err):
            _fail(where, None, None, "empty file: no header row and no data")
        raise InputError(f"{where}: cannot read as CSV: {err}") from None


def _read_xlsx(path: Path, column_map, sheet: str | None, where: str):
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        _fail(where, None, None, f"not a readable Excel workbook (.xlsx): {err}")
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            _fail(
                where,
                None,
                None,
                f"no sheet {sheet!r}; the workbook's sheets: {', '.join(book.sheetnames)}",
            )
        rows = list(ws.iter_rows(values_only=True))
    finally:
        book.close()
    rows = [row for row in rows if any(cell is not None for cell in row)]
    if not rows:
        _fail(f"{where}, sheet {ws.title!r}", None, None, "empty sheet: no header row and no data")
    header = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    names = recognise(header, column_map, f"{where}, sheet {ws.title!r}")
    frame = pd.DataFrame(rows[1:], columns=header)
    frame = {name: frame[name] for name in dict.fromkeys(names.values())}
    stamp = names["interval_start"]
    frame[stamp] = pd.Series(
        [v.isoformat() if isinstance(v, datetime) else v for v in frame[stamp]], dtype=object
    )
    for canon in _TEXT:
        column = frame[names[canon]].map(lambda v: None if v is None else str(v))
        frame[names[canon]] = column.astype("category")
    return frame, names


def _numbers(raw: dict, names: dict, where: str) -> dict[str, np.ndarray]:
    out = {}
    for canon in _NUMBERS:
        if canon not in names:
            continue
        column = raw[names[canon]]
        if isinstance(column, np.ndarray):
            out[canon] = column
            continue
        values = pd.to_numeric(column, errors="coerce")
        bad = values.isna() & column.notna() & (column.astype(str).str.strip() != "")
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            _fail(where, i + 2, names[canon], f"{column.iloc[i]!r} is not a number")
        out[canon] = values.to_numpy(dtype=float)
    return out


def _check_numbers(v: dict, names: dict, where: str) -> None:
    def first(mask, canon, problem):
        if mask.any():
            i = int(np.flatnonzero(mask)[0])
            _fail(where, i + 2, names[canon], problem(i))

    for canon in COUNTS:
        if canon not in v:
            continue
        x = v[canon]
        first(np.isnan(x), canon, lambda i: "empty cell; give a number of calls (0 if none)")
        first(x < 0, canon, lambda i, x=x: f"negative count {x[i]:g}")
        first(x != np.floor(x), canon, lambda i, x=x: f"{x[i]:g} is not a whole number of calls")
    off, ans, ab = v["offered"], v["answered"], v["abandoned"]
    first(
        ans + ab > off,
        "abandoned",
        lambda i: f"answered ({ans[i]:g}) + abandoned ({ab[i]:g}) > offered ({off[i]:g})",
    )
    if "answered_within_threshold" in v:
        within = v["answered_within_threshold"]
        first(
            within > ans,
            "answered_within_threshold",
            lambda i: f"answered within the threshold ({within[i]:g}) > answered ({ans[i]:g})",
        )
    aht = v["aht"]
    first(np.isnan(aht) & (ans > 0), "aht", lambda i: f"empty cell, but {ans[i]:g} calls answered")
    first(
        (aht < 0) | (aht > MAX_AHT),
        "aht",
        lambda i: f"handle time {aht[i]:g} s outside 0-{MAX_AHT:g} s",
    )
    for canon in ("wait_seconds", "asa", "abandon_time", "agents"):
        if canon in v:
            x = v[canon]
            first(x < 0, canon, lambda i, x=x: f"negative value {x[i]:g}")
    for canon in ("wait_seconds", "asa", "abandon_time"):
        if canon in v:
            x = v[canon]
            first(
                np.isnan(x) & (ans + ab > 0),
                canon,
                lambda i: "empty cell in a row with answered or abandoned calls",
            )


def _codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Codes (-1 for an empty cell) and stripped labels of a text column (categorical)."""
    column = column.astype("category")
    labels = pd.Index(column.cat.categories.astype(str)).str.strip()
    merged, uniques = pd.factorize(labels)
    codes = column.cat.codes.to_numpy()
    codes = np.where(codes >= 0, merged[np.maximum(codes, 0)], -1)
    return codes, pd.Index(uniques)


def _labels(raw: dict, column: str, where: str) -> tuple[np.ndarray, pd.Index]:
    codes, labels = _codes(raw[column])
    empty = (codes < 0) | (labels[np.maximum(codes, 0)] == "")
    if empty.any():
        _fail(where, int(np.flatnonzero(empty)[0]) + 2, column, "empty cell")
    return codes, labels


def _parse_times(
    strings: pd.Series, column: str, utc_offset: float | None, where: str
) -> tuple[np.ndarray, np.ndarray, int]:
    """Local wall-clock times (datetime64[m]), offsets (minutes) and how many were naive."""
    codes, uniques = _codes(strings)
    if (codes < 0).any():
        _fail(where, int(np.flatnonzero(codes < 0)[0]) + 2, column, "empty cell")
    local = np.empty(len(uniques), dtype="datetime64[m]")
    offset = np.empty(len(uniques))
    for k, text in enumerate(uniques):
        try:
            stamp = datetime.fromisoformat(str(text).strip())
        except ValueError:
            row = int(np.flatnonzero(codes == k)[0]) + 2
            _fail(
                where,
                row,
                column,
                f"cannot read {text!r} as a date and time (ISO 8601, e.g. 2024-03-04T08:30+08:00)",
            )
        if stamp.second or stamp.microsecond:
            row = int(np.flatnonzero(codes == k)[0]) + 2
            _fail(where, row, column, f"{text!r} does not start on a whole minute")
        delta = stamp.utcoffset()
        offset[k] = np.nan if delta is None else delta.total_seconds() / 60.0
        local[k] = np.datetime64(stamp.replace(tzinfo=None), "m")
    naive = np.isnan(offset)
    if naive.any() and utc_offset is None:
        k = int(np.flatnonzero(naive)[0])
        row = int(np.flatnonzero(codes == k)[0]) + 2
        _fail(
            where,
            row,
            column,
            f"{uniques[k]!r} has no UTC offset (a time-zone-naive timestamp); write it as "
            f"{str(uniques[k]).strip().replace(' ', 'T')}+08:00 (the site's offset) or give the "
            "sites' offset (--utc-offset, history.utc_offset)",
        )
    offset[naive] = (utc_offset or 0.0) * 60.0
    return local[codes], offset[codes], int(naive[codes].sum())


def _check_offsets(site_codes, offsets, sites, column, where) -> dict:
    result = {}
    for s, name in enumerate(sites):
        rows = np.flatnonzero(site_codes == s)
        values = offsets[rows]
        if (values != values[0]).any():
            i = rows[int(np.flatnonzero(values != values[0])[0])]
            _fail(
                where,
                int(i) + 2,
                column,
                f"site {name!r} changes its UTC offset from {_hhmm(values[0])} to "
                f"{_hhmm(offsets[i])} (daylight-saving time?); the model keeps one offset per "
                "site: export the history in standard time (one fixed offset per site)",
            )
        result[name] = float(values[0]) / 60.0
    return result


def _hhmm(minutes: float) -> str:
    sign = "+" if minutes >= 0 else "-"
    m = abs(int(minutes))
    return f"{sign}{m // 60:02d}:{m % 60:02d}"


def _interval_and_order(group, local, offered, column, where):
    key = group.astype(np.int64) * (1 << 40) + local.astype(np.int64)
    ordered = bool(np.all(key[1:] > key[:-1]))
    del key
    if ordered:  # already sorted by site, line and time (most exports)
        order = np.arange(len(group))
        g, t = group, local
    else:
        order = np.lexsort((local, group))
        g, t = group[order], local[order]
    same = g[1:] == g[:-1]
    step = (t[1:] - t[:-1]).astype(np.int64)
    dup = same & (step == 0)
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        rows = sorted((int(order[i]) + 2, int(order[i + 1]) + 2))
        _fail(
            where,
            rows[1],
            column,
            f"duplicate row: same site, line and interval as row {rows[0]}; remove one "
            "(or add them up if they are two parts of the interval)",
        )
    gaps = step[same]
    clock = t.astype(np.int64)
    if gaps.size and gaps.min() not in INTERVALS and np.gcd.reduce(gaps) % INTERVALS[0]:
        shortest = int(gaps.min())
        i = int(np.flatnonzero(same & (step == shortest))[0])
        _fail(
            where,
            int(order[i + 1]) + 2,
            column,
            f"intervals of {shortest} minutes (this row starts {shortest} minutes after row "
            f"{int(order[i]) + 2}); history intervals must be 15 or 30 minutes",
        )
    # The shortest gap, or for sparse rows (an interval here and there) the grid they share.
    grid = int(np.gcd.reduce(np.concatenate([gaps, clock % (24 * 60), [24 * 60]])))
    minutes = int(gaps.min()) if gaps.size and gaps.min() in INTERVALS else grid
    minutes = INTERVALS[-1] if minutes % INTERVALS[-1] == 0 else minutes
    off_grid = clock % minutes != 0
    if off_grid.any() or (same & (step % minutes != 0)).any():
        i = (
            int(np.flatnonzero(off_grid)[0])
            if off_grid.any()
            else int(np.flatnonzero(same & (step % minutes != 0))[0] + 1)
        )
        _fail(
            where,
            int(order[i]) + 2,
            column,
            f"{pd.Timestamp(t[i]):%Y-%m-%d %H:%M} is not on the {minutes}-minute grid of the file",
        )
    off = offered[order]
    hole = same & (step > minutes) & (step <= _HOLE_MINUTES) & (off[:-1] > 0) & (off[1:] > 0)
    if hole.any():
        i = int(np.flatnonzero(hole)[0])
        missing = pd.Timestamp(t[i]) + pd.Timedelta(minutes=minutes)
        _fail(
            where,
            int(order[i + 1]) + 2,
            column,
            f"missing interval {missing:%Y-%m-%d %H:%M} between rows {int(order[i]) + 2} and "
            f"{int(order[i + 1]) + 2} (calls on both sides: rows lost in the export?); add it, "
            "with 0 calls if there were none",
        )
    return minutes


def _complete_grid(group, local, values, minutes):
    """Scatter the rows onto every interval of every whole day of each group's span."""
    per_day = 24 * 60 // minutes
    day = local.astype("datetime64[D]")
    n_groups = int(group.max()) + 1
    days = pd.Series(day.astype(np.int64)).groupby(group).agg(["min", "max"])
    first = days["min"].to_numpy().astype("datetime64[D]")
    last = days["max"].to_numpy().astype("datetime64[D]")
    slots = ((last - first).astype(np.int64) + 1) * per_day
    base = np.concatenate([[0], np.cumsum(slots)])
    position = (
        base[group] + (local - first[group].astype("datetime64[m]")).astype(np.int64) // minutes
    )
    size = int(base[-1])
    owner = np.repeat(np.arange(n_groups), slots)
    within = np.arange(size) - base[owner]
    start = first[owner].astype("datetime64[m]") + within * np.timedelta64(minutes, "m")
    out = {}
    for name, x in values.items():
        fill = np.nan if name in ("aht", "agents") or np.isnan(x).all() else 0.0
        column = np.full(size, fill)
        column[position] = x
        out[name] = column
    return owner, start, out, size - len(group)


def read_history(
    path,
    *,
    column_map: dict[str, str] | None = None,
    utc_offset: float | None = None,
    sheet: str | None = None,
    encoding: str = "utf-8",
) -> History:
    """Read and check an interval history file (CSV, ``.csv.gz`` or ``.xlsx``).

    Parameters
    ----------
    path : str or Path
        The file.
    column_map : dict, optional
        File column -> canonical name (``offered``, ``aht``, ...; see ``sim.history.columns``)
        for columns the recognition does not know.
    utc_offset : float, optional
        Offset of the sites' local time from UTC, hours, for timestamps written without one;
        without it such timestamps are refused.
    sheet : str, optional
        Worksheet of an Excel file (default: the first).
    encoding : str, default "utf-8"
        Text encoding of a CSV file (``"gbk"`` for many Chinese exports).

    Returns
    -------
    History

    Raises
    ------
    InputError
        One message naming the file, the row (1 is the header) and the column of the first
        problem found (see the module docstring).
    """
    path = Path(path)
    where = path.name
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.stat().st_size == 0:
        _fail(where, None, None, "empty file: no header row and no data")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raw, names = _read_xlsx(path, column_map, sheet, where)
    else:
        raw, names = _read_csv(path, column_map, encoding, where)
    rows = len(raw[names["site"]])
    if rows == 0:
        _fail(where, None, None, "no data rows under the header")
    v = _numbers(raw, names, where)
    _check_numbers(v, names, where)
    site_codes, sites = _labels(raw, names["site"], where)
    line_codes, lines = _labels(raw, names["line"], where)
    stamp = names["interval_start"]
    local, offsets, naive = _parse_times(raw[stamp], stamp, utc_offset, where)
    utc_offsets = _check_offsets(site_codes, offsets, sites, stamp, where)
    pair = site_codes * len(lines) + line_codes
    group, pairs = pd.factorize(pair)
    minutes = _interval_and_order(group, local, v["offered"], stamp, where)
    if "wait_seconds" not in v and "asa" in v:
        v["wait_seconds"] = v["asa"] * v["answered"] + v["abandon_time"] * v["abandoned"]
    kept = {name: v.pop(name, None) for name in _TABLE[3:]}
    kept = {name: np.full(rows, np.nan) if x is None else x for name, x in kept.items()}
    del raw
    owner, start, grid, filled = _complete_grid(group, local, kept, minutes)
    table = pd.DataFrame(
        {
            "site": pd.Categorical.from_codes(pairs[owner] // len(lines), categories=sites),
            "line": pd.Categorical.from_codes(pairs[owner] % len(lines), categories=lines),
            "interval_start": start.astype("datetime64[ns]"),
            **grid,
        },
        copy=False,
    )
    notes = _notes(kept, names, rows, filled, naive, utc_offset, minutes, len(pairs))
    return History(table, minutes, utc_offsets, tuple(notes), where)


def _notes(v, names, rows, filled, naive, utc_offset, minutes, groups) -> list[str]:
    notes = [f"{rows:,} rows of {minutes}-minute intervals, {groups} site and line series"]
    if filled:
        notes.append(
            f"{filled:,} intervals absent from the file (closed or without traffic, gaps longer "
            f"than {_HOLE_MINUTES} minutes or without calls on both sides) counted as 0 calls"
        )
    if naive:
        notes.append(f"{naive:,} timestamps without a UTC offset taken as UTC{utc_offset:+g}")
    rest = v["offered"] - v["answered"] - v["abandoned"]
    if rest.sum() > 0:
        notes.append(
            f"{rest.sum():,.0f} calls neither answered nor abandoned in their interval (still "
            "queueing or transferred) kept as offered: they count against the service level"
        )
    if "answered_within_threshold" not in names:
        notes.append("no 'answered within threshold' column: measured service level unknown")
    if np.isnan(v["wait_seconds"]).all():
        notes.append("no waiting-time column: patience cannot be estimated (lines keep 120 s)")
    if "agents" not in names:
        notes.append("no staffed-agents column: the model cannot be calibrated")
    elif np.isnan(v["agents"]).any():
        notes.append(
            f"{int(np.isnan(v['agents']).sum()):,} rows without staffed agents left out of the "
            "calibration"
        )
    return notes


def read_source(source, folder) -> History:
    """The history a scenario's ``[history]`` table names (``sim.scenario.HistorySource``), its
    file taken relative to ``folder`` (the scenario file's folder)."""
    return read_history(
        Path(folder) / source.file,
        column_map=source.column_map,
        utc_offset=source.utc_offset,
        sheet=source.sheet,
        encoding=source.encoding,
    )
