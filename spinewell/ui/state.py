"""Session-state keys, defined once, and the typed accessors pages use instead of reaching into st.session_state."""

from __future__ import annotations

import streamlit as st

from spinewell import assessment
from spinewell.content import Content

# Answers live under non-widget keys because Streamlit drops widget keys on a page switch.
# SCREEN holds the tuple of ticked red-flag ids (empty: "none of these"; absent: not done). ANSWERS holds the
# questionnaire's answers by question id.
ANSWERS = "spinewell.answers"
SCREEN = "spinewell.screen"
RECOMMENDATION = "spinewell.recommendation"
CHOSEN_PLAN = "spinewell.chosen_plan"
QUIZ_PREFIX = "spinewell.quiz."

ASSESS_STEP = "spinewell.assess.step"  # "screen", a question id, "review" or "result"
ASSESS_FROM_REVIEW = "spinewell.assess.from_review"  # a "Change" on the review step: Next returns to the review
ASSESS_PROMPT = "spinewell.assess.prompt"  # the step whose missing answer should be pointed out
PLAN_START = "spinewell.plan.start"
PLAN_WEEKS = "spinewell.plan.weeks"

# LOG_SESSION_ROWS holds {source key: [LogEntry, ...]} (keys as log.source.LogSource.key): entries kept in the
# session (not saved to disk) because the log shown was uploaded or local saving is off. LOG_LAST_SAVE holds the
# AppendReceipt of the last entry saved to the local log (what "Undo" removes); LOG_FLASH a (kind, message) to show
# once after a rerun.
LOG_SESSION_ROWS = "spinewell.log_session_rows"
LOG_LAST_SAVE = "spinewell.log.last_save"
LOG_FLASH = "spinewell.log.flash"


def assessment_answers(content: Content) -> dict[str, object]:
    """The screen and questionnaire answers together, as `assessment.recommend` takes them."""
    answers = dict(st.session_state.get(ANSWERS, {}))
    answers[content.questionnaire.screen.id] = st.session_state.get(SCREEN)
    return answers


def forget_result() -> None:
    """Drop the recommendation and the plan built from it: called whenever an answer changes."""
    st.session_state.pop(RECOMMENDATION, None)
    st.session_state.pop(CHOSEN_PLAN, None)


def current_recommendation(content: Content) -> assessment.Recommendation | None:
    """The stored recommendation if it was made from exactly the current answers, else None (and it is dropped)."""
    recommendation = st.session_state.get(RECOMMENDATION)
    if recommendation is not None and not assessment.is_current(recommendation, assessment_answers(content)):
        forget_result()
        return None
    return recommendation
