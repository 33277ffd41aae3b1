"""The hosted app (SPINEWELL_STORAGE=browser) through app.py, with a simulated browser (tests/hosted_browser.py):
each person's profile and diary are read from and written to their own browser, the server keeps nothing and shows
no server path, and full, cleared or damaged storage is said plainly."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from streamlit import config

from spinewell.log import source
from spinewell.storage import browser, bundle, keys
from spinewell.ui import browser_store
from tests.apptest import open_page, page_text, sidebar_text
from tests.hosted_browser import STAMP, Browser
from tests.test_bundle import ENTRIES
from tests.test_page_log import TODAY, form_field

LOG = "pages/log.py"
PRIVACY = "pages/privacy.py"
PROFILE = {keys.LESSONS_READ: ["scans"], keys.REMINDER: "07:30"}


@pytest.fixture(autouse=True)
def hosted(monkeypatch, tmp_path):
    monkeypatch.setenv("SPINEWELL_STORAGE", "browser")
    monkeypatch.setattr(source, "today", lambda: TODAY)


def filled(**more: str) -> dict[str, str]:
    return {browser.PROFILE_KEY: browser.encode_profile(PROFILE, dt.datetime(2026, 11, 1, 9, 0)),
            browser.DIARY_KEY: browser.encode_diary(ENTRIES), **more}


def everything_shown(at) -> str:
    return "\n".join([page_text(at), sidebar_text(at), *(str(b.label) for b in at.button),
                      *(str(e.label) for e in at.expander)])


def save_entry(person: Browser, at, pain: int, notes: str = ""):
    form_field(at, "select_slider", "pain").set_value(pain)
    form_field(at, "text_area", "notes").set_value(notes)
    return person.click(at, "Save entry")


def diary_in(person: Browser) -> tuple:
    return browser.decode_diary(person.storage.get(browser.DIARY_KEY))


def test_a_first_run_waits_for_the_browser_then_shows_the_page():
    from streamlit.testing.v1 import AppTest

    from tests.hosted_browser import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert browser_store.OPENING in [c.value for c in at.caption]
    assert not at.title  # the page waits: it does not yet know what this person has
    Browser().settle(at)
    assert at.title and browser_store.OPENING not in page_text(at)


def test_the_diary_and_profile_in_the_browser_are_shown_and_nothing_is_written_back_unchanged():
    person = Browser(filled())
    at = person.open(LOG)
    assert "Showing your diary, kept in this browser (not on the server)." in page_text(at)
    assert len(at.dataframe[-1].value) == len(ENTRIES)
    assert at.session_state[keys.LESSONS_READ] == ["scans"]
    assert not [w for w in person.writes if w.get("set")]


def test_an_entry_saved_on_the_log_page_is_in_the_browser_and_back_after_a_reload():
    person = Browser()
    at = person.open(LOG)
    save_entry(person, at, 4, notes="<b>felt fine</b>")
    assert any("Saved: 17 Nov 2026, pain 4" in s.value for s in at.success)
    assert [(e.date, e.pain, e.notes) for e in diary_in(person)] == [(TODAY, 4.0, "<b>felt fine</b>")]
    assert "Saved in this browser" in "\n".join(c.value for c in at.caption)

    again = person.open(LOG)  # a reload: a new server session, which reads the browser again
    assert [e.pain for e in again.session_state["spinewell.log_session_rows"]["session"]] == [4.0]
    again.button(key="log.undo").click()
    person.run(again)
    assert diary_in(person) == ()


def test_two_people_never_share_a_diary_and_a_third_sees_nothing():
    first, second = Browser(), Browser()
    save_entry(first, first.open(LOG), 2, notes="first person")
    save_entry(second, second.open(LOG), 8, notes="second person")
    assert [e.notes for e in diary_in(first)] == ["first person"]
    assert [e.notes for e in diary_in(second)] == ["second person"]
    third = Browser().open(LOG)
    assert "This is a sample log" in page_text(third)
    shown = str(third.dataframe[-1].value)
    assert "first person" not in shown and "second person" not in shown


def shown_notes(at) -> list[str]:
    return [e.notes for e in at.session_state["spinewell.log_session_rows"].get("session", ())]


def test_a_second_tab_shows_what_the_first_saved_and_adds_to_it_without_writing_over_it():
    """Two tabs of one browser: what one saves reaches the other (the browser's storage event), which then adds to
    it rather than writing its own older diary over it."""
    first = Browser()
    first_at = first.open(LOG)
    second = first.another_tab()
    second_at = second.open(LOG)
    save_entry(first, first_at, 3, notes="saved in the first tab")
    second.storage_event(second_at)
    assert shown_notes(second_at) == ["saved in the first tab"]
    assert browser.ELSEWHERE_MESSAGE in page_text(second_at)
    save_entry(second, second_at, 5, notes="then in the second")
    assert [e.notes for e in diary_in(first)] == ["saved in the first tab", "then in the second"]
    assert browser.ELSEWHERE_MESSAGE not in page_text(second_at)  # said once


def test_a_tab_that_did_not_hear_of_the_other_tabs_change_is_refused_then_merged_so_both_are_kept():
    """The second tab saves before it heard of the first tab's entry: the browser refuses that write, so nothing
    is written over; the second tab then merges its entry into what the first saved, and writes both."""
    first = Browser()
    first_at = first.open(LOG)
    second = first.another_tab()
    second_at = second.open(LOG)
    save_entry(first, first_at, 3, notes="saved in the first tab")
    first_stamp = first.storage[STAMP]
    written = len(second.writes)
    save_entry(second, second_at, 6, notes="saved in the second tab")
    refused, merged = second.writes[written], second.writes[-1]
    assert refused["base"] != [first_stamp] and merged["base"] == [first_stamp]  # refused, then made from the first's
    assert [e.notes for e in diary_in(first)] == ["saved in the first tab", "saved in the second tab"]
    assert shown_notes(second_at) == ["saved in the first tab", "saved in the second tab"]
    assert browser.ELSEWHERE_MESSAGE in page_text(second_at) and browser.OVERTAKEN_MESSAGE not in page_text(second_at)


def test_a_refused_change_that_cannot_be_merged_is_said_and_nothing_is_written_over():
    """What the other tab left cannot be read: the refused change is not merged into it, and the page says so."""
    first = Browser()
    second = first.another_tab()
    second_at = second.open(LOG)
    first.storage.update({browser.DIARY_KEY: "{damaged", STAMP: "another-tab"})
    save_entry(second, second_at, 6, notes="not saved")
    assert first.storage[browser.DIARY_KEY] == "{damaged"
    assert browser.OVERTAKEN_MESSAGE in page_text(second_at)
    assert "could not open what it remembers about you" in page_text(second_at)


def test_answers_given_in_another_tab_give_this_tab_their_program(monkeypatch):
    """The assessment done in one tab: the other tab, open on Today before, shows the program it gave."""
    from spinewell.assessment import steps
    from spinewell.storage import profile
    from tests import today_sessions

    monkeypatch.setattr(source, "today", lambda: today_sessions.WEDNESDAY)
    first = Browser()
    first_at = first.open("pages/today.py")
    second = first.another_tab()
    second_at = second.open("pages/today.py")
    assert not second_at.get("progress")  # no program yet: no week's progress
    plan = {**{key: value for key, value in today_sessions.with_plan().items() if key in keys.PROFILE_KEYS},
            steps.STEP: steps.RESULT}
    first.storage[browser.PROFILE_KEY] = browser.encode_profile(profile.kept(plan), dt.datetime(2026, 3, 11, 9))
    second.storage_event(second_at)
    assert second_at.session_state[steps.ANSWERS] == plan[steps.ANSWERS]
    assert second_at.get("progress")[0].proto.text == "0 of 15 sessions done this week"
    for tab, at in ((first, first_at), (second, second_at)):  # what one writes back, the other takes in...
        tab.storage_event(at)
    written = len(first.writes) + len(second.writes)
    first.storage_event(first_at)
    second.storage_event(second_at)
    assert len(first.writes) + len(second.writes) == written  # ...until neither has anything more to write


def test_a_full_browser_says_what_was_not_saved_and_keeps_what_was_saved_before():
    person = Browser(filled())
    before = dict(person.storage)
    person.quota = sum(len(k) + len(v) for k, v in before.items()) + 20  # no room for one more entry
    at = person.open(LOG)
    save_entry(person, at, 5)
    warned = "\n".join(w.value for w in at.warning)
    assert "could not be saved in this browser: its storage is full" in warned and "Download everything" in warned
    assert person.storage == before
    person.run(at)  # the same change is not tried again and again
    assert len([w for w in person.writes if w.get("set")]) == 1


def test_a_change_that_would_go_over_the_limit_is_not_sent_and_is_said(monkeypatch):
    monkeypatch.setattr(browser, "LIMIT", 400)
    person = Browser(filled())
    before = dict(person.storage)
    at = person.open(LOG)
    save_entry(person, at, 5)
    assert "is not saved in this browser: it is full" in "\n".join(w.value for w in at.warning)
    assert person.storage == before


def test_storage_cleared_since_this_tab_saved_is_said():
    at = Browser(had=True).open()
    assert "What Spinewell kept in this browser is gone" in "\n".join(e.value for e in at.error)


@pytest.mark.parametrize("damaged", [browser.PROFILE_KEY, browser.DIARY_KEY])
def test_a_damaged_value_gets_the_message_and_start_again_keeps_it_under_another_key(damaged):
    person = Browser(filled(**{damaged: '{"app": "spinewell", "ver'}))
    at = person.open(LOG)
    said = "\n".join(e.value for e in at.error)
    assert "could not open what it remembers about you" in said and "cannot be read" in said
    assert "folder" not in said and "profile.json" not in said
    save_entry(person, at, 3)  # nothing is written over it meanwhile
    assert person.storage[damaged] == '{"app": "spinewell", "ver'
    person.click(at, "Start again")
    assert "Started again with nothing remembered" in "\n".join(s.value for s in at.success)
    aside = [key for key in person.storage if key.startswith(f"{damaged}.damaged-")]
    assert len(aside) == 1 and person.storage[aside[0]] == '{"app": "spinewell", "ver'
    assert damaged not in person.storage or person.storage[damaged] != '{"app": "spinewell", "ver'


def test_the_privacy_page_says_where_it_is_kept_and_downloads_the_browser_diary(downloads, tmp_path):
    at = Browser(filled()).open(PRIVACY)
    text = page_text(at)
    assert "kept in this browser" in text and "The server running Spinewell keeps none of it" in text
    assert str(tmp_path) not in text and "data folder" not in text and "profile.json" not in text
    download = [b for b in at.get("download_button") if b.proto.label == "Download everything"][0]
    assert download.proto.deferred_file_id  # made when clicked, not on every run
    contents = bundle.parse(downloads[f"spinewell-everything-{dt.date.today():%Y-%m-%d}.json"])
    assert contents.rows == bundle.rows_from_entries(ENTRIES) and contents.profile == PROFILE


def test_delete_everything_empties_the_browser_and_load_it_back_fills_it(downloads):
    person = Browser(filled())
    at = person.open(PRIVACY)
    payload = downloads[f"spinewell-everything-{dt.date.today():%Y-%m-%d}.json"]
    person.click(at, "Delete everything")
    person.click(at, "Yes, delete everything")
    assert not [key for key in person.storage if key.startswith("spinewell.")]
    at = person.open(PRIVACY)
    at.get("file_uploader")[0].set_value(("mine.json", payload, "application/json"))
    person.run(at)
    person.click(at, "Yes, replace it")
    assert diary_in(person) == ENTRIES
    assert json.loads(person.storage[browser.PROFILE_KEY])["data"] == PROFILE


@pytest.mark.parametrize("page", ["pages/home.py", "pages/today.py", "pages/assessment.py", "pages/program.py",
                                  LOG, "pages/learn.py", "pages/exercises.py", "pages/about.py", PRIVACY])
def test_no_page_shows_a_server_path_in_hosted_mode(page, tmp_path):
    at = Browser(filled()).open(page)
    shown = everything_shown(at)
    for server_side in (str(tmp_path), os.environ["SPINEWELL_DATA"], os.environ["SPINEWELL_LOG"], "profile.json",
                        "pain_log.csv", "data folder", str(Path.cwd())):
        assert server_side not in shown, (page, server_side)


@pytest.fixture()
def reachable(monkeypatch):
    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    yield
    config.set_option("server.address", before)


def test_the_local_backend_on_a_reachable_address_stops_every_page_with_what_to_set(reachable, monkeypatch):
    monkeypatch.delenv("SPINEWELL_STORAGE")
    at = open_page()
    said = "\n".join(e.value for e in at.error)
    assert "SPINEWELL_STORAGE=browser" in said and "SPINEWELL_STORAGE=local" in said and "your phone" in said
    assert not at.title


def test_local_said_explicitly_runs_on_a_reachable_address(reachable, monkeypatch):
    monkeypatch.setenv("SPINEWELL_STORAGE", "local")
    at = open_page()
    assert at.title and not at.error


def test_a_guided_session_and_its_check_in_are_in_the_browser_after_a_reload(monkeypatch):
    from spinewell.assessment import steps
    from spinewell.storage import profile
    from tests import today_sessions

    monkeypatch.setattr(source, "today", lambda: today_sessions.WEDNESDAY)
    plan = {**{key: value for key, value in today_sessions.with_plan().items() if key in keys.PROFILE_KEYS},
            steps.STEP: steps.RESULT}
    person = Browser({browser.PROFILE_KEY: browser.encode_profile(profile.kept(plan), dt.datetime(2026, 3, 1))})
    at = person.click(person.open("pages/today.py"), "Start")
    at.switch_page("pages/session.py")
    person.run(at)
    for _ in range(9):  # warm-up, bridge, three plank holds with two rests, bird-dog, cool-down
        person.click(at, "Next")
    person.click(at, "Done")
    assert [(e.exercise, e.minutes) for e in diary_in(person)] == [("Core strengthening", 14)]
    assert "Saved to your diary" in at.success[0].value
    at.select_slider(key="session.check_in.pain").set_value(3)
    at.button_group(key="session.check_in.felt").set_value("about_right")
    person.click(at, "Save")
    stored = json.loads(person.storage[browser.PROFILE_KEY])["data"]
    assert stored[keys.CHECKINS] == [
        {"date": "2026-03-11", "type": "core", "pain": 3, "felt": "about_right", "guided": True}]
    again = person.open("pages/today.py")
    assert again.get("progress")[0].proto.text == "1 of 15 sessions done this week"


def test_a_change_made_while_the_page_runs_is_in_the_browser_without_another_click():
    """Opening a lesson marks it read while the Learn page runs, after the component was drawn: one more run writes
    it, so a reload straight after still knows the lesson was read."""
    person = Browser()
    at = person.open()
    at.switch_page("pages/learn.py")
    person.run(at)
    assert at.session_state[keys.LESSONS_READ]
    assert json.loads(person.storage[browser.PROFILE_KEY])["data"][keys.LESSONS_READ] == \
        at.session_state[keys.LESSONS_READ]


def test_a_report_made_for_another_server_session_is_not_taken_as_this_browsers_data():
    """A session that reconnects to another replica gets the browser's old report back with the page: it waits for
    the browser to read again for this session, rather than take what the browser held back then."""
    from streamlit.testing.v1 import AppTest

    from tests.hosted_browser import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    node = [n for n in at.get("bidi_component") if "spinewell-browser-store" in n.proto.id][0]
    states = at._tree.get_widget_states()
    widget = states.widgets.add()
    widget.id = node.proto.id
    widget.json_value = json.dumps({"held": {"session": "another-server", "values": {}, "sizes": {}, "had": False}})
    at._run(states)
    assert browser_store.OPENING in [c.value for c in at.caption] and not at.title
    Browser(filled()).settle(at)
    assert at.title and at.session_state[keys.LESSONS_READ] == ["scans"]


def test_a_past_entry_changed_or_deleted_is_changed_in_the_browser_too():
    from tests.test_page_log_edit import pick

    person = Browser()
    at = person.open(LOG)
    save_entry(person, at, 5, notes="first")
    save_entry(person, at, 7, notes="second")
    pick(at, "Tue 17 Nov 2026 – pain 5")
    person.settle(at)
    form_field(at, "select_slider", "pain", form="log.edit").set_value(2)
    person.click(at, "Save changes")
    assert [(e.pain, e.notes) for e in diary_in(person)] == [(2.0, "first"), (7.0, "second")]
    pick(at, "Tue 17 Nov 2026 – pain 7")
    person.settle(at)
    person.click(at, "Delete this entry")
    person.click(at, "Yes, delete it")
    assert [(e.pain, e.notes) for e in diary_in(person)] == [(2.0, "first")]
    assert [e.notes for e in person.open(LOG).session_state["spinewell.log_session_rows"]["session"]] == ["first"]


def test_home_says_everything_stays_in_this_browser_not_on_a_computer(monkeypatch):
    home = page_text(Browser().open("pages/home.py"))
    assert "Everything stays in this browser, on this device: no account, no tracking." in home
    assert "computer" not in home
    monkeypatch.setenv("SPINEWELL_STORAGE", "local")
    assert "Everything stays on the computer running Spinewell" in page_text(open_page("pages/home.py"))
