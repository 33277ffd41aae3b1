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
ALL_TYPES = ("core", "stretching", "aerobic", "warmup", "cooldown", "other")
DEFAULT_TARGETS: Mapping[str, int] = {"core": 3, "stretching": 7, "aerobic": 5}
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


# --- the day table: one row per calendar day, the only pass over the log's rows ---------------------------------------


def day_table(frame: pd.DataFrame, lookup: Mapping[str, str]) -> pd.DataFrame:
    """One row per calendar day from the first entry to the last (days without entries included).

    Columns: pain_mean, pain_max (NaN without ratings), ratings (count), sessions and minutes (all exercise rows),
    and `<type>_sessions` / `<type>_minutes` for each of ALL_TYPES (a session is a row naming an exercise; rows
    without minutes add 0 minutes). Everything else in this module works from this table, so its cost follows the
    number of days, not rows.
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
    n_days = len(calendar)
    # Pain: sums over each run of equal days (the log comes sorted by date; sorted here if it isn't). reduceat
    # skips the rows without a rating by fmax: fmax(NaN, 0) is 0 for the sum, and the max ignores NaN (ratings
    # are never negative).
    pain = frame["pain"].to_numpy(dtype="float64")
    run_day = day
    if len(day) > 1 and (np.diff(day) < 0).any():
        order = np.argsort(day, kind="stable")
        run_day, pain = day[order], pain[order]
    starts = np.flatnonzero(np.r_[True, np.diff(run_day) > 0])
    ratings = np.zeros(n_days, dtype="int64")
    ratings[run_day[starts]] = np.add.reduceat(~np.isnan(pain), starts, dtype="int64")
    totals = np.zeros(n_days)
    totals[run_day[starts]] = np.add.reduceat(np.fmax(pain, 0.0), starts)
    highest = np.full(n_days, np.nan)
    highest[run_day[starts]] = np.fmax.reduceat(pain, starts)
    with np.errstate(invalid="ignore", divide="ignore"):
        pain_mean = np.where(ratings > 0, totals / ratings, np.nan)

    # Exercise: one np.bincount over all rows, for sessions and for minutes (NaN minutes count 0, by fmax).
    # One bucket per day and type; bucket 0 of each day takes the rows without an exercise, and is dropped.
    types = len(ALL_TYPES) + 1
    slot = day * types + (_type_codes(frame["exercise"], lookup) + 1)
    size = n_days * types
    per_type_sessions = np.bincount(slot, minlength=size).reshape(n_days, types)[:, 1:]
    minutes = np.fmax(frame["minutes"].to_numpy(dtype="float64"), 0.0)
    per_type_minutes = np.bincount(slot, weights=minutes, minlength=size).reshape(n_days, types)[:, 1:]
    table = {
        "pain_mean": pain_mean,
        "pain_max": highest,
        "ratings": ratings,
        "sessions": per_type_sessions.sum(axis=1),
        "minutes": per_type_minutes.sum(axis=1),
    }
    for position, type_id in enumerate(ALL_TYPES):
        table[f"{type_id}_sessions"] = per_type_sessions[:, position]
        table[f"{type_id}_minutes"] = per_type_minutes[:, position]
    return pd.DataFrame(table, index=calendar)


def _type_codes(exercise: pd.Series, lookup: Mapping[str, str]) -> np.ndarray:
    """Per row, the position in ALL_TYPES of its exercise's type (-1 for none), classifying each name once."""
    codes, types = _classify_each_name(exercise, lookup)
    positions = {type_id: i for i, type_id in enumerate(ALL_TYPES)}
    per_name = [-1 if t is None else positions.get(t, positions["other"]) for t in types]
    return np.array([*per_name, -1], dtype="int64")[codes]


