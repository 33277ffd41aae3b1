"""Split a diary file into rows and cells with Arrow's CSV reader, keeping every row's place in the file.

One reader for every file: the file arrives as UTF-8 (decode.as_utf8), and rows whose length differs from the
header's come to Arrow's own bad-row hook (ParseOptions.invalid_row_handler), never from an error or warning text.
Arrow parses on every core. It hands the columns the log parses over dictionary-encoded, a code per row into the few
distinct texts, which is what the parsers in cells.py work from; pain, minutes and times written as the app writes
them it parses itself.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from spinewell.log.header import Header

TEXT, NUMBER, CLOCK = "text", "number", "clock"  # how split() reads a column the log parses
_CODED = pa.dictionary(pa.int32(), pa.string())
_TEXT = pa.large_string()
_FAST = {TEXT: _CODED, NUMBER: pa.float64(), CLOCK: pa.time32("s")}
_LINE_BREAK = re.compile(rb"\r\n|\n|\r")  # UTF-8 never holds these bytes inside a character
# Each row with a quote never closed means reading the rest of the file again: past this many bytes read in all (in
# files made to cost it), the rest of the file after the last such row is left unread.
_REREAD_BUDGET = 8


@dataclass(frozen=True, eq=False)  # holds arrays: compared by identity
class Coded:
    """A column as a code per row (intp) into its distinct texts (`values`, "" for an empty cell)."""

    codes: np.ndarray
    values: pd.Series

    def text(self, mask: np.ndarray) -> pd.Series:
        """The cells of the rows in `mask`, as text."""
        return self.values.iloc[self.codes[mask]].reset_index(drop=True)


@dataclass(frozen=True, eq=False)  # holds arrays and frames: compared by identity
class Table:
    """A file's rows split into cells, none of them interpreted yet.

    `cells[i]` is the column at header position i: Coded for the positions the log parses, else a text Series (""
    for an empty cell). A NUMBER column whose every cell is a plain number (or empty) comes as a float64 Series (NaN
    when empty), and a CLOCK column whose every cell is HH:MM or HH:MM:SS as a float64 Series of the minute of the
    day (NaN when empty). A row shorter than the header is padded with empty cells. `rows` is each row's spreadsheet row
    number (the header's row plus one for every row after it; a quoted line break does not start a row).
    Kept out before any cell is read: `too_long`, the rows with more cells than the header, as (row, the row's
    text); and `unclosed`, the rows holding a quote that is never closed, as (row, the rest of its line after that
    quote, doubled quotes undone); the lines after such a row are read as rows again. `last_row` is the row number
    of the file's last row.
    """

    cells: tuple[Coded | pd.Series, ...]
    rows: np.ndarray
    too_long: tuple[tuple[int, str], ...]
    unclosed: tuple[tuple[int, str], ...]
    last_row: int

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class _OddRow:
    """A row Arrow's reader handed to the bad-row hook: its record number in the body (None when Arrow read in
    parallel and did not count), how many cells it has, and its text."""

    number: int | None
    cells: int
    text: str


def split(data: bytes, header: Header, parsed: Mapping[int, str]) -> Table:
    """The rows after `header` in `data` (UTF-8) split into cells. `parsed` maps the positions the log parses to
    how: TEXT (dates, activities), NUMBER (pain, minutes) or CLOCK (the time); the others are plain text.

    A quote never closed runs to the end of the file: its row (the line it is on) is kept out, and the lines after
    it are read again as rows of their own, every part with every parsed column as text, so the parts join up.
    """
    width = len(header.names)
    start = _body_start(data, header.line + header.lines)
    first_row = header.line + 2  # a spreadsheet shows the header, even one holding a line break, on one row
    if start == len(data):
        empty = tuple(Coded(np.zeros(0, np.intp), pd.Series([], dtype="str")) if i in parsed
                      else pd.Series([], dtype="str") for i in range(width))
        return Table(empty, np.zeros(0, np.int64), (), (), first_row - 1)
    safe = {f"c{i}": _CODED if i in parsed else _TEXT for i in range(width)}
    fast = {f"c{i}": _FAST[parsed[i]] if i in parsed else _TEXT for i in range(width)}
    part = _part(data, start, first_row, fast, safe, header.delimiter, width)
    parts = [part]
    budget = _REREAD_BUDGET * len(data)
    while part.rest is not None and budget > 0:
        if len(parts) == 1 and fast != safe:  # the first part again as text, to join the parts that follow
            parts = [part := _part(data, start, first_row, safe, safe, header.delimiter, width)]
        budget -= len(data) - part.rest
        part = _part(data, part.rest, part.unclosed[0] + 1, safe, safe, header.delimiter, width)
        parts.append(part)
    table = pa.concat_tables([p.table for p in parts]) if len(parts) > 1 else part.table
    rows = np.concatenate([p.rows for p in parts]) if len(parts) > 1 else part.rows
    return Table(_columns(table), rows,
                 tuple(row for p in parts for row in p.too_long),
                 tuple(p.unclosed for p in parts if p.unclosed is not None), part.last_row)


@dataclass(frozen=True, eq=False)  # holds a table: compared by identity
class _Part:
    """The rows of the file from one offset to its end, as Arrow read them (see Table); `unclosed` is the row whose
    quote is never closed, and `rest` the offset of the line after it (None when every quote closes, or when
    that row is on the file's last line)."""

    table: pa.Table
    rows: np.ndarray
    too_long: tuple[tuple[int, str], ...]
    unclosed: tuple[int, str] | None
    rest: int | None
    last_row: int


def _part(
    data: bytes, start: int, first_row: int, fast: dict[str, pa.DataType], safe: dict[str, pa.DataType],
    delimiter: str, width: int,
) -> _Part:
    if start >= len(data):
        empty = pa.table({name: pa.array([], type=kind) for name, kind in safe.items()})
        return _Part(empty, np.zeros(0, np.int64), (), None, None, first_row - 1)
    table, odd = _read(pa.py_buffer(data).slice(start), fast, safe, delimiter)
    last_row = first_row - 1 + table.num_rows + len(odd)
    by_row = {first_row - 1 + row.number: row for row in odd}
    if _unclosed(data, start, table, by_row.get(last_row), delimiter) or any(map(_swallowed, odd)):
        quote = _broken_quote(data, start, delimiter.encode())
        if quote is not None:
            return _cut(data, start, quote, first_row, safe, delimiter, width)
    numbers = np.arange(first_row, last_row + 1, dtype=np.int64)
    rows = numbers[~np.isin(numbers, list(by_row))] if by_row else numbers
    short = {row: odd_row for row, odd_row in by_row.items() if odd_row.cells < width}
    if short:
        table, rows = _with_short_rows(table, rows, short, delimiter, width)
    too_long = tuple((row, odd_row.text) for row, odd_row in sorted(by_row.items()) if odd_row.cells > width)
    return _Part(table, rows, too_long, None, None, last_row)


def _cut(
    data: bytes, start: int, quote: int, first_row: int, types: dict[str, pa.DataType], delimiter: str, width: int
) -> _Part:
    """The rows before the line holding `quote` (a quote never closed), read again on their own, then that line as
    the row kept out, and where the rest of the file starts."""
    line_start = max(start, data.rfind(b"\n", start, quote) + 1, data.rfind(b"\r", start, quote) + 1)
    before = _part(data[:line_start], start, first_row, types, types, delimiter, width)
    line_end = _LINE_BREAK.search(data, quote)
    text = data[quote + 1:line_end.start() if line_end else len(data)].decode("utf-8").replace('""', '"')
    rest = line_end.end() if line_end and line_end.end() < len(data) else None
    return _Part(before.table, before.rows, before.too_long, (before.last_row + 1, text), rest, before.last_row + 1)


def _body_start(data: bytes, lines: int) -> int:
    """The offset of the first byte after the file's first `lines` lines (the title lines and the header)."""
    for count, match in enumerate(_LINE_BREAK.finditer(data), start=1):
        if count == lines:
            return match.end()
    return len(data)


def _read(
    body: pa.Buffer, fast: dict[str, pa.DataType], safe: dict[str, pa.DataType], delimiter: str
) -> tuple[pa.Table, list[_OddRow]]:
    """Arrow's read of the body, and the rows it kept out because their length differs from the header's.

    Tried from fast to certain. In parallel: the body is cut into blocks at line ends and the blocks parsed side by
    side (newlines_in_values off); Arrow raises if a cut falls inside a quoted note, and it does not number the rows
    it keeps out. First with the `fast` types: numbers and times as Arrow parses them (quicker than encoding their
    text), which fails on a cell such as "30 min", "6,5" or "8.30 pm"; and a "nan" Arrow would read as a number,
    where the log reads it as an empty cell, so that too is read again. Then with every parsed column as text
    (`safe`). Last, serially: as one block and quote-aware, one core but certain, and numbering the rows it keeps out.
    """
    for attempt in [fast, safe] if fast != safe else [safe]:
        try:
            table, odd = _arrow_read(body, attempt, delimiter, parallel=True)
        except pa.ArrowInvalid:
            continue
        if odd:
            break
        if not any(pc.any(pc.is_nan(column)).as_py() for column in table.columns if column.type == pa.float64()):
            return table, odd
    return _arrow_read(body, safe, delimiter, parallel=False)


def _arrow_read(
    body: pa.Buffer, types: dict[str, pa.DataType], delimiter: str, *, parallel: bool
) -> tuple[pa.Table, list[_OddRow]]:
    odd: list[_OddRow] = []

    def keep_out(row: pa_csv.InvalidRow) -> str:
        odd.append(_OddRow(row.number, row.actual_columns, row.text))
        return "skip"

    read_options = pa_csv.ReadOptions(column_names=list(types), use_threads=parallel)
    if not parallel:
        read_options.block_size = max(body.size + 1, read_options.block_size)
    table = pa_csv.read_csv(
        pa.BufferReader(body),
        read_options=read_options,
        parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=not parallel,
                                          ignore_empty_lines=False, invalid_row_handler=keep_out),
        convert_options=pa_csv.ConvertOptions(
            column_types=types, null_values=[""],  # only a number column can hold a null, its empty cell...
            strings_can_be_null=False,  # ...text keeps "" for an empty cell
            check_utf8=False,  # the bytes come from decode.as_utf8: UTF-8 already
        ),
    )
    return table, odd


