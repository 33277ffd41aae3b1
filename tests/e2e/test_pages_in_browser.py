"""Every page opens in a real Chromium with no exception and no request to any other host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spinewell.ui import navigation
from tests.e2e.helpers import assert_no_exception, goto_page, wait_for_app

PAGES = [Path(entry.path).stem for entry in navigation.PAGES]
assert PAGES, "the page registry is empty"


@pytest.mark.parametrize("page_name", PAGES)
def test_page_opens_without_exception(page, page_name):
    goto_page(page, "" if page_name == "home" else page_name)
    assert_no_exception(page)
    assert "does not diagnose" in page.locator("[data-testid=stSidebar]").inner_text()
    assert page.locator("h1").count() >= 1


def test_learn_question_answers_in_the_browser(page):
    goto_page(page, "learn")
    lesson = page.locator("[data-testid=stMain]")
    options = lesson.locator("[data-testid=stRadio] [role=radiogroup] label")
    options.first.click()
    feedback = lesson.get_by_text(re.compile(r"^(Correct\.|Not quite)"))
    feedback.wait_for(timeout=15_000)
    assert feedback.is_visible()


def test_lesson_link_opens_the_exercise_card(page):
    goto_page(page, "learn?lesson=building-a-routine")
    link = page.locator("[data-testid=stPageLink] a").filter(has_text="Plank").locator("visible=true").first
    link.click()
    page.wait_for_url("**/exercises?exercise=plank&from=lesson", timeout=15_000)
    wait_for_app(page)
    assert page.locator("[data-testid=stMain] h2").first.inner_text().startswith("Plank")
    page.get_by_role("link", name="Back to your lesson").first.click()
    page.wait_for_url("**/learn?lesson=building-a-routine", timeout=15_000)


def test_deep_link_on_a_fresh_server_still_goes_through_the_app(browser, tmp_path):
    # The first request a new server ever gets is a bookmark to an inner page: it must still get the app's
    # navigation and the disclaimer, not Streamlit's bare file-name listing of pages/.
    from tests.e2e.conftest import running_app

    with running_app(tmp_path / "log.csv") as url:
        context = browser.new_context()
        page = context.new_page()
        page.app_url = url
        goto_page(page, "program")
        sidebar = page.locator("[data-testid=stSidebar]")
        sidebar.get_by_text("does not diagnose", exact=False).wait_for(timeout=15_000)
        assert sidebar.get_by_text("Exercise library").is_visible()
        assert not sidebar.get_by_text("exercises", exact=True).is_visible()
        context.close()
