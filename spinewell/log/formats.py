"""Files that are not a diary CSV as such: workbooks and app exports turned into rows the diary reader reads.

read.read() hands every file to read_any(): a spreadsheet workbook (.xlsx, .ods, .xls) becomes its first sheet's
rows as CSV (formats_sheets); an export from Strava, Garmin Connect or Bearable becomes the log's own columns
(formats_apps, formats_bearable); anything else goes straight to the normal reader, untouched and unslowed. The
clean frame, the checks and the row issues are the normal reader's; afterwards the issues are given back the file's
own row numbers and column names, and a file with columns Spinewell can't use is told which columns it found.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from spinewell.log import decode, formats_apps, formats_bearable, formats_sheets
from spinewell.log.header import DELIMITERS, HEADER_SEARCH_LINES, LINE_BREAK, find_header

MAX_NAMES_SHOWN = 12
NEEDS = "Spinewell needs a date column and a pain or exercise column."
_APP_HINTS = (b"activity", b"rating/amount")  # every app export read here names one of these in its header


@dataclass(frozen=True)
class Converted:
    """A file made into CSV for the normal reader, and how to tell the person about it in the file's own terms.

    `data` is the CSV. `read_as` says what the file was read as ("a Strava export ..."). `source_rows` holds the
    file's row number of each data row written (None: the same numbering as the CSV's). `columns` maps a column
    written to the file's own name for it. `ignored` lists the file's columns not used (None: as the reader finds
    them). `last_row` is the file's last row. `error` is set when the file can't be used at all.
    """

    data: bytes
    read_as: str = ""
    source_rows: tuple[int, ...] | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    ignored: tuple[str, ...] | None = None
    last_row: int | None = None
    error: str | None = None

    def restore(self, parsed: Any) -> Any:
        """`parsed` (a read.ParsedLog of `data`) told in the file's terms: its rows, its columns, its words."""
        if self.error is not None:
            return dataclasses.replace(parsed, error=self.error, encoding="", read_as="")
        issues = tuple(
            dataclasses.replace(issue, row=self._row(issue.row), column=self.columns.get(issue.column, issue.column))
            for issue in parsed.issues
        )
        changes = {"issues": issues, "read_as": self.read_as, "encoding": "utf-8"}  # the CSV made here: UTF-8
        if self.ignored is not None:
            changes["ignored_columns"] = self.ignored
        if self.last_row is not None:
            changes["last_row"] = self.last_row
        return dataclasses.replace(parsed, **changes)

    def _row(self, row: int) -> int:
        """The file's row number of the CSV's `row` (header = row 1)."""
        if self.source_rows is None or not 2 <= row < len(self.source_rows) + 2:
            return row
        return self.source_rows[row - 2]

    def within(self, outer: Converted) -> Converted:
        """This conversion of a CSV that `outer` made (an app's export saved as a workbook): rows and words of both."""
        return dataclasses.replace(self, read_as=f"{outer.read_as}, {self.read_as}" if outer.read_as else self.read_as)


def read_any(data: bytes, read_csv: Callable[[bytes], Any]) -> Any:
    """What `read_csv` (bytes -> read.ParsedLog) makes of `data`, once a workbook or an app's export is made a CSV.

    A CSV no app's export is passed through as it is: the only cost on the normal path is a look at its first bytes.
    A file over read.MAX_BYTES is not converted: the reader refuses it as it refuses any file that large.
    """
    from spinewell.log.read import MAX_BYTES  # here, not at the top: read.py imports this module

    converted = convert(data) if len(data) <= MAX_BYTES else None
    if converted is None:
        return with_found_columns(read_csv(data), data)
    if converted.error is not None:
        return converted.restore(read_csv(b""))
    return converted.restore(with_found_columns(read_csv(converted.data), converted.data))


