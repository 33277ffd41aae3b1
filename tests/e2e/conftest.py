"""Browser fixtures: a real `streamlit run app.py` on a free port, and a Chromium page that refuses other hosts."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.e2e.helpers import browser_visit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER") == "1"


def _unavailable(reason: str) -> None:
    if _browser_required():
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"streamlit did not answer {url}/_stcore/health within {timeout} s")


@pytest.fixture(scope="session")
def log_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The local log file the test server writes to (never the developer's own data/pain_log.csv)."""
    return tmp_path_factory.mktemp("log") / "pain_log.csv"


@contextmanager
def running_app(log_path: Path, script: str = "app.py", env: dict[str, str] | None = None) -> Iterator[str]:
    """Run `streamlit run SCRIPT` (the app, or a tiny test script) on a free port, yield its base URL, and always
    stop it afterwards. `env` adds to (or overrides) its environment, e.g. SPINEWELL_STORAGE=browser."""
    port = _free_port()
    env = {**os.environ, "SPINEWELL_LOG": str(log_path), "SPINEWELL_DATA": str(log_path.parent / "data"),
           "PYTHONPATH": str(ROOT), **(env or {})}
    command = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]
    with serving(command, env, port) as url:
        yield url


@contextmanager
def serving(command: list[str], env: dict[str, str], port: int) -> Iterator[str]:
    """Start a server `command` in the app folder, yield its base URL once it answers its health check, and always
    stop it afterwards."""
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def app_server(log_path: Path) -> Iterator[str]:
    """One app server shared by the browser tests of a run."""
    with running_app(log_path) as url:
        yield url


def _chromium_executable() -> str | None:
    """Debian's chromium if present; otherwise None, meaning Playwright's own downloaded Chromium."""
    for candidate in ("chromium", "chromium-browser"):
        found = shutil.which(candidate)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -r requirements-dev.txt)")
    with sync_playwright() as playwright:
        executable = _chromium_executable()
        try:
            launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        except Error as error:
            _unavailable(
                "no Chromium found: install Debian's `chromium` or run `playwright install chromium` "
                f"({str(error).splitlines()[0]})"
            )
        yield launched
        launched.close()


@pytest.fixture()
def page(browser, app_server: str, log_path: Path) -> Iterator[object]:
    """A fresh page (1280x900) that blocks and records requests to other hosts and collects page errors.

    Each test comes as a new person: the profile and the diary the test before left on the server are removed."""
    (log_path.parent / "data" / "profile.json").unlink(missing_ok=True)
    log_path.unlink(missing_ok=True)
    with browser_visit(browser, app_server) as page:
        yield page
