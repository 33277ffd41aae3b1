"""Today under AppTest: with a plan (week and day, sessions and doses, the week so far, Start), without one, a rest
day, before the plan starts; Home sends a person with a plan to Today; logging what was done anyway."""

from __future__ import annotations

import dataclasses
import datetime as dt

from spinewell.guide.flow import CHECK_IN
from spinewell.program import kept as kept_plans
from spinewell.storage import keys
from spinewell.ui import state
from tests import today_sessions
from tests.apptest import click, open_page, page_text
from tests.today_sessions import WEDNESDAY, diary_rows, open_today, with_plan

clock = today_sessions.clock  # the fixture these tests use (log_file is in conftest.py)


def primary_buttons(at) -> list[str]:
    return [b.label for b in at.button if b.proto.type == "primary"]


def test_without_a_plan_today_points_to_the_self_assessment(clock):
    at = open_today()
    assert "once you have a plan" in at.info[0].value
    assert [link.proto.page for link in at.get("page_link")] == ["assessment"]
    assert not at.button


def test_with_a_plan_today_shows_the_week_and_day_the_sessions_with_this_weeks_doses_and_one_start(clock, log_file):
    at = open_today(with_plan())
    assert at.header[0].value == "Week 2, day 3 of your plan"
    text = page_text(at)
    assert "**Core strengthening**" in text and "**Stretching and flexibility**" in text
    assert "- Plank: 3 × 22 seconds" in text  # week 2's dose (week 1: 20 seconds)
    assert "Starts your core strengthening session, about 14 minutes." in text
    assert primary_buttons(at) == ["Start"]
    assert at.get("progress")[0].proto.text == "0 of 15 sessions done this week"


def test_start_opens_the_guided_session_at_its_first_step(clock, log_file):
    at = click(open_today(with_plan()), "Start")
    assert at.title[0].value == "Core strengthening"
    assert at.header[0].value == "Warm-up"
    assert at.get("progress")[0].proto.text == "Step 1 of 9"


def test_a_missed_day_is_mentioned_kindly_and_nothing_counts_a_streak(clock, log_file):
    text = page_text(open_today(with_plan()))
    assert "No entry yet for Monday, Tuesday. That is fine" in text
    assert "streak" not in text.lower()


def test_before_the_plan_starts_today_says_when_and_offers_to_start_today(clock, log_file):
    at = open_today(with_plan(start=WEDNESDAY + dt.timedelta(days=5)))
    assert at.header[0].value == "Your plan starts on Monday 16 March"
    assert primary_buttons(at) == ["Start my plan today"]
    at = click(at, "Start my plan today")
    assert at.session_state[state.PLAN_START] == WEDNESDAY
    assert at.header[0].value == "Week 1, day 1 of your plan"


def test_a_rest_day_says_so_names_the_next_session_day_and_still_logs_something_done(clock, log_file, monkeypatch):
    real_build = kept_plans.build_plan

    def without_wednesdays(program, start, weeks=None, **choices):
        plan = real_build(program, start, weeks, **choices)
        return dataclasses.replace(plan, sessions=tuple(s for s in plan.sessions if s.date != WEDNESDAY))

    monkeypatch.setattr(kept_plans, "build_plan", without_wednesdays)
    at = open_today(with_plan())
    assert "Today is a rest day in your plan" in at.info[0].value
    assert "Your next session is on Thursday 12 March." in at.info[0].value
    assert "Start" not in [b.label for b in at.button]
    at.selectbox(key="today.other.what").set_value("Walking")
    at.number_input(key="today.other.minutes").set_value(25)
    at = click(at, "Save to my diary")
    assert "Saved to your diary: 11 Mar 2026, Walking 25 min." in at.success[0].value
    assert [(r["date"], r["exercise"], r["minutes"]) for r in diary_rows(log_file)] == [("2026-03-11", "Walking", "25")]


def test_something_done_anyway_needs_to_say_what_and_saves_nothing_otherwise(clock, log_file):
    at = open_today(with_plan())
    at.number_input(key="today.other.minutes").set_value(20)
    at = click(at, "Save to my diary")
    assert "Say which exercise the minutes were for" in at.error[0].value
    assert diary_rows(log_file) == []


def test_i_did_it_without_the_guide_logs_the_session_in_one_tap_then_asks_for_the_check_in(clock, log_file):
    at = click(open_today(with_plan()), "I did it without the guide")
    assert at.title[0].value == "How was it?"
    assert "Saved to your diary: 11 Mar 2026, Core strengthening 14 min." in at.success[0].value
    assert at.session_state[CHECK_IN] == {"date": "2026-03-11", "type": "core", "guided": False}
    (row,) = diary_rows(log_file)
    assert (row["date"], row["exercise"], row["minutes"]) == ("2026-03-11", "Core strengthening", "14")
    assert row["notes"].startswith("Done without the guide: Warm-up, Bridge")


def test_a_session_in_the_diary_is_ticked_off_and_counted_and_start_moves_to_the_next(clock, log_file):
    log_file.write_text("date,time,pain,exercise,minutes,notes\n2026-03-11,08:00,,Plank,10,\n", encoding="utf-8")
    at = open_today(with_plan())
    assert at.get("progress")[0].proto.text == "1 of 15 sessions done this week"
    assert "Starts your stretching and flexibility session" in page_text(at)
    assert [b.label for b in at.button].count("I did it without the guide") == 1
    assert "No entry yet for Monday, Tuesday." in page_text(at)


def test_an_unreadable_diary_is_reported_and_sessions_are_not_ticked(clock, log_file):
    log_file.write_bytes(b"\x00\x01garbage" * 50)
    at = open_today(with_plan())
    assert "Your diary can't be read just now" in at.warning[0].value
    assert primary_buttons(at) == ["Start"]


def test_home_sends_a_person_with_a_plan_to_today_and_keeps_its_welcome_for_a_new_person(clock, log_file):
    new = open_page()
    assert "Go to today" not in [b.label for b in new.button]
    at = open_page("pages/home.py", session=with_plan())
    assert primary_buttons(at) == ["Go to today"]
    at = click(at, "Go to today")
    assert at.title[0].value == "Today"


def test_a_finished_week_is_reviewed_on_today_and_the_choice_changes_this_weeks_doses(clock, log_file):
    at = open_today(with_plan())  # week 2 of the plan: week 1 has ended and has no review yet
    text = page_text(at)
    assert "### How did week 1 go?" in text and "**Suggested: Repeat this week.**" in text
    assert "No sessions were logged or checked in this week." in text
    assert "- Plank: 3 × 22 seconds" in text  # week 2's dose until the review says otherwise
    at = click(at, "Accept: Repeat this week")
    assert [(r["week"], r["recommended"], r["chosen"]) for r in at.session_state[keys.REVIEWS]] == [
        (1, "repeat", "repeat")]
    text = page_text(at)
    assert "How did week 1 go?" not in text
    assert "- Plank: 3 × 20 seconds" in text  # week 2 repeats week 1's dose
    assert primary_buttons(at) == ["Start"]
