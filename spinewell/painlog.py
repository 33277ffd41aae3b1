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
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from charset_normalizer import from_bytes
from filelock import FileLock
from filelock import Timeout as LockTimeout

from spinewell.log.entry import COLUMNS, HEADER_LINE, MAX_MINUTES, PLANNED_PREFIX, LogEntry
from spinewell.spreadsheet import neutralise_column

MAX_BYTES = 50 * 1024 * 1024
MAX_LISTED_ISSUES = 1000
DATE_ORDERS = ("auto", "dayfirst", "monthfirst")
DEFAULT_LOG = Path("data") / "pain_log.csv"
PLANNED_REASON = "planned session not filled in: add the minutes to count it"
FUTURE_REASON = "date is in the future"

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
_ARROW_CODED = pa.dictionary(pa.int32(), pa.string())
# "00:00" ... "23:59", then <NA> (for rows without a time): the time column is one take from these.
_CLOCK_TEXTS = pd.array([f"{m // 60:02d}:{m % 60:02d}" for m in range(24 * 60)] + [pd.NA], dtype="string")
_NS_PER_DAY = 86_400 * 10**9
_SAMPLE_BYTES = 65536
_FINGERPRINT_STEP = np.uint64(1_000_003)  # mixes the columns into one number; a test sets 0 to force collisions


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
    `rows_checked` is True when the file was split into rows and every row checked, even if none was usable (then
    `error` is set too); False when the file itself could not be read as a table.
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
    rows_checked: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


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


def read(data: bytes, *, date_order: str = "auto", today: dt.date | None = None) -> ParsedLog:
    """Parse CSV bytes into a clean log; never raises: unusable input comes back with `error` set.

    `today` (default: the local date now) is the last day a diary entry can have: later rows are kept out.
    """
    if date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {DATE_ORDERS}")
    try:
        return _read(bytes(data), date_order, dt.date.today() if today is None else today)
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
    coded = [mapping[name] for name in ("date", "time", "exercise") if name in mapping]
    raw, bad_lines = _read_table(
        data, encoding, strict, delimiter, header_index, len(header), numeric, coded, mapping.get("time")
    )
    if raw is None:
        return _failed(bad_lines, encoding=encoding, delimiter=delimiter)
    return _clean(raw, header, mapping, header_index, bad_lines, date_order, encoding, delimiter, today)


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
    if encoding in ("utf-8", "cp1252") and data.isascii():  # a far quicker scan than decoding, and the common case
        return True
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
    coded: list[int],
    clock: int | None,
) -> tuple[pd.DataFrame | None, list[int] | str]:
    """One read of the whole file (columns named c0, c1... by position). Returns the frame and the rows skipped
    as too long, or None and a message when the file can't be split into rows at all.

    Text cells stay text, "" when empty; only the pain and minutes columns (`numeric` positions) turn empty cells
    into NaN and arrive as floats when every cell is a plain number. Arrow's reader is tried first (_read_arrow);
    it gives up on anything it can't read exactly as pandas would, and pandas reads those files (_read_pandas).
    """
    fast = _read_arrow(data, encoding, strict, delimiter, header_index, width, numeric, coded, clock)
    if fast is not None:
        return fast, []
    return _read_pandas(data, encoding, strict, delimiter, header_index, width, numeric)


