"""Read pain-and-activity logs from real-world CSV bytes, and keep the local log file safely."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import os
import re
import stat
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from charset_normalizer import from_bytes
from filelock import FileLock
from filelock import Timeout as LockTimeout

COLUMNS = ("date", "time", "pain", "exercise", "minutes", "notes")
HEADER_LINE = ",".join(COLUMNS)
MAX_BYTES = 50 * 1024 * 1024
MAX_MINUTES = 24 * 60
MAX_LISTED_ISSUES = 1000
DATE_ORDERS = ("auto", "dayfirst", "monthfirst")
DEFAULT_LOG = Path("data") / "pain_log.csv"

EXPECTED_FORMAT = (
    "Expected a CSV file (comma, semicolon or tab separated) whose first row names the columns: "
    "date (required), and pain (0-10) and/or exercise, with optional time, minutes and notes. "
    "Dates like 2026-03-14 or 14/03/2026."
)

# Header spellings seen in spreadsheets and other diaries, after _normalise_header().
_ALIASES: dict[str, frozenset[str]] = {
    "date": frozenset(
        {"date", "day", "entry date", "log date", "datetime", "date time", "timestamp", "when", "datum", "fecha"}
    ),
    "time": frozenset({"time", "time of day", "clock", "hour"}),
    "pain": frozenset(
        {
            "pain", "pain score", "pain level", "pain rating", "pain intensity", "back pain", "nrs", "score",
            "pain today", "rating", "pain nrs",
        }
    ),
    "exercise": frozenset(
        {
            "exercise", "exercises", "activity", "activities", "exercise type", "activity type", "exercise name",
            "activity name", "session", "workout", "type", "what",
        }
    ),
    "minutes": frozenset(
        {
            "minutes", "mins", "min", "duration", "duration min", "duration mins", "duration minutes", "length",
            "time spent", "exercise minutes", "active minutes", "exercise time",
        }
    ),
    "notes": frozenset({"notes", "note", "comment", "comments", "remarks", "remark", "description", "memo", "details"}),
}
# Second chance for headers with no exact alias: a telling word anywhere in the (normalised) header.
_KEYWORDS: dict[str, str] = {
    "date": r"\bdate\b",
    "pain": r"\bpain\b",
    "exercise": r"\b(exercise|exercises|activity|activities|workout|sport|training|what i did|did)\b",
    "minutes": r"\b(minutes?|mins?|duration|how long|time spent)\b",
    "notes": r"\b(notes?|comments?|remarks?|diary|journal)\b",
    "time": r"\btime\b",
}
_NA_TOKENS = ("", "na", "n/a", "nan", "none", "null", "-", "--", "\u2013", "\u2014")
_FORMULA_START = r"^[=+\-@\t\r]"
_TIME_RE = r"(\d{1,2})[:.](\d{2})(?:[:.]\d{2}(?:\.\d+)?)?\s*([AaPp]\.?[Mm]\.?)?"
_ISO_RE = re.compile(rf"^(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}})(?:(?:[ T]+|,\s*){_TIME_RE})?$")
_DMY_RE = re.compile(rf"^(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}|\d{{2}})(?:(?:[ T]+|,\s*){_TIME_RE})?$")
_TIME_ONLY_RE = re.compile(rf"^{_TIME_RE}$")
_MONTH_NAME_RE = r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b"
_WEEKDAY_RE = r"(?i)\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\b\.?,?"
_MINUTES_RE = re.compile(
    r"^(?:(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours)\s*)?(?:(\d+(?:\.\d+)?)\s*(?:m|min|mins|minute|minutes)?)?$",
    re.IGNORECASE,
)
_PAIN_OUT_OF_TEN_RE = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:/|out of)\s*10$", re.IGNORECASE)
_BAD_LINE_RE = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


@dataclass(frozen=True)
class RowIssue:
    """One row kept out of the log: the spreadsheet row number (header = row 1), the column, the value, why."""

    row: int
    column: str
    value: str
    reason: str


@dataclass(frozen=True, eq=False)  # holds frames/figures: compared by identity
class ParsedLog:
    """What read() made of a file: the clean frame (COLUMNS), the rows kept out and how the file was read.

    `error` is set (and `frame` empty) when nothing in the file is usable; it says what was expected.
    `ambiguous_dates` is True when dates such as 03/04/2026 could be day-first or month-first and the caller
    did not say which: the frame is then read day-first and the person should be asked.
    """

    frame: pd.DataFrame
    issues: tuple[RowIssue, ...] = ()
    issue_count: int = 0
    ambiguous_dates: bool = False
    date_order: str | None = None
    error: str | None = None
    encoding: str = ""
    delimiter: str = ""
    rows_read: int = 0
    duplicates_dropped: int = 0
    ignored_columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class LogEntry:
    """One new diary entry as typed into the app: a pain rating, an exercise session, or both."""

    date: dt.date
    time: dt.time | None = None
    pain: float | None = None
    exercise: str = ""
    minutes: float | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        if self.pain is not None and not (0 <= self.pain <= 10):
            raise ValueError("Pain must be from 0 to 10.")
        if self.minutes is not None and not (0 <= self.minutes <= MAX_MINUTES):
            raise ValueError(f"Minutes must be from 0 to {MAX_MINUTES}.")
        if self.pain is None and not self.exercise.strip() and not self.notes.strip():
            raise ValueError("An entry needs a pain rating, an exercise or a note.")


@dataclass(frozen=True)
class AppendReceipt:
    """The exact text append() added to the end of a log file, so that undo_last() can remove exactly that."""

    path: Path
    text: str


class LogWriteError(Exception):
    """The local log could not be changed; the message says why and what to do."""


class UnreadableLogError(LogWriteError):
    """The existing local log is not a log Spinewell can safely add to, so it is left untouched."""


class LogChangedError(LogWriteError):
    """The log no longer ends with the entry to undo (something else wrote to it), so nothing is removed."""


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


def read(data: bytes, *, date_order: str = "auto") -> ParsedLog:
    """Parse CSV bytes into a clean log; never raises: unusable input comes back with `error` set."""
    if date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {DATE_ORDERS}")
    try:
        return _read(bytes(data), date_order)
    except MemoryError:
        return _failed("This file is too large to read here. " + EXPECTED_FORMAT)
    except Exception as exc:  # noqa: BLE001 - the contract is: no traceback reaches a person
        return _failed(f"This file could not be read as a CSV log ({type(exc).__name__}). {EXPECTED_FORMAT}")


def template_csv() -> bytes:
    """A small example log in the app's own format, for people starting a spreadsheet."""
    return (
        f"{HEADER_LINE}\n"
        "2026-03-02,08:00,6,,,Stiff getting out of bed\n"
        "2026-03-02,18:30,,walking,30,\n"
        "2026-03-03,,5,plank,10,\"3 holds, easier than last week\"\n"
    ).encode()


