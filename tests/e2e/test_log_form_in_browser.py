"""The entry form in a real browser: after a save it is empty, so the next entry holds only what was typed for it;
after a refusal it keeps what was typed, to correct it."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest

from spinewell.log.entry import HEADER_LINE
from tests.e2e.conftest import running_app
from tests.e2e.helpers import assert_no_exception, entry_form, rate_pain, wait_for_app


@pytest.fixture(scope="module")
def diary(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("form") / "pain_log.csv"


@pytest.fixture(scope="module")
def form_server(diary):
    with running_app(diary) as url:
        yield url


@pytest.fixture()
def log_page(browser, form_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{form_server}/log")
    wait_for_app(page)
    try:
        yield page
    finally:
        context.close()
    assert not errors, errors


def _pain(form, value: int) -> None:
    rate_pain(form, value)


def _save(page) -> None:
    page.get_by_role("button", name=re.compile("Save entry")).click()
    wait_for_app(page)


def _rows(diary: Path, count: int) -> list[str]:
    """The diary's rows once it has `count` of them (the save is written by the server, so wait for it)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        lines = diary.read_text(encoding="utf-8").splitlines() if diary.exists() else []
        if len(lines) - 1 >= count:
            return lines[1:]
        time.sleep(0.2)
    raise AssertionError(f"the diary never got {count} rows: {lines}")


def test_a_second_entry_holds_only_what_was_typed_for_it(log_page, diary):
    from playwright.sync_api import expect  # (here: without Playwright the browser fixture skips, not the import)

    page = log_page
    form = entry_form(page)
    _pain(form, 5)
    exercise = form.locator("[data-testid=stSelectbox]")
    exercise.click()
    page.keyboard.type("Plank")
    page.get_by_role("option", name="Plank", exact=True).click()
    form.get_by_label("Minutes").fill("10")
    form.get_by_label("Notes (optional)").fill("first")
    _save(page)
    page.get_by_text("Saved:").first.wait_for(timeout=30_000)
    assert_no_exception(page)
    today = dt.date.today().isoformat()
    assert _rows(diary, 1) == [f"{today},,5,Plank,10,first"]

    wait_for_app(page)
    form = entry_form(page)
    expect(form.get_by_label("Notes (optional)")).to_have_value("")
    expect(form.get_by_label("Minutes")).to_have_value("")
    _pain(form, 3)
    form.get_by_label("Notes (optional)").fill("second")
    _save(page)
    assert_no_exception(page)
    assert _rows(diary, 2) == [f"{today},,5,Plank,10,first", f"{today},,3,,,second"]
    assert diary.read_text(encoding="utf-8").startswith(HEADER_LINE + "\n")


def test_a_refused_entry_keeps_what_was_typed(log_page, diary):
    from playwright.sync_api import expect

    page = log_page
    before = diary.read_bytes() if diary.exists() else b""
    form = entry_form(page)
    form.get_by_label("Minutes").fill("20")
    form.get_by_label("Notes (optional)").fill("walked the dog")
    _save(page)
    page.get_by_text("Say which exercise").wait_for(timeout=30_000)
    wait_for_app(page)
    form = entry_form(page)
    expect(form.get_by_label("Notes (optional)")).to_have_value("walked the dog")
    expect(form.get_by_label("Minutes")).to_have_value("20")
    assert (diary.read_bytes() if diary.exists() else b"") == before
