"""In a real browser: the safety screen, the questionnaire, the result and the plan, down to the downloaded files."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import icalendar

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.content.questionnaire import Question
from spinewell.program.plan import build_plan, default_start
from tests.answer_sets import NO_FLOOR_WITH_BIKE, screened
from tests.e2e.helpers import assert_no_exception, goto_page, wait_for_app

CONTENT = load()
QUESTIONS = CONTENT.questionnaire.questions
ANSWERS = NO_FLOOR_WITH_BIKE


def label_to_click(question: Question, value) -> str:
    """What a person clicks for `value`, as the page shows it (a multi answer here ticks one box, or none of these)."""
    if question.kind == "scale":
        return str(value)
    if question.kind == "choice":
        return question.option(value).label
    assert len(value) <= 1, "the journey ticks at most one box per question"
    return question.option(value[0]).label if value else question.none_label


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

    for number, question in enumerate(QUESTIONS, start=1):
        label = label_to_click(question, ANSWERS[question.id])
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
