"""Benchmark every page with a two-year diary: warm script runs under AppTest, and an upload to charts in a browser.

Run from the repository root:  python bench/pages.py  [--runs 20] [--uploads 3] [--rows 100000] [--quick]
                                                      [--no-browser] [--recompile] [--profile PAGE]

(a) In a temporary data folder (SPINEWELL_DATA, SPINEWELL_LOG) it writes a two-year diary (two entries a day: a pain
rating in the morning, an exercise session in the evening) and the profile of a person with a plan (the
self-assessment done, the plan started three weeks ago). Each page is opened through app.py with streamlit.testing's
AppTest as that person (the library also at one exercise's card, the guided session after Start on Today): one cold
run, then warm runs in the same session (the same page run again; on the Log page also a widget change, the "Only
entries with notes" toggle). It prints the median and 90th percentile of the warm runs' wall-clock time per page and
the median of their CPU time, which moves less when other work shares the machine.
(b) It starts `streamlit run app.py` on a free port (a fresh data folder, so the Log page shows the sample), opens the
Log page in headless Chromium, uploads a generated diary (bench/log_pipeline.generate_log) and times from
set_input_files to the charts drawn (the uploaded file named, the run over, no stale element or spinner, the first
chart's SVG present); the median of a few uploads, each in a new browser context. It counts the points in the page's
figures. `--quick`: 3 warm runs and one upload of 10,000 rows. `--profile PAGE` prints a cProfile of that page's warm
runs instead (e.g. --profile log); cProfile inflates Python-heavy code several times, so read it for proportions.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from browser_upload import upload_to_charts  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from spinewell.assessment import steps  # noqa: E402
from spinewell.ui import state  # noqa: E402

PAGES = {  # name in the table: the page's script (with a query, as a link opens it)
    "Home": "pages/home.py",
    "Learn": "pages/learn.py",
    "Exercise library": "pages/exercises.py",
    "Exercise library: one card": "pages/exercises.py?exercise=bridge",
    "Self-assessment": "pages/assessment.py",
    "Today": "pages/today.py",
    "Guided session": "pages/session.py",
    "Your program": "pages/program.py",
    "Log": "pages/log.py",
    "About": "pages/about.py",
    "Privacy": "pages/privacy.py",
}
ANSWERS = {  # moderate pain for a few weeks, light activity, plenty of time: Foundation (tests/answer_sets.MODERATE)
    "duration": "2-to-6-weeks", "pain_now": 5, "leg_pain": "no", "function": "a-little", "worry": "a-little",
    "mood": "up-and-down", "bothersome": "somewhat", "expectation": "a-bit-better", "activity": "light",
    "floor": "easily", "access": ["pool"], "minutes": "45-or-more", "conditions": [],
}
EXERCISES = ("Walking", "Bridge", "Bird-dog", "Cat-cow", "Swimming", "Knee-to-chest stretch", "gardening")
NOTES = ("stiff in the morning", "felt good, slept well", "sore after gardening", "easier today")


def two_year_diary(today: dt.date, days: int = 730) -> bytes:
    """Two entries a day for `days` days up to yesterday: pain in the morning, drifting from 6 to 3, and an
    exercise session in the evening; a note on about one entry in ten."""
    lines = ["date,time,pain,exercise,minutes,notes"]
    for n in range(days):
        day = today - dt.timedelta(days=days - n)
        pain = max(0, min(10, round(6 - 3 * n / days + ((n * 7919) % 5 - 2) * 0.6)))
        note = NOTES[n % len(NOTES)] if n % 10 == 3 else ""
        lines.append(f"{day},07:{n % 50 + 10:02d},{pain},,,\"{note}\"")
        lines.append(f"{day},18:30,,{EXERCISES[n % len(EXERCISES)]},{20 + n % 5 * 5},")
    return ("\n".join(lines) + "\n").encode("utf-8")


def prepare(folder: Path, today: dt.date) -> None:
    """The diary and the profile of a person with a plan, in `folder`, and the settings that point the app at it."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "pain_log.csv").write_bytes(two_year_diary(today))
    os.environ["SPINEWELL_DATA"] = str(data)
    os.environ["SPINEWELL_LOG"] = str(data / "pain_log.csv")
    from spinewell.content.load import load

    screen_id = load().questionnaire.screen.id
    start = today - dt.timedelta(days=today.weekday() + 21)  # a Monday three weeks ago
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state[state.ANSWERS] = {**ANSWERS, screen_id: []}
    at.session_state[state.SCREEN] = ()
    at.session_state[steps.SCREENED_ON] = today
    at.session_state[state.PLAN_START] = start
    at.session_state[steps.STEP] = steps.RESULT
    at.run()  # app.py saves the profile after the run
    assert (data / "profile.json").exists(), "the profile was not saved"


