"""Turn a clean log into the daily and weekly figures a person cares about: pain trend, change, exercise adherence.

Every function takes the frame painlog.read() returns (columns date, time, pain, exercise, minutes, notes) or an
aggregate of it, and is vectorised: the cost grows with the number of days, not the number of rows, after one
groupby. Weeks are ISO weeks, Monday to Sunday, labelled by their Monday.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

WINDOW_DAYS = 7
MEANINGFUL_POINTS = 2.0  # Ostelo et al. 2008: a change of 2 points or 30% matters to a person.
MEANINGFUL_FRACTION = 0.30
MIN_DAYS_TO_COMPARE = 3  # days of each kind before comparing exercise days with rest days
FLARE_LEVEL = 8.0
FLARE_DAYS = 3
AEROBIC_MINUTES_TARGET = 150
MAIN_TYPES = ("core", "stretching", "aerobic")
DEFAULT_TARGETS: Mapping[str, int] = {"core": 3, "stretching": 7, "aerobic": 5}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# Our own rules for free-text activities the library doesn't name ("brisk walk", "yoga class"), checked in order.
_KEYWORD_TYPES: tuple[tuple[str, str], ...] = (
    (r"warm ?up", "warmup"),
    (r"cool ?down", "cooldown"),
    (r"stretch|yoga|mobility|cat ?cow|child ?s pose|flexib", "stretching"),
    (r"plank|bridge|bird ?dog|dead ?bug|pilates|core|crunch|sit ?up|strength|clam", "core"),
    (r"walk|run|jog|swim|cycl|bike|biking|hike|hiking|cardio|aerobic|elliptical|cross ?trainer|danc|rowing|treadmill",
     "aerobic"),
)


@dataclass(frozen=True)
class PainChange:
    """The first 7 days with a rating against the latest 7, and whether the change is one that matters."""

    verdict: str  # "better" | "worse" | "no_change" | "not_enough"
    rated_days: int
    baseline: float | None = None
    latest: float | None = None
    baseline_period: tuple[dt.date, dt.date] | None = None
    latest_period: tuple[dt.date, dt.date] | None = None

    @property
    def change(self) -> float | None:
        return None if self.baseline is None or self.latest is None else self.latest - self.baseline

    @property
    def percent(self) -> float | None:
        if self.change is None or not self.baseline:
            return None
        return 100.0 * self.change / self.baseline

    @property
    def threshold(self) -> float | None:
        """The smallest fall from the baseline that counts as meaningful (2 points or 30%, whichever is smaller)."""
        return None if self.baseline is None else min(MEANINGFUL_POINTS, MEANINGFUL_FRACTION * self.baseline)

    @property
    def text(self) -> str:
        if self.verdict == "not_enough":
            needed = 2 * WINDOW_DAYS
            return (
                f"Not enough ratings yet to judge a change: that needs {needed} days with a pain rating "
                f"(you have {self.rated_days})."
            )
        assert self.change is not None
        size = f"{abs(self.change):.1f} points" + (f" ({abs(self.percent):.0f}%)" if self.percent is not None else "")
        if self.verdict == "better":
            return (f"Your pain has fallen by {size} since your first week, from {self.baseline:.1f} to "
                    f"{self.latest:.1f}: a change that usually matters to people (2 points or 30%).")
        if self.verdict == "worse":
            return (f"Your pain has risen by {size} since your first week, from {self.baseline:.1f} to "
                    f"{self.latest:.1f}.")
        direction = "down" if self.change < 0 else "up" if self.change > 0 else "unchanged"
        return (f"Your pain is {direction} {size} since your first week ({self.baseline:.1f} to {self.latest:.1f}); "
                "smaller than the 2 points or 30% that usually counts as a real change.")


@dataclass(frozen=True)
class ExerciseRestComparison:
    """Average pain on days with exercise against days without. An association in a diary, not proof of cause."""

    exercise_days: int
    rest_days: int
    exercise_mean: float | None
    rest_mean: float | None

    @property
    def enough(self) -> bool:
        return self.exercise_days >= MIN_DAYS_TO_COMPARE and self.rest_days >= MIN_DAYS_TO_COMPARE

    @property
    def text(self) -> str:
        if not self.enough:
            return (
                f"Comparing exercise days with rest days needs at least {MIN_DAYS_TO_COMPARE} rated days of each "
                f"(you have {self.exercise_days} exercise and {self.rest_days} rest days)."
            )
        assert self.exercise_mean is not None and self.rest_mean is not None
        difference = self.exercise_mean - self.rest_mean
        if abs(difference) < 0.5:
            relation = "about the same as"
        elif difference < 0:
            relation = f"{abs(difference):.1f} points lower than"
        else:
            relation = f"{difference:.1f} points higher than"
        return (
            f"On days you exercised, your pain averaged {self.exercise_mean:.1f}, {relation} on rest days "
            f"({self.rest_mean:.1f}), over {self.exercise_days} exercise days and {self.rest_days} rest days. "
            "This is an association in your diary, not proof that one causes the other."
        )


@dataclass(frozen=True)
class WorseningAlert:
    """Signs in the latest week that pain is getting worse, with the advice to give."""

    reasons: tuple[str, ...]

    @property
    def advice(self) -> str:
        return (
            "Ease off for now: go back to shorter, gentler sessions and stop any exercise that makes the pain sharper. "
            "Get advice from a GP or physiotherapist about the increase. If you have new numbness, weakness in your "
            "legs, or problems controlling your bladder or bowels, get urgent medical help."
        )


@dataclass(frozen=True)
class LogSummary:
    """The headline numbers for the latest 7 days of the log and the 7 before them (None where there is no data)."""

    end: dt.date
    days_logged: int
    pain_latest: float | None
    pain_previous: float | None
    exercise_days_latest: int
    exercise_days_previous: int
    aerobic_minutes_latest: float
    aerobic_minutes_previous: float


# --- classification --------------------------------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """Lower case, punctuation to spaces: 'Hamstring-stretch' and 'hamstring stretch' compare equal."""
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def classify_activities(exercise: pd.Series, lookup: Mapping[str, str]) -> pd.Series:
    """The exercise type id of each row ('other' for unknown activities, <NA> where no exercise was logged).

    `lookup` is Content.exercise_type_lookup(): lower-cased exercise ids, names and type ids/names -> type id.
    The rules run once per distinct activity name, not once per row.
    """
    table = {normalise_name(key): type_id for key, type_id in lookup.items()}
    codes, names = pd.factorize(exercise.fillna("").astype("str").str.strip())
    types = np.array([_classify_name(str(name), table) for name in names], dtype=object)
    result = pd.Series(types[codes] if len(codes) else np.array([], dtype=object), index=exercise.index, dtype="string")
    return result


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


# --- daily pain ------------------------------------------------------------------------------------------------


def filter_dates(frame: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
    """Rows from start to end inclusive (either may be None)."""
    mask = pd.Series(True, index=frame.index)
    if start is not None:
        mask &= frame["date"] >= pd.Timestamp(start)
    if end is not None:
        mask &= frame["date"] <= pd.Timestamp(end)
    return frame if mask.all() else frame[mask]


def daily_pain(frame: pd.DataFrame) -> pd.DataFrame:
    """Per day with at least one rating: mean, max and number of ratings. Index: date (midnight)."""
    rated = frame.loc[frame["pain"].notna(), ["date", "pain"]]
    stats = rated.groupby("date", sort=True)["pain"].agg(["mean", "max", "count"])
    stats.index = pd.DatetimeIndex(stats.index, name="date")
    return stats


def rolling_pain(daily_mean: pd.Series, window: int = WINDOW_DAYS) -> pd.Series:
    """Mean of the ratings in the last `window` calendar days, for every day from the first rating to the last.

    Days without a rating are skipped, not counted as zero; a day whose window holds no rating is NaN.
    """
    if daily_mean.empty:
        return daily_mean.astype("float64")
    calendar = daily_mean.asfreq("D")
    return calendar.rolling(window, min_periods=1).mean().rename("rolling_mean")


def pain_change(daily_mean: pd.Series, window: int = WINDOW_DAYS) -> PainChange:
    """Baseline (first `window` days with a rating) against the latest `window` days with a rating."""
    rated = daily_mean.dropna()
    days = len(rated)
    if days < 2 * window:
        return PainChange("not_enough", days)
    first, last = rated.iloc[:window], rated.iloc[-window:]
    baseline, latest = float(first.mean()), float(last.mean())
    change = latest - baseline
    # 2 points or 30% of the starting level, whichever is reached first; tolerance for float sums like 6.2 - 4.2.
    threshold = min(MEANINGFUL_POINTS, MEANINGFUL_FRACTION * baseline) if baseline > 0 else MEANINGFUL_POINTS
    if change < 0 and -change >= threshold - 1e-9:
        verdict = "better"
    elif change > 0 and change >= threshold - 1e-9:
        verdict = "worse"
    else:
        verdict = "no_change"
    return PainChange(
        verdict,
        days,
        baseline,
        latest,
        (first.index[0].date(), first.index[-1].date()),
        (last.index[0].date(), last.index[-1].date()),
    )


def _window_mean(daily_mean: pd.Series, end: pd.Timestamp, days_back: int, window: int = WINDOW_DAYS) -> tuple[
    float | None, int
]:
    """Mean of the daily means in the `window` calendar days ending `days_back` days before `end`."""
    stop = end - pd.Timedelta(days=days_back)
    start = stop - pd.Timedelta(days=window - 1)
    values = daily_mean[(daily_mean.index >= start) & (daily_mean.index <= stop)].dropna()
    return (float(values.mean()) if len(values) else None), len(values)


def worsening_alert(daily: pd.DataFrame, change: PainChange | None = None) -> WorseningAlert | None:
    """An alert when the latest 7 days look worse: mean up 2+ points on the 7 days before or on the first week,
    or several days at 8 or more. `daily` is daily_pain(); the latest week ends on the last rated day."""
    if daily.empty:
        return None
    end = daily.index[-1]
    latest, latest_n = _window_mean(daily["mean"], end, 0)
    previous, previous_n = _window_mean(daily["mean"], end, WINDOW_DAYS)
    reasons: list[str] = []
    enough = latest is not None and latest_n >= MIN_DAYS_TO_COMPARE
    if enough and previous is not None and previous_n >= MIN_DAYS_TO_COMPARE and latest - previous >= 2 - 1e-9:
        reasons.append(
            f"Your average pain over the latest 7 days ({latest:.1f}) is {latest - previous:.1f} points higher than "
            f"the 7 days before ({previous:.1f})."
        )
    if (
        enough
        and change is not None
        and change.baseline is not None
        and change.baseline_period is not None
        and pd.Timestamp(change.baseline_period[1]) < end - pd.Timedelta(days=WINDOW_DAYS - 1)
        and latest - change.baseline >= 2 - 1e-9
    ):
        reasons.append(
            f"Your average pain over the latest 7 days ({latest:.1f}) is {latest - change.baseline:.1f} points higher "
            f"than in your first week ({change.baseline:.1f})."
        )
    recent = daily[daily.index > end - pd.Timedelta(days=WINDOW_DAYS)]
    flare_days = int((recent["max"] >= FLARE_LEVEL).sum())
    if flare_days >= FLARE_DAYS:
        reasons.append(f"{flare_days} of the latest 7 days had pain of {FLARE_LEVEL:.0f} or more.")
    return WorseningAlert(tuple(reasons)) if reasons else None


# --- sessions ----------------------------------------------------------------------------------------------------


def week_start(dates: pd.Series | pd.DatetimeIndex) -> pd.Series | pd.DatetimeIndex:
    """The Monday of each date's ISO week (midnight)."""
    if isinstance(dates, pd.DatetimeIndex):
        return (dates - pd.to_timedelta(dates.weekday, unit="D")).normalize()
    return (dates - pd.to_timedelta(dates.dt.weekday, unit="D")).dt.normalize()