def _unclosed(data: bytes, start: int, table: pa.Table, odd_last: _OddRow | None, delimiter: str) -> bool:
    """Whether the file's last row may hold a quote that is never closed (_broken_quote says for certain).

    Arrow takes an unclosed quote as a cell that runs to the end of the file. In a row as long as the header, that
    is its last cell, whose text (its quotes doubled) the file then ends with; in a shorter row, the row's text
    holds a quote. Only files with such a sign pay for walking every quote of the body.
    """
    if odd_last is not None:
        return '"' in odd_last.text
    if table.num_rows and table.schema.field(-1).type not in (_CODED, _TEXT):
        # A number's or a time's text holds no quote and no delimiter: a quote left open before it would be after
        # the last one.
        quote = data.rfind(b'"', start)
        return quote >= 0 and data.find(delimiter.encode(), quote + 1) < 0
    if table.num_rows:
        text = table.column(table.num_columns - 1)[-1].as_py()
        return data.endswith(('"' + text.replace('"', '""')).encode("utf-8"))
    return False


def _swallowed(row: _OddRow) -> bool:
    """Whether a row of the wrong length may be a quote never closed that ran on into the rows after it."""
    return '"' in row.text and ("\n" in row.text or "\r" in row.text)


def _broken_quote(data: bytes, start: int, delimiter: bytes) -> int | None:
    """The offset of the first quote that opens a cell and is never properly closed, or None when the body ends
    outside any quoted cell. A quote opens a cell only at the start of one (after the delimiter or a line end);
    inside, a doubled quote is a quote and a single one closes the cell. A cell that ran over a line break and is
    closed by a quote with more text after it was never closed where it should have been: its quote opened a
    note and the next row's opening quote closed it."""
    opened, at = None, data.find(b'"', start)
    while at >= 0:
        if opened is not None and data[at + 1:at + 2] == b'"':
            at = data.find(b'"', at + 2)
            continue
        if opened is not None:
            spans = data.find(b"\n", opened, at) >= 0 or data.find(b"\r", opened, at) >= 0
            if spans and data[at + 1:at + 2] not in (delimiter, b"\n", b"\r", b""):
                return opened
            opened = None
        elif at == start or data[at - 1:at] in (delimiter, b"\n", b"\r"):
            opened = at
        at = data.find(b'"', at + 1)
    return opened


