"""Keeping the local log: append-only, atomic, locked; an unreadable log is never touched; exports are safe."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from pathlib import Path

import pandas as pd
import pytest

from spinewell import painlog

DAY = dt.date(2026, 3, 2)


def entry(**fields) -> painlog.LogEntry:
    return painlog.LogEntry(**{"date": DAY, "pain": 4.0, **fields})


# --- append ---------------------------------------------------------------------------------------------------------


def test_the_first_entry_creates_the_log_with_a_header_and_folders(tmp_path):
    path = tmp_path / "new" / "folder" / "pain_log.csv"
    painlog.append(path, [entry(time=dt.time(8, 5), notes="first")])
    assert path.read_text(encoding="utf-8") == f"{painlog.HEADER_LINE}\n2026-03-02,08:05,4,,,first\n"
    assert painlog.read(path.read_bytes()).frame["notes"].tolist() == ["first"]


def test_appending_keeps_every_existing_byte(tmp_path):
    path = tmp_path / "pain_log.csv"
    existing = (
        f"{painlog.HEADER_LINE}\n"
        "2026-03-01,,6,,,\"quoted, by hand\"\n"
        "2026-02-28,,7,,,written out of order and with odd spacing   "  # no final newline
    ).encode()
    path.write_bytes(existing)
    painlog.append(path, [entry(exercise="walking", minutes=30)])
    written = path.read_bytes()
    assert written.startswith(existing)
    assert written[len(existing):] == b"\n2026-03-02,,4,walking,30,\n"
    assert len(painlog.read(written).frame) == 3


def test_entries_are_validated_before_anything_is_written():
    with pytest.raises(ValueError):
        painlog.LogEntry(DAY, pain=11)
    with pytest.raises(ValueError):
        painlog.LogEntry(DAY, exercise="walking", minutes=-1)
    with pytest.raises(ValueError):
        painlog.LogEntry(DAY)


def test_an_unreadable_log_is_never_overwritten(tmp_path):
    path = tmp_path / "pain_log.csv"
    garbage = bytes(range(256)) * 4
    path.write_bytes(garbage)
    with pytest.raises(painlog.UnreadableLogError) as raised:
        painlog.append(path, [entry()])
    assert "won't add to it" in str(raised.value) and str(path) in str(raised.value)
    assert path.read_bytes() == garbage


def test_a_log_in_another_format_is_not_appended_to(tmp_path):
    path = tmp_path / "pain_log.csv"
    theirs = b"Date;Pain (0-10)\n02/03/2026;5\n"
    path.write_bytes(theirs)
    with pytest.raises(painlog.UnreadableLogError, match="isn't in Spinewell's own format"):
        painlog.append(path, [entry()])
    assert path.read_bytes() == theirs


def test_a_write_interrupted_before_the_replace_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "pain_log.csv"
    painlog.append(path, [entry(notes="kept")])
    before = path.read_bytes()

    def power_cut(*args, **kwargs):
        raise OSError("disk unplugged")

    monkeypatch.setattr(painlog.os, "replace", power_cut)
    with pytest.raises(painlog.LogWriteError, match="disk unplugged.*Your entry was not saved"):
        painlog.append(path, [entry(notes="lost")])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pain_log.csv", "pain_log.csv.lock"]


def test_a_write_interrupted_midway_through_the_data_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "pain_log.csv"
    painlog.append(path, [entry(notes="kept")])
    before = path.read_bytes()
    real_fsync = os.fsync

    def failing_fsync(fd):
        real_fsync(fd)
        raise OSError("no space left on device")

    monkeypatch.setattr(painlog.os, "fsync", failing_fsync)
    with pytest.raises(painlog.LogWriteError, match="no space left"):
        painlog.append(path, [entry(notes="lost")])
    assert path.read_bytes() == before


def test_a_busy_log_is_reported_not_waited_on_forever(tmp_path):
    path = tmp_path / "pain_log.csv"
    from filelock import FileLock

    with FileLock(str(path) + ".lock"), pytest.raises(painlog.LogWriteError, match="busy"):
        painlog.append(path, [entry()], lock_timeout=0.2)
    assert not path.exists()


def _append_many(args: tuple[str, int, int]) -> None:
    path, worker, count = args
    for number in range(count):
        painlog.append(Path(path), [painlog.LogEntry(DAY, pain=5.0, notes=f"worker {worker} entry {number}")])


def test_several_processes_appending_at_once_lose_no_row(tmp_path):
    path = tmp_path / "pain_log.csv"
    workers, each = 4, 15
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as pool:
        pool.map(_append_many, [(str(path), w, each) for w in range(workers)])
    parsed = painlog.read(path.read_bytes())
    assert parsed.ok and parsed.issue_count == 0
    expected = {f"worker {w} entry {n}" for w in range(workers) for n in range(each)}
    assert set(parsed.frame["notes"]) == expected and len(parsed.frame) == workers * each
    assert path.read_text(encoding="utf-8").count(painlog.HEADER_LINE) == 1


# --- undo -----------------------------------------------------------------------------------------------------------


def test_undo_removes_exactly_the_last_appended_entry(tmp_path):
    path = tmp_path / "pain_log.csv"
    painlog.append(path, [entry(notes="first")])
    before = path.read_bytes()
    receipt = painlog.append(path, [entry(notes="oops, wrong day")])
    painlog.undo_last(receipt)
    assert path.read_bytes() == before


def test_after_undoing_the_only_entry_the_next_one_is_saved(tmp_path):
    path = tmp_path / "pain_log.csv"
    painlog.undo_last(painlog.append(path, [entry(notes="oops")]))
    assert path.read_text(encoding="utf-8") == f"{painlog.HEADER_LINE}\n"
    painlog.append(path, [entry(notes="right this time")])
    assert painlog.read(path.read_bytes()).frame["notes"].tolist() == ["right this time"]


def test_a_log_whose_rows_are_all_kept_out_is_still_added_to_and_its_rows_kept(tmp_path):
    path = tmp_path / "pain_log.csv"
    existing = f"{painlog.HEADER_LINE}\n2026-03-01,,11,,,out of range\n".encode()
    path.write_bytes(existing)
    painlog.append(path, [entry()])
    assert path.read_bytes().startswith(existing)
    assert len(painlog.read(path.read_bytes()).frame) == 1


def test_undo_refuses_when_something_else_wrote_after(tmp_path):
    path = tmp_path / "pain_log.csv"
    receipt = painlog.append(path, [entry(notes="mine")])
    painlog.append(path, [entry(notes="another window")])
    after = path.read_bytes()
    with pytest.raises(painlog.LogChangedError, match="nothing was removed"):
        painlog.undo_last(receipt)
    assert path.read_bytes() == after


def test_undo_of_a_log_that_was_removed_says_so(tmp_path):
    path = tmp_path / "pain_log.csv"
    receipt = painlog.append(path, [entry()])
    path.unlink()
    with pytest.raises(painlog.LogChangedError):
        painlog.undo_last(receipt)


# --- exports --------------------------------------------------------------------------------------------------------

FORMULAS = ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tTAB", "plain", "a=b"]


def test_exported_cells_that_a_spreadsheet_would_run_are_neutralised():
    frame = painlog.entries_frame([entry(exercise="=evil()", notes=note) for note in FORMULAS])
    text = painlog.to_csv_bytes(frame).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == painlog.HEADER_LINE
    parsed = painlog.read(text.encode())
    assert parsed.frame["notes"].tolist() == ["'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "'\tTAB", "plain", "a=b"]
    assert set(parsed.frame["exercise"]) == {"'=evil()"}


def test_appended_rows_are_neutralised_too(tmp_path):
    path = tmp_path / "pain_log.csv"
    painlog.append(path, [entry(notes="=HYPERLINK(\"http://evil.example\")")])
    assert "'=HYPERLINK" in path.read_text(encoding="utf-8")


def test_the_issue_list_download_is_neutralised():
    issues = [painlog.RowIssue(3, "pain", "=cmd|' /C calc'!A0", "pain should be a number from 0 to 10")]
    table = pd.read_csv(pd.io.common.BytesIO(painlog.issues_csv_bytes(issues)))
    assert table["value"].tolist() == ["'=cmd|' /C calc'!A0"] and table["row"].tolist() == [3]


def test_a_log_round_trips_through_its_own_export():
    original = painlog.read(
        b"date,time,pain,exercise,minutes,notes\n"
        b"2026-03-02,08:00,6.5,,,\"multi\nline, note\"\n2026-03-03,,,walking,30,\n"
    ).frame
    again = painlog.read(painlog.to_csv_bytes(original)).frame
    pd.testing.assert_frame_equal(original, again)


def test_with_entries_adds_in_date_order_without_changing_the_log():
    log = painlog.read(b"date,pain\n2026-03-01,5\n2026-03-05,4\n").frame
    combined = painlog.with_entries(log, [entry(notes="added")])
    assert [f"{d:%d}" for d in combined["date"]] == ["01", "02", "05"]
    assert len(log) == 2 and list(combined.dtypes) == list(log.dtypes)


# --- where the log lives -------------------------------------------------------------------------------------------


def test_the_local_log_path_comes_from_the_environment(tmp_path):
    app = tmp_path / "app"
    assert painlog.local_log_path({}, app) == app / "data" / "pain_log.csv"
    assert painlog.local_log_path({"SPINEWELL_LOG": "logs/mine.csv"}, app) == app / "logs" / "mine.csv"
    assert painlog.local_log_path({"SPINEWELL_LOG": str(tmp_path / "x.csv")}, app) == tmp_path / "x.csv"
    assert painlog.local_log_path({"SPINEWELL_LOG": "off"}, app) is None
    assert painlog.local_log_path({"SPINEWELL_LOG": " OFF "}, app) is None
