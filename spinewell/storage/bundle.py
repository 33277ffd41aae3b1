"""Everything Spinewell holds about a person as one JSON file (the profile and the diary's rows), and reading it back.

The file: {"app": "spinewell", "kind": "everything", "version": 1, "exported_at": ISO time, "profile": the
PROFILE_KEYS values as a profile file holds them, "diary": [{"date", "time", "pain", "exercise", "minutes",
"notes"}, ...]}. Diary cells are text exactly as the diary file holds them, so nothing in the diary is changed on
the way (a row the app cannot read stays as it was). Its JSON Schema is bundle.schema.json beside this module,
generated from the models here (python -m spinewell.storage.bundle_schema). A profile file (the session backend's
earlier download, spinewell-profile.json) is read as an older form of this file: its profile, and no diary.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, ValidationError, with_config
from typing_extensions import NotRequired, TypedDict  # noqa: UP035 (pydantic needs typing_extensions' TypedDict)

from spinewell.assessment import steps
from spinewell.log.entry import COLUMNS, HEADER_LINE, EntryError, LogEntry
from spinewell.log.layout import NEW_FILE, UnreadableLogError, layout_of, row_text
from spinewell.log.read import read
from spinewell.log.store import entry_cells
from spinewell.storage import keys, profile
from spinewell.storage.profile import ProfileProblem
from spinewell.storage.settings import LOG_NAME

APP = profile.APP
KIND = "everything"
VERSION = 1

# What each profile key may hold, as its JSON Schema says (None: not set). Keys the app does not know are ignored.
Profile = with_config(ConfigDict(extra="ignore"))(
    TypedDict("Profile", {key: NotRequired[kind | None] for key, kind in profile.KINDS.items()})  # type: ignore[misc]
)


class BundleProblem(Exception):
    """A file that is not everything-Spinewell-holds this version can read; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Row:
    """One diary row as the diary file holds it: its cells as text ("" when empty); `more`, cells past the sixth."""

    date: str
    time: str = ""
    pain: str = ""
    exercise: str = ""
    minutes: str = ""
    notes: str = ""
    more: tuple[str, ...] = ()

    @classmethod
    def of_cells(cls, cells: Sequence[str]) -> Row:
        padded = [*cells, *[""] * (len(COLUMNS) - len(cells))]
        return cls(*padded[:len(COLUMNS)], more=tuple(cells[len(COLUMNS):]))

    def cells(self) -> list[str]:
        return [self.date, self.time, self.pain, self.exercise, self.minutes, self.notes, *self.more]

    def fields(self) -> dict[str, Any]:
        """The row as the file writes it: a field per column, and `more` only when there are such cells."""
        named = dict(zip(COLUMNS, self.cells(), strict=False))
        return {**named, "more": list(self.more)} if self.more else named


@with_config(ConfigDict(extra="forbid"))
class RowFields(TypedDict):
    """A diary row in the file (validated as plain data: a diary may hold many thousands)."""

    date: str
    time: NotRequired[str]
    pain: NotRequired[str]
    exercise: NotRequired[str]
    minutes: NotRequired[str]
    notes: NotRequired[str]
    more: NotRequired[list[str]]


