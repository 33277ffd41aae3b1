"""Weeks from the day table: exercise days and minutes per ISO week (Monday to Sunday, labelled by their Monday),
the targets, how often they were met, the plan's weeks, and the headline numbers of the latest week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from spinewell.analysis.days import ALL_TYPES, MAIN_TYPES, WINDOW_DAYS, mean_pain, window

AEROBIC_MINUTES_TARGET = 150
DEFAULT_TARGETS: Mapping[str, int] = {"core": 3, "stretching": 7, "aerobic": 5}


@dataclass(frozen=True)
class LogSummary:
    """The headline numbers for the latest 7 days of the log and the 7 before them (None where there is no data:
    every number of the 7 days before is None when the log does not cover all of them)."""

    end: dt.date
    days_logged: int
    pain_latest: float | None
    pain_previous: float | None
    exercise_days_latest: int
    exercise_days_previous: int | None
    aerobic_minutes_latest: float
    aerobic_minutes_previous: float | None
    days_latest: int = WINDOW_DAYS  # days of the latest 7 that the log covers (fewer in its first week)


@dataclass(frozen=True)
class WeekOnWeek:
    """How a headline number moved since the 7 days before: the words for it (None without both numbers) and
    whether the move is shown in colour (no change is shown grey, not as a rise)."""

    text: str | None
    coloured: bool


def week_start(dates: pd.Series | pd.DatetimeIndex) -> pd.Series | pd.DatetimeIndex:
    """The Monday of each date's ISO week (midnight)."""
    if isinstance(dates, pd.DatetimeIndex):
        return (dates - pd.to_timedelta(dates.day_of_week, unit="D")).normalize()
    return (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.normalize()


def _by_week(values: pd.DataFrame) -> pd.DataFrame:
    weeks = week_start(values.index)
    summed = values.groupby(weeks).sum()
    summed.index = pd.DatetimeIndex(summed.index, name="week")
    return summed


def weekly_sessions(days: pd.DataFrame, types: Iterable[str] = MAIN_TYPES) -> pd.DataFrame:
    """Exercise days per ISO week and type: a day with any plank, bridge... counts once for core.

    Index: every week (Monday) the day table covers. Columns: `types`, then 'other' (days with any other activity,
    warm-ups and cool-downs included) only when there is some.
    """
    types = list(types)
    did = pd.DataFrame({t: days[f"{t}_sessions"] > 0 for t in types}, index=days.index)
    others = [t for t in ALL_TYPES if t not in types]
    other = days[[f"{t}_sessions" for t in others]].sum(axis=1) > 0 if others else pd.Series(False, index=days.index)
    if other.any():
        did["other"] = other
    return _by_week(did.astype("int64")).astype("int64")


def weekly_minutes(days: pd.DataFrame, types: Iterable[str] = MAIN_TYPES) -> pd.DataFrame:
    """Minutes of exercise per ISO week and type (rows without minutes count 0). Index: every week covered."""
    types = list(types)
    minutes = pd.DataFrame({t: days[f"{t}_minutes"] for t in types}, index=days.index)
    return _by_week(minutes).astype("float64")


def frequency_targets(types: Iterable[object]) -> dict[str, int]:
    """Days-a-week targets from the content's exercise types (objects with id and sessions_per_week), falling back
    to the evidence defaults (core 3, stretching 7, aerobic 5)."""
    targets = dict(DEFAULT_TARGETS)
    for exercise_type in types:
        per_week = getattr(exercise_type, "sessions_per_week", None)
        if per_week and getattr(exercise_type, "id", None) in MAIN_TYPES:
            targets[str(exercise_type.id)] = int(per_week)
    return targets


def aerobic_minutes_target(types: Iterable[object]) -> int:
    """Weekly aerobic minutes: sessions_per_week x minutes_per_session of the aerobic type, else 150."""
    for exercise_type in types:
        if getattr(exercise_type, "id", None) == "aerobic":
            sessions_per_week = getattr(exercise_type, "sessions_per_week", None)
            minutes = getattr(exercise_type, "minutes_per_session", None)
            if sessions_per_week and minutes:
                return int(sessions_per_week) * int(minutes)
    return AEROBIC_MINUTES_TARGET


def complete_weeks(weekly: pd.DataFrame, last_day: dt.date, first_day: dt.date | None = None) -> pd.DataFrame:
    """The weeks whose Sunday is on or before `last_day` and, given `first_day`, whose Monday is on or after it: a
    week still in progress, or one the log started partway through, would look like a missed target."""
    whole = weekly.index + pd.Timedelta(days=6) <= pd.Timestamp(last_day)
    if first_day is not None:
        whole &= weekly.index >= pd.Timestamp(first_day)
    return weekly[whole]


def adherence(weekly: pd.DataFrame, targets: Mapping[str, int]) -> pd.DataFrame:
    """Per type: target days a week, weeks counted, weeks the target was met, their share, mean days a week."""
    rows = []
    for type_id, target in targets.items():
        done = weekly[type_id] if type_id in weekly else pd.Series(0, index=weekly.index)
        met = int((done >= target).sum())
        count = len(done)
        rows.append(
            {
                "type": type_id,
                "target": int(target),
                "weeks": count,
                "weeks_met": met,
                "share_met": (met / count) if count else np.nan,
                "mean_per_week": float(done.mean()) if count else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=["type", "target", "weeks", "weeks_met", "share_met", "mean_per_week"])


def plan_targets(week_targets: Iterable[object], weeks: pd.DatetimeIndex) -> pd.DataFrame:
    """A plan's WeekTarget list (week_start, type_id, sessions, minutes) as a sessions-target frame shaped like
    weekly_sessions(): one row per week in `weeks`, one column per type; NaN where the plan has no target."""
    records = [
        {"week": pd.Timestamp(t.week_start), "type": t.type_id, "sessions": int(t.sessions)} for t in week_targets
    ]
    if not records:
        return pd.DataFrame(index=weeks)
    table = pd.DataFrame(records).pivot_table(index="week", columns="type", values="sessions", aggfunc="max")
    return table.reindex(weeks)


def session_targets(
    weeks: pd.DatetimeIndex, targets: Mapping[str, int], plan_targets_list: Iterable[object] | None
) -> Mapping[str, int] | pd.DataFrame:
    """The targets the weekly sessions are drawn against: the plan's target of each week when a plan has one for
    any of `weeks`, else the days-a-week `targets`."""
    if plan_targets_list is None:
        return targets
    planned = plan_targets(plan_targets_list, weeks)
    return planned if planned.notna().any().any() else targets


def plan_adherence(
    weekly: pd.DataFrame, minutes: pd.DataFrame, week_targets: Iterable[object], as_of: dt.date
) -> pd.DataFrame:
    """Each planned week (WeekTarget: week_start, type_id, sessions, minutes) that has started by `as_of`, against
    what was logged. Columns: week, type, planned_sessions, done_sessions, planned_minutes, done_minutes, met
    (sessions reached, and minutes too where minutes are planned)."""
    planned = pd.DataFrame(
        [
            {"week": pd.Timestamp(t.week_start), "type": t.type_id, "planned_sessions": int(t.sessions),
             "planned_minutes": int(t.minutes)}
            for t in week_targets
        ],
        columns=["week", "type", "planned_sessions", "planned_minutes"],
    )
    planned = planned[planned["week"] <= pd.Timestamp(as_of)].reset_index(drop=True)

    def done(table: pd.DataFrame) -> np.ndarray:
        return np.array(
            [
                float(table.at[w, t]) if (w in table.index and t in table.columns) else 0.0
                for w, t in zip(planned["week"], planned["type"], strict=True)
            ],
            dtype="float64",
        )

    planned["done_sessions"] = done(weekly).astype("int64")
    planned["done_minutes"] = done(minutes)
    planned["met"] = (planned["done_sessions"] >= planned["planned_sessions"]) & (
        (planned["planned_minutes"] == 0) | (planned["done_minutes"] >= planned["planned_minutes"])
    )
    return planned


def covers_week_before(days: pd.DataFrame) -> bool:
    """Whether the day table covers all the 7 days before its latest 7: only then is there a last week to compare
    with (a week the log had not started yet would look like a week of no exercise)."""
    return len(days) > 0 and days.index[0] <= days.index[-1] - pd.Timedelta(days=2 * WINDOW_DAYS - 1)


def summarise(days: pd.DataFrame) -> LogSummary | None:
    """Headline numbers for the latest 7 days of the log (ending on its last day) and the 7 days before (None when
    the log started after the first of them)."""
    if days.empty:
        return None
    end = days.index[-1]
    latest, previous = window(days, end, 0), window(days, end, WINDOW_DAYS)
    logged = (days["ratings"] > 0) | (days["sessions"] > 0)
    before = covers_week_before(days)
    return LogSummary(
        end=end.date(),
        days_logged=int(logged.sum()),
        pain_latest=mean_pain(latest)[0],
        pain_previous=mean_pain(previous)[0] if before else None,
        exercise_days_latest=int((latest["sessions"] > 0).sum()),
        exercise_days_previous=int((previous["sessions"] > 0).sum()) if before else None,
        aerobic_minutes_latest=float(latest["aerobic_minutes"].sum()),
        aerobic_minutes_previous=float(previous["aerobic_minutes"].sum()) if before else None,
        days_latest=len(latest),
    )


def week_on_week(latest: float | None, previous: float | None, digits: int = 0) -> WeekOnWeek:
    """The change of a headline number on the 7 days before, rounded to `digits` as it is shown."""
    if latest is None or previous is None:
        return WeekOnWeek(None, False)
    difference = round(latest - previous, digits)
    if difference == 0:
        return WeekOnWeek("same as last week", False)
    return WeekOnWeek(f"{difference:+.{digits}f} on last week", True)


def weeks_over_by(end: dt.date, last_day: dt.date, today: dt.date, kept_up_to_date: bool) -> dt.date:
    """The last day the weeks shown are judged to: `end`, the last day shown. In a diary kept up to date (shown to
    its last day), the weeks up to today are over even if nothing was logged in them since."""
    return max(end, today) if kept_up_to_date and end == last_day else end
