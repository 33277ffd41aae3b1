"""In a real browser: the answers and the plan outlive a reload and a closed browser (local storage, the default)."""

from __future__ import annotations

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from tests.answer_sets import NO_FLOOR_WITH_BIKE, screened
from tests.e2e.assessment_steps import answer_the_questions, open_self_assessment, settle_on, tick_screen
from tests.e2e.helpers import assert_no_exception, goto_page, wait_for_app

PROGRAM = recommend(screened(NO_FLOOR_WITH_BIKE), load()).program


def test_the_plan_is_still_there_after_a_reload_and_in_a_new_browser(page, browser):
    open_self_assessment(page)
    tick_screen(page)
    settle_on(page, "Question 1 of")
    answer_the_questions(page, NO_FLOOR_WITH_BIKE)
    page.get_by_role("button", name="See my result").click()
    settle_on(page, f"Your starter program: {PROGRAM.name}")

    page.reload()  # a new session in the same tab
    wait_for_app(page)
    settle_on(page, f"Your starter program: {PROGRAM.name}")

    later = browser.new_context(viewport={"width": 1280, "height": 900})  # the next day, the browser closed since
    try:
        returning = later.new_page()
        returning.app_url = page.app_url
        goto_page(returning, "program")
        settle_on(returning, "Take it with you")
        assert returning.get_by_role("heading", name=PROGRAM.name).is_visible()
        assert_no_exception(returning)
    finally:
        later.close()
