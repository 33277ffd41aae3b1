"""build_plan(): dated weeks that meet the frequency targets and grow gently; the downloads parse back."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace

import icalendar
import pandas as pd
import pytest

from spinewell import assessment
from spinewell.content import PLAN_WEEKS, load
from spinewell.log.checks import PLANNED_REASON
from spinewell.log.entry import COLUMNS as LOG_COLUMNS
from spinewell.log.read import read
from spinewell.program import exports
from spinewell.program.plan import TRACKED_TYPES, Plan, WeekTarget, build_plan, default_start, spread_days
from spinewell.spreadsheet import neutralise

CONTENT = load()
PROGRAMS = CONTENT.programs.programs
PROGRESSION = CONTENT.programs.progression
MONDAY = dt.date(2026, 3, 2)


def plan_for(program_id: str = "foundation", start: dt.date = MONDAY, weeks: int = 6) -> Plan:
    return build_plan(CONTENT.programs.program(program_id), start, weeks)


@pytest.fixture(scope="module")
def fitted_plan() -> Plan:
    """A fitted program with pool and bike access, so the aerobic sessions rotate three activities."""
    answers = {
        "red_flags": (), "duration": "2-to-6-weeks", "pain_now": 5, "leg_pain": "no", "function": "a-little",
        "worry": "a-little", "mood": "some-days", "bothersome": "somewhat", "activity": "light", "floor": "easily",
        "access": ("pool", "bike"), "minutes": "45-or-more", "conditions": (),
    }
    recommendation = assessment.recommend(answers, CONTENT)
    return build_plan(recommendation.program, MONDAY, 6)


# --- the schedule -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("weeks", PLAN_WEEKS)
@pytest.mark.parametrize("starter", PROGRAMS, ids=lambda p: p.id)
def test_each_week_meets_the_articles_frequencies(starter, weeks):
    plan = build_plan(starter, MONDAY, weeks)
    assert plan.end_date == MONDAY + dt.timedelta(days=7 * weeks - 1)
    for week in range(1, weeks + 1):
        sessions = plan.sessions_in_week(week)
        core = [s for s in sessions if s.type_id == "core"]
        assert 3 <= len(core) <= 4
        assert len({s.date for s in sessions if s.type_id == "stretching"}) == 7  # daily
        assert len([s for s in sessions if s.type_id == "aerobic"]) == 5
        assert len({s.date for s in core}) == len(core)  # never two core sessions on one day
    assert all(plan.start_date <= s.date <= plan.end_date for s in plan.sessions)


def test_aerobic_sessions_build_to_thirty_minutes_and_core_days_have_warm_up_and_cool_down():
    for starter in PROGRAMS:
        plan = build_plan(starter, MONDAY, 6)
        minutes = [s.main_items[0].amount for s in plan.sessions if s.type_id == "aerobic"]
        assert minutes[0] < 30 and minutes[-1] == 30
        for session in (s for s in plan.sessions if s.type_id == "core"):
            assert session.items[0].exercise_id == "warm-up" and session.items[-1].exercise_id == "cool-down"


def test_core_and_aerobic_share_as_few_days_as_possible():
    plan = plan_for("foundation")
    week = plan.sessions_in_week(1)
    core_days = {s.date for s in week if s.type_id == "core"}
    aerobic_days = {s.date for s in week if s.type_id == "aerobic"}
    assert len(core_days & aerobic_days) == len(core_days) + len(aerobic_days) - 7


@pytest.mark.parametrize("starter", PROGRAMS, ids=lambda p: p.id)
def test_no_dose_ever_jumps_from_one_week_to_the_next(starter):
    plan = build_plan(starter, MONDAY, 6)
    by_exercise: dict[str, dict[int, float]] = {}
    for session in plan.sessions:
        for item in session.items:
            by_exercise.setdefault(item.exercise_id, {})[session.week] = item.amount * item.sets
    for exercise_id, weekly in by_exercise.items():
        unit = CONTENT.exercise(exercise_id).dose.unit
        amounts = [weekly[week] for week in sorted(weekly)]
        for before, after in zip(amounts, amounts[1:], strict=False):
            assert after >= before, exercise_id
            sets = next(i.sets for s in plan.sessions for i in s.items if i.exercise_id == exercise_id)
            # per set: at most 20% of the current amount, or one small step (e.g. 2 reps), never more
            assert (after - before) / sets <= PROGRESSION.largest_step(unit, before / sets) + 1e-9, exercise_id
            assert (after - before) / sets <= max(0.2 * before / sets, dict(PROGRESSION.small_steps)[unit])


def test_aerobic_activities_take_turns_when_there_is_a_pool_and_a_bike(fitted_plan):
    first_week = [s.main_items[0].exercise_id for s in fitted_plan.sessions_in_week(1) if s.type_id == "aerobic"]
    assert first_week == ["walking", "swimming", "cycling", "walking", "swimming"]


def test_time_budget_splits_aerobic_minutes_into_bouts():
    fitted = replace(CONTENT.programs.program("gentle-start"), bout_minutes=10)
    plan = build_plan(fitted, MONDAY, 6)
    last = [s for s in plan.sessions if s.type_id == "aerobic"][-1].main_items[0]
    assert (last.amount, last.bouts) == (30, 3)
    assert last.dose() == "30 minutes (in 3 bouts of about 10)"


@pytest.mark.parametrize("weeks", [0, 3, 7, 12])
def test_a_plan_lasts_four_to_six_weeks(weeks):
    with pytest.raises(ValueError, match="4 to 6 weeks"):
        plan_for(weeks=weeks)


def test_the_default_length_is_the_programs_own():
    starter = CONTENT.programs.program("gentle-start")
    assert build_plan(starter, MONDAY).weeks == starter.weeks


def test_the_default_start_is_the_next_monday():
    assert default_start(MONDAY) == MONDAY
    assert default_start(MONDAY + dt.timedelta(days=1)) == MONDAY + dt.timedelta(days=7)
    assert default_start(MONDAY - dt.timedelta(days=1)) == MONDAY


def test_spread_days():
    assert spread_days(3) == (0, 2, 4)
    assert spread_days(4) == (0, 1, 3, 5)
    assert spread_days(7) == tuple(range(7))


# --- the weekly targets the Log page reads --------------------------------------------------------------------


def test_weekly_targets_follow_iso_weeks_from_a_monday_start():
    plan = plan_for("foundation", MONDAY, 4)
    assert [t.week_start for t in plan.weekly_targets][::3] == [MONDAY + dt.timedelta(weeks=w) for w in range(4)]
    for target in plan.weekly_targets:
        assert isinstance(target, WeekTarget)
        assert target.week_start.weekday() == 0
        expected = {"core": 3, "stretching": 7, "aerobic": 5}[target.type_id]
        assert target.sessions == expected
        if target.type_id != "aerobic":
            assert target.minutes == 0  # minutes are tracked for aerobic exercise only
    aerobic = [t.minutes for t in plan.weekly_targets if t.type_id == "aerobic"]
    assert aerobic == [75, 90, 105, 120]  # 5 sessions of 15, 18, 21 and 24 minutes


def test_weekly_targets_count_partial_weeks_when_the_plan_starts_midweek():
    thursday = MONDAY + dt.timedelta(days=3)
    plan = plan_for("foundation", thursday, 4)
    mondays = sorted({t.week_start for t in plan.weekly_targets})
    assert mondays[0] == MONDAY and len(mondays) == 5
    first = {t.type_id: t.sessions for t in plan.weekly_targets if t.week_start == MONDAY}
    assert first["stretching"] == 4  # Thursday to Sunday
    for type_id in TRACKED_TYPES:
        total = sum(t.sessions for t in plan.weekly_targets if t.type_id == type_id)
        assert total == sum(s.type_id == type_id for s in plan.sessions)


# --- downloads ----------------------------------------------------------------------------------------------------


def test_plan_csv_reads_back_one_row_per_exercise_per_session(fitted_plan):
    frame = pd.read_csv(io.BytesIO(exports.plan_csv(fitted_plan)))
    assert list(frame.columns) == ["Week", "Date", "Day", "Session", "Exercise", "Dose", "About (min)"]
    assert len(frame) == sum(len(s.items) for s in fitted_plan.sessions)
    assert frame["Date"].iloc[0] == MONDAY.isoformat()
    assert set(frame["Exercise"]) >= {"Plank", "Walking", "Swimming", "Cycling"}
    assert "3 x 20 seconds" in set(frame["Dose"])  # plain ASCII in the spreadsheet


def test_csv_cells_that_look_like_formulas_are_neutralised(fitted_plan):
    session = fitted_plan.sessions[0]
    hostile = replace(session.items[0], name="=HYPERLINK(\"http://x\",\"y\")")
    plan = replace(fitted_plan, sessions=(replace(session, items=(hostile,)),))
    rows = list(csv.reader(io.StringIO(exports.plan_csv(plan).decode("utf-8"))))
    assert rows[1][4] == "'=HYPERLINK(\"http://x\",\"y\")"
    template = list(csv.reader(io.StringIO(exports.log_template_csv(plan).decode("utf-8"))))
    assert template[1][3].startswith("'=")
    for risky in ("+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(risky) == "'" + risky
    assert neutralise("Plank") == "Plank"


def test_ics_has_one_event_per_session_with_valid_all_day_dtstart(fitted_plan):
    stamp = dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.UTC)
    data = exports.plan_ics(fitted_plan, now=stamp)
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(fitted_plan.sessions)
    uids = set()
    for event, session in zip(events, fitted_plan.sessions, strict=True):
        start = event.decoded("dtstart")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
        assert start == session.date
        assert event.decoded("dtend") == session.date + dt.timedelta(days=1)
        assert event.decoded("dtstamp") == stamp
        assert session.title in str(event["summary"])
        uids.add(str(event["uid"]))
    assert len(uids) == len(events)
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]


def test_ics_lines_are_folded_and_end_with_crlf(fitted_plan):
    data = exports.plan_ics(fitted_plan)
    lines = data.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR"
    assert all(len(line) <= 75 for line in lines)


def test_printable_page_is_self_contained_escaped_and_has_print_styles(fitted_plan):
    session = fitted_plan.sessions[0]
    hostile = replace(session.items[0], name="<script>alert(1)</script>")
    plan = replace(fitted_plan, sessions=(replace(session, items=(hostile,)), *fitted_plan.sessions[1:]))
    page = exports.plan_html(plan, headline_notes=["Because you said <b>x</b>: y."], cautions=["Ask first."]).decode()
    assert "@media print" in page
    assert "<script" not in page and "&lt;script&gt;" in page and "&lt;b&gt;" in page
    for outside in ("http://", "https://", "<link", "@import", "src="):
        assert outside not in page
    assert page.count("&#9744;") == len(plan.sessions)  # a box to tick per session
    assert "Ask first." in page and "Week 6" in page


def test_log_template_has_the_log_columns_and_the_planned_exercises(fitted_plan):
    frame = pd.read_csv(io.BytesIO(exports.log_template_csv(fitted_plan)), dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == LOG_COLUMNS
    assert len(frame) == sum(len(s.items) for s in fitted_plan.sessions)
    assert (frame["pain"] == "").all() and (frame["minutes"] == "").all()
    assert frame["date"].iloc[0] == MONDAY.isoformat()
    assert set(frame["exercise"]) == {item.name for s in fitted_plan.sessions for item in s.items}
    assert frame["notes"].str.startswith("planned: ").all()


def test_log_template_untouched_counts_nothing_and_a_filled_in_row_counts(fitted_plan):
    template = exports.log_template_csv(fitted_plan)
    rows = list(csv.reader(io.StringIO(template.decode("utf-8"))))
    after_the_plan = MONDAY + dt.timedelta(days=365)

    untouched = read(template, date_order="auto", today=after_the_plan)
    assert untouched.frame.empty
    assert untouched.issue_count == len(rows) - 1
    assert {issue.reason for issue in untouched.issues} == {PLANNED_REASON}

    rows[1][rows[0].index("minutes")] = "12"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    filled = read(buffer.getvalue().encode("utf-8"), date_order="auto", today=after_the_plan)
    assert filled.error is None
    assert len(filled.frame) == 1
    assert filled.frame["date"].iloc[0] == pd.Timestamp(MONDAY)
    assert filled.frame["minutes"].iloc[0] == 12
