"""Rows that are not diary entries yet: dates after today and untouched planned sessions stay out and are reported."""

from __future__ import annotations

import datetime as dt

from spinewell import painlog

TODAY = dt.date(2026, 11, 24)


def test_a_row_dated_after_today_is_kept_out_and_reported():
    data = b"date,pain,exercise,minutes\n2026-11-23,4,walking,20\n2026-11-24,3,,\n2026-11-25,2,plank,5\n"
    parsed = painlog.read(data, today=TODAY)
    assert [d.date() for d in parsed.frame["date"]] == [dt.date(2026, 11, 23), dt.date(2026, 11, 24)]
    (issue,) = parsed.issues
    assert issue.reason == painlog.FUTURE_REASON
    assert issue.column == "date"


def test_today_itself_is_a_diary_day():
    parsed = painlog.read(b"date,pain\n2026-11-24,5\n", today=TODAY)
    assert len(parsed.frame) == 1 and not parsed.issues


def test_planned_row_without_minutes_or_pain_does_not_count_but_a_filled_in_one_does():
    data = (
        b"date,time,pain,exercise,minutes,notes\n"
        b"2026-11-02,,,Plank,,planned: 3 x 20 seconds\n"
        b"2026-11-03,,,Walking,25,planned: 25 minutes\n"
        b"2026-11-04,,4,Bridge,,Planned: 10 reps\n"
    )
    parsed = painlog.read(data, today=TODAY)
    assert list(parsed.frame["exercise"]) == ["Walking", "Bridge"]
    (issue,) = parsed.issues
    assert issue.reason == painlog.PLANNED_REASON


def test_a_log_of_only_untouched_planned_rows_says_what_to_do():
    data = b"date,time,pain,exercise,minutes,notes\n2026-11-02,,,Plank,,planned: 3 x 20 seconds\n"
    parsed = painlog.read(data, today=TODAY)
    assert parsed.frame.empty
    assert parsed.error is not None and "planned" in parsed.error
