"""The exercise library: an index of every exercise by type, leading to one card at a time (`?exercise=<id>`), with the
way back to the whole list and to the page the person came from (`&from=`). With a plan in the session, each card in
the plan shows this week's dose from it beside the library's starting dose, leaves out the options the plan does not
offer and says why, and says why an exercise is not in the plan."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.guide.flow import Guide
from spinewell.program.plan import Plan, build_plan
from spinewell.ui import state
from tests import today_sessions
from tests.answer_sets import MODERATE, screened
from tests.apptest import click, open_page, page_text, switch
from tests.today_sessions import open_today, with_plan

CONTENT = load()
clock = today_sessions.clock  # the fixture the session test uses (log_file is in conftest.py)
TODAY = dt.date.today()


def open_card(exercise_id: str, plan: Plan | None = None, came_from: str | None = None) -> AppTest:
    """The library opened at one exercise's link, as a lesson, a plan or a bookmark opens it."""
    at = open_page("pages/exercises.py", session={state.CHOSEN_PLAN: plan} if plan else None)
    at.query_params["exercise"] = exercise_id
    if came_from is not None:
        at.query_params["from"] = came_from
    at.run()
    assert not at.exception, at.exception
    return at


def links(at: AppTest) -> dict[str, object]:
    """The main area's page links by their label."""
    return {link.proto.label: link.proto for link in at.get("page_link")}


def card_names(at: AppTest) -> list[str]:
    """The cards on the page, by the heading of each (the index's headings are the types' names)."""
    return [h.value for h in at.header if h.value not in {t.name for t in CONTENT.exercise_types}]


def _plan(start: dt.date, **answers) -> Plan:
    return build_plan(recommend(screened({**MODERATE, **answers}), CONTENT).program, start, 6)


def _card(exercise_id: str, plan: Plan | None = None) -> str:
    return page_text(open_card(exercise_id, plan))


def test_a_card_in_the_plan_shows_this_weeks_dose_from_the_plan_beside_the_starting_dose():
    plan = _plan(TODAY - dt.timedelta(days=7))  # the plan started a week ago: this is week 2
    this_week = plan.dose_in_week("bird-dog", 2)
    assert this_week != CONTENT.exercise("bird-dog").dose.describe()  # the plan starts lower than the library
    text = _card("bird-dog", plan)
    assert f"**Starting dose:** {CONTENT.exercise('bird-dog').dose.describe()}" in text
    assert f"**Your dose this week (week 2 of 6):** {this_week}" in text
    for exercise in CONTENT.exercises:  # every card in the plan, no other
        shown = "**Your dose this week (week 2 of 6):**" in _card(exercise.id, plan)
        assert shown == (exercise.id in plan.exercise_ids()), exercise.id


def test_before_the_plan_starts_a_card_shows_the_first_weeks_dose_and_when_it_starts():
    start = TODAY + dt.timedelta(days=3)
    plan = _plan(start)
    text = _card("walking", plan)
    assert f"**Your dose in week 1 (your plan starts {start:%A} {start.day} {start:%B}):** " \
           f"{plan.dose_in_week('walking', 1)}" in text


def test_without_a_plan_cards_show_only_the_library_dose():
    for exercise_id in ("bird-dog", "childs-pose", "walking"):
        text = _card(exercise_id)
        assert "Your dose" not in text and "Not in your plan" not in text


def test_a_harder_option_the_plan_leaves_out_is_not_on_the_card_and_the_card_says_why():
    plan = _plan(TODAY, conditions=("pregnancy",))
    cool_down, hamstrings = _card("cool-down", plan), _card("hamstring-stretch", plan)
    lying_flat = CONTENT.exercise("cool-down").harder[0].text
    towel = CONTENT.exercise("hamstring-stretch").harder[1].text
    step = CONTENT.exercise("hamstring-stretch").harder[0].text
    assert lying_flat not in cool_down and towel not in hamstrings
    assert step in hamstrings  # the option that suits the person stays
    assert ":material/block: Harder option left out because of your pregnancy." in cool_down
    assert ":material/block: One harder option left out because of your pregnancy." in hamstrings
    assert lying_flat in _card("cool-down")  # the same card without a plan offers it


def test_a_card_not_in_the_plan_says_why():
    plan = _plan(TODAY, conditions=("osteoporosis",))
    assert "**Not in your plan.** Child's pose is left out because it holds your spine bent forward" in _card(
        "childs-pose", plan)
    assert "**Not in your plan.** Cool-down is swapped for Upright cool-down" in _card("cool-down", plan)
    index = open_page("pages/exercises.py", session={state.CHOSEN_PLAN: plan})
    assert "You have a plan (Foundation)" in page_text(index)
    assert f"{CONTENT.exercise('bird-dog').dose.describe()} · on the floor · in your plan" in page_text(index)


