"""The disclaimer, the emergency line and the warning signs are written once, in questionnaire.yaml: the sidebar,
Home, About and the Learn lesson on getting help all draw that one source, so an edit there shows on every page."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinewell.content.load import load
from spinewell.ui import navigation
from tests.apptest import open_page, page_text, sidebar_text
from tests.assessment_pages import screen as tick
from tests.content_edits import edit_yaml

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load()
DISCLAIMER = "Edited disclaimer: this app does not diagnose anything."
EMERGENCY = "Edited emergency line: call your emergency number."
ADULTS = "Edited: for grown-ups only."
LEVELS = ("emergency", "same_day", "urgent", "surgical_team", "routine")
SIGNS = {level: f"Edited {level} sign" for level in ("emergency", "same_day", "urgent", "routine")}
TITLES = {level: f"Edited {level} title" for level in LEVELS}
CALLS = {"emergency": "[Edited: ring 999](tel:999)", "same_day": "[Edited: ring 111](tel:111)"}
# Words that only the safety wording uses: a page or widget holding one is writing that wording itself.
SAFETY_WORDS = ("does not diagnose", "genital", "bladder", "emergency number", "emergency department")
# Where each level's list of warning signs is drawn on About and in the lesson.
BOX_OF_LEVEL = {"emergency": "error", "same_day": "warning", "urgent": "warning", "routine": "info"}


@pytest.fixture()
def reworded(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the content with new safety wording, which the app under test reads."""

    def reword(data: dict) -> None:
        data["safety"].update(disclaimer=DISCLAIMER, emergency=EMERGENCY, adults_only=ADULTS)
        flags = [flag for group in data["screen"]["groups"] for flag in group["flags"]]
        for level, label in SIGNS.items():
            next(flag for flag in flags if flag.get("level") == level)["label"] = label
        for advice in data["screen"]["advice"]:
            advice["title"] = TITLES[advice["level"]]
            if advice["level"] in CALLS:
                advice["call"] = CALLS[advice["level"]]

    edit_yaml(content_copy, "questionnaire", reword)
    monkeypatch.setenv("SPINEWELL_CONTENT", str(content_copy))
    return content_copy


def _boxes(at, kind: str) -> list[str]:
    return [box.value for box in getattr(at, kind)]


def _box_titled(at, level: str) -> str:
    """The one box on the page headed by `level`'s advice title (the test fails if there is not exactly one)."""
    found = [box for box in _boxes(at, BOX_OF_LEVEL[level]) if box.startswith(f"**{TITLES[level]}**")]
    assert len(found) == 1, f"{level}: {found}"
    return found[0]


@pytest.mark.parametrize("page", [entry.path for entry in navigation.PAGES])
def test_every_sidebar_shows_the_disclaimer_and_emergency_line_from_the_questionnaire(reworded, page):
    sidebar = sidebar_text(open_page(page))
    assert DISCLAIMER in sidebar and f"{EMERGENCY} **{CALLS['emergency']}**" in sidebar
    assert CONTENT.questionnaire.safety.disclaimer not in sidebar


@pytest.mark.parametrize("page", [entry.path for entry in navigation.PAGES])
def test_every_page_shows_the_emergency_line_and_its_call_link_in_its_main_column(reworded, page):
    # On a phone the sidebar is closed: the line must also be in the main column (issue 11). The browser test
    # tests/e2e/test_phone_layout.py checks that it shows at the foot.
    at = open_page(page)
    lines = [m.value for m in at.main.markdown if EMERGENCY in m.value]
    assert lines == [f":material/emergency: {EMERGENCY} **{CALLS['emergency']}**"]


def test_home_says_what_the_app_is_not_and_who_it_is_for_in_the_questionnaires_words(reworded):
    text = page_text(open_page("pages/home.py"))
    assert f"{DISCLAIMER} {EMERGENCY} **{CALLS['emergency']}**" in text
    assert ADULTS in text
    assert CONTENT.questionnaire.safety.emergency not in text


@pytest.mark.parametrize("page", ["pages/about.py", "pages/learn.py"])
def test_the_warning_signs_are_the_screens_flags_and_combinations_under_each_levels_title(reworded, page):
    at = open_page(page)
    if page == "pages/learn.py":  # one lesson at a time: the signs are in the lesson on getting help
        at.query_params["lesson"] = "getting-help"
        at.run()
    screen = load(reworded).questionnaire.screen
    for level in BOX_OF_LEVEL:
        box = _box_titled(at, level)
        assert SIGNS[level] in box
        assert all(f"- {flag.label}" in box for flag in screen.flags_at(level))
        assert all(f"- {combination.label}" in box for combination in screen.combinations_at(level))
        others = [flag for flag in screen.flags if flag.level != level]
        assert not any(f"- {flag.label}\n" in box + "\n" for flag in others), level
        assert ("](tel:" in box) == (level in CALLS)
        assert level not in CALLS or f"**{CALLS[level]}**" in box
    assert CONTENT.questionnaire.screen.flags[0].label not in page_text(at)


def test_the_emergency_call_link_reads_the_same_on_the_result_the_pages_and_the_sidebar(reworded):
    shown = f"**{CALLS['emergency']}**"
    result = tick(open_page("pages/assessment.py"), "chest-pain")
    assert shown in _boxes(result, "error")[0] and shown in sidebar_text(result)
    about, learn = open_page("pages/about.py"), open_page("pages/learn.py")
    learn.query_params["lesson"] = "getting-help"  # one lesson at a time: the signs are in the lesson on getting help
    learn.run()
    for page in (about, learn):
        assert shown in _box_titled(page, "emergency")


def test_about_states_the_disclaimer_from_the_questionnaire(reworded):
    assert DISCLAIMER in page_text(open_page("pages/about.py"))


def test_no_code_writes_the_safety_wording_itself():
    code = [*ROOT.glob("pages/*.py"), *ROOT.glob("spinewell/**/*.py"), ROOT / "app.py"]
    assert len(code) > 20
    for path in code:
        source = path.read_text(encoding="utf-8").lower()
        found = [word for word in SAFETY_WORDS if word in source]
        assert not found, f"{path.relative_to(ROOT)} writes safety wording itself: {found}"


def test_no_lesson_lists_the_warning_signs_in_its_own_words():
    labels = [flag.label.lower() for flag in CONTENT.questionnaire.screen.flags]
    for section in CONTENT.learn:
        quiz = section.quiz
        text = " ".join([section.summary, section.body, *(f"{p.title} {p.text}" for p in section.points),
                         *(note.text for note in section.evidence_notes), quiz.question, *quiz.options,
                         quiz.explanation]).lower()
        assert not any(word in text for word in ("genital", "bladder", "bowel", *SAFETY_WORDS)), section.id
        assert not any(label in text for label in labels), section.id
    assert [s.id for s in CONTENT.learn if s.show_warning_signs] == ["getting-help"]


def test_the_getting_help_question_sends_the_reader_to_the_screens_boxes():
    # The signs are drawn from questionnaire.yaml above the question; the question asks what to do about one, so
    # it stays right whatever the screen's wording and levels are.
    quiz = next(s for s in CONTENT.learn if s.id == "getting-help").quiz
    assert "box" in quiz.question and "box" in quiz.answer and "how soon" in quiz.answer
