"""The hostile corpus: files a careless or hostile user might give, each refused with a message.

``tests/hostile/`` holds one file per case (how each was made is its first line). Each must end in
exit status 2, one ``error: ...`` line per problem naming the key, within seconds and without a
traceback or a warning line; files too large to keep in the repository are written here at test
time. ``tests/test_scenario_errors.py`` covers the ordinary mistakes of ``tests/broken/``.
"""

import json
import math
import os
import re
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from sim.cli import main
from sim.scenario.limits import MAX_PROBLEMS

HOSTILE = Path(__file__).parent / "hostile"
ROOT = Path(__file__).parents[1]
SECONDS = 10.0

# file stem -> (subcommand, substrings of the first error line)
EXPECTED = {
    "aht_tiny": ("validate", ["lines[0].aht: must be >= 1.0, got 1e-300"]),
    "all_volumes_zero": ("validate", ["sites: no site receives any call"]),
    "binary_garbage": ("validate", ["binary_garbage.toml: scenario file is not UTF-8 text"]),
    "blank_alternative_name": ("validate", ["design.alternatives[0].name: must not be blank"]),
    "blank_currency": ("validate", ["general.currency: must not be blank"]),
    "blank_hub_name": ("validate", ["hubs[1].name: must not be blank"]),
    "blank_line_name": ("validate", ["lines[1].name: must not be blank"]),
    "blank_scenario_name": ("validate", ["general.name: must not be blank, got ''"]),
    "blank_site_name": ("validate", ["sites[0].name: must not be blank, got '   '"]),
    "blank_support_role": ("validate", ["workforce.support_roles[0].name: must not be blank"]),
    "bool_aht": ("validate", ["lines[0].aht: must be a valid number, got a boolean (true)"]),
    "bool_cross_trained": (
        "validate",
        ["design.cross_trained: must be a valid number, got a boolean"],
    ),
    "bool_interval": (
        "validate",
        ["general.interval_minutes: must be a valid number, got a boolean"],
    ),
    "bool_min_agents": (
        "validate",
        ["workforce.min_agents_open: must be a valid number, got a bool"],
    ),
    "bool_patience": (
        "validate",
        ["lines[0].patience: must be a valid number, got a boolean (false)"],
    ),
    "bool_profile": ("validate", ["sites[0].profile[0]: must be a valid number, got a boolean"]),
    "bool_seats": ("validate", ["sites[1].seats: must be a valid number, got a boolean (true)"]),
    "bool_shift_length": ("validate", ["workforce.shift_lengths[0]: must be a valid number"]),
    "bool_utc_offset": ("validate", ["hubs[0].utc_offset: must be a valid number, got a boolean"]),
    "bool_volume": ("validate", ["sites[0].volume.cards: must be a valid number, got a boolean"]),
    "control_char_name": ("validate", ["sites[2].name: must not hold line breaks", "'Nan\\ntes'"]),
    "cost_overflow": ("validate", ["sites[0].cost_per_fte: must be <= 10000000000.0, got 1e+308"]),
    "deep_array": ("validate", ["TOML syntax: values nested too deeply"]),
    "deep_dotted_keys": ("validate", ["lines[0].a.a.a", "nested more than 12 levels deep"]),
    "deep_inline_table": ("validate", ["TOML syntax: values nested too deeply"]),
    "fixed_cost_overflow": ("validate", ["sites[1].fixed_cost: must be <= 10000000000.0"]),
    "horizon_negative_huge": ("validate", ["general.horizon_days: must be >= 1"]),
    "hours_many_days": ("validate", ["sites[0].hours.d0: unknown day 'd0'"]),
    "hours_number": ("validate", ["sites[0].hours: must be text or a table, got 42"]),
    "hours_per_fte_tiny": ("validate", ["workforce.hours_per_fte_week: must be >= 1.0"]),
    "hub_cost_overflow": ("validate", ["hubs[0].cost_per_fte: must be <= 10000000000.0"]),
    "lines_empty": ("validate", ["lines: tuple should have at least 1 item"]),
    "long_currency": ("validate", ["general.currency: string should have at most 12 characters"]),
    "long_description": ("validate", ["general.description: string should have at most 2000"]),
    "long_hours": ("validate", ["sites[1].hours: string should have at most 100 characters"]),
    "long_key": ("validate", ["targets: key 'kkkk", "(302 chars) is longer than 200"]),
    "long_site_name": (
        "validate",
        ["sites[0].name: string should have at most 100", "(5,002 chars)"],
    ),
    "many_negative_volumes": ("validate", ["sites[0].volume.cards: must be >= 0.0, got -1"]),
    "max_asa_huge": ("validate", ["targets.max_asa: must be <= 86400.0, got 1e+308"]),
    "min_agents_int_overflow": ("validate", ["workforce.min_agents_open: must be <= 10000"]),
    "occupancy_1e300": ("validate", ["targets.max_occupancy: must be >= 0.1, got 1e-300"]),
    "occupancy_1e9": ("validate", ["targets.max_occupancy: must be >= 0.1, got 1e-09"]),
    "patience_1e308": ("validate", ["lines[0].patience: must be <= 86400.0, got 1e+308"]),
    "patience_tiny": ("validate", ["lines[1].patience: must be >= 1.0, got 1e-300"]),
    "profile_all_zero": ("compare", ["sites[0].profile: no call weight inside the opening hours"]),
    "profile_overflow": ("validate", ["sites[0].profile[0]: must be <= 1000000.0, got 1e+308"]),
    "profile_too_long": ("validate", ["sites[0].profile: tuple should have at most 96 items"]),
    "seats_fraction": ("validate", ["sites[0].seats: must be a whole number, got 0.5"]),
    "seats_int_overflow": ("validate", ["sites[0].seats: must be <= 1000000"]),
    "seed_int_overflow": ("validate", ["general.seed: must be <= 4294967295"]),
    "sites_not_array": ("validate", ["sites: must be a list, got 'Lyon, Lille'"]),
    "string_patience": ("validate", ["lines[0].patience: must be a valid number, got '120'"]),
    "string_volume_scale": (
        "validate",
        ["sites[2].volume_scale: must be a valid number, got '1.1'"],
    ),
    "support_cost_overflow": ("validate", ["workforce.support_roles[0].annual_cost: must be <="]),
    "threshold_huge": ("validate", ["targets.threshold: must be <= 86400.0, got 1e+308"]),
    "toml_nul_byte": ("validate", ["TOML syntax: Illegal character", "line 3"]),
    "too_many_alternatives": ("validate", ["design.alternatives: tuple should have at most 20"]),
    "too_many_lines": ("validate", ["lines: tuple should have at most 50 items"]),
    "too_many_shifts": ("validate", ["workforce.shift_lengths: tuple should have at most 24"]),
    "unknown_keys_2000": ("validate", ["general: 2,002 keys; limit 1,000"]),
    "unknown_keys_500": ("validate", ["general.junk0: unknown key; allowed keys: name,"]),
    "utc_offset_nan": ("validate", ["sites[0].utc_offset: must be a finite number, got nan"]),
    "volume_array": ("validate", ["sites[0].volume: must be a table, got [6000, 2000]"]),
    "volume_inf": ("validate", ["sites[0].volume.loans: must be a finite number, got inf"]),
    "volume_nan": ("validate", ["sites[0].volume.cards: must be a finite number, got nan"]),
    "volume_scale_huge": ("validate", ["sites[0].volume_scale: must be <= 100.0, got 1e+308"]),
    "weekday_all_zero": (
        "compare",
        ["sites[0]: receives calls but is closed (or has zero weight)"],
    ),
    "weekday_overflow": ("validate", ["sites[1].weekday_weights[0]: must be <= 1000000.0"]),
    "weekday_too_long": ("validate", ["sites[0].weekday_weights: tuple should have at most 96"]),
}