def _through_app(share_bytecode: bool) -> None:
    """Every run through app.py, as tests/conftest.py arranges for the page tests (AppTest re-arms the legacy
    pages/ flag before each run, which would run a page on its own after a switch). With `share_bytecode`, the
    scripts are compiled once, as a server's script cache does: AppTest makes a new cache for every run, so that
    each run parses app.py and the page again and adds Streamlit's "magic" to them (about 20-40 ms a run here)."""
    import streamlit.testing.v1.app_test as app_test_module
    import streamlit.testing.v1.local_script_runner as runner_module
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    class ThroughApp(PagesManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    app_test_module.PagesManager = ThroughApp
    if share_bytecode:
        shared = ScriptCache()
        app_test_module.ScriptCache = runner_module.ScriptCache = lambda: shared


def _timed(at: AppTest, change=None, cpu: list[float] | None = None) -> float:
    """The run's wall-clock ms; its CPU ms (this process's, which is the script thread's: the caller only waits)
    appended to `cpu`, a figure that moves less than the wall clock when other work shares the machine."""
    start, start_cpu = time.perf_counter(), time.process_time()
    (change(at) if change else at).run()
    elapsed = (time.perf_counter() - start) * 1000
    if cpu is not None:
        cpu.append((time.process_time() - start_cpu) * 1000)
    assert not at.exception, f"{at.exception}"
    return elapsed


def open_as_person(script: str) -> tuple[AppTest, float]:
    """A new session (the profile loaded on its first run, on Home), then `script`: its cold run in ms."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    if script == "pages/session.py":  # a session under way: Start today's first session on Today
        at.switch_page("pages/today.py")
        at.run()
        starts = [b for b in at.button if b.label.startswith("Start")]
        assert starts, f"no Start button on Today: {[b.label for b in at.button]}"
        starts[0].click()
        return at, _timed(at)
    script, _, query = script.partition("?")
    at.switch_page(script)
    for key, value in (part.split("=") for part in query.split("&") if part):
        at.query_params[key] = value  # a link into the page, as a lesson or a session opens a card
    return at, _timed(at)


def _toggle_notes(at: AppTest):
    toggle = at.toggle(key="log.only_notes")
    return toggle.set_value(not toggle.value)


def measure_pages(runs: int) -> list[tuple[str, float, float, float, float]]:
    """(page, cold ms, warm median ms, warm p90 ms, warm median CPU ms) for every page, and for a widget change
    on the Log page."""
    rows = []
    for name, script in PAGES.items():
        at, cold = open_as_person(script)
        cpu: list[float] = []
        warm = [_timed(at, cpu=cpu) for _ in range(runs)]
        rows.append((name, cold, *_median_p90(warm), statistics.median(cpu)))
        if name == "Log":
            cpu = []
            changed = [_timed(at, _toggle_notes, cpu) for _ in range(runs)]
            rows.append(("Log: a widget change", float("nan"), *_median_p90(changed), statistics.median(cpu)))
        print(f"  {rows[-1][0]}: done", file=sys.stderr, flush=True)
    return rows


def _median_p90(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def profile_page(name: str, runs: int) -> None:
    """A cProfile of one page's warm runs (the Log page's with the widget change), sorted by cumulative time."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    script = next(s for n, s in PAGES.items() if name.lower() in (n.lower(), Path(s).stem))
    at, _ = open_as_person(script)
    _timed(at)
    profiler = cProfile.Profile()
    original = LocalScriptRunner._run_script_thread

    def profiled(self) -> None:  # each run has its own script thread: profile inside it
        profiler.enable()
        try:
            original(self)
        finally:
            profiler.disable()

    LocalScriptRunner._run_script_thread = profiled
    for _ in range(runs):
        _timed(at, _toggle_notes if script == "pages/log.py" else None)
    LocalScriptRunner._run_script_thread = original
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


def report_pages(args: argparse.Namespace, today: dt.date) -> None:
    """Measure every page (or profile one) with the two-year diary in a temporary folder, and print the table."""
    with tempfile.TemporaryDirectory(prefix="spinewell-bench-") as folder:
        prepare(Path(folder), today)
        if args.profile:
            profile_page(args.profile, args.runs)
            return
        rows = measure_pages(args.runs)
    print(f"Warm script runs with a two-year diary ({len(two_year_diary(today).splitlines()) - 1:,} entries), "
          f"{args.runs} runs a page, through app.py under AppTest:\n")
    print("| page | cold run | warm median | warm p90 | warm median CPU |\n|---|---:|---:|---:|---:|")
    for name, cold, median, p90, cpu in rows:
        cold_text = "" if cold != cold else f"{cold:.0f} ms"
        print(f"| {name} | {cold_text} | {median:.0f} ms | {p90:.0f} ms | {cpu:.0f} ms |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="warm runs per page (default 20)")
    parser.add_argument("--uploads", type=int, default=3, help="uploads in the browser (default 3)")
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the uploaded diary (default 100,000)")
    parser.add_argument("--quick", action="store_true", help="3 warm runs, one upload of 10,000 rows")
    parser.add_argument("--no-browser", action="store_true", help="only the AppTest page runs")
    parser.add_argument("--no-pages", action="store_true", help="only the upload in the browser")
    parser.add_argument("--recompile", action="store_true",
                        help="compile the scripts on every run, as AppTest does (a server compiles them once)")
    parser.add_argument("--profile", metavar="PAGE", help="profile one page's warm runs (e.g. log, today)")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.uploads, args.rows = 3, 1, 10_000
    today = dt.date.today()
    load = os.getloadavg()
    print(f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, load average {load[0]:.1f} "
          f"{load[1]:.1f} {load[2]:.1f} (1, 5, 15 min)\n")
    _through_app(share_bytecode=not args.recompile)
    if args.profile or not args.no_pages:
        report_pages(args, today)
    if not args.no_browser and not args.profile:
        seconds, after, server, points = upload_to_charts(ROOT, args.rows, args.uploads)
        print(f"\nUpload of {args.rows:,} rows to charts in Chromium, {len(seconds)} uploads: median "
              f"{statistics.median(seconds):.2f} s from set_input_files ({', '.join(f'{s:.2f}' for s in seconds)} s), "
              f"{statistics.median(after):.2f} s after it returned; the server's CPU "
              f"{statistics.median(server):.2f} s; "
              f"{points:,} points plotted on the Log page.")


if __name__ == "__main__":
    main()