# --- reading -------------------------------------------------------------------------------------------------


def _failed(message: str, **details) -> ParsedLog:
    return ParsedLog(frame=empty_frame(), error=message, **details)


def _read(data: bytes, date_order: str) -> ParsedLog:
    if not data.strip():
        return _failed("The file is empty. " + EXPECTED_FORMAT)
    if len(data) > MAX_BYTES:
        return _failed(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB, which is far more than a log needs.")
    if data[:4] == b"PK\x03\x04":
        return _failed("This looks like a spreadsheet workbook (.xlsx/.ods), not a CSV. "
                       "In your spreadsheet, choose Save as / Download as CSV and upload that. " + EXPECTED_FORMAT)
    if data[:5] == b"%PDF-":
        return _failed("This is a PDF, not a CSV. " + EXPECTED_FORMAT)

    encoding, text, strict = _detect_encoding(data)
    if encoding is None:
        return _failed("This doesn't look like a text file. " + EXPECTED_FORMAT)
    lines = re.split(r"\r\n|\n|\r", text[:65536])
    found = _find_header(lines)
    if found is None:
        return _failed(
            "No date column found in the first rows of the file. " + EXPECTED_FORMAT, encoding=encoding
        )
    header_index, delimiter, header = found
    mapping = _map_header(header)
    if "pain" not in mapping and "exercise" not in mapping:
        return _failed(
            "The file has a date column but neither a pain column nor an exercise column, so there is nothing "
            "to chart. " + EXPECTED_FORMAT,
            encoding=encoding,
            delimiter=delimiter,
        )
    numeric = [mapping[name] for name in ("pain", "minutes") if name in mapping]
    raw, bad_lines = _read_table(data, encoding, strict, delimiter, header_index, len(header), numeric)
    if raw is None:
        return _failed(bad_lines, encoding=encoding, delimiter=delimiter)
    return _clean(raw, header, mapping, header_index, bad_lines, date_order, encoding, delimiter)


def _detect_encoding(data: bytes) -> tuple[str | None, str, bool]:
    """Pick an encoding for the whole file: (encoding, decoded first ~64 kB, whether the whole file decodes cleanly).

    None as the encoding means the bytes are not text.
    """
    sample = data[:65536]
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif sample.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in sample:
        # NUL bytes: UTF-16/32 without a byte-order mark, or not text at all.
        best = from_bytes(sample).best()
        if best is None or not best.encoding.startswith(("utf_16", "utf_32")):
            return None, "", False
        encoding = best.encoding
    else:
        encoding = _first_that_decodes(data, ("utf-8", "cp1252", "latin-1"))
    strict = encoding in ("utf-8", "cp1252", "latin-1") or _decodes(data, encoding)
    text = sample.decode(encoding, errors="replace")
    if encoding in ("utf-8", "utf-8-sig"):
        text = text.lstrip("\ufeff")
    controls = sum(text.count(chr(c)) for c in (*range(0, 9), 11, 12, *range(14, 32)))
    if controls > max(2, len(text) // 100):
        return None, "", False
    return encoding, text, strict


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _first_that_decodes(data: bytes, encodings: tuple[str, ...]) -> str:
    return next((e for e in encodings[:-1] if _decodes(data, e)), encodings[-1])


def _normalise_header(name: str) -> str:
    name = name.strip().lstrip("\ufeff").lower()
    name = re.sub(r"[\(\[].*?[\)\]]", " ", name)  # "Pain (0-10)" -> "pain", "Duration [min]" -> "duration"
    name = re.sub(r"[^0-9a-z]+", " ", name)
    name = re.sub(r"(\s+\d+)+$", "", name.strip())  # "pain 0 10" -> "pain"
    return name.strip()


def _map_header(header: list[str]) -> dict[str, int]:
    """Map our column names to header positions; a column maps once, the first match wins.

    Exact spellings (_ALIASES) are tried first; then, for columns still unmatched, a header containing a telling
    word ("What I did" -> exercise, "How long" -> minutes). A unit in brackets, "(min)", marks minutes.
    """
    names = [_normalise_header(raw) for raw in header]
    in_minutes = [re.search(r"[\(\[]\s*(min|mins|minutes)\s*[\)\]]", raw.lower()) is not None for raw in header]
    mapping: dict[str, int] = {}

    def claim(column: str, matches) -> None:
        for position, name in enumerate(names):
            if column not in mapping and position not in mapping.values() and matches(position, name):
                mapping[column] = position

    for column, aliases in _ALIASES.items():
        claim(column, lambda p, n, column=column, aliases=aliases: (
            n in aliases and not (column == "time" and in_minutes[p])
        ) or (column == "minutes" and in_minutes[p]))
    for column, pattern in _KEYWORDS.items():
        claim(column, lambda p, n, pattern=pattern: re.search(pattern, n) is not None)
    return mapping


def _find_header(lines: list[str]) -> tuple[int, str, list[str]] | None:
    """Find the header row (within the first 20 lines) and the delimiter: the row naming a date column and most of
    our other columns. csv.Sniffer's guess is tried first, then comma, semicolon and tab."""
    sample = "\n".join(lines[:50])
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        sniffed = ","
    candidates = [sniffed] + [d for d in (",", ";", "\t") if d != sniffed]
    best: tuple[int, int, str, list[str]] | None = None
    for index, line in enumerate(lines[:20]):
        if not line.strip():
            continue
        for delimiter in candidates:
            fields = next(csv.reader([line], delimiter=delimiter, skipinitialspace=True), [])
            if not fields:
                continue
            mapping = _map_header(fields)
            # The row naming the most of our columns wins (a title such as "Pain diary, date: ..." names fewer).
            if "date" in mapping and (best is None or len(mapping) > best[0]):
                best = (len(mapping), index, delimiter, fields)
    return None if best is None else (best[1], best[2], best[3])


def _read_table(
    data: bytes,
    encoding: str,
    strict: bool,
    delimiter: str,
    header_index: int,
    width: int,
    numeric: list[int],
) -> tuple[pd.DataFrame | None, list[int] | str]:
    """One pandas read of the whole file (columns named c0, c1... by position). Returns the frame and the rows
    pandas skipped.

    Only the pain and minutes columns (`numeric` positions) turn empty cells into NaN, so that clean numbers arrive
    as floats with no further work; text columns keep "" for an empty cell. Rows with more fields than the header
    are skipped by pandas and reported; if the very first entry is longer, pandas would instead cut every row to
    the header's width, so that case is read again with spare columns.
    """
    options = dict(
        sep=delimiter,
        index_col=False,
        encoding=encoding,
        # "replace" costs a slow decoding path, so only when the bytes are known to need it.
        encoding_errors="strict" if strict else "replace",
        keep_default_na=False,
        na_values={f"c{i}": [""] for i in numeric},
        skip_blank_lines=False,
        on_bad_lines="warn",
        decimal="," if delimiter != "," else ".",
        engine="c",
    )
    attempts = (
        dict(header=header_index, names=[f"c{i}" for i in range(width)]),
        dict(header=None, skiprows=header_index + 1, names=[f"c{i}" for i in range(width + 64)]),
    )
    for attempt in attempts:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                frame = pd.read_csv(io.BytesIO(data), **options, **attempt)
            except pd.errors.ParserError as exc:
                return None, _parser_error_message(str(exc))
            except pd.errors.EmptyDataError:
                return None, "The file has a header row but no entries. " + EXPECTED_FORMAT
        messages = [str(w.message) for w in caught]
        if not any("Length of header or names does not match" in m for m in messages):
            break
    else:
        return None, "The first entry has far more values than the header has columns. " + EXPECTED_FORMAT
    bad_lines = sorted({int(n) for m in messages for n, *_ in _BAD_LINE_RE.findall(m)})
    return frame, bad_lines


def _parser_error_message(detail: str) -> str:
    match = re.search(r"(?:row|line) (\d+)", detail)
    where = f" near row {int(match.group(1)) + 1}" if match else ""
    if "EOF inside string" in detail:
        return f"A quote mark (\") opened{where} is never closed, so the rest of the file can't be read. " + (
            "Check that notes with commas are wrapped in a pair of quotes."
        )
    return f"The file could not be split into rows and columns{where}. " + EXPECTED_FORMAT


def _clean(
    raw: pd.DataFrame,
    header: list[str],
    mapping: dict[str, int],
    header_index: int,
    bad_lines: list[int],
    date_order: str,
    encoding: str,
    delimiter: str,
) -> ParsedLog:
    """Validate every column of the raw table, keep the good rows, drop repeats and sort."""
    width = len(header)
    # Spreadsheet row numbers: the header is on row header_index + 1; rows pandas skipped shift the rest.
    rows = pd.Series(_row_numbers(len(raw), header_index + 2, bad_lines), index=raw.index)
    too_long = (
        "this row has more values than the header has columns; a note containing a "
        f"'{_delimiter_name(delimiter)}' needs quotes around it"
    )
    issues: list[pd.DataFrame] = [_issue_frame(pd.Series([], dtype="int64"), "", pd.Series([], dtype="str"), "")]
    if bad_lines:
        issues.append(_issue_frame(pd.Series(bad_lines), "(whole row)", pd.Series([""] * len(bad_lines)), too_long))

    def column(name: str) -> pd.Series | None:
        return raw[f"c{mapping[name]}"] if name in mapping else None

    def text(name: str) -> pd.Series:
        source = column(name)
        return _as_text(source) if source is not None else _empty_text(raw.index)

    # Only a row without a date can be blank, so the full check runs on those rows alone.
    date_text = text("date")
    undated = date_text.eq("")
    blank = pd.Series(False, index=raw.index)
    if undated.any():
        blank[undated] = _blank_rows(raw[undated])
    bad = pd.Series(False, index=raw.index)
    extra_columns = list(raw.columns[width:])
    if extra_columns:
        extra = ~_blank_rows(raw[extra_columns]) & ~blank
        issues.append(_issue_frame(rows[extra], "(whole row)", _as_text(raw.loc[extra, extra_columns[0]]), too_long))
        bad |= extra

    def report(mask: pd.Series, name: str, reason: str) -> None:
        nonlocal bad
        if not mask.any():
            return
        mask = mask & ~blank & ~bad
        issues.append(_issue_frame(rows[mask], header[mapping[name]], _as_text(raw.loc[mask, f"c{mapping[name]}"]),
                                   reason))
        bad = bad | mask

    dates = _parse_dates(date_text, date_order)
    for mask, reason in dates.problems:
        report(mask, "date", reason)

    clock, minute = dates.time, dates.minute
    if column("time") is not None:
        times = _parse_times(text("time"))
        report(times["bad"], "time", "not a time we recognise (use a time like 14:30)")
        has_time = times["minute"].notna()
        clock = times["time"].where(has_time, clock) if clock is not None else times["time"]
        minute = times["minute"].where(has_time, minute) if minute is not None else times["minute"]

    numbers: dict[str, pd.Series] = {}
    for name, high, not_number, out_of_range in (
        ("pain", 10.0, "pain should be a number from 0 to 10", "pain should be from 0 to 10"),
        ("minutes", float(MAX_MINUTES), "minutes should be a number, like 30",
         "minutes should be from 0 to 1440 (24 hours)"),
    ):
        source = column(name)
        if source is None:
            numbers[name] = pd.Series(np.nan, index=raw.index, dtype="float64")
            continue
        values, unreadable = _parse_numbers(source, name)
        report(unreadable, name, not_number)
        report(values.notna() & ~values.between(0.0, high), name, out_of_range)
        numbers[name] = values

    keep = ~blank & ~bad
    exercise, exercise_codes = _stripped(text("exercise"))
    frame = pd.DataFrame(
        {
            "date": dates.date,
            "time": clock if clock is not None else _null_text(raw.index),
            "pain": numbers["pain"],
            "exercise": exercise,
            "minutes": numbers["minutes"],
            "notes": text("notes"),
        }
    ).astype({"time": "string", "exercise": "string", "notes": "string"})
    minute = minute.to_numpy(dtype="float64") if minute is not None else np.full(len(raw), np.nan)
    if not keep.all():
        frame, minute, exercise_codes = frame[keep], minute[keep.to_numpy()], exercise_codes[keep.to_numpy()]
    rows_read = int((~blank).sum())
    frame, duplicates = _without_repeats(frame, minute, exercise_codes)

    issue_table = pd.concat(issues, ignore_index=True).sort_values("row", kind="stable")
    listed = issue_table.head(MAX_LISTED_ISSUES)
    row_issues = tuple(
        RowIssue(int(r), str(c), _shorten(str(v)), str(why))
        for r, c, v, why in zip(listed["row"], listed["column"], listed["value"], listed["reason"], strict=True)
    )
    ignored = tuple(h for i, h in enumerate(header) if i not in mapping.values() and h.strip())
    error = None
    if frame.empty:
        error = (
            "No usable entries: every row was empty or had a problem (see the list of skipped rows). "
            if rows_read
            else "The file has a header row but no entries. "
        ) + EXPECTED_FORMAT
    return ParsedLog(
        frame=frame,
        issues=row_issues,
        issue_count=len(issue_table),
        ambiguous_dates=dates.ambiguous,
        date_order=dates.order,
        error=error,
        encoding=encoding,
        delimiter=delimiter,
        rows_read=rows_read,
        duplicates_dropped=duplicates,
        ignored_columns=ignored,
    )


def _blank_rows(raw: pd.DataFrame) -> pd.Series:
    """Rows where every cell is empty (NaN in numeric columns, "" or NaN in text columns)."""
    blank = pd.Series(True, index=raw.index)
    for name in raw.columns:
        cells = raw[name]
        empty = cells.isna()
        if cells.dtype == "str" or cells.dtype == object:
            empty |= cells.eq("").fillna(False).astype(bool)
        blank &= empty
    return blank


def _without_repeats(frame: pd.DataFrame, minute: np.ndarray, exercise_codes: np.ndarray) -> tuple[pd.DataFrame, int]:
    """Drop exact repeats of an entry (all six columns equal, the first kept) and sort by date; entries of the same
    day keep their order in the file. Returns the frame and the number of repeats dropped.

    The repeat check first compares a cheap numeric fingerprint of date, time (`minute` of the day), pain,
    exercise (`exercise_codes`) and minutes; only rows sharing a fingerprint are compared in full, so the long
    text columns are rarely hashed.
    """
    days = frame["date"].to_numpy(dtype="datetime64[D]").astype("int64")
    dropped = 0
    if len(frame) > 1:
        fingerprint = days.astype("uint64")
        for part in (
            np.nan_to_num(minute, nan=-1),
            np.nan_to_num(frame["pain"].to_numpy() * 1000, nan=-1),
            np.nan_to_num(frame["minutes"].to_numpy() * 1000, nan=-1),
            exercise_codes,
        ):
            fingerprint = fingerprint * np.uint64(1_000_003) + part.astype("int64").astype("uint64")
        shared = pd.Series(fingerprint, copy=False).duplicated(keep=False).to_numpy()
        if shared.any():
            repeated = np.zeros(len(frame), dtype=bool)
            repeated[shared] = frame[shared].duplicated(keep="first").to_numpy()
            if repeated.any():
                dropped = int(repeated.sum())
                frame, days = frame[~repeated], days[~repeated]
    if len(days) > 1 and not (np.diff(days) >= 0).all():
        frame = frame.iloc[np.argsort(days, kind="stable")]
    return frame.reset_index(drop=True), dropped


def _row_numbers(count: int, first_row: int, skipped: list[int]) -> np.ndarray:
    """Row numbers of the rows pandas kept, given the (sorted, absolute) numbers of the rows it skipped."""
    positions = np.arange(count, dtype=np.int64)
    if not skipped:
        return positions + first_row
    # Skipped row j sits after (skipped[j] - first_row - j) kept rows; each kept row moves down by the skipped
    # rows that come before it.
    kept_before = np.asarray(skipped, dtype=np.int64) - first_row - np.arange(len(skipped))
    return positions + first_row + np.searchsorted(kept_before, positions, side="right")


def _delimiter_name(delimiter: str) -> str:
    return {"\t": "tab", ",": ",", ";": ";"}.get(delimiter, delimiter)


def _shorten(value: str, limit: int = 120) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "\u2026"


def _issue_frame(rows: pd.Series, column: str, values: pd.Series, reason: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": rows.to_numpy(dtype="int64"),
            "column": column,
            "value": values.fillna("").astype("str").to_numpy(),
            "reason": reason,
        }
    )


def _as_text(series: pd.Series) -> pd.Series:
    """A column as text ("" for an empty cell), whatever pandas inferred for it."""
    if series.dtype == "str":
        return series.fillna("") if series.hasnans else series
    if series.dtype.kind == "f":
        # Numbers read for a text column (e.g. notes that are all numbers): no float ".0" on whole numbers.
        text = series.astype("str").str.replace(r"\.0$", "", regex=True)
        return text.where(series.notna(), "")
    return series.astype("str").where(series.notna(), "")


def _stripped(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Text with surrounding spaces removed (working once per distinct value), and a code per row that is equal
    for equal stripped values."""
    codes, uniques = pd.factorize(text)
    uniques = pd.Series(uniques, dtype="str")
    stripped = uniques.str.strip()
    if stripped.equals(uniques):
        return text, codes
    unique_codes, _ = pd.factorize(stripped)
    return pd.Series(stripped.to_numpy()[codes], index=text.index, dtype="str"), unique_codes[codes]


def _null_text(index: pd.Index) -> pd.Series:
    """An all-missing text column, built without a Python object per row."""
    return pd.Series(pd.array(pa.nulls(len(index), pa.large_string()), dtype="string"), index=index)


def _empty_text(index: pd.Index) -> pd.Series:
    """A text column of "" (an absent exercise or notes column), built without a Python object per row."""
    return pd.Series(pd.array(pa.repeat(pa.scalar("", pa.large_string()), len(index)), dtype="str"), index=index)


def _by_unique(text: pd.Series, parse: Callable[[pd.Series], pd.DataFrame]) -> pd.DataFrame:
    """Run `parse` once per distinct value and spread the results back over the rows.

    A log has far fewer distinct dates, times and ratings than rows, so this makes the thorough parsing tiers
    cost almost nothing even for a million rows.
    """
    codes, uniques = pd.factorize(text)
    table = parse(pd.Series(uniques, dtype="str"))
    out = table.take(codes)
    out.index = text.index
    return out


def _parse_numbers(source: pd.Series, name: str) -> tuple[pd.Series, pd.Series]:
    """Numbers from a column (decimal commas, units, 'n/a'); returns values and a mask of cells that aren't numbers."""
    if source.dtype.kind in "iuf":
        return source.astype("float64"), pd.Series(False, index=source.index)
    parsed = _by_unique(_as_text(source), lambda values: _number_values(values, name))
    return parsed["value"], parsed["bad"]


def _number_values(text: pd.Series, name: str) -> pd.DataFrame:
    text = text.str.strip()
    blank = text.str.lower().isin(_NA_TOKENS)
    cleaned = text.str.replace(",", ".", regex=False)
    values = pd.to_numeric(cleaned.where(~blank), errors="coerce").astype("float64")
    pending = values.isna() & ~blank
    if pending.any():
        sub = cleaned[pending]
        if name == "pain":
            parts = sub.str.extract(_PAIN_OUT_OF_TEN_RE)
            values[pending] = pd.to_numeric(parts[0], errors="coerce")
        else:
            parts = sub.str.extract(_MINUTES_RE)
            hours = pd.to_numeric(parts[0], errors="coerce")
            minutes = pd.to_numeric(parts[1], errors="coerce")
            matched = hours.notna() | minutes.notna()
            values[pending] = (hours.fillna(0) * 60 + minutes.fillna(0)).where(matched)
        pending = values.isna() & ~blank
    return pd.DataFrame({"value": values, "bad": pending})


def _clock(hours: pd.Series, minutes: pd.Series, ampm: pd.Series) -> pd.DataFrame:
    """From matched parts: HH:MM text, minute of the day, and whether the time is impossible (25:00, 13 pm)."""
    hours = pd.to_numeric(hours, errors="coerce")
    minutes = pd.to_numeric(minutes, errors="coerce")
    suffix = ampm.fillna("").str.lower().str.replace(".", "", regex=False)
    twelve = suffix.ne("")
    invalid = ((hours > 23) | (minutes > 59) | (twelve & ((hours < 1) | (hours > 12)))).fillna(False).astype(bool)
    hours = hours.where(~(twelve & hours.eq(12)), 0) + np.where(suffix.eq("pm"), 12, 0)
    valid = ~invalid & hours.notna()
    text = (_two_digits(hours) + ":" + _two_digits(minutes)).where(valid).astype("string")
    return pd.DataFrame({"time": text, "minute": (hours * 60 + minutes).where(valid), "invalid": invalid})


def _two_digits(numbers: pd.Series) -> pd.Series:
    return numbers.astype("Int64").astype("string").str.zfill(2)


def _parse_times(text: pd.Series) -> pd.DataFrame:
    """A time column: HH:MM text (NA when empty), minute of the day, and a mask of cells that aren't times."""
    if not text.str.len().any():
        return pd.DataFrame(
            {"time": _null_text(text.index), "minute": np.nan, "bad": False}, index=text.index
        )
    return _by_unique(text, _time_values)


def _time_values(text: pd.Series) -> pd.DataFrame:
    text = text.str.strip()
    blank = text.str.lower().isin(_NA_TOKENS)
    parts = text.str.extract(_TIME_ONLY_RE)
    clock = _clock(parts[0], parts[1], parts[2])
    return pd.DataFrame(
        {"time": clock["time"], "minute": clock["minute"], "bad": ~blank & (clock["time"].isna() | clock["invalid"])}
    )


def _assemble(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    year = pd.to_numeric(year, errors="coerce")
    year = year.where(year >= 100, year + 2000)
    parts = pd.DataFrame(
        {"year": year, "month": pd.to_numeric(month, errors="coerce"), "day": pd.to_numeric(day, errors="coerce")}
    )
    return pd.to_datetime(parts, errors="coerce").astype("datetime64[ns]")


@dataclass(frozen=True, eq=False)  # holds frames/figures: compared by identity
class _Dates:
    """The parsed date column: dates at midnight, times found inside date cells (None if there were none), their
    minute of the day, masks of problems with reasons, whether day/month order is ambiguous and the order used."""

    date: pd.Series
    time: pd.Series | None
    minute: pd.Series | None
    problems: list[tuple[pd.Series, str]]
    ambiguous: bool
    order: str | None


def _parse_dates(text: pd.Series, date_order: str) -> _Dates:
    decision: dict[str, object] = {"ambiguous": False, "order": None}

    def parse(values: pd.Series) -> pd.DataFrame:
        table, decision["ambiguous"], decision["order"] = _date_values(values, date_order)
        return table

    parsed = _by_unique(text, parse)
    order = decision["order"]
    order_text = "day-first (14/03/2026)" if order == "dayfirst" else "month-first (03/14/2026)"
    problems = [
        (parsed["missing"], "no date (every entry needs a date)"),
        (parsed["unrecognised"], "not a date we recognise (use a date like 2026-03-14)"),
        (parsed["wrong_order"], f"day and month are the other way round from the file's other dates, read as "
                                f"{order_text}"),
        (parsed["out_of_range"], "the year looks wrong"),
    ]
    has_time = parsed["minute"].notna().any()
    return _Dates(
        date=parsed["date"],
        time=parsed["time"] if has_time else None,
        minute=parsed["minute"] if has_time else None,
        problems=problems,
        ambiguous=bool(decision["ambiguous"]),
        order=order,  # type: ignore[arg-type]
    )


def _date_values(text: pd.Series, date_order: str) -> tuple[pd.DataFrame, bool, str | None]:
    """Parse distinct date cells, tiers from fast to thorough, each vectorised over what the last one left."""
    text = text.str.strip()
    missing = text.eq("")
    index = text.index
    # Tier 1: plain ISO dates, what the app itself writes.
    dates = pd.to_datetime(text.where(text.str.len().eq(10)), format="ISO8601", errors="coerce")
    dates = dates.astype("datetime64[ns]")
    times = _null_text(index)
    minutes = pd.Series(np.nan, index=index)
    wrong_order = pd.Series(False, index=index)
    ambiguous = False
    order_used: str | None = None
    pending = dates.isna() & ~missing

    def accept(mask: pd.Series, found: pd.Series, clock: pd.DataFrame | None = None) -> None:
        chosen = mask[mask].index
        dates[chosen] = found[mask]
        if clock is not None:
            times[chosen] = clock.loc[mask, "time"]
            minutes[chosen] = clock.loc[mask, "minute"]

    if pending.any():
        sub = text[pending]
        # Tier 2: ISO-like with other separators and/or a time.
        iso = sub.str.extract(_ISO_RE)
        iso_dates = _assemble(iso[0], iso[1], iso[2])
        iso_clock = _clock(iso[3], iso[4], iso[5])
        iso_ok = iso_dates.notna() & ~iso_clock["invalid"]
        accept(iso_ok, iso_dates, iso_clock)

        # Tier 3: numeric day/month/year in either order, decided for the whole file.
        rest = sub[~iso_ok]
        dmy = rest.str.extract(_DMY_RE)
        day_first = _assemble(dmy[2], dmy[1], dmy[0])
        month_first = _assemble(dmy[2], dmy[0], dmy[1])
        dmy_clock = _clock(dmy[3], dmy[4], dmy[5])
        only_day_first = day_first.notna() & month_first.isna()
        only_month_first = month_first.notna() & day_first.isna()
        differ = day_first.notna() & month_first.notna() & day_first.ne(month_first)
        if date_order == "auto":
            if only_month_first.sum() > only_day_first.sum():
                order_used = "monthfirst"
            elif only_day_first.any():
                order_used = "dayfirst"
            elif differ.any():
                order_used, ambiguous = "dayfirst", True
            elif day_first.notna().any():
                order_used = "dayfirst"
        elif day_first.notna().any() or month_first.notna().any():
            order_used = date_order
        chosen = month_first if order_used == "monthfirst" else day_first
        other = day_first if order_used == "monthfirst" else month_first
        dmy_ok = chosen.notna() & ~dmy_clock["invalid"]
        accept(dmy_ok, chosen, dmy_clock)
        flipped = chosen.isna() & other.notna()
        wrong_order[flipped[flipped].index] = True

        # Tier 4: dates with a month name ("3 Mar 2026", "Tuesday 3 March 2026"): unambiguous by construction.
        rest = rest[~dmy_ok & ~flipped]
        named = rest[rest.str.contains(_MONTH_NAME_RE, regex=True) & rest.str.contains(r"\d{4}", regex=True)]
        if not named.empty:
            parsed = _parse_named_dates(named)
            named_ok = parsed.notna()
            timed = named_ok & named.str.contains(r"\d:\d\d", regex=True)
            clock = pd.DataFrame(
                {
                    "time": parsed.dt.strftime("%H:%M").where(timed).astype("string"),
                    "minute": (parsed.dt.hour * 60 + parsed.dt.minute).where(timed),
                }
            )
            accept(named_ok, parsed.dt.normalize(), clock)

    out_of_range = dates.notna() & ((dates.dt.year < 1900) | (dates.dt.year > 2100))
    dates = dates.where(~out_of_range).dt.normalize()
    unrecognised = dates.isna() & ~missing & ~wrong_order & ~out_of_range
    table = pd.DataFrame(
        {
            "date": dates,
            "time": times.astype("string"),
            "minute": minutes,
            "missing": missing,
            "unrecognised": unrecognised,
            "wrong_order": wrong_order,
            "out_of_range": out_of_range,
        }
    )
    return table, ambiguous, order_used


def _parse_named_dates(named: pd.Series) -> pd.Series:
    """Dates written with a month name, by dateutil (through pandas); weekday names and commas removed first."""
    cleaned = named.str.replace(_WEEKDAY_RE, " ", regex=True).str.replace(",", " ", regex=False).str.strip()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parsed = pd.to_datetime(cleaned, format="mixed", dayfirst=True, errors="coerce")
        except (ValueError, OverflowError, TypeError):  # e.g. a mix of time zones: leave these unparsed
            return pd.Series(pd.NaT, index=named.index, dtype="datetime64[ns]")
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_localize(None)  # keep the wall-clock time the person wrote
    return parsed.astype("datetime64[ns]")


# --- writing -------------------------------------------------------------------------------------------------


def local_log_path(environ: Mapping[str, str] | None = None, app_dir: Path | None = None) -> Path | None:
    """Where the local log lives: SPINEWELL_LOG (relative to the app folder), or None when it is 'off'."""
    environ = os.environ if environ is None else environ
    app_dir = Path(__file__).resolve().parent.parent if app_dir is None else app_dir
    setting = environ.get("SPINEWELL_LOG", "").strip()
    if setting.lower() == "off":
        return None
    path = Path(setting).expanduser() if setting else DEFAULT_LOG
    return path if path.is_absolute() else app_dir / path


def entries_frame(entries: Iterable[LogEntry]) -> pd.DataFrame:
    """New entries as a log frame with the documented columns and dtypes."""
    entries = list(entries)
    if not entries:
        return empty_frame()
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime([e.date for e in entries]).astype("datetime64[ns]"),
            "time": pd.array([e.time.strftime("%H:%M") if e.time else pd.NA for e in entries], dtype="string"),
            "pain": pd.array([np.nan if e.pain is None else float(e.pain) for e in entries], dtype="float64"),
            "exercise": pd.array([e.exercise.strip() for e in entries], dtype="string"),
            "minutes": pd.array([np.nan if e.minutes is None else float(e.minutes) for e in entries], dtype="float64"),
            "notes": pd.array([e.notes for e in entries], dtype="string"),
        }
    )
    return frame


def with_entries(frame: pd.DataFrame, entries: Iterable[LogEntry]) -> pd.DataFrame:
    """The log with new entries added (kept in date order); neither input is changed."""
    added = entries_frame(entries)
    if added.empty:
        return frame
    if frame.empty:
        return added
    combined = pd.concat([frame, added], ignore_index=True)
    return combined.sort_values(["date", "time"], kind="stable", na_position="last").reset_index(drop=True)


def neutralise_formulas(text: pd.Series) -> pd.Series:
    """Prefix cells a spreadsheet would run as a formula (= + - @, tab, CR) with an apostrophe."""
    text = text.astype("string")
    risky = text.str.contains(_FORMULA_START, regex=True).fillna(False)
    return text.where(~risky, "'" + text)


def to_csv_bytes(frame: pd.DataFrame, *, header: bool = True) -> bytes:
    """The log as the app writes it: UTF-8, comma-separated, ISO dates, our column names, formulas neutralised."""
    out = frame.loc[:, list(COLUMNS)].copy()
    for name in ("time", "exercise", "notes"):
        out[name] = neutralise_formulas(out[name]).fillna("")
    text = out.to_csv(index=False, header=header, date_format="%Y-%m-%d", float_format="%g", lineterminator="\n")
    return text.encode("utf-8")


def issues_csv_bytes(issues: Iterable[RowIssue]) -> bytes:
    """The rows kept out, as a CSV a person can open next to their file (formulas neutralised)."""
    table = pd.DataFrame([vars(i) for i in issues], columns=["row", "column", "value", "reason"])
    for name in ("column", "value", "reason"):
        table[name] = neutralise_formulas(table[name]).fillna("")
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")


def append(path: Path | str, entries: Iterable[LogEntry], *, lock_timeout: float = 10.0) -> AppendReceipt:
    """Add entries to the end of the local log, atomically and under a lock; existing bytes are never changed.

    Raises UnreadableLogError (file left untouched) if the existing file is not a log in the app's format,
    and LogWriteError if the lock can't be taken or the disk refuses the write.
    """
    path = Path(path)
    added = entries_frame(entries)
    if added.empty:
        return AppendReceipt(path, "")
    text = to_csv_bytes(added, header=False).decode("utf-8")
    with _disk_errors(path, "Your entry was not saved."):
        path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(path, lock_timeout):
            existing = path.read_bytes() if path.exists() else b""
            if existing.strip():
                _check_own_log(path, existing)
                prefix = existing if existing.endswith((b"\n", b"\r")) else existing + b"\n"
            else:
                prefix = (HEADER_LINE + "\n").encode()
            _atomic_write(path, prefix + text.encode("utf-8"))
    return AppendReceipt(path, text)


def undo_last(receipt: AppendReceipt, *, lock_timeout: float = 10.0) -> None:
    """Remove the entries of the last append(), only if they are still the very end of the file."""
    if not receipt.text:
        return
    suffix = receipt.text.encode("utf-8")
    with _disk_errors(receipt.path, "Nothing was removed."), _locked(receipt.path, lock_timeout):
        try:
            existing = receipt.path.read_bytes()
        except FileNotFoundError:
            raise LogChangedError(f"The log file {receipt.path} is gone, so there is nothing to undo.") from None
        if not existing.endswith(suffix):
            raise LogChangedError(
                "The log has changed since that entry was saved (another window or program wrote to it), "
                "so nothing was removed."
            )
        _atomic_write(receipt.path, existing[: len(existing) - len(suffix)])


@contextlib.contextmanager
def _disk_errors(path: Path, consequence: str) -> Iterator[None]:
    """Turn an OSError (disk full, no permission...) into a LogWriteError whose message a person can act on."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        raise LogWriteError(f"The log file {path} could not be written ({reason}). {consequence}") from error


def _check_own_log(path: Path, existing: bytes) -> None:
    first_line = existing.split(b"\n", 1)[0].rstrip(b"\r").removeprefix(codecs.BOM_UTF8)
    if first_line.decode("utf-8", errors="replace").strip().lower() != HEADER_LINE:
        raise UnreadableLogError(
            f"The log file {path} isn't in Spinewell's own format (its first line should be '{HEADER_LINE}'), "
            "so Spinewell won't add to it. Move it somewhere else or upload it instead; your entry was not saved."
        )
    parsed = read(existing)
    if parsed.error is not None:
        raise UnreadableLogError(
            f"The log file {path} can't be read ({parsed.error}) so Spinewell won't add to it. "
            "Your entry was not saved; move the file away or fix it."
        )


class _locked:
    """The log's file lock as a context manager that turns a timeout into a LogWriteError."""

    def __init__(self, path: Path, timeout: float) -> None:
        self._lock = FileLock(str(path) + ".lock", timeout=timeout)
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


def _atomic_write(path: Path, payload: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then os.replace: readers see old or new, never half."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp_name, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    with contextlib.suppress(OSError):
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