def _read_arrow(
    data: bytes,
    encoding: str,
    strict: bool,
    delimiter: str,
    header_index: int,
    width: int,
    numeric: list[int],
    coded: list[int],
    clock: int | None,
) -> pd.DataFrame | None:
    """The file read by Arrow's CSV reader, or None when this file is left to pandas.

    Why: Arrow parses on every core and can hand the date, time and exercise columns (`coded` positions) over
    dictionary-encoded, as categoricals: a code per row into the few distinct values, which is what _clean works
    from. On a million-row log that is several times less work than pandas' reader followed by a factorize of
    each column. Times written as the app writes them (HH:MM, or HH:MM:SS) Arrow parses itself: the time column
    (`clock` position) then arrives as the minute of the day (NaN where empty), the same minute _time_values finds.

    Only the common case is taken: UTF-8, the header on the first line, every row as long as the header, pain and
    minutes plain numbers. Anything else makes Arrow raise (a short or long row, "30 min" in a float column) or is
    caught below, and pandas reads the file, reporting bad rows one by one as before. With newlines_in_values off,
    Arrow still honours quotes; it only splits the file at line ends to parse blocks in parallel, and raises if a
    block boundary falls inside a quoted note, so a note holding a line break is never cut in two.
    """
    if encoding not in ("utf-8", "utf-8-sig") or not strict or header_index != 0:
        return None
    header_line = re.match(rb"[^\r\n]*", data).group()  # type: ignore[union-attr]
    if header_line.count(b'"') % 2:  # a header cell holding a line break: let pandas find where the header ends
        return None
    names = [f"c{i}" for i in range(width)]
    types = {
        name: pa.float64() if i in numeric else _ARROW_CODED if i in coded else pa.large_string()
        for i, name in enumerate(names)
    }

    def read(part: bytes, types: dict[str, pa.DataType]) -> pa.Table:
        return pa_csv.read_csv(
            pa.BufferReader(part),
            read_options=pa_csv.ReadOptions(skip_rows=1, column_names=names),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=False,
                                              ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types=types,
                null_values=[""],  # only the float and time columns can hold a null...
                strings_can_be_null=False,  # ...text keeps "" for an empty cell, as with pandas
                decimal_point="," if delimiter != "," else ".",
                check_utf8=False,  # `strict`: the whole file is known to decode as UTF-8 already
            ),
        )

    attempts = [types]
    if clock is not None:
        # Times as Arrow parses them when the first rows show them written that way (else the whole file would
        # be read twice); if a later time isn't, the file is read again with the time column as text.
        timed = {**types, f"c{clock}": pa.time32("s")}
        sample = data if len(data) <= 2 * _SAMPLE_BYTES else data[: data.rfind(b"\n", 0, _SAMPLE_BYTES) + 1]
        with contextlib.suppress(pa.ArrowException, ValueError):
            read(sample, timed)
            attempts.insert(0, timed)
    for attempt in attempts:
        try:
            table = read(data, attempt)
            break
        except (pa.ArrowException, ValueError) as error:
            if attempt is types or "to time32" not in str(error):
                return None
    if table.num_rows == 0 or _may_end_inside_quotes(data, table, delimiter):
        return None
    # "nan" is the one number spelling the two readers disagree on: Arrow reads NaN, pandas keeps the text (the row
    # is then not blank). Such a file goes to pandas; an empty cell is a null here, not NaN.
    if any(pc.any(pc.is_nan(table[f"c{i}"])).as_py() for i in numeric):
        return None
    # Numbers and plain text through to_pandas(), which converts columns in parallel; the others by _from_arrow.
    plain = [name for name in names if table[name].type in (pa.float64(), pa.large_string())]
    converted = table.select(plain).to_pandas()
    return pd.DataFrame({name: converted[name] if name in plain else _from_arrow(table[name]) for name in names})


def _from_arrow(column: pa.ChunkedArray) -> pd.Series:
    """A dictionary or time column from Arrow as pandas. A dictionary column becomes a categorical, built directly
    from the codes (about twice as fast as to_pandas(), which checks more than Arrow's own unified dictionary
    needs); a time column, the minute of the day (seconds dropped, as _time_values drops them)."""
    if pa.types.is_time(column.type):
        minute = pc.divide(pc.cast(column, pa.int32()), 60)  # whole minutes: integer division of the seconds
        return pd.Series(minute.to_numpy(zero_copy_only=False), dtype="float64")
    column = column.unify_dictionaries()
    codes = np.concatenate([chunk.indices.to_numpy(zero_copy_only=False) for chunk in column.chunks])
    values = pd.Index(column.chunk(0).dictionary.to_pylist(), dtype="str")
    return pd.Series(pd.Categorical.from_codes(codes, values, validate=False))


