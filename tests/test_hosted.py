"""Hosting for many people: the browser backend's settings, what it keeps in the browser (encoded, checked, limited),
the rule that stops the local backend on a reachable address, and no server path in any hosted message."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from spinewell.log.entry import LogEntry
from spinewell.storage import browser, keys, profile
from spinewell.storage.backends import BrowserStore, open_store
from spinewell.storage.profile import ProfileProblem
from spinewell.storage.settings import SettingsError, is_loopback, shared_without_saying, storage_settings
from tests.test_bundle import ENTRIES

NOW = dt.datetime(2026, 12, 1, 11, 30)
DATA = {keys.LESSONS_READ: ["scans", "hurt-harm"], keys.REMINDER: "07:30"}


# --- settings -------------------------------------------------------------------------------------------------------


def test_browser_is_a_backend_that_keeps_no_file_and_no_diary_on_the_server(tmp_path):
    settings = storage_settings({"SPINEWELL_STORAGE": "Browser", "SPINEWELL_LOG": str(tmp_path / "shared.csv")},
                                tmp_path)
    assert settings.backend == "browser" and not settings.keeps_files
    assert settings.log_path is None  # one diary file would be shared by everyone who opens a hosted app
    assert isinstance(open_store(settings), BrowserStore)


def test_a_backend_that_does_not_exist_names_browser_among_the_choices(tmp_path):
    with pytest.raises(SettingsError, match="`browser`"):
        storage_settings({"SPINEWELL_STORAGE": "cloud"}, tmp_path)


@pytest.mark.parametrize("address", [None, "", "localhost", "127.0.0.1", "127.0.1.1", "::1", "[::1]", " LOCALHOST "])
def test_loopback_addresses_reach_this_computer_only(address):
    assert is_loopback(address)


@pytest.mark.parametrize("address", ["0.0.0.0", "192.168.1.20", "::", "spinewell.example.org"])
def test_other_addresses_can_be_reached_by_other_computers(address):
    assert not is_loopback(address)


@pytest.mark.parametrize(("address", "environ", "stops"), [
    ("0.0.0.0", {}, True),  # the default local backend, chosen by nobody, shared with the network
    ("0.0.0.0", {"SPINEWELL_STORAGE": "local"}, False),  # said so: your own phone at home
    ("0.0.0.0", {"SPINEWELL_STORAGE": "browser"}, False),
    ("0.0.0.0", {"SPINEWELL_STORAGE": "session"}, False),
    ("0.0.0.0", {"SPINEWELL_LOG": "off"}, False),  # nothing kept on the server: the session backend
    ("127.0.0.1", {}, False),
    (None, {}, False),
])
def test_the_local_backend_on_a_reachable_address_must_be_chosen_explicitly(address, environ, stops):
    assert shared_without_saying(address, environ) is stops


# --- what the browser keeps -----------------------------------------------------------------------------------------


def test_the_profile_and_the_diary_come_back_from_the_browser_as_they_went():
    values = {browser.PROFILE_KEY: browser.encode_profile(DATA, NOW), browser.DIARY_KEY: browser.encode_diary(ENTRIES)}
    held = browser.read(values)
    assert held.problem is None and held.data == DATA and held.entries == ENTRIES
    assert "=SUM(A1) stays as typed" in json.loads(values[browser.DIARY_KEY])["rows"][0]  # as typed, not neutralised
    assert json.loads(values[browser.DIARY_KEY])["columns"] == ["date", "time", "pain", "exercise", "minutes", "notes"]


def test_a_browser_with_nothing_yet_is_an_empty_profile_and_diary():
    assert browser.read({}) == browser.Held()
    assert browser.read({browser.PROFILE_KEY: None, browser.DIARY_KEY: None}) == browser.Held()


@pytest.mark.parametrize(("key", "value", "said"), [
    (browser.PROFILE_KEY, '{"app": "spinewell", "version": 1, "data": {', "stops making sense"),
    (browser.PROFILE_KEY, json.dumps({"app": "other", "version": 1, "data": {}}), "not a Spinewell profile"),
    (browser.PROFILE_KEY, json.dumps({"app": "spinewell", "version": 9, "data": {}}), "newer version"),
    (browser.PROFILE_KEY, json.dumps({"app": "spinewell", "version": 1, "data": {keys.REMINDER: "25:99"}}),
     "the reminder time"),
    (browser.PROFILE_KEY, 42, "not text"),
    (browser.DIARY_KEY, "[1, 2", "stops making sense"),
    (browser.DIARY_KEY, json.dumps({"app": "spinewell", "kind": "everything", "version": 1}), "not a Spinewell diary"),
    (browser.DIARY_KEY, json.dumps({"app": "spinewell", "kind": "diary", "version": 2, "rows": []}), "newer version"),
    (browser.DIARY_KEY, json.dumps({"app": "spinewell", "kind": "diary", "version": 1, "rows": [[1, 2]]}),
     "not lists of text"),
    (browser.DIARY_KEY, json.dumps({"app": "spinewell", "kind": "diary", "version": 1, "rows": "2026-12-01"}),
     "not lists of text"),
    (browser.DIARY_KEY, json.dumps({"app": "spinewell", "kind": "diary", "version": 1,
                                    "rows": [["2026-12-01", "", "4"], ["yesterday", "", "4"]]}),
     "1 of its 2 rows"),
    (browser.DIARY_KEY, ["2026-12-01"], "not text"),
])
def test_a_damaged_or_foreign_value_is_a_problem_in_words_never_an_exception(key, value, said):
    held = browser.read({key: value})
    assert held.problem is not None and said in held.problem
    assert held.data == {} and held.entries == ()
    assert "Traceback" not in held.problem and "/" not in held.problem.replace("YYYY-MM-DD", "")


def test_the_browser_store_loads_a_damaged_profile_as_a_problem_and_never_saves():
    assert BrowserStore("not json").load().problem is not None
    assert BrowserStore(browser.encode_profile(DATA, NOW)).load().data == DATA
    assert BrowserStore().save(DATA) is False and BrowserStore().start_again() is None


def test_nothing_there_after_this_tab_saved_here_means_the_storage_was_cleared():
    assert browser.read({}, had_data=True).cleared
    assert not browser.read({}, had_data=False).cleared
    assert not browser.read({browser.PROFILE_KEY: browser.encode_profile(DATA, NOW)}, had_data=True).cleared


# --- the size limit -------------------------------------------------------------------------------------------------


def test_the_limit_leaves_room_in_a_five_megabyte_browser_and_holds_years_of_diary():
    assert browser.LIMIT <= 2_500_000
    day = [LogEntry(dt.date(2020, 1, 1) + dt.timedelta(days=n % 3650), dt.time(8, 0), 4.0, "Walking", 30.0,
                    "a short note") for n in range(20_000)]
    assert len(browser.encode_diary(day)) < browser.LIMIT


def test_the_size_counts_each_key_once_with_what_a_write_sets_and_removes():
    held = {browser.PROFILE_KEY: 100, browser.DIARY_KEY: 5_000, "spinewell.profile.damaged-20261201-1130": 70}
    assert browser.size({}, held) == 5_170
    assert browser.size({browser.DIARY_KEY: "x" * 10}, held) == 100 + len(browser.DIARY_KEY) + 10 + 70
    assert browser.size({browser.DIARY_KEY: None}, held) == 170


def test_the_too_big_message_says_what_was_not_saved_and_how_to_keep_a_copy():
    message = browser.too_big_message(2_345_678)
    assert "not saved" in message and "2,345,678" in message and "Download everything" in message
    assert "unharmed" in message


def test_a_damaged_value_is_put_aside_under_a_new_key_in_the_same_namespace():
    first = browser.aside_key(browser.PROFILE_KEY, NOW)
    assert first == "spinewell.profile.damaged-20261201-1130"
    assert browser.aside_key(browser.PROFILE_KEY, NOW, [first]) == f"{first}-2"


# --- no server path in hosted mode ----------------------------------------------------------------------------------


def test_no_hosted_message_names_a_server_path_or_file(tmp_path):
    from spinewell.ui import browser_store, storage

    settings = storage_settings({"SPINEWELL_STORAGE": "browser", "SPINEWELL_DATA": str(tmp_path)}, tmp_path)
    messages = [storage.where_kept_in_words(settings), storage.SHARED, browser.FULL_MESSAGE, browser.REFUSED_MESSAGE,
                browser.CLEARED_MESSAGE, browser.too_big_message(3_000_000), browser_store.UNAVAILABLE,
                browser_store.ASIDE_FAILED, browser.read({browser.PROFILE_KEY: "{"}).problem]
    for message in messages:
        assert str(tmp_path) not in message and "profile.json" not in message and "pain_log" not in message
        assert "data folder" not in message


def test_to_session_refuses_what_decode_refuses():
    with pytest.raises(ProfileProblem):
        browser.decode_profile(profile.dump({keys.REMINDER: "25:00"}, NOW).decode())
