"""Rows that are not diary entries (yet): dated in the future, or a planned session from the log template that was
never filled in. Both are kept out of the figures and reported, and a filled-in row counts as usual."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest

from spinewell.analysis.days import day_table
from spinewell.content.load import load
from spinewell.log.checks import FUTURE_REASON, PLANNED_REASON
from spinewell.log.read import ParsedLog, read
from spinewell.program import exports
from spinewell.program.plan import Plan, build_plan

CONTENT = load()
TODAY = dt.date(2026, 3, 10)
MONDAY = dt.date(2026, 3, 2)


def read_text(text: str, date_order: str = "auto", today: dt.date = TODAY) -> ParsedLog:
    return read(text.encode("utf-8"), date_order=date_order, today=today)


def reasons(parsed: ParsedLog) -> dict[int, str]:
    return {issue.row: issue.reason for issue in parsed.issues}


# --- dated in the future ----------------------------------------------------------------------------------------


def test_a_row_dated_after_today_is_kept_out_and_reported_and_today_counts():
    parsed = read_text(
        "date,pain,exercise,minutes\n"
        "2026-03-09,5,,\n"  # row 2: yesterday
        "2026-03-10,4,walking,20\n"  # row 3: today
        "2026-03-11,3,,\n"  # row 4: tomorrow
        "2027-01-01,,plank,5\n"  # row 5: next year
    )
    assert parsed.ok
    assert [f"{d:%Y-%m-%d}" for d in parsed.frame["date"]] == ["2026-03-09", "2026-03-10"]
    assert reasons(parsed) == {4: FUTURE_REASON, 5: FUTURE_REASON}
    assert FUTURE_REASON == "date is in the future"
    assert (parsed.issues[0].column, parsed.issues[0].value) == ("date", "2026-03-11")


@pytest.mark.parametrize(
    ("cell", "order"),
    [("11/03/2026", "dayfirst"), ("03/11/2026", "monthfirst"), ("11 March 2026", "auto"), ("2026-03-11 07:30", "auto")],
)
def test_the_future_is_judged_on_the_date_as_read_whatever_its_format(cell, order):
    parsed = read_text(f"Date,Pain\n01/03/2026,4\n\"{cell}\",5\n", date_order=order)
    assert len(parsed.frame) == 1 and reasons(parsed) == {3: FUTURE_REASON}


def test_a_log_that_is_all_in_the_future_has_nothing_usable_and_says_why_row_by_row():
    parsed = read_text("date,pain\n2026-04-01,4\n2026-04-02,5\n")
    assert not parsed.ok and "No usable entries" in parsed.error
    assert set(reasons(parsed).values()) == {FUTURE_REASON}


def test_a_future_row_with_another_problem_is_reported_once_for_the_first_problem():
    parsed = read_text("date,pain\n2026-03-09,4\n2026-03-12,eleven\n")
    assert parsed.issue_count == 1 and "number from 0 to 10" in parsed.issues[0].reason


def test_future_rows_are_not_counted_as_repeats_of_anything():
    parsed = read_text("date,pain\n2026-03-09,4\n2026-03-12,4\n2026-03-12,4\n")
    assert parsed.duplicates_dropped == 0 and parsed.issue_count == 2


# --- planned sessions from the log template ------------------------------------------------------------------------


def test_a_planned_row_with_no_minutes_and_no_pain_is_not_a_session():
    parsed = read_text(
        "date,time,pain,exercise,minutes,notes\n"
        "2026-03-02,,,Plank,,planned: 3 x 20 seconds\n"  # row 2: untouched
        "2026-03-02,,,Bridge,10,planned: 10 reps\n"  # row 3: minutes filled in
        "2026-03-03,,4,Walking,,planned: 20 minutes\n"  # row 4: pain filled in
        "2026-03-03,,,Walking,,went for a walk\n"  # row 5: a session without minutes, not planned
    )
    assert parsed.ok
    assert reasons(parsed) == {2: PLANNED_REASON}
    assert (parsed.issues[0].column, parsed.issues[0].value) == ("exercise", "Plank")
    assert parsed.frame["exercise"].tolist() == ["Bridge", "Walking", "Walking"]
    assert day_table(parsed.frame, CONTENT.exercise_type_lookup())["sessions"].sum() == 3


def test_the_reason_tells_the_person_what_to_do():
    assert PLANNED_REASON == "planned session not filled in: add the minutes to count it"


@pytest.mark.parametrize("notes", ["planned: walk", "PLANNED: walk", "  Planned:walk", "planned:"])
def test_planned_is_recognised_whatever_the_case_and_leading_spaces(notes):
    parsed = read_text(f"date,exercise,minutes,notes\n2026-03-02,Walking,,\"{notes}\"\n")
    assert reasons(parsed) == {2: PLANNED_REASON}


@pytest.mark.parametrize("notes", ["planned walk", "unplanned: walk", "walk (planned: 20 minutes)", ""])
def test_notes_that_do_not_start_with_planned_colon_leave_the_row_a_session(notes):
    parsed = read_text(f"date,exercise,minutes,notes\n2026-03-02,Walking,,\"{notes}\"\n")
    assert parsed.issues == () and parsed.frame["exercise"].tolist() == ["Walking"]


def test_a_planned_note_without_an_exercise_is_a_note_like_any_other():
    parsed = read_text("date,pain,exercise,notes\n2026-03-02,,,planned: rest day\n")
    assert parsed.issues == () and parsed.frame["notes"].tolist() == ["planned: rest day"]


def test_files_without_a_notes_column_have_no_planned_rows():
    parsed = read_text("date,exercise,minutes\n2026-03-02,Walking,\n")
    assert parsed.issues == () and len(parsed.frame) == 1


def test_a_planned_row_is_reported_as_planned_even_when_its_date_is_still_to_come():
    parsed = read_text("date,exercise,minutes,notes\n2026-03-20,Walking,,planned: 20 minutes\n")
    assert reasons(parsed) == {2: PLANNED_REASON}


def test_a_planned_row_with_a_bad_date_is_reported_for_the_date():
    parsed = read_text("date,exercise,minutes,notes\nsoon,Walking,,planned: 20 minutes\n")
    assert "not a date" in reasons(parsed)[2]


def test_a_log_of_only_untouched_planned_rows_says_what_to_do():
    parsed = read_text("date,time,pain,exercise,minutes,notes\n2026-03-02,,,Plank,,planned: 3 x 20 seconds\n")
    assert parsed.frame.empty
    assert parsed.error is not None and "planned" in parsed.error


# --- the program page's template, end to end -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def template() -> tuple[Plan, bytes]:
    plan = build_plan(CONTENT.programs.program("foundation"), MONDAY, 6)
    return plan, exports.log_template_csv(plan)


@pytest.mark.parametrize("today", [MONDAY + dt.timedelta(days=365), MONDAY + dt.timedelta(days=10), MONDAY],
                         ids=["after the plan", "during the plan", "on its first day"])
def test_the_untouched_template_counts_no_session_and_reports_each_planned_row_once(template, today):
    plan, data = template
    planned = sum(len(session.items) for session in plan.sessions)
    parsed = read(data, date_order="auto", today=today)
    assert parsed.frame.empty
    assert parsed.issue_count == planned == len(parsed.issues)  # one each, and few enough to list them all
    assert {issue.reason for issue in parsed.issues} == {PLANNED_REASON}
    assert [issue.row for issue in parsed.issues] == list(range(2, planned + 2))
    assert "planned session" in parsed.error and "log template" in parsed.error
    assert day_table(parsed.frame, CONTENT.exercise_type_lookup()).empty


def test_the_template_with_some_sessions_filled_in_counts_exactly_those(template):
    _, data = template
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    header = rows[0]
    for row in rows[1:4]:
        row[header.index("minutes")] = "15"
    rows[4][header.index("pain")] = "3"  # a pain rating on a planned row: the row counts
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    parsed = read(buffer.getvalue().encode("utf-8"), date_order="auto", today=MONDAY + dt.timedelta(days=365))
    assert parsed.ok and len(parsed.frame) == 4
    assert parsed.issue_count == len(rows) - 1 - 4
    days = day_table(parsed.frame, CONTENT.exercise_type_lookup())
    assert days["sessions"].sum() == 4 and days["minutes"].sum() == 45
    assert pd.Timestamp(MONDAY) == parsed.frame["date"].min()
