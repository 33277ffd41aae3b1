"""In a real browser: the safety screen, the questionnaire, the result and the plan, down to the downloaded files."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import icalendar

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.program.plan import build_plan, default_start
from tests.answer_sets import NO_FLOOR_WITH_BIKE, screened
from tests.e2e.assessment_steps import answer_the_questions, open_self_assessment, settle_on, tick_screen
from tests.e2e.helpers import assert_no_exception, goto_page

CONTENT = load()
ANSWERS = NO_FLOOR_WITH_BIKE


def test_questionnaire_to_plan_and_downloads(page):
    open_self_assessment(page)
    assert_no_exception(page)
    tick_screen(page)
    settle_on(page, "Question 1 of")

    # A missing answer gets a prompt on the step, and the page stays there.
    page.get_by_role("button", name="Next").click()
    settle_on(page, "Please choose an answer to go on.")

    answer_the_questions(page, ANSWERS)

    assert page.get_by_text("6 out of 10").is_visible()
    page.get_by_role("button", name="See my result").click()
    expected = recommend(screened(ANSWERS), CONTENT)
    settle_on(page, f"Your starter program: {expected.program.name}")
    assert page.get_by_text("Because you said you cannot get down to the floor").first.is_visible()
    assert page.get_by_text("not a validated clinical score").first.is_visible()
    assert_no_exception(page)

    page.get_by_role("button", name="See your week-by-week plan").click()
    settle_on(page, "Take it with you")
    assert_no_exception(page)
    assert page.get_by_role("link", name="Wall plank").first.is_visible()

    start = default_start(dt.date.today())
    plan = build_plan(expected.program, start)

    with page.expect_download() as calendar_download:
        page.get_by_role("button", name="Calendar (.ics)").click()
    assert calendar_download.value.suggested_filename == "spinewell-plan.ics"
    calendar = icalendar.Calendar.from_ical(Path(calendar_download.value.path()).read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len({s.date for s in plan.sessions})  # one event a day, at the reminder time
    assert sorted(e.decoded("dtstart") for e in events)[0] == dt.datetime.combine(start, dt.time(9, 0))

    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Plan (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(csv_download.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == sum(len(s.items) for s in plan.sessions)
    assert {"Sit-to-stand", "Wall plank", "Cycling"} <= {row["Exercise"] for row in rows}
    assert "Plank" not in {row["Exercise"] for row in rows}  # no floor exercises for this person

    with page.expect_download() as printable:
        page.get_by_role("button", name="Printable plan").click()
    html = Path(printable.value.path()).read_text(encoding="utf-8")
    assert "@media print" in html and "https://" not in html


def test_an_emergency_flag_on_a_phone_sends_to_emergency_care_and_the_plan_stays_closed(page):
    page.set_viewport_size({"width": 390, "height": 844})
    open_self_assessment(page)
    tick_screen(page, "chest-pain")
    settle_on(page, "Get emergency help now")
    assert page.get_by_text("999").first.is_visible()
    assert page.get_by_text("Your starter program").count() == 0

    goto_page(page, "program")
    settle_on(page, "appears here after the self-assessment")
    assert page.get_by_role("button", name="Calendar (.ics)").count() == 0
