"""The guided session in a real browser: the timer counts down without the page talking to the server, Next goes
through every step to Done, and the session and its check-in land in the diary the Log page shows."""

from __future__ import annotations

import datetime as dt
import math
import re
import time

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
from tests.e2e.helpers import assert_no_exception, drawn_timer

CONTENT = load()
PROGRAM = recommend(screened(MODERATE), CONTENT).program


def open_today_with_a_plan(page) -> None:
    """A person takes the self-assessment, then opens Today from the menu and starts the plan today."""
    open_self_assessment(page)
    tick_screen(page)
    answer_the_questions(page, MODERATE)
    page.get_by_role("button", name="See my result").click()
    settle_on(page, f"Your starter program: {PROGRAM.name}")
    page.get_by_role("link", name="Today").first.click()
    settle_on(page, "Week 1, day 1 of your plan")  # a new plan starts today (plan.default_start)
    if page.get_by_role("button", name="Start my plan today").count():
        page.get_by_role("button", name="Start my plan today").click()
        settle_on(page, "Week 1, day 1 of your plan")


def test_the_timer_counts_in_the_browser_and_done_puts_the_session_in_the_diary(browser, app_server, log_path):
    (log_path.parent / "data" / "profile.json").unlink(missing_ok=True)  # a new person: Home, not Today, opens
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.app_url = app_server
    sent_frames: list[object] = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda frame: sent_frames.append(frame)))
    try:
        open_today_with_a_plan(page)
        page.get_by_role("button", name="Start", exact=True).click()
        settle_on(page, "Step 1 of")
        assert_no_exception(page)
        timer = drawn_timer(page)
        count = timer.locator(".sw-count")
        assert count.inner_text() == "5:00"  # the warm-up, five minutes

        before = len(sent_frames)
        started = time.monotonic()
        timer.get_by_role("button", name="Start", exact=True).click()
        page.wait_for_timeout(2500)
        shown, waited = count.inner_text(), time.monotonic() - started
        # Counting down by the clock: at least 2.5 s gone, and no more than this test waited (a busy machine waits
        # longer than it asked).
        assert shown in [f"{s // 60}:{s % 60:02d}" for s in range(300 - math.ceil(waited), 299)], (shown, waited)
        timer.get_by_role("button", name="Pause").click()
        paused = count.inner_text()
        page.wait_for_timeout(1200)
        assert count.inner_text() == paused
        assert len(sent_frames) == before, "the timer made the page talk to the server"

        steps = steps_of(build_plan(PROGRAM, dt.date.today()).sessions[0])
        for number in range(1, len(steps) + 1):
            page.get_by_role("button", name="Next").click()
            settle_on(page, f"Step {number + 1} of" if number < len(steps) else "That is the session")
            assert len(sent_frames) > before, "a button's rerun is seen on the socket, so silence above means none"
            heading = steps[number].heading if number < len(steps) else "That is the session"
            focused = page.evaluate("() => document.activeElement && document.activeElement.textContent")
            assert heading in (focused or ""), f"the focus is not on the new step's heading: {focused!r}"
        page.get_by_role("button", name="Done").click()
        answer_the_check_in(page, pain=2)
        assert_no_exception(page)

        saved = log_path.read_text(encoding="utf-8")
        today = dt.date.today().isoformat()
        assert re.search(rf'^{today},\d\d:\d\d,,Core strengthening,\d+,"Guided session: Warm-up', saved, re.M)
        assert re.search(rf"^{today},\d\d:\d\d,2,,,Check-in after the core", saved, re.M)

        page.get_by_role("link", name="Pain and activity log").first.click()
        settle_on(page, "Your figures")
        assert page.get_by_text("This is a sample log").count() == 0
        assert_no_exception(page)
    finally:
        context.close()