def sessions(frame: pd.DataFrame, lookup: Mapping[str, str]) -> pd.DataFrame:
    """The rows that log an exercise, with their type id and ISO week: columns date, week, type, minutes."""
    logged = frame["exercise"].fillna("").str.len() > 0
    rows = frame.loc[logged, ["date", "exercise", "minutes"]]
    return pd.DataFrame(
        {
            "date": rows["date"],
            "week": week_start(rows["date"]),
            "type": classify_activities(rows["exercise"], lookup),
            "minutes": rows["minutes"],
        }
    )


def _all_weeks(frame: pd.DataFrame) -> pd.DatetimeIndex:
    if frame.empty:
        return pd.DatetimeIndex([], name="week")
    first, last = frame["date"].min(), frame["date"].max()
    start = week_start(pd.DatetimeIndex([first]))[0]
    return pd.date_range(start, last, freq="W-MON", name="week")


def weekly_sessions(frame: pd.DataFrame, session_rows: pd.DataFrame, types: Iterable[str] = MAIN_TYPES) -> pd.DataFrame:
    """Exercise days per ISO week and type: a day with any plank, bridge... counts once for core.

    Index: every week (Monday) the log covers, weeks without exercise as 0. Columns: `types`, then 'other'
    (anything else, including warm-ups) only if it occurs.
    """
    types = list(types)
    weeks = _all_weeks(frame)
    days = session_rows[["week", "date", "type"]].drop_duplicates()
    counts = days.groupby(["week", "type"], observed=True).size().unstack("type", fill_value=0)
    counts.index = pd.DatetimeIndex(counts.index, name="week")
    table = counts.reindex(index=weeks, columns=types, fill_value=0)
    others = [c for c in counts.columns if c not in types]
    if others:
        other_days = days[~days["type"].isin(types)].drop_duplicates(["date"]).groupby("week").size()
        table["other"] = other_days.reindex(weeks, fill_value=0)
    return table.astype("int64")


