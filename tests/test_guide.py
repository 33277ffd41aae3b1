"""The guided session's pure part: its steps from a real plan, Back/Skip/Next at the edges, what Done writes."""

from __future__ import annotations

import datetime as dt

import pytest

from spinewell.analysis.days import day_table
from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.guide import record
from spinewell.guide.flow import CHECK_IN, GUIDE, Guide, find_session
from spinewell.guide.steps import steps_of
from spinewell.log.read import read
from spinewell.log.store import new_log_bytes
from spinewell.program.plan import build_plan
from spinewell.storage.keys import FELT
from tests.answer_sets import MODERATE, screened

CONTENT = load()
MONDAY = dt.date(2026, 3, 2)
PLAN = build_plan(recommend(screened(MODERATE), CONTENT).program, MONDAY)  # Foundation, 6 weeks
WEEK_2 = MONDAY + dt.timedelta(days=7)
CORE = find_session(PLAN, WEEK_2, "core")
STRETCHING = find_session(PLAN, WEEK_2, "stretching")
AEROBIC = find_session(PLAN, WEEK_2 + dt.timedelta(days=1), "aerobic")
AT_FIVE = dt.datetime(2026, 3, 9, 17, 5, 42)


def describe(steps):
    return [(s.heading, s.where(), s.what_to_do()) for s in steps]


def test_a_core_session_is_the_warm_up_each_set_with_rests_between_then_the_cool_down():
    assert PLAN.program_name == "Foundation"
    assert describe(steps_of(CORE)) == [
        ("Warm-up", "", "Keep going for 5 minutes."),
        ("Bridge", "", "Do 11 reps."),
        ("Plank", "Set 1 of 3", "Hold for 22 seconds."),
        ("Rest", "Set 2 of 3", "Rest for 30 seconds and breathe easily. Set 2 of the Plank comes next."),
        ("Plank", "Set 2 of 3", "Hold for 22 seconds."),
        ("Rest", "Set 3 of 3", "Rest for 30 seconds and breathe easily. Set 3 of the Plank comes next."),
        ("Plank", "Set 3 of 3", "Hold for 22 seconds."),
        ("Bird-dog", "", "Do 7 reps on each side."),
        ("Cool-down", "", "Keep going for 5 minutes."),
    ]
    assert [s.seconds for s in steps_of(CORE)] == [300, None, 22, 30, 22, 30, 22, None, 300]


def test_a_hold_on_each_side_is_two_timed_steps_right_then_left():
    steps = steps_of(STRETCHING)
    assert describe(steps)[:2] == [("Hamstring stretch", "Right side", "Hold for 30 seconds on this side."),
                                   ("Hamstring stretch", "Left side", "Hold for 30 seconds on this side.")]
    assert [s.seconds for s in steps] == [30, 30, None, 30]


def test_the_steps_add_up_to_the_time_the_plan_gives_the_session():
    assert sum(step.minutes for step in steps_of(CORE)) == pytest.approx(sum(i.minutes for i in CORE.items))


def test_back_at_the_first_step_and_next_or_skip_at_the_end_go_nowhere():
    session: dict = {}
    guide = Guide(session, STRETCHING)
    guide.start()
    assert guide.place().number == 1 and not guide.place().can_go_back
    guide.back()
    assert guide.at == 0
    for _ in range(10):  # more presses than steps
        guide.next()
    assert guide.place().at_end and guide.place().number == 5 and guide.done() == (0, 1, 2, 3)
    guide.skip()
    assert guide.at == 4 and guide.done() == (0, 1, 2, 3)


def test_skip_leaves_a_step_undone_back_keeps_what_was_done_and_a_skip_after_back_undoes_it():
    guide = Guide({}, CORE)
    guide.start()
    guide.next()
    guide.skip()
    assert guide.at == 2 and guide.done() == (0,)
    guide.back()
    guide.back()
    assert guide.at == 0 and guide.done() == (0,)
    guide.skip()
    assert guide.done() == ()


def test_starting_again_forgets_an_earlier_try_and_finishing_asks_for_the_check_in():
    session: dict = {}
    guide = Guide(session, CORE)
    guide.start()
    guide.next()
    guide.start()
    assert guide.at == 0 and guide.done() == ()
    guide.finish()
    assert GUIDE not in session
    assert session[CHECK_IN] == {"date": "2026-03-09", "type": "core", "guided": True}


