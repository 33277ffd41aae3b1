"""A loaded profile made to fit today's content: answers the content no longer has are dropped, the result rebuilt."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spinewell.assessment import steps
from spinewell.assessment.answers import answer_problem, missing_answers, screen_problem
from spinewell.assessment.flow import AssessmentFlow
from spinewell.assessment.recommend import IncompleteAnswers
from spinewell.content.models import Content
from spinewell.storage import keys

QUESTIONS_CHANGED = "Some questions changed since your last visit; please answer them again."
FINISHED = (steps.REVIEW, steps.RESULT, steps.CONFIRM)


@dataclass(frozen=True)
class Restored:
    """What goes into a new session: the profile's values, fitted to the content, and the result and plan made
    again from them (`session`); the answers dropped (question ids, the screen's id for the safety check); and the
    notice to show once when any were."""

    session: dict[str, Any]
    dropped: tuple[str, ...]

    @property
    def notice(self) -> str | None:
        return QUESTIONS_CHANGED if self.dropped else None


def restore(values: Mapping[str, Any], content: Content, today: dt.date) -> Restored:
    """Fit a profile's session values to `content` and rebuild what is derived from them.

    An answer to a question that is gone, or naming an option that is gone (or out of a scale's new range), is
    dropped, and only it: the flow asks just those questions again (from the review, for a person who had finished).
    A safety check naming a warning sign that is gone is dropped whole, with the doctor's check given for it: the
    person answers the safety check again. Lessons that are gone drop out of the lessons read. A person whose step is
    the result gets the result and its plan again, as the result page would make them.
    """
    session = dict(values)
    questionnaire = content.questionnaire
    dropped = []
    answers = dict(session.get(steps.ANSWERS, {}))
    for question_id, value in list(answers.items()):
        known = question_id in {q.id for q in questionnaire.questions}
        if not known or value is None or answer_problem(questionnaire.question(question_id), value) is not None:
            del answers[question_id]
            if value is not None:
                dropped.append(question_id)
    if steps.ANSWERS in session:
        session[steps.ANSWERS] = answers
    if steps.SCREEN in session and screen_problem(questionnaire, session[steps.SCREEN]) is not None:
        del session[steps.SCREEN]
        session.pop(steps.CHECKED, None)
        dropped.insert(0, questionnaire.screen.id)
    if keys.LESSONS_READ in session:
        lesson_ids = {lesson.id for lesson in content.learn}
        session[keys.LESSONS_READ] = [lesson for lesson in session[keys.LESSONS_READ] if lesson in lesson_ids]
    flow = AssessmentFlow(session, content)
    if dropped:
        _ask_again(flow)
    if session.get(steps.STEP) == steps.RESULT:
        with contextlib.suppress(IncompleteAnswers):  # the result page points to the first missing answer
            flow.result(today)
    return Restored(session, tuple(dropped))


def _ask_again(flow: AssessmentFlow) -> None:
    """After answers were dropped: a person who had finished goes to the first one now missing, and Next brings
    them back to the review (which walks them through any others); one who was on a question that is gone goes on
    from the first missing answer. A result that blocks the program needs no more answers, so it stays."""
    if flow.safety().blocking:
        return
    missing = missing_answers(flow.answers(), flow.questionnaire)
    step = flow.session.get(steps.STEP, steps.SCREEN_STEP)
    if not missing:
        return
    if missing[0] == flow.questionnaire.screen.id:
        flow.go(steps.SCREEN_STEP)
    elif step in FINISHED:
        flow.change(missing[0])
    elif step not in flow.question_ids:
        flow.go(missing[0])
