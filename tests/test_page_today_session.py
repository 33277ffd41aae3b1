"""The guided session under AppTest: Next through to Done writes the diary, Skip and Back, the check-in saved to the
profile and the diary, and a diary that can't take the entry left as it was."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from spinewell.guide.flow import CHECK_IN, GUIDE
from spinewell.storage import keys
from spinewell.ui import state
from tests import today_sessions
from tests.apptest import click, open_page, page_text
from tests.today_sessions import diary_rows, open_today, with_plan

clock = today_sessions.clock  # the fixture these tests use (log_file is in conftest.py)

CORE_STEPS = 9  # warm-up, bridge, three plank holds with two rests, bird-dog, cool-down


def started() -> AppTest:
    """Today's Start pressed. Its st.switch_page shows the session in that run; AppTest only follows a switch made
    by the test, so the test switches too, as the browser's address would have."""
    at = click(open_today(with_plan()), "Start")
    at.switch_page("pages/session.py")
    return at


def through_to_the_end(at: AppTest) -> AppTest:
    for _ in range(CORE_STEPS):
        at = click(at, "Next")
    return at


def test_each_step_shows_its_drawing_its_dose_and_a_timer_or_a_rep_count(clock, log_file):
    at = click(started(), "Next")
    assert at.header[0].value == "Bridge"
    assert at.success[0].value == "Do 11 reps."
    assert at.get("imgs") or at.get("image")
    at = click(at, "Next")
    assert (at.header[0].value, at.caption[0].value) == ("Plank", "Set 1 of 3")
    assert at.success[0].value == "Hold for 22 seconds."
    at = click(at, "Next")
    assert at.header[0].value == "Rest"


def test_next_through_to_done_writes_the_session_to_the_diary_then_asks_for_the_check_in(clock, log_file):
    at = through_to_the_end(started())
    assert at.header[0].value == "That is the session"
    assert "You did 7 of 7 exercise steps." in page_text(at)
    assert diary_rows(log_file) == []  # nothing is written before Done
    at = click(at, "Done")
    (row,) = diary_rows(log_file)
    assert (row["date"], row["exercise"], row["minutes"], row["pain"]) == ("2026-03-11", "Core strengthening", "14", "")
    assert row["notes"] == "Guided session: Warm-up, Bridge, Plank, Bird-dog, Cool-down."
    assert at.title[0].value == "How was it?"
    assert "Saved to your diary: 11 Mar 2026, Core strengthening 14 min." in at.success[0].value
    assert GUIDE not in at.session_state


def test_skip_leaves_a_step_out_of_the_diary_and_back_returns_to_it(clock, log_file):
    at = click(click(started(), "Next"), "Skip")  # the bridge skipped
    assert at.header[0].value == "Plank"
    at = click(at, "Back")
    assert at.header[0].value == "Bridge"
    at = click(at, "Skip")
    for _ in range(CORE_STEPS - 2):
        at = click(at, "Next")
    at = click(at, "Done")
    (row,) = diary_rows(log_file)
    assert row["notes"] == "Guided session: Warm-up, Plank, Bird-dog, Cool-down. Skipped: Bridge."
    assert int(row["minutes"]) < 14


def test_the_check_in_is_saved_to_the_profile_and_the_pain_to_the_diary_and_today_ticks_the_session(clock, log_file):
    at = click(through_to_the_end(started()), "Done")
    at.select_slider(key="session.check_in.pain").set_value(3)
    at.button_group(key="session.check_in.felt").set_value("about_right")
    at = click(at, "Save")
    assert at.session_state[keys.CHECKINS] == [
        {"date": "2026-03-11", "type": "core", "pain": 3, "felt": "about_right", "guided": True}]
    session_row, pain_row = diary_rows(log_file)
    assert (pain_row["pain"], pain_row["exercise"]) == ("3", "")
    assert pain_row["notes"] == "Check-in after the core strengthening session: about right."
    assert at.title[0].value == "Today"
    assert "your check-in is saved" in at.success[0].value
    assert at.get("progress")[0].proto.text == "1 of 15 sessions done this week"
    assert "Starts your stretching and flexibility session" in page_text(at)


