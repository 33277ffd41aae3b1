"""The self-assessment's step names, session keys and widget keys, and what the page draws beside a step."""

from __future__ import annotations

from dataclasses import dataclass

from spinewell.content.questionnaire import Questionnaire

# The steps: the safety screen, then each question asked (its step is its id), the review, the result; and, from an
# emergency or same-day result, one more step that asks "are you sure?" before going back.
SCREEN_STEP, REVIEW, RESULT, CONFIRM = "screen", "review", "result", "confirm-mistake"

# Session keys. They are defined here because the flow is what reads and writes them (spinewell.ui.state names them
# for the pages). Answers live under plain keys because Streamlit drops widget keys on a page switch.
ANSWERS = "spinewell.answers"  # {question id: answer}
SCREEN = "spinewell.screen"  # the tuple of ticked red-flag ids (empty: "none of these"; absent: not screened yet)
SCREENED_ON = "spinewell.screened_on"  # the day the screen was last answered (a date)
CHECKED = "spinewell.doctor_checked"  # True: "a doctor has checked this back pain and said exercise is fine"
RECOMMENDATION = "spinewell.recommendation"
CHOSEN_PLAN = "spinewell.chosen_plan"  # the current program's Plan: the Log page compares the diary with it
MADE_FROM_ANSWERS = (RECOMMENDATION, CHOSEN_PLAN)  # dropped when the answers change, made again on use
STEP = "spinewell.assess.step"  # SCREEN_STEP, a question id, REVIEW, RESULT or CONFIRM
FROM_REVIEW = "spinewell.assess.from_review"  # a "Change" on the review: Next returns to the review
PROMPT = "spinewell.assess.prompt"  # the step whose missing answer should be pointed out
PLAN_START = "spinewell.plan.start"
PLAN_LENGTH = "spinewell.plan.weeks"  # in weeks

# Where the page's widgets keep their values; the flow reads them when the person continues or changes an answer.
NONE_FLAG_KEY = "assess.flag.none"
DOCTOR_CHECK_KEY = "assess.doctor_checked"  # the box on a program's result for the screen's routine items
PROMPT_NOTHING_TICKED, PROMPT_BOTH_TICKED = "screen", "screen-both"  # the screen's prompts


def flag_key(flag_id: str) -> str:
    return f"assess.flag.{flag_id}"


def question_key(question_id: str) -> str:
    """The key of a choice or scale question's widget (a multi question's boxes add the option id, or "none")."""
    return f"assess.q.{question_id}"


def option_key(question_id: str, option_id: str) -> str:
    return f"{question_key(question_id)}.{option_id}"


def none_key(question_id: str) -> str:
    return f"{question_key(question_id)}.none"


@dataclass(frozen=True)
class ReviewRow:
    step: str  # where its "Change" button goes
    label: str
    answer: str


@dataclass(frozen=True)
class Progress:
    fraction: float
    text: str


def prompt_text(step: str, prompt: str | None, questionnaire: Questionnaire) -> str | None:
    """What to point out on `step` when the stored prompt is for it (None: nothing)."""
    screen, question_ids = questionnaire.screen, {q.id for q in questionnaire.questions}
    if step == SCREEN_STEP and prompt == PROMPT_NOTHING_TICKED:
        return f"Please tick what applies to you, or tick “{screen.none_label}”."
    if step == SCREEN_STEP and prompt == PROMPT_BOTH_TICKED:
        return f"You ticked “{screen.none_label}” and a warning sign as well. Please untick one."
    if step in question_ids and prompt == step:
        question = questionnaire.question(step)
        if question.kind == "multi":
            return f"Please tick the ones that apply, or “{question.none_label}” (not both)."
        return "Please choose an answer to go on."
    return None


def progress_at(step: str, asked: tuple[str, ...]) -> Progress:
    """How far along `step` is, counting the questions asked."""
    if step == SCREEN_STEP:
        return Progress(0.0, "Safety check")
    if step in asked:
        number, count = asked.index(step) + 1, len(asked)
        return Progress(number / (count + 1), f"Question {number} of {count}")
    return Progress(1.0, "Check your answers" if step == REVIEW else "Your result")
