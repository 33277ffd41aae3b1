"""Keeping the local log: append-only, atomic, locked; an unreadable log is never touched; exports are safe."""

from __future__ import annotations

import csv
import datetime as dt
import io
import multiprocessing
import os
import sys
import types
from pathlib import Path

import pandas as pd
import pytest
from filelock import FileLock

from spinewell import files
from spinewell.log.entry import HEADER_LINE, LogEntry
from spinewell.log.read import RowIssue, read
from spinewell.log.store import (
    LogChangedError,
    LogWriteError,
    UnreadableLogError,
    append,
    entries_csv,
    entries_frame,
    issues_csv_bytes,
    new_log_bytes,
    template_csv,
    to_csv_bytes,
    undo_last,
)

DAY = dt.date(2026, 3, 2)
TODAY = dt.date(2026, 11, 17)


def entry(**fields) -> LogEntry:
    return LogEntry(**{"date": DAY, "pain": 4.0, **fields})


def frame_of(path: Path) -> pd.DataFrame:
    return read(path.read_bytes(), date_order="auto", today=TODAY).frame


# --- append ---------------------------------------------------------------------------------------------------------


def test_the_first_entry_creates_the_log_with_a_header_and_folders(tmp_path):
    path = tmp_path / "new" / "folder" / "pain_log.csv"
    append(path, [entry(time=dt.time(8, 5), notes="first")])
    assert path.read_text(encoding="utf-8") == f"{HEADER_LINE}\n2026-03-02,08:05,4,,,first\n"
    assert frame_of(path)["notes"].tolist() == ["first"]


def test_appending_keeps_every_existing_byte(tmp_path):
    path = tmp_path / "pain_log.csv"
    existing = (
        f"{HEADER_LINE}\n"
        "2026-03-01,,6,,,\"quoted, by hand\"\n"
        "2026-02-28,,7,,,written out of order and with odd spacing   "  # no final newline
    ).encode()
    path.write_bytes(existing)
    append(path, [entry(exercise="walking", minutes=30)])
    written = path.read_bytes()
    assert written.startswith(existing)
    assert written[len(existing):] == b"\n2026-03-02,,4,walking,30,\n"
    assert len(read(written, date_order="auto", today=TODAY).frame) == 3


def test_a_session_keeps_the_very_bytes_a_new_local_log_would_hold(tmp_path):
    entries = [entry(notes="first"), entry(exercise="plank", minutes=5, pain=None), entry(notes='a "quoted", note')]
    path = tmp_path / "pain_log.csv"
    for one in entries:
        append(path, [one])
    assert new_log_bytes(entries) == path.read_bytes()
    assert new_log_bytes([]) == f"{HEADER_LINE}\n".encode() and entries_csv([]) == ""


def test_an_unreadable_log_is_never_overwritten(tmp_path):
    path = tmp_path / "pain_log.csv"
    garbage = bytes(range(256)) * 4
    path.write_bytes(garbage)
    with pytest.raises(UnreadableLogError) as raised:
        append(path, [entry()])
    assert "won't add to it" in str(raised.value) and str(path) in str(raised.value)
    assert path.read_bytes() == garbage


def test_a_log_in_another_format_is_not_appended_to(tmp_path):
    path = tmp_path / "pain_log.csv"
    theirs = b"Date;Pain (0-10)\n02/03/2026;5\n"
    path.write_bytes(theirs)
    with pytest.raises(UnreadableLogError, match="isn't in Spinewell's own format"):
        append(path, [entry()])
    assert path.read_bytes() == theirs


def test_the_local_log_with_an_entry_for_tomorrow_is_still_appended_to(tmp_path):
    path = tmp_path / "pain_log.csv"
    path.write_text(f"{HEADER_LINE}\n{dt.date.today() + dt.timedelta(days=3)},,4,,,typo in the year\n")
    append(path, [LogEntry(dt.date.today(), pain=3.0)])
    parsed = read(path.read_bytes(), date_order="auto", today=dt.date.today())
    assert parsed.frame["pain"].tolist() == [3.0] and parsed.issue_count == 1


