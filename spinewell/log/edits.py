"""Change or delete one past entry of the local diary: exactly that row, under the lock, with a backup kept first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from spinewell import files
from spinewell.log.entry import COLUMNS, EntryError, LogEntry
from spinewell.log.layout import Layout, LogChangedError, Record, Rows, layout_of, row_text
from spinewell.log.store import check_own_log, disk_errors, entry_cells, locked

MAX_LISTED = 200  # the most recent entries offered to change; older ones are changed in the file itself
MAX_SCANNED = 5000  # rows from the end of the file looked at for them: a diary grows at its end


@dataclass(frozen=True)
class StoredRow:
    """One row of the local diary that holds an entry: its place in the file (the header is row 1), its exact text
    there, and the entry it holds. The place and the text together say which row a change is for."""

    number: int
    text: str
    entry: LogEntry


def describe(entry: LogEntry) -> str:
    """An entry in one line, as a list to pick from shows it: "Tue 17 Nov 2026, 08:00 – Plank 10 min – pain 4"."""
    when = f"{entry.date:%a %d %b %Y}" + (f", {entry.time:%H:%M}" if entry.time else "")
    parts = [when]
    if entry.exercise:
        parts.append(entry.exercise + (f" {entry.minutes:g} min" if entry.minutes is not None else ""))
    if entry.pain is not None:
        parts.append(f"pain {entry.pain:g}")
    if entry.notes:
        note = " ".join(entry.notes.split())
        parts.append(f"“{note[:30]}…”" if len(note) > 30 else f"“{note}”")
    return " – ".join(parts)


def stored_rows(path: Path, limit: int = MAX_LISTED) -> tuple[StoredRow, ...]:
    """The `limit` most recent entries of the local log (by date and time, then by place in the file), newest
    first, from its last MAX_SCANNED rows. Rows that don't hold an entry Spinewell can read are not listed; they
    stay in the file as they are.

    Raises UnreadableLogError when the file is not a log in the app's columns, OSError when it can't be read.
    """
    existing = files.read_existing(path)
    if not existing or not existing.strip():
        return ()
    layout = layout_of(path, existing)
    rows = Rows(layout.decode(existing), layout)
    found = []
    for number in range(max(2, len(rows) - MAX_SCANNED + 1), len(rows) + 1):
        record = rows.record(number)
        if (entry := _entry(record)) is not None:
            found.append(StoredRow(number, record.text, entry))
    found.sort(key=lambda row: (row.entry.date, row.entry.time or dt.time.min, row.number), reverse=True)
    return tuple(found[:limit])


def replace_row(path: Path, row: StoredRow, entry: LogEntry | None, *, lock_timeout: float = 10.0) -> Path:
    """Put `entry` in place of `row` (None deletes it), only if that row still reads exactly as it did; everything
    else in the file stays byte for byte. The file as it was is kept as a backup first, whose path is returned.

    Raises LogChangedError (nothing changed) when the row is no longer there as it was, and LogWriteError when the
    file can't be written (a character its encoding lacks, the disk refusing, the lock busy).
    """
    consequence = "Nothing was changed."
    with disk_errors(path, consequence), locked(path, lock_timeout):
        existing = files.read_existing(path) or b""
        layout = check_own_log(path, existing) if existing.strip() else Layout()
        rows = Rows(layout.decode(existing), layout)
        if not 1 < row.number <= len(rows) or rows.record(row.number).text != row.text:
            raise LogChangedError(
                "That entry is no longer in the log as it was (another window or program changed the file), so "
                "nothing was changed. Pick it again from the list."
            )
        text = rows.replaced(row.number, None if entry is None else row_text(entry_cells(entry), layout))
        payload = layout.bom + layout.encode(text, path, consequence)
        kept = files.backup(path, existing)
        files.atomic_write(path, payload)
    return kept


def _entry(record: Record) -> LogEntry | None:
    """The entry a row holds, or None when it holds none the entry rules accept."""
    values = record.cells
    if not values or len(values) > len(COLUMNS):
        return None
    date, time, pain, exercise, minutes, notes = [v.strip() for v in values] + [""] * (len(COLUMNS) - len(values))
    try:
        return LogEntry(
            date=dt.date.fromisoformat(date),
            time=dt.time.fromisoformat(time) if time else None,
            pain=_number(pain),
            exercise=exercise,
            minutes=_number(minutes),
            notes=notes,
        )
    except (ValueError, EntryError):
        return None


def _number(cell: str) -> float | None:
    return float(cell.replace(",", ".")) if cell else None
