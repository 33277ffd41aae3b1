"""In a real browser: the safety screen, the questionnaire, the result and the plan, down to the downloaded files."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import icalendar

from spinewell import assessment
from spinewell.content.load import load
from spinewell.program.plan import build_plan, default_start
from tests.e2e.helpers import assert_no_exception, goto_page, wait_for_app

CONTENT = load()
QUESTIONS = CONTENT.questionnaire.questions

# What a person clicks, question by question (labels as shown), and the same answers as the app stores them.
CLICKS = [
    "2 to 6 weeks", "6", "No", "A little", "Quite a lot", "On some days", "Somewhat",
    "I move about at home and take short walks", "No, or I would rather not", "A bike or an exercise bike",
    "About 20 minutes", "None of these",
]
ANSWERS = {
    "red_flags": (), "duration": "2-to-6-weeks", "pain_now": 6, "leg_pain": "no", "function": "a-little",
    "worry": "quite-a-lot", "mood": "some-days", "bothersome": "somewhat", "activity": "light", "floor": "cannot",
    "access": ("bike",), "minutes": "about-20", "conditions": (),
}


def settle_on(page, text: str) -> None:
    """Wait until `text` is on the page and the run that drew it has finished (a click's rerun starts async)."""
    page.get_by_text(text, exact=False).first.wait_for()
    wait_for_app(page)


def open_self_assessment(page) -> None:
    """The way a new visitor arrives: Home, then its "Take the self-assessment" link (fits a phone too)."""
    goto_page(page, "")
    page.get_by_role("link", name="Take the self-assessment").click()
    settle_on(page, "First, a quick safety check")


def test_questionnaire_to_plan_and_downloads(page):
    open_self_assessment(page)
    assert_no_exception(page)
    page.get_by_role("checkbox", name="None of these apply to me").check(force=True)
    page.get_by_role("button", name="Continue").click()
    settle_on(page, f"Question 1 of {len(QUESTIONS)}")

    # A missing answer gets a prompt on the step, and the page stays there.
    page.get_by_role("button", name="Next").click()
    settle_on(page, "Please choose an answer to go on.")

    for number, (question, label) in enumerate(zip(QUESTIONS, CLICKS, strict=True), start=1):
        if question.kind == "scale":
            page.get_by_role("radio", name=label, exact=True).click()
        elif question.kind == "multi":
            page.get_by_role("checkbox", name=label, exact=True).check(force=True)
        else:
            page.get_by_text(label, exact=True).click()
        wait_for_app(page)
        page.get_by_role("button", name="Next").click()
        settle_on(page, f"Question {number + 1} of" if number < len(QUESTIONS) else "Check your answers")

    assert page.get_by_text("6 out of 10").is_visible()
    page.get_by_role("button", name="See my result").click()
    expected = assessment.recommend(ANSWERS, CONTENT)
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
    assert len(events) == len(plan.sessions)
    assert sorted(e.decoded("dtstart") for e in events)[0] == start

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
    page.get_by_role("checkbox", name="You have chest pain as well as the back pain").check(force=True)
    page.get_by_role("button", name="Continue").click()
    settle_on(page, "Get emergency help now")
    assert page.get_by_text("999").first.is_visible()
    assert page.get_by_text("Your starter program").count() == 0

    goto_page(page, "program")
    settle_on(page, "appears here after the self-assessment")
    assert page.get_by_role("button", name="Calendar (.ics)").count() == 0
