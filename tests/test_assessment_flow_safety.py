"""The flow's safety steps over a plain dict: follow-ups only when they apply, a doctor's check, "ticked by mistake"."""

from __future__ import annotations

import datetime as dt

import pytest

from spinewell.assessment import steps
from spinewell.assessment.steps import CONFIRM, RESULT, REVIEW, SCREEN_STEP
from spinewell.content.load import load
from tests.answer_sets import MODERATE
from tests.assessment_sessions import answered, new_flow, tick_screen

CONTENT = load()
SCREEN = CONTENT.questionnaire.screen
WEDNESDAY = dt.date(2026, 3, 4)


def answer_through(flow, answers: dict) -> list[str]:
    """Answer whatever step the flow shows from `answers`, pressing Next, until the review or a result; the steps."""
    visited = []
    while (step := flow.current_step()) not in (REVIEW, RESULT):
        visited.append(step)
        flow.set_answer(step, answers[step])
        flow.next_step(step)
    return visited


# --- follow-up questions --------------------------------------------------------------------------------------------


def test_leg_follow_ups_are_asked_only_after_leg_pain_below_the_knee():
    without = answer_through(tick_screen(new_flow()), dict(MODERATE))
    assert "leg_sides" not in without and "leg_numbness" not in without
    with_leg = answer_through(tick_screen(new_flow()), {**MODERATE, "leg_pain": "yes", "leg_sides": "one",
                                                       "leg_numbness": "no"})
    assert with_leg[with_leg.index("leg_pain"):with_leg.index("leg_pain") + 4] == ["leg_pain", "leg_sides",
                                                                                   "leg_numbness", "function"]


def test_both_legs_goes_straight_to_the_emergency_result():
    flow = tick_screen(new_flow())
    visited = answer_through(flow, {**MODERATE, "leg_pain": "yes", "leg_sides": "both"})
    assert visited[-1] == "leg_sides" and flow.current_step() == RESULT
    assert flow.result(WEDNESDAY).outcome == "emergency"
    assert steps.CHOSEN_PLAN not in flow.session


def test_surgery_in_the_last_3_months_goes_straight_to_the_surgical_teams_advice():
    flow = tick_screen(new_flow())
    visited = answer_through(flow, {**MODERATE, "conditions": ("recent-surgery",), "surgery_when": "under-3-months"})
    assert visited[-2:] == ["conditions", "surgery_when"]
    assert flow.result(WEDNESDAY).outcome == "surgical_team"


def test_the_inflammatory_questions_follow_a_long_spell_that_began_before_45():
    long_spell = {**MODERATE, "duration": "over-3-months", "pain_began_age": "35-to-44", "inflammatory_signs": ()}
    assert answer_through(tick_screen(new_flow()), long_spell)[-2:] == ["pain_began_age", "inflammatory_signs"]
    after_45 = {**long_spell, "pain_began_age": "45-or-over"}
    assert answer_through(tick_screen(new_flow()), after_45)[-1] == "pain_began_age"
    assert "pain_began_age" not in answer_through(tick_screen(new_flow()), dict(MODERATE))


def test_the_review_lists_follow_ups_only_while_they_apply_and_a_stale_step_moves_on():
    flow = answered({**MODERATE, "leg_pain": "yes", "leg_sides": "one", "leg_numbness": "steady"})
    assert [r.step for r in flow.review_rows()][3:6] == ["leg_pain", "leg_sides", "leg_numbness"]
    flow.set_answer("leg_pain", "no")
    assert "leg_sides" not in [r.step for r in flow.review_rows()]
    flow.go("leg_numbness")  # a step left from before: the next question asked instead
    assert flow.current_step() == "function"
    flow.see_result()
    assert flow.result(WEDNESDAY).level == ""  # the steady numbness answer no longer counts


def test_back_skips_a_follow_up_that_is_not_asked():
    flow = answered()
    flow.go("function")
    flow.previous_step("function")
    assert flow.current_step() == "leg_pain"


# --- a doctor has checked it ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("flags", "offered"), [(("weight-loss",), True), (("steroids",), True),
                                                (("fever-unwell",), False), (("chest-pain",), False),
                                                (("weight-loss", "fever-unwell"), False), ((), False)],
                         ids=["urgent", "routine", "same-day", "emergency", "urgent-and-same-day", "nothing"])