def _may_end_inside_quotes(data: bytes, table: pa.Table, delimiter: str) -> bool:
    """Whether the file may end inside a quoted cell whose quote is never closed.

    pandas reports that ("EOF inside string"), but Arrow quietly takes the rest of the file as the cell. With every
    row as long as the header, the open cell can only be the last column of the last row, so the file then ends
    with an opening quote followed by that cell's text. A False here is certain; a True may be a well-formed file
    (a last cell that ends in quotes, or a quoted last number), which pandas then reads.
    """
    last = table.column(table.num_columns - 1)[-1].as_py()
    if isinstance(last, str):
        return data.endswith(('"' + last.replace('"', '""')).encode("utf-8"))
    # A number or a time: its text has no quote and no delimiter, so look after the file's last quote.
    quote = data.rfind(b'"')
    return quote >= 0 and delimiter.encode() not in data[quote + 1:]


def _read_pandas(
    data: bytes,
    encoding: str,
    strict: bool,
    delimiter: str,
    header_index: int,
    width: int,
    numeric: list[int],
) -> tuple[pd.DataFrame | None, list[int] | str]:
    """One pandas read of the whole file, for everything _read_arrow leaves.

    Rows with more fields than the header are skipped by pandas and reported; if the very first entry is longer,
    pandas would instead cut every row to the header's width, so that case is read again with spare columns.
    pandas guesses a type per column, so a text column that is all numbers (times like 8.30, notes like 007) is
    read again as text, as Arrow reads it.
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

    def load(attempt: dict, dtype: dict[str, str] | None = None) -> tuple[pd.DataFrame, list[str]]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame = pd.read_csv(io.BytesIO(data), **options, **attempt, dtype=dtype)
        return frame, [str(w.message) for w in caught]

    try:
        for attempt in attempts:
            frame, messages = load(attempt)
            if not any("Length of header or names does not match" in m for m in messages):
                break
        else:
            return None, "The first entry has far more values than the header has columns. " + EXPECTED_FORMAT
        as_text = {
            name: "str"
            for position, name in enumerate(frame.columns[:width])
            if position not in numeric and frame[name].dtype.kind in "iufb"
        }
        if as_text:
            frame, messages = load(attempt, as_text)
    except pd.errors.ParserError as exc:
        return None, _parser_error_message(str(exc))
    except pd.errors.EmptyDataError:
        return None, "The file has a header row but no entries. " + EXPECTED_FORMAT
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
    today: dt.date,
) -> ParsedLog:
    """Validate every column of the raw table, keep the good rows, drop repeats and sort.

    The date, time, exercise (and non-numeric pain and minutes) columns are handled as a code per row into their
    distinct values (_coded): a log has far fewer distinct dates, times and activities than rows, so each distinct
    value is parsed once and the result spread over the rows by a NumPy take. The clean frame is built once, at the
    end, from the positions of the rows kept, so no text column is copied more than once.
    """
    width = len(header)
    count = len(raw)

    def rows(mask: np.ndarray) -> np.ndarray:
        """Spreadsheet row numbers: the header is on row header_index + 1; rows pandas skipped shift the rest."""
        return _row_numbers(np.flatnonzero(mask), header_index + 2, bad_lines)

    too_long = (
        "this row has more values than the header has columns; a note containing a "
        f"'{_delimiter_name(delimiter)}' needs quotes around it"
    )
    issues: list[pd.DataFrame] = [_issue_frame(np.array([], dtype="int64"), "", pd.Series([], dtype="str"), "")]
    if bad_lines:
        issues.append(_issue_frame(np.array(bad_lines), "(whole row)", pd.Series([""] * len(bad_lines)), too_long))

    def column(name: str) -> pd.Series:
        return raw[f"c{mapping[name]}"]

    # Only a row without a date can be blank, so the full check runs on those rows alone.
    date_codes, date_values = _coded(column("date"))
    blank = np.zeros(count, dtype=bool)
    if date_values.eq("").any():
        undated = date_values.eq("").to_numpy(dtype=bool)[date_codes]
        blank[undated] = _blank_rows(raw[undated])
    bad = np.zeros(count, dtype=bool)
    extra_columns = list(raw.columns[width:])
    if extra_columns:
        extra = ~_blank_rows(raw[extra_columns]) & ~blank
        issues.append(_issue_frame(rows(extra), "(whole row)", _as_text(raw.loc[extra, extra_columns[0]]), too_long))
        bad |= extra

    def report(mask: np.ndarray | None, name: str, reason: str) -> int:
        """Keep the rows in `mask` out (those not already out) with `reason`; returns how many."""
        nonlocal bad
        if mask is None or not mask.any():
            return 0
        mask = mask & ~blank & ~bad
        issues.append(_issue_frame(rows(mask), header[mapping[name]], _as_text(column(name)[mask]), reason))
        bad = bad | mask
        return int(mask.sum())

    dates = _parse_dates(date_codes, date_values, date_order)
    for mask, reason in dates.problems:
        report(mask, "date", reason)

    minute = dates.minute
    if "time" in mapping:
        if column("time").dtype.kind == "f":  # read by Arrow (_read_arrow): minutes of the day already
            clock, unreadable = column("time").to_numpy(dtype="float64"), None
        else:
            clock, unreadable = _parse_times(*_coded(column("time")))
        report(unreadable, "time", "not a time we recognise (use a time like 14:30)")
        if clock is not None:
            minute = clock if minute is None else np.where(np.isnan(clock), minute, clock)

    numbers: dict[str, np.ndarray] = {}
    for name, high, not_number, out_of_range in (
        ("pain", 10.0, "pain should be a number from 0 to 10", "pain should be from 0 to 10"),
        ("minutes", float(MAX_MINUTES), "minutes should be a number, like 30",
         "minutes should be from 0 to 1440 (24 hours)"),
    ):
        if name not in mapping:
            numbers[name] = np.full(count, np.nan)
            continue
        values, unreadable = _parse_numbers(column(name), name)
        report(unreadable, name, not_number)
        report(~np.isnan(values) & ~((values >= 0.0) & (values <= high)), name, out_of_range)
        numbers[name] = values

    if "exercise" in mapping:
        codes, names = _coded(column("exercise"))
        # One code per activity name once surrounding spaces are gone: " walking" and "walking " are one activity.
        exercise_codes, exercise_names = pd.factorize(names.str.strip())
        exercise = exercise_codes[codes]
        named = (exercise_names != "")
    else:
        exercise, exercise_names = np.zeros(count, dtype=np.intp), pd.Index([""], dtype="str")
        named = np.zeros(1, dtype=bool)
    notes = _as_text(column("notes")) if "notes" in mapping else None

    # The program page's log template lists planned sessions with "planned: <dose>" in the notes and the minutes
    # left empty: until someone fills one in, it records an intention, not a session done.
    planned_rows = 0
    if notes is not None:
        maybe = np.isnan(numbers["pain"]) & np.isnan(numbers["minutes"]) & ~blank & ~bad
        maybe[maybe] = named[exercise[maybe]]  # ...and an exercise
        if maybe.any():
            planned = np.zeros(count, dtype=bool)
            planned[maybe] = notes[maybe].str.lstrip().str.lower().str.startswith(PLANNED_PREFIX).to_numpy(bool)
            planned_rows = report(planned, "exercise", PLANNED_REASON)
    report(dates.day > (today - dt.date(1970, 1, 1)).days, "date", FUTURE_REASON)

    keep = ~blank & ~bad
    rows_read = count - int(blank.sum())
    if minute is None:
        minute = np.full(count, np.nan)
    chosen, duplicates = _without_repeats(keep, dates.day, minute, numbers["pain"], numbers["minutes"], exercise, notes)
    # `chosen` picks the rows of every column at once: NumPy arrays and pandas' Arrow-backed text alike. The text
    # columns cost the most (every string is copied); Arrow's kernels release the GIL, so they are built side by
    # side.
    time_text, exercise_text, notes_text = _side_by_side(
        lambda: _clock_text(minute[chosen]),
        lambda: pd.array(exercise_names, dtype="string").take(exercise[chosen]),
        lambda: notes.array[chosen].astype("string") if notes is not None else None,
    )
    frame = pd.DataFrame(
        {
            "date": (dates.day[chosen] * _NS_PER_DAY).view("datetime64[ns]"),
            "time": time_text,
            "pain": numbers["pain"][chosen],
            "exercise": exercise_text,
            "minutes": numbers["minutes"][chosen],
            "notes": notes_text if notes_text is not None else _empty_string(len(time_text)),
        },
        copy=False,  # every array here is new
    )

    issue_table = pd.concat(issues, ignore_index=True).sort_values("row", kind="stable")
    listed = issue_table.head(MAX_LISTED_ISSUES)
    row_issues = tuple(
        RowIssue(int(r), str(c), _shorten(str(v)), str(why))
        for r, c, v, why in zip(listed["row"], listed["column"], listed["value"], listed["reason"], strict=True)
    )
    ignored = tuple(h for i, h in enumerate(header) if i not in mapping.values() and h.strip())
    error = None
    if frame.empty:
        if planned_rows and planned_rows == len(issue_table):
            error = (
                "Nothing to chart yet: every row is a planned session from the log template, not filled in. "
                "Add the minutes (and a pain rating if you like) to the sessions you have done, then upload the "
                "file again."
            )
        else:
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
        rows_checked=True,
    )


def _side_by_side(*tasks: Callable[[], object]) -> list[object]:
    """The results of `tasks`, run on threads at once: worth it only for work that releases the GIL."""
    with ThreadPoolExecutor(max_workers=len(tasks)) as pool:
        return [future.result() for future in [pool.submit(task) for task in tasks]]


def _blank_rows(raw: pd.DataFrame) -> np.ndarray:
    """Rows where every cell is empty (NaN in numeric columns, "" or NaN in text columns)."""
    blank = np.ones(len(raw), dtype=bool)
    for name in raw.columns:
        cells = raw[name]
        empty = cells.isna().to_numpy(dtype=bool)
        if cells.dtype.kind not in "iufb":  # text: str, object or categorical
            empty = empty | cells.astype("str").eq("").to_numpy(dtype=bool, na_value=False)
        blank &= empty
    return blank


def _without_repeats(
    keep: np.ndarray,
    day: np.ndarray,
    minute: np.ndarray,
    pain: np.ndarray,
    minutes: np.ndarray,
    exercise: np.ndarray,
    notes: pd.Series | None,
) -> tuple[np.ndarray, int]:
    """The rows to keep, out of the good rows (`keep`), in date order: exact repeats of an entry (all six columns
    equal, the first kept) are dropped, and entries of the same day keep their order in the file. Returns the
    rows and the number of repeats dropped. The rows are a mask when the file was already in date order (picking
    rows by a mask copies text about three times faster than by positions), else their positions in date order.

    `day`, `minute` (of the day, for the time), `pain`, `minutes` and `exercise` (a code per distinct name) are
    NumPy arrays with a value per row of the table; `notes` is the notes text, or None without a notes column.
    """
    positions = np.flatnonzero(keep)
    if len(positions) != len(day):
        day, minute, pain, minutes, exercise = (a[positions] for a in (day, minute, pain, minutes, exercise))
    dropped = 0
    if len(positions) > 1:
        columns = (day, minute, pain, minutes, exercise)
        notes_at = None if notes is None else (lambda rows: notes.array.take(positions[rows]))
        repeated = _repeats(_fingerprint(*columns), columns, notes_at)
        dropped = len(repeated)
        if dropped:
            keep = keep.copy()
            keep[positions[repeated]] = False
    if len(day) > 1 and (np.diff(day) < 0).any():
        if dropped:
            positions, day = np.delete(positions, repeated), np.delete(day, repeated)
        return positions[np.argsort(day, kind="stable")], dropped
    return keep, dropped


def _fingerprint(
    day: np.ndarray, minute: np.ndarray, pain: np.ndarray, minutes: np.ndarray, exercise: np.ndarray
) -> np.ndarray:
    """A uint64 per row, equal for rows with equal day, time, pain, minutes and exercise (and, rarely, for rows
    that differ). Worked in place: on a million rows, fresh temporaries cost more than the arithmetic."""
    fingerprint = day.astype(np.uint64)
    scratch = np.empty(len(day))
    for values in (minute, pain, minutes):
        fingerprint *= _FINGERPRINT_STEP  # wraps around: a hash
        fingerprint += _float_bits(values, scratch)
    fingerprint *= _FINGERPRINT_STEP
    fingerprint += exercise.astype(np.uint64)
    return fingerprint


def _repeats(
    fingerprint: np.ndarray,
    columns: tuple[np.ndarray, ...],
    notes_at: Callable[[np.ndarray], pd.api.extensions.ExtensionArray] | None,
) -> np.ndarray:
    """The rows (positions, in order) equal in every one of `columns`, and in their notes, to an earlier row.

    Rows are grouped by fingerprint, folded to 32 bits: each is packed with its position into one uint64 and the lot
    sorted, so that each group sits side by side, in file order. NumPy's sort is vectorised: on a million rows it
    is quicker than hashing them with pandas' duplicated(). Only rows in a group of two or more are compared, each
    with the row before it in its group; notes are read for those rows alone. A row equal to the one before it is
    a repeat. A row that differs from the one before it may still repeat an earlier one (A, B, A: entries that
    differ only in their notes, or a collision of fingerprints), so groups of three or more with such a row are
    checked in full with pandas' duplicated(). `fingerprint` is used up (sorted in place).
    """
    key = fingerprint
    key ^= key >> np.uint64(32)
    key <<= np.uint64(32)
    key |= np.arange(len(key), dtype=np.uint64)
    key.sort()
    halves = key.view(np.uint32).reshape(-1, 2)  # views, no copies: [:, 0] the position, [:, 1] the fingerprint
    if sys.byteorder == "big":
        halves = halves[:, ::-1]
    folded = halves[:, 1]
    follows = folded[1:] == folded[:-1]  # follows[i]: sorted row i + 1 is in the group of sorted row i
    grouped = np.zeros(len(key), dtype=bool)
    grouped[1:] = follows
    grouped[:-1] |= follows
    index = np.flatnonzero(grouped)  # sorted positions of the rows in a group of two or more
    if not len(index):
        return index
    rows = halves[index, 0].astype(np.intp)
    later = np.zeros(len(index), dtype=bool)
    later[1:] = follows[index[1:] - 1]  # not the first of its group, so the previous entry is in its group
    current, previous = rows[later], rows[np.flatnonzero(later) - 1]
    same = np.ones(len(current), dtype=bool)
    for values in columns:
        a, b = values[current], values[previous]
        same &= (a == b) | ((a != a) & (b != b))  # NaN equals NaN here, as in pandas' duplicated()
    if notes_at is not None and same.any():
        same[same] = np.asarray(notes_at(current[same]) == notes_at(previous[same]), dtype=bool)
    group = np.cumsum(~later) - 1
    unsure = np.zeros(group[-1] + 1, dtype=bool)
    differs = np.zeros(len(rows), dtype=bool)
    differs[later] = ~same
    unsure[group[differs]] = True
    unsure &= np.bincount(group) >= 3
    repeated = rows[later][same & ~unsure[group[later]]]
    if unsure.any():
        members = np.sort(rows[unsure[group]])
        table = pd.DataFrame({f"c{i}": values[members] for i, values in enumerate(columns)})
        if notes_at is not None:
            table["notes"] = notes_at(members)
        repeated = np.concatenate([repeated, members[table.duplicated(keep="first").to_numpy()]])
    return np.sort(repeated)


def _float_bits(values: np.ndarray, out: np.ndarray) -> np.ndarray:
    """The 64 bits of numbers that are >= 0 or NaN (those of good rows), for hashing, written to `out`: NaN becomes
    -1.0, so that every NaN gives the same bits; equal numbers give equal bits, as numbers read are never -0.0
    (_parse_numbers)."""
    return np.fmax(values, -1.0, out=out).view(np.uint64)


def _row_numbers(positions: np.ndarray, first_row: int, skipped: list[int]) -> np.ndarray:
    """Row numbers of rows of the table (by position), given the (sorted, absolute) numbers of the rows pandas
    skipped."""
    positions = positions.astype(np.int64)
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


def _issue_frame(rows: np.ndarray, column: str, values: pd.Series, reason: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": np.asarray(rows, dtype="int64"),
            "column": column,
            "value": values.fillna("").astype("str").to_numpy(),
            "reason": reason,
        }
    )


def _as_text(series: pd.Series) -> pd.Series:
    """A column as text ("" for an empty cell), whatever the reader made of it."""
    if series.dtype == "str":
        return series.fillna("") if series.hasnans else series
    if series.dtype.kind == "f":
        # Numbers read for a text column (e.g. an ignored column of numbers): no float ".0" on whole numbers.
        text = series.astype("str").str.replace(r"\.0$", "", regex=True)
        return text.where(series.notna(), "")
    return series.astype("str").where(series.notna(), "")


def _coded(series: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """A text column as a code per row and its distinct values ("" for an empty cell).

    Free for the categoricals _read_arrow returns; otherwise one pandas.factorize.
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        # As intp: NumPy spreads values with intp codes twice as fast as with the int8/int16 of a categorical.
        codes = series.cat.codes.to_numpy().astype(np.intp)
        values = pd.Series(series.cat.categories, dtype="str")
        if (codes < 0).any():  # a missing cell reads as ""
            codes = np.where(codes < 0, len(values), codes)
            values = pd.concat([values, pd.Series([""], dtype="str")], ignore_index=True)
        return codes, values
    codes, values = pd.factorize(_as_text(series))
    return codes, pd.Series(values, dtype="str")