def test_logging_one_session_without_the_guide_leaves_another_under_way():
    session: dict = {}
    Guide(session, CORE).start()
    Guide(session, STRETCHING).finish(guided=False)
    assert Guide.under_way(session, PLAN).plan_session == CORE
    assert session[CHECK_IN] == {"date": "2026-03-09", "type": "stretching", "guided": False}


@pytest.mark.parametrize("kept", [None, "nonsense", {"date": "2026-13-45", "type": "core"},
                                  {"date": "2026-03-09", "type": "swimming"}, {"date": "2030-01-01", "type": "core"}])
def test_a_session_under_way_that_the_plan_does_not_hold_is_not_resumed(kept):
    assert Guide.under_way({GUIDE: kept}, PLAN) is None


def test_a_session_under_way_is_resumed_where_it_was_left():
    session: dict = {}
    guide = Guide(session, CORE)
    guide.start()
    guide.next()
    guide.next()
    resumed = Guide.under_way(session, PLAN)
    assert resumed.plan_session == CORE and resumed.at == 2


def test_done_writes_one_entry_for_the_session_with_its_minutes_and_the_exercises_named():
    (entry,) = record.session_entries(CORE, record.every_step(CORE), guided=True, when=AT_FIVE)
    assert (entry.date, entry.time) == (dt.date(2026, 3, 9), dt.time(17, 5))
    assert entry.exercise == "Core strengthening" and entry.pain is None
    assert entry.minutes == CORE.minutes == 14
    assert entry.notes == "Guided session: Warm-up, Bridge, Plank, Bird-dog, Cool-down."


def test_skipped_steps_take_their_minutes_away_and_are_named():
    steps = steps_of(CORE)
    done = [i for i, s in enumerate(steps) if s.name != "Plank"]  # every plank set and its rests skipped
    (entry,) = record.session_entries(CORE, done, guided=True, when=AT_FIVE)
    plank = sum(s.minutes for s in steps if s.name == "Plank")
    assert entry.minutes == pytest.approx(14 - plank, abs=1)
    assert entry.minutes < 14
    assert entry.notes.endswith("Skipped: Plank.")


def test_an_aerobic_session_is_logged_under_its_activity_and_nothing_done_writes_nothing():
    (entry,) = record.session_entries(AEROBIC, [0], guided=False, when=AT_FIVE)
    assert (entry.exercise, entry.minutes) == (AEROBIC.items[0].name, AEROBIC.items[0].amount)
    assert entry.notes.startswith("Done without the guide: ")
    assert record.session_entries(CORE, [3, 5], guided=True, when=AT_FIVE) == ()  # only rests


def test_the_log_page_counts_each_written_session_under_its_own_type():
    entries = [entry for session in (CORE, STRETCHING, AEROBIC)
               for entry in record.session_entries(session, record.every_step(session), guided=True, when=AT_FIVE)]
    frame = read(new_log_bytes(entries), date_order="auto", today=dt.date(2026, 3, 9)).frame
    days = day_table(frame, CONTENT.exercise_type_lookup())
    assert days[["core_sessions", "stretching_sessions", "aerobic_sessions"]].sum().tolist() == [1, 1, 1]
    assert days["core_minutes"].sum() == 14


def test_a_check_in_has_the_shape_the_profile_keeps_and_refuses_what_it_cannot_be():
    assert tuple(record.FELT_LABELS) == FELT
    assert record.check_in(WEEK_2, "core", 3, "about_right", True) == {
        "date": "2026-03-09", "type": "core", "pain": 3, "felt": "about_right", "guided": True}
    assert record.check_in(WEEK_2, "core", None, "too_easy", False)["pain"] is None
    with pytest.raises(ValueError):
        record.check_in(WEEK_2, "core", 11, "about_right", True)
    with pytest.raises(ValueError):
        record.check_in(WEEK_2, "core", 2, "fine", True)


def test_the_check_in_pain_goes_into_the_diary_as_a_pain_entry():
    entry = record.pain_entry(AT_FIVE, 4, "Core strengthening", "too_hard")
    assert (entry.pain, entry.exercise, entry.minutes) == (4.0, "", None)
    assert entry.notes == "Check-in after the core strengthening session: too hard."
