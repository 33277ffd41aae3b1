"""User text placed inside Markdown with widgets.literal reads in the browser exactly as it was typed."""

from __future__ import annotations

import pytest

from spinewell.ui.widgets import WORD_JOINER
from tests.e2e.conftest import running_app
from tests.e2e.helpers import wait_for_app
from tests.user_text import HOSTILE_TEXTS


@pytest.fixture(scope="module")
def literal_server(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("log") / "unused.csv", "tests/e2e/scripts/literal_text.py") as url:
        yield url


def test_escaped_user_text_shows_as_typed_and_makes_no_markup(browser, literal_server):
    page = browser.new_page()
    try:
        page.goto(literal_server)
        wait_for_app(page)
        for index, text in enumerate(HOSTILE_TEXTS):
            block = page.locator(f".st-key-literal-{index} [data-testid=stMarkdownContainer]")
            shown = block.inner_text().replace(WORD_JOINER, "")
            assert shown == "Shown: " + " ".join(text.split()), text
            made = block.locator("strong, em, del, a, img, script, h1, ul, ol, li, code, table, .katex, span[role=img]")
            assert made.count() == 0, f"{text!r} became markup: {made.first.evaluate('e => e.outerHTML')}"
    finally:
        page.close()
