"""The program page under AppTest: only a current program opens it; calendar, table, links; the downloads it serves."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.content.programs import PLAN_WEEKS
from spinewell.program import exports
from spinewell.ui import state
from tests.answer_sets import SCIATICA_WITH_BIKE, screened
from tests.apptest import open_page, page_text, switch

CONTENT = load()
ANSWERS = SCIATICA_WITH_BIKE
MONDAY = dt.date(2026, 3, 2)


def open_program(answers=ANSWERS, flags: tuple[str, ...] = (), recommend_from=None) -> AppTest:
    """The program page with these answers in the session and a recommendation made from `recommend_from`."""
    source = answers if recommend_from is None else recommend_from
    return open_page("pages/program.py", session={
        state.ANSWERS: dict(answers),
        state.SCREEN: flags,
        state.PLAN_START: MONDAY,
        state.RECOMMENDATION: recommend(screened(source, *flags), CONTENT),
    })


def test_without_an_assessment_the_page_only_points_to_it():
    at = open_page("pages/program.py")
    assert "appears here after the self-assessment" in at.info[0].value
    assert [link.proto.page for link in at.get("page_link")] == ["assessment"]
    assert not at.download_button and not at.dataframe and not at.date_input


def test_a_recommendation_made_from_other_answers_is_not_shown():
    at = open_program(recommend_from={**ANSWERS, "pain_now": 9})
    assert not at.download_button
    assert state.RECOMMENDATION not in at.session_state and state.CHOSEN_PLAN not in at.session_state


def test_a_referral_never_shows_a_plan_even_if_one_was_stored():
    at = open_page("pages/program.py", session={
        state.SCREEN: ("chest-pain",),
        state.RECOMMENDATION: recommend(screened({}, "chest-pain"), CONTENT),
        state.CHOSEN_PLAN: "a plan left over from an earlier run",
    })
    assert not at.download_button
    assert state.CHOSEN_PLAN not in at.session_state


def test_the_plan_page_shows_the_program_a_caution_the_calendar_and_the_table():
    at = open_program()
    assert at.header[0].value == "Foundation"
    assert "slipped disc or sciatica" in at.warning[0].value
    plan = at.session_state[state.CHOSEN_PLAN]
    assert plan.start_date == MONDAY and plan.weeks == 6
    page = page_text(at)
    for day in range(7):
        date = MONDAY + dt.timedelta(days=day)
        assert f"**{date:%a} {date.day} {date:%b}**" in page
    assert ":orange-badge[Aerobic" in page or any("Aerobic" in str(b.proto) for b in at.get("badge"))
    table = at.dataframe[0].value
    assert list(table.columns) == ["Date", "Day", "Session", "Exercise", "Dose", "About (min)"]
    assert set(table["Date"]) == {(MONDAY + dt.timedelta(days=d)).isoformat() for d in range(7)}
    assert "Hamstring stretch: Stretch only to a mild pull" in page.replace("**", "")


def test_the_summary_says_how_often_and_how_many_minutes_a_day():
    at = open_program()
    plan = at.session_state[state.CHOSEN_PLAN]
    metrics = {m.label: m.value for m in at.metric}
    least, most = plan.minutes_a_day(1)
    assert metrics == {"Core": "3 a week", "Stretching": "Daily", "Aerobic": "5 a week",
                       "Week 1": f"{least}–{most} min"}
    least, most = plan.minutes_a_day(plan.weeks)
    assert f"By week {plan.weeks} a day takes {least}–{most} minutes." in page_text(at)


def test_every_exercise_links_to_its_card_in_the_library():
    at = open_program()
    links = {link.proto.label: link.proto for link in at.get("page_link") if link.proto.page == "exercises"}
    plan = at.session_state[state.CHOSEN_PLAN]
    for exercise_id in plan.exercise_ids():
        proto = links[CONTENT.exercise(exercise_id).name]
        assert proto.query_string == f"exercise={exercise_id}&from=program"  # the card offers the way back
    assert {"Walking", "Cycling"} <= set(links) and "Swimming" not in links


def test_the_lengths_offered_are_the_content_layers_plan_lengths():
    at = open_program()
    assert [int(option) for option in at.segmented_control(key="plan.weeks").options] == list(PLAN_WEEKS)


def test_changing_the_length_and_start_rebuilds_the_stored_plan():
    at = open_program()
    at.segmented_control(key="plan.weeks").set_value(4).run()
    assert at.session_state[state.CHOSEN_PLAN].weeks == 4
    at.date_input(key="plan.start").set_value(dt.date(2026, 3, 5)).run()
    plan = at.session_state[state.CHOSEN_PLAN]
    assert (plan.start_date, plan.weeks) == (dt.date(2026, 3, 5), 4)
    assert at.session_state[state.PLAN_START] == dt.date(2026, 3, 5)  # kept in a plain key for the next visit
    switch(at, "pages/learn.py")
    switch(at, "pages/program.py")
    plan = at.session_state[state.CHOSEN_PLAN]
    assert (plan.start_date, plan.weeks) == (dt.date(2026, 3, 5), 4)


def test_the_week_picker_shows_that_weeks_days():
    at = open_program()
    at.segmented_control(key="plan.week").set_value(3).run()
    table = at.dataframe[0].value
    assert table["Date"].min() == (MONDAY + dt.timedelta(days=14)).isoformat()


def test_a_shorter_plan_shows_its_last_week_instead_of_one_past_the_end():
    at = open_program()
    at.segmented_control(key="plan.week").set_value(6).run()
    at.segmented_control(key="plan.weeks").set_value(4).run()
    assert not at.exception
    assert at.segmented_control(key="plan.week").value == 4
    assert at.dataframe[0].value["Date"].min() == (MONDAY + dt.timedelta(days=21)).isoformat()


def _without_dtstamp(ics: bytes) -> bytes:
    """The calendar without its DTSTAMP lines, which record when it was written."""
    return b"\r\n".join(line for line in ics.split(b"\r\n") if not line.startswith(b"DTSTAMP:"))


def test_the_four_downloads_are_the_exports_of_the_plan_shown(downloads):
    at = open_program()
    assert {b.label for b in at.download_button} == {"Printable plan", "Calendar (.ics)", "Plan (CSV)",
                                                     "Log template (CSV)"}
    plan = at.session_state[state.CHOSEN_PLAN]
    recommendation = at.session_state[state.RECOMMENDATION]
    assert downloads["spinewell-plan.csv"] == exports.plan_csv(plan)
    assert downloads["spinewell-log-template.csv"] == exports.log_template_csv(plan)
    assert _without_dtstamp(downloads["spinewell-plan.ics"]) == _without_dtstamp(exports.plan_ics(plan))
    html = downloads["spinewell-plan.html"]
    assert html == exports.plan_html(plan, disclaimer=CONTENT.questionnaire.safety.disclaimer,
                                     headline_notes=[c.sentence() for c in recommendation.changes],
                                     cautions=recommendation.cautions)
    assert "Slipped disc or sciatica" in html.decode("utf-8")  # the caution is on the printed page


def test_the_downloads_follow_the_chosen_length_and_start(downloads):
    at = open_program()
    at.segmented_control(key="plan.weeks").set_value(4).run()
    at.date_input(key="plan.start").set_value(dt.date(2026, 3, 5)).run()
    plan = at.session_state[state.CHOSEN_PLAN]
    assert downloads["spinewell-plan.csv"] == exports.plan_csv(plan)
    assert b"DTSTART:20260305T090000" in downloads["spinewell-plan.ics"]  # one timed event a day now
    assert b"Week 5" not in downloads["spinewell-plan.html"]


def test_the_calendar_ticks_off_the_sessions_the_diary_holds(log_file):
    plan = open_program().session_state[state.CHOSEN_PLAN]
    first = plan.sessions_on(MONDAY)[0]
    log_file.write_text(f"date,time,pain,exercise,minutes,notes\n{MONDAY.isoformat()},,,"
                        f"{first.main_items[0].name},{first.minutes},\n", encoding="utf-8")
    at = open_program()
    badges = [b.proto.body for b in at.get("badge")] if at.get("badge") else []
    text = page_text(at) + "\n".join(badges)
    kind = CONTENT.type(first.type_id)
    assert f"{kind.label} · {first.minutes} min · done" in text
    assert text.count(" · done") == 1  # only that session: the other days of the week are still to do