def weekly_minutes(frame: pd.DataFrame, session_rows: pd.DataFrame, types: Iterable[str] = MAIN_TYPES) -> pd.DataFrame:
    """Minutes of exercise per ISO week and type (missing minutes count as 0). Index: every week the log covers."""
    types = list(types)
    weeks = _all_weeks(frame)
    totals = session_rows.groupby(["week", "type"], observed=True)["minutes"].sum(min_count=0).unstack(
        "type", fill_value=0.0
    )
    totals.index = pd.DatetimeIndex(totals.index, name="week")
    return totals.reindex(index=weeks, columns=types, fill_value=0.0).fillna(0.0).astype("float64")


def frequency_targets(types: Iterable[object]) -> dict[str, int]:
    """Sessions-a-week targets from the content's exercise types (objects with id and sessions_per_week),
    falling back to the evidence defaults (core 3, stretching 7, aerobic 5)."""
    targets = dict(DEFAULT_TARGETS)
    for exercise_type in types:
        per_week = getattr(exercise_type, "sessions_per_week", None)
        if per_week:
            targets[str(exercise_type.id)] = int(per_week)
    return {k: v for k, v in targets.items() if k in MAIN_TYPES}


def aerobic_minutes_target(types: Iterable[object]) -> int:
    """Weekly aerobic minutes: sessions_per_week x minutes_per_session of the aerobic type, else 150."""
    for exercise_type in types:
        if getattr(exercise_type, "id", None) == "aerobic":
            sessions_per_week = getattr(exercise_type, "sessions_per_week", None)
            minutes = getattr(exercise_type, "minutes_per_session", None)
            if sessions_per_week and minutes:
                return int(sessions_per_week) * int(minutes)
    return AEROBIC_MINUTES_TARGET


