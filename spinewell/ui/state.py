"""Session-state keys, defined once, and the typed accessors pages use instead of reaching into st.session_state."""

from __future__ import annotations

import streamlit as st

from spinewell.assessment import steps
from spinewell.assessment.flow import AssessmentFlow
from spinewell.content.models import Content

# The assessment's and the plan's keys are defined in spinewell.assessment.steps, beside the flow that reads and
# writes them (it must not import Streamlit, so it cannot import this module); they are named here for the pages.
ANSWERS = steps.ANSWERS
SCREEN = steps.SCREEN
RECOMMENDATION = steps.RECOMMENDATION
CHOSEN_PLAN = steps.CHOSEN_PLAN
QUIZ_PREFIX = "spinewell.quiz."

ASSESS_STEP = steps.STEP
ASSESS_FROM_REVIEW = steps.FROM_REVIEW
ASSESS_PROMPT = steps.PROMPT
PLAN_START = steps.PLAN_START
PLAN_LENGTH = steps.PLAN_LENGTH  # the plan's length in weeks

# LOG_SESSION_ROWS holds {source key: [LogEntry, ...]}: entries kept in the session (not saved to disk) because the
# log shown was uploaded or local saving is off. LOG_LAST_SAVE holds the AppendReceipt of the last entry saved to the
# local log (what "Undo" removes); LOG_FLASH a (kind, message) to show once after a rerun.
LOG_SESSION_ROWS = "spinewell.log_session_rows"
LOG_LAST_SAVE = "spinewell.log.last_save"
LOG_FLASH = "spinewell.log.flash"


def assessment_flow(content: Content) -> AssessmentFlow:
    """The self-assessment's steps (and the chosen plan) over this session's state."""
    return AssessmentFlow(st.session_state, content)


def keep_widget_value(widget_key: str, session_key: str) -> None:
    """An on_change callback: copy a widget's value to a plain key, because Streamlit drops widget keys on a page
    switch and the value should still be there on the next visit."""
    st.session_state[session_key] = st.session_state[widget_key]