def filter_dates(frame: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
    """Rows from start to end inclusive (either may be None)."""
    mask = pd.Series(True, index=frame.index)
    if start is not None:
        mask &= frame["date"] >= pd.Timestamp(start)
    if end is not None:
        mask &= frame["date"] <= pd.Timestamp(end)
    return frame if mask.all() else frame[mask]


# --- pain --------------------------------------------------------------------------------------------------------


def daily_pain(days: pd.DataFrame) -> pd.Series:
    """Mean pain of each day that has at least one rating (index: date)."""
    return days.loc[days["ratings"] > 0, "pain_mean"].rename("pain")


def rolling_pain(daily: pd.Series, window: int = WINDOW_DAYS) -> pd.Series:
    """Mean of the ratings in the last `window` calendar days, for every day from the first rating to the last.

    Days without a rating are skipped, not counted as zero; a day whose window holds no rating is NaN.
    """
    if daily.empty:
        return daily.astype("float64")
    calendar = daily.asfreq("D")
    return calendar.rolling(window, min_periods=1).mean().rename("rolling_mean")


def pain_change(daily: pd.Series, window: int = WINDOW_DAYS) -> PainChange:
    """Baseline (the first `window` days with a rating) against the latest `window` days with a rating."""
    rated = daily.dropna()
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


def _window(days: pd.DataFrame, end: pd.Timestamp, days_back: int) -> pd.DataFrame:
    """The rows of the day table in the 7 calendar days ending `days_back` days before `end`."""
    stop = end - pd.Timedelta(days=days_back)
    return days[(days.index > stop - pd.Timedelta(days=WINDOW_DAYS)) & (days.index <= stop)]


def _mean_pain(days: pd.DataFrame) -> tuple[float | None, int]:
    rated = days["pain_mean"].dropna()
    return (float(rated.mean()) if len(rated) else None), len(rated)


def worsening_alert(days: pd.DataFrame, change: PainChange | None = None) -> WorseningAlert | None:
    """An alert when the latest 7 days (ending on the last rated day) look worse: mean pain up 2 points or more on
    the 7 days before or on the first week, or several (3+) days at 8 or more."""
    rated = days[days["ratings"] > 0]
    if rated.empty:
        return None
    end = rated.index[-1]
    latest, latest_n = _mean_pain(_window(days, end, 0))
    previous, previous_n = _mean_pain(_window(days, end, WINDOW_DAYS))
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
        and pd.Timestamp(change.baseline_period[1]) <= end - pd.Timedelta(days=WINDOW_DAYS)
        and latest - change.baseline >= 2 - 1e-9
    ):
        reasons.append(
            f"Your average pain over the latest 7 days ({latest:.1f}) is {latest - change.baseline:.1f} points higher "
            f"than in your first week ({change.baseline:.1f})."
        )
    flare_days = int((_window(days, end, 0)["pain_max"] >= FLARE_LEVEL).sum())
    if flare_days >= FLARE_DAYS:
        reasons.append(f"{flare_days} of the latest 7 days had pain of {FLARE_LEVEL:.0f} or more.")
    return WorseningAlert(tuple(reasons)) if reasons else None


def exercise_vs_rest(days: pd.DataFrame) -> ExerciseRestComparison:
    """Mean daily pain on rated days with at least one exercise logged against rated days with none."""
    rated = days[days["ratings"] > 0]
    exercised = rated["sessions"] > 0
    on, off = rated.loc[exercised, "pain_mean"], rated.loc[~exercised, "pain_mean"]
    return ExerciseRestComparison(
        int(len(on)),
        int(len(off)),
        float(on.mean()) if len(on) else None,
        float(off.mean()) if len(off) else None,
    )


# --- weeks --------------------------------------------------------------------------------------------------------


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


def complete_weeks(weekly: pd.DataFrame, last_day: dt.date) -> pd.DataFrame:
    """The weeks whose Sunday is on or before `last_day` (a week still in progress would look like a missed target)."""
    return weekly[weekly.index + pd.Timedelta(days=6) <= pd.Timestamp(last_day)]


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


# --- headline numbers -----------------------------------------------------------------------------------------


def summarise(days: pd.DataFrame) -> LogSummary | None:
    """Headline numbers for the latest 7 days of the log (ending on its last day) and the 7 days before."""
    if days.empty:
        return None
    end = days.index[-1]
    latest, previous = _window(days, end, 0), _window(days, end, WINDOW_DAYS)
    logged = (days["ratings"] > 0) | (days["sessions"] > 0)
    return LogSummary(
        end=end.date(),
        days_logged=int(logged.sum()),
        pain_latest=_mean_pain(latest)[0],
        pain_previous=_mean_pain(previous)[0],
        exercise_days_latest=int((latest["sessions"] > 0).sum()),
        exercise_days_previous=int((previous["sessions"] > 0).sum()),
        aerobic_minutes_latest=float(latest["aerobic_minutes"].sum()),
        aerobic_minutes_previous=float(previous["aerobic_minutes"].sum()),
    )