def adherence(
    weekly: pd.DataFrame, targets: Mapping[str, int], complete_through: dt.date | None = None
) -> pd.DataFrame:
    """Per type: target days a week, weeks counted, weeks the target was met, their share, mean days a week.

    With `complete_through`, a week counts only if its Sunday is on or before that day (a week still in progress
    would otherwise look like a missed target).
    """
    weeks = weekly
    if complete_through is not None:
        weeks = weekly[weekly.index + pd.Timedelta(days=6) <= pd.Timestamp(complete_through)]
    rows = []
    for type_id, target in targets.items():
        done = weeks[type_id] if type_id in weeks else pd.Series(0, index=weeks.index)
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


def plan_adherence(
    weekly: pd.DataFrame, minutes: pd.DataFrame, week_targets: Iterable[object], as_of: dt.date
) -> pd.DataFrame:
    """Each planned week (WeekTarget: week_start, type_id, sessions, minutes) up to `as_of` against what was logged.

    Columns: week, type, planned_sessions, done_sessions, planned_minutes, done_minutes, met (sessions reached, and
    minutes reached where minutes are planned).
    """
    planned = pd.DataFrame(
        [
            {"week": pd.Timestamp(t.week_start), "type": t.type_id, "planned_sessions": int(t.sessions),
             "planned_minutes": int(t.minutes)}
            for t in week_targets
        ],
        columns=["week", "type", "planned_sessions", "planned_minutes"],
    )
    planned = planned[planned["week"] <= pd.Timestamp(as_of)]
    done_sessions = weekly.stack().rename("done_sessions") if not weekly.empty else pd.Series(dtype="int64")
    done_minutes = minutes.stack().rename("done_minutes") if not minutes.empty else pd.Series(dtype="float64")
    keys = pd.MultiIndex.from_arrays([planned["week"], planned["type"]])
    planned = planned.assign(
        done_sessions=done_sessions.reindex(keys, fill_value=0).fillna(0).to_numpy(dtype="int64"),
        done_minutes=done_minutes.reindex(keys, fill_value=0.0).fillna(0.0).to_numpy(dtype="float64"),
    )
    planned["met"] = (planned["done_sessions"] >= planned["planned_sessions"]) & (
        (planned["planned_minutes"] == 0) | (planned["done_minutes"] >= planned["planned_minutes"])
    )
    return planned.reset_index(drop=True)


