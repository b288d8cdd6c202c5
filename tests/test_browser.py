"""The app in a real browser: `streamlit run app.py` driven by Playwright and Debian's Chromium.

What a planner does in the first minute: open the app, visit every page, raise the volumes, see the
headcount go up, copy the link to a colleague, and download a chart for the deck. Full-page
screenshots of every page land in ``artifacts/screenshots/`` (git-ignored); the Overview and
Scenario shots are also copied to ``docs/screenshots/`` for the README.

Skips when ``/usr/bin/chromium`` is missing on a developer machine; fails when ``CI=true``.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"
DOCS_SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
PAGES = ("Scenario", "Overview", "Service levels", "Headcount", "Compare scenarios")
TIMEOUT_MS = 90_000


def _require_chromium(chromium: Path = CHROMIUM) -> None:
    if chromium.exists():
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {chromium} is missing: install Debian's chromium package")
    pytest.skip(f"{chromium} is missing (apt-get install chromium to run the browser test)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer on {url} within {seconds:.0f} s")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    _require_chromium()
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _settle(page) -> None:
    """Wait until the script run triggered by the last action has finished."""
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => !document.querySelector(\"[data-testid='stSpinner'], [data-testid='stSkeleton']\")",
        timeout=TIMEOUT_MS,
    )


def _open_page(page, title: str) -> None:
    page.locator("[data-testid='stSidebarNavLink']", has_text=title).first.click()
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=TIMEOUT_MS)
    _settle(page)


def _screenshot(page, name: str) -> Path:
    """A full-page screenshot: the viewport is stretched to the height of the page's content."""
    height = page.evaluate(
        "() => document.querySelector(\"[data-testid='stMainBlockContainer']\").scrollHeight"
    )
    page.set_viewport_size({"width": 1400, "height": min(max(int(height) + 40, 900), 8000)})
    page.wait_for_timeout(500)
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 900})
    return path


def _metric(page, label: str) -> float:
    metric = page.locator("[data-testid='stMetric']", has_text=label).first
    text = metric.locator("[data-testid='stMetricValue']").inner_text()
    return float(text.replace(",", "").replace("%", "").strip())


def _download(page, label: str) -> bytes:
    button = page.locator("[data-testid='stDownloadButton'] button", has_text=label).first
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        button.click()
    return Path(info.value.path()).read_bytes()


@pytest.mark.browser
@pytest.mark.slow
def test_planner_session(app_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(app_url)
    page.get_by_role("heading", name="Scenario", exact=True).wait_for()
    _settle(page)
    shots = {"scenario": _screenshot(page, "scenario")}
    for title in PAGES[1:]:
        _open_page(page, title)
        assert not page.locator("[data-testid='stException']").count(), title
        shots[title.lower().replace(" ", "_")] = _screenshot(page, title.lower().replace(" ", "_"))

    _open_page(page, "Overview")
    before = _metric(page, "Headcount centralised")
    assert _download(page, "PNG").startswith(b"\x89PNG\r\n\x1a\n")
    svg = _download(page, "SVG")
    assert b"<svg" in svg[:2000]
    assert _download(page, "PDF").startswith(b"%PDF-")

    _open_page(page, "Scenario")
    scale = page.get_by_role("spinbutton", name="Volume scale for every site")
    scale.fill("1.2")
    page.get_by_role("button", name="Apply changes").click()
    _settle(page)
    assert "edits=" in page.url
    _open_page(page, "Overview")
    after = _metric(page, "Headcount centralised")
    assert after > before

    colleague = browser.new_page(viewport={"width": 1400, "height": 900})
    colleague.goto(page.url)
    colleague.get_by_role("heading", name="Overview", exact=True).wait_for(timeout=TIMEOUT_MS)
    _settle(colleague)
    assert _metric(colleague, "Headcount centralised") == after
    colleague.close()
    page.close()

    DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
    for name in ("overview", "scenario"):
        shutil.copyfile(shots[name], DOCS_SHOTS / f"{name}.png")


@pytest.mark.browser
@pytest.mark.slow
def test_business_case_page(app_url, browser):
    """The shipped roadmap on the Business case page: the payback month, four charts with their
    downloads, no exception."""
    from sim import load_scenario
    from sim.plan import business_case

    case = business_case(load_scenario(ROOT / "scenarios" / "provincial_roadmap.toml"))
    page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{app_url}?scenario=provincial_roadmap")
    page.get_by_role("heading", name="Scenario", exact=True).wait_for()
    _settle(page)
    _open_page(page, "Business case")
    assert not page.locator("[data-testid='stException']").count()
    payback = page.locator("[data-testid='stMetric']", has_text="Payback month").first
    assert payback.inner_text().endswith(f"month {case.payback_month}")
    assert page.locator("[data-testid='stImage']").count() == 4
    assert _download(page, "PNG").startswith(b"\x89PNG\r\n\x1a\n")
    assert b"month," in _download(page, "CSV")
    _screenshot(page, "business_case")
    page.close()


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_missing_chromium_skips_locally_and_fails_in_ci(monkeypatch, tmp_path, ci, outcome):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="is missing"):
        _require_chromium(tmp_path / "no-chromium")