def test_a_write_interrupted_before_the_replace_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "pain_log.csv"
    append(path, [entry(notes="kept")])
    before = path.read_bytes()

    def power_cut(*args, **kwargs):
        raise OSError("disk unplugged")

    monkeypatch.setattr(files.os, "replace", power_cut)
    with pytest.raises(LogWriteError, match="disk unplugged.*Your entry was not saved"):
        append(path, [entry(notes="lost")])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pain_log.csv", "pain_log.csv.lock"]


def test_a_write_interrupted_midway_through_the_data_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "pain_log.csv"
    append(path, [entry(notes="kept")])
    before = path.read_bytes()
    real_fsync = os.fsync

    def failing_fsync(fd):
        real_fsync(fd)
        raise OSError("no space left on device")

    monkeypatch.setattr(files.os, "fsync", failing_fsync)
    with pytest.raises(LogWriteError, match="no space left"):
        append(path, [entry(notes="lost")])
    assert path.read_bytes() == before


def test_a_busy_log_is_reported_not_waited_on_forever(tmp_path):
    path = tmp_path / "pain_log.csv"
    with FileLock(str(path) + ".lock"), pytest.raises(LogWriteError, match="busy"):
        append(path, [entry()], lock_timeout=0.2)
    assert not path.exists()


def _append_many(args: tuple[str, int, int]) -> None:
    path, worker, count = args
    for number in range(count):
        append(Path(path), [LogEntry(DAY, pain=5.0, notes=f"worker {worker} entry {number}")])


def test_several_processes_appending_at_once_lose_no_row(tmp_path, monkeypatch):
    path = tmp_path / "pain_log.csv"
    workers, each = 4, 15
    # An AppTest run earlier in this process leaves app.py as __main__ (Streamlit's script runner puts each script
    # there), and a spawned worker would run it again before its work: the workers start from an empty main instead.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        pool.map(_append_many, [(str(path), w, each) for w in range(workers)])
    parsed = read(path.read_bytes(), date_order="auto", today=TODAY)
    assert parsed.ok and parsed.issue_count == 0
    expected = {f"worker {w} entry {n}" for w in range(workers) for n in range(each)}
    assert set(parsed.frame["notes"]) == expected and len(parsed.frame) == workers * each
    assert path.read_text(encoding="utf-8").count(HEADER_LINE) == 1


# --- undo -----------------------------------------------------------------------------------------------------------


def test_undo_removes_exactly_the_last_appended_entry(tmp_path):
    path = tmp_path / "pain_log.csv"
    append(path, [entry(notes="first")])
    before = path.read_bytes()
    undo_last(append(path, [entry(notes="oops, wrong day")]))
    assert path.read_bytes() == before


def test_after_undoing_the_only_entry_the_next_one_is_saved(tmp_path):
    path = tmp_path / "pain_log.csv"
    undo_last(append(path, [entry(notes="oops")]))
    assert path.read_text(encoding="utf-8") == f"{HEADER_LINE}\n"
    append(path, [entry(notes="right this time")])
    assert frame_of(path)["notes"].tolist() == ["right this time"]


def test_a_log_whose_rows_are_all_kept_out_is_still_added_to_and_its_rows_kept(tmp_path):
    path = tmp_path / "pain_log.csv"
    existing = f"{HEADER_LINE}\n2026-03-01,,11,,,out of range\n".encode()
    path.write_bytes(existing)
    append(path, [entry()])
    assert path.read_bytes().startswith(existing)
    assert len(frame_of(path)) == 1


def test_undo_refuses_when_something_else_wrote_after(tmp_path):
    path = tmp_path / "pain_log.csv"
    receipt = append(path, [entry(notes="mine")])
    append(path, [entry(notes="another window")])
    after = path.read_bytes()
    with pytest.raises(LogChangedError, match="nothing was removed"):
        undo_last(receipt)
    assert path.read_bytes() == after


