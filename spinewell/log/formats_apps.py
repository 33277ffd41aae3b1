"""Activity exports of fitness apps (Strava's activities.csv, Garmin Connect's Activities.csv) as diary rows.

One activity is one diary row: its date (with the time it started), its type as an exercise, its duration in
minutes and its title as the note. A type that matches one of the library's exercise types is logged as that type
(a walk, run or ride counts as aerobic exercise, yoga as stretching); any other keeps its own name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spinewell.log.entry import COLUMNS

# Activity types, as the apps name them (lower case), that are one of the library's exercise types
# (content/exercises.yaml: ids aerobic, stretching, core; a test checks they are there). Each is written as the
# type's label, which the log reads as that type.
_WHOLE_SECONDS = re.compile(r"\d+(?:\.\d+)?")
_MINUTES_SECONDS = re.compile(r"\d{1,2}:\d{2}\.\d+")
TYPE_LABELS = {"aerobic": "Aerobic", "stretching": "Stretching", "core": "Core"}
ACTIVITY_TYPES: Mapping[str, str] = {
    **dict.fromkeys(
        (
            "walk", "walking", "hike", "hiking", "run", "running", "trail run", "trail running", "treadmill running",
            "indoor running", "virtual run", "ride", "cycling", "road cycling", "indoor cycling", "virtual ride",
            "e-bike ride", "ebike ride", "mountain bike ride", "mountain biking", "swim", "swimming", "pool swim",
            "open water swimming", "elliptical", "stair stepper", "stair climbing", "rowing", "indoor rowing",
            "cardio", "nordic walking", "aerobic", "aerobics", "stair-stepper", "stairstepper", "gravel cycling",
            "virtual cycling", "e-bike", "treadmill walking", "indoor walking", "wheelchair", "handcycle",
        ),
        "aerobic",
    ),
    **dict.fromkeys(("yoga", "stretching", "mobility", "flexibility"), "stretching"),
    **dict.fromkeys(("pilates",), "core"),
}


@dataclass(frozen=True)
class AppRows:
    """An export made into the log's columns: the rows (header first), what it was read as, the file's row number
    of each data row, the file's name for each column written, and the file's columns not used."""

    rows: tuple[tuple[str, ...], ...]
    read_as: str
    source_rows: tuple[int, ...]
    columns: Mapping[str, str]
    ignored: tuple[str, ...]


@dataclass(frozen=True)
class _Export:
    """What an app's export calls the columns the log needs, and how its durations are written."""

    app: str
    date: str
    exercise: str
    minutes: str
    title: str
    seconds: bool  # durations in whole seconds (else h:mm:ss, and a short one m:ss.s)

    def matches(self, names: Sequence[str]) -> bool:
        lowered = {name.lower() for name in names}
        return {self.date, self.exercise, self.minutes, self.title} <= lowered


EXPORTS = (
    _Export("Strava", "activity date", "activity type", "elapsed time", "activity name", seconds=True),
    _Export("Garmin Connect", "date", "activity type", "time", "title", seconds=False),
)


def exercise_name(activity: str) -> str:
    """The exercise an activity type is logged as: the library type's label where one matches, else its own name."""
    type_id = ACTIVITY_TYPES.get(" ".join(activity.lower().split()))
    return TYPE_LABELS[type_id] if type_id else activity.strip()


def matches(names: Sequence[str]) -> bool:
    """Whether a header is that of an export read here."""
    return any(export.matches(names) for export in EXPORTS)


def convert(names: Sequence[str], records: Sequence[Sequence[str]], first_row: int) -> AppRows:
    """The export's records (after its header `names`, which matches(); the first one is the file's row
    `first_row`) as diary rows."""
    export = next(export for export in EXPORTS if export.matches(names))
    # The first column of each name: Strava repeats some (Elapsed Time in whole seconds, then again with a decimal).
    position = {name.lower(): i for i, name in reversed(list(enumerate(names)))}
    at = [position[export.date], position[export.exercise], position[export.minutes], position[export.title]]
    rows, source_rows = [COLUMNS], []
    for offset, record in enumerate(records):
        if not any(cell.strip() for cell in record):
            continue
        date, activity, duration, title = (record[i].strip() if i < len(record) else "" for i in at)
        exercise = exercise_name(activity)
        renamed = activity and exercise != activity and title and title.lower() != activity.lower()
        note = f"{activity}: {title}" if renamed else (title or activity)
        rows.append((date, "", "", exercise, _seconds(duration) if export.seconds else _clock(duration), note))
        source_rows.append(first_row + offset)
    unit = "seconds" if export.seconds else "hours:minutes:seconds"
    names_of = {"date": names[at[0]], "exercise": names[at[1]], "minutes": names[at[2]], "notes": names[at[3]]}
    return AppRows(
        rows=tuple(rows),
        read_as=(f"a {export.app} export: one entry per activity, {names_of['minutes']} ({unit}) as its minutes, "
                 f"{names_of['notes']} as its note; walks, runs, rides and swims count as aerobic exercise and yoga "
                 "as stretching; its other columns are not used"),
        source_rows=tuple(source_rows),
        columns=names_of,
        ignored=(),  # an export has dozens of columns (heart rate, cadence, weather): the note above says so
    )


def _clock(duration: str) -> str:
    """A duration on a clock face as the app writes it: h:mm:ss, or m:ss with tenths for a short one ("5:12.3"),
    which the log would read as h:mm, so it is given its hours ("0:05:12.3", 5.2 minutes)."""
    if not _MINUTES_SECONDS.fullmatch(duration):
        return duration
    minutes, seconds = duration.split(":")
    return f"0:{int(minutes):02d}:{seconds}"


def _seconds(duration: str) -> str:
    """A whole number of seconds ("2712", "2712.0") as a duration the log reads ("2712s"); other text as it is,
    so the row is reported with what the file holds."""
    return f"{duration}s" if _WHOLE_SECONDS.fullmatch(duration) else duration
