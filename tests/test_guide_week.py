"""How Today counts the plan's week: the day of the plan, sessions done (catching up counts), missed days."""

from __future__ import annotations

import datetime as dt

from spinewell.guide import week
from tests.test_guide import MONDAY, PLAN

WEEK_2 = MONDAY + dt.timedelta(days=7)


def test_the_day_of_the_plan_and_the_week_it_falls_in():
    wednesday = WEEK_2 + dt.timedelta(days=2)
    progress = week.week_progress(PLAN, wednesday, set())
    assert (progress.week, progress.day) == (2, 3)
    assert progress.planned == len(PLAN.sessions_in_week(2)) == 3 + 7 + 5
    assert progress.done == 0


def test_sessions_done_count_and_one_caught_up_on_another_day_of_the_week_counts_too():
    wednesday = WEEK_2 + dt.timedelta(days=2)
    done = {(WEEK_2, "core"), (WEEK_2, "stretching"), (WEEK_2 + dt.timedelta(days=1), "core"),
            (MONDAY, "core")}  # last week's does not count
    progress = week.week_progress(PLAN, wednesday, done)
    assert progress.done == 3  # Monday's core, Monday's stretching, and Tuesday's core (a catch-up)


def test_only_a_day_with_nothing_logged_is_a_missed_day_and_today_is_not():
    wednesday = WEEK_2 + dt.timedelta(days=2)
    done = {(WEEK_2, "core")}  # Monday also plans stretching and aerobic: a part-done day is not a missed one
    progress = week.week_progress(PLAN, wednesday, done)
    assert progress.missed_days == (WEEK_2 + dt.timedelta(days=1),)


def test_before_the_plan_starts_there_is_no_day_and_the_next_session_day_is_the_start():
    before = MONDAY - dt.timedelta(days=3)
    assert week.week_progress(PLAN, before, set()).day == 0
    assert week.next_session_day(PLAN, before) == MONDAY
    assert week.next_session_day(PLAN, PLAN.end_date) is None


def test_a_session_is_done_when_the_diary_holds_its_type_on_its_day():
    session = PLAN.sessions_on(WEEK_2)[0]
    assert week.is_done(session, {(WEEK_2, session.type_id)})
    assert not week.is_done(session, {(WEEK_2 + dt.timedelta(days=1), session.type_id)})
