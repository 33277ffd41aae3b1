"""Read a diary file's bytes into a clean log frame and the rows kept out with their reasons, never raising."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from spinewell.log import cells, checks, decode, formats
from spinewell.log.checks import RowChecks
from spinewell.log.header import Header, delimiter_name, find_header
from spinewell.log.repeats import without_repeats
from spinewell.log.table import CLOCK, NUMBER, TEXT, Table, split

MAX_BYTES = 50 * 1024 * 1024
MAX_LISTED_ISSUES = 1000
UNCLOSED_REASON = (
    "a quote mark (\") opened in this row is never closed, so the row was left out (the rows after it are still "
    "read); check that notes with commas are wrapped in a pair of quotes"
)
EXPECTED_FORMAT = (
    "Expected a CSV file (comma, semicolon or tab separated) whose first row names the columns: "
    "date (required), and pain (0-10) and/or exercise, with optional time, minutes and notes. "
    "Dates like 2026-03-14 or 14/03/2026."
)


@dataclass(frozen=True)
class RowIssue:
    """One row kept out of the log: the spreadsheet row number (header = row 1), the column, the value, why."""

    row: int
    column: str
    value: str
    reason: str


@dataclass(frozen=True, eq=False)  # holds a frame: compared by identity
class ParsedLog:
    """What read() made of a file: the clean frame, the rows kept out and how the file was read.

    `frame` has the columns of entry.COLUMNS: date (datetime64[ns], midnight), time ("HH:MM" string or <NA>), pain
    and minutes (float64, NaN when empty), exercise and notes (string, "" when empty); sorted by date, entries of a
    day in file order. `issues` lists the first MAX_LISTED_ISSUES rows kept out (in row order), `issue_count`
    counts them all. `mixed_encoding`: the file mixes UTF-8 lines with lines in `encoding`. `pain_scale`: 100 when
    the file rates pain from 0 to 100 (the frame's pain is then divided by 10), else 10. `error` is set (and `frame`
    empty) when nothing in the file is usable; it says what was
    expected. `rows_checked` is True when the file was split into rows and every row checked, even if none was
    usable; False when the file itself could not be read as a table. `ambiguous_dates` is True when dates such as
    03/04/2026 could be day-first or month-first and the caller did not say which: the frame is then read
    day-first and the person should be asked. `last_row` is the row number of the file's last row (0 when the
    file could not be split into rows). `read_as` says what a file that is not a diary CSV as such was read as (a
    workbook's first sheet, an app's export, formats.py), "" for a CSV.
    """

    frame: pd.DataFrame
    issues: tuple[RowIssue, ...] = ()
    issue_count: int = 0
    ambiguous_dates: bool = False
    date_order: str | None = None
    error: str | None = None
    encoding: str = ""
    mixed_encoding: bool = False
    pain_scale: int = 10
    delimiter: str = ""
    rows_read: int = 0
    duplicates_dropped: int = 0
    ignored_columns: tuple[str, ...] = ()
    rows_checked: bool = False
    last_row: int = 0
    read_as: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None


def empty_frame() -> pd.DataFrame:
    """An empty log with the documented columns and dtypes."""
    return pd.DataFrame(
        {
            "date": pd.Series([], dtype="datetime64[ns]"),
            "time": pd.Series([], dtype="string"),
            "pain": pd.Series([], dtype="float64"),
            "exercise": pd.Series([], dtype="string"),
            "minutes": pd.Series([], dtype="float64"),
            "notes": pd.Series([], dtype="string"),
        }
    )


def read(data: bytes, *, date_order: str, today: dt.date) -> ParsedLog:
    """Parse CSV bytes into a clean log; never raises: unusable input comes back with `error` set.

    `date_order` is "auto", "dayfirst" or "monthfirst" (cells.DATE_ORDERS). `today` is the last day a diary entry
    can have: later rows are kept out.
    """
    if date_order not in cells.DATE_ORDERS:
        raise ValueError(f"date_order must be one of {cells.DATE_ORDERS}")
    try:
        return formats.read_any(bytes(data), lambda raw: _read(raw, date_order, today))
    except MemoryError:
        return _failed("This file is too large to read here. " + EXPECTED_FORMAT)
    except Exception as exc:  # noqa: BLE001 - the contract is: no traceback reaches a person
        return _failed(f"This file could not be read as a CSV log ({type(exc).__name__}). {EXPECTED_FORMAT}")


def _failed(message: str, **details) -> ParsedLog:
    return ParsedLog(frame=empty_frame(), error=message, **details)


def _read(data: bytes, date_order: str, today: dt.date) -> ParsedLog:
    if not data or data.isspace():  # (not data.strip(): that copies the whole file)
        return _failed("The file is empty. " + EXPECTED_FORMAT)
    if len(data) > MAX_BYTES:
        return _failed(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB, which is far more than a log needs.")
    if data[:4] == b"PK\x03\x04":
        return _failed("This looks like a spreadsheet workbook (.xlsx/.ods), not a CSV. "
                       "In your spreadsheet, choose Save as / Download as CSV and upload that. " + EXPECTED_FORMAT)
    if data[:5] == b"%PDF-":
        return _failed("This is a PDF, not a CSV. " + EXPECTED_FORMAT)
    decoded = decode.decode(data)
    if decoded is None:
        return _failed("This doesn't look like a text file. " + EXPECTED_FORMAT)
    header = find_header(decoded.sample)
    if header is None:
        return _failed("No date column found in the first rows of the file. " + EXPECTED_FORMAT,
                       encoding=decoded.encoding)
    if "pain" not in header.columns and "exercise" not in header.columns:
        return _failed(
            "The file has a date column but neither a pain column nor an exercise column, so there is nothing "
            "to chart. " + EXPECTED_FORMAT,
            encoding=decoded.encoding,
            delimiter=header.delimiter,
        )
    how = {"date": TEXT, "exercise": TEXT, "pain": NUMBER, "minutes": NUMBER, "time": CLOCK}
    parsed = {header.columns[name]: kind for name, kind in how.items() if name in header.columns}
    table = split(decode.as_utf8(data, decoded), header, parsed)
    return _clean(table, header, date_order, today, decoded)


def _clean(table: Table, header: Header, date_order: str, today: dt.date, decoded: decode.Decoded) -> ParsedLog:
    """Validate every column of the table, keep the good rows, drop repeats and sort.

    Each column the log parses arrives as codes into its distinct values (pain and minutes of plain numbers as the
    numbers), so each distinct value is parsed once (cells.py). The clean frame is built once, at the end, from the
    rows kept, so no text column is copied more than once.
    """
    found = RowChecks(table, header)
    found.report_whole_rows(table.too_long, "this row has more values than the header has columns; a note "
                            f"containing a '{delimiter_name(header.delimiter)}' needs quotes around it")
    found.report_whole_rows(table.unclosed, UNCLOSED_REASON)
    if decoded.nul:
        checks.report_nul_rows(found)
    date = found.column("date")
    dates = cells.parse_dates(date.codes, date.values, date_order)
    for mask, reason in dates.problems:
        found.report(mask, "date", reason)
    minute = checks.minute_of_day(found, dates.minute)
    (pain, pain_scale), minutes = checks.pain(found), checks.number(found, "minutes")
    exercise, exercise_names = checks.exercises(found)
    notes = checks.notes(found)
    planned = checks.report_planned(found, pain, minutes, exercise, exercise_names, notes)
    checks.report_future(found, dates.day, today)

    chosen, duplicates = without_repeats(~found.blank & ~found.bad, dates.day, minute, pain, minutes, exercise, notes)
    frame = _frame(chosen, dates.day, minute, pain, minutes, exercise, exercise_names, notes)
    issues = found.issues()
    rows_read = len(table) - int(found.blank.sum()) + len(table.too_long) + len(table.unclosed)
    return ParsedLog(
        frame=frame,
        issues=_listed(issues),
        issue_count=len(issues),
        ambiguous_dates=dates.ambiguous,
        date_order=dates.order,
        error=_nothing_usable(frame, planned, len(issues), rows_read),
        encoding=decoded.encoding,
        mixed_encoding=decoded.mixed,
        pain_scale=pain_scale,
        delimiter=header.delimiter,
        rows_read=rows_read,
        duplicates_dropped=duplicates,
        ignored_columns=header.ignored,
        rows_checked=True,
        last_row=table.last_row,
    )


def _listed(issues: pd.DataFrame) -> tuple[RowIssue, ...]:
    """The first MAX_LISTED_ISSUES issues, shortened to fit a table cell."""
    listed = issues.head(MAX_LISTED_ISSUES)
    return tuple(
        RowIssue(int(r), str(c), _shorten(str(v)), str(why))
        for r, c, v, why in zip(listed["row"], listed["column"], listed["value"], listed["reason"], strict=True)
    )


def _frame(
    chosen: np.ndarray, day: np.ndarray, minute: np.ndarray, pain: np.ndarray, minutes: np.ndarray,
    exercise: np.ndarray, exercise_names: pd.Index, notes: pd.Series | None,
) -> pd.DataFrame:
    """The clean frame of the `chosen` rows (a mask or positions). Picking the rows of the text columns costs the
    most (every string is copied); Arrow's kernels release the GIL, so those are built side by side."""
    time_text, exercise_text, notes_text = _side_by_side(
        lambda: cells.clock_text(minute[chosen]),
        lambda: pd.array(exercise_names, dtype="string").take(exercise[chosen]),
        lambda: notes.array[chosen].astype("string") if notes is not None else None,
    )
    if notes_text is None:  # an absent notes column: "" per row, without a Python object per row
        notes_text = pd.array(pa.repeat(pa.scalar("", pa.large_string()), len(time_text)), dtype="string")
    return pd.DataFrame(
        {
            "date": (day[chosen] * cells.NS_PER_DAY).view("datetime64[ns]"),
            "time": time_text,
            "pain": pain[chosen],
            "exercise": exercise_text,
            "minutes": minutes[chosen],
            "notes": notes_text,
        },
        copy=False,  # every array here is new
    )


def _nothing_usable(frame: pd.DataFrame, planned: int, issue_count: int, rows_read: int) -> str | None:
    """Why the frame is empty, or None when it isn't."""
    if not frame.empty:
        return None
    if planned and planned == issue_count:
        return (
            "Nothing to chart yet: every row is a planned session from the log template, not filled in. "
            "Add the minutes (and a pain rating if you like) to the sessions you have done, then upload the "
            "file again."
        )
    if rows_read:
        return "No usable entries: every row was empty or had a problem (see the list of skipped rows). " + (
            EXPECTED_FORMAT)
    return "The file has a header row but no entries. " + EXPECTED_FORMAT


def _side_by_side(*tasks: Callable[[], object]) -> list[object]:
    """The results of `tasks`, run on threads at once: worth it only for work that releases the GIL."""
    with ThreadPoolExecutor(max_workers=len(tasks)) as pool:
        return [future.result() for future in [pool.submit(task) for task in tasks]]


def _shorten(value: str, limit: int = 120) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "\u2026"