def _clock_text(minute: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """HH:MM for each minute of the day (<NA> where there is none), by one take from the 1440 possible texts."""
    return _CLOCK_TEXTS.take(np.where(np.isnan(minute), 24 * 60, minute).astype(np.intp))


def _empty_string(length: int) -> pd.api.extensions.ExtensionArray:
    """A text column of "" (an absent notes column), built without a Python object per row."""
    return pd.array(pa.repeat(pa.scalar("", pa.large_string()), length), dtype="string")


def _parse_numbers(source: pd.Series, name: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Numbers from a column (decimal commas, units, 'n/a'): the values and a mask of the cells that aren't numbers
    (None when there are none).

    Adding 0.0 turns -0.0 into 0.0: the repeat check compares the bits of the numbers.
    """
    if source.dtype.kind in "iuf":
        return source.to_numpy(dtype="float64") + 0.0, None
    codes, text = _coded(source)
    parsed = _number_values(text, name)
    unreadable = parsed["bad"].to_numpy(dtype=bool)
    return parsed["value"].to_numpy(dtype="float64")[codes] + 0.0, unreadable[codes] if unreadable.any() else None


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
    """From matched parts: the minute of the day, and whether the time is impossible (25:00, 13 pm)."""
    hours = pd.to_numeric(hours, errors="coerce")
    minutes = pd.to_numeric(minutes, errors="coerce")
    suffix = ampm.fillna("").str.lower().str.replace(".", "", regex=False)
    twelve = suffix.ne("")
    invalid = ((hours > 23) | (minutes > 59) | (twelve & ((hours < 1) | (hours > 12)))).fillna(False).astype(bool)
    hours = hours.where(~(twelve & hours.eq(12)), 0) + np.where(suffix.eq("pm"), 12, 0)
    valid = ~invalid & hours.notna()
    return pd.DataFrame({"minute": (hours * 60 + minutes).where(valid), "invalid": invalid})


def _parse_times(codes: np.ndarray, text: pd.Series) -> tuple[np.ndarray | None, np.ndarray | None]:
    """A time column (as codes into its distinct `text`): the minute of the day of each row (NaN when empty; None
    when the whole column is empty) and a mask of cells that aren't times (None when there are none)."""
    if not text.str.len().any():
        return None, None
    parsed = _time_values(text)
    unreadable = parsed["bad"].to_numpy(dtype=bool)
    return parsed["minute"].to_numpy(dtype="float64")[codes], unreadable[codes] if unreadable.any() else None


def _time_values(text: pd.Series) -> pd.DataFrame:
    text = text.str.strip()
    blank = text.str.lower().isin(_NA_TOKENS)
    parts = text.str.extract(_TIME_ONLY_RE)
    clock = _clock(parts[0], parts[1], parts[2])
    return pd.DataFrame({"minute": clock["minute"], "bad": ~blank & (clock["minute"].isna() | clock["invalid"])})


def _assemble(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    year = pd.to_numeric(year, errors="coerce")
    year = year.where(year >= 100, year + 2000)
    parts = pd.DataFrame(
        {"year": year, "month": pd.to_numeric(month, errors="coerce"), "day": pd.to_numeric(day, errors="coerce")}
    )
    return pd.to_datetime(parts, errors="coerce").astype("datetime64[ns]")


@dataclass(frozen=True, eq=False)  # holds frames/figures: compared by identity
class _Dates:
    """The parsed date column, per row: the day (days since 1970-01-01; hugely negative where there is a problem),
    the minute of the day of times found inside date cells (None if there were none), masks of problems with
    reasons, whether day/month order is ambiguous and the order used."""

    day: np.ndarray
    minute: np.ndarray | None
    problems: list[tuple[np.ndarray, str]]
    ambiguous: bool
    order: str | None


def _parse_dates(codes: np.ndarray, text: pd.Series, date_order: str) -> _Dates:
    """Parse a date column given as codes into its distinct `text`: each distinct date is parsed once."""
    parsed, ambiguous, order = _date_values(text, date_order)
    order_text = "day-first (14/03/2026)" if order == "dayfirst" else "month-first (03/14/2026)"
    problems = [
        (parsed[key].to_numpy(dtype=bool)[codes], reason)
        for key, reason in (
            ("missing", "no date (every entry needs a date)"),
            ("unrecognised", "not a date we recognise (use a date like 2026-03-14)"),
            ("wrong_order", "day and month are the other way round from the file's other dates, read as "
                            f"{order_text}"),
            ("out_of_range", "the year looks wrong"),
        )
        if parsed[key].any()
    ]
    minute = parsed["minute"].to_numpy(dtype="float64")
    return _Dates(
        # NaT is the smallest int64: its day stays far in the past, never "in the future".
        day=(parsed["date"].to_numpy(dtype="datetime64[ns]").view("int64") // _NS_PER_DAY)[codes],
        minute=None if np.isnan(minute).all() else minute[codes],
        problems=problems,
        ambiguous=ambiguous,
        order=order,
    )


def _date_values(text: pd.Series, date_order: str) -> tuple[pd.DataFrame, bool, str | None]:
    """Parse distinct date cells, tiers from fast to thorough, each vectorised over what the last one left."""
    text = text.str.strip()
    missing = text.eq("")
    index = text.index
    # Tier 1: plain ISO dates, what the app itself writes.
    dates = pd.to_datetime(text.where(text.str.len().eq(10)), format="ISO8601", errors="coerce")
    dates = dates.astype("datetime64[ns]")
    minutes = pd.Series(np.nan, index=index)
    wrong_order = pd.Series(False, index=index)
    ambiguous = False
    order_used: str | None = None
    pending = dates.isna() & ~missing

    def accept(mask: pd.Series, found: pd.Series, clock: pd.DataFrame | None = None) -> None:
        chosen = mask[mask].index
        dates[chosen] = found[mask]
        if clock is not None:
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
            clock = pd.DataFrame({"minute": (parsed.dt.hour * 60 + parsed.dt.minute).where(timed)})
            accept(named_ok, parsed.dt.normalize(), clock)

    out_of_range = dates.notna() & ((dates.dt.year < 1900) | (dates.dt.year > 2100))
    dates = dates.where(~out_of_range).dt.normalize()
    unrecognised = dates.isna() & ~missing & ~wrong_order & ~out_of_range
    table = pd.DataFrame(
        {
            "date": dates,
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
    # Only a file that can't be split into rows is refused: one whose rows are all kept out (none yet after an
    # undo, or every entry dated after today) is still a log to add to, and its bytes stay as they are.
    if not parsed.rows_checked:
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