class Bundle(BaseModel):
    """The file as a whole."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="Everything Spinewell holds about you")
    app: Literal["spinewell"]
    kind: Literal["everything"]
    version: Literal[1]
    exported_at: dt.datetime
    profile: Profile
    diary: list[RowFields]


@dataclass(frozen=True)
class Contents:
    """What a file holds, checked: the profile (JSON-safe, as a profile file keeps it), the diary's rows (None: the
    file has no diary, so the diary is left as it is), when it was made, and the kind of file it was read as."""

    profile: dict[str, Any]
    rows: tuple[Row, ...] | None
    exported_at: dt.datetime | None
    read_as: str = KIND


def dump(profile_data: Mapping[str, Any], rows: Iterable[Row], now: dt.datetime) -> bytes:
    """The file for a profile's JSON-safe data (profile.kept) and the diary's rows, made at `now`: indented, with
    one diary row a line (a long diary stays quick to write and easy to read)."""
    head = {"app": APP, "kind": KIND, "version": VERSION, "exported_at": now.isoformat(timespec="seconds"),
            "profile": dict(profile_data)}
    text = json.dumps(head, indent=2, ensure_ascii=False)
    lines = ",\n".join(f"    {json.dumps(row.fields(), ensure_ascii=False)}" for row in rows)
    diary = f'"diary": [\n{lines}\n  ]' if lines else '"diary": []'
    return f"{text[:-2]},\n  {diary}\n}}\n".encode()


def parse(payload: bytes) -> Contents:
    """What a file holds; raises BundleProblem for anything else (not text, not JSON, a spreadsheet, another app's
    file, a newer version, a missing part, a value of the wrong kind), before anything is changed."""
    envelope = _json(payload)
    if not isinstance(envelope, dict) or envelope.get("app") != APP:
        other = envelope.get("app") if isinstance(envelope, dict) else None
        said = f" (it says it belongs to “{other}”)" if isinstance(other, str) and other else ""
        raise BundleProblem(f"It is not a Spinewell data file{said}.")
    if "kind" not in envelope and "data" in envelope:  # a profile file: the older, profile-only form
        try:
            return Contents(profile.parse(payload), None, None, "profile")
        except ProfileProblem as problem:
            raise BundleProblem(problem.message) from None
    if envelope.get("kind") != KIND:
        raise BundleProblem("It is a Spinewell file, but not one made by “Download everything”.")
    profile.checked_version(envelope.get("version"), VERSION, BundleProblem, which="", named="file version",
                            made="made", then="load")
    kept = envelope.get("profile")
    data = {k: v for k, v in kept.items() if k in keys.PROFILE_KEYS and v is not None} if isinstance(kept, dict) \
        else {}
    try:
        profile.to_session(data)  # first: its messages name each part of the profile in words
        bundle = Bundle.model_validate(envelope)
    except ProfileProblem as problem:
        raise BundleProblem(problem.message) from None
    except ValidationError as error:
        first = error.errors()[0]
        raise BundleProblem(f"It is damaged or was edited by hand: {_where(first['loc'])}: "
                            f"{first['msg'].lower()}.") from None
    rows = tuple(Row.of_cells([fields.get(name, "") for name in COLUMNS] + fields.get("more", []))
                 for fields in bundle.diary)
    return Contents(data, rows, bundle.exported_at)


def _where(place: tuple[str | int, ...]) -> str:
    """("diary", 0, "pain") as "diary row 1, pain"."""
    if len(place) >= 2 and place[0] == "diary" and isinstance(place[1], int):
        return ", ".join([f"diary row {place[1] + 1}", *map(str, place[2:])])
    return " ".join(map(str, place)) or "the file"


def _json(payload: bytes) -> Any:
    try:
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BundleProblem("It is not a text file (it may be a spreadsheet or a picture), so it cannot be a "
                            "Spinewell data file.") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        first_line = text.lstrip().split("\n", 1)[0]
        if not first_line.startswith(("{", "[")) and any(mark in first_line for mark in ",;\t"):
            raise BundleProblem("It looks like a spreadsheet (CSV), not a Spinewell data file. To add a diary "
                                "from a spreadsheet, upload it on the Log page.") from None
        raise BundleProblem(f"It is damaged: it stops making sense at line {error.lineno}, column {error.colno} "
                            "(it may have been cut short or edited by hand).") from None


def rows_from_csv(data: bytes) -> tuple[Row, ...]:
    """The rows of a diary file, cells as written. A file not in the app's own columns gives the rows the app
    reads from it instead, in its own words (what the Log page shows of it)."""
    if not data.strip():
        return ()
    try:
        layout = layout_of(Path(LOG_NAME), data)  # the name is only for a message not shown here
        reader = csv.reader(io.StringIO(layout.decode(data), newline=""), delimiter=layout.delimiter)
        next(reader)  # the header
        return tuple(Row.of_cells(cells) for cells in reader if cells)
    except (UnreadableLogError, csv.Error):
        return _rows_read(data)


def _rows_read(data: bytes) -> tuple[Row, ...]:
    frame = read(data, date_order="auto", today=dt.date.max).frame

    def cell(value: Any) -> str:
        if pd.isna(value):
            return ""
        if isinstance(value, float):
            return f"{value:g}"
        return f"{value:%Y-%m-%d}" if isinstance(value, pd.Timestamp) else str(value)

    return tuple(Row.of_cells([cell(record[name]) for name in COLUMNS]) for record in frame.to_dict("records"))


def rows_from_entries(entries: Iterable[LogEntry]) -> tuple[Row, ...]:
    """Entries kept in the session, as the rows a diary file of them would hold."""
    return tuple(Row.of_cells(entry_cells(entry)) for entry in entries)


def csv_from_rows(rows: Iterable[Row]) -> bytes:
    """The diary file holding these rows, in the app's own format (UTF-8, commas, the app's header)."""
    lines = [HEADER_LINE, *(row_text(row.cells(), NEW_FILE) for row in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def entries_from_rows(rows: Iterable[Row]) -> tuple[tuple[LogEntry, ...], int]:
    """The entries the rows hold, for a diary kept in the session, and how many rows hold none the rules accept."""
    entries, left_out = [], 0
    for row in rows:
        try:
            entries.append(LogEntry(
                date=dt.date.fromisoformat(row.date.strip()),
                time=dt.time.fromisoformat(row.time.strip()) if row.time.strip() else None,
                pain=_number(row.pain), exercise=row.exercise, minutes=_number(row.minutes), notes=row.notes,
            ))
        except (ValueError, EntryError):
            left_out += 1
    return tuple(entries), left_out


def _number(cell: str) -> float | None:
    return float(cell.strip().replace(",", ".")) if cell.strip() else None


def holdings(profile_data: Mapping[str, Any], rows: int | None) -> str:
    """What a profile and a diary of `rows` rows hold, in words: "the answers, the check-ins (3) and 12 diary
    rows"; no rows (0 or None) leaves the diary out."""
    parts = []
    for key in keys.PROFILE_KEYS:
        value = profile_data.get(key)
        if key == steps.SCREEN:  # answered, whether or not a warning sign was ticked
            parts += [profile.NAMES[key]] if value is not None else []
            continue
        if value is None or value is False or value == [] or value == {}:  # not set, or nothing in it
            continue
        name = profile.NAMES.get(key, key)
        parts.append(f"{name} ({len(value)})" if isinstance(value, list) else name)
    if rows:
        parts.append(f"{rows} diary row{'' if rows == 1 else 's'}")
    if not parts:
        return "nothing yet"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
