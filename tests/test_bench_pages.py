"""bench/pages.py measures what it says: its two-year diary reads clean, two entries a day, every day for two years."""

from __future__ import annotations

import datetime as dt
import sys

from spinewell.log.read import read
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import pages as bench_pages  # noqa: E402

TODAY = dt.date(2026, 12, 1)


def test_the_benchmark_diary_is_two_entries_a_day_for_two_years_and_reads_clean():
    parsed = read(bench_pages.two_year_diary(TODAY), date_order="auto", today=TODAY)
    frame = parsed.frame
    assert parsed.error is None and not parsed.issues
    assert len(frame) == 2 * 730
    days = frame["date"].dt.date
    assert days.min() == TODAY - dt.timedelta(days=730) and days.max() == TODAY - dt.timedelta(days=1)
    assert days.value_counts().eq(2).all()
    assert frame["pain"].notna().sum() == 730 and frame["pain"].dropna().between(0, 10).all()
    assert frame["exercise"].fillna("").ne("").sum() == 730 and frame["minutes"].notna().sum() == 730
