"""Planners at once: time to the first Overview for N real browser sessions on one app server.

Starts ``streamlit run app.py`` (from the folder given, default this repository), warms it with
one session, then opens N Chromium pages at once (Playwright; one browser, one context per
planner, so no session shares cookies), each on a different scenario (the shipped ones, then the
same with other volume scales), and times each page from navigation until the Overview's
headline figures show. Prints the single-planner time, then the median and maximum of the N,
and the server's peak memory.

    python benchmarks/bench_app_load.py --sessions 1 20 [--root /path/to/checkout]
"""

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_browser import CHROMIUM, CHROMIUM_ARGS, _free_port, _wait_healthy

SCENARIOS = ("provincial", "national_hubs", "shared_services", "follow_the_sun", "team_size")
TIMEOUT_MS = 900_000


def _link(url: str, i: int) -> str:
    query = {"scenario": SCENARIOS[i % len(SCENARIOS)]}
    scale = 1.0 + 0.01 * (i // len(SCENARIOS))
    if scale != 1.0:
        query["edits"] = json.dumps({"sites[*].volume_scale": round(scale, 2)})
    return f"{url}/overview?{urllib.parse.urlencode(query)}"


def _first_overview(context, link: str) -> float:
    page = context.new_page()
    start = time.perf_counter()
    page.goto(link, timeout=TIMEOUT_MS)
    page.locator("[data-testid='stMetric']").first.wait_for(timeout=TIMEOUT_MS)
    seconds = time.perf_counter() - start
    page.close()
    return seconds


def _peak_memory(proc: psutil.Process, peak: list, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            rss = sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
        except psutil.Error:
            rss = 0
        peak[0] = max(peak[0], rss)
        time.sleep(0.2)


def _round(url: str, count: int, offset: int) -> list[float]:
    """Open ``count`` planners at once (each in a thread with its own context)."""
    from playwright.sync_api import sync_playwright

    times = [0.0] * count

    def one(i: int) -> None:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            times[i] = _first_overview(chromium.new_context(), _link(url, offset + i))
            chromium.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true"]
    command += [f"--server.port={port}", "--browser.gatherUsageStats=false"]
    server = subprocess.Popen(
        command, cwd=args.root, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    peak, stop = [0], threading.Event()
    try:
        _wait_healthy(url, server)
        watcher = threading.Thread(
            target=_peak_memory, args=(psutil.Process(server.pid), peak, stop)
        )
        watcher.start()
        warm = _round(url, 1, 10_000)[0]
        print(f"warm-up session (cold server): {warm:.1f} s")
        offset = 0
        for count in args.sessions:
            times = _round(url, count, offset)
            offset += count
            median = statistics.median(times)
            print(f"{count} planner(s) at once, first Overview: median {median:.1f} s, ", end="")
            print(f"max {max(times):.1f} s")
        print(f"server peak memory: {peak[0] / 2**20:,.0f} MiB")
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
