"""build_plan(): dated weeks that meet the frequency targets and grow gently, and what the program page sums up."""

from __future__ import annotations

import datetime as dt

import pytest

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.content.programs import PLAN_WEEKS
from spinewell.program.plan import (
    Plan,
    WeekTarget,
    build_plan,
    default_start,
    describe_frequency,
    spread_days,
)
from tests.answer_sets import MODERATE_WITH_POOL_AND_BIKE, NO_FLOOR_WITH_BIKE, screened

CONTENT = load()
TRACKED_TYPES = tuple(t.id for t in CONTENT.exercise_types if t.sessions_per_week)  # core, stretching, aerobic
PROGRAMS = CONTENT.programs.programs
PROGRESSION = CONTENT.programs.progression
MONDAY = dt.date(2026, 3, 2)


def plan_for(program_id: str = "foundation", start: dt.date = MONDAY, weeks: int = 6) -> Plan:
    return build_plan(CONTENT.programs.program(program_id), start, weeks)


@pytest.fixture(scope="module")
def fitted_plan() -> Plan:
    """A fitted program with pool and bike access, so the aerobic sessions rotate three activities."""
    return build_plan(recommend(screened(MODERATE_WITH_POOL_AND_BIKE), CONTENT).program, MONDAY, 6)


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
    fitted = CONTENT.programs.program("gentle-start").model_copy(update={"bout_minutes": 10})
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


def test_the_default_start_is_today_whatever_the_weekday():
    for offset in range(7):
        day = MONDAY + dt.timedelta(days=offset)
        assert default_start(day) == day


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


# --- what the program page sums up --------------------------------------------------------------------------------


def test_days_in_a_week_are_the_seven_days_from_that_weeks_start():
    plan = plan_for("foundation", MONDAY + dt.timedelta(days=3), 4)
    assert plan.days_in_week(2) == tuple(MONDAY + dt.timedelta(days=10 + d) for d in range(7))
    assert {s.date for s in plan.sessions_in_week(2)} == set(plan.days_in_week(2))


def test_sessions_a_week_and_how_they_read():
    plan = plan_for("foundation")
    assert [plan.sessions_a_week(t) for t in TRACKED_TYPES] == [3, 7, 5]
    assert [describe_frequency(plan.sessions_a_week(t)) for t in TRACKED_TYPES] == ["3 a week", "Daily", "5 a week"]


@pytest.mark.parametrize("week", [1, 6])
def test_minutes_a_day_are_the_quietest_and_the_busiest_day_of_that_week(week):
    plan = plan_for("foundation")
    by_day = {}
    for session in plan.sessions_in_week(week):
        by_day[session.date] = by_day.get(session.date, 0) + session.minutes
    assert plan.minutes_a_day(week) == (min(by_day.values()), max(by_day.values()))
    assert plan.minutes_a_day(week)[0] < plan.minutes_a_day(week)[1]  # core days are longer than the others


def test_minutes_a_day_grow_from_the_first_week_to_the_last():
    plan = plan_for("foundation")
    assert plan.minutes_a_day(plan.weeks)[1] > plan.minutes_a_day(1)[1]


def test_exercise_doses_list_each_exercise_once_with_its_first_and_last_week():
    plan = build_plan(recommend(screened(NO_FLOOR_WITH_BIKE), CONTENT).program, MONDAY, 6)
    doses = plan.exercise_doses()
    first_week = [item.exercise_id for s in plan.sessions_in_week(1) for item in s.items]
    assert [d.exercise_id for d in doses] == list(dict.fromkeys(first_week))
    walking = next(d for d in doses if d.exercise_id == "walking")
    last_walk = [s for s in plan.sessions_in_week(6) if s.main_items[0].exercise_id == "walking"][0]
    assert walking.first_week != walking.last_week == last_walk.main_items[0].dose()
    assert all(d.name == CONTENT.exercise(d.exercise_id).name for d in doses)


# --- what the exercise library shows from the plan ------------------------------------------------------------


@pytest.mark.parametrize(("offset", "week"), [(-3, 1), (0, 1), (6, 1), (7, 2), (40, 6), (41, 6), (400, 6)])
def test_the_current_week_is_the_plan_week_of_today_clamped_to_the_plan(offset, week):
    assert plan_for("foundation").current_week(MONDAY + dt.timedelta(days=offset)) == week


def test_the_dose_in_a_week_is_what_that_weeks_sessions_ask():
    plan = plan_for("foundation")
    assert [plan.dose_in_week("bird-dog", week) for week in (1, 2, 5, 6)] == [
        "6 reps each side", "7 reps each side", "10 reps each side", "10 reps each side"]
    assert plan.dose_in_week("seated-cat-cow", 1) is None  # not in this plan


def test_a_program_without_stop_rules_makes_no_plan():
    starter = CONTENT.programs.program("foundation").model_copy(update={"stop_rules": None})
    with pytest.raises(ValueError, match="no stop rules"):
        build_plan(starter, MONDAY)
