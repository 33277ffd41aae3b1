"""Which diary a page shows, where new entries go, the sample dated to any clock, and entries read after an upload."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from spinewell.log.entry import HEADER_LINE, LogEntry
from spinewell.log.read import read
from spinewell.log.source import Upload, choose, dated_sample, local_log_path, save_entries, with_added
from spinewell.log.store import new_log_bytes

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (ROOT / "content" / "sample_log.csv").read_bytes()
DAY = dt.date(2026, 3, 9)


def test_the_local_log_path_comes_from_the_environment(tmp_path):
    app = tmp_path / "app"
    assert local_log_path({}, app) == app / "data" / "pain_log.csv"
    assert local_log_path({"SPINEWELL_LOG": "logs/mine.csv"}, app) == app / "logs" / "mine.csv"
    assert local_log_path({"SPINEWELL_LOG": str(tmp_path / "x.csv")}, app) == tmp_path / "x.csv"
    assert local_log_path({"SPINEWELL_LOG": "off"}, app) is None
    assert local_log_path({"SPINEWELL_LOG": " OFF "}, app) is None
    assert local_log_path({}) == ROOT / "data" / "pain_log.csv"


# --- choosing -----------------------------------------------------------------------------------------------------


def test_an_upload_comes_first_with_the_entries_this_session_added_to_it(tmp_path):
    path = tmp_path / "pain_log.csv"
    path.write_text(f"{HEADER_LINE}\n2026-03-02,,4,,,\n")
    entries = {"upload:abc": [LogEntry(DAY, pain=3.0)]}
    shown = choose(Upload("mine.csv", "abc", b"date,pain\n2026-03-01,5\n"), path, entries, SAMPLE)
    assert (shown.kind, shown.key, shown.name, shown.data) == ("upload", "upload:abc", "mine.csv",
                                                               b"date,pain\n2026-03-01,5\n")
    assert shown.added == new_log_bytes(entries["upload:abc"]) and shown.entries_key == "upload:abc"
    assert not shown.saves_locally and not shown.kept_up_to_date


def test_then_the_local_log_once_it_holds_anything_else_the_sample(tmp_path):
    path = tmp_path / "pain_log.csv"
    sample = choose(None, path, {}, SAMPLE)
    assert (sample.kind, sample.data, sample.saves_locally, sample.added) == ("sample", SAMPLE, True, b"")
    path.write_bytes(b"")
    assert choose(None, path, {}, SAMPLE).kind == "sample"
    path.write_text(f"{HEADER_LINE}\n")
    local = choose(None, path, {"session": [LogEntry(DAY, pain=3.0)]}, SAMPLE)
    assert (local.kind, local.data, local.path, local.saves_locally) == ("local", path.read_bytes(), path, True)
    assert local.kept_up_to_date and local.entries == ()


def test_with_saving_off_the_sessions_entries_are_a_log_of_their_own():
    entries = [LogEntry(DAY, pain=3.0), LogEntry(DAY, exercise="walking", minutes=20)]
    assert choose(None, None, {}, SAMPLE).kind == "sample"
    assert choose(None, None, {}, SAMPLE).entries_key == "session"
    shown = choose(None, None, {"session": entries}, SAMPLE)
    assert (shown.kind, shown.data, shown.entries) == ("session", new_log_bytes(entries), tuple(entries))
    assert shown.added == b"" and not shown.saves_locally and shown.kept_up_to_date
    assert shown.updated_file(b"clean") == shown.data  # every entry typed, even one kept out of the figures
    assert shown.can_undo(None) and not choose(None, None, {}, SAMPLE).can_undo(None)
    assert choose(Upload("x.csv", "1", b"date,pain\n"), None, {}, SAMPLE).updated_file(b"clean") == b"clean"


# --- the sample on any clock ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("today", [dt.date(2025, 1, 15), dt.date(2026, 11, 16), dt.date(2026, 12, 1),
                                   dt.date(2031, 6, 30)])
def test_the_sample_moves_by_whole_weeks_to_end_in_the_week_before_today(today):
    original = read(SAMPLE, date_order="auto", today=dt.date.max).frame
    dated = read(dated_sample(SAMPLE, today), date_order="auto", today=today)
    assert dated.ok and dated.issues == () and len(dated.frame) == len(original)
    last = dated.frame["date"].max().date()
    assert today - dt.timedelta(days=7) <= last <= today - dt.timedelta(days=1)
    shift = dated.frame["date"] - original["date"]
    assert shift.nunique() == 1 and shift.iloc[0].days % 7 == 0  # every entry stays on its weekday
    pd.testing.assert_frame_equal(dated.frame.drop(columns="date"), original.drop(columns="date"))


# --- entries read after an uploaded file ------------------------------------------------------------------------------


def test_entries_added_to_a_file_follow_its_rows_and_rules_as_if_appended_to_it():
    base = read(b"date,pain,notes\n2026-03-09,5,morning\n2026-03-10,abc,\n2026-03-11,4,\n", date_order="auto",
                today=DAY + dt.timedelta(days=7))
    added = read(new_log_bytes([
        LogEntry(DAY, pain=6.0, notes="evening"),
        LogEntry(DAY, exercise="walking", notes="planned: tomorrow"),
        LogEntry(DAY, pain=5.0, notes="morning"),  # the file's own entry again
    ]), date_order="auto", today=DAY + dt.timedelta(days=7))
    both = with_added(base, added)
    assert both.frame["notes"].tolist() == ["morning", "evening", ""]  # a day's entries follow the file's own
    assert [(i.row, i.column) for i in both.issues] == [(3, "pain"), (6, "exercise")]  # rows 5, 6, 7 after row 4
    assert (both.issue_count, both.duplicates_dropped, both.rows_read, both.last_row) == (2, 1, 6, 7)
    assert both.ok and both.encoding == base.encoding


def test_entries_added_to_an_unusable_file_are_still_a_log():
    base = read(b"\x00\x01garbage" * 20, date_order="auto", today=DAY)
    both = with_added(base, read(new_log_bytes([LogEntry(DAY, pain=3.0)]), date_order="auto", today=DAY))
    assert both.ok and both.frame["pain"].tolist() == [3.0]
    assert with_added(base, read(new_log_bytes([]), date_order="auto", today=DAY)) is base


# --- where new entries go ---------------------------------------------------------------------------------------------


def test_entries_are_saved_by_one_rule_to_the_local_log_or_kept_with_the_diary_shown(tmp_path):
    path = tmp_path / "pain_log.csv"
    kept: dict[str, list[LogEntry]] = {}
    first, second = LogEntry(DAY, pain=3.0), LogEntry(DAY, exercise="walking", minutes=20)
    receipt = save_entries(choose(None, path, kept, SAMPLE), [first], kept)  # the sample shown: saved to the file
    assert path.read_bytes() == new_log_bytes([first]) and receipt.path == path and kept == {}
    assert save_entries(choose(None, path, kept, SAMPLE), [second], kept).data == new_log_bytes([second])[
        len(HEADER_LINE) + 1:]
    upload = choose(Upload("mine.csv", "abc", b"date,pain\n2026-03-01,5\n"), path, kept, SAMPLE)
    assert save_entries(upload, [first], kept) is None and kept == {"upload:abc": [first]}
    assert save_entries(choose(None, None, kept, SAMPLE), [first, second], kept) is None
    assert kept["session"] == [first, second] and path.read_bytes() == new_log_bytes([first, second])


def test_the_updated_log_of_a_spreadsheet_upload_downloads_as_a_csv_under_the_uploads_name():
    def upload(name: str):
        return choose(Upload(name, "id", b"date,pain\n2026-11-02,4\n"), None, {}, b"")

    assert upload("diary.xlsx").updated_name == "diary.csv"
    assert upload("my diary.csv").updated_name == "my diary.csv"