# --- days -------------------------------------------------------------------------------------------------------


def daily_activity(frame: pd.DataFrame, session_rows: pd.DataFrame) -> pd.DataFrame:
    """Every calendar day the log covers: exercise minutes, sessions (rows with an exercise) and whether
    pain was rated. Index: date."""
    if frame.empty:
        return pd.DataFrame(columns=["minutes", "sessions", "rated"], index=pd.DatetimeIndex([], name="date"))
    days = pd.date_range(frame["date"].min(), frame["date"].max(), freq="D", name="date")
    per_day = session_rows.groupby("date")["minutes"].agg(["sum", "size"])
    rated_days = pd.Index(frame.loc[frame["pain"].notna(), "date"].unique())
    table = pd.DataFrame(index=days)
    table["minutes"] = per_day["sum"].reindex(days, fill_value=0.0).fillna(0.0).astype("float64")
    table["sessions"] = per_day["size"].reindex(days, fill_value=0).astype("int64")
    table["rated"] = days.isin(rated_days)
    return table


def exercise_vs_rest(daily: pd.DataFrame, activity: pd.DataFrame) -> ExerciseRestComparison:
    """Mean daily pain on rated days with at least one exercise logged against rated days with none."""
    if daily.empty:
        return ExerciseRestComparison(0, 0, None, None)
    exercised = activity["sessions"].reindex(daily.index, fill_value=0) > 0
    on, off = daily.loc[exercised, "mean"], daily.loc[~exercised, "mean"]
    return ExerciseRestComparison(
        int(len(on)),
        int(len(off)),
        float(on.mean()) if len(on) else None,
        float(off.mean()) if len(off) else None,
    )


def summarise(frame: pd.DataFrame, daily: pd.DataFrame, activity: pd.DataFrame,
              session_rows: pd.DataFrame) -> LogSummary | None:
    """Headline numbers for the latest 7 days of the log (ending on its last day) and the 7 days before."""
    if frame.empty:
        return None
    end = frame["date"].max()
    latest_pain, _ = _window_mean(daily["mean"], end, 0)
    previous_pain, _ = _window_mean(daily["mean"], end, WINDOW_DAYS)

    def in_window(index: pd.Index, days_back: int) -> np.ndarray:
        stop = end - pd.Timedelta(days=days_back)
        return (index > stop - pd.Timedelta(days=WINDOW_DAYS)) & (index <= stop)

    exercised = activity["sessions"] > 0
    aerobic = session_rows[session_rows["type"] == "aerobic"]
    return LogSummary(
        end=end.date(),
        days_logged=int(frame["date"].nunique()),
        pain_latest=latest_pain,
        pain_previous=previous_pain,
        exercise_days_latest=int((exercised & in_window(activity.index, 0)).sum()),
        exercise_days_previous=int((exercised & in_window(activity.index, WINDOW_DAYS)).sum()),
        aerobic_minutes_latest=float(aerobic.loc[in_window(pd.Index(aerobic["date"]), 0), "minutes"].sum()),
        aerobic_minutes_previous=float(
            aerobic.loc[in_window(pd.Index(aerobic["date"]), WINDOW_DAYS), "minutes"].sum()
        ),
    )
