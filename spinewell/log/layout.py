"""How the local diary file is written (encoding, delimiter, line ending), so that what the app adds or changes
matches the rest of it; and the file's rows, each with its exact text."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spinewell.log import decode
from spinewell.log.entry import COLUMNS, HEADER_LINE

DELIMITERS = (",", ";", "\t")
_BOMS = (  # longest first: a UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
ENCODING_NAMES = {"utf-8": "UTF-8", "cp1252": "Windows-1252", "latin-1": "Latin-1"}
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


class LogWriteError(Exception):
    """The local log could not be changed; the message says why and what to do."""


class UnreadableLogError(LogWriteError):
    """The existing local log is not a log Spinewell can safely add to, so it is left untouched."""


class LogChangedError(LogWriteError):
    """The log no longer holds what the change was meant for (something else wrote to it), so nothing is changed."""


@dataclass(frozen=True)
class Layout:
    """How a diary file is written: `encoding` (the codec for new text, without a byte-order mark), `bom` (the
    byte-order mark the file starts with, if any), `delimiter` and `newline`. Layout() is a new file's."""

    encoding: str = "utf-8"
    delimiter: str = ","
    newline: str = "\n"
    bom: bytes = b""

    def encode(self, text: str, path: Path, consequence: str) -> bytes:
        """`text` in the file's encoding; LogWriteError naming the first character it cannot hold."""
        try:
            return text.encode(self.encoding)
        except UnicodeEncodeError as error:
            char = error.object[error.start]
            name = ENCODING_NAMES.get(self.encoding, self.encoding.upper())
            raise LogWriteError(
                f"The character “{char}” can't be saved in {path}: that file is kept in the {name} encoding "
                f"(by the program that made it), which has no “{char}”. Leave it out or write it another way, or "
                f"save the file as UTF-8 in your spreadsheet first. {consequence}"
            ) from None

    def decode(self, data: bytes) -> str:
        """The file's text, without its byte-order mark."""
        return data[len(self.bom):].decode(self.encoding)

    def header(self) -> str:
        return self.delimiter.join(COLUMNS) + self.newline


NEW_FILE = Layout()


def layout_of(path: Path, existing: bytes) -> Layout:
    """The layout of an existing log in the app's own columns; UnreadableLogError (the file is left as it is) when
    it is not text or its first line is not the app's header, whatever the delimiter."""
    decoded = decode.decode(existing)
    first_line = _LINE_BREAK.split(decoded.sample, maxsplit=1)[0] if decoded is not None else ""
    delimiter = next((d for d in DELIMITERS if [c.strip().lower() for c in first_line.split(d)] == list(COLUMNS)),
                     None)
    if decoded is None or delimiter is None:
        raise UnreadableLogError(
            f"The log file {path} isn't in Spinewell's own format (its first line should be '{HEADER_LINE}'), "
            "so Spinewell won't add to it. Move it somewhere else or upload it instead; your entry was not saved."
        )
    bom, encoding = next(((b, e) for b, e in _BOMS if existing.startswith(b)), (b"", decoded.encoding))
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    ending = _LINE_BREAK.search(decoded.sample)
    return Layout(encoding, delimiter, ending.group() if ending else "\n", bom)


@dataclass(frozen=True)
class Record:
    """One row of a diary file as written: its text (a quoted note may hold line breaks), the line ending after it
    ("" for a last row without one) and its cells (quotes undone)."""

    text: str
    ending: str
    cells: tuple[str, ...]


_LINES = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$")
_ENDING = re.compile(r"(\r\n|\n|\r)$")


class Rows:
    """The rows of a file's text, the header being row 1. The csv module splits them (a line break inside quotes
    belongs to the cell) and its count of lines read says which lines each row took, so that a row can be replaced
    or removed with every other byte kept."""

    def __init__(self, text: str, layout: Layout) -> None:
        self._lines = _LINES.findall(text)
        reader = csv.reader(self._lines, delimiter=layout.delimiter)
        self._cells: list[list[str]] = []
        self._ends: list[int] = []  # the line after each row's last line
        try:
            for cells in reader:
                self._cells.append(cells)
                self._ends.append(reader.line_num)
        except csv.Error as error:
            raise UnreadableLogError(f"The log file can't be split into rows ({error}), so it was left as it is.") \
                from None

    def __len__(self) -> int:
        return len(self._ends)

    def record(self, number: int) -> Record:
        """Row `number` (1 is the header) as the file holds it."""
        whole = "".join(self._lines[self._start(number): self._ends[number - 1]])
        ending = _ENDING.search(whole)
        cut = len(whole) - (len(ending.group()) if ending else 0)
        return Record(whole[:cut], whole[cut:], tuple(self._cells[number - 1]))

    def replaced(self, number: int, text: str | None) -> str:
        """The file's text with row `number` holding `text` instead (its line ending kept), or removed if None."""
        start, end = self._start(number), self._ends[number - 1]
        new = "" if text is None else text + self.record(number).ending
        return "".join(self._lines[:start]) + new + "".join(self._lines[end:])

    def _start(self, number: int) -> int:
        return self._ends[number - 2] if number > 1 else 0


def row_text(values: Sequence[str], layout: Layout) -> str:
    """One row's text in the file's delimiter, quoted as a CSV needs (no line ending)."""
    buffer = io.StringIO()
    # "\r\n" as the terminator makes the writer quote a cell holding either line break; it is cut off again.
    csv.writer(buffer, delimiter=layout.delimiter, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()[:-2]
