"""The self-assessment's steps as a small state machine over a mapping (session state in the app, a dict in tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from typing import Any

from spinewell.assessment import steps
from spinewell.assessment.answers import (
    answer_problem,
    asked_questions,
    describe_answer,
    missing_answers,
    screen_problem,
    ticked_answer,
)
from spinewell.assessment.recommend import Recommendation, is_current, recommend
from spinewell.assessment.safety import Safety, assess
from spinewell.assessment.steps import (
    ANSWERS,
    CHECKED,
    CHOSEN_PLAN,
    CONFIRM,
    FROM_REVIEW,
    PLAN_LENGTH,
    PLAN_START,
    PROMPT,
    RECOMMENDATION,
    RESULT,
    REVIEW,
    SCREEN,
    SCREEN_STEP,
    SCREENED_ON,
    STEP,
)
from spinewell.content.models import Content
from spinewell.content.programs import PLAN_WEEKS, StarterProgram
from spinewell.program import kept
from spinewell.program.choices import plan_options
from spinewell.program.plan import Plan, default_start


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

        Not screened (or a screen answer that is not one): the screen, whatever the stored step says. A screen that
        blocks the program (and no doctor's check lets it through): the result, the screen to take it back, or the
        "are you sure?" step. A question that is not asked now: the next one that is. A step that does not exist:
        the screen.
        """
        step = self.session.get(STEP, SCREEN_STEP)
        if screen_problem(self.questionnaire, self.screen_answer) is not None:
            step = SCREEN_STEP
        elif self._screen_blocks() and step not in (SCREEN_STEP, CONFIRM):
            step = RESULT
        if step == CONFIRM and not self.safety().asks_again:
            step = RESULT
        if step in self.question_ids and step not in self.asked_ids():
            step = self._after(step)
        if step not in (SCREEN_STEP, REVIEW, RESULT, CONFIRM, *self.question_ids):
            step = SCREEN_STEP
        self.session[STEP] = step
        return step

    def safety(self) -> Safety:
        """What the screen and the answers so far raise (the level, and whether a doctor's check is offered)."""
        return assess(self.answers(), self.questionnaire)

    def _screen_blocks(self) -> bool:
        screen = self.questionnaire.screen
        return bool(assess({screen.id: self.screen_answer, screen.doctor_checked.id: self.doctor_checked},
                           self.questionnaire).blocking)

    def asked_ids(self) -> tuple[str, ...]:
        """The questions asked given the answers so far, in order (follow-ups only when they apply)."""
        return tuple(q.id for q in asked_questions(self.answers(), self.questionnaire))

    def _after(self, question_id: str) -> str:
        """The first question asked after `question_id` in the questionnaire's order, else the review."""
        asked, later = self.asked_ids(), self.question_ids[self.question_ids.index(question_id) + 1:]
        return next((q for q in later if q in asked), REVIEW)

    @property
    def doctor_checked(self) -> bool:
        return bool(self.session.get(CHECKED))

    @property
    def screen_answer(self) -> tuple[str, ...] | None:
        return self.session.get(SCREEN)

    @property
    def from_review(self) -> bool:
        return bool(self.session.get(FROM_REVIEW))

    def answer(self, question_id: str) -> Any:
        return self.session.get(ANSWERS, {}).get(question_id)

    def answers(self) -> dict[str, Any]:
        """The screen, the doctor's check and the questionnaire answers together, as `recommend` takes them."""
        answers = dict(self.session.get(ANSWERS, {}))
        answers[self.questionnaire.screen.id] = self.session.get(SCREEN)
        if self.doctor_checked:
            answers[self.questionnaire.screen.doctor_checked.id] = True
        return answers

    def prompt(self, step: str) -> str | None:
        """What to point out on `step` after a Continue or Next that could not go on (None: nothing)."""
        return steps.prompt_text(step, self.session.get(PROMPT), self.questionnaire)

    def progress(self, step: str) -> steps.Progress:
        return steps.progress_at(step, self.asked_ids())

    def review_rows(self) -> tuple[steps.ReviewRow, ...]:
        """The screen and every question asked with the answer given, each row with the step its "Change" opens."""
        screen = self.questionnaire.screen
        ticked = [screen.flag(flag_id).label for flag_id in self.screen_answer or ()]
        said = "; ".join(ticked) or screen.none_label
        if self.doctor_checked and self.safety().doctor_checked:
            said += f". {screen.doctor_checked.label}"
        rows = [steps.ReviewRow(SCREEN_STEP, "Safety check", said)]
        rows += [steps.ReviewRow(q.id, q.short, describe_answer(q, self.answer(q.id)))
                 for q in asked_questions(self.answers(), self.questionnaire)]
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
        """The start date and length the person chose; until they choose: today, the program's own length."""
        weeks = self.session.get(PLAN_LENGTH)
        return self.session.get(PLAN_START) or default_start(today), weeks if weeks in PLAN_WEEKS else program.weeks

    def keep_plan(self, program: StarterProgram, today: dt.date) -> Plan:
        """The dated plan of `program` with the person's settings, kept for the pages that compare against it."""
        plan = kept.plan(self.session, program, *self.plan_settings(program, today), **plan_options(self.session),
                         maintenance_weeks_back=self.content.programs.maintenance.weeks_back)  # built on a change
        self.session[CHOSEN_PLAN] = plan
        return plan

    # --- transitions (the page's buttons and widgets call these) -----------------------------------------------------

    def go(self, step: str) -> None:
        self.session[STEP] = step
        self.session.pop(PROMPT, None)

    def forget_result(self) -> None:
        """Drop the recommendation and the plan built from it: called whenever an answer changes."""
        for key in steps.MADE_FROM_ANSWERS:
            self.session.pop(key, None)

    def set_answer(self, question_id: str, value: Any) -> None:
        answers = self.session.get(ANSWERS, {})
        if answers.get(question_id) != value:
            self.session[ANSWERS] = {**answers, question_id: value}
            self.forget_result()

    def widget_changed(self, question_id: str) -> None:
        """Copy a question's widget values into the answers the moment they change (widget keys do not last)."""
        question = self.questionnaire.question(question_id)
        if question.kind != "multi":
            self.set_answer(question_id, self.session.get(steps.question_key(question_id)))
            return
        ticked = [o.id for o in question.options if self.session.get(steps.option_key(question_id, o.id))]
        self.set_answer(question_id, ticked_answer(ticked, bool(self.session.get(steps.none_key(question_id)))))

    def _widget_shown(self, question_id: str) -> bool:
        """Whether the session holds this question's widget values (it does while the question is on the page)."""
        question = self.questionnaire.question(question_id)
        if question.kind != "multi":
            return steps.question_key(question_id) in self.session
        return steps.none_key(question_id) in self.session or any(
            steps.option_key(question_id, option.id) in self.session for option in question.options)

    def submit_screen(self) -> None:
        """Continue on the screen: a level that blocks goes to the result, otherwise the questions (or the review).
        A changed screen drops the doctor's check, which was given for what was ticked before."""
        ticked = tuple(f.id for f in self.questionnaire.screen.flags if self.session.get(steps.flag_key(f.id)))
        none = bool(self.session.get(steps.NONE_FLAG_KEY))
        if none == bool(ticked):  # neither, or both: ask again on this step
            self.session[PROMPT] = steps.PROMPT_BOTH_TICKED if none else steps.PROMPT_NOTHING_TICKED
            return
        if self.session.get(SCREEN) != ticked:
            self.session[SCREEN] = ticked
            self.session.pop(CHECKED, None)
            self.forget_result()
        self.session[SCREENED_ON] = dt.date.today()  # answered again, even unchanged: it was checked today
        self._go_on_from(SCREEN_STEP)

    def _go_on_from(self, step: str) -> None:
        """After a step is answered: the result if the level now blocks, else the next question asked (the review
        after the last one, or after a Change from the review)."""
        if self.safety().blocking:
            self.go(RESULT)
        elif self.from_review:
            self.go(REVIEW)
        elif step == SCREEN_STEP:
            asked = self.asked_ids()
            self.go(asked[0] if asked else REVIEW)
        else:
            self.go(self._after(step))

    def next_step(self, question_id: str) -> None:
        """Next: the following question asked (the review after the last, or after a Change), the result if this
        answer blocks the program, or a prompt if unanswered.

        The question's widgets are read first: a tap on an answer and a quick Next can reach the server together,
        and their callbacks then run in either order, so Next must not judge the answer before the tap is in."""
        if self._widget_shown(question_id):
            self.widget_changed(question_id)
        if answer_problem(self.questionnaire.question(question_id), self.answer(question_id)) is not None:
            self.session[PROMPT] = question_id
            return
        self._go_on_from(question_id)

    def previous_step(self, question_id: str) -> None:
        asked = self.asked_ids()
        earlier = asked[:asked.index(question_id)] if question_id in asked else ()
        self.go(earlier[-1] if earlier else SCREEN_STEP)

    def change(self, step: str) -> None:
        """Open one step from the review (the screen's id opens the screen); Next then returns to the review."""
        self.session[FROM_REVIEW] = True
        self.go(SCREEN_STEP if step == self.questionnaire.screen.id else step)

    def see_result(self) -> None:
        """The result, or else the first missing answer with a prompt (a level that blocks needs no more answers)."""
        missing = () if self.safety().blocking else missing_answers(self.answers(), self.questionnaire)
        if not missing:
            self.go(RESULT)
            return
        step = SCREEN_STEP if missing[0] == self.questionnaire.screen.id else missing[0]
        self.change(step)
        self.session[PROMPT] = steps.PROMPT_NOTHING_TICKED if step == SCREEN_STEP else step

    # --- the ways on from a result -----------------------------------------------------------------------------------

    def doctor_has_checked(self) -> None:
        """ "A doctor has checked this back pain and said exercise is fine", from an urgent result: on to the
        questions (or the review). Offered only for the screen's urgent or routine items; otherwise nothing."""
        if self.safety().offers_doctor_check:
            self.session[CHECKED] = True
            self.forget_result()
            self._go_on_from(SCREEN_STEP)

    def doctor_check_changed(self) -> None:
        """The same, as a box on a program's result (routine items): the result is made again with it."""
        checked = bool(self.session.get(steps.DOCTOR_CHECK_KEY)) and self.safety().offers_doctor_check
        if checked != self.doctor_checked:
            self.session[CHECKED] = checked
            self.forget_result()

    def ticked_by_mistake(self) -> None:
        """ "I ticked something by mistake": an emergency or same-day result asks once more; otherwise straight to
        the step that set the level (the screen, or the question)."""
        self.go(CONFIRM if self.safety().asks_again else self._step_that_set_the_level())

    def confirm_mistake(self) -> None:
        """ "Yes, I ticked it by mistake": back to the step that set the level, its answers shown as they were."""
        self.go(self._step_that_set_the_level())

    def _step_that_set_the_level(self) -> str:
        screen_id = self.questionnaire.screen.id
        step = self.safety().change_step(screen_id)
        return SCREEN_STEP if step == screen_id else step

    def keep_advice(self) -> None:  # "No, keep this advice"
        self.go(RESULT)

    def start_again(self) -> None:
        for key in (SCREEN, SCREENED_ON, CHECKED, FROM_REVIEW, PLAN_START, PLAN_LENGTH):
            self.session.pop(key, None)
        self.session[ANSWERS] = {}
        self.forget_result()
        self.go(SCREEN_STEP)
