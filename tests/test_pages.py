"""Every page renders under AppTest and shows what a reader comes for; Learn's questions give the right feedback."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from spinewell.content.load import load
from spinewell.ui import navigation
from tests.apptest import open_link, open_page, page_text, sidebar_text

ROOT = Path(__file__).resolve().parents[1]
NAVIGATION = [entry.path for entry in navigation.PAGES]
CONTENT = load()


@pytest.mark.parametrize("page", NAVIGATION)
def test_every_page_renders_without_exception(page):
    at = open_page(page)
    assert not at.exception, at.exception
    assert at.title, f"{page} has no title"


@pytest.mark.parametrize("page", NAVIGATION)
def test_every_page_carries_the_disclaimer_and_the_emergency_signs_in_the_sidebar(page):
    sidebar = sidebar_text(open_page(page))
    assert "does not diagnose" in sidebar
    assert "emergency" in sidebar


def test_home_says_what_the_app_is_not_and_links_only_to_pages_that_exist():
    at = open_page("pages/home.py")
    text = page_text(at)
    assert "does not diagnose" in text
    assert "Where would you like to start?" in text
    # "At a glance" is a list of small cards rather than a table, so it fits a 320 px phone (issue 11)
    glance = [m.value for m in at.markdown if m.value.startswith("**") and "*How often:*" in m.value]
    assert glance == [f"**{t.name}**  \n{t.main_benefit}  \n*How often:* {t.frequency}"
                      for t in CONTENT.compared_types()]
    assert not at.table


def _learn_at(lesson_id: str) -> AppTest:
    return open_link("pages/learn.py", lesson=lesson_id)


def test_learn_lists_every_lesson_and_the_types_lesson_shows_the_comparison_table():
    at = open_page("pages/learn.py")
    listed = [b.label for b in at.expander[0].button]
    assert listed == [f"{n}. {s.title}" for n, s in enumerate(CONTENT.learn, start=1)][1:]
    assert [h.value for h in at.header] == [f"1. {CONTENT.learn[0].title}"]
    assert not at.table  # one lesson at a time: the table belongs to the types lesson
    at = _learn_at(next(s.id for s in CONTENT.learn if s.show_comparison))
    frequencies = [row for table in at.table for row in table.value.get("Recommended frequency", [])]
    assert frequencies == [t.frequency for t in CONTENT.compared_types()]


@pytest.mark.parametrize("section", CONTENT.learn, ids=lambda s: s.id)
def test_learn_question_gives_immediate_feedback(section):
    at = _learn_at(section.id)
    question = at.radio(key=f"spinewell.quiz.{section.id}")
    assert question.value is None
    assert list(question.options) == list(section.quiz.options)

    wrong = next(option for option in section.quiz.options if option != section.quiz.answer)
    question.set_value(wrong).run()
    assert any(section.quiz.explanation in w.value and section.quiz.answer in w.value for w in at.warning)
    assert not any(s.value.startswith("Correct.") for s in at.success)

    at.radio(key=f"spinewell.quiz.{section.id}").set_value(section.quiz.answer).run()
    assert any(s.value.startswith("Correct.") and section.quiz.explanation in s.value for s in at.success)
    assert not any(w.value.startswith("Not quite") for w in at.warning)


def test_exercise_library_lists_every_exercise_with_dose_and_each_card_its_stop_signs():
    # The library is an index leading to one card at a time (issue 11): the dose is in the index, the stop signs
    # on each card.
    at = open_page("pages/exercises.py")
    text = page_text(at)
    assert f"Showing {len(CONTENT.exercises)} of {len(CONTENT.exercises)} exercises." in text
    assert all(exercise.dose.describe() in text for exercise in CONTENT.exercises)
    rules = CONTENT.stop_rules
    for exercise in CONTENT.exercises:
        at.query_params["exercise"] = exercise.id
        at.run()
        [box] = [box.value for box in at.warning]  # one stop box on the card, with every shared sign
        assert box.startswith(rules.fine) and all(f"- {sign}" in box for sign in rules.signs)
        assert all(f"- {sign}" in box for sign in exercise.stop_if), exercise.id
        assert exercise.dose.describe() in page_text(at)


def _listed(at: AppTest) -> list[str]:
    names = {e.name for e in CONTENT.exercises}
    return [link.proto.label for link in at.get("page_link") if link.proto.label in names]


def test_exercise_library_filters_by_type_and_floor():
    at = open_page("pages/exercises.py")
    at.button_group(key="library.types").set_value(["core"]).run()
    assert _listed(at) == [e.name for e in CONTENT.exercises_of_type("core")]
    at.toggle(key="library.no_floor").set_value(True).run()
    expected = [e.name for e in CONTENT.exercises_of_type("core") if not e.needs_floor]
    assert _listed(at) == expected
    if not expected:
        assert "No exercise matches these filters" in page_text(at)


def test_exercise_link_opens_that_card_alone():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    at.switch_page("pages/exercises.py")
    at.query_params["exercise"] = "cat-cow"
    at.run()
    assert [h.value for h in at.header] == [CONTENT.exercise("cat-cow").name]
    assert _listed(at) == []


def test_about_lists_every_source_and_the_privacy_promise():
    at = open_page("pages/about.py")
    text = page_text(at)
    for source in CONTENT.sources:
        assert source.title in text
    assert "no requests to other websites" in text
    assert "not** a validated clinical score" in text


def test_broken_content_shows_the_file_and_field_instead_of_a_traceback(content_copy, monkeypatch):
    (content_copy / "sources.yaml").write_text("sources:\n  - id: x\n    title: [oops\n", encoding="utf-8")
    monkeypatch.setenv("SPINEWELL_CONTENT", str(content_copy))
    at = open_page("pages/home.py")
    assert not at.exception
    message = at.error[0].value
    assert "sources.yaml" in message and "(syntax)" in message
