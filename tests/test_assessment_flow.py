"""The assessment's steps over a plain dict: nothing gets past the screen; the prompts; Back, Next and Change."""

from __future__ import annotations

import datetime as dt

import pytest

from spinewell.assessment import steps
from spinewell.assessment.recommend import IncompleteAnswers
from spinewell.assessment.steps import REVIEW, SCREEN_STEP
from spinewell.content.load import load
from tests.answer_sets import MODERATE, MODERATE_WITH_POOL, SCREEN_ID
from tests.assessment_sessions import answered, new_flow, page_switch, tick_screen

CONTENT = load()
QUESTIONNAIRE = CONTENT.questionnaire
QUESTION_IDS = [q.id for q in QUESTIONNAIRE.questions]
ALWAYS_ASKED = [q.id for q in QUESTIONNAIRE.questions if not q.asked_when]
BLOCKING_FLAGS = [f.id for f in QUESTIONNAIRE.screen.flags if f.level in ("emergency", "same_day", "urgent")]
WEDNESDAY = dt.date(2026, 3, 4)


# --- nothing gets past the safety screen ------------------------------------------------------------------------


def test_a_new_session_starts_on_the_screen():
    flow = new_flow()
    assert flow.current_step() == SCREEN_STEP
    assert flow.session[steps.STEP] == SCREEN_STEP


@pytest.mark.parametrize("stale", ["duration", "conditions", REVIEW, steps.RESULT, "no-such-step", None])
def test_a_stored_step_cannot_skip_an_unanswered_screen(stale):
    flow = new_flow({steps.STEP: stale, steps.ANSWERS: dict(MODERATE)})
    assert flow.current_step() == SCREEN_STEP
    assert flow.session[steps.STEP] == SCREEN_STEP  # stored back, so the stale step does not return


@pytest.mark.parametrize("screen", [("not-a-flag",), "chest-pain", 7, ["chest-pain", None]], ids=repr)
def test_a_screen_answer_that_is_not_one_counts_as_unanswered(screen):
    flow = new_flow({steps.SCREEN: screen, steps.STEP: steps.RESULT, steps.ANSWERS: dict(MODERATE)})
    assert flow.current_step() == SCREEN_STEP


def test_answers_without_a_screen_give_no_result_and_send_to_the_screen():
    flow = new_flow({steps.ANSWERS: dict(MODERATE), steps.STEP: REVIEW})
    with pytest.raises(IncompleteAnswers) as caught:
        flow.result(WEDNESDAY)
    assert caught.value.missing == (SCREEN_ID,)
    flow.see_result()
    assert flow.current_step() == SCREEN_STEP
    assert "None of these apply to me" in flow.prompt(SCREEN_STEP)
    assert steps.RECOMMENDATION not in flow.session and steps.CHOSEN_PLAN not in flow.session


def test_an_unknown_step_after_the_screen_falls_back_to_the_screen():
    flow = tick_screen(new_flow())
    flow.go("no-such-step")
    assert flow.current_step() == SCREEN_STEP


@pytest.mark.parametrize("flag", BLOCKING_FLAGS)
def test_a_red_flag_goes_to_the_referral_and_stays_there_after_a_page_switch(flag):
    flow = tick_screen(new_flow(), flag)
    assert flow.current_step() == steps.RESULT
    assert flow.result(WEDNESDAY).is_referral
    for stale in ("duration", REVIEW, "conditions"):
        flow = page_switch(flow)
        flow.go(stale)
        assert flow.current_step() == steps.RESULT
    assert steps.CHOSEN_PLAN not in flow.session and flow.current_program() is None


def test_a_red_flag_can_only_be_taken_back_on_the_screen():
    flow = tick_screen(new_flow(), "weight-loss")
    flow.ticked_by_mistake()  # urgent: straight back to the screen
    assert flow.current_step() == SCREEN_STEP
    assert flow.screen_answer == ("weight-loss",)  # the screen still shows what was ticked
    tick_screen(flow)
    assert flow.current_step() == QUESTION_IDS[0]


def test_a_red_flag_after_a_program_drops_the_program_and_its_plan():
    flow = answered()
    flow.see_result()
    assert not flow.result(WEDNESDAY).is_referral and steps.CHOSEN_PLAN in flow.session
    flow.change(SCREEN_STEP)
    tick_screen(flow, "fever-unwell")
    assert steps.RECOMMENDATION not in flow.session and steps.CHOSEN_PLAN not in flow.session
    assert flow.current_step() == steps.RESULT
    assert flow.result(WEDNESDAY).outcome == "same_day"
    assert steps.CHOSEN_PLAN not in flow.session


