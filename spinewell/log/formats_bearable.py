"""Bearable's export, one row per thing tracked ("Symptom", "Back (lower) pain (Moderate)"), as the diary's rows.

The rows of one date and time of day become one diary row: the pain from its back pain symptoms (the worst one,
if several), an exercise with its minutes from its activity rows, and its notes. Mood, sleep, energy, medication
and other symptoms are left out: the reading notes say so, with the 0-10 values given to the severity words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spinewell.log.entry import COLUMNS
from spinewell.log.formats_apps import ACTIVITY_TYPES, AppRows, exercise_name

NEEDED = ("date", "category", "rating/amount", "detail")
# Severity words as 0-10 pain ratings: the middle of the usual bands (mild 1-3, moderate 4-6, severe 7-9), and
# Bearable's worst, "unbearable", the top of the scale. Its 0-4 symptom ratings are these words in order.
SEVERITY = {"none": 0, "mild": 2, "moderate": 5, "severe": 8, "extreme": 10, "unbearable": 10, "very severe": 10}
RATING_WORDS = ("none", "mild", "moderate", "severe", "unbearable")
# Bearable's parts of the day, as a clock time the log can keep (it keeps one row per date and time).
TIMES_OF_DAY = {"pre": "06:00", "early morning": "06:00", "am": "09:00", "morning": "09:00", "mid": "13:00",
                "midday": "13:00", "afternoon": "15:00", "pm": "19:00", "evening": "19:00", "night": "22:00"}
SYMPTOMS = ("symptom", "symptoms")
FACTORS = ("factors", "factor")  # an activity may come as a factor: "Walking", "Exercise: Yoga (20 min)"
ACTIVITIES = ("exercise", "exercises", "activity", "activities", "workout", "movement")
NOTES = ("notes", "note", "journal", "diary")
_SEVERITY_WORD = re.compile(r"\((none|mild|moderate|severe|very severe|extreme|unbearable)\)\s*$", re.IGNORECASE)
_BACK_PAIN = re.compile(r"\bback\b.*\bpain\b|\bpain\b.*\bback\b|\bsciatica\b|\blumbago\b", re.IGNORECASE)
_IN_BRACKETS = re.compile(r"\s*\(([^()]*)\)\s*$")
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T")
_ACTIVITY_PREFIX = re.compile(r"^\s*(?:exercise|activity|workout)\s*:\s*", re.IGNORECASE)
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)


@dataclass
class _Moment:
    """What one date and time of day holds: the worst back pain, the exercises done, the notes, where it starts."""

    date: str
    time: str
    row: int
    pain: tuple[int, str] | None = None  # (0-10 where known, else -1; the text to write)
    exercises: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, ...]]:
        pain = "" if self.pain is None else self.pain[1]
        note = "; ".join(self.notes)
        if not self.exercises:
            return [(self.date, self.time, pain, "", "", note)]
        return [(self.date, self.time, pain if i == 0 else "", name, minutes, note if i == 0 else "")
                for i, (name, minutes) in enumerate(self.exercises)]


def matches(names: Sequence[str]) -> bool:
    """Whether a header is Bearable's."""
    return set(NEEDED) <= {name.lower() for name in names}


