"""Hosted for many people, in a real browser: a server started with SPINEWELL_STORAGE=browser keeps each person's
answers and diary in their own browser, so two people never see each other's, a reload keeps each one's own, a third
sees nothing, a full browser is said plainly, and no server path is ever shown. The Dockerfile's own command (its ENV
and CMD, with the port swapped) serves the app in hosted mode."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import sys
from pathlib import Path

import pytest

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.storage.browser import ELSEWHERE_MESSAGE
from tests.answer_sets import NO_FLOOR_WITH_BIKE, screened
from tests.e2e.assessment_steps import answer_the_questions, open_self_assessment, settle_on, tick_screen
from tests.e2e.conftest import ROOT, _free_port, running_app, serving
from tests.e2e.helpers import assert_no_exception, browser_visit, entry_form, goto_page, rate_pain, wait_for_app

PROGRAM = recommend(screened(NO_FLOOR_WITH_BIKE), load()).program
SHOWN_FROM_BROWSER = "Showing your diary, kept in this browser"


@pytest.fixture(scope="module")
def server_files(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hosted") / "pain_log.csv"


@pytest.fixture(scope="module")
def hosted_server(server_files):
    with running_app(server_files, env={"SPINEWELL_STORAGE": "browser"}) as url:
        yield url


def _open_log(page) -> None:
    goto_page(page, "log")
    page.get_by_text("Pain and activity log").first.wait_for()
    wait_for_app(page)


def _save_entry(page, pain: int, notes: str) -> None:
    form = entry_form(page)
    rate_pain(form, pain)
    form.get_by_label("Notes (optional)").fill(notes)
    page.get_by_role("button", name=re.compile("Save entry")).click()
    page.get_by_text("Saved:").first.wait_for(timeout=30_000)
    wait_for_app(page)


def _stored_diary(page) -> str:
    return page.evaluate("() => window.localStorage.getItem('spinewell.diary') || ''")


def _wait_stored(page, text: str) -> None:
    page.wait_for_function("(t) => (window.localStorage.getItem('spinewell.diary') || '').includes(t)", arg=text,
                           timeout=20_000)


def _never_a_server_path(page, server_files: Path) -> None:
    shown = page.locator("[data-testid=stApp]").inner_text()
    for server_side in (str(server_files.parent), str(ROOT), "profile.json", "pain_log.csv", "data folder"):
        assert server_side not in shown, server_side


def test_two_people_keep_their_own_diary_and_answers_and_a_third_sees_nothing(browser, hosted_server, server_files):
    with browser_visit(browser, hosted_server) as first, browser_visit(browser, hosted_server) as second:
        open_self_assessment(first)
        tick_screen(first)
        settle_on(first, "Question 1 of")
        answer_the_questions(first, NO_FLOOR_WITH_BIKE)
        first.get_by_role("button", name="See my result").click()
        settle_on(first, f"Your starter program: {PROGRAM.name}")
        first.wait_for_function("() => (window.localStorage.getItem('spinewell.profile') || '').includes('answers')",
                                timeout=20_000)

        _open_log(first)
        _save_entry(first, 3, "first person's note")
        _open_log(second)
        _save_entry(second, 7, "second person's note")
        _wait_stored(first, "first person's note")
        _wait_stored(second, "second person's note")
        assert "second person" not in _stored_diary(first) and "first person" not in _stored_diary(second)
        assert second.evaluate("() => window.localStorage.getItem('spinewell.profile')") in (None, "") or \
            "answers" not in second.evaluate("() => window.localStorage.getItem('spinewell.profile')")

        for person, own, other in ((first, "first person's note", "second"), (second, "second person's note",
                                                                               "first")):
            person.reload()  # a new server session: it reads this browser again
            wait_for_app(person)
            _open_log(person)
            text = person.locator("[data-testid=stApp]").inner_text()
            assert SHOWN_FROM_BROWSER in text
            person.get_by_text(own).first.wait_for(state="attached", timeout=20_000)  # a cell of the entries table
            assert person.get_by_text(f"{other} person's note").count() == 0
            _never_a_server_path(person, server_files)
            assert_no_exception(person)
        goto_page(first, "program")
        settle_on(first, "Take it with you")
        assert first.get_by_role("heading", name=PROGRAM.name).is_visible()

    assert not server_files.exists() and not (server_files.parent / "data").exists()  # the server kept nothing

    with browser_visit(browser, hosted_server) as third:
        _open_log(third)
        text = third.locator("[data-testid=stApp]").inner_text()
        assert "This is a sample log" in text and third.get_by_text(re.compile("person's note")).count() == 0
        goto_page(third, "program")
        assert not third.get_by_role("heading", name=PROGRAM.name).count()


def test_a_full_browser_gives_the_message_and_keeps_what_was_saved_before(browser, hosted_server, server_files):
    with browser_visit(browser, hosted_server) as page:
        _open_log(page)
        _save_entry(page, 4, "saved before it was full")
        _wait_stored(page, "saved before it was full")
        before = _stored_diary(page)
        page.evaluate("""() => {  // another use of this site fills what the browser allows, to the last character
            let chunk = 'x'.repeat(1 << 20), n = 0;
            while (chunk.length) {
                try { localStorage.setItem('other.filler.' + n, chunk); n += 1; }
                catch (error) { chunk = chunk.slice(0, Math.floor(chunk.length / 2)); }
            }
        }""")
        _save_entry(page, 6, "this one does not fit")
        page.get_by_text("its storage is full").first.wait_for(timeout=20_000)
        text = page.locator("[data-testid=stApp]").inner_text()
        assert "Download everything" in text
        assert _stored_diary(page) == before
        _never_a_server_path(page, server_files)
        assert_no_exception(page)


def _second_tab(page):
    """Another tab of the same browser (the same localStorage), opened on the Log page."""
    tab = page.context.new_page()
    tab.app_url = page.app_url
    _open_log(tab)
    return tab


def test_two_tabs_of_one_browser_add_to_one_diary_and_neither_writes_over_the_other(browser, hosted_server,
                                                                                   server_files):
    with browser_visit(browser, hosted_server) as first:
        _open_log(first)
        second = _second_tab(first)
        _save_entry(first, 2, "saved in the first tab")
        _wait_stored(first, "saved in the first tab")
        second.get_by_text(ELSEWHERE_MESSAGE).first.wait_for(timeout=20_000)  # no reload: the browser told it
        second.get_by_text("saved in the first tab").first.wait_for(state="attached", timeout=20_000)
        _save_entry(second, 5, "then in the second tab")
        _wait_stored(first, "then in the second tab")
        assert "saved in the first tab" in _stored_diary(first)

        # Another tab saved a moment ago, before this one could hear of it: the browser refuses this tab's write,
        # which is then merged into what the other saved, and written.
        other_tab = json.loads(_stored_diary(second))
        other_tab["rows"].append([dt.date.today().isoformat(), "", "1", "", "", "saved by another tab just now"])
        second.evaluate("(diary) => { localStorage.setItem('spinewell.diary', diary);"
                        " localStorage.setItem('spinewell.stamp', 'another-tab-just-now'); }",
                        json.dumps(other_tab))
        _save_entry(second, 7, "refused, then merged")
        _wait_stored(second, "refused, then merged")
        second.get_by_text(ELSEWHERE_MESSAGE).first.wait_for(timeout=20_000)
        stored = _stored_diary(second)
        assert all(note in stored for note in ("saved in the first tab", "then in the second tab",
                                               "saved by another tab just now", "refused, then merged"))
        assert second.evaluate("() => localStorage.getItem('spinewell.stamp')") != "another-tab-just-now"
        for tab in (first, second):
            _never_a_server_path(tab, server_files)
            assert_no_exception(tab)


def _dockerfile() -> tuple[dict[str, str], list[str]]:
    """The Dockerfile's ENV settings and its CMD, as the image would start."""
    env, command = {}, None
    for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ").splitlines():
        word, _, rest = line.strip().partition(" ")
        if word == "ENV":
            for pair in shlex.split(rest):
                key, _, value = pair.partition("=")
                env[key] = value
        elif word == "CMD":
            command = __import__("json").loads(rest)
    assert command, "the Dockerfile has no CMD"
    return env, command


def test_the_dockerfile_command_serves_the_app_in_hosted_mode(browser, tmp_path):
    env, command = _dockerfile()
    assert env["SPINEWELL_STORAGE"] == "browser" and command[:3] == ["streamlit", "run", "app.py"]
    assert command[command.index("--server.address") + 1] == "0.0.0.0"
    port = _free_port()
    command = [sys.executable, "-m", *command]
    command[command.index("--server.port") + 1] = str(port)
    clean = {key: value for key, value in os.environ.items() if not key.startswith("SPINEWELL_")}
    with serving(command, {**clean, **env, "HOME": str(tmp_path)}, port) as url, browser_visit(browser, url) as page:
        _open_log(page)
        _save_entry(page, 5, "kept in the browser")
        _wait_stored(page, "kept in the browser")
        text = page.locator("[data-testid=stApp]").inner_text()
        assert SHOWN_FROM_BROWSER in text and "Spinewell is not ready to be shared" not in text
        assert str(ROOT) not in text
