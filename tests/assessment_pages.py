"""AppTest helpers for the self-assessment page: open it, tick the screen, answer and walk the questions."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from spinewell.content.load import load
from spinewell.ui import state
from tests.apptest import click, open_page

CONTENT = load()
QUESTIONNAIRE = CONTENT.questionnaire
QUESTIONS = {q.id: q for q in QUESTIONNAIRE.questions}


def open_assessment() -> AppTest:
    return open_page("pages/assessment.py")


def screen(at: AppTest, *flags: str) -> AppTest:
    """Tick the given red flags (or "none of these" when there are none) and continue."""
    for flag in QUESTIONNAIRE.screen.flags:
        at.checkbox(key=f"assess.flag.{flag.id}").set_value(flag.id in flags)
    at.checkbox(key="assess.flag.none").set_value(not flags)
    return click(at, "Continue")


def answer(at: AppTest, question_id: str, value) -> AppTest:
    question = QUESTIONS[question_id]
    key = f"assess.q.{question_id}"
    if question.kind == "choice":
        at.radio(key=key).set_value(value)
    elif question.kind == "scale":
        at.segmented_control(key=key).set_value(value)
    else:
        for option in question.options:
            at.checkbox(key=f"{key}.{option.id}").set_value(option.id in value)
        at.checkbox(key=f"{key}.none").set_value(not value)
    at.run()
    assert not at.exception, at.exception
    return at


def walk(at: AppTest, answers: dict, stop_before: str | None = None, first: int = 1) -> AppTest:
    """Answer the questions in the order of `answers` (the order they are asked; the first is question number
    `first`), pressing Next after each."""
    for number, (question_id, value) in enumerate(answers.items(), start=first):
        if question_id == stop_before:
            break
        assert step(at) == question_id
        progress = [p.proto.text for p in at.get("progress")]
        assert progress and progress[0].startswith(f"Question {number} of "), progress
        answer(at, question_id, value)
        click(at, "Next")
    return at


def step(at: AppTest) -> str:
    return at.session_state[state.ASSESS_STEP]
