"""A profile loaded after a content edit: only the answers the edit made unusable are dropped, and asked again."""

from __future__ import annotations

import datetime as dt

from spinewell.assessment import steps
from spinewell.assessment.flow import AssessmentFlow
from spinewell.content.load import load
from spinewell.storage import keys
from spinewell.storage.restore import QUESTIONS_CHANGED, restore
from tests.answer_sets import MODERATE, MODERATE_WITH_POOL
from tests.content_edits import edit_yaml

CONTENT = load()
TODAY = dt.date(2026, 12, 1)
FINISHED = {steps.SCREEN: (), steps.ANSWERS: dict(MODERATE_WITH_POOL), steps.STEP: steps.RESULT}


def without_option(question_id: str, option_id: str):
    def change(data: dict) -> None:
        question = next(q for q in data["questions"] if q["id"] == question_id)
        question["options"] = [o for o in question["options"] if o["id"] != option_id]
    return change


def without_expectation(content_dir):
    """content_dir's content without the 'expectation' question (and the score and support lines naming it)."""
    def from_questionnaire(data: dict) -> None:
        data["questions"] = [q for q in data["questions"] if q["id"] != "expectation"]
        for score in data["scores"]:
            score["questions"] = [q for q in score["questions"] if q != "expectation"]

    def from_programs(data: dict) -> None:
        for support in data["support"]:
            support["said"] = [q for q in support.get("said", []) if q != "expectation"]

    edit_yaml(content_dir, "questionnaire", from_questionnaire)
    edit_yaml(content_dir, "programs", from_programs)
    return load(content_dir)


def test_unchanged_content_keeps_every_answer_and_makes_the_result_and_plan_again():
    restored = restore(FINISHED, CONTENT, TODAY)
    assert restored.dropped == () and restored.notice is None
    assert restored.session[steps.ANSWERS] == dict(MODERATE_WITH_POOL)
    assert restored.session[steps.RECOMMENDATION].program.id == "foundation"
    assert restored.session[steps.CHOSEN_PLAN].start_date == TODAY  # plans start today


def test_an_answer_whose_option_is_gone_is_the_only_one_dropped(content_copy):
    edit_yaml(content_copy, "questionnaire", without_option("mood", "up-and-down"))
    edited = load(content_copy)
    restored = restore(FINISHED, edited, TODAY)

    assert restored.dropped == ("mood",) and restored.notice == QUESTIONS_CHANGED
    assert restored.session[steps.ANSWERS] == {k: v for k, v in MODERATE_WITH_POOL.items() if k != "mood"}
    flow = AssessmentFlow(restored.session, edited)
    assert flow.current_step() == "mood" and flow.from_review  # asked again; Next goes back to the review
    assert steps.RECOMMENDATION not in restored.session


def test_answering_the_dropped_question_again_gives_a_result_without_asking_the_rest(content_copy):
    edit_yaml(content_copy, "questionnaire", without_option("mood", "up-and-down"))
    edited = load(content_copy)
    flow = AssessmentFlow(restore(FINISHED, edited, TODAY).session, edited)
    flow.set_answer("mood", "good")
    flow.next_step("mood")
    assert flow.current_step() == steps.REVIEW
    flow.see_result()
    assert flow.current_step() == steps.RESULT and flow.result(TODAY).program.id == "foundation"


def test_an_answer_to_a_question_that_is_gone_is_dropped_and_nothing_is_asked_again(content_copy):
    edited = without_expectation(content_copy)
    restored = restore(FINISHED, edited, TODAY)
    assert restored.dropped == ("expectation",) and restored.notice == QUESTIONS_CHANGED
    assert "expectation" not in restored.session[steps.ANSWERS]
    assert len(restored.session[steps.ANSWERS]) == len(MODERATE_WITH_POOL) - 1
    assert AssessmentFlow(restored.session, edited).current_step() == steps.RESULT  # nothing is missing
    assert restored.session[steps.RECOMMENDATION].program.id == "foundation"


def test_a_person_on_the_question_that_is_gone_goes_on_from_the_next_one(content_copy):
    edited = without_expectation(content_copy)
    halfway = {steps.SCREEN: (), steps.STEP: "expectation",
               steps.ANSWERS: {k: MODERATE[k] for k in list(MODERATE)[:list(MODERATE).index("activity")]}}
    flow = AssessmentFlow(restore(halfway, edited, TODAY).session, edited)
    assert flow.current_step() == "activity" and not flow.from_review


def test_a_safety_check_naming_a_warning_sign_that_is_gone_is_asked_again(content_copy):
    session = {**FINISHED, steps.SCREEN: ("no-such-sign",), steps.CHECKED: True}
    restored = restore(session, CONTENT, TODAY)
    assert restored.dropped == (CONTENT.questionnaire.screen.id,)
    assert steps.SCREEN not in restored.session and steps.CHECKED not in restored.session
    assert restored.session[steps.ANSWERS] == dict(MODERATE_WITH_POOL)
    assert AssessmentFlow(restored.session, CONTENT).current_step() == steps.SCREEN_STEP


def test_a_program_that_is_gone_drops_no_answer_and_the_result_is_made_again(content_copy):
    def without_build_up(data: dict) -> None:
        data["programs"] = [p for p in data["programs"] if p["id"] != "build-up"]
        data["selection"] = [s for s in data["selection"] if s["program"] != "build-up"]

    active = {**MODERATE, "pain_now": 2, "activity": "moderate"}
    session = {steps.SCREEN: (), steps.ANSWERS: active, steps.STEP: steps.RESULT, steps.PLAN_LENGTH: 6}
    assert restore(session, CONTENT, TODAY).session[steps.RECOMMENDATION].program.id == "build-up"
    edit_yaml(content_copy, "programs", without_build_up)
    restored = restore(session, load(content_copy), TODAY)
    assert restored.dropped == () and restored.session[steps.ANSWERS] == active
    assert restored.session[steps.RECOMMENDATION].program.id == "foundation"
    assert restored.session[steps.CHOSEN_PLAN].weeks == 6


def test_lessons_that_are_gone_drop_out_of_the_lessons_read():
    first = CONTENT.learn[0].id
    restored = restore({keys.LESSONS_READ: [first, "a-lesson-since-removed"]}, CONTENT, TODAY)
    assert restored.session[keys.LESSONS_READ] == [first] and restored.notice is None
