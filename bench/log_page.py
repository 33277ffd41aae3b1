"""The Log page's warm script run under AppTest (through app.py), with a diary of two entries a day over a span.

    python -m bench.log_page [--years 2] [--runs 15] [--share-bytecode]

Prints the median of the warm runs (wall clock, and this process's CPU time, which moves less when other work
shares the machine): the page drawn again as it is, then another chart chosen (each a rerun of the whole script
through app.py, as a browser's widget change is). AppTest compiles app.py and the page anew for every run;
--share-bytecode compiles them once, as a server's script cache does."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
END = dt.date(2026, 11, 29)


def two_a_day(years: float, end: dt.date = END, seed: int = 0) -> bytes:
    """A diary in the app's own format: each day a pain rating and an exercise session, pain drifting down."""
    rng = np.random.default_rng(seed)
    days = pd.date_range(end=pd.Timestamp(end), periods=int(365.25 * years), freq="D")
    n = len(days)
    pain = np.clip(np.round(6 - 3 * np.arange(n) / n + rng.normal(0, 1.2, n)), 0, 10).astype(int)
    kinds = rng.choice(["Walking", "Plank", "Bridge", "Cat-cow", "Swimming"], n)
    rows = ["date,time,pain,exercise,minutes,notes"]
    for day, score, kind, minutes in zip(days, pain, kinds, rng.integers(5, 61, n), strict=True):
        rows.append(f"{day:%Y-%m-%d},08:00,{score},,,")
        rows.append(f"{day:%Y-%m-%d},18:00,,{kind},{minutes},")
    return ("\n".join(rows) + "\n").encode()


class _ThroughApp(PagesManager):  # as tests/conftest.py: every run goes through app.py
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


CPU: list[float] = []


def timed(at: AppTest, change=None) -> float:
    if change is not None:
        change(at)
    start, cpu = time.perf_counter(), time.process_time()
    at.run()
    assert not at.exception, at.exception
    CPU.append((time.process_time() - cpu) * 1000)
    return (time.perf_counter() - start) * 1000


def _share_bytecode() -> None:
    import streamlit.testing.v1.local_script_runner as runner_module
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared = ScriptCache()
    app_test_module.ScriptCache = runner_module.ScriptCache = lambda: shared


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=float, default=2)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--share-bytecode", action="store_true")
    args = parser.parse_args()
    app_test_module.PagesManager = _ThroughApp
    if args.share_bytecode:
        _share_bytecode()
    with tempfile.TemporaryDirectory() as folder:
        diary = Path(folder) / "pain_log.csv"
        diary.write_bytes(two_a_day(args.years))
        os.environ["SPINEWELL_LOG"] = str(diary)
        os.environ["SPINEWELL_DATA"] = str(Path(folder) / "data")
        os.chdir(ROOT)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        at.switch_page("pages/log.py")
        cold = timed(at)
        timed(at)
        CPU.clear()
        warm = [timed(at) for _ in range(args.runs)]
        print(f"{args.years:g} years, {diary.stat().st_size // 1024} KB: cold {cold:.0f} ms, "
              f"warm median {statistics.median(warm):.0f} ms (min {min(warm):.0f}, max {max(warm):.0f}), "
              f"CPU median {statistics.median(CPU):.0f} ms")
        choices = [w for w in at.get("button_group") if w.key == "log.chart"]
        if choices:
            options = list(choices[0].options)
            CPU.clear()
            picked = [timed(at, lambda a, o=o: a.button_group(key="log.chart").set_value(o))
                      for o in options * 3]
            print(f"choosing another chart: median {statistics.median(picked):.0f} ms, "
                  f"CPU median {statistics.median(CPU):.0f} ms")


if __name__ == "__main__":
    main()
