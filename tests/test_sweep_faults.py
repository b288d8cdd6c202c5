"""Sweeps under faults: the parent killed, a worker killed, Ctrl-C; then the same command again.

Each fault must stop the sweep without a traceback, leave no process behind after 10 s, and the
rerun must finish with every point exactly once. Real processes, a real ``python -m sim sweep``.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

ROOT = Path(__file__).parents[1]
SCENARIO = ROOT / "tests" / "broken" / "hubs_missing_site.toml"
POINTS = 120
GRID = f"""
[ranges]
"design.aht_change" = {{ start = 0.0, stop = 0.238, num = {POINTS} }}
"""

pytestmark = pytest.mark.slow


@pytest.fixture
def files(tmp_path):
    scenario = tmp_path / "scenario.toml"
    text = SCENARIO.read_text().replace('["Toulouse"]', '["Toulouse", "Nantes"]')
    scenario.write_text(text)
    grid = tmp_path / "grid.toml"
    grid.write_text(GRID)
    return scenario, grid, tmp_path / "out.parquet"


def _command(files) -> list[str]:
    scenario, grid, out = files
    return [
        sys.executable,
        "-m",
        "sim",
        "sweep",
        str(scenario),
        "--grid",
        str(grid),
        "--out",
        str(out),
        "--workers",
        "2",
        "--no-progress",
    ]


def _start(files) -> subprocess.Popen:
    proc = subprocess.Popen(
        _command(files),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    parts = Path(str(files[2]) + ".parts")
    deadline = time.monotonic() + 60
    while not list(parts.glob("part-*.parquet")) or len(_session(proc.pid)) < 3:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the sweep never started its workers"
        time.sleep(0.05)
    return proc


def _session(sid: int) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["pid"]):
        try:
            if os.getsid(proc.pid) == sid and proc.status() != psutil.STATUS_ZOMBIE:
                found.append(proc)
        except (ProcessLookupError, PermissionError, psutil.Error):
            continue
    return found


def _no_orphans(sid: int) -> None:
    deadline = time.monotonic() + 10
    while _session(sid):
        assert time.monotonic() < deadline, f"left running: {_session(sid)}"
        time.sleep(0.2)


def _resume_gives_every_point_once(files) -> None:
    done = subprocess.run(_command(files), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    table = pd.read_parquet(files[2])
    assert sorted(table["point"]) == list(range(POINTS))
    assert table["point_key"].is_unique


def test_parent_killed(files):
    proc = _start(files)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    _no_orphans(proc.pid)
    _resume_gives_every_point_once(files)


def test_worker_killed(files):
    proc = _start(files)
    worker = psutil.Process(proc.pid).children()[0]
    worker.kill()
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    assert "a worker process died" in err and "rerun the same command" in err
    _no_orphans(proc.pid)
    _resume_gives_every_point_once(files)


def test_interrupted(files):
    proc = _start(files)
    os.killpg(proc.pid, signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "rerun the same command" in err
    _no_orphans(proc.pid)
    _resume_gives_every_point_once(files)
