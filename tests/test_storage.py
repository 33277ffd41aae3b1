"""The profile and its backends: every kept value comes back as it was; a damaged file is reported and never touched."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from spinewell import files
from spinewell.assessment import steps
from spinewell.storage import keys, profile
from spinewell.storage.backends import Loaded, LocalStore, SessionStore, StorageError, open_store
from spinewell.storage.profile import ProfileProblem
from spinewell.storage.settings import SettingsError, storage_settings
from tests.answer_sets import MODERATE_WITH_POOL

NOW = dt.datetime(2026, 12, 1, 11, 30)

# A value for every key a profile keeps, of the kinds the session holds them in: tuples, a date, nested lists.
EVERYTHING = {
    steps.SCREEN: ("saddle-numbness",),
    steps.CHECKED: True,
    steps.SCREENED_ON: dt.date(2026, 11, 30),
    steps.ANSWERS: {**MODERATE_WITH_POOL, "leg_sides": None},
    steps.STEP: steps.RESULT,
    steps.PLAN_START: dt.date(2026, 12, 7),
    steps.PLAN_LENGTH: 5,
    keys.FULL_CORE: True,
    keys.REMINDER: "07:30",
    keys.REVIEWS: [{"week": 1, "recommended": "progress", "chosen": "repeat", "on": "2026-12-14"}],
    keys.CHECKINS: [{"date": "2026-12-08", "type": "core", "pain": 3, "felt": "about_right", "guided": True},
                    {"date": "2026-12-09", "type": "", "pain": None, "felt": "it_hurt", "guided": False}],
    keys.LESSONS_READ: ["pain-is-not-damage", "scans"],
    keys.GOALS: [{"id": "goal-1", "name": "Sitting through a **film** <b>", "ratings": [
        {"date": "2026-12-07", "score": 3}, {"date": "2026-12-14", "score": 6}]}],
}
EXPECTED = EVERYTHING  # an answer cleared to None stays None


def clock(*times: dt.datetime):
    moments = iter(times or [NOW] * 10)
    return lambda: next(moments)


def test_the_example_holds_every_kept_key():
    assert set(EVERYTHING) == set(keys.PROFILE_KEYS)


# --- round trips ----------------------------------------------------------------------------------------------------


def test_the_local_store_gives_back_every_value_with_its_dates_and_tuples(tmp_path):
    store = LocalStore(tmp_path / "data" / "profile.json", clock())
    assert store.save(profile.kept(EVERYTHING)) is True

    back = profile.to_session(LocalStore(tmp_path / "data" / "profile.json").load().data)
    assert back == EXPECTED
    assert isinstance(back[steps.PLAN_START], dt.date) and isinstance(back[steps.SCREEN], tuple)
    assert back[steps.ANSWERS]["access"] == ("pool",) and back[steps.ANSWERS]["conditions"] == ()


def test_the_profile_file_is_versioned_json_with_iso_dates_and_lists(tmp_path):
    path = tmp_path / "profile.json"
    LocalStore(path, clock()).save(profile.kept(EVERYTHING))
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert {k: saved[k] for k in ("app", "version", "saved_at")} == {
        "app": "spinewell", "version": 1, "saved_at": "2026-12-01T11:30:00"}
    assert saved["data"][steps.PLAN_START] == "2026-12-07"
    assert saved["data"][steps.SCREEN] == ["saddle-numbness"]


def test_the_session_store_keeps_nothing_on_disk_and_its_download_loads_back(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = SessionStore()
    assert store.save(profile.kept(EVERYTHING)) is False
    assert store.load().data == {} and list(tmp_path.iterdir()) == []
    download = profile.dump(profile.kept(EVERYTHING), NOW)
    assert profile.to_session(profile.parse(download)) == EXPECTED


def test_a_save_writes_only_when_something_changed(tmp_path):
    path = tmp_path / "profile.json"
    store = LocalStore(path, clock(NOW, NOW + dt.timedelta(hours=1), NOW + dt.timedelta(hours=2)))
    assert store.save(profile.kept(EVERYTHING)) is True
    first = path.read_bytes()
    assert store.save(profile.kept(EVERYTHING)) is False
    assert path.read_bytes() == first  # not even saved_at moved
    assert store.save(profile.kept({**EVERYTHING, steps.PLAN_LENGTH: 6})) is True
    assert json.loads(path.read_bytes())["data"][steps.PLAN_LENGTH] == 6


# --- two windows on one computer -----------------------------------------------------------------------------------


def test_merged_keeps_what_another_window_saved_and_what_this_one_changed():
    base = {"a": 1, "b": [1], "c": "x"}
    mine = {"a": 2, "b": [1]}  # this window changed a and removed c
    theirs = {"a": 1, "b": [1, 2], "c": "x", "d": True}  # the other one changed b and added d
    assert profile.merged(base, mine, theirs) == {"a": 2, "b": [1, 2], "d": True}
    assert profile.merged(base, {**base, "a": 3}, {**theirs, "a": 4})["a"] == 3  # both changed a: this one's
    assert profile.merged(base, base, theirs) == theirs


def test_merged_lists_keep_what_each_window_added_and_drop_what_each_removed():
    read = keys.LESSONS_READ
    base = {read: ["scans"]}
    assert profile.merged(base, {read: ["scans", "flare-up-plan"]}, {read: ["scans", "avoid-bed-rest"]}) == {
        read: ["scans", "avoid-bed-rest", "flare-up-plan"]}
    assert profile.merged(base, {read: []}, {read: ["scans", "avoid-bed-rest"]}) == {read: ["avoid-bed-rest"]}
    checkin = {"date": "2026-11-30", "type": "core", "pain": 3, "felt": "about_right", "guided": True}
    base = {keys.CHECKINS: [checkin]}
    two_alike = profile.merged(base, {keys.CHECKINS: [checkin, checkin]}, {keys.CHECKINS: [checkin]})
    assert two_alike[keys.CHECKINS] == [checkin, checkin]  # a second, equal check-in is still one more


def test_merged_goals_are_one_goal_each_however_each_window_changed_them():
    def goal(goal_id, *scores):
        return {"id": goal_id, "name": goal_id, "ratings": [{"date": f"2026-11-{day:02d}", "score": score}
                                                             for day, score in enumerate(scores, start=1)]}
    base = {keys.GOALS: [goal("walk", 2)]}
    mine = {keys.GOALS: [goal("walk", 2, 4)]}  # a rating here
    theirs = {keys.GOALS: [goal("walk", 2), goal("garden", 5)]}  # a new goal there
    assert profile.merged(base, mine, theirs) == {keys.GOALS: [goal("walk", 2, 4), goal("garden", 5)]}
    crowded = {keys.GOALS: [goal("a", 1), goal("b", 1), goal("c", 1)]}  # three goals there, and one more here
    mine = {keys.GOALS: [goal("walk", 2), goal("d", 1)]}
    assert profile.merged(base, mine, crowded) == mine  # four would not load again: this window's goals are kept


def test_a_save_over_keeps_what_another_window_saved_since_this_one_loaded(tmp_path):
    path = tmp_path / "profile.json"
    LocalStore(path).save(profile.kept(EVERYTHING))
    loaded = LocalStore(path).load().data  # this window loads...
    elsewhere = {**loaded, keys.LESSONS_READ: ["scans", "flare-up-plan"]}
    LocalStore(path).save(elsewhere)  # ...another window reads a lesson...
    kept_now = LocalStore(path).save_over(loaded, {**loaded, steps.PLAN_LENGTH: 6})  # ...this one changes a setting
    assert kept_now == {**elsewhere, steps.PLAN_LENGTH: 6}
    assert LocalStore(path).load().data == kept_now


def test_a_save_over_an_unchanged_file_writes_what_this_window_holds(tmp_path):
    path = tmp_path / "profile.json"
    store = LocalStore(path, clock())
    store.save({keys.LESSONS_READ: ["scans"]})
    assert store.save_over({keys.LESSONS_READ: ["scans"]}, {}) == {}  # removed here: removed in the file too
    assert LocalStore(path).load().data == {}


def test_a_value_that_would_not_load_again_is_not_saved_and_the_last_good_one_stays():
    broken = {**EVERYTHING, steps.PLAN_LENGTH: "six", keys.REMINDER: "half past seven"}
    kept = profile.kept(broken, fallback={steps.PLAN_LENGTH: 5})
    assert kept[steps.PLAN_LENGTH] == 5 and keys.REMINDER not in kept
    assert profile.to_session(profile.parse(profile.dump(kept, NOW)))[steps.PLAN_LENGTH] == 5


# --- damaged profiles -----------------------------------------------------------------------------------------------

GOOD = profile.dump(profile.kept(EVERYTHING), NOW)
DAMAGED = {
    "bad JSON": (GOOD[:-40], "damaged"),
    "not text": (b"\xff\xfe\x00\x01", "not a text file"),
    "another app": (json.dumps({"app": "notes", "version": 1, "data": {}}).encode(), "belongs to “notes”"),
    "a list": (b"[1, 2]", "not a Spinewell profile"),
    "newer version": (json.dumps({"app": "spinewell", "version": 2, "data": {}}).encode(), "newer version"),
    "no version": (json.dumps({"app": "spinewell", "data": {}}).encode(), "which version"),
    "wrong type": (json.dumps({"app": "spinewell", "version": 1, "data": {steps.PLAN_LENGTH: "six"}}).encode(),
                   "the plan's length"),
    "wrong answer": (json.dumps({"app": "spinewell", "version": 1, "data": {steps.ANSWERS: {"pain_now": True}}})
                     .encode(), "the answers (“pain_now”)"),
    "bad check-in": (json.dumps({"app": "spinewell", "version": 1, "data": {keys.CHECKINS: [
        {"date": "yesterday", "type": "", "pain": None, "felt": "about_right", "guided": False}]}}).encode(),
        "the check-ins (entry 1)"),
}


@pytest.mark.parametrize("payload, says", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_profile_is_reported_in_words_and_never_written_over(tmp_path, payload, says):
    path = tmp_path / "profile.json"
    path.write_bytes(payload)
    store = LocalStore(path, clock())
    for _ in range(3):
        loaded = store.load()
        assert loaded.data == {} and says in loaded.problem.message
        with pytest.raises(ProfileProblem):
            store.save(profile.kept(EVERYTHING))
    assert path.read_bytes() == payload


def test_an_unreadable_profile_is_a_problem_not_an_exception(tmp_path):
    (tmp_path / "profile.json").mkdir()  # a folder where the file should be: reading it fails
    assert "could not be read" in LocalStore(tmp_path / "profile.json").load().problem.message


def test_start_again_keeps_the_damaged_file_aside_under_a_dated_name_and_starts_empty(tmp_path):
    path = tmp_path / "profile.json"
    path.write_bytes(b"{broken")
    store = LocalStore(path, clock())
    aside = store.start_again()
    assert aside == tmp_path / "profile.damaged-20261201-1130.json" and aside.read_bytes() == b"{broken"
    assert store.load() == Loaded()
    assert store.save(profile.kept(EVERYTHING)) is True

    path.write_bytes(b"{broken again")  # the same minute: the first one kept is not replaced
    assert store.start_again() == tmp_path / "profile.damaged-20261201-1130-2.json"
    assert aside.read_bytes() == b"{broken"


def test_an_interrupted_write_leaves_the_old_profile_whole(tmp_path, monkeypatch):
    path = tmp_path / "profile.json"
    store = LocalStore(path, clock())
    store.save(profile.kept(EVERYTHING))
    before = path.read_bytes()

    def power_cut(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", power_cut)
    with pytest.raises(StorageError, match="could not be saved.*No space left on device"):
        store.save(profile.kept({**EVERYTHING, steps.PLAN_LENGTH: 6}))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.json", "profile.json.lock"]  # no temp file left


def test_another_window_holding_the_lock_is_a_message_not_a_wait(tmp_path, monkeypatch):
    path = tmp_path / "profile.json"
    monkeypatch.setattr("spinewell.storage.backends.LOCK_TIMEOUT", 0.05)
    with files.lock(path, 1), pytest.raises(StorageError, match="Another Spinewell window"):
        LocalStore(path).save(profile.kept(EVERYTHING))
    assert not path.exists()


# --- settings -------------------------------------------------------------------------------------------------------


def test_by_default_the_diary_and_the_profile_share_the_data_folder(tmp_path):
    settings = storage_settings({}, tmp_path)
    assert settings.backend == "local" and settings.data_dir == tmp_path / "data"
    assert settings.log_path == tmp_path / "data" / "pain_log.csv"
    assert settings.profile_path == tmp_path / "data" / "profile.json"
    moved = storage_settings({"SPINEWELL_DATA": "elsewhere"}, tmp_path)
    assert moved.log_path.parent == moved.profile_path.parent == tmp_path / "elsewhere"
    assert storage_settings({"SPINEWELL_DATA": str(tmp_path / "abs")}, Path("/nowhere")).data_dir == tmp_path / "abs"


def test_spinewell_log_still_names_the_diary_and_off_means_session(tmp_path):
    assert storage_settings({"SPINEWELL_LOG": "mine.csv"}, tmp_path).log_path == tmp_path / "mine.csv"
    off = storage_settings({"SPINEWELL_LOG": " Off "}, tmp_path)
    assert off.backend == "session" and off.log_path is None
    assert isinstance(open_store(off), SessionStore)
    assert storage_settings({"SPINEWELL_LOG": "off", "SPINEWELL_STORAGE": "local"}, tmp_path).backend == "local"


def test_session_storage_keeps_no_diary_file_unless_spinewell_log_names_one(tmp_path):
    assert storage_settings({"SPINEWELL_STORAGE": "session"}, tmp_path).log_path is None
    named = storage_settings({"SPINEWELL_STORAGE": "SESSION", "SPINEWELL_LOG": "d.csv"}, tmp_path)
    assert named.backend == "session" and named.log_path == tmp_path / "d.csv"


def test_an_unknown_backend_is_refused_with_the_ones_allowed():
    with pytest.raises(SettingsError) as refused:
        storage_settings({"SPINEWELL_STORAGE": "cloud"})
    assert "`cloud`" in str(refused.value) and "`local` or `session`" in str(refused.value)
