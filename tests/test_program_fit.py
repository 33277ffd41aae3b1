"""A plan that fits the time a person said: no day longer, bouts that never shrink, the full core session as a choice,
the start today, the weeks the reviews decide, and the maintenance plan after the last week."""

from __future__ import annotations

import datetime as dt

import pytest

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.content.programs import PLAN_WEEKS
from spinewell.program.fitting import fit_program
from spinewell.program.plan import Plan, build_plan, dose_levels
from tests.answer_sets import MODERATE, MODERATE_WITH_POOL_AND_BIKE, NO_FLOOR_WITH_BIKE, screened

CONTENT = load()
TAILORING = CONTENT.programs.tailoring
EXERCISES = {exercise.id: exercise for exercise in CONTENT.exercises}
BUDGETS = {budget.answer: budget for budget in TAILORING.budgets}
MONDAY = dt.date(2026, 3, 2)


def fitted_plan(program_id: str, answer: str, weeks: int = 6, **options) -> Plan:
    program, _ = fit_program(CONTENT.programs.program(program_id), EXERCISES, TAILORING, budget=BUDGETS[answer])
    return build_plan(program, MONDAY, weeks, **options)


def day_totals(plan: Plan) -> dict[dt.date, int]:
    return {day: sum(s.minutes for s in plan.sessions_on(day)) for day in sorted({s.date for s in plan.sessions})}


def test_every_minutes_answer_has_a_time_budget_with_minutes():
    question = CONTENT.questionnaire.question(TAILORING.time_question)
    assert {option.id for option in question.options} == set(BUDGETS)
    assert all(BUDGETS[answer].minutes for answer in BUDGETS)


@pytest.mark.parametrize("weeks", PLAN_WEEKS)
@pytest.mark.parametrize("answer", list(BUDGETS))
@pytest.mark.parametrize("program_id", [p.id for p in CONTENT.programs.programs])
def test_no_day_takes_longer_than_the_time_said(program_id, answer, weeks):
    plan = fitted_plan(program_id, answer, weeks)
    totals = day_totals(plan)
    assert len(totals) == 7 * weeks  # every day still holds something
    most = BUDGETS[answer].minutes
    assert max(totals.values()) <= most, {day: minutes for day, minutes in totals.items() if minutes > most}
    assert plan.day_minutes == BUDGETS[answer].minutes


@pytest.mark.parametrize("answer", list(BUDGETS))
@pytest.mark.parametrize("answers", [MODERATE, MODERATE_WITH_POOL_AND_BIKE, NO_FLOOR_WITH_BIKE],
                         ids=["moderate", "pool and bike", "no floor"])
def test_a_recommended_plan_fits_the_time_said_even_after_a_step_back(answers, answer):
    program = recommend(screened({**answers, "minutes": answer}), CONTENT).program
    for decisions in ({}, {1: "repeat", 2: "step_back", 3: "progress"}):
        plan = build_plan(program, MONDAY, 6, decisions=decisions)
        assert max(day_totals(plan).values()) <= BUDGETS[answer].minutes


@pytest.mark.parametrize("answer", list(BUDGETS))
@pytest.mark.parametrize("program_id", [p.id for p in CONTENT.programs.programs])
def test_aerobic_minutes_and_bouts_never_shrink_from_one_week_to_the_next(program_id, answer):
    plan = fitted_plan(program_id, answer)
    aerobic = {s.date: s.main_items[0] for s in plan.sessions if s.type_id == "aerobic"}
    for day, item in aerobic.items():
        before = aerobic.get(day - dt.timedelta(days=7))
        if before is None:
            continue
        assert item.amount >= before.amount
        assert (item.bout or item.amount) >= (before.bout or before.amount), (day, before.dose(), item.dose())


def test_aerobic_minutes_over_a_bout_come_in_bouts_of_that_length_then_what_is_left():
    program = CONTENT.programs.program("gentle-start").model_copy(update={"bout_minutes": 10})
    plan = build_plan(program, MONDAY, 6)
    doses = [s.main_items[0].dose() for s in plan.sessions if s.type_id == "aerobic"][::5]
    assert doses == ["10 minutes", "14 minutes (in 2 bouts: 10, then 4)", "18 minutes (in 2 bouts: 10, then 8)",
                     "22 minutes (in 3 bouts: 10, 10, then 2)", "26 minutes (in 3 bouts: 10, 10, then 6)",
                     "30 minutes (in 3 bouts of about 10)"]