def test_the_doctors_check_is_offered_only_for_urgent_or_routine_items(flags, offered):
    flow = tick_screen(new_flow(), *flags)
    assert flow.safety().offers_doctor_check == offered
    flow.doctor_has_checked()
    assert (steps.CHECKED in flow.session) == offered


def test_a_doctors_check_on_an_urgent_result_goes_on_to_the_questions_and_the_program_carries_it():
    flow = tick_screen(new_flow(), "weight-loss")
    assert flow.current_step() == RESULT
    flow.doctor_has_checked()
    assert flow.current_step() == "duration"
    answer_through(flow, dict(MODERATE))
    flow.see_result()
    recommendation = flow.result(WEDNESDAY)
    assert recommendation.program is not None
    assert recommendation.cautions[0].startswith(SCREEN.doctor_checked.title)
    assert steps.CHOSEN_PLAN in flow.session


def test_an_emergency_result_ignores_a_doctors_check_left_in_the_session():
    flow = new_flow({steps.SCREEN: ("chest-pain",), steps.CHECKED: True, steps.STEP: "duration"})
    assert flow.current_step() == RESULT
    assert flow.result(WEDNESDAY).outcome == "emergency"


def test_changing_the_screen_drops_the_doctors_check():
    flow = tick_screen(new_flow(), "weight-loss")
    flow.doctor_has_checked()
    tick_screen(flow, "weight-loss", "upper-back")
    assert steps.CHECKED not in flow.session and flow.current_step() == RESULT


def test_the_box_on_a_routine_result_makes_the_result_again():
    flow = answered()
    flow.change(SCREEN_STEP)
    tick_screen(flow, "first-back-pain-age")
    flow.see_result()
    assert flow.result(WEDNESDAY).program.id == "gentle-start"
    flow.session[steps.DOCTOR_CHECK_KEY] = True
    flow.doctor_check_changed()
    assert steps.RECOMMENDATION not in flow.session
    checked = flow.result(WEDNESDAY)
    assert checked.program.id == "foundation" and checked.cautions[0].startswith(SCREEN.doctor_checked.title)
    flow.session[steps.DOCTOR_CHECK_KEY] = False
    flow.doctor_check_changed()
    assert flow.result(WEDNESDAY).program.id == "gentle-start"


def test_start_again_forgets_the_doctors_check():
    flow = tick_screen(new_flow(), "weight-loss")
    flow.doctor_has_checked()
    flow.start_again()
    assert steps.CHECKED not in flow.session


# --- "I ticked something by mistake" --------------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["chest-pain", "fever-unwell"], ids=["emergency", "same-day"])
def test_ticked_by_mistake_on_an_emergency_or_same_day_result_asks_once_more(flag):
    flow = tick_screen(new_flow(), flag)
    flow.ticked_by_mistake()
    assert flow.current_step() == CONFIRM
    flow.keep_advice()
    assert flow.current_step() == RESULT
    flow.ticked_by_mistake()
    flow.confirm_mistake()
    assert flow.current_step() == SCREEN_STEP and flow.screen_answer == (flag,)
    tick_screen(flow)
    assert flow.current_step() == "duration"


def test_ticked_by_mistake_on_an_urgent_result_goes_straight_back():
    flow = tick_screen(new_flow(), "lump-shape")
    flow.ticked_by_mistake()
    assert flow.current_step() == SCREEN_STEP


def test_an_answer_by_mistake_goes_back_to_its_question_after_asking_again():
    flow = tick_screen(new_flow())
    answer_through(flow, {**MODERATE, "leg_pain": "yes", "leg_sides": "both"})
    flow.ticked_by_mistake()
    assert flow.current_step() == CONFIRM
    flow.confirm_mistake()
    assert flow.current_step() == "leg_sides"
    flow.set_answer("leg_sides", "one")
    flow.next_step("leg_sides")
    assert flow.current_step() == "leg_numbness"


@pytest.mark.parametrize("flags", [(), ("lump-shape",)], ids=["clear", "urgent"])
def test_the_are_you_sure_step_only_stands_for_an_emergency_or_same_day_result(flags):
    flow = tick_screen(new_flow(), *flags)
    flow.go(CONFIRM)
    assert flow.current_step() == RESULT