_KEYED = re.compile(r"^error: (\S+\.toml|[\w\[\]\.\-*/]+|TOML syntax|\.\.\. and [\d,]+ more)[: ]")


def refused(argv: list[str], capsys) -> list[str]:
    """Run the CLI on ``argv``; assert exit 2 within the time limit, no traceback, no warning,
    and every line an ``error:`` naming a key; return the lines."""
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        status = main(argv)
    seconds = time.perf_counter() - start
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert status == 2, (out, err)
    assert seconds < SECONDS
    assert "Traceback" not in out + err and "Warning" not in err
    assert lines and all(_KEYED.match(line) for line in lines), lines
    return lines


def test_every_hostile_file_has_an_expectation():
    assert {p.stem for p in HOSTILE.glob("*.toml")} == set(EXPECTED)
    assert len(EXPECTED) >= 60


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_hostile_file_is_refused(stem, capsys):
    command, substrings = EXPECTED[stem]
    lines = refused([command, str(HOSTILE / f"{stem}.toml")], capsys)
    assert len(lines) <= MAX_PROBLEMS + 1
    for text in substrings:
        assert text in lines[0]


@pytest.mark.parametrize("stem", ["many_negative_volumes", "unknown_keys_500"])
def test_long_lists_of_problems_are_cut_and_counted(stem, capsys):
    lines = refused(["validate", str(HOSTILE / f"{stem}.toml")], capsys)
    assert len(lines) == MAX_PROBLEMS + 1
    assert re.match(r"error: \.\.\. and [\d,]+ more problems", lines[-1])


