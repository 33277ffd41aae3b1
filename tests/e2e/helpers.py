"""Small helpers the browser tests share: wait for Streamlit to settle, open a page, check for exceptions, and a
browser visit that refuses other hosts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}

SETTLED = "[data-testid=stApp][data-test-script-state=notRunning]"


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until the script run has finished (Streamlit's own state), then until no element is stale."""
    page.wait_for_selector(SETTLED, timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-stale=\"true\"]')", timeout=timeout
    )


def goto_page(page, url_path: str = "") -> None:
    """Open one page of the app by its URL path ('' is Home) and wait for it to settle: first for the emergency
    line every run draws before its page (a freshly loaded app says "not running" before its first run too), then
    for the run to end."""
    page.goto(f"{page.app_url}/{url_path}")
    page.locator(".st-key-emergency-foot").first.wait_for(state="attached", timeout=30_000)
    wait_for_app(page)


def assert_no_exception(page) -> None:
    """No Streamlit exception box and no 'error loading content' message is on the page."""
    exceptions = page.locator("[data-testid=stException]")
    assert exceptions.count() == 0, exceptions.first.inner_text()


def entry_form(page):
    """The Log page's entry form, its expander opened if it is closed (waiting for the page to draw it first)."""
    expander = page.locator("[data-testid=stExpander]", has_text="Add an entry").locator("details")
    expander.wait_for(timeout=30_000)
    if expander.get_attribute("open") is None:
        expander.locator("summary").click()
    form = page.locator("[data-testid=stForm]").first
    form.wait_for(state="visible", timeout=30_000)
    return form


def rate_pain(form, value: int) -> None:
    """Set the entry form's pain slider to `value` (0-10) by keyboard, as a person can: Home is "No rating", and
    each right arrow one point more."""
    thumb = form.get_by_role("slider").first
    thumb.focus()
    thumb.press("Home")
    for _ in range(value + 1):
        thumb.press("ArrowRight")


def guard_context(context, outside_requests: list[str], page_errors: list[str]) -> None:
    """Block and record every request to a host other than this machine, and collect each new page's errors."""
    def guard(route) -> None:
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    context.on("page", lambda page: page.on("pageerror", lambda error: page_errors.append(str(error))))


@contextmanager
def browser_visit(browser, app_url: str, width: int = 1280, height: int = 900, *, check_errors: bool = True,
                  **device: object) -> Iterator[object]:
    """One visit in a browser opened afresh (a new context: no cookies, no session), as one guarded page; the
    context is closed afterwards, as a person closes the browser, and the visit must have asked no other host and
    (with `check_errors`) had no JavaScript error. `device` goes to the context (device_scale_factor, is_mobile,
    has_touch)."""
    outside: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True, **device)
    guard_context(context, outside, errors)
    page = context.new_page()
    page.app_url = app_url
    try:
        yield page
    finally:
        context.close()
    assert not outside, f"the app asked hosts other than this machine for: {outside}"
    assert not errors or not check_errors, f"JavaScript errors on the page: {errors}"


def drawn_timer(page):
    """The guided session's timer once its script has filled it in: it is drawn empty, then filled in the
    browser, which can come a moment after the run that drew it has ended."""
    from playwright.sync_api import expect  # here: without Playwright the browser tests skip

    timer = page.locator(".sw-timer").first  # in the component's shadow root, which locators reach into
    expect(timer.locator(".sw-main")).to_have_text(re.compile(r"\S"), timeout=30_000)
    return timer