def test_a_check_in_without_how_it_felt_asks_for_it_and_saves_nothing(clock, log_file):
    at = click(through_to_the_end(started()), "Done")
    at.select_slider(key="session.check_in.pain").set_value(6)
    at = click(at, "Save")
    assert "Pick how the session felt" in at.error[0].value
    assert keys.CHECKINS not in at.session_state
    assert len(diary_rows(log_file)) == 1  # the session only, no pain entry


def test_it_hurt_brings_the_stop_rules_to_today(clock, log_file):
    at = click(through_to_the_end(started()), "Done")
    at.button_group(key="session.check_in.felt").set_value("it_hurt")
    at = click(at, "Save")
    assert at.session_state[keys.CHECKINS][0]["pain"] is None
    assert "Stop and get advice from a GP or physiotherapist if" in at.warning[0].value
    assert len(diary_rows(log_file)) == 1


def test_skipping_the_check_in_keeps_the_session_and_saves_no_check_in(clock, log_file):
    at = click(click(through_to_the_end(started()), "Done"), "Skip the check-in")
    assert at.title[0].value == "Today" and keys.CHECKINS not in at.session_state
    assert CHECK_IN not in at.session_state and len(diary_rows(log_file)) == 1


def test_leaving_keeps_the_place_and_start_carries_on_from_it(clock, log_file):
    at = click(click(click(started(), "Next"), "Next"), "Leave for now")
    assert at.title[0].value == "Today"
    at.switch_page("pages/today.py")
    at = click(at, "Start")
    assert (at.header[0].value, at.get("progress")[0].proto.text) == ("Plank", "Step 3 of 9")


def test_with_local_saving_off_the_session_is_kept_for_this_visit(clock, monkeypatch):
    monkeypatch.setenv("SPINEWELL_LOG", "off")
    at = click(through_to_the_end(started()), "Done")
    (entry,) = at.session_state[state.LOG_SESSION_ROWS]["session"]
    assert (entry.exercise, entry.minutes) == ("Core strengthening", 14)
    assert "Download it from the Log page to keep it." in at.success[0].value


def test_a_diary_in_another_format_is_not_changed_and_the_session_stays_open(clock, log_file):
    other = b"Date;Pain (0-10)\n02/03/2026;5\n"
    log_file.write_bytes(other)
    at = click(through_to_the_end(started()), "Done")
    assert "isn't in Spinewell's own format" in at.error[0].value
    assert log_file.read_bytes() == other
    assert at.header[0].value == "That is the session" and GUIDE in at.session_state


def test_the_session_page_without_a_session_under_way_points_to_today(clock, log_file):
    at = open_page("pages/session.py", session=with_plan())
    assert "No session is under way" in at.info[0].value
    assert [link.proto.page for link in at.get("page_link")] == ["today"]


def test_a_check_in_left_unanswered_does_not_stand_in_the_way_of_the_next_session(clock, log_file):
    at = click(through_to_the_end(started()), "Done")
    assert at.title[0].value == "How was it?"
    at.switch_page("pages/today.py")  # the person opens Today from the menu instead
    at.run()
    at = click(at, "Start")
    assert (at.title[0].value, at.header[0].value) == ("Stretching and flexibility", "Hamstring stretch")
    assert CHECK_IN not in at.session_state


def test_a_rest_says_what_comes_next_and_its_timer_does_not_ask_to_get_in_position(clock, log_file):
    at = click(click(click(started(), "Next"), "Next"), "Next")  # warm-up, bridge, plank set 1: the first rest
    assert (at.header[0].value, at.caption[0].value) == ("Rest", "Next: Plank, set 2 of 3")
    (rest,) = [json.loads(node.proto.json) for node in at.get("bidi_component")]
    assert rest["label"] == "Rest before the plank, set 2 of 3"
    assert rest["caption"] == "Press Start to time your rest"
    at = click(at, "Back")  # back to the plank's first set: it still asks to get in position
    (hold,) = [json.loads(node.proto.json) for node in at.get("bidi_component")]
    assert hold["caption"] == "Press Start when you are in position"