def test_undo_of_a_log_that_was_removed_says_so(tmp_path):
    path = tmp_path / "pain_log.csv"
    receipt = append(path, [entry()])
    path.unlink()
    with pytest.raises(LogChangedError, match="gone"):
        undo_last(receipt)


# --- exports --------------------------------------------------------------------------------------------------------

FORMULAS = ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tTAB", "plain", "a=b"]


def test_exported_cells_that_a_spreadsheet_would_run_are_neutralised():
    text = to_csv_bytes(entries_frame([entry(exercise="=evil()", notes=note) for note in FORMULAS])).decode("utf-8")
    assert text.splitlines()[0] == HEADER_LINE
    cells = list(csv.reader(io.StringIO(text)))[1:]
    # "\tTAB": the entry itself keeps no surrounding spaces, so the tab is gone before the export sees it.
    assert [row[5] for row in cells] == ["'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "TAB", "plain", "a=b"]
    assert {row[3] for row in cells} == {"'=evil()"}
    parsed = read(text.encode(), date_order="auto", today=TODAY)  # reading takes the escape off again
    assert parsed.frame["notes"].tolist() == ["=1+1", "+SUM(A1)", "-2", "@cmd", "TAB", "plain", "a=b"]
    assert set(parsed.frame["exercise"]) == {"=evil()"}
    frame = read(b"date,pain,notes\n2026-03-02,4,\"\tTAB\"\n", date_order="auto", today=TODAY).frame
    assert to_csv_bytes(frame).decode().splitlines()[1] == "2026-03-02,,4,,,'\tTAB"


def test_the_stored_diary_keeps_the_persons_words_exactly_and_only_downloads_are_neutralised(tmp_path):
    # Issue 10 item 5: "-plank" stored as "'-plank" no longer matched its exercise; escapes belong in downloads only.
    path = tmp_path / "pain_log.csv"
    words = [entry(exercise="-plank", notes="=HYPERLINK(\"http://evil.example\")"), entry(notes="+2 after lunch"),
             entry(notes="@home")]
    append(path, words)
    assert path.read_bytes() == (f"{HEADER_LINE}\n2026-03-02,,4,-plank,,\"=HYPERLINK(\"\"http://evil.example\"\")\"\n"
                                 "2026-03-02,,4,,,+2 after lunch\n2026-03-02,,4,,,@home\n").encode()
    assert new_log_bytes(words) == path.read_bytes()
    download = to_csv_bytes(entries_frame(words)).decode()
    assert "'-plank" in download and "'=HYPERLINK" in download and "'+2 after" in download and "'@home" in download


def test_the_issue_list_download_is_neutralised():
    issues = [RowIssue(3, "pain", "=cmd|' /C calc'!A0", "pain should be a number from 0 to 10")]
    table = pd.read_csv(io.BytesIO(issues_csv_bytes(issues)))
    assert table["value"].tolist() == ["'=cmd|' /C calc'!A0"] and table["row"].tolist() == [3]


def test_a_log_round_trips_through_its_own_export():
    original = read(b"date,time,pain,exercise,minutes,notes\n"
                    b"2026-03-02,08:00,6.5,,,\"multi\nline, note\"\n2026-03-03,,,walking,30,\n",
                    date_order="auto", today=TODAY).frame
    again = read(to_csv_bytes(original), date_order="auto", today=TODAY).frame
    pd.testing.assert_frame_equal(original, again)


def test_the_template_is_a_valid_log():
    parsed = read(template_csv(), date_order="auto", today=TODAY)
    assert parsed.ok and parsed.issues == () and len(parsed.frame) == 3


def test_entries_become_a_frame_with_the_logs_dtypes_in_the_order_given():
    frame = entries_frame([entry(notes="b"), LogEntry(dt.date(2026, 3, 1), exercise="walking", minutes=20)])
    reference = read(template_csv(), date_order="auto", today=TODAY).frame
    assert list(frame.dtypes) == list(reference.dtypes)
    assert frame["notes"].tolist() == ["b", ""] and frame["minutes"].isna().tolist() == [True, False]