def _with_short_rows(
    table: pa.Table, rows: np.ndarray, short: dict[int, _OddRow], delimiter: str, width: int
) -> tuple[pa.Table, np.ndarray]:
    """The table with the rows shorter than the header put back in their places, padded with empty cells (a
    spreadsheet leaves the empty cells at the end of a row out)."""
    parsed = [next(csv.reader(io.StringIO(row.text), delimiter=delimiter), []) for row in short.values()]
    padded = [cells + [""] * (width - len(cells)) for cells in parsed]
    arrays = []
    for position, field in enumerate(table.schema):
        texts = pa.array([cells[position] for cells in padded], type=pa.string())
        arrays.append(texts.dictionary_encode() if field.type == _CODED else texts.cast(_TEXT))
    both = pa.concat_tables([table, pa.Table.from_arrays(arrays, schema=table.schema)])
    numbers = np.concatenate([rows, np.fromiter(short, dtype=np.int64, count=len(short))])
    order = np.argsort(numbers, kind="stable")
    return both.take(pa.array(order)), numbers[order]


def _columns(table: pa.Table) -> tuple[Coded | pd.Series, ...]:
    """The table's columns for pandas and NumPy: text and numbers through to_pandas() (which converts columns in
    parallel); the dictionary columns as codes and values directly (about twice as fast as to_pandas(), which
    checks more than Arrow's own unified dictionary needs); a time as the minute of the day (seconds dropped, as
    cells.parse_times drops them)."""
    special = {field.name for field in table.schema if field.type in (_CODED, _FAST[CLOCK])}
    plain = table.select([name for name in table.column_names if name not in special]).to_pandas()
    return tuple(_special(table.column(name)) if name in special else plain[name] for name in table.column_names)


def _special(column: pa.ChunkedArray) -> Coded | pd.Series:
    if pa.types.is_time(column.type):
        minute = pc.divide(pc.cast(column, pa.int32()), 60)  # whole minutes: integer division of the seconds
        return pd.Series(minute.to_numpy(zero_copy_only=False), dtype="float64")
    return _coded(column)


def _coded(column: pa.ChunkedArray) -> Coded:
    column = column.unify_dictionaries()
    if column.num_chunks == 0:
        return Coded(np.zeros(0, np.intp), pd.Series([], dtype="str"))
    codes = np.concatenate([chunk.indices.to_numpy(zero_copy_only=False) for chunk in column.chunks])
    return Coded(codes.astype(np.intp, copy=False), pd.Series(column.chunk(0).dictionary.to_pylist(), dtype="str"))
