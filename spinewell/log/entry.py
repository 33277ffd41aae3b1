"""One diary entry and every rule it must meet, whether it is typed in, kept in the session or saved to a file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

COLUMNS = ("date", "time", "pain", "exercise", "minutes", "notes")
HEADER_LINE = ",".join(COLUMNS)
MAX_MINUTES = 24 * 60
# Notes of the rows in the program page's log template start with this ("planned: 3 x 20 seconds"); such a row with
# no pain and no minutes is a plan, not a diary entry.
PLANNED_PREFIX = "planned:"


class EntryError(ValueError):
    """An entry that breaks a rule; the message says what to change, in words for the person typing it."""


@dataclass(frozen=True)
class LogEntry:
    """One new diary entry as typed into the app: a pain rating, an exercise session, or both.

    Exercise and notes are kept without surrounding spaces. Creating one that breaks a rule raises EntryError.
    """

    date: dt.date
    time: dt.time | None = None
    pain: float | None = None
    exercise: str = ""
    minutes: float | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "exercise", self.exercise.strip())
        object.__setattr__(self, "notes", self.notes.strip())
        if self.pain is not None and not (0 <= self.pain <= 10):
            raise EntryError("Pain must be from 0 to 10.")
        if self.minutes is not None and not (0 <= self.minutes <= MAX_MINUTES):
            raise EntryError(f"Minutes must be from 0 to {MAX_MINUTES}.")
        if self.minutes is not None and not self.exercise:
            raise EntryError("Say which exercise the minutes were for: the entry was not saved.")
        if self.pain is None and not self.exercise and not self.notes:
            raise EntryError("Add a pain rating, an exercise or a note: an empty entry was not saved.")

    @classmethod
    def from_form(
        cls,
        date: dt.date,
        time: dt.time | None,
        pain: int | float | None,
        exercise: str | None,
        minutes: int | float | None,
        notes: str | None,
    ) -> LogEntry:
        """An entry from the values of the page's form, where an untouched field is None."""
        return cls(
            date=date,
            time=time,
            pain=None if pain is None else float(pain),
            exercise=exercise or "",
            minutes=None if minutes is None else float(minutes),
            notes=notes or "",
        )
