"""Everything in one file: what goes out comes back equal, the schema describes it, other files are refused in words."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from spinewell.log.entry import LogEntry
from spinewell.storage import bundle, bundle_files, profile
from spinewell.storage.backends import LocalStore, StorageError
from spinewell.storage.bundle import BundleProblem, Row
from spinewell.storage.bundle_schema import SCHEMA_FILE, schema_text
from spinewell.storage.settings import storage_settings
from tests.test_storage import EVERYTHING, NOW

# A diary as a spreadsheet keeps it (Windows-1252, semicolons, CRLF), with a row the app can't read and a note
# holding a delimiter, a quote and a line break: its cells must come back exactly.
DIARY = ("date;time;pain;exercise;minutes;notes\r\n"
         "2026-11-30;08:00;6;;;Stiff, “bad” morning\r\n"
         "2026-11-30;18:30;;walking;30;\"a; b\nc\"\r\n"
         "2026-12-01;;seven;plank;10;café\r\n").encode("cp1252")
ENTRIES = (LogEntry(dt.date(2026, 11, 30), dt.time(8, 0), 6.0, notes="=SUM(A1) stays as typed"),
           LogEntry(dt.date(2026, 12, 1), None, None, "walking", 25.5, ""))


def settings_in(folder: Path, backend: str = "local", log: str | None = None):
    environ = {"SPINEWELL_STORAGE": backend, "SPINEWELL_DATA": str(folder)}
    if log is not None:
        environ["SPINEWELL_LOG"] = log
    return storage_settings(environ)


def test_a_file_made_from_a_profile_and_rows_reads_back_equal():
    rows = bundle.rows_from_csv(DIARY)
    contents = bundle.parse(bundle.dump(profile.kept(EVERYTHING), rows, NOW))
    assert profile.to_session(contents.profile) == EVERYTHING
    assert contents.rows == rows and contents.exported_at == NOW
    assert [row.notes for row in rows] == ["Stiff, “bad” morning", "a; b\nc", "café"]
    assert rows[2].pain == "seven"  # a row the app can't read is kept as it is


def test_local_files_exported_then_loaded_elsewhere_hold_the_same_profile_and_diary_rows(tmp_path):
    here = settings_in(tmp_path / "here")
    here.data_dir.mkdir()
    here.log_path.write_bytes(DIARY)
    LocalStore(here.profile_path).save(profile.kept(EVERYTHING))
    payload = bundle.dump(LocalStore(here.profile_path).load().data, bundle_files.diary_rows(here.log_path), NOW)

    there = settings_in(tmp_path / "there")
    bundle_files.load(there, bundle.parse(payload))
    assert profile.to_session(LocalStore(there.profile_path).load().data) == EVERYTHING
    assert bundle_files.diary_rows(there.log_path) == bundle_files.diary_rows(here.log_path)
    assert there.log_path.read_bytes().startswith(b"date,time,pain,exercise,minutes,notes\n")  # the app's format


def test_entries_kept_in_a_session_come_back_as_the_same_entries():
    payload = bundle.dump(profile.kept(EVERYTHING), bundle.rows_from_entries(ENTRIES), NOW)
    assert bundle.entries_from_rows(bundle.parse(payload).rows) == (ENTRIES, 0)


def test_rows_a_session_cannot_keep_as_entries_are_counted():
    entries, left_out = bundle.entries_from_rows(bundle.rows_from_csv(DIARY))
    assert len(entries) == 2 and left_out == 1


def test_the_schema_file_is_the_one_the_models_make():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), \
        "run python -m spinewell.storage.bundle_schema to write it again"


def test_the_schema_validates_an_exported_file_and_refuses_a_broken_one():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    exported = json.loads(bundle.dump(profile.kept(EVERYTHING), bundle.rows_from_csv(DIARY), NOW))
    jsonschema.validate(exported, schema)
    broken = {**exported, "diary": [{"pain": "4"}]}  # a row without its date
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


GOOD = json.loads(bundle.dump(profile.kept(EVERYTHING), bundle.rows_from_entries(ENTRIES), NOW))
BAD_FILES = {
    "cut short": (bundle.dump({}, (), NOW)[:40], "It is damaged: it stops making sense at line"),
    "newer": (json.dumps({**GOOD, "version": 2}).encode(), "made by a newer version of Spinewell (file version 2"),
    "another app": (b'{"app": "fitbit", "sleep": []}', "not a Spinewell data file (it says it belongs to “fitbit”)"),
    "other json": (b"[1, 2, 3]", "It is not a Spinewell data file."),
    "csv": (DIARY.decode("cp1252").encode(), "looks like a spreadsheet (CSV)"),
    "binary": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe", "It is not a text file"),
    "no diary": (json.dumps({k: v for k, v in GOOD.items() if k != "diary"}).encode(), "diary: field required"),
    "no version": (json.dumps({**GOOD, "version": "one"}).encode(), "does not say which version"),
    "wrong value": (json.dumps({**GOOD, "profile": {**GOOD["profile"], "spinewell.plan.weeks": "five"}}).encode(),
                    "the plan's length"),
    "a row with a number": (json.dumps({**GOOD, "diary": [{"date": "2026-12-01", "pain": 4}]}).encode(),
                            "diary row 1, pain: input should be a valid string"),
}


@pytest.mark.parametrize("payload, says", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_file_that_is_not_one_is_refused_in_words(payload, says):
    with pytest.raises(BundleProblem) as problem:
        bundle.parse(payload)
    assert says in problem.value.message


def test_a_profile_file_is_read_as_the_older_form_with_no_diary():
    contents = bundle.parse(profile.dump(profile.kept(EVERYTHING), NOW))
    assert profile.to_session(contents.profile) == EVERYTHING
    assert contents.rows is None and contents.read_as == "profile"


def test_loading_a_file_without_a_diary_leaves_the_diary_file_as_it_is(tmp_path):
    there = settings_in(tmp_path / "data")
    there.data_dir.mkdir()
    there.log_path.write_bytes(DIARY)
    bundle_files.load(there, bundle.parse(profile.dump(profile.kept(EVERYTHING), NOW)))
    assert there.log_path.read_bytes() == DIARY and profile.to_session(LocalStore(there.profile_path).load().data)


def test_loading_keeps_a_copy_of_the_old_files_beside_them(tmp_path):
    there = settings_in(tmp_path / "data")
    there.data_dir.mkdir()
    there.log_path.write_bytes(DIARY)
    LocalStore(there.profile_path).save({"spinewell.lessons_read": ["scans"]})
    old_profile = there.profile_path.read_bytes()
    kept = bundle_files.load(there, bundle.parse(bundle.dump(profile.kept(EVERYTHING), (), NOW)))
    assert kept.diary.read_bytes() == DIARY and kept.profile.read_bytes() == old_profile
    assert not there.log_path.exists()  # an empty diary in the file: the sample shows, as for a new diary


def test_a_profile_that_cannot_be_saved_puts_the_diary_back(tmp_path, monkeypatch):
    there = settings_in(tmp_path / "data")
    there.data_dir.mkdir()
    there.log_path.write_bytes(DIARY)

    def refuse(self, data):
        raise StorageError("Your changes could not be saved (No space left on device).")

    monkeypatch.setattr(LocalStore, "save", refuse)
    with pytest.raises(bundle_files.BundleError) as error:
        bundle_files.load(there, bundle.parse(bundle.dump({}, bundle.rows_from_entries(ENTRIES), NOW)))
    assert "No space left" in error.value.message and "Nothing was changed" in error.value.message
    assert there.log_path.read_bytes() == DIARY and not there.profile_path.exists()


def test_delete_keeps_the_profile_and_the_diary_beside_where_they_were(tmp_path):
    there = settings_in(tmp_path / "data")
    there.data_dir.mkdir()
    there.log_path.write_bytes(DIARY)
    LocalStore(there.profile_path).save(profile.kept(EVERYTHING))
    old_profile = there.profile_path.read_bytes()
    kept = bundle_files.delete(there, lambda: dt.datetime(2026, 12, 1, 12, 5))
    assert kept.profile == there.data_dir / "profile.deleted-20261201-1205.json"
    assert kept.profile.read_bytes() == old_profile and kept.diary.read_bytes() == DIARY
    assert not there.profile_path.exists() and not there.log_path.exists()
    assert LocalStore(there.profile_path).load().data == {}


def test_delete_with_session_storage_touches_no_file(tmp_path):
    there = settings_in(tmp_path, "session", "off")
    assert bundle_files.delete(there) == bundle_files.Kept() and list(tmp_path.iterdir()) == []


def test_a_row_with_more_cells_than_columns_keeps_them():
    rows = bundle.rows_from_csv(b"date,time,pain,exercise,minutes,notes\n2026-12-01,,4,,,note,extra\n")
    assert rows == (Row(date="2026-12-01", pain="4", notes="note", more=("extra",)),)
    assert bundle.csv_from_rows(rows).endswith(b"2026-12-01,,4,,,note,extra\n")


def test_what_a_profile_holds_is_said_in_words():
    assert bundle.holdings({}, None) == "nothing yet"
    said = bundle.holdings(profile.kept(EVERYTHING), 3)
    assert said.startswith("the safety check, the doctor's check, the date of the safety check, the answers, ")
    assert "the check-ins (2), the lessons read (2)" in said and said.endswith(" and 3 diary rows")
