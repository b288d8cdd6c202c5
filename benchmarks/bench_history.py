"""Loading a big ACD history: a year of 15-minute rows for 30 sites and 3 lines (3.15 M rows).

    python benchmarks/bench_history.py [--keep DIR]

Writes the file once (plausible counts from numpy, offsets +08:00, every interval of the year),
then loads it with ``sim.history.read_history`` (pyarrow's CSV reader, every row checked, the grid
completed) in a fresh child process, and reports the child's wall time and peak resident memory
(``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``). Targets: < 10 s and < 1 GB.
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SITES, LINES, DAYS, MINUTES = 30, 3, 365, 15


def write_history(path: Path) -> int:
    rng = np.random.default_rng(1)
    starts = pd.date_range("2024-01-01", periods=DAYS * 24 * 60 // MINUTES, freq=f"{MINUTES}min")
    stamps = starts.strftime("%Y-%m-%dT%H:%M+08:00").to_numpy()
    hour = starts.hour.to_numpy()
    shape = np.where((hour >= 8) & (hour < 21), 1.0, 0.05)
    n = len(starts)
    with path.open("w") as out:
        out.write(
            "site,line,interval_start,offered,answered,abandoned,answered_within_threshold,"
            "aht,wait_seconds,agents\n"
        )
        for s in range(SITES):
            for line in range(LINES):
                offered = rng.poisson(40 * shape)
                abandoned = rng.binomial(offered, 0.05)
                answered = offered - abandoned
                within = rng.binomial(answered, 0.8)
                aht = np.round(rng.normal(300, 20, n), 1)
                wait = np.round(abandoned * 120.0 + answered * 8.0, 1)
                agents = np.maximum(np.round(offered * 300 / 900 + 2), 1).astype(int)
                frame = pd.DataFrame(
                    {
                        "site": f"Site {s:02d}",
                        "line": f"line_{line}",
                        "interval_start": stamps,
                        "offered": offered,
                        "answered": answered,
                        "abandoned": abandoned,
                        "within": within,
                        "aht": aht,
                        "wait": wait,
                        "agents": agents,
                    }
                )
                frame.to_csv(out, header=False, index=False)
    return SITES * LINES * n


CHILD = """
import sys, time
t = time.perf_counter()
from sim.history import read_history
history = read_history(sys.argv[1])
print(time.perf_counter() - t, len(history.table))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="folder for the generated file (kept)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "history_year.csv"
    if not path.exists():
        rows = write_history(path)
        print(f"wrote {path}: {rows:,} rows, {path.stat().st_size / 1e6:,.0f} MB")
    begin = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - begin
    inside, rows = out.stdout.split()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"read_history: {int(rows):,} rows on the grid, {float(inside):.2f} s inside the child "
        f"({wall:.2f} s with interpreter start and imports), peak memory {peak:,.0f} MB "
        "(targets < 10 s, < 1 GB)"
    )


if __name__ == "__main__":
    main()