def test_a_referral_drops_a_plan_left_over_in_the_session():
    flow = new_flow({steps.SCREEN: ("chest-pain",), steps.CHOSEN_PLAN: "left over", steps.STEP: steps.RESULT})
    assert flow.result(WEDNESDAY).outcome == "emergency"
    assert steps.CHOSEN_PLAN not in flow.session


# --- the screen's prompts ---------------------------------------------------------------------------------------


def test_continue_with_nothing_ticked_asks_again_on_the_screen():
    flow = tick_screen(new_flow(), none=False)
    assert flow.current_step() == SCREEN_STEP
    assert flow.prompt(SCREEN_STEP) == "Please tick what applies to you, or tick “None of these apply to me”."
    assert steps.SCREEN not in flow.session


def test_a_warning_sign_and_none_of_these_together_ask_which():
    flow = tick_screen(new_flow(), "chest-pain", none=True)
    assert flow.current_step() == SCREEN_STEP
    assert "Please untick one." in flow.prompt(SCREEN_STEP)
    assert steps.SCREEN not in flow.session


def test_a_prompt_shows_only_on_its_own_step_and_goes_once_the_person_moves_on():
    flow = tick_screen(new_flow(), none=False)
    assert flow.prompt(QUESTION_IDS[0]) is None and flow.prompt(REVIEW) is None
    tick_screen(flow)
    assert flow.prompt(SCREEN_STEP) is None


# --- the questions: Next, Back and their prompts ----------------------------------------------------------------


def test_next_without_an_answer_stays_and_prompts():
    flow = tick_screen(new_flow())
    flow.next_step("duration")
    assert flow.current_step() == "duration"
    assert flow.prompt("duration") == "Please choose an answer to go on."
    flow.set_answer("duration", "6-to-12-weeks")
    flow.next_step("duration")
    assert flow.current_step() == "pain_now" and flow.prompt("pain_now") is None


@pytest.mark.parametrize(("question_id", "widgets", "after"), [
    ("duration", {steps.question_key("duration"): "6-to-12-weeks"}, "pain_now"),
    ("pain_now", {steps.question_key("pain_now"): 4}, "leg_pain"),
    ("access", {steps.option_key("access", "pool"): True, steps.none_key("access"): False}, "minutes"),
], ids=["choice", "scale", "multi"])
def test_next_counts_a_tap_whose_callback_has_not_run_yet(question_id, widgets, after):
    """A tap and a quick Next can reach the server in one rerun, Next's callback first: the tap still counts."""
    flow = tick_screen(new_flow())
    flow.go(question_id)
    flow.session.update(widgets)  # the widget holds the tap; its on_change has not copied it into the answers
    flow.next_step(question_id)
    assert flow.current_step() == after and flow.prompt(question_id) is None
    assert flow.answer(question_id) == {"duration": "6-to-12-weeks", "pain_now": 4, "access": ("pool",)}[question_id]


def test_next_with_the_widget_cleared_still_prompts():
    flow = tick_screen(new_flow())
    flow.set_answer("duration", "6-to-12-weeks")
    flow.go("duration")
    flow.session[steps.question_key("duration")] = None  # the person cleared it just before Next
    flow.next_step("duration")
    assert flow.current_step() == "duration" and flow.prompt("duration") == "Please choose an answer to go on."


@pytest.mark.parametrize("value", [None, ("pool",), ()], ids=["unanswered", "an-option", "none-of-these"])
def test_a_multi_question_prompts_for_an_option_or_none_of_these(value):
    flow = tick_screen(new_flow())
    flow.set_answer("access", value)
    flow.go("access")
    flow.next_step("access")
    if value is None:
        assert flow.current_step() == "access"
        assert flow.prompt("access") == "Please tick the ones that apply, or “Neither of these” (not both)."
    else:
        assert flow.current_step() == "minutes"


@pytest.mark.parametrize("value", [11, "7", True, -1])
def test_next_with_an_answer_out_of_range_stays_and_prompts(value):
    flow = tick_screen(new_flow())
    flow.set_answer("pain_now", value)
    flow.go("pain_now")
    flow.next_step("pain_now")
    assert flow.current_step() == "pain_now" and flow.prompt("pain_now")


def test_next_walks_the_questions_in_order_then_reaches_the_review():
    flow = tick_screen(new_flow())
    visited = []
    for question_id, value in MODERATE.items():
        visited.append(flow.current_step())
        flow.set_answer(question_id, value)
        flow.next_step(question_id)
    assert visited == ALWAYS_ASKED  # no follow-up applies to these answers
    assert flow.current_step() == REVIEW


