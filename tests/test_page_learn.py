"""The Learn page through app.py: one lesson at a time, Previous and Next, the progress list, `?lesson=` links, and
answers that stay while the reader moves around."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from spinewell.content.load import load
from spinewell.ui import state
from tests.apptest import click, open_link, open_page, page_text, switch
from tests.test_lesson_content import FORBIDDEN, MEDICINES

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load()
LESSONS = CONTENT.learn
_SCREEN = CONTENT.questionnaire.screen
SCREEN_SIGNS = [sign.label.lower() for sign in (*_SCREEN.flags, *_SCREEN.combinations)]


def open_lesson_link(lesson_id: str) -> AppTest:
    """The app opened at /learn?lesson=<id>, as a bookmark or a shared link opens it."""
    return open_link("pages/learn.py", lesson=lesson_id)


def heading(at: AppTest) -> str:
    headers = [h.value for h in at.header]
    assert len(headers) == 1, f"expected one lesson on the page, found {headers}"
    return headers[0]


def titled(number: int) -> str:
    return f"{number}. {LESSONS[number - 1].title}"


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def test_learn_opens_on_the_first_lesson_only():
    at = open_page("pages/learn.py")
    assert heading(at) == titled(1)
    assert at.get("progress")[0].proto.text == f"Lesson 1 of {len(LESSONS)}"
    assert at.query_params["lesson"] == LESSONS[0].id
    assert LESSONS[1].body.split("\n")[0] not in page_text(at)
    assert len(at.radio) == 1
    assert "Previous" not in labels(at) and "Next lesson" in labels(at)


def test_the_progress_list_names_every_lesson_and_marks_the_open_one():
    at = open_lesson_link(LESSONS[2].id)
    listed = [b.label for b in at.expander[0].button]
    assert listed == [titled(n) for n in range(1, len(LESSONS) + 1) if n != 3]
    assert any(f"**{titled(3)}** (open now)" in m.value for m in at.expander[0].markdown)
    assert at.expander[0].label == f"All {len(LESSONS)} lessons"


def test_next_and_previous_move_through_every_lesson_and_stop_at_the_ends():
    at = open_page("pages/learn.py")
    for number in range(2, len(LESSONS) + 1):
        click(at, "Next lesson")
        assert heading(at) == titled(number)
        assert at.query_params["lesson"] == LESSONS[number - 1].id
        assert at.get("progress")[0].proto.text == f"Lesson {number} of {len(LESSONS)}"
    assert "Next lesson" not in labels(at)
    assert "That was the last lesson." in page_text(at)
    for number in range(len(LESSONS) - 1, 0, -1):
        click(at, "Previous")
        assert heading(at) == titled(number)
    assert "Previous" not in labels(at)


def test_the_next_lesson_is_named_before_the_button():
    at = open_page("pages/learn.py")
    assert f"Next: {titled(2)}" in page_text(at)


@pytest.mark.parametrize("number", [1, 5, len(LESSONS)])
def test_a_lesson_link_opens_that_lesson(number):
    lesson = LESSONS[number - 1]
    at = open_lesson_link(lesson.id)
    assert heading(at) == titled(number)
    assert at.radio(key=f"{state.QUIZ_PREFIX}{lesson.id}").options == list(lesson.quiz.options)


def test_a_link_to_no_lesson_says_so_and_opens_the_first():
    at = open_lesson_link("no-such-lesson")
    assert heading(at) == titled(1)
    assert "That lesson is not in the course" in page_text(at)
    assert at.query_params["lesson"] == LESSONS[0].id


def test_the_progress_list_opens_any_lesson():
    at = open_page("pages/learn.py")
    click(at, titled(9))
    assert heading(at) == titled(9)
    assert at.query_params["lesson"] == LESSONS[8].id


def test_answers_stay_while_the_reader_moves_and_the_list_ticks_them():
    first = LESSONS[0]
    at = open_page("pages/learn.py")
    at.radio(key=f"{state.QUIZ_PREFIX}{first.id}").set_value(first.quiz.answer).run()
    click(at, "Next lesson")
    ticked = {b.label: b.proto.icon for b in at.expander[0].button}
    assert ticked[titled(1)] == ":material/check_circle:"
    assert ticked[titled(3)] == ":material/radio_button_unchecked:"
    click(at, "Previous")
    assert at.radio(key=f"{state.QUIZ_PREFIX}{first.id}").value == first.quiz.answer
    assert any(s.value.startswith("Correct.") for s in at.success)


def test_coming_back_to_learn_reopens_the_lesson_open_last():
    at = open_page("pages/learn.py")
    click(at, "Next lesson")
    click(at, "Next lesson")
    at.query_params.clear()  # the navigation's link to Learn carries no lesson
    switch(at, "pages/exercises.py")
    at.query_params.clear()
    switch(at, "pages/learn.py")
    assert heading(at) == titled(3)


def test_only_a_move_to_another_lesson_brings_its_heading_into_view():
    def scripts(at: AppTest) -> list[str]:
        return [element.proto.body for element in at.get("html") if "<script>" in element.proto.body]  # no styles

    at = open_page("pages/learn.py")
    assert scripts(at) == []  # a first visit starts at the top anyway
    click(at, "Next lesson")
    assert len(scripts(at)) == 1 and f".st-key-lesson-{LESSONS[1].id} h2" in scripts(at)[0]
    at.radio(key=f"{state.QUIZ_PREFIX}{LESSONS[1].id}").set_value(LESSONS[1].quiz.answer).run()
    assert scripts(at) == []  # answering the question must not jump the page to the top


@pytest.mark.parametrize("section", LESSONS, ids=lambda s: s.id)
def test_no_lesson_as_drawn_makes_a_forbidden_claim_or_names_a_medicine(section):
    # What the lesson says, with what it draws from exercises.yaml, and without the screen's warning-sign boxes
    # (questionnaire.yaml's words: a sign may name a medicine someone has taken).
    at = open_lesson_link(section.id)
    text = "\n".join(e.value for e in (*at.markdown, *at.caption, *at.header, *at.info)).lower()
    for sign in SCREEN_SIGNS:
        text = text.replace(sign, "")
    assert not [phrase for phrase in FORBIDDEN if phrase in text]
    assert not [name for name in MEDICINES if name in text]


def test_evidence_notes_cite_web_pages_by_the_day_they_were_read():
    at = open_lesson_link("avoid-bed-rest")
    notes = "\n".join(box.value for box in at.info)
    nhs = CONTENT.source("nhs-back-pain")
    assert f"NHS, accessed {nhs.accessed.day} {nhs.accessed:%B %Y}" in notes
    assert "Dahm KT, Brurberg KG, Jamtvedt G, Hagen KB 2010" in notes