def _base_text() -> str:
    return (HOSTILE / "bool_aht.toml").read_text().replace('"aht" = true', '"aht" = 300')


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("huge_name", lambda t: t.replace('"Lyon"', '"' + "L" * 1_000_000 + '"', 1), "sites[0]"),
        ("million_keys", lambda t: t + "".join(f"k{i} = 1\n" for i in range(1_000_000)), "keys"),
        (
            "sites_10000",
            lambda t: t.replace("[[hubs]]", _many_sites(10_000) + "[[hubs]]", 1),
            "sites",
        ),
        (
            "sites_2001",
            lambda t: t.replace("[[hubs]]", _many_sites(1_998) + "[[hubs]]", 1),
            "sites",
        ),
        ("huge_file", lambda t: t + "#" * 5_000_000, "the limit is"),
    ],
)
def test_huge_inputs_are_refused_quickly(tmp_path, capsys, name, make, expected):
    path = tmp_path / f"{name}.toml"
    path.write_text(make(_base_text()))
    lines = refused(["validate", str(path)], capsys)
    assert expected in lines[0]
    assert all(len(line) < 1_000 for line in lines)


def _many_sites(count: int) -> str:
    return "".join(f'[[sites]]\nname = "s{i}"\nvolume = {{ cards = 10 }}\n\n' for i in range(count))


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "fifo", "folder"])
def test_devices_fifos_and_folders_are_refused_before_reading(tmp_path, capsys, device):
    if device == "fifo":
        device = tmp_path / "scenario.toml"
        os.mkfifo(device)
    elif device == "folder":
        device = tmp_path
    lines = refused(["validate", str(device)], capsys)
    assert "cannot read scenario file" in lines[0]


def test_byte_order_mark_is_accepted(tmp_path, capsys):
    path = tmp_path / "notepad.toml"
    path.write_bytes(b"\xef\xbb\xbf" + _base_text().encode())
    assert main(["validate", str(path)]) == 0


def finite_json(text: str):
    """``json.loads`` that refuses ``Infinity``, ``-Infinity`` and ``NaN``."""

    def refuse(name):
        raise AssertionError(f"{name} in JSON output")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(
    "argv",
    [
        ["--calls", "0", "--aht", "300"],
        ["--calls", "0", "--aht", "300", "--patience", "60"],
        ["--calls", "1e-300", "--aht", "300"],
        ["--calls", "100", "--aht", "300", "--max-occupancy", "0.5"],
    ],
)
def test_erlang_json_is_finite(argv, capsys):
    assert main(["erlang", *argv, "--json"]) == 0
    data = finite_json(capsys.readouterr().out)
    assert all(v is None or not isinstance(v, float) or math.isfinite(v) for v in data.values())


