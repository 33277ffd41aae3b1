"""The program page under AppTest: only a current program opens it; calendar, table, links; the downloads parse."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import icalendar
import pandas as pd
from streamlit.testing.v1 import AppTest

from spinewell import assessment
from spinewell.content.load import load
from spinewell.ui import state

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load()
SCREEN_ID = CONTENT.questionnaire.screen.id
ANSWERS = {
    "duration": "6-to-12-weeks", "pain_now": 4, "leg_pain": "yes", "function": "a-little", "worry": "a-little",
    "mood": "hardly-ever", "bothersome": "somewhat", "activity": "light", "floor": "easily",
    "access": ("bike",), "minutes": "45-or-more", "conditions": ("disc-sciatica",),
}
MONDAY = dt.date(2026, 3, 2)


def open_program(answers: dict | None = None, screen: tuple = (), recommend_from: dict | None = None) -> AppTest:
    """The program page with these answers in the session and a recommendation made from `recommend_from`."""
    answers = ANSWERS if answers is None else answers
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    at.session_state[state.ANSWERS] = dict(answers)
    at.session_state[state.SCREEN] = screen
    at.session_state[state.PLAN_START] = MONDAY
    source = {**(answers if recommend_from is None else recommend_from), SCREEN_ID: screen}
    at.session_state[state.RECOMMENDATION] = assessment.recommend(source, CONTENT)
    at.switch_page("pages/program.py")
    at.run()
    assert not at.exception, at.exception
    return at


def text(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.title, *at.subheader, *at.info, *at.warning)]
    return "\n".join(str(p) for p in parts)


def test_without_an_assessment_the_page_only_points_to_it():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    at.switch_page("pages/program.py")
    at.run()
    assert not at.exception
    assert "appears here after the self-assessment" in at.info[0].value
    assert [link.proto.page for link in at.get("page_link")] == ["assessment"]
    assert not at.download_button and not at.dataframe and not at.date_input


def test_a_recommendation_made_from_other_answers_is_not_shown():
    at = open_program(recommend_from={**ANSWERS, "pain_now": 9})
    assert not at.download_button
    assert state.RECOMMENDATION not in at.session_state and state.CHOSEN_PLAN not in at.session_state


def test_a_referral_never_shows_a_plan_even_if_one_was_stored():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    at.session_state[state.SCREEN] = ("chest-pain",)
    at.session_state[state.RECOMMENDATION] = assessment.recommend({SCREEN_ID: ("chest-pain",)}, CONTENT)
    at.session_state[state.CHOSEN_PLAN] = "a plan left over from an earlier run"
    at.switch_page("pages/program.py")
    at.run()
    assert not at.download_button
    assert state.CHOSEN_PLAN not in at.session_state


def test_the_plan_page_shows_the_program_a_caution_the_calendar_and_the_table():
    at = open_program()
    assert at.subheader[0].value == "Foundation"
    assert "slipped disc or sciatica" in at.warning[0].value
    plan = at.session_state[state.CHOSEN_PLAN]
    assert plan.start_date == MONDAY and plan.weeks == 6
    assert [m.label for m in at.metric] == ["Core sessions", "Stretching", "Aerobic", "Week 1"]
    page = text(at)
    for day in range(7):
        date = MONDAY + dt.timedelta(days=day)
        assert f"**{date:%a} {date.day} {date:%b}**" in page
    assert ":orange-badge[Aerobic" in page or any("Aerobic" in str(b.proto) for b in at.get("badge"))
    table = at.dataframe[0].value
    assert list(table.columns) == ["Date", "Day", "Session", "Exercise", "Dose", "About (min)"]
    assert set(table["Date"]) == {(MONDAY + dt.timedelta(days=d)).isoformat() for d in range(7)}
    assert "Hamstring stretch: Stretch only to a mild pull" in page.replace("**", "")


def test_every_exercise_links_to_its_card_in_the_library():
    at = open_program()
    links = {link.proto.label: link.proto for link in at.get("page_link") if link.proto.page == "exercises"}
    plan = at.session_state[state.CHOSEN_PLAN]
    for exercise_id in plan.exercise_ids():
        proto = links[CONTENT.exercise(exercise_id).name]
        assert proto.query_string == f"exercise={exercise_id}"
    assert {"Walking", "Cycling"} <= set(links) and "Swimming" not in links


def test_changing_the_length_and_start_rebuilds_the_stored_plan():
    at = open_program()
    at.segmented_control(key="plan.weeks").set_value(4).run()
    assert at.session_state[state.CHOSEN_PLAN].weeks == 4
    at.date_input(key="plan.start").set_value(dt.date(2026, 3, 5)).run()
    plan = at.session_state[state.CHOSEN_PLAN]
    assert (plan.start_date, plan.weeks) == (dt.date(2026, 3, 5), 4)
    assert at.session_state[state.PLAN_START] == dt.date(2026, 3, 5)  # kept in a plain key for the next visit
    at.switch_page("pages/learn.py").run()
    at.switch_page("pages/program.py").run()
    assert at.session_state[state.CHOSEN_PLAN].start_date == dt.date(2026, 3, 5)


def test_the_week_picker_shows_that_weeks_days():
    at = open_program()
    at.segmented_control(key="plan.week").set_value(3).run()
    table = at.dataframe[0].value
    assert table["Date"].min() == (MONDAY + dt.timedelta(days=14)).isoformat()


def test_the_four_downloads_parse(downloads):
    at = open_program()
    assert {b.label for b in at.download_button} == {"Printable plan", "Calendar (.ics)", "Plan (CSV)",
                                                     "Log template (CSV)"}
    plan = at.session_state[state.CHOSEN_PLAN]
    items = sum(len(s.items) for s in plan.sessions)

    frame = pd.read_csv(io.BytesIO(downloads["spinewell-plan.csv"]))
    assert len(frame) == items and frame["Date"].iloc[0] == MONDAY.isoformat()

    calendar = icalendar.Calendar.from_ical(downloads["spinewell-plan.ics"])
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(plan.sessions)
    assert all(isinstance(e.decoded("dtstart"), dt.date) for e in events)
    assert min(e.decoded("dtstart") for e in events) == MONDAY

    html = downloads["spinewell-plan.html"].decode("utf-8")
    assert "@media print" in html and "Foundation" in html and "Slipped disc or sciatica" in html
    assert "http://" not in html and "https://" not in html

    template = pd.read_csv(io.BytesIO(downloads["spinewell-log-template.csv"]), dtype=str, keep_default_na=False)
    assert list(template.columns) == ["date", "time", "pain", "exercise", "minutes", "notes"]
    assert len(template) == items
