"""The day table: one row per calendar day of a log, every activity classified by type; the one pass over the rows.

Every other figure works from this table (or an aggregate of it), so its cost follows the number of days, not rows.
The log it reads is the frame log.read() returns (columns date, time, pain, exercise, minutes, notes).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

WINDOW_DAYS = 7
MAIN_TYPES = ("core", "stretching", "aerobic")
ALL_TYPES = ("core", "stretching", "aerobic", "warmup", "cooldown", "other")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_NS_PER_DAY = 86_400 * 10**9

# Our own rules for free-text activities the library doesn't name ("brisk walk", "yoga class"), checked in order.
_KEYWORD_TYPES: tuple[tuple[str, str], ...] = (
    (r"warm ?up", "warmup"),
    (r"cool ?down", "cooldown"),
    (r"stretch|yoga|mobility|cat ?cow|child ?s pose|flexib", "stretching"),
    (r"plank|bridge|bird ?dog|dead ?bug|pilates|core|crunch|sit ?up|strength|clam", "core"),
    (r"walk|run|jog|swim|cycl|bike|biking|hike|hiking|cardio|aerobic|elliptical|cross ?trainer|danc|rowing|treadmill",
     "aerobic"),
)


def normalise_name(name: str) -> str:
    """Lower case, punctuation to spaces: 'Hamstring-stretch' and 'hamstring stretch' compare equal."""
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def classify_activities(exercise: pd.Series, lookup: Mapping[str, str]) -> pd.Series:
    """The exercise type id of each row ('other' for unknown activities, <NA> where no exercise was logged).

    `lookup` is Content.exercise_type_lookup(): lower-cased exercise ids, names and type ids/names -> type id.
    The rules run once per distinct activity name, not once per row.
    """
    codes, types = _classify_each_name(exercise, lookup)
    per_name = np.array([*types, None], dtype=object)  # code -1 (a missing value) picks the final None
    return pd.Series(per_name[codes], index=exercise.index, dtype="string")


def _classify_each_name(exercise: pd.Series, lookup: Mapping[str, str]) -> tuple[np.ndarray, list[str | None]]:
    """Factorize the activity names and classify each distinct name once: (code per row, type per name)."""
    table = {normalise_name(key): type_id for key, type_id in lookup.items()}
    codes, names = pd.factorize(exercise)
    return codes, [_classify_name(str(name), table) for name in names]


def _classify_name(name: str, table: Mapping[str, str]) -> str | None:
    key = normalise_name(name)
    if not key:
        return None
    if key in table:
        return table[key]
    for pattern, type_id in _KEYWORD_TYPES:
        if re.search(pattern, key):
            return type_id
    return "other"


def day_table(frame: pd.DataFrame, lookup: Mapping[str, str]) -> pd.DataFrame:
    """One row per calendar day from the first entry to the last (days without entries included).

    Columns: pain_mean, pain_max (NaN without ratings), ratings (count), sessions and minutes (all exercise rows),
    and `<type>_sessions` / `<type>_minutes` for each of ALL_TYPES (a session is a row naming an exercise; rows
    without minutes add 0 minutes).
    """
    columns = ["pain_mean", "pain_max", "ratings", "sessions", "minutes"]
    columns += [f"{t}_{kind}" for t in ALL_TYPES for kind in ("sessions", "minutes")]
    if frame.empty:
        return pd.DataFrame(columns=columns, index=pd.DatetimeIndex([], name="date"), dtype="float64")
    # Days since the first entry, from the dates' nanoseconds (dates are at midnight in a log).
    nanoseconds = frame["date"].to_numpy(dtype="datetime64[ns]").view("int64")
    first, last = nanoseconds.min(), nanoseconds.max()
    calendar = pd.date_range(pd.Timestamp(first), pd.Timestamp(last), freq="D", name="date").astype("datetime64[ns]")
    day = (nanoseconds - first) // _NS_PER_DAY
    table = _pain_by_day(day, frame["pain"].to_numpy(dtype="float64"), len(calendar))
    table.update(_exercise_by_day(day, frame, lookup, len(calendar)))
    return pd.DataFrame(table, index=calendar)


def _pain_by_day(day: np.ndarray, pain: np.ndarray, n_days: int) -> dict[str, np.ndarray]:
    """Mean and highest pain and the number of ratings per day: sums over each run of equal days (the log comes
    sorted by date; sorted here if it isn't). reduceat skips the rows without a rating by fmax: fmax(NaN, 0) is 0
    for the sum, and the max ignores NaN (ratings are never negative)."""
    if len(day) > 1 and (np.diff(day) < 0).any():
        order = np.argsort(day, kind="stable")
        day, pain = day[order], pain[order]
    starts = np.flatnonzero(np.r_[True, np.diff(day) > 0])
    ratings = np.zeros(n_days, dtype="int64")
    ratings[day[starts]] = np.add.reduceat(~np.isnan(pain), starts, dtype="int64")
    totals = np.zeros(n_days)
    totals[day[starts]] = np.add.reduceat(np.fmax(pain, 0.0), starts)
    highest = np.full(n_days, np.nan)
    highest[day[starts]] = np.fmax.reduceat(pain, starts)
    with np.errstate(invalid="ignore", divide="ignore"):
        pain_mean = np.where(ratings > 0, totals / ratings, np.nan)
    return {"pain_mean": pain_mean, "pain_max": highest, "ratings": ratings}


def _exercise_by_day(
    day: np.ndarray, frame: pd.DataFrame, lookup: Mapping[str, str], n_days: int
) -> dict[str, np.ndarray]:
    """Sessions and minutes per day and type: one np.bincount over all rows for each (NaN minutes count 0, by
    fmax). One bucket per day and type; bucket 0 of each day takes the rows without an exercise, and is dropped."""
    types = len(ALL_TYPES) + 1
    slot = day * types + (_type_codes(frame["exercise"], lookup) + 1)
    size = n_days * types
    sessions = np.bincount(slot, minlength=size).reshape(n_days, types)[:, 1:]
    minutes = np.fmax(frame["minutes"].to_numpy(dtype="float64"), 0.0)
    minutes = np.bincount(slot, weights=minutes, minlength=size).reshape(n_days, types)[:, 1:]
    table = {"sessions": sessions.sum(axis=1), "minutes": minutes.sum(axis=1)}
    for position, type_id in enumerate(ALL_TYPES):
        table[f"{type_id}_sessions"] = sessions[:, position]
        table[f"{type_id}_minutes"] = minutes[:, position]
    return table


def _type_codes(exercise: pd.Series, lookup: Mapping[str, str]) -> np.ndarray:
    """Per row, the position in ALL_TYPES of its exercise's type (-1 for none), classifying each name once."""
    codes, types = _classify_each_name(exercise, lookup)
    positions = {type_id: i for i, type_id in enumerate(ALL_TYPES)}
    per_name = [-1 if t is None else positions.get(t, positions["other"]) for t in types]
    return np.array([*per_name, -1], dtype="int64")[codes]


def filter_dates(frame: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
    """Rows from start to end inclusive (either may be None), of a log or of a day table (by its date index)."""
    dates = frame.index if "date" not in frame.columns else frame["date"]
    mask = np.ones(len(frame), dtype=bool)
    if start is not None:
        mask &= np.asarray(dates >= pd.Timestamp(start))
    if end is not None:
        mask &= np.asarray(dates <= pd.Timestamp(end))
    return frame if mask.all() else frame[mask]


def window(days: pd.DataFrame, end: pd.Timestamp, days_back: int) -> pd.DataFrame:
    """The rows of the day table in the WINDOW_DAYS calendar days ending `days_back` days before `end`."""
    stop = end - pd.Timedelta(days=days_back)
    return days[(days.index > stop - pd.Timedelta(days=WINDOW_DAYS)) & (days.index <= stop)]


def mean_pain(days: pd.DataFrame) -> tuple[float | None, int]:
    """The mean of the daily mean pain over rows of the day table, and the number of days with a rating."""
    rated = days["pain_mean"].dropna()
    return (float(rated.mean()) if len(rated) else None), len(rated)
