"""The assessment flow's result over a plain dict: made once from the answers, its plan, Start again, the progress."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from spinewell.assessment import steps
from spinewell.assessment.recommend import IncompleteAnswers, recommend
from spinewell.assessment.steps import REVIEW, SCREEN_STEP
from spinewell.content.load import load
from tests.answer_sets import MODERATE, MODERATE_WITH_POOL, screened
from tests.assessment_sessions import answered, new_flow

CONTENT = load()
WEDNESDAY = dt.date(2026, 3, 4)


def test_a_result_step_with_answers_missing_names_the_first_and_change_goes_there():
    flow = new_flow({steps.SCREEN: (), steps.ANSWERS: {k: v for k, v in MODERATE.items() if k != "mood"},
                     steps.STEP: steps.RESULT})
    assert flow.current_step() == steps.RESULT
    with pytest.raises(IncompleteAnswers) as caught:
        flow.result(WEDNESDAY)
    assert steps.RECOMMENDATION not in flow.session
    flow.change(caught.value.missing[0])
    assert flow.current_step() == "mood"


# --- the result and its plan ------------------------------------------------------------------------------------


def test_the_result_is_the_pure_functions_answer_kept_once_with_a_plan_from_today():
    flow = answered()
    flow.see_result()
    recommendation = flow.result(WEDNESDAY)
    assert recommendation == recommend(screened(MODERATE_WITH_POOL), CONTENT)
    assert flow.result(WEDNESDAY) is recommendation  # made once, reused on every rerun
    plan = flow.session[steps.CHOSEN_PLAN]
    assert (plan.program_id, plan.start_date, plan.weeks) == ("foundation", WEDNESDAY, recommendation.program.weeks)
    assert flow.current_program() is recommendation


def test_the_plan_follows_the_chosen_start_and_length():
    flow = answered()
    flow.see_result()
    program = flow.result(WEDNESDAY).program
    flow.session[steps.PLAN_START], flow.session[steps.PLAN_LENGTH] = dt.date(2026, 3, 5), 4
    assert flow.plan_settings(program, WEDNESDAY) == (dt.date(2026, 3, 5), 4)
    plan = flow.keep_plan(program, WEDNESDAY)
    assert (plan.start_date, plan.weeks) == (dt.date(2026, 3, 5), 4) and flow.session[steps.CHOSEN_PLAN] == plan
    flow.session[steps.PLAN_LENGTH] = 9  # not a plan length: the program's own instead of an error
    assert flow.plan_settings(program, WEDNESDAY) == (dt.date(2026, 3, 5), program.weeks)


def test_a_recommendation_from_other_answers_is_stale_and_dropped():
    flow = answered()
    flow.see_result()
    flow.result(WEDNESDAY)
    flow.session[steps.ANSWERS] = {**flow.session[steps.ANSWERS], "pain_now": 9}  # changed behind the flow's back
    assert flow.current_recommendation() is None
    assert steps.RECOMMENDATION not in flow.session and steps.CHOSEN_PLAN not in flow.session
    assert flow.result(WEDNESDAY).program.id == "gentle-start"


def test_start_again_clears_every_answer_the_result_and_the_plan_settings():
    flow = answered()
    flow.change("pain_now")
    flow.see_result()
    flow.result(WEDNESDAY)
    flow.session[steps.PLAN_START], flow.session[steps.PLAN_LENGTH] = dt.date(2026, 3, 5), 4
    flow.start_again()
    assert flow.current_step() == SCREEN_STEP
    assert flow.session[steps.ANSWERS] == {}
    for key in (steps.SCREEN, steps.RECOMMENDATION, steps.CHOSEN_PLAN, steps.PLAN_START, steps.PLAN_LENGTH,
                steps.FROM_REVIEW, steps.PROMPT):
        assert key not in flow.session, key


# --- what the page draws beside the step ------------------------------------------------------------------------


def test_progress_runs_from_the_screen_through_each_question_asked_to_the_review():
    flow = new_flow()
    asked = [q.id for q in CONTENT.questionnaire.questions if not q.asked_when]  # no answers: no follow-ups
    assert (flow.progress(SCREEN_STEP).fraction, flow.progress(SCREEN_STEP).text) == (0.0, "Safety check")
    assert flow.progress(asked[0]).text == f"Question 1 of {len(asked)}"
    assert flow.progress(asked[-1]).text == f"Question {len(asked)} of {len(asked)}"
    fractions = [flow.progress(q).fraction for q in asked]
    assert fractions == sorted(fractions) and fractions[0] > 0 and fractions[-1] < 1
    assert (flow.progress(REVIEW).fraction, flow.progress(REVIEW).text) == (1.0, "Check your answers")


def test_the_flow_runs_without_streamlit():
    code = "import sys, spinewell.assessment.flow; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
