"""Session-state keys, defined once, and the typed accessors pages use instead of reaching into st.session_state."""

from __future__ import annotations

import streamlit as st

from spinewell import lessons
from spinewell.assessment import steps
from spinewell.assessment.flow import AssessmentFlow
from spinewell.content.models import Content
from spinewell.lessons import Course

# The assessment's and the plan's keys are defined in spinewell.assessment.steps, beside the flow that reads and
# writes them, and the lessons' in spinewell.lessons (neither may import Streamlit, so neither can import this
# module); they are named here for the pages.
ANSWERS = steps.ANSWERS
SCREEN = steps.SCREEN
RECOMMENDATION = steps.RECOMMENDATION
CHOSEN_PLAN = steps.CHOSEN_PLAN
QUIZ_PREFIX = lessons.QUIZ_PREFIX  # + a lesson id: its question's widget
OPEN_LESSON = lessons.OPEN_LESSON  # the lesson open last on the Learn page

ASSESS_STEP = steps.STEP
ASSESS_FROM_REVIEW = steps.FROM_REVIEW
ASSESS_PROMPT = steps.PROMPT
PLAN_START = steps.PLAN_START
PLAN_LENGTH = steps.PLAN_LENGTH  # the plan's length in weeks

# LOG_SESSION_ROWS holds {source key: [LogEntry, ...]} (keys as log.source.LogSource.key): entries kept in the
# session (not saved to disk) because the log shown was uploaded or local saving is off. LOG_LAST_SAVE holds the
# AppendReceipt of the last entry saved to the local log (what "Undo" removes); LOG_FLASH a (kind, message) to show
# once after a rerun.
LOG_SESSION_ROWS = "spinewell.log_session_rows"
LOG_LAST_SAVE = "spinewell.log.last_save"
LOG_FLASH = "spinewell.log.flash"
# LOG_FORM_ROUNDS holds {form prefix: int}: the entry forms' round, which names their widgets anew after each save
# (ui.entry_form.form_key); LOG_EDIT_PICKED the past entry picked to change, as it was when picked;
# LOG_DELETE_PENDING the key of the past entry whose delete awaits a yes.
LOG_FORM_ROUNDS = "spinewell.log.form_rounds"
LOG_EDIT_PICKED = "spinewell.log.edit_picked"
LOG_DELETE_PENDING = "spinewell.log.delete_pending"

# What the app remembers between visits (spinewell.storage; ui.storage does the loading and saving). PROFILE_SAVED
# holds the profile as last loaded or saved (JSON-safe; absent until this session has loaded it, and while a damaged
# profile keeps it out, so nothing is saved over it); PROFILE_PROBLEM the message about a damaged profile, shown on
# every page until the person starts again; PROFILE_SAVE_PROBLEM why the last save failed; PROFILE_FLASH a
# (kind, message) to show once, and FLASH_SHOWN the one this run shows (shown again by the one more run of the
# browser backend, which would otherwise draw the page without it).
PROFILE_SAVED = "spinewell.storage.saved"
PROFILE_PROBLEM = "spinewell.storage.problem"
PROFILE_SAVE_PROBLEM = "spinewell.storage.save_problem"
PROFILE_FLASH = "spinewell.storage.flash"
FLASH_SHOWN = "spinewell.storage.flash_shown"

# FIRST_RUN is True during a session's first run only (app.py notes it before the page runs): a returning person who
# opens the app at its address lands on Today then, and Home stays reachable from the menu afterwards.
FIRST_RUN = "spinewell.first_run"


def note_run() -> None:
    """Before the page runs (app.py): note whether this run is the session's first."""
    st.session_state[FIRST_RUN] = FIRST_RUN not in st.session_state


def is_first_run() -> bool:
    """Whether this run is the session's first (a new tab, a reload, or the app opened again)."""
    return bool(st.session_state.get(FIRST_RUN, False))


def assessment_flow(content: Content) -> AssessmentFlow:
    """The self-assessment's steps (and the chosen plan) over this session's state."""
    return AssessmentFlow(st.session_state, content)


def course(content: Content) -> Course:
    """The Learn page's lessons, and which one is open, over this session's state."""
    return Course(st.session_state, content.learn)


def keep_widget_value(widget_key: str, session_key: str) -> None:
    """An on_change callback: copy a widget's value to a plain key, because Streamlit drops widget keys on a page
    switch and the value should still be there on the next visit."""
    st.session_state[session_key] = st.session_state[widget_key]
