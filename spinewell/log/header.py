"""Find a diary file's header row and delimiter, and map its column names (in many spellings) to the log's columns."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

HEADER_SEARCH_LINES = 20  # title lines a spreadsheet export may put above the header
DELIMITERS = (",", ";", "\t")

# Header spellings seen in spreadsheets and other diaries, after normalise().
ALIASES: Mapping[str, frozenset[str]] = {
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
KEYWORDS: Mapping[str, str] = {
    "date": r"\bdate\b",
    "pain": r"\bpain\b",
    "exercise": r"\b(exercise|exercises|activity|activities|workout|sport|training|what i did|did)\b",
    "minutes": r"\b(minutes?|mins?|duration|how long|time spent)\b",
    "notes": r"\b(notes?|comments?|remarks?|diary|journal)\b",
    "time": r"\btime\b",
}
_IN_MINUTES = re.compile(r"[\(\[]\s*(min|mins|minutes)\s*[\)\]]")
LINE_BREAK = re.compile(r"\r\n|\n|\r")


@dataclass(frozen=True)
class Header:
    """The header row: the line it starts on (0 = the file's first line), how many lines it spans (a quoted name may
    hold a line break), the delimiter, the names as written, and which position holds each of the log's columns."""

    line: int
    lines: int
    delimiter: str
    names: tuple[str, ...]
    columns: Mapping[str, int]

    @property
    def ignored(self) -> tuple[str, ...]:
        """The names of the columns the log does not use (blank names left out)."""
        used = set(self.columns.values())
        return tuple(name for i, name in enumerate(self.names) if i not in used and name.strip())


def normalise(name: str) -> str:
    """A header as compared with the aliases: 'Pain (0-10)' -> 'pain', 'Duration [min]' -> 'duration'."""
    name = name.strip().lstrip("\ufeff").lower()
    name = re.sub(r"[\(\[].*?[\)\]]", " ", name)
    name = re.sub(r"[^0-9a-z]+", " ", name)
    name = re.sub(r"(\s+\d+)+$", "", name.strip())  # "pain 0 10" -> "pain"
    return name.strip()


def map_columns(header: list[str] | tuple[str, ...]) -> dict[str, int]:
    """Map the log's column names to header positions; a column maps once, the first match wins.

    Exact spellings (ALIASES) are tried first; then, for columns still unmatched, a header containing a telling
    word ("What I did" -> exercise, "How long" -> minutes). A unit in brackets, "(min)", marks minutes.
    """
    names = [normalise(raw) for raw in header]
    in_minutes = [_IN_MINUTES.search(raw.lower()) is not None for raw in header]
    mapping: dict[str, int] = {}

    def claim(column: str, matches: Callable[[int, str], bool]) -> None:
        for position, name in enumerate(names):
            if column not in mapping and position not in mapping.values() and matches(position, name):
                mapping[column] = position

    for column, aliases in ALIASES.items():
        claim(column, lambda p, n, column=column, aliases=aliases: (
            n in aliases and not (column == "time" and in_minutes[p])
        ) or (column == "minutes" and in_minutes[p]))
    for column, pattern in KEYWORDS.items():
        claim(column, lambda p, n, pattern=pattern: re.search(pattern, n) is not None)
    return mapping


def find_header(text: str) -> Header | None:
    """The header row within the first lines of `text` and its delimiter: the row naming a date column and the most
    of the log's other columns (a title such as "Pain diary, date: ..." names fewer). csv.Sniffer's guess of the
    delimiter is tried first, then comma, semicolon and tab."""
    lines = LINE_BREAK.split(text)
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines[:50]), delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = ","
    candidates = [sniffed] + [d for d in DELIMITERS if d != sniffed]
    best: tuple[int, int, str] | None = None
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        if not line.strip():
            continue
        for delimiter in candidates:
            fields = next(csv.reader([line], delimiter=delimiter, skipinitialspace=True), [])
            found = map_columns(fields) if fields else {}
            if "date" in found and (best is None or len(found) > best[0]):
                best = (len(found), index, delimiter)
    if best is None:
        return None
    _, index, delimiter = best
    # The whole header record, which runs over several lines when a quoted name holds a line break.
    reader = csv.reader(io.StringIO("\n".join(lines[index:])), delimiter=delimiter, skipinitialspace=True)
    names = next(reader)
    return Header(index, reader.line_num, delimiter, tuple(names), map_columns(names))


def delimiter_name(delimiter: str) -> str:
    """The delimiter as a person would call it."""
    return {"\t": "tab"}.get(delimiter, delimiter)