def convert(names: Sequence[str], records: Sequence[Sequence[str]], first_row: int) -> AppRows:
    """Bearable's records (after its header `names`, which matches(); the first one is the file's row
    `first_row`) as diary rows."""
    position = {name.lower(): i for i, name in reversed(list(enumerate(names)))}

    def cell(record: Sequence[str], name: str) -> str:
        i = position.get(name)
        return record[i].strip() if i is not None and i < len(record) else ""

    moments: dict[tuple[str, str], _Moment] = {}
    for offset, record in enumerate(records):
        detail, amount, note = cell(record, "detail"), cell(record, "rating/amount"), cell(record, "notes")
        kind = _kind(cell(record, "category").lower(), detail)
        if kind is None:
            continue
        date, part = _day(cell(record, "date")), cell(record, "time of day")
        time = TIMES_OF_DAY.get(part.lower(), "")
        if note and part and not time and part.lower() not in ("all day", "day", "-"):
            note = f"{part}: {note}"  # a part of the day with no clock time here: kept in the note's words
        moment = moments.setdefault((date, time), _Moment(date, time, first_row + offset))
        if kind == "pain":
            rating = pain_rating(detail, amount)
            if moment.pain is None or rating[0] > moment.pain[0]:
                moment.pain = rating
        elif kind == "activity":
            moment.exercises.append(_activity(detail, amount))
        else:
            note = note or detail
        if note:
            moment.notes.append(note)
    rows, source_rows = [COLUMNS], []
    for moment in moments.values():
        made = moment.rows()
        rows.extend(made)
        source_rows.extend([moment.row] * len(made))
    return AppRows(
        rows=tuple(rows),
        read_as=READ_AS,
        source_rows=tuple(source_rows),
        columns={"date": names[position["date"]], "pain": names[position["rating/amount"]],
                 "exercise": names[position["detail"]], "minutes": names[position["rating/amount"]],
                 **({"time": names[position["time of day"]]} if "time of day" in position else {}),
                 **({"notes": names[position["notes"]]} if "notes" in position else {})},
        ignored=(),
    )


def pain_rating(detail: str, amount: str) -> tuple[int, str]:
    """A back pain symptom as (0-10 or -1 when unknown, the text to write): its severity word in brackets first,
    else its amount, as a word or as Bearable's 0-4 rating; anything else as written, for the reader to judge."""
    word = _SEVERITY_WORD.search(detail)
    key = word.group(1).lower() if word else amount.lower()
    if key in SEVERITY:
        return SEVERITY[key], str(SEVERITY[key])
    if amount.isdigit() and int(amount) < len(RATING_WORDS):
        value = SEVERITY[RATING_WORDS[int(amount)]]
        return value, str(value)
    return -1, amount


def _kind(category: str, detail: str) -> str | None:
    """What a row gives the diary: "pain" (a back pain symptom), "activity", "note", or None (mood, sleep...)."""
    if category in SYMPTOMS:
        return "pain" if _BACK_PAIN.search(_SEVERITY_WORD.sub("", detail)) else None
    if category in ACTIVITIES or (category in FACTORS and _is_activity(detail)):
        return "activity"
    return "note" if category in NOTES else None


def _day(date: str) -> str:
    """A date as Bearable writes it, for the log: "5th Nov 2026" without its "th"; a timestamp's day."""
    return date[:10] if _TIMESTAMP.match(date) else _ORDINAL.sub(r"\1", date)


def _is_activity(detail: str) -> bool:
    """Whether a factor is an activity: "Exercise: Yoga", or an activity type the library knows ("Walking")."""
    name = _IN_BRACKETS.sub("", detail)
    return bool(_ACTIVITY_PREFIX.match(name)) or " ".join(name.lower().split()) in ACTIVITY_TYPES


def _activity(detail: str, amount: str) -> tuple[str, str]:
    """An activity row as (exercise, minutes): "Walking" with "30", or "Walking (30 min)" with the amount empty."""
    inside = _IN_BRACKETS.search(detail)
    name = _ACTIVITY_PREFIX.sub("", _IN_BRACKETS.sub("", detail) if inside else detail)
    minutes = amount or (inside.group(1) if inside else "")
    return exercise_name(name), minutes


READ_AS = (
    "a Bearable export: one entry per day and time of day (early morning as 06:00, morning 09:00, midday 13:00, "
    "evening 19:00); pain from its back pain symptoms, the severity words as none 0, mild 2, moderate 5, severe 8 "
    "and unbearable 10 out of 10 (its 0-4 ratings the same way); exercise and minutes from its activity rows; "
    "mood, sleep, energy and other symptoms are not used"
)
