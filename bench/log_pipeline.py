"""Benchmark the log pipeline (CSV bytes -> clean frame -> aggregates -> figures) on generated logs of growing size.

Run from the repository root:  python bench/log_pipeline.py  [--sizes 1000 10000 ...] [--repeat 3]

For each size it prints the best time from bytes to figures, the peak memory, the number of points the figures
carry, and the ratio to a bare pandas.read_csv of the same bytes (default arguments). Each size runs in a fresh
process so the peak memory is its own. Peak memory is tracemalloc's peak (Python objects and NumPy buffers) plus the
peak of Arrow's memory pool (Arrow reads the CSV, and pandas keeps text columns in Arrow), both measured while the
pipeline runs once. Times are wall-clock: the pipeline's CSV read (Arrow) and its text columns use every core, the
bare read_csv one; the number of cores is printed with the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spinewell import charts, palette  # noqa: E402
from spinewell.analysis import alerts, pain, weeks  # noqa: E402
from spinewell.analysis import days as day_figures  # noqa: E402
from spinewell.content.load import load  # noqa: E402
from spinewell.log.read import read  # noqa: E402

SIZES = (1_000, 10_000, 100_000, 1_000_000)
TODAY = dt.date(2026, 1, 1)  # after the generated logs (2024-2025), so that no row is kept out as in the future
ACTIVITIES = np.array(
    ["walking", "Brisk walk", "plank", "Bridge", "hamstring stretch", "cat-cow", "swimming", "cycling",
     "yoga class", "bird-dog", "Warm-up", "gardening"],
    dtype=object,
)
NOTES = np.array(
    ["stiff in the morning", "felt good, slept well", "sore after gardening", "easier today",
     'long day at the desk; "tight" lower back'],
    dtype=object,
)


def generate_log(rows: int, seed: int = 0) -> bytes:
    """A log in the app's own format: about 45% pain ratings and 55% exercise sessions, pain drifting from 6 to 3,
    times on most rows, notes on some. The span is capped at two years, so bigger logs are denser, not longer."""
    rng = np.random.default_rng(seed)
    span = min(max(rows // 3, 14), 730)
    day = np.sort(rng.integers(0, span, rows))
    dates = np.datetime64("2024-01-01") + day.astype("timedelta64[D]")
    is_rating = rng.random(rows) < 0.45
    pain = np.clip(np.round(6 - 3 * day / span + rng.normal(0, 1.2, rows)), 0, 10).astype(int).astype(str)
    pain = np.where(is_rating, pain, "").astype(object)
    exercise = np.where(is_rating, "", rng.choice(ACTIVITIES, rows)).astype(object)
    minutes = np.where(is_rating, "", rng.integers(5, 61, rows).astype(str)).astype(object)
    clock = rng.integers(6 * 60, 23 * 60, rows)
    times = np.char.add(np.char.add(np.char.zfill((clock // 60).astype(str), 2), ":"),
                        np.char.zfill((clock % 60).astype(str), 2)).astype(object)
    times[rng.random(rows) < 0.1] = ""
    notes = rng.choice(NOTES, rows)
    notes[rng.random(rows) < 0.85] = ""
    frame = pd.DataFrame(
        {"date": dates.astype(str), "time": times, "pain": pain, "exercise": exercise, "minutes": minutes,
         "notes": notes}
    )
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def bytes_to_figures(
    data: bytes, lookup: dict[str, str], targets: dict[str, int], styles: dict[str, palette.SeriesStyle]
) -> int:
    """The Log page's work, without Streamlit: returns the number of points plotted."""
    parsed = read(data, date_order="auto", today=TODAY)
    days = day_figures.day_table(parsed.frame, lookup)
    daily = pain.daily_pain(days)
    change = pain.pain_change(daily)
    views = [
        charts.pain_trend(daily, pain.rolling_pain(daily), change),
        charts.weekly_sessions(weeks.weekly_sessions(days), targets, styles),
        charts.aerobic_minutes(weeks.weekly_minutes(days)["aerobic"], weeks.AEROBIC_MINUTES_TARGET, styles["aerobic"]),
        charts.activity_calendar(days),
        charts.exercise_vs_rest(pain.exercise_vs_rest(days)),
    ]
    alerts.worsening_alert(days)
    weeks.summarise(days)
    return sum(charts.points_plotted(view.figure) for view in views)


def measure(rows: int, repeat: int) -> dict[str, float]:
    content = load()
    lookup = content.exercise_type_lookup()
    targets = weeks.frequency_targets(content.exercise_types)
    styles = palette.type_styles(content)
    data = generate_log(rows)
    bytes_to_figures(data, lookup, targets, styles)  # warm-up: imports, Plotly validators
    pipeline = []
    for _ in range(repeat):
        start = time.perf_counter()
        points = bytes_to_figures(data, lookup, targets, styles)
        pipeline.append(time.perf_counter() - start)
    bare = []
    for _ in range(repeat):
        start = time.perf_counter()
        pd.read_csv(io.BytesIO(data))
        bare.append(time.perf_counter() - start)
    tracemalloc.start()
    bytes_to_figures(data, lookup, targets, styles)
    _, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "rows": rows,
        "mb": len(data) / 1e6,
        "seconds": min(pipeline),
        "bare_seconds": min(bare),
        "peak_mb": (python_peak + pa.default_memory_pool().max_memory()) / 1e6,
        "points": points,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size, print JSON
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.repeat)))
        return
    print(f"{os.cpu_count()} cores, pandas {pd.__version__}, pyarrow {pa.__version__}")
    print("| rows | file | bytes -> figures | peak memory | points plotted | bare read_csv | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for rows in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(rows), "--repeat", str(args.repeat)],
            check=True, capture_output=True, text=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"| {r['rows']:,} | {r['mb']:.1f} MB | {r['seconds']:.3f} s | {r['peak_mb']:.0f} MB | {r['points']:,} "
            f"| {r['bare_seconds']:.3f} s | {r['seconds'] / r['bare_seconds']:.1f}x |",
            flush=True,
        )


if __name__ == "__main__":
    main()