@pytest.mark.parametrize(
    ("argv", "key"),
    [
        (["--calls", "inf", "--aht", "300"], "calls"),
        (["--calls", "nan", "--aht", "300"], "calls"),
        (["--calls", "-1", "--aht", "300"], "calls"),
        (["--calls", "100", "--aht", "0"], "aht"),
        (["--calls", "1e300", "--aht", "300"], "calls"),
        (["--calls", "100", "--aht", "300", "--max-occupancy", "1e-300"], "max_occupancy"),
        (["--calls", "100", "--aht", "300", "--patience", "1e308"], "patience"),
        (["--calls", "100", "--aht", "300", "--interval-minutes", "0"], "interval_minutes"),
    ],
)
def test_erlang_hostile_arguments_are_refused(argv, key, capsys):
    lines = refused(["erlang", *argv, "--json"], capsys)
    assert key in lines[0]


@pytest.mark.slow
@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_hostile_file_in_a_fresh_process_is_bounded(stem):
    """The CLI in its own process: exit 2 in seconds, under 1 GB, no warning or traceback."""
    command, _ = EXPECTED[stem]
    code = (
        "import resource, sys; from sim.cli import main; status = main(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(status)"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", code, command, str(HOSTILE / f"{stem}.toml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert time.perf_counter() - start < SECONDS
    assert int(done.stdout.split()[-1]) < 1_000_000
    assert "Traceback" not in done.stderr and "Warning" not in done.stderr


@pytest.mark.parametrize(
    ("grid", "expected"),
    [
        ('[ranges]\n"design.aht_change" = { start = 0, stop = 1, num = 1000000000 }', "span.num"),
        ('[ranges]\n"design.aht_change" = { start = 0, stop = 1, step = 1e-12 }', "span.step"),
        ('[ranges]\n"design.aht_change" = { start = 0, stop = inf, step = 1 }', "span"),
        ('[sample]\nn = 100000000\nbounds = { "design.aht_change" = [0, 1] }', "sample.n"),
        ("[grid]\n" + "".join(f'"k{i}" = [1, 2, 3, 4]\n' for i in range(10)), "grid: 1,048,576"),
        ("[grid]\nx = " + "[" * 3000 + "]" * 3000, "grid file: TOML syntax"),
        ("\ufeff[grid]\n" + "".join(f"k{i} = [1]\n" for i in range(2000)), "grid file: grid"),
    ],
)
def test_hostile_grid_files_are_refused_before_any_point(tmp_path, capsys, grid, expected):
    path = tmp_path / "grid.toml"
    path.write_text(grid)
    scenario = _valid_scenario(tmp_path)
    lines = refused(
        ["sweep", str(scenario), "--grid", str(path), "--out", str(tmp_path / "o")], capsys
    )
    assert expected in lines[0]
    assert not (tmp_path / "o.parts").exists() or not any((tmp_path / "o.parts").iterdir())


def _valid_scenario(tmp_path) -> Path:
    path = tmp_path / "valid.toml"
    path.write_text(_base_text())
    return path


@pytest.mark.parametrize("command", ["compare", "charts", "sweep"])
def test_an_output_path_that_is_a_file_or_folder_is_refused_before_computing(
    tmp_path, capsys, monkeypatch, command
):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    argv = [command, str(_valid_scenario(tmp_path)), "--out", str(blocker / "inside")]
    if command == "sweep":
        grid = tmp_path / "grid.toml"
        grid.write_text('[grid]\n"design.aht_change" = [0.0]')
        argv[2:2] = ["--grid", str(grid)]
    monkeypatch.setattr("sim.comparison.compare", _never)
    lines = refused(argv, capsys)
    assert lines[0].startswith(("error: --out: ", "error: out: "))
    assert "is a file" in lines[0] or "cannot write" in lines[0]


def _never(*args, **kwargs):
    raise AssertionError("computed before checking the output path")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_folder_is_refused(tmp_path, capsys):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    lines = refused(["compare", str(_valid_scenario(tmp_path)), "--out", str(folder)], capsys)
    assert "--out: cannot write" in lines[0]


def test_a_full_disk_is_reported_not_raised(tmp_path, capsys, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pandas.DataFrame.to_csv", full)
    lines = refused(
        ["compare", str(_valid_scenario(tmp_path)), "--out", str(tmp_path / "o")], capsys
    )
    assert "--out: cannot write" in lines[0] and "No space left on device" in lines[0]
