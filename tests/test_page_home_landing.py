"""Opening the app: a returning person with a plan lands on Today on the session's first run; Home stays reachable
from the menu; a new person, and a person whose result sends them to a doctor, land on Home, whose one first step is
the check (for a returning person, Today). (The browser journey
in tests/e2e/test_follow_the_program.py checks the same landing with a real server and a closed browser.)"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from spinewell.content.load import load
from spinewell.ui import navigation
from tests.answer_sets import MODERATE_WITH_POOL
from tests.apptest import ROOT, click, page_text, switch
from tests.assessment_pages import open_assessment, screen, walk


def opened_at_its_address() -> AppTest:
    """A new browser session on the app's root URL, over the data folder an earlier visit left."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_returning_person_with_a_plan_lands_on_today_and_can_still_open_home():
    click(walk(screen(open_assessment()), MODERATE_WITH_POOL), "See my result")
    at = opened_at_its_address()
    assert at.title[0].value == "Today"
    switch(at, "pages/home.py")  # later in the same visit, from the menu: Home, with its way to Today
    assert at.title[0].value == "Spinewell" and "**Welcome back.**" in page_text(at)


def test_a_new_person_lands_on_home():
    at = opened_at_its_address()
    assert at.title[0].value == "Spinewell" and "Welcome back" not in page_text(at)


def test_a_person_sent_to_a_doctor_lands_on_home_not_on_a_plan():
    screen(open_assessment(), "chest-pain")
    at = opened_at_its_address()
    assert at.title[0].value == "Spinewell" and "Welcome back" not in page_text(at)


def test_a_new_persons_first_step_is_the_check_as_the_first_button_and_it_opens_the_assessment():
    at = opened_at_its_address()
    first = at.button[0]
    assert (first.label, first.proto.type) == ("Start: a 3-minute check, then your plan", "primary")
    assert [b.label for b in at.button if b.proto.type == "primary"] == [first.label]  # the one clear first step
    first.click().run()
    assert at.title[0].value == load().questionnaire.title


def test_a_returning_persons_first_step_on_home_is_today_not_the_check():
    click(walk(screen(open_assessment()), MODERATE_WITH_POOL), "See my result")
    at = switch(opened_at_its_address(), "pages/home.py")
    assert at.button[0].label == "Go to today"
    assert "Start: a 3-minute check, then your plan" not in [b.label for b in at.button]


def test_the_other_ways_in_are_cards_each_one_link():
    at = opened_at_its_address()
    links = [(link.proto.page, link.proto.label) for link in at.get("page_link")]
    assert links == [(entry.path.removeprefix("pages/").removesuffix(".py"), entry.way_in)
                     for entry in navigation.ways_in()]
