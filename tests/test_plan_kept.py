"""The plan and its calendar file are kept between reruns, and made again as soon as anything they depend on changes."""

from __future__ import annotations

import datetime as dt

import pytest

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.program import exports, kept
from spinewell.program.plan import build_plan
from tests.answer_sets import MODERATE, MODERATE_WITH_POOL, screened

CONTENT = load()
PROGRAM = recommend(screened(MODERATE), CONTENT).program
OTHER_PROGRAM = recommend(screened(MODERATE_WITH_POOL), CONTENT).program
MONDAY = dt.date(2026, 3, 2)


def test_the_same_inputs_give_the_plan_kept_without_building_it_again(monkeypatch):
    session: dict = {}
    first = kept.plan(session, PROGRAM, MONDAY, 6)
    monkeypatch.setattr(kept, "build_plan", lambda *a, **k: pytest.fail("the plan was built again"))
    assert kept.plan(session, PROGRAM, MONDAY, 6) is first
    assert first == build_plan(PROGRAM, MONDAY, 6)


@pytest.mark.parametrize("change", [
    dict(start_date=MONDAY + dt.timedelta(days=7)),
    dict(weeks=4),
    dict(decisions={1: "repeat"}),
    dict(full_core=True),
    dict(maintenance_weeks_back=2),
    dict(program=OTHER_PROGRAM),
], ids=lambda change: next(iter(change)))
def test_any_changed_input_gives_the_plan_of_the_new_inputs(change):
    arguments = dict(program=PROGRAM, start_date=MONDAY, weeks=6)
    session: dict = {}
    before = kept.plan(session, **arguments)
    after = kept.plan(session, **{**arguments, **change})
    program = change.pop("program", PROGRAM)
    assert after == build_plan(program, **{**dict(start_date=MONDAY, weeks=6), **change})
    assert after != before
    assert kept.plan(session, **arguments) == before  # and back again


def test_each_session_keeps_its_own_plan():
    mine, yours = {}, {}
    kept.plan(mine, PROGRAM, MONDAY, 6)
    assert kept.plan(yours, PROGRAM, MONDAY + dt.timedelta(days=1), 6).start_date == MONDAY + dt.timedelta(days=1)
    assert kept.plan(mine, PROGRAM, MONDAY, 6).start_date == MONDAY


def _without_dtstamp(ics: bytes) -> bytes:
    return b"\r\n".join(line for line in ics.split(b"\r\n") if not line.startswith(b"DTSTAMP:"))


def test_the_calendar_follows_a_changed_reminder_and_a_changed_plan():
    session: dict = {}
    plan = kept.plan(session, PROGRAM, MONDAY, 6)
    nine = kept.calendar(session, plan, dt.time(9, 0))
    assert kept.calendar(session, plan, dt.time(9, 0)) is nine
    half_six = kept.calendar(session, plan, dt.time(18, 30))
    assert b"DTSTART:20260302T183000" in half_six and b"T090000" not in half_six
    later = kept.plan(session, PROGRAM, MONDAY + dt.timedelta(days=7), 6)
    moved = kept.calendar(session, later, dt.time(18, 30))
    assert _without_dtstamp(moved) == _without_dtstamp(exports.plan_ics(later, reminder=dt.time(18, 30)))
    assert b"DTSTART:20260302" not in moved


def test_the_plan_files_follow_a_changed_plan():
    session: dict = {}
    first = kept.plan(session, PROGRAM, MONDAY, 6)
    assert kept.plan_csv(session, first) == exports.plan_csv(first)
    assert kept.log_template(session, first) == exports.log_template_csv(first)
    shorter = kept.plan(session, PROGRAM, MONDAY, 4)
    assert kept.plan_csv(session, shorter) == exports.plan_csv(shorter) != exports.plan_csv(first)
    assert kept.log_template(session, shorter) == exports.log_template_csv(shorter)
