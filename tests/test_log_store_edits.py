"""Changing or deleting one past entry of the local diary: only that row changes, the old file is kept as a backup,
an interrupted write leaves the old file, and a row that changed meanwhile is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from spinewell import files
from spinewell.log.edits import describe, replace_row, stored_rows
from spinewell.log.entry import HEADER_LINE, LogEntry
from spinewell.log.store import LogChangedError, LogWriteError, append

DAY = dt.date(2026, 3, 2)
ROWS = (
    f"{HEADER_LINE}\n"
    "2026-03-01,08:00,6,,,\"stiff, in the morning\"\n"
    "2026-03-03,,,Plank,10,\"three holds\nthen rest\"\n"
    "not a date,,5,,,kept as it is\n"
    "2026-03-02,18:30,4,Walking,30,\n"
)


@pytest.fixture()
def diary(tmp_path):
    path = tmp_path / "pain_log.csv"
    path.write_bytes(ROWS.encode())
    return path


def test_entries_are_listed_newest_first_and_unreadable_rows_left_out(diary):
    rows = stored_rows(diary)
    assert [row.number for row in rows] == [3, 5, 2]
    plank = LogEntry(dt.date(2026, 3, 3), exercise="Plank", minutes=10.0, notes="three holds\nthen rest")
    assert rows[0].entry == plank
    assert describe(rows[1].entry) == "Mon 02 Mar 2026, 18:30 – Walking 30 min – pain 4"
    assert describe(rows[2].entry) == "Sun 01 Mar 2026, 08:00 – pain 6 – “stiff, in the morning”"


def test_an_edit_changes_only_that_row_and_keeps_the_old_file_as_a_backup(diary):
    walking = next(row for row in stored_rows(diary) if row.entry.exercise == "Walking")
    kept = replace_row(diary, walking, LogEntry(DAY, dt.time(18, 30), 3.0, "Walking", 45.0, "-plank after, =fine"))
    assert diary.read_text(encoding="utf-8") == ROWS.replace(
        "2026-03-02,18:30,4,Walking,30,\n", "2026-03-02,18:30,3,Walking,45,\"-plank after, =fine\"\n")
    assert kept.read_bytes() == ROWS.encode() and files.backups(diary) == [kept]


def test_a_delete_removes_only_that_row_even_one_holding_a_line_break(diary):
    plank = next(row for row in stored_rows(diary) if row.entry.exercise == "Plank")
    kept = replace_row(diary, plank, None)
    assert diary.read_text(encoding="utf-8") == ROWS.replace("2026-03-03,,,Plank,10,\"three holds\nthen rest\"\n", "")
    assert kept.read_bytes() == ROWS.encode()
    assert [row.entry.exercise for row in stored_rows(diary)] == ["Walking", ""]


def test_a_row_changed_meanwhile_is_refused_and_nothing_changes(diary):
    walking = next(row for row in stored_rows(diary) if row.entry.exercise == "Walking")
    diary.write_bytes(ROWS.replace("Walking,30", "Walking,35").encode())  # another window edited it
    with pytest.raises(LogChangedError, match="nothing was changed"):
        replace_row(diary, walking, None)
    first = stored_rows(diary)[-1]
    diary.write_bytes(ROWS.replace(f"{HEADER_LINE}\n", f"{HEADER_LINE}\n2026-02-28,,3,,,\n").encode())  # rows moved
    with pytest.raises(LogChangedError):
        replace_row(diary, first, None)
    assert files.backups(diary) == []


def test_an_interrupted_write_leaves_the_old_file(diary, monkeypatch):
    walking = next(row for row in stored_rows(diary) if row.entry.exercise == "Walking")
    real_replace = files.os.replace

    def power_cut(source, destination):
        if str(destination) == str(diary):
            raise OSError("disk unplugged")
        real_replace(source, destination)

    monkeypatch.setattr(files.os, "replace", power_cut)
    with pytest.raises(LogWriteError, match="disk unplugged.*Nothing was changed"):
        replace_row(diary, walking, None)
    assert diary.read_bytes() == ROWS.encode()
    assert not [p for p in diary.parent.iterdir() if p.name.endswith(".tmp")]


def test_an_edit_in_a_windows_encoded_semicolon_diary_keeps_its_encoding_and_line_endings(tmp_path):
    path = tmp_path / "pain_log.csv"
    existing = "date;time;pain;exercise;minutes;notes\r\n2026-03-01;;6;;;müde\r\n2026-03-02;;5;;;ok\r\n"
    path.write_bytes(existing.encode("cp1252"))
    tired = next(row for row in stored_rows(path) if row.entry.notes == "müde")
    replace_row(path, tired, LogEntry(dt.date(2026, 3, 1), pain=6.0, notes="sehr müde; später besser"))
    assert path.read_bytes() == existing.replace("müde\r", '"sehr müde; später besser"\r').encode("cp1252")
    with pytest.raises(LogWriteError, match="“🙂”.*Nothing was changed"):
        replace_row(path, stored_rows(path)[0], LogEntry(dt.date(2026, 3, 2), pain=5.0, notes="🙂"))


def test_only_the_newest_backups_are_kept(diary):
    for number in range(7):
        append(diary, [LogEntry(DAY, pain=float(number % 10))])
        replace_row(diary, stored_rows(diary)[0], LogEntry(DAY, pain=1.0, notes=f"edit {number}"))
    assert len(files.backups(diary)) == files.BACKUPS_KEPT


def test_a_quote_mark_inside_a_cell_is_text_and_the_rows_after_it_stay_their_own(tmp_path):
    path = tmp_path / "pain_log.csv"
    existing = f'{HEADER_LINE}\n2026-03-01,,5,,,bar 5" high\n2026-03-02,,4,,,ok\n'
    path.write_text(existing, encoding="utf-8")
    rows = stored_rows(path)
    assert [row.entry.notes for row in rows] == ["ok", 'bar 5" high']
    replace_row(path, rows[0], None)
    assert path.read_text(encoding="utf-8") == f'{HEADER_LINE}\n2026-03-01,,5,,,bar 5" high\n'