def test_with_little_time_the_core_session_is_cut_unless_the_person_keeps_it_full():
    shorter = fitted_plan("foundation", "about-10")
    full = fitted_plan("foundation", "about-10", full_core=True)
    assert shorter.core_cut and not full.core_cut and full.full_core
    untouched = build_plan(CONTENT.programs.program("foundation").model_copy(
        update={"blocks": fit_program(CONTENT.programs.program("foundation"), EXERCISES, TAILORING,
                                      budget=BUDGETS["about-10"])[0].blocks}), MONDAY, 6)
    core = [s for s in full.sessions if s.type_id == "core"]
    assert [s.items for s in core] == [s.items for s in untouched.sessions if s.type_id == "core"]
    assert max(day_totals(full).values()) > 10  # the full session does not fit: that is the person's choice
    assert all(s.minutes <= 10 for s in shorter.sessions if s.type_id == "core")


def test_a_day_that_fits_is_left_as_it_was():
    plan = fitted_plan("gentle-start", "45-or-more")
    program, _ = fit_program(CONTENT.programs.program("gentle-start"), EXERCISES, TAILORING)  # no time limit
    unlimited = build_plan(program, MONDAY, 6)
    assert not plan.core_cut and max(day_totals(unlimited).values()) == 46  # only week 6's longest day is over
    assert plan.sessions_in_week(5) == unlimited.sessions_in_week(5)


@pytest.mark.parametrize(("decisions", "levels"), [
    ({}, (1, 2, 3, 4, 5, 6)),
    ({1: "progress", 2: "progress"}, (1, 2, 3, 4, 5, 6)),
    ({1: "repeat"}, (1, 1, 2, 3, 4, 5)),
    ({2: "step_back"}, (1, 2, 1, 2, 3, 4)),
    ({1: "step_back", 2: "step_back"}, (1, 1, 1, 2, 3, 4)),  # never below the first level
    ({3: "repeat", 4: "repeat", 5: "step_back"}, (1, 2, 3, 3, 3, 2)),
])
def test_each_week_after_a_review_uses_the_level_its_decision_gives(decisions, levels):
    assert dose_levels(6, decisions) == levels


def test_a_repeated_week_has_the_same_doses_and_a_step_back_the_week_befores():
    plain = build_plan(CONTENT.programs.program("foundation"), MONDAY, 6)
    reviewed = build_plan(CONTENT.programs.program("foundation"), MONDAY, 6, decisions={1: "repeat", 3: "step_back"})
    assert reviewed.levels == (1, 1, 2, 1, 2, 3)
    assert reviewed.dose_in_week("bridge", 2) == plain.dose_in_week("bridge", 1)
    assert reviewed.dose_in_week("bridge", 4) == plain.dose_in_week("bridge", 1)
    assert reviewed.dose_in_week("bridge", 6) == plain.dose_in_week("bridge", 3)
    assert [s.date for s in reviewed.sessions] == [s.date for s in plain.sessions]  # the calendar stays the same


def test_after_the_last_week_comes_the_maintenance_plan_on_the_same_days():
    plan = fitted_plan("foundation", "about-20", weeks=4)
    last_week = plan.days_in_week(4)
    for offset in range(60):
        day = plan.end_date + dt.timedelta(days=1 + offset)
        same_weekday = last_week[(day - plan.start_date).days % 7]
        sessions = plan.sessions_on(day)
        assert sessions, f"nothing on {day}"
        assert all(s.maintenance and s.date == day for s in sessions)
        assert [s.items for s in sessions] == [s.items for s in plan.sessions_on(same_weekday)]
        assert plan.phase(day) == "maintenance" and plan.in_maintenance(day)
    assert plan.phase(plan.end_date) == "plan" and not plan.sessions_on(plan.end_date)[0].maintenance
    assert plan.phase(plan.start_date - dt.timedelta(days=1)) == "before"
    assert plan.current_week(plan.end_date + dt.timedelta(days=30)) == 4


def test_the_maintenance_rule_can_go_a_week_back():
    plan = build_plan(CONTENT.programs.program("foundation"), MONDAY, 6, maintenance_weeks_back=1)
    day = plan.end_date + dt.timedelta(days=1)
    assert [s.items for s in plan.sessions_on(day)] == [s.items for s in plan.sessions_on(plan.days_in_week(5)[0])]
    assert CONTENT.programs.maintenance.weeks_back == 0  # what programs.yaml says
