"""The Learn page on a 390 px phone screen: "Next lesson" at the foot of a long lesson brings the next lesson's
heading into view and gives it the focus, and nothing is wider than the screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from spinewell.content.load import load
from tests.e2e.helpers import assert_no_exception, browser_visit, goto_page, wait_for_app

LESSONS = load().learn
PHONE = {"width": 390, "height": 844}


@pytest.fixture()
def phone(browser, app_server: str) -> Iterator[object]:
    """A page the size of a phone screen, touch enabled, that refuses other hosts like the desktop one."""
    # JavaScript errors are not what these tests look at
    with browser_visit(browser, app_server, PHONE["width"], PHONE["height"], check_errors=False, has_touch=True,
                       is_mobile=True, device_scale_factor=2) as page:
        yield page


def _lesson_heading(page):
    return page.locator("[data-testid=stMain] h2").first


def _in_view(page, locator) -> bool:
    """The top of `locator` is on screen and not hidden under Streamlit's fixed header bar."""
    box = locator.bounding_box()
    header = page.locator("[data-testid=stHeader]").bounding_box()
    top = header["y"] + header["height"] if header else 0
    return box is not None and box["y"] >= top - 1 and box["y"] + min(box["height"], 40) <= PHONE["height"]


def test_next_lesson_brings_the_next_heading_into_view_and_focus(phone):
    from playwright.sync_api import expect

    goto_page(phone, "learn")
    assert_no_exception(phone)
    expect(_lesson_heading(phone)).to_have_text(f"1. {LESSONS[0].title}")

    next_button = phone.get_by_role("button", name="Next lesson")
    next_button.scroll_into_view_if_needed()
    assert not _in_view(phone, _lesson_heading(phone)), "the lesson is too short to test scrolling on a phone"
    next_button.click()
    wait_for_app(phone)

    heading = _lesson_heading(phone)
    expect(heading).to_have_text(f"2. {LESSONS[1].title}")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    assert _in_view(phone, heading), heading.bounding_box()
    assert f"lesson={LESSONS[1].id}" in phone.url


def test_previous_goes_back_to_the_earlier_heading(phone):
    from playwright.sync_api import expect

    goto_page(phone, f"learn?lesson={LESSONS[2].id}")
    previous = phone.get_by_role("button", name="Previous")
    previous.scroll_into_view_if_needed()
    previous.click()
    wait_for_app(phone)
    heading = _lesson_heading(phone)
    expect(heading).to_have_text(f"2. {LESSONS[1].title}")
    expect(heading).to_be_in_viewport()


def test_no_lesson_is_wider_than_a_phone_screen(phone):
    for lesson in LESSONS:
        goto_page(phone, f"learn?lesson={lesson.id}")
        assert_no_exception(phone)
        width = phone.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth")
        assert width <= PHONE["width"], f"{lesson.id} is {width} px wide on a {PHONE['width']} px screen"
