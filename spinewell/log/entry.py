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
