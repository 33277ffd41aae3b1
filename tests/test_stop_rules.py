"""When to stop is written once, in exercises.yaml: every exercise card, the library's introduction, the printable plan
and the calendar show that one wording, so an edit there shows everywhere; and the wording does not teach fear."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.program import exports
from spinewell.program.plan import build_plan
from spinewell.ui import state
from tests.answer_sets import MODERATE, screened
from tests.apptest import open_page, page_text
from tests.content_edits import edit_yaml

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load()
EDITED = {
    "fine": "Edited: a little ache that fades by tomorrow is fine.",
    "title": "Edited: stop and ask for advice if",
    "signs": ["edited sign one", "edited sign two"],
}


@pytest.fixture()
def reworded(content_copy: Path, monkeypatch: pytest.MonkeyPatch):
    edit_yaml(content_copy, "exercises", lambda d: d["stop_rules"].update(EDITED))
    monkeypatch.setenv("SPINEWELL_CONTENT", str(content_copy))
    content = load(content_copy)
    plan = build_plan(recommend(screened(MODERATE), content).program, dt.date(2026, 3, 2), 6)
    return content, plan


def _original_wording_in(text: str) -> list[str]:
    rules = CONTENT.stop_rules
    return [line for line in (rules.fine, rules.title, *rules.signs) if line in text]


def test_the_printable_plan_shows_the_edited_stop_rules(reworded):
    content, plan = reworded
    page = exports.plan_html(plan, disclaimer="Disclaimer.").decode()
    assert f"{EDITED['fine']}<br><strong>{EDITED['title']}</strong><ul><li>edited sign one</li>" \
           "<li>edited sign two</li></ul>" in page.replace("\n", "")
    assert _original_wording_in(page) == []


def test_every_calendar_event_shows_the_edited_stop_rules(reworded):
    _, plan = reworded
    events = icalendar.Calendar.from_ical(exports.plan_ics(plan)).walk("VEVENT")
    descriptions = [str(event["DESCRIPTION"]) for event in events]
    sentence = f"{EDITED['fine']} {EDITED['title']} edited sign one; or edited sign two."
    assert len(descriptions) == len({session.date for session in plan.sessions})  # one event a day
    assert all(sentence in description.splitlines() for description in descriptions)
    assert _original_wording_in("\n".join(descriptions)) == []


def test_every_card_and_the_library_introduction_show_the_edited_stop_rules(reworded):
    content, plan = reworded
    at = open_page("pages/exercises.py", session={state.CHOSEN_PLAN: plan})
    assert EDITED["fine"] in at.caption[0].value
    assert _original_wording_in(page_text(at)) == []
    for exercise in content.exercises:  # one card at a time (issue 11): each card's stop box
        at.query_params["exercise"] = exercise.id
        at.run()
        [box] = [box.value for box in at.warning]
        assert box.startswith(f"{EDITED['fine']}\n\n**{EDITED['title']}**\n- edited sign one\n- edited sign two")
        assert _original_wording_in(page_text(at)) == [], exercise.id


def test_an_exercises_own_signs_follow_the_shared_ones_on_its_card():
    at = open_page("pages/exercises.py")
    at.query_params["exercise"] = "bird-dog"
    at.run()
    box = next(b.value for b in at.warning if "wrists or knees" in b.value)
    shared, own = box.split("**Also with this exercise**")
    assert all(sign in shared for sign in CONTENT.stop_rules.signs)
    assert CONTENT.exercise("bird-dog").stop_if[0] in own


def test_no_code_writes_the_stop_wording_itself():
    code = [*ROOT.glob("pages/*.py"), *ROOT.glob("spinewell/**/*.py"), ROOT / "app.py"]
    phrases = ("settles within", "does not ease when", "keeps building", "worse the next morning",
               "spreading down a leg", "mild soreness", "sharp or worsening pain")  # the old constants' words too
    for path in code:
        source = path.read_text(encoding="utf-8").lower()
        assert not [p for p in phrases if p in source], f"{path.relative_to(ROOT)} writes stop wording itself"


# --- what the wording says (O'Sullivan 2020; EVIDENCE.md) --------------------------------------------------------


def test_the_stop_rules_say_what_is_fine_first_then_the_four_signs():
    rules = CONTENT.stop_rules
    assert "settles within a day" in rules.fine and "does no harm" in rules.fine
    signs = " ".join(rules.signs)
    for sign in ("sharp pain that does not ease when you stop", "keeps building", "clearly worse the next morning",
                 "numbness or tingling spreading down a leg", "dizzy"):
        assert sign in signs


def test_no_card_teaches_fear_of_ordinary_discomfort():
    for exercise in CONTENT.exercises:
        text = " ".join((*exercise.stop_if, *exercise.mistakes)).lower()
        for fearful in ("any pain", "sharp pain in your back", "aches more and more", "damage", "injure"):
            assert fearful not in text, (exercise.id, fearful)


def test_sciatica_eases_off_when_pain_spreads_further_and_welcomes_pain_moving_back_up():
    sciatica = next(c for c in CONTENT.programs.tailoring.conditions if c.answer == "disc-sciatica")
    advice = " ".join(sciatica.modifications)
    assert "further down your leg, ease off" in advice
    assert "moves back up towards your back is a good sign" in advice


def test_standing_exercises_hold_a_chair_or_wall_by_default():
    for exercise in CONTENT.exercises:
        texts = [(" ".join(exercise.steps), exercise.asks)]
        texts += [(o.text, o.asks) for o in (*exercise.easier, *exercise.harder)]
        for text, asks in texts:
            if "standing" in asks:
                assert any(word in text for word in ("chair", "wall", "worktop")), exercise.id


def test_sit_to_stand_uses_the_arms_before_crossing_them():
    sit_to_stand = CONTENT.exercise("sit-to-stand")
    steps = " ".join(sit_to_stand.steps)
    assert "armrests" in steps and "helping with your hands" in steps
    assert "cross your arms" not in steps.lower()
    assert any("cross your arms" in option.text for option in sit_to_stand.harder)
