"""What the browser backend keeps in the person's own browser (localStorage): the profile and the diary as text under
`spinewell.*` keys, read back with every check a file gets, and the size limit that keeps a write from failing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from spinewell.log.entry import COLUMNS, LogEntry
from spinewell.log.store import entry_cells
from spinewell.storage import profile
from spinewell.storage.bundle import Row, entries_from_rows
from spinewell.storage.profile import ProfileProblem

PROFILE_KEY = "spinewell.profile"
DIARY_KEY = "spinewell.diary"
KEYS = (PROFILE_KEY, DIARY_KEY)
DIARY_KIND = "diary"
DIARY_VERSION = 1
# A browser keeps about 5 MB (counted as 5 million characters in most browsers) for each site, for everything the
# site stores. Spinewell keeps its own within 2 million characters: room to spare for a copy put aside by "Start
# again", and for the browser's own rounding. A diary row takes about 40 to 80 characters, so this is 25,000 or more
# entries: ten a day for seven years.
LIMIT = 2_000_000


class DiaryProblem(ProfileProblem):
    """A diary kept in the browser that cannot be read as it is; `message` says what is wrong."""


@dataclass(frozen=True)
class Held:
    """What this browser holds, read: the profile's JSON-safe data, the diary's entries, and the problem that keeps
    them out (a damaged value is never written over). `cleared` is True when this tab had saved data here before
    and it is gone now (the browser's storage was cleared). `elsewhere` is True when it was read again because
    another tab of this browser changed it, and `refused` when that kept this tab's last change from being saved."""

    data: dict[str, Any] = field(default_factory=dict)
    entries: tuple[LogEntry, ...] = ()
    problem: str | None = None
    cleared: bool = False
    elsewhere: bool = False
    refused: bool = False


def encode_profile(data: Mapping[str, Any], saved_at: dt.datetime) -> str:
    """The profile as the browser keeps it: the profile file's own envelope (app, version, saved_at), on one line."""
    envelope = {"app": profile.APP, "version": profile.VERSION,
                "saved_at": saved_at.isoformat(timespec="seconds"), "data": dict(data)}
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":"))


def encode_diary(entries: Iterable[LogEntry]) -> str:
    """The diary as the browser keeps it: the app's CSV columns, a list of cells for each entry."""
    rows = [entry_cells(entry) for entry in entries]
    return json.dumps({"app": profile.APP, "kind": DIARY_KIND, "version": DIARY_VERSION, "columns": list(COLUMNS),
                       "rows": rows}, ensure_ascii=False, separators=(",", ":"))


def decode_profile(text: Any) -> dict[str, Any]:
    """The JSON-safe data of a profile kept in the browser (nothing kept: empty). Raises ProfileProblem for
    anything a profile file would be refused for, and for a value that is not text at all."""
    if text is None:
        return {}
    if not isinstance(text, str):
        raise ProfileProblem("It is not text, so it cannot be a Spinewell profile.")
    return profile.parse(text.encode("utf-8"))


def decode_diary(text: Any) -> tuple[LogEntry, ...]:
    """The entries of a diary kept in the browser (nothing kept: none). Raises DiaryProblem when it is not such a
    diary, or when any row is not an entry Spinewell accepts: all of it is kept out rather than part of it lost."""
    if text is None:
        return ()
    if not isinstance(text, str):
        raise DiaryProblem("It is not text, so it cannot be a Spinewell diary.")
    try:
        kept = json.loads(text)
    except json.JSONDecodeError as error:
        raise DiaryProblem(f"It is damaged: it stops making sense at character {error.pos + 1} (it may have been "
                           "cut short or changed by something other than Spinewell).") from None
    if not isinstance(kept, dict) or kept.get("app") != profile.APP or kept.get("kind") != DIARY_KIND:
        raise DiaryProblem("It is not a Spinewell diary.")
    profile.checked_version(kept.get("version"), DIARY_VERSION, DiaryProblem, which="of the diary ",
                            named="diary version")
    rows = kept.get("rows")
    if not isinstance(rows, list) or not all(_cells(row) for row in rows):
        raise DiaryProblem("Its rows are not lists of text cells, so Spinewell cannot read them.")
    entries, left_out = entries_from_rows(Row.of_cells(row) for row in rows)
    if left_out:
        raise DiaryProblem(f"{left_out} of its {len(rows)} rows are not entries Spinewell can read.")
    return entries


def _cells(row: Any) -> bool:
    return isinstance(row, list) and 1 <= len(row) <= len(COLUMNS) and all(isinstance(cell, str) for cell in row)


def read(values: Mapping[str, Any], had_data: bool = False) -> Held:
    """What the browser reported (its `spinewell.*` values, None where nothing is kept), checked. `had_data`:
    this tab saved something here before, so nothing there now means the storage was cleared."""
    try:
        data = decode_profile(values.get(PROFILE_KEY))
    except ProfileProblem as problem:
        return Held(problem=f"The part with your answers and your plan cannot be read. {problem.message}")
    try:
        entries = decode_diary(values.get(DIARY_KEY))
    except DiaryProblem as problem:
        return Held(problem=f"The part with your diary cannot be read. {problem.message}")
    empty = not any(values.get(key) for key in KEYS)
    return Held(data, entries, cleared=had_data and empty)


def size(writes: Mapping[str, str | None], held: Mapping[str, int]) -> int:
    """How many characters Spinewell's keys hold once `writes` are made (None deletes a key); `held` gives the size
    of what each key holds now."""
    sizes = {**held, **{key: len(key) + len(text) for key, text in writes.items() if text is not None}}
    for key, text in writes.items():
        if text is None:
            sizes.pop(key, None)
    return sum(sizes.values())


def aside_key(key: str, now: dt.datetime, taken: Sequence[str] = ()) -> str:
    """The key a damaged value is kept under by Start again: spinewell.profile.damaged-YYYYMMDD-HHMM, numbered on
    if taken."""
    stem = f"{key}.damaged-{now:%Y%m%d-%H%M}"
    aside, number = stem, 2
    while aside in taken:
        aside, number = f"{stem}-{number}", number + 1
    return aside


def too_big_message(needed: int) -> str:
    """What the person is told when a save would go over the limit; nothing of it is written."""
    return (f"**This change is not saved in this browser: it is full.** Spinewell keeps at most "
            f"{LIMIT // 1_000_000} million characters here, and this would need {needed:,}. What was saved before "
            "is unharmed. Use **Download everything** on the Your data page to keep a copy of everything, "
            "including this change.")


FULL_MESSAGE = ("**This change could not be saved in this browser: its storage is full** (other sites or files may "
                "be using it). What was saved before is unharmed. Use **Download everything** on the Your data page "
                "to keep a copy of everything, including this change.")
REFUSED_MESSAGE = ("**This change could not be saved in this browser: the browser refused it.** What was saved "
                   "before is unharmed. Use **Download everything** on the Your data page to keep a copy of "
                   "everything, including this change.")
CLEARED_MESSAGE = ("**What Spinewell kept in this browser is gone.** This browser's storage was cleared since it was "
                   "saved (by clearing site data, a private window closing, or the browser making room). If you "
                   "downloaded everything before, load that file back on the Your data page.")
ELSEWHERE_MESSAGE = "This page now shows what you saved in Spinewell in another tab or window of this browser."
OVERTAKEN_MESSAGE = (
    "**Your last change on this page was not saved.** Spinewell is open in another tab or window of this browser "
    "too, and what was saved there came first. This page now shows what is saved; make the change again here if you "
    "still want it.")
