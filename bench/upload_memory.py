"""Measure the server's memory while several browser sessions upload a big diary at once, and after they end.

Run from the repository root:  python bench/upload_memory.py  [--sessions 4] [--mb 49] [--ttl 120]

It writes a CSV diary of `--mb` megabytes (millions of bytes) in a temporary folder, starts `streamlit run app.py`
(headless, on a free port, SPINEWELL_LOG and SPINEWELL_DATA in that folder), and opens `--sessions` Chromium pages
(Playwright, /usr/bin/chromium) that each open the Log page and upload the file at the same time, through the page's
own uploader. It prints the server's resident memory (VmRSS from /proc, sampled every 0.1 s; the peak is also read
from VmHWM) at each stage:

- started: the server answers its health check, no page opened yet;
- warm: one session opened the Log page (the sample log, the content, every import) and closed;
- peak: the highest point while the sessions upload and their charts are drawn;
- all shown: when every session shows its charts;
- closed: 10 s after the browser pages closed (Streamlit clears session-scoped caches at once);
- cleaned: after Streamlit's disconnected-session time (`server.disconnectedSessionTTL`, `--ttl` s) plus 10 s, and
  one short visit (a new session is what makes Streamlit drop the expired ones).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.log_pipeline import generate_log  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SETTLED = "[data-testid=stApp][data-test-script-state=notRunning]"
BYTES_PER_ROW = 30.2  # what generate_log writes per row, near enough to size the file in one go


def diary_file(folder: Path, megabytes: float) -> Path:
    """A generated diary of about `megabytes` million bytes, cut at a row's end just below that size."""
    target = int(megabytes * 1e6)
    data = generate_log(int(target / BYTES_PER_ROW * 1.02))
    path = folder / f"diary_{megabytes:g}MB.csv"
    path.write_bytes(data[: data.rindex(b"\n", 0, target) + 1])
    return path


def memory_mb(pid: int, field: str = "VmRSS") -> float:
    """One field of /proc/PID/status (VmRSS now, VmHWM the peak so far), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE).group(1)) * 1024 / 1e6


class Sampler(threading.Thread):
    """Samples a process's resident memory every 0.1 s and remembers the highest."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.highest, self.running = pid, 0.0, True

    def run(self) -> None:
        while self.running:
            self.highest = max(self.highest, memory_mb(self.pid))
            time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(folder: Path, port: int, ttl: int) -> subprocess.Popen:
    env = {**os.environ, "SPINEWELL_LOG": str(folder / "pain_log.csv"), "SPINEWELL_DATA": str(folder)}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", "--server.disconnectedSessionTTL", str(ttl)]
    with open(folder / "server.log", "wb") as log:  # noqa: PTH123 - the server writes to it after this returns
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_healthy(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"the server did not answer {url}/_stcore/health within {timeout} s")


async def open_log_page(browser, url: str):
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    await page.goto(f"{url}/log")
    await page.wait_for_selector(SETTLED, timeout=300_000)
    await page.get_by_text("Pain and activity log", exact=True).first.wait_for(timeout=300_000)
    return context, page


async def upload(page, path: Path) -> None:
    """Upload `path` through the Log page's uploader and wait until its charts are drawn."""
    await page.get_by_text("Upload a log from a spreadsheet or another app").click()
    await page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(path))
    await page.get_by_text("Showing your uploaded file").wait_for(timeout=600_000)
    await page.locator(".js-plotly-plot").first.wait_for(timeout=600_000)
    await page.wait_for_selector(SETTLED, timeout=600_000)


async def drive(url: str, path: Path, sessions: int, pid: int, ttl: int) -> dict[str, float]:
    from playwright.async_api import async_playwright

    figures = {"started": memory_mb(pid)}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                   args=["--no-sandbox", "--disable-gpu"])
        context, _ = await open_log_page(browser, url)
        await context.close()
        await asyncio.sleep(5)
        figures["warm"] = memory_mb(pid)
        opened = await asyncio.gather(*(open_log_page(browser, url) for _ in range(sessions)))
        sampler = Sampler(pid)
        sampler.start()
        start = time.monotonic()
        await asyncio.gather(*(upload(page, path) for _, page in opened))
        figures["seconds to show all"] = time.monotonic() - start
        figures["all shown"] = memory_mb(pid)
        await asyncio.gather(*(context.close() for context, _ in opened))
        await asyncio.sleep(10)
        figures["closed"] = memory_mb(pid)
        sampler.running = False
        figures["peak"] = max(sampler.highest, memory_mb(pid, "VmHWM"))
        await asyncio.sleep(ttl)
        context, _ = await open_log_page(browser, url)  # a new session: Streamlit drops the expired ones
        await context.close()
        await asyncio.sleep(10)
        figures["cleaned"] = memory_mb(pid)
        await browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--mb", type=float, default=49.0, help="file size in millions of bytes")
    parser.add_argument("--ttl", type=int, default=120, help="server.disconnectedSessionTTL, in seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="spinewell-bench-") as folder:
        path = diary_file(Path(folder), args.mb)
        size = path.stat().st_size
        port = free_port()
        server = start_server(Path(folder), port, args.ttl)
        try:
            wait_healthy(f"http://127.0.0.1:{port}")
            figures = asyncio.run(drive(f"http://127.0.0.1:{port}", path, args.sessions, server.pid, args.ttl))
        except Exception:
            print((Path(folder) / "server.log").read_text(errors="replace")[-3000:], file=sys.stderr)
            print(f"server exit code: {server.poll()}", file=sys.stderr)
            raise
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"{args.sessions} sessions each uploading {size / 1e6:.1f} MB ({size:,} bytes); {os.cpu_count()} cores")
    print(f"all {args.sessions} charts shown after {figures.pop('seconds to show all'):.0f} s")
    for stage in ("started", "warm", "peak", "all shown", "closed", "cleaned"):
        print(f"  {stage:>9}: {figures[stage]:7,.0f} MB")


if __name__ == "__main__":
    main()
