"""Durations as people and apps write them ("1h 15m", "45 min", "0:45", "1:15:00", "90s") read as minutes."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from spinewell.log import cells
from spinewell.log.read import read

TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("written", "minutes"),
    [
        ("1h 15m", 75), ("1 h", 60), ("45 min", 45), ("90s", 1.5), ("1h 2m 30s", 62.5), ("2 hours", 120),
        ("1.5h", 90), ("1h 15", 75), ("30", 30),
        ("0:45", 45),  # on a clock face a duration is hours first: h:mm, so 45 minutes (never 45 seconds)
        ("1:15", 75), ("1:15:00", 75), ("00:45:12", 45.2),
    ],
)
def test_a_duration_in_the_minutes_column_reads_as_minutes(written, minutes):
    parsed = read(f"date,exercise,minutes\n2026-11-02,walking,{written}\n".encode(), date_order="auto", today=TODAY)
    assert parsed.ok and not parsed.issues, parsed.issues
    assert parsed.frame["minutes"].tolist() == [minutes]


@pytest.mark.parametrize("written", ["about an hour", "1:75", "45:12:99", "s"])
def test_text_that_is_no_duration_is_reported_as_not_minutes(written):
    parsed = read(f"date,exercise,minutes\n2026-11-02,walking,{written}\n".encode(), date_order="auto", today=TODAY)
    reasons = [(i.row, i.column, i.reason) for i in parsed.issues]
    assert reasons == [(2, "minutes", "minutes should be a number, like 30")]


def test_durations_are_parsed_once_per_distinct_text_and_keep_nan_for_the_rest():
    found = cells.duration_minutes(pd.Series(["0:45", "lots", "90s"]))
    assert found.iloc[0] == 45 and pd.isna(found.iloc[1]) and found.iloc[2] == 1.5
