"""The privacy page: what is kept where, and the person's own controls: download everything, load it back, delete it."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from spinewell.assessment import steps
from spinewell.storage import bundle, bundle_files, keys, profile
from spinewell.storage.backends import LocalStore
from spinewell.ui import bundle_panel, state
from tests.answer_sets import MODERATE_WITH_POOL
from tests.apptest import click, open_page, page_text, sidebar_text, switch
from tests.test_bundle import DIARY, ENTRIES
from tests.test_storage import EVERYTHING, NOW

PAGE = "pages/privacy.py"
# Everything a profile keeps, for someone with a plan (no warning sign), as a session holds it once loaded (an
# answer cleared to None is not loaded back).
PERSON = {**EVERYTHING, steps.SCREEN: (), steps.CHECKED: False, steps.ANSWERS: dict(MODERATE_WITH_POOL)}


def profile_path() -> Path:
    return Path(os.environ["SPINEWELL_DATA"]) / "profile.json"


def diary_path() -> Path:
    return Path(os.environ["SPINEWELL_LOG"])


def someone_with_a_plan_and_a_diary() -> None:
    LocalStore(profile_path()).save(profile.kept(PERSON))
    diary_path().write_bytes(DIARY)


def download_name() -> str:
    return bundle_panel.download_name(dt.date.today())


def upload(at: AppTest, data: bytes, name: str = "spinewell-everything.json") -> AppTest:
    at.get("file_uploader")[0].set_value((name, data, "application/json")).run()
    assert not at.exception, at.exception
    return at


def move_to_another_computer(monkeypatch, folder: Path) -> None:
    monkeypatch.setenv("SPINEWELL_DATA", str(folder / "data"))
    monkeypatch.setenv("SPINEWELL_LOG", str(folder / "pain_log.csv"))


def welcomed_back(at: AppTest) -> bool:
    """Whether the app knows this person has a plan: Home welcomes them back, or (a session's first run of Home)
    sends them on to Today."""
    return "Welcome back" in page_text(at) or (bool(at.title) and at.title[0].value == "Today")


# --- what the page says ---------------------------------------------------------------------------------------------


def test_with_local_storage_the_page_names_each_file_and_what_is_never_sent():
    text = page_text(open_page(PAGE))
    assert f"`{profile_path().parent}`" in text and "`profile.json`: the safety check" in text
    assert f"`{diary_path()}`" in text and "`profile.deleted-…json`" in text
    assert "gatherUsageStats = false" in text and "No requests to other websites" in text
    assert "not saved, on the server or in this browser" in text  # (keeping it in the browser is built now)


def test_with_session_storage_the_page_says_nothing_is_written_and_the_tab_holds_it(monkeypatch):
    monkeypatch.setenv("SPINEWELL_STORAGE", "session")
    monkeypatch.setenv("SPINEWELL_LOG", "off")
    at = open_page(PAGE)
    text = page_text(at)
    assert "Nothing is written to disk" in text and "this browser tab's session" in text
    assert "profile.json" not in text
    assert "Download everything" in [b.label for b in at.sidebar.get("download_button")]
    assert "privacy" in [link.proto.page for link in at.sidebar.get("page_link")]
    assert "Download them to keep a copy" in sidebar_text(at)


def test_about_links_to_the_privacy_page():
    assert "privacy" in [link.proto.page for link in open_page("pages/about.py").get("page_link")]


# --- download and load back -----------------------------------------------------------------------------------------


def test_the_download_holds_the_profile_and_every_diary_row(downloads):
    someone_with_a_plan_and_a_diary()
    open_page(PAGE)
    payload = downloads[download_name()]
    contents = bundle.parse(payload)
    assert profile.to_session(contents.profile) == PERSON
    assert contents.rows == bundle.rows_from_csv(DIARY)


def test_loaded_on_another_computer_it_holds_the_same_profile_and_diary(downloads, monkeypatch, tmp_path):
    someone_with_a_plan_and_a_diary()
    open_page(PAGE)
    payload, saved = downloads[download_name()], LocalStore(profile_path()).load().data
    move_to_another_computer(monkeypatch, tmp_path / "elsewhere")

    at = upload(open_page(PAGE), payload)
    assert "This replaces what Spinewell holds now: nothing yet" in at.warning[0].value
    assert "3 diary rows" in at.warning[0].value and not profile_path().exists()  # nothing yet before the yes
    click(at, "Yes, replace it")
    assert "Loaded." in at.success[0].value
    assert LocalStore(profile_path()).load().data == saved
    assert bundle_files.diary_rows(diary_path()) == bundle.rows_from_csv(DIARY)
    assert welcomed_back(switch(at, "pages/home.py"))
    assert welcomed_back(open_page())  # and in the next visit, from the files


def test_loaded_into_a_session_it_holds_the_same_profile_and_entries(downloads, monkeypatch):
    monkeypatch.setenv("SPINEWELL_STORAGE", "session")
    monkeypatch.setenv("SPINEWELL_LOG", "off")
    open_page(PAGE, session={**PERSON, state.LOG_SESSION_ROWS: {"session": list(ENTRIES)}})
    payload = downloads[download_name()]

    at = upload(open_page(PAGE), payload)  # a new tab: nothing in it yet
    click(at, "Yes, replace it")
    assert {key: at.session_state[key] for key in keys.PROFILE_KEYS} == PERSON
    assert at.session_state[state.LOG_SESSION_ROWS] == {"session": list(ENTRIES)}
    assert not profile_path().parent.exists()


def test_loading_asks_first_and_cancel_changes_nothing(monkeypatch, tmp_path):
    someone_with_a_plan_and_a_diary()
    before = profile_path().read_bytes(), diary_path().read_bytes()
    at = upload(open_page(PAGE), bundle.dump({}, bundle.rows_from_entries(ENTRIES), NOW))
    assert at.warning[0].value.startswith(
        "This replaces what Spinewell holds now: the safety check, the date of the safety check, the answers")
    assert "and 3 diary rows" in at.warning[0].value and at.warning[0].value.endswith("Continue?")
    click(at, "Cancel")
    assert not at.warning and (profile_path().read_bytes(), diary_path().read_bytes()) == before


BAD = {
    "damaged": bundle.dump({}, (), NOW)[:-30],
    "newer": json.dumps({**json.loads(bundle.dump({}, (), NOW)), "version": 9}).encode(),
    "another app": b'{"app": "mood-tracker", "version": 3, "entries": []}',
    "a csv": DIARY,
}


@pytest.mark.parametrize("payload", BAD.values(), ids=BAD.keys())
def test_a_file_that_cannot_be_loaded_says_why_and_changes_nothing(payload):
    someone_with_a_plan_and_a_diary()
    before = profile_path().read_bytes(), diary_path().read_bytes()
    at = upload(open_page(PAGE), payload)
    assert "This file can't be loaded." in at.error[0].value and "Nothing was changed." in at.error[0].value
    assert "Yes, replace it" not in [b.label for b in at.button]
    assert (profile_path().read_bytes(), diary_path().read_bytes()) == before
    assert welcomed_back(switch(at, "pages/home.py"))


# --- delete ---------------------------------------------------------------------------------------------------------


def test_delete_asks_first_keeps_a_copy_says_where_and_leaves_a_new_person(monkeypatch):
    someone_with_a_plan_and_a_diary()
    old_profile = profile_path().read_bytes()
    assert welcomed_back(open_page())
    at = open_page(PAGE)
    click(at, "Delete everything")
    assert "This deletes what Spinewell holds now: the safety check, the date of the safety check, the answers" in (
        at.warning[0].value)
    assert profile_path().exists()  # nothing deleted before the yes
    click(at, "Yes, delete everything")

    assert at.title[0].value == "Spinewell" and not welcomed_back(at)  # Home, as for someone new
    said = at.success[0].value
    assert "is deleted" in said and f"in the folder `{profile_path().parent}`" in said
    aside = next(profile_path().parent.glob("profile.deleted-*.json"))
    assert aside.name in said and aside.read_bytes() == old_profile
    assert [p.read_bytes() for p in diary_path().parent.glob(f"{diary_path().name}.*.bak")] == [DIARY]
    assert not profile_path().exists() and not diary_path().exists()
    assert not welcomed_back(open_page())


def test_delete_cancelled_keeps_everything():
    someone_with_a_plan_and_a_diary()
    at = click(open_page(PAGE), "Delete everything")
    click(at, "Cancel")
    assert profile_path().exists() and diary_path().read_bytes() == DIARY
    assert [b.label for b in at.button if b.label.startswith(("Delete", "Yes"))] == ["Delete everything"]


def test_with_session_storage_delete_clears_the_tab(monkeypatch):
    monkeypatch.setenv("SPINEWELL_STORAGE", "session")
    monkeypatch.setenv("SPINEWELL_LOG", "off")
    at = open_page(PAGE, session={**PERSON, state.LOG_SESSION_ROWS: {"session": list(ENTRIES)}})
    click(click(at, "Delete everything"), "Yes, delete everything")
    assert not welcomed_back(at) and not [key for key in keys.PROFILE_KEYS if key in at.session_state]
    assert not at.session_state[state.LOG_SESSION_ROWS]  # the diary page made it anew: empty


def test_a_file_loaded_over_a_damaged_profile_replaces_it_and_keeps_it_aside(downloads, monkeypatch, tmp_path):
    someone_with_a_plan_and_a_diary()
    open_page(PAGE)
    payload = downloads[download_name()]
    move_to_another_computer(monkeypatch, tmp_path / "elsewhere")
    profile_path().parent.mkdir(parents=True)
    profile_path().write_bytes(b'{"app": "spinewell", "version": 1, "data": {')

    at = upload(open_page(PAGE), payload)
    assert "could not open what it remembers about you" in at.error[0].value
    click(at, "Yes, replace it")
    assert not at.error and profile.to_session(LocalStore(profile_path()).load().data) == PERSON
    aside = next(profile_path().parent.glob("profile.damaged-*.json"))
    assert aside.read_bytes() == b'{"app": "spinewell", "version": 1, "data": {'
    assert welcomed_back(switch(at, "pages/home.py"))


def test_with_saving_the_diary_turned_off_the_page_says_the_diary_stays_in_the_tab(monkeypatch):
    monkeypatch.setenv("SPINEWELL_STORAGE", "local")
    monkeypatch.setenv("SPINEWELL_LOG", "off")
    text = page_text(open_page(PAGE))
    assert "`profile.json`" in text and "your diary is not saved to a file" in text and "pain_log" not in text