def convert(data: bytes) -> Converted | None:
    """The file as a CSV the normal reader reads, or None when it is one already."""
    if formats_sheets.is_workbook(data):
        sheet = formats_sheets.first_sheet(data)
        if sheet.error is not None:
            return Converted(b"", error=sheet.error)
        converted = Converted(csv_bytes(sheet.rows), read_as=sheet.read_as)
        inner = _app_export(converted.data)
        return converted if inner is None else inner.within(converted)
    return _app_export(data)


def _app_export(data: bytes) -> Converted | None:
    """An export of Strava, Garmin Connect or Bearable made into the log's columns; None for any other file.

    Only a file whose header is an export's is split into records here: a diary with an "Activity" column is not.
    """
    head = data[:4096].lower()
    if not any(hint in head for hint in _APP_HINTS):
        return None
    opening = decode.decode(data[: decode.SAMPLE_BYTES])  # the whole file is decoded only for an export
    if opening is None:
        return None
    at, names = _first_record(opening.sample)
    module = next((module for module in (formats_apps, formats_bearable) if module.matches(names)), None)
    decoded = None if module is None else decode.decode(data)
    if decoded is None:
        return None
    text = decode.as_utf8(data, decoded).decode("utf-8", errors="replace")
    records = list(csv.reader(io.StringIO(text)))
    made = module.convert(names, records[at + 1:], first_row=at + 2)
    return Converted(csv_bytes(made.rows), made.read_as, made.source_rows, made.columns, made.ignored,
                     last_row=len(records))


def _first_record(sample: str) -> tuple[int, tuple[str, ...]]:
    """The first record with anything in it among a file's first lines (its header): where it is, its names."""
    for at, record in enumerate(csv.reader(io.StringIO(sample))):
        if at >= HEADER_SEARCH_LINES:
            break
        if any(cell.strip() for cell in record):
            return at, tuple(name.strip().lstrip("\ufeff") for name in record)
    return 0, ()


def csv_bytes(rows: Sequence[Sequence[str]]) -> bytes:
    """Rows of text cells as UTF-8 CSV, quoted where a cell needs it."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def with_found_columns(parsed: Any, data: bytes) -> Any:
    """`parsed`, told which columns the file has when they are not what a diary needs (no date, or nothing to chart)."""
    if parsed.error is None or parsed.rows_checked:
        return parsed
    names = found_columns(data)
    if not names:
        return parsed
    shown = [_plain(name) for name in names[:MAX_NAMES_SHOWN]]
    more = f" and {len(names) - MAX_NAMES_SHOWN} more" if len(names) > MAX_NAMES_SHOWN else ""
    return dataclasses.replace(parsed, error=f"Found columns: {', '.join(shown)}{more}. {NEEDS} {parsed.error}")


def found_columns(data: bytes) -> tuple[str, ...]:
    """The column names of a text file without the columns a diary needs (empty when it has them, or no header)."""
    decoded = decode.decode(data[: decode.SAMPLE_BYTES])
    if decoded is None:
        return ()
    header = find_header(decoded.sample)
    if header is not None:
        usable = "pain" in header.columns or "exercise" in header.columns
        return () if usable else tuple(name for name in header.names if name.strip())
    lines = [line for line in LINE_BREAK.split(decoded.sample)[:HEADER_SEARCH_LINES] if line.strip()]
    if not lines:
        return ()
    fields = max((next(csv.reader([lines[0]], delimiter=d)) for d in DELIMITERS), key=len)
    return tuple(name.strip() for name in fields if name.strip()) if len(fields) > 1 else ()


def _plain(name: str, limit: int = 40) -> str:
    """A column name from a file, safe inside the page's Markdown message: letters, digits, spaces and a few marks
    that Markdown leaves alone; anything else (a link's brackets, a star, a dot of a web address) becomes a space."""
    kept = "".join(c if c.isalnum() or c in " ()'%" else " " for c in name)
    words = " ".join(kept.split()) or "(unnamed)"
    return words if len(words) <= limit else words[: limit - 1] + "\u2026"
