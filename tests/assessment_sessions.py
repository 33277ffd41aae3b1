"""Assessment sessions over a plain dict for the flow tests: a new one, the screen ticked, every question answered."""

from __future__ import annotations

from spinewell.assessment import steps
from spinewell.assessment.flow import AssessmentFlow
from spinewell.assessment.steps import REVIEW
from spinewell.content.load import load
from tests.answer_sets import MODERATE_WITH_POOL

CONTENT = load()
FLAG_IDS = [f.id for f in CONTENT.questionnaire.screen.flags]


def new_flow(session: dict | None = None) -> AssessmentFlow:
    return AssessmentFlow({} if session is None else session, CONTENT)


def tick_screen(flow: AssessmentFlow, *flags: str, none: bool | None = None) -> AssessmentFlow:
    """Tick these red flags (and "none of these" when no flag is given, unless `none` says otherwise), then Continue."""
    for flag_id in FLAG_IDS:
        flow.session[steps.flag_key(flag_id)] = flag_id in flags
    flow.session[steps.NONE_FLAG_KEY] = not flags if none is None else none
    flow.submit_screen()
    return flow


def answered(answers=MODERATE_WITH_POOL) -> AssessmentFlow:
    """A flow with a clear screen and every question answered, on the review step."""
    flow = tick_screen(new_flow())
    for question_id, value in answers.items():
        flow.set_answer(question_id, value)
    flow.go(REVIEW)
    return flow


def page_switch(flow: AssessmentFlow) -> AssessmentFlow:
    """What a page switch does to the session: Streamlit drops the widget keys; the plain keys stay."""
    for key in [key for key in flow.session if key.startswith("assess.")]:
        del flow.session[key]
    return new_flow(flow.session)
