"""Planners at once: time to the first Overview for N real browser sessions on one app server.

Starts ``streamlit run app.py`` (from the folder given, default this repository), warms it with
one session, then opens N Chromium pages at once (Playwright), each its own Streamlit session
and on a different scenario (the shipped ones, then the same with other volume scales), and
times each page from navigation until the
Overview's headline figures show. Prints the single-planner time, then the median and maximum of
the N, the CPU seconds the server (with its comparison workers) and the whole machine spent on
each round, and the server's peak memory.

The planners' browsers run on the server's machine here, which real planners' browsers do not:
``--browsers tabs`` (default) keeps that footprint small: one Chromium, one context, a tab per
planner (its own websocket, so its own Streamlit session; the tabs share the browser's cache as
a planner's own browser does after the first visit); ``one`` gives each planner a fresh context
(nothing cached); ``each`` launches a Chromium per planner, as the first version of this script
did, and mostly measures twenty browsers starting on two cores.

    python benchmarks/bench_app_load.py --sessions 1 20 [--browsers tabs|one|each] [--root DIR]
"""

import argparse
import asyncio
import contextlib
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


async def _first_overview(browser, link: str, context=None) -> float:
    """Seconds from navigation to the Overview's first headline figure, in a new tab (its own
    websocket, so its own Streamlit session) of ``context``, or of a fresh context."""
    own = context is None
    context = await browser.new_context() if own else context
    page = await context.new_page()
    start = time.perf_counter()
    await page.goto(link, timeout=TIMEOUT_MS)
    await page.locator("[data-testid='stMetric']").first.wait_for(timeout=TIMEOUT_MS)
    seconds = time.perf_counter() - start
    await (context.close() if own else page.close())
    return seconds


async def _in_own_browser(pw, link: str) -> float:
    browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        return await _first_overview(browser, link)
    finally:
        await browser.close()


async def _round_async(url: str, count: int, offset: int, browsers: str) -> list[float]:
    from playwright.async_api import async_playwright

    links = [_link(url, offset + i) for i in range(count)]
    async with async_playwright() as pw:
        if browsers == "each":
            return list(await asyncio.gather(*(_in_own_browser(pw, link) for link in links)))
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            shared = await browser.new_context() if browsers == "tabs" else None
            return list(
                await asyncio.gather(*(_first_overview(browser, link, shared) for link in links))
            )
        finally:
            await browser.close()


def _round(url: str, count: int, offset: int, browsers: str = "tabs") -> list[float]:
    """Open ``count`` planners at once: tabs of one context (``browsers="tabs"``), contexts of
    one Chromium (``"one"``) or one Chromium each (``"each"``)."""
    return asyncio.run(_round_async(url, count, offset, browsers))


def _cpu_seconds(proc: psutil.Process) -> float:
    """User + system CPU seconds of ``proc`` and its children (the comparison workers)."""
    total = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += sum(p.cpu_times()[:2])
    return total


def _peak_memory(proc: psutil.Process, peak: list, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            rss = sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
        except psutil.Error:
            rss = 0
        peak[0] = max(peak[0], rss)
        time.sleep(0.2)


def _machine_cpu() -> float:
    """Busy CPU seconds of the whole machine (browsers, server and anything else running; the
    comparison workers run niced, counted apart by the kernel)."""
    times = psutil.cpu_times()
    return times.user + times.system + getattr(times, "nice", 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument(
        "--browsers",
        choices=("one", "tabs", "each"),
        default="tabs",
        help="planners as tabs of one context (default), contexts of one Chromium, or one "
        "Chromium each",
    )
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
        watched = psutil.Process(server.pid)
        watcher = threading.Thread(target=_peak_memory, args=(watched, peak, stop))
        watcher.start()
        warm = _round(url, 1, 10_000, args.browsers)[0]
        print(f"warm-up session (cold server): {warm:.1f} s")
        offset = 0
        for count in args.sessions:
            server_cpu, machine_cpu = _cpu_seconds(watched), _machine_cpu()
            times = _round(url, count, offset, args.browsers)
            server_cpu = _cpu_seconds(watched) - server_cpu
            machine_cpu = _machine_cpu() - machine_cpu
            offset += count
            median = statistics.median(times)
            print(f"{count} planner(s) at once, first Overview: median {median:.1f} s, ", end="")
            print(f"max {max(times):.1f} s; CPU: server {server_cpu:.1f} s, ", end="")
            print(f"whole machine {machine_cpu:.1f} s")
            print("  each planner (s):", " ".join(f"{t:.0f}" for t in times))
        print(f"server peak memory: {peak[0] / 2**20:,.0f} MiB")
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
