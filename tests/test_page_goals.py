"""Personal goals under AppTest: named and rated on the assessment's result, their trend on the Log page, rated again
in the weekly review (whose reasons then say so), and kept in the profile for the next visit."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from spinewell.assessment import steps
from spinewell.storage import keys
from spinewell.ui import state
from spinewell.ui.widgets import literal
from tests import today_sessions
from tests.answer_sets import MODERATE_WITH_POOL
from tests.apptest import click, figures, open_page, page_text, switch
from tests.today_sessions import MONDAY, WEDNESDAY, open_today, with_plan

clock = today_sessions.clock  # the fixture these tests use (log_file is in conftest.py)
RESULT = {state.SCREEN: (), state.ANSWERS: dict(MODERATE_WITH_POOL), state.ASSESS_STEP: steps.RESULT}
FILM = "sitting through a film"


def film_goal(*scores: int, start: dt.date = MONDAY) -> list[dict]:
    """keys.GOALS with one goal rated `scores`, a week apart from `start`."""
    return [{"id": "goal-1", "name": FILM, "ratings": [
        {"date": (start + dt.timedelta(weeks=number)).isoformat(), "score": score}
        for number, score in enumerate(scores)]}]


def add_goal(at, name: str, score: int, where: str = "goals.result"):
    at.text_input(key=f"{where}.new.name").set_value(name)
    at.select_slider(key=f"{where}.new.score").set_value(score)
    return click(at, "Add this goal")


def rating_slider(at, where: str):
    return next(s for s in at.select_slider if s.key.startswith(f"{where}.rate.goal-1."))


def test_the_result_asks_for_goals_and_a_named_and_rated_goal_is_kept(clock):
    at = open_page("pages/assessment.py", session=RESULT)
    assert "### What would you like to get back to?" in page_text(at)
    assert at.select_slider(key="goals.result.new.score").options == [
        "0: cannot do it", *map(str, range(1, 10)), "10: as well as before"]
    at = add_goal(at, f"  {FILM} ", 3)
    assert at.session_state[keys.GOALS] == film_goal(3, start=WEDNESDAY)
    assert "Goal added." in at.success[-1].value
    assert rating_slider(at, "goals.result").label == f"{literal(FILM)} (last time: 3)"
    assert at.text_input(key="goals.result.new.name").value == ""  # ready for the next one
    assert [b.label for b in at.button if b.proto.type == "primary"] == ["See your week-by-week plan"]


def test_a_goal_without_a_name_says_what_to_do_and_saves_nothing(clock):
    at = add_goal(open_page("pages/assessment.py", session=RESULT), "   ", 3)
    assert "Type the activity your back makes hard" in at.error[0].value
    assert keys.GOALS not in at.session_state


def test_after_three_goals_no_fourth_is_offered(clock):
    at = open_page("pages/assessment.py", session=RESULT)
    for name in ("lifting my grandchild", FILM, "gardening"):
        at = add_goal(at, name, 4)
    assert len(at.session_state[keys.GOALS]) == 3
    assert "Add this goal" not in [b.label for b in at.button]
    assert "You have 3 goals, the most Spinewell keeps. Remove one to add another." in page_text(at)


def test_the_log_shows_each_goals_trend_with_its_sentence_and_numbers(clock):
    at = open_page("pages/log.py", session={keys.GOALS: film_goal(3, 5, 6)})
    assert "Your goals" in [h.value for h in at.header]
    text = page_text(at)
    assert f"**Goal 1: {literal(FILM)}**" in text
    assert "Up 3 points since you started: a real change. You rated it 3 at first and 6 most recently." in text
    spec, alt = figures(at)["Goal 1: your ratings over time"]
    assert spec["data"][1]["y"] == [3, 5, 6] and "3 ratings for sitting through a film" in alt
    table = next(frame.value for frame in at.dataframe if "Rating (0-10)" in frame.value.columns)
    assert table["Rating (0-10)"].tolist() == [3, 5, 6]
    assert table["Change since first"].tolist() == ["-", "+2", "+3"]
    assert "about 2 points or more is a real change" in text


def test_a_goal_named_in_markup_is_shown_as_typed_on_the_log(clock):
    typed = "**loud** <b>gardening</b> [link](https://example.com)"
    stored = [{"id": "goal-1", "name": typed, "ratings": [{"date": "2026-03-02", "score": 2}]}]
    at = open_page("pages/log.py", session={keys.GOALS: stored})
    text = page_text(at)
    assert f"**Goal 1: {literal(typed)}**" in text and "**loud**" not in text
    spec, alt = figures(at)["Goal 1: your ratings over time"]
    assert typed in alt and typed not in str(spec["layout"])  # the alt text is plain text; the figure has no name


def test_a_rating_again_the_same_day_on_the_log_replaces_the_first(clock):
    at = open_page("pages/log.py", session={keys.GOALS: film_goal(3, start=WEDNESDAY)})
    rating_slider(at, "goals.log").set_value(5)
    at = click(at, "Save my ratings")
    assert at.session_state[keys.GOALS][0]["ratings"] == [{"date": WEDNESDAY.isoformat(), "score": 5}]


def test_the_weekly_review_asks_the_ratings_again_and_its_reasons_say_what_changed(clock, log_file):
    at = open_today({**with_plan(), keys.GOALS: film_goal(3)})  # rated 3 on the plan's first day
    assert "### How did week 1 go?" in page_text(at)
    assert f"- You rated “{literal(FILM)}” 3." in page_text(at)
    rating_slider(at, "today.review.1.goals").set_value(6)
    at = click(at, "Save my ratings")
    assert f"You rated “{literal(FILM)}” 6, up from 3: a real change." in page_text(at)
    assert at.session_state[keys.GOALS][0]["ratings"][-1] == {"date": WEDNESDAY.isoformat(), "score": 6}
    assert [b.label for b in at.button if b.proto.type == "primary"] == ["Start"]


def profile_path() -> Path:
    return Path(os.environ["SPINEWELL_DATA"]) / "profile.json"


def test_goals_named_in_one_session_are_there_in_the_next(clock):
    add_goal(open_page("pages/assessment.py", session=RESULT), FILM, 3)
    assert json.loads(profile_path().read_bytes())["data"][keys.GOALS] == film_goal(3, start=WEDNESDAY)
    again = switch(open_page(), "pages/log.py")  # a new session: only the data folder carries over
    assert again.session_state[keys.GOALS] == film_goal(3, start=WEDNESDAY)
    assert "You rated it 3 out of 10 on 11 March 2026." in page_text(again)


def test_a_goal_is_renamed_with_its_ratings_and_removed_only_after_a_yes(clock):
    at = open_page("pages/log.py", session={keys.GOALS: film_goal(3, 5)})
    at.text_input(key="goals.log.rename.goal-1").set_value("  film night ")
    at = click(at, "Rename")
    assert at.session_state[keys.GOALS] == [{**film_goal(3, 5)[0], "name": "film night"}]
    at = click(at, "Remove")
    assert "Remove this goal and its 2 ratings? This cannot be undone." in at.warning[-1].value
    assert len(at.session_state[keys.GOALS]) == 1  # nothing gone yet
    at = click(at, "Keep it")
    assert len(at.session_state[keys.GOALS]) == 1 and "Yes, remove it" not in [b.label for b in at.button]
    at = click(click(at, "Remove"), "Yes, remove it")
    assert at.session_state[keys.GOALS] == [] and "Goal removed." in at.success[0].value
    assert "Name up to 3 everyday things your back makes hard" in page_text(at)


def test_a_rename_to_nothing_says_what_to_do_and_keeps_the_name(clock):
    at = open_page("pages/log.py", session={keys.GOALS: film_goal(3)})
    at.text_input(key="goals.log.rename.goal-1").set_value("")
    at = click(at, "Rename")
    assert "Type the activity your back makes hard" in at.error[0].value
    assert at.session_state[keys.GOALS] == film_goal(3)