def test_back_goes_to_the_question_before_and_from_the_first_to_the_screen():
    flow = answered()
    flow.go("worry")
    flow.previous_step("worry")
    assert flow.current_step() == "function"
    flow.previous_step(QUESTION_IDS[0])
    assert flow.current_step() == SCREEN_STEP
    assert flow.screen_answer == ()  # the screen keeps its answer


def test_answers_survive_a_page_switch_in_the_middle():
    flow = tick_screen(new_flow())
    for question_id in ("duration", "pain_now", "leg_pain"):
        flow.set_answer(question_id, MODERATE[question_id])
        flow.next_step(question_id)
    flow = page_switch(flow)
    assert flow.current_step() == "function"
    assert [flow.answer(q) for q in ("duration", "pain_now", "leg_pain")] == [MODERATE[q] for q in
                                                                           ("duration", "pain_now", "leg_pain")]


# --- widgets to answers -----------------------------------------------------------------------------------------


def test_a_choice_or_scale_widget_becomes_the_answer():
    flow = tick_screen(new_flow())
    flow.session[steps.question_key("pain_now")] = 7
    flow.widget_changed("pain_now")
    flow.session[steps.question_key("worry")] = "a-little"
    flow.widget_changed("worry")
    assert (flow.answer("pain_now"), flow.answer("worry")) == (7, "a-little")


@pytest.mark.parametrize(
    ("ticked", "none", "expected"),
    [({"pool"}, False, ("pool",)), ({"pool", "bike"}, False, ("pool", "bike")), (set(), True, ()),
     (set(), False, None), ({"bike"}, True, None)],
    ids=["one", "both-options", "none-of-these", "nothing", "an-option-and-none"],
)
def test_a_multi_questions_boxes_become_the_answer(ticked, none, expected):
    flow = tick_screen(new_flow())
    for option in QUESTIONNAIRE.question("access").options:
        flow.session[steps.option_key("access", option.id)] = option.id in ticked
    flow.session[steps.none_key("access")] = none
    flow.widget_changed("access")
    assert flow.answer("access") == expected


def test_changing_an_answer_drops_the_result_and_the_same_answer_keeps_it():
    flow = answered()
    flow.see_result()
    flow.result(WEDNESDAY)
    flow.set_answer("pain_now", MODERATE_WITH_POOL["pain_now"])
    assert steps.RECOMMENDATION in flow.session and steps.CHOSEN_PLAN in flow.session
    flow.set_answer("pain_now", 8)
    assert steps.RECOMMENDATION not in flow.session and steps.CHOSEN_PLAN not in flow.session


# --- the review: Change and See my result -----------------------------------------------------------------------


def test_the_review_lists_the_screen_and_every_answer_in_words():
    flow = answered()
    rows = flow.review_rows()
    assert [row.step for row in rows] == [SCREEN_STEP, *ALWAYS_ASKED]
    by_step = {row.step: row for row in rows}
    assert (by_step[SCREEN_STEP].label, by_step[SCREEN_STEP].answer) == ("Safety check", "None of these apply to me")
    assert (by_step["pain_now"].label, by_step["pain_now"].answer) == ("Pain now", "5 out of 10")
    assert by_step["access"].answer == "A swimming pool"
    flow.set_answer("mood", None)
    assert {row.step: row.answer for row in flow.review_rows()}["mood"] == "Not answered yet"


def test_change_opens_one_question_and_next_returns_to_the_review():
    flow = answered()
    flow.change("pain_now")
    assert flow.current_step() == "pain_now" and flow.from_review
    flow.set_answer("pain_now", 8)
    flow.next_step("pain_now")
    assert flow.current_step() == REVIEW


def test_change_on_the_screen_with_none_of_these_returns_to_the_review():
    flow = answered()
    flow.change(SCREEN_STEP)
    assert flow.current_step() == SCREEN_STEP
    tick_screen(flow)
    assert flow.current_step() == REVIEW


def test_see_my_result_with_every_answer_goes_to_the_result():
    flow = answered()
    flow.see_result()
    assert flow.current_step() == steps.RESULT


def test_see_my_result_with_an_answer_missing_goes_to_it_with_a_prompt():
    flow = answered({k: v for k, v in MODERATE_WITH_POOL.items() if k not in ("mood", "floor")})
    flow.see_result()
    assert flow.current_step() == "mood" and flow.from_review
    assert flow.prompt("mood") == "Please choose an answer to go on."
    flow.set_answer("mood", "up-and-down")
    flow.next_step("mood")
    assert flow.current_step() == REVIEW