def test_something_other_than_a_plan_under_the_plan_key_is_ignored():
    at = open_page("pages/exercises.py", session={state.CHOSEN_PLAN: "a plan left over from an earlier run"})
    assert "Your dose" not in page_text(at)


# --- the index and one card at a time -----------------------------------------------------------------------------


def test_the_library_opens_as_an_index_of_every_exercise_by_type_each_a_link_to_its_card():
    at = open_page("pages/exercises.py")
    assert card_names(at) == []  # no card: a list to choose from
    groups = [h.value for h in at.header]
    assert groups == [t.name for t in CONTENT.exercise_types if CONTENT.exercises_of_type(t.id)]
    found = links(at)
    for exercise in CONTENT.exercises:
        assert found[exercise.name].page == "exercises", exercise.id
        assert found[exercise.name].query_string == f"exercise={exercise.id}"
    text = page_text(at)
    assert all(exercise.dose.describe() in text for exercise in CONTENT.exercises)
    assert at.warning == []  # the stop boxes are on the cards


def test_the_filters_narrow_the_index_and_are_kept_while_a_card_is_open():
    at = open_page("pages/exercises.py")
    at.button_group(key="library.types").set_value(["core"]).run()
    at.toggle(key="library.no_floor").set_value(True).run()
    expected = [e.name for e in CONTENT.exercises_of_type("core") if not e.needs_floor]
    assert expected and [name for name in links(at) if name in {e.name for e in CONTENT.exercises}] == expected
    at.query_params["exercise"] = "wall-plank"
    at.run()
    at.query_params.clear()  # "Back to all exercises": the library's address without an exercise
    switch(at, "pages/exercises.py")
    assert [name for name in links(at) if name in {e.name for e in CONTENT.exercises}] == expected


def test_an_exercise_link_shows_only_that_card_with_its_stop_signs_and_the_way_back_to_the_list():
    at = open_card("bird-dog")
    assert card_names(at) == ["Bird-dog"]
    exercise = CONTENT.exercise("bird-dog")
    [stop] = [box.value for box in at.warning]
    assert stop.startswith(CONTENT.stop_rules.fine) and all(f"- {sign}" in stop for sign in exercise.stop_if)
    back = [link.proto.label for link in at.get("page_link") if link.proto.label.startswith("Back")]
    assert back == ["Back to all exercises", "Back to all exercises"]  # under the heading and at the foot
    assert links(at)["Back to all exercises"].page == "exercises"
    assert links(at)["Back to all exercises"].query_string == ""
    assert any(".st-key-card-bird-dog h1, .st-key-card-bird-dog h2" in e.proto.body for e in at.get("html"))


@pytest.mark.parametrize(("came_from", "page", "label"), [
    ("lesson", "learn", "Back to your lesson"), ("session", "session", "Back to your session"),
    ("today", "today", "Back to Today"), ("program", "program", "Back to your program"),
])
def test_a_card_opened_from_another_page_offers_the_way_back_to_it(came_from, page, label):
    at = open_card("plank", came_from=came_from)
    found = [link.proto for link in at.get("page_link") if link.proto.label == label]
    assert len(found) == 2 and all(proto.page == page for proto in found)


def test_a_card_from_an_unknown_page_offers_only_the_way_back_to_the_list():
    at = open_card("plank", came_from="<script>")
    back = [link.proto.label for link in at.get("page_link") if link.proto.label.startswith("Back")]
    assert back == ["Back to all exercises"] * 2


def test_a_link_to_an_unknown_exercise_says_so_and_shows_the_list():
    at = open_card("no-such-exercise")
    assert "That exercise is not in the library" in at.warning[0].value
    assert card_names(at) == [] and set(links(at)) >= {e.name for e in CONTENT.exercises}


def test_a_lessons_exercise_links_open_the_card_with_the_way_back_to_the_lesson():
    at = open_page("pages/learn.py")
    at.query_params["lesson"] = "building-a-routine"
    at.run()
    to_library = [link.proto for link in at.get("page_link") if link.proto.page == "exercises"]
    assert to_library and all(proto.query_string.endswith("&from=lesson") for proto in to_library)


def test_a_guided_sessions_step_links_to_the_whole_card_with_the_way_back_to_the_session(clock, log_file):
    at = click(open_today(with_plan()), "Start")
    at.switch_page("pages/session.py")
    at.run()
    [link] = [link.proto for link in at.get("page_link") if link.proto.page == "exercises"]
    step = Guide.under_way(at.session_state, at.session_state[state.CHOSEN_PLAN]).steps[0]
    assert link.query_string == f"exercise={step.exercise_id}&from=session"
