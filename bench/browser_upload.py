"""bench/pages.py's browser half: a diary uploaded on the Log page in headless Chromium, timed to the charts drawn."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from log_pipeline import generate_log

UPLOADER = "[data-testid=stFileUploaderDropzoneInput]"
# The charts of the uploaded file are drawn: the page names the upload, the run is over, nothing is stale or
# spinning, and the first chart has its SVG.
CHARTS_DRAWN = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  return app && app.dataset.testScriptState === 'notRunning'
    && document.body.innerText.includes('Showing your uploaded file')
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid=stSpinner]')
    && !!document.querySelector('[data-testid=stPlotlyChart] svg.main-svg');
}"""
POINTS = """() => {
  let total = 0;
  for (const chart of document.querySelectorAll('.js-plotly-plot')) {
    for (const trace of chart.data || []) {
      if (trace.z) total += Array.from(trace.z).reduce((n, row) => n + (row.length ?? 1), 0);
      else if (trace.x) total += trace.x.length;
    }
  }
  return total;
}"""


def _server_cpu(port: str) -> float:
    """The CPU seconds (user and system, every thread) the `streamlit run` serving `port` has used so far."""
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
            if b"streamlit" in b" ".join(command) and port.encode() in command:
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError):
            continue
    return float("nan")


def upload_to_charts(root: Path, rows: int, uploads: int) -> tuple[list[float], list[float], list[float], int]:
    """For each upload (each in a new browser context, so a new session that reads the file afresh): the seconds
    from set_input_files to the charts drawn, and the part of them after set_input_files returned (the browser
    sending the file, the server's run, the drawing), and the server's CPU seconds in that time, a figure that
    moves less when other work shares the machine; and the points the page's figures carry after the last one.

    The file is given by its path on disk, as a person picks it: a buffer would first travel from Playwright to
    the browser, encoded, which on this machine takes seconds for a few megabytes and is no part of the app."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM_ARGS, running_app
    from tests.e2e.helpers import guard_context, wait_for_app

    seconds, after, server, points = [], [], [], 0
    with tempfile.TemporaryDirectory(prefix="spinewell-bench-browser-") as folder, \
            running_app(Path(folder) / "pain_log.csv") as url, sync_playwright() as playwright:
        diary = Path(folder) / "diary.csv"
        diary.write_bytes(generate_log(rows))
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)
        for attempt in range(uploads + 1):  # the first is a warm-up: the server's first run imports everything
            outside: list[str] = []
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            guard_context(context, outside, [])
            page = context.new_page()
            page.goto(f"{url}/log")
            wait_for_app(page, timeout=60_000)
            page.get_by_text("Upload a log from a spreadsheet or another app").click()
            uploader = page.locator(UPLOADER)
            uploader.wait_for(state="attached", timeout=30_000)
            port = url.rsplit(":", 1)[1]
            start, start_cpu = time.perf_counter(), _server_cpu(port)
            uploader.set_input_files(diary)
            given = time.perf_counter()
            page.wait_for_function(CHARTS_DRAWN, timeout=120_000, polling="raf")
            drawn = time.perf_counter()
            if attempt:
                seconds.append(drawn - start)
                after.append(drawn - given)
                server.append(_server_cpu(port) - start_cpu)
            points = page.evaluate(POINTS)
            context.close()
            assert not outside, f"the page asked other hosts for {outside}"
        browser.close()
    return seconds, after, server, points
