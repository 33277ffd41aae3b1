"""Issue 9's journey in a real browser: a person finishes the self-assessment, closes the browser, opens the app
again at its address and lands on Today, follows the guided session with its timer and rep counter, presses Done,
answers the check-in, and finds the session in the diary (the Log page and the file) and counted against the plan.

It runs its own server over an empty data folder, so the diary holds only what this journey writes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.guide.steps import steps_of
from spinewell.program.plan import build_plan
from tests.answer_sets import MODERATE, screened
from tests.e2e.assessment_steps import (
    answer_the_check_in,
    answer_the_questions,
    open_self_assessment,
    settle_on,
    tick_screen,
)
from tests.e2e.conftest import running_app
from tests.e2e.helpers import assert_no_exception, browser_visit, drawn_timer, wait_for_app

CONTENT = load()
PROGRAM = recommend(screened(MODERATE), CONTENT).program
TODAY = dt.date.today()
PLAN = build_plan(PROGRAM, TODAY)  # started today, as the person chooses below
SESSION = PLAN.sessions_on(TODAY)[0]
STEPS = steps_of(SESSION)
PLANNED_THIS_WEEK = len([s for s in PLAN.sessions if s.date < TODAY + dt.timedelta(days=7)])


def finish_the_self_assessment(page) -> None:
    open_self_assessment(page)
    tick_screen(page)
    answer_the_questions(page, MODERATE)
    page.get_by_role("button", name="See my result").click()
    settle_on(page, f"Your starter program: {PROGRAM.name}")


def land_on_today(page) -> None:
    """The app opened at its address, in a browser opened again: a person with a plan lands on Today."""
    page.goto(f"{page.app_url}/")
    wait_for_app(page)
    settle_on(page, "Today")
    assert page.get_by_role("heading", name="Today", exact=True).is_visible()
    assert page.url.rstrip("/").endswith("/today"), page.url
    if page.get_by_role("button", name="Start my plan today").count():  # the plan was set for next Monday
        page.get_by_role("button", name="Start my plan today").click()
    settle_on(page, "Week 1, day 1 of your plan")
    assert page.get_by_text(f"0 of {PLANNED_THIS_WEEK} sessions done this week").is_visible()


def go_to_step(page, number: int) -> None:
    page.get_by_role("button", name="Next").click()
    settle_on(page, f"Step {number} of {len(STEPS)}")
    assert page.get_by_role("heading", name=STEPS[number - 1].heading).is_visible()


def hold_until_times_up(page, seconds: int) -> None:
    """Start the hold's timer and let it run out: it counts down in the browser and says when the time is up."""
    timer = drawn_timer(page)
    assert timer.locator(".sw-count").inner_text() == f"0:{seconds:02d}"
    assert timer.get_by_role("button", name="Start again").is_disabled()  # nothing to start again yet
    timer.get_by_role("button", name="Start", exact=True).click()
    assert timer.get_by_role("button", name="Start again").is_enabled()
    timer.locator(".sw-caption", has_text="Counting down").wait_for()
    timer.locator(".sw-caption", has_text="Time's up").wait_for(timeout=(seconds + 10) * 1000)
    assert timer.locator(".sw-count").inner_text() == "0:00"
    assert timer.get_by_role("button", name="Start", exact=True).is_disabled()


def count_every_rep(page, reps: int) -> None:
    timer = drawn_timer(page)
    assert timer.locator(".sw-caption").inner_text() == f"of {reps} reps"
    assert timer.get_by_role("button", name="Count again").is_disabled()
    for _ in range(reps):
        timer.get_by_role("button", name="Count a rep").click()
    assert timer.locator(".sw-count").inner_text() == str(reps)
    timer.locator(".sw-said", has_text=f"That is all {reps}.").wait_for()


def follow_the_guided_session(page) -> None:
    page.get_by_role("button", name="Start", exact=True).click()
    settle_on(page, f"Step 1 of {len(STEPS)}")
    assert_no_exception(page)
    kinds = [("reps" if s.seconds is None else "rest" if s.is_rest else "hold") for s in STEPS]
    for number, kind in enumerate(kinds, start=1):
        if number > 1:
            go_to_step(page, number)
        step = STEPS[number - 1]
        if kind == "reps" and "reps" not in kinds[: number - 1]:
            count_every_rep(page, int(step.amount))
        elif kind == "hold" and number > 1 and "hold" not in kinds[1 : number - 1]:  # the first hold after the warm-up
            hold_until_times_up(page, step.seconds)
        elif kind == "rest":
            assert page.get_by_text(step.what_to_do()).is_visible()
            assert page.get_by_text(f"Next: {step.name}, {step.where().lower()}").is_visible()
            assert page.locator(".sw-caption").first.inner_text() == "Press Start to time your rest"
    page.get_by_role("button", name="Next").click()
    settle_on(page, "That is the session")
    page.get_by_role("button", name="Done").click()


def table_rows(page, header: str) -> list[list[str]]:
    """The cells of the last table on the page with a column `header`, row by row (a data grid draws on a canvas;
    these are the cells it offers a screen reader)."""
    table = page.locator("[data-testid=stDataFrame] table", has_text=header).last
    table.locator("tbody tr").first.wait_for(state="attached")
    return [row.locator("td").all_text_contents() for row in table.locator("tbody tr").all()]


def todays_rows(log_path: Path) -> list[str]:
    return [line for line in log_path.read_text(encoding="utf-8").splitlines() if line.startswith(TODAY.isoformat())]


def test_a_person_follows_the_program_from_the_self_assessment_to_the_diary(browser, tmp_path):
    log_path = tmp_path / "pain_log.csv"
    with running_app(log_path) as url:
        with browser_visit(browser, url) as page:
            finish_the_self_assessment(page)
        assert not log_path.exists()  # nothing is in the diary yet

        with browser_visit(browser, url) as page:  # the browser closed and opened again
            land_on_today(page)
            follow_the_guided_session(page)
            answer_the_check_in(page, pain=3)
            assert_no_exception(page)

            rows = todays_rows(log_path)
            assert len(rows) == 2, rows
            assert re.match(rf'{TODAY},\d\d:\d\d,,{SESSION.title},\d+,"Guided session: ', rows[0])
            assert re.match(rf"{TODAY},\d\d:\d\d,3,,,Check-in after the {SESSION.title.lower()}", rows[1])

            assert page.get_by_text(f"1 of {PLANNED_THIS_WEEK} sessions done this week").is_visible()
            card = page.locator(f".st-key-today-{SESSION.type_id}")
            assert "Done" in card.inner_text().split()  # its badge (after the icon's name)
            assert card.get_by_role("button", name="I did it without the guide").count() == 0
            assert page.get_by_role("button", name="Start", exact=True).is_visible()  # the next session of today

            page.get_by_role("link", name="Your diary and charts").click()
            settle_on(page, "Your figures")
            assert page.get_by_text("This is a sample log").count() == 0
            entries = table_rows(page, "Notes")  # the Entries table, newest first
            assert [row[2:4] for row in entries] == [["3", ""], ["", SESSION.title]], entries
            assert entries[0][5].startswith("Check-in after the") and entries[1][5].startswith("Guided session: ")
            assert page.get_by_text("Against your plan").is_visible()
            against_plan = {row[1]: row[2] for row in table_rows(page, "Week of")}
            assert against_plan[CONTENT.type(SESSION.type_id).label].startswith("1 of "), against_plan
            assert_no_exception(page)
