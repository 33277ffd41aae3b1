"""Small helpers the browser tests share: wait for Streamlit to settle, open a page, check for exceptions."""

from __future__ import annotations

SETTLED = "[data-testid=stApp][data-test-script-state=notRunning]"


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until the script run has finished (Streamlit's own state), then until no element is stale."""
    page.wait_for_selector(SETTLED, timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-stale=\"true\"]')", timeout=timeout
    )


def goto_page(page, url_path: str = "") -> None:
    """Open one page of the app by its URL path ('' is Home) and wait for it to settle."""
    page.goto(f"{page.app_url}/{url_path}")
    wait_for_app(page)


def assert_no_exception(page) -> None:
    """No Streamlit exception box and no 'error loading content' message is on the page."""
    exceptions = page.locator("[data-testid=stException]")
    assert exceptions.count() == 0, exceptions.first.inner_text()
