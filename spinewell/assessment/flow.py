"""The self-assessment's steps as a small state machine over a mapping (session state in the app, a dict in tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from spinewell.assessment.answers import answer_problem, describe_answer, missing_answers, screen_problem, ticked_answer
from spinewell.assessment.recommend import Recommendation, is_current, recommend
from spinewell.content.models import Content
from spinewell.content.programs import PLAN_WEEKS, StarterProgram
from spinewell.program.plan import Plan, build_plan, default_start

# The steps: the safety screen, then each question (its step is its id), the review, the result.
SCREEN_STEP, REVIEW, RESULT = "screen", "review", "result"

# Session keys. They are defined here because the flow is what reads and writes them (spinewell.ui.state names them
# for the pages). Answers live under plain keys because Streamlit drops widget keys on a page switch.
ANSWERS = "spinewell.answers"  # {question id: answer}
SCREEN = "spinewell.screen"  # the tuple of ticked red-flag ids (empty: "none of these"; absent: not screened yet)
RECOMMENDATION = "spinewell.recommendation"
CHOSEN_PLAN = "spinewell.chosen_plan"  # the current program's Plan: the Log page compares the diary with it
STEP = "spinewell.assess.step"  # SCREEN_STEP, a question id, REVIEW or RESULT
FROM_REVIEW = "spinewell.assess.from_review"  # a "Change" on the review: Next returns to the review
PROMPT = "spinewell.assess.prompt"  # the step whose missing answer should be pointed out
PLAN_START = "spinewell.plan.start"
PLAN_LENGTH = "spinewell.plan.weeks"  # in weeks

# Where the page's widgets keep their values; the flow reads them when the person continues or changes an answer.
NONE_FLAG_KEY = "assess.flag.none"
_SCREEN_NEITHER, _SCREEN_BOTH = "screen", "screen-both"  # the prompts on the screen: nothing ticked, or contradictory


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


class AssessmentFlow:
    """The steps over `session`: every transition only reads and writes `session`, so a plain dict stands in for it."""

    def __init__(self, session: MutableMapping[str, Any], content: Content) -> None:
        self.session = session
        self.content = content
        self.questionnaire = content.questionnaire
        self.question_ids = tuple(q.id for q in content.questionnaire.questions)

    # --- what the page draws -----------------------------------------------------------------------------------------

    def current_step(self) -> str:
        """The step to draw, stored back so a stale one cannot return: nothing gets past the safety screen.

        Not screened (or a screen answer that is not one): the screen, whatever the stored step says. A red flag: the
        result (the referral), or the screen to take it back. A step that does not exist: the screen.
        """
        screen_answer = self.session.get(SCREEN)
        step = self.session.get(STEP, SCREEN_STEP)
        if screen_problem(self.questionnaire, screen_answer) is not None:
            step = SCREEN_STEP
        elif screen_answer and step != SCREEN_STEP:
            step = RESULT
        if step not in (SCREEN_STEP, REVIEW, RESULT, *self.question_ids):
            step = SCREEN_STEP
        self.session[STEP] = step
        return step

    @property
    def screen_answer(self) -> tuple[str, ...] | None:
        return self.session.get(SCREEN)

    @property
    def from_review(self) -> bool:
        return bool(self.session.get(FROM_REVIEW))

    def answer(self, question_id: str) -> Any:
        return self.session.get(ANSWERS, {}).get(question_id)

    def answers(self) -> dict[str, Any]:
        """The screen and questionnaire answers together, as `recommend` takes them."""
        answers = dict(self.session.get(ANSWERS, {}))
        answers[self.questionnaire.screen.id] = self.session.get(SCREEN)
        return answers

    def prompt(self, step: str) -> str | None:
        """What to point out on `step` after a Continue or Next that could not go on (None: nothing)."""
        prompt, screen = self.session.get(PROMPT), self.questionnaire.screen
        if step == SCREEN_STEP and prompt == _SCREEN_NEITHER:
            return f"Please tick what applies to you, or tick “{screen.none_label}”."
        if step == SCREEN_STEP and prompt == _SCREEN_BOTH:
            return f"You ticked “{screen.none_label}” and a warning sign as well. Please untick one."
        if step in self.question_ids and prompt == step:
            question = self.questionnaire.question(step)
            if question.kind == "multi":
                return f"Please tick the ones that apply, or “{question.none_label}” (not both)."
            return "Please choose an answer to go on."
        return None

    def progress(self, step: str) -> Progress:
        if step == SCREEN_STEP:
            return Progress(0.0, "Safety check")
        if step in self.question_ids:
            number, count = self.question_ids.index(step) + 1, len(self.question_ids)
            return Progress(number / (count + 1), f"Question {number} of {count}")
        return Progress(1.0, "Check your answers" if step == REVIEW else "Your result")

    def review_rows(self) -> tuple[ReviewRow, ...]:
        """The screen and every question with the answer given, each row with the step its "Change" opens."""
        screen = self.questionnaire.screen
        rows = [ReviewRow(SCREEN_STEP, "Safety check", "" if self.screen_answer else screen.none_label)]
        rows += [ReviewRow(q.id, q.short, describe_answer(q, self.answer(q.id))) for q in self.questionnaire.questions]
        return tuple(rows)

    # --- the result and its plan -------------------------------------------------------------------------------------

    def current_recommendation(self) -> Recommendation | None:
        """The stored recommendation if it was made from exactly the current answers, else None (and it is dropped)."""
        recommendation = self.session.get(RECOMMENDATION)
        if recommendation is not None and not is_current(recommendation, self.answers()):
            self.forget_result()
            return None
        return recommendation

    def current_program(self) -> Recommendation | None:
        """The current recommendation when it is a program; otherwise None, and no plan is left for the Log page."""
        recommendation = self.current_recommendation()
        if recommendation is None or recommendation.is_referral:
            self.session.pop(CHOSEN_PLAN, None)
            return None
        return recommendation

    def result(self, today: dt.date) -> Recommendation:
        """The recommendation for the current answers, made once and kept, with a program's plan kept beside it.

        Raises IncompleteAnswers when answers are missing (a stored result step can outlive them).
        """
        recommendation = self.current_recommendation()
        if recommendation is None:
            recommendation = recommend(self.answers(), self.content)
            self.session[RECOMMENDATION] = recommendation
        if recommendation.is_referral:
            self.session.pop(CHOSEN_PLAN, None)
        else:
            self.keep_plan(recommendation.program, today)
        return recommendation

    def plan_settings(self, program: StarterProgram, today: dt.date) -> tuple[dt.date, int]:
        """The start date and length the person chose; until they choose: the next Monday, the program's own length."""
        weeks = self.session.get(PLAN_LENGTH)
        return self.session.get(PLAN_START) or default_start(today), weeks if weeks in PLAN_WEEKS else program.weeks

    def keep_plan(self, program: StarterProgram, today: dt.date) -> Plan:
        """The dated plan of `program` with the person's settings, kept for the pages that compare against it."""
        plan = build_plan(program, *self.plan_settings(program, today))
        self.session[CHOSEN_PLAN] = plan
        return plan

    # --- transitions (the page's buttons and widgets call these) -----------------------------------------------------

    def go(self, step: str) -> None:
        self.session[STEP] = step
        self.session.pop(PROMPT, None)

    def forget_result(self) -> None:
        """Drop the recommendation and the plan built from it: called whenever an answer changes."""
        self.session.pop(RECOMMENDATION, None)
        self.session.pop(CHOSEN_PLAN, None)

    def set_answer(self, question_id: str, value: Any) -> None:
        answers = self.session.get(ANSWERS, {})
        if answers.get(question_id) != value:
            self.session[ANSWERS] = {**answers, question_id: value}
            self.forget_result()

    def widget_changed(self, question_id: str) -> None:
        """Copy a question's widget values into the answers the moment they change (widget keys do not last)."""
        question = self.questionnaire.question(question_id)
        if question.kind != "multi":
            self.set_answer(question_id, self.session.get(question_key(question_id)))
            return
        ticked = [o.id for o in question.options if self.session.get(option_key(question_id, o.id))]
        self.set_answer(question_id, ticked_answer(ticked, bool(self.session.get(none_key(question_id)))))

    def submit_screen(self) -> None:
        """Continue on the screen: a red flag goes to the referral, "none of these" to the questions (or the review)."""
        ticked = tuple(f.id for f in self.questionnaire.screen.flags if self.session.get(flag_key(f.id)))
        none = bool(self.session.get(NONE_FLAG_KEY))
        if none == bool(ticked):  # neither, or both: ask again on this step
            self.session[PROMPT] = _SCREEN_BOTH if none else _SCREEN_NEITHER
            return
        if self.session.get(SCREEN) != ticked:
            self.session[SCREEN] = ticked
            self.forget_result()
        if ticked:
            self.go(RESULT)
        else:
            self.go(REVIEW if self.from_review else self.question_ids[0])

    def next_step(self, question_id: str) -> None:
        """Next: the following question (the review after the last, or after a Change), or a prompt if unanswered."""
        if answer_problem(self.questionnaire.question(question_id), self.answer(question_id)) is not None:
            self.session[PROMPT] = question_id
            return
        index = self.question_ids.index(question_id)
        if self.from_review or index == len(self.question_ids) - 1:
            self.go(REVIEW)
        else:
            self.go(self.question_ids[index + 1])

    def previous_step(self, question_id: str) -> None:
        index = self.question_ids.index(question_id)
        self.go(self.question_ids[index - 1] if index else SCREEN_STEP)

    def change(self, step: str) -> None:
        """Open one step from the review (the screen's id opens the screen); Next then returns to the review."""
        self.session[FROM_REVIEW] = True
        self.go(SCREEN_STEP if step == self.questionnaire.screen.id else step)

    def see_result(self) -> None:
        """The result, or else the first missing answer with a prompt (a red flag needs no more answers)."""
        missing = () if self.screen_answer else missing_answers(self.answers(), self.questionnaire)
        if not missing:
            self.go(RESULT)
            return
        step = SCREEN_STEP if missing[0] == self.questionnaire.screen.id else missing[0]
        self.change(step)
        self.session[PROMPT] = _SCREEN_NEITHER if step == SCREEN_STEP else step

    def start_again(self) -> None:
        for key in (SCREEN, FROM_REVIEW, PLAN_START, PLAN_LENGTH):
            self.session.pop(key, None)
        self.session[ANSWERS] = {}
        self.forget_result()
        self.go(SCREEN_STEP)
