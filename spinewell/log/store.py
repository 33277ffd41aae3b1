"""Write diaries in the app's CSV format, and keep the local log file safe: a lock, a temporary file, replace."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from filelock import Timeout as LockTimeout

from spinewell import files
from spinewell.log.entry import COLUMNS, HEADER_LINE, LogEntry
from spinewell.log.layout import (
    NEW_FILE,
    Layout,
    LogChangedError,
    LogWriteError,
    UnreadableLogError,
    layout_of,
    row_text,
)
from spinewell.log.read import RowIssue, read
from spinewell.spreadsheet import neutralise_column


@dataclass(frozen=True)
class AppendReceipt:
    """The exact bytes append() added to the end of a log file, so that undo_last() can remove exactly those."""

    path: Path
    data: bytes


def template_csv() -> bytes:
    """A small example log in the app's own format, for people starting a spreadsheet."""
    return (
        f"{HEADER_LINE}\n"
        "2026-03-02,08:00,6,,,Stiff getting out of bed\n"
        "2026-03-02,18:30,,walking,30,\n"
        "2026-03-03,,5,plank,10,\"3 holds, easier than last week\"\n"
    ).encode()


def entries_frame(entries: Iterable[LogEntry]) -> pd.DataFrame:
    """Entries as a frame with the log's columns and dtypes, in the order given (nothing checked or dropped: what
    a file of them holds, before read() cleans it)."""
    entries = list(entries)
    return pd.DataFrame(
        {
            "date": pd.to_datetime(pd.Series([e.date for e in entries], dtype="object")).astype("datetime64[ns]"),
            "time": pd.array([e.time.strftime("%H:%M") if e.time else pd.NA for e in entries], dtype="string"),
            "pain": np.array([np.nan if e.pain is None else e.pain for e in entries], dtype="float64"),
            "exercise": pd.array([e.exercise for e in entries], dtype="string"),
            "minutes": np.array([np.nan if e.minutes is None else e.minutes for e in entries], dtype="float64"),
            "notes": pd.array([e.notes for e in entries], dtype="string"),
        }
    )


def entry_cells(entry: LogEntry) -> list[str]:
    """An entry's cells as the diary file holds them: the person's words exactly, numbers as 4 or 6.5."""
    def number(value: float | None) -> str:
        return "" if value is None else f"{value:g}"

    time = entry.time.strftime("%H:%M") if entry.time else ""
    return [entry.date.isoformat(), time, number(entry.pain), entry.exercise, number(entry.minutes), entry.notes]


def entries_csv(entries: Iterable[LogEntry], layout: Layout = NEW_FILE) -> str:
    """The lines append() writes for these entries (no header), in the file's delimiter and line ending: the one
    text every new entry becomes. Cells are kept as typed: only downloads are made safe for a spreadsheet."""
    return "".join(row_text(entry_cells(e), layout) + layout.newline for e in entries)


def new_log_bytes(entries: Iterable[LogEntry]) -> bytes:
    """The bytes a new local log holds once these entries are appended to it: what a session keeps instead."""
    return f"{HEADER_LINE}\n{entries_csv(entries)}".encode()


def to_csv_bytes(frame: pd.DataFrame, *, header: bool = True) -> bytes:
    """The log as the app writes it: UTF-8, comma-separated, ISO dates, our column names, formulas neutralised."""
    out = frame.loc[:, list(COLUMNS)].copy()
    for name in ("time", "exercise", "notes"):
        out[name] = neutralise_column(out[name]).fillna("")
    text = out.to_csv(index=False, header=header, date_format="%Y-%m-%d", float_format="%g", lineterminator="\n")
    return text.encode("utf-8")


def issues_csv_bytes(issues: Iterable[RowIssue]) -> bytes:
    """The rows kept out, as a CSV a person can open next to their file (formulas neutralised)."""
    table = pd.DataFrame([vars(i) for i in issues], columns=["row", "column", "value", "reason"])
    for name in ("column", "value", "reason"):
        table[name] = neutralise_column(table[name]).fillna("")
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")


def append(path: Path | str, entries: Iterable[LogEntry], *, lock_timeout: float = 10.0) -> AppendReceipt:
    """Add entries to the end of the local log, atomically and under a lock; existing bytes are never changed.

    New rows follow the file's own encoding, delimiter and line ending. Raises UnreadableLogError (file left
    untouched) if the existing file is not a log in the app's columns, and LogWriteError if the lock can't be
    taken, a character can't be written in the file's encoding or the disk refuses the write.
    """
    path = Path(path)
    entries = list(entries)
    if not entries:
        return AppendReceipt(path, b"")
    consequence = "Your entry was not saved."
    with disk_errors(path, consequence):
        files.real_path(path).parent.mkdir(parents=True, exist_ok=True)
        with locked(path, lock_timeout):
            existing = files.read_existing(path) or b""
            if existing.strip():
                layout = check_own_log(path, existing)
                text = layout.decode(existing)
                prefix = b"" if text.endswith(("\n", "\r")) else layout.encode(layout.newline, path, consequence)
            else:
                layout, existing, prefix = NEW_FILE, b"", HEADER_LINE.encode() + b"\n"
            added = layout.encode(entries_csv(entries, layout), path, consequence)
            files.atomic_write(path, existing + prefix + added)
    return AppendReceipt(path, added)


def undo_last(receipt: AppendReceipt, *, lock_timeout: float = 10.0) -> None:
    """Remove the entries of the last append(), only if they are still the very end of the file."""
    if not receipt.data:
        return
    with disk_errors(receipt.path, "Nothing was removed."), locked(receipt.path, lock_timeout):
        existing = files.read_existing(receipt.path)
        if existing is None:
            raise LogChangedError(f"The log file {receipt.path} is gone, so there is nothing to undo.")
        if not existing.endswith(receipt.data):
            raise LogChangedError(
                "The log has changed since that entry was saved (another window or program wrote to it), "
                "so nothing was removed."
            )
        files.atomic_write(receipt.path, existing[: len(existing) - len(receipt.data)])


@contextlib.contextmanager
def disk_errors(path: Path, consequence: str) -> Iterator[None]:
    """Turn an OSError (disk full, no permission...) into a LogWriteError whose message a person can act on."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        raise LogWriteError(f"The log file {path} could not be written ({reason}). {consequence}") from error


def check_own_log(path: Path, existing: bytes) -> Layout:
    """The layout of a local log Spinewell may change; UnreadableLogError when it is not one (left untouched)."""
    layout = layout_of(path, existing)
    # Only a file that can't be split into rows is refused: one whose rows are all kept out (none yet after an
    # undo, or every entry dated after today) is still a log to add to, and its bytes stay as they are.
    parsed = read(existing, date_order="auto", today=dt.date.today())
    if not parsed.rows_checked:
        raise UnreadableLogError(
            f"The log file {path} can't be read ({parsed.error}) so Spinewell won't add to it. "
            "Your entry was not saved; move the file away or fix it."
        )
    return layout


class locked:
    """The log's file lock as a context manager that turns a timeout into a LogWriteError."""

    def __init__(self, path: Path, timeout: float) -> None:
        self._lock = files.lock(path, timeout)
        self._path = path

    def __enter__(self) -> None:
        try:
            self._lock.acquire()
        except LockTimeout:
            raise LogWriteError(
                f"The log file {self._path} is busy (another save is in progress). Try again in a moment."
            ) from None

    def __exit__(self, *exc_info: object) -> None:
        self._lock.release()
