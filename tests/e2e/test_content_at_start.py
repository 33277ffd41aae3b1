"""Broken content under a real `streamlit run`: the script health check fails, and the first page says what is wrong."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, running_app
from tests.e2e.helpers import assert_no_exception, wait_for_app

HEALTH = "/_stcore/script-health-check"


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture()
def broken_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The app on its own server, reading a copy of content/ whose plank dose says `amount` twice."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    exercises = content / "exercises.yaml"
    dose = "    dose:\n      amount: 20\n"
    exercises.write_text(exercises.read_text(encoding="utf-8").replace(dose, dose + "      amount: 25\n", 1),
                         encoding="utf-8")
    monkeypatch.setenv("SPINEWELL_CONTENT", str(content))
    with running_app(tmp_path / "pain_log.csv") as url:
        yield url


def test_the_script_health_check_passes_with_good_content(app_server):
    assert _get(app_server + HEALTH) == (200, "ok")


@pytest.mark.parametrize("first_page", ["", "log"])
def test_broken_content_fails_the_health_check_and_the_first_page_names_the_file_and_field(
        broken_server, browser, first_page):
    assert _get(broken_server + HEALTH)[0] == 503
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{broken_server}/{first_page}")
        wait_for_app(page)
        page.get_by_text("could not be loaded").wait_for(timeout=30_000)
        message = page.locator("[data-testid=stAlert]").first.inner_text()
        assert "exercises.yaml" in message and "exercises[0].dose.amount" in message
        assert "written twice" in message
        assert_no_exception(page)
    finally:
        context.close()
