"""What the clinician summary says, worked out once from the diary and the profile: the facts both versions show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from spinewell import palette
from spinewell.analysis import alerts, pain, tables, weeks
from spinewell.analysis.days import MAIN_TYPES
from spinewell.assessment.recommend import Recommendation
from spinewell.content.models import Content
from spinewell.program.plan import Plan
from spinewell.summary import words

WEEKS_SHOWN = 12  # the weekly tables and charts show the latest 12 weeks: what fits a page
NOTES_SHOWN = 10  # the most recent notes from the diary


@dataclass(frozen=True)
class Sources:
    """What a summary is built from: the diary (its clean entries and their day table) and the profile's values."""

    frame: pd.DataFrame  # log.read's clean entries: date, time, pain, exercise, minutes, notes
    days: pd.DataFrame  # analysis.days.day_table of `frame`
    content: Content
    today: dt.date
    recommendation: Recommendation | None = None  # the current program (None: no program yet, or a referral)
    plan: Plan | None = None
    reviews: Sequence[Mapping] = ()  # keys.REVIEWS
    screen: tuple[str, ...] | None = None  # the ticked red-flag ids (None: the screen is not answered yet)
    screened_on: dt.date | None = None
    doctor_checked: bool = False
    answers: Mapping[str, object] = field(default_factory=dict)
    goals: Sequence[Mapping] | None = None  # [{"id", "name", "ratings": [{"date", "score"}]}]; None: no goals kept
    kept_up_to_date: bool = True  # the diary is the person's own, kept to today (weeks up to today are over)


@dataclass(frozen=True)
class Table:
    """A table as both versions show it: a heading of columns and rows of text."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Facts:
    """Everything the summary says. The weekly frames hold the numbers both the charts and their tables show."""

    made_on: dt.date
    first_day: dt.date | None
    last_day: dt.date | None
    key_figures: tuple[str, ...]
    change: pain.PainChange
    alerts: tuple[str, ...]
    pain_weeks: pd.DataFrame  # index: week (Monday); days_rated, average, highest
    sessions: pd.DataFrame  # index: week; a column of exercise days per type id
    session_targets: pd.DataFrame  # the same shape: each week's target days (NaN: none)
    aerobic_minutes: pd.Series  # index: week
    aerobic_target: int
    labels: Mapping[str, str]  # type id -> its label
    weeks_left_out: int  # older weeks not in the weekly tables
    over_by: dt.date | None  # the weeks ending by this day are over; a later one is still in progress
    adherence: Table | None
    plan: Table | None
    program: words.Program | None
    reviews: tuple[str, ...]
    screen: words.ScreenResult
    goals: tuple[str, ...] | None
    notes: tuple[tuple[str, str], ...]  # (day in words, the note as written), newest first
    disclaimer: str
    emergency: str

    @property
    def period(self) -> str:
        if self.first_day is None or self.last_day is None:
            return "No diary entries yet"
        return f"{words.day(self.first_day)} to {words.day(self.last_day)}"

    def week_label(self, week: pd.Timestamp) -> str:
        """The week by its Monday, with "(so far)" while it is in progress: its target is not missed yet."""
        in_progress = self.over_by is not None and (week + pd.Timedelta(days=6)).date() > self.over_by
        return words.day(week.date()) + (" (so far)" if in_progress else "")

    def pain_table(self) -> Table:
        rows = tuple(
            (self.week_label(week), str(int(row.days_rated)), f"{row.average:.1f}", f"{row.highest:.0f}")
            for week, row in self.pain_weeks.iterrows()
        )
        return Table(("Week of", "Days rated", "Average pain", "Highest rating"), rows)

    def sessions_table(self) -> Table:
        types = list(self.sessions.columns)
        rows = []
        for week in self.sessions.index:
            cells = [self.week_label(week)]
            for type_id in types:
                done, target = int(self.sessions.at[week, type_id]), self.session_targets.at[week, type_id]
                cells.append(f"{done} of {target:.0f}" if pd.notna(target) else str(done))
            rows.append(tuple(cells))
        return Table(("Week of", *(f"{self.labels.get(t, t)} days" for t in types)), tuple(rows))

    def minutes_table(self) -> Table:
        rows = tuple((self.week_label(week), f"{minutes:.0f}", f"{self.aerobic_target}")
                     for week, minutes in self.aerobic_minutes.items())
        return Table(("Week of", "Aerobic minutes", "Usual advice"), rows)


def pain_by_week(days: pd.DataFrame) -> pd.DataFrame:
    """Per ISO week with a rating: days rated, the average of the daily means, the highest single rating."""
    rated = days[days["ratings"] > 0]
    if rated.empty:
        return pd.DataFrame(columns=["days_rated", "average", "highest"], index=pd.DatetimeIndex([], name="week"))
    grouped = rated.groupby(rated.index.to_period("W-SUN").start_time)
    table = pd.DataFrame({"days_rated": grouped["pain_mean"].count(), "average": grouped["pain_mean"].mean(),
                          "highest": grouped["pain_max"].max()})
    table.index.name = "week"
    return table


def _targets_by_week(weekly: pd.DataFrame, sources: Sources, targets: Mapping[str, int]) -> pd.DataFrame:
    drawn = weeks.session_targets(weekly.index, targets, None if sources.plan is None else sources.plan.weekly_targets)
    if isinstance(drawn, pd.DataFrame):
        return drawn.reindex(index=weekly.index, columns=weekly.columns).astype("float64")
    return pd.DataFrame({t: float(drawn[t]) if t in drawn else np.nan for t in weekly.columns}, index=weekly.index)


def _alerts(days: pd.DataFrame, content: Content) -> tuple[str, ...]:
    if (alert := alerts.worsening_alert(days)) is not None:
        return ("Pain looks worse lately.", *alert.reasons, alert.advice, content.questionnaire.safety.emergency)
    if (steady := alerts.steady_high_pain(days)) is not None:
        return (steady.text,)
    return ("No alert: the latest week does not look worse than the week before or the first week.",)


def _key_figures(sources: Sources, change: pain.PainChange, aerobic_target: int) -> tuple[str, ...]:
    days = sources.days
    rated = int((days["ratings"] > 0).sum()) if len(days) else 0
    figures = [f"{len(sources.frame)} diary entries over {len(days)} days, {rated} of them with a pain rating."]
    if change.baseline is not None and change.latest is not None:
        assert change.baseline_period is not None and change.latest_period is not None
        figures.append(f"Average pain in the first 7 days with a rating ({words.span(change.baseline_period)}): "
                       f"{change.baseline:.1f} out of 10.")
        figures.append(f"Average pain in the latest 7 days with a rating ({words.span(change.latest_period)}): "
                       f"{change.latest:.1f} out of 10.")
    if (latest := weeks.summarise(days)) is not None:
        figures.append(f"In the latest {latest.days_latest} days (to {words.day(latest.end)}): exercise on "
                       f"{latest.exercise_days_latest} days, {latest.aerobic_minutes_latest:.0f} minutes of aerobic "
                       f"exercise (the usual advice is {aerobic_target} a week).")
    return tuple(figures)


def _recent_notes(frame: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    if frame.empty or "notes" not in frame:
        return ()
    noted = frame[frame["notes"].fillna("").str.strip() != ""].tail(NOTES_SHOWN).iloc[::-1]
    return tuple((words.day(pd.Timestamp(day).date()), str(note))
                 for day, note in zip(noted["date"], noted["notes"], strict=True))


def _weekly_tables(sources: Sources, labels: Mapping[str, str]) -> tuple[Table | None, Table | None]:
    """The targets reached over complete weeks, and the plan's weeks against the diary."""
    days, content = sources.days, sources.content
    if days.empty:
        return None, None
    weekly, minutes = weeks.weekly_sessions(days), weeks.weekly_minutes(days)
    first, last = days.index[0].date(), days.index[-1].date()
    complete = weeks.complete_weeks(weekly, weeks.weeks_over_by(last, last, sources.today, sources.kept_up_to_date),
                                    first)
    targets = weeks.frequency_targets(content.exercise_types)
    reached = None if complete.empty else _table(tables.adherence_table(weeks.adherence(complete, targets), labels))
    planned = None
    if sources.plan is not None:
        rows = weeks.plan_adherence(weekly, minutes, sources.plan.weekly_targets, min(last, sources.today))
        planned = None if rows.empty else _table(tables.plan_table(rows, labels))
    return reached, planned


def _table(frame: pd.DataFrame) -> Table:
    def cell(value: object) -> str:
        if isinstance(value, float):
            return "" if np.isnan(value) else f"{value:.1f}"
        return words.day(value) if isinstance(value, dt.date) else str(value)

    return Table(tuple(frame.columns), tuple(tuple(cell(v) for v in row) for row in frame.itertuples(index=False)))


def build(sources: Sources) -> Facts:
    """The summary's facts. Pure: the same sources always give the same facts."""
    content, days = sources.content, sources.days
    labels = {type_id: style.label for type_id, style in palette.type_styles(content).items()}
    daily = pain.daily_pain(days) if len(days) else pd.Series(dtype="float64")
    change = pain.pain_change(daily, early_episode=pain.is_early_episode(sources.answers))
    aerobic_target = weeks.aerobic_minutes_target(content.exercise_types)
    weekly = weeks.weekly_sessions(days)[list(MAIN_TYPES)] if len(days) else pd.DataFrame(columns=list(MAIN_TYPES))
    minutes = weeks.weekly_minutes(days)["aerobic"] if len(days) else pd.Series(dtype="float64")
    shown = weekly.tail(WEEKS_SHOWN)
    reached, planned = _weekly_tables(sources, labels)
    questionnaire = content.questionnaire
    return Facts(
        made_on=sources.today,
        first_day=days.index[0].date() if len(days) else None,
        last_day=days.index[-1].date() if len(days) else None,
        key_figures=_key_figures(sources, change, aerobic_target),
        change=change,
        alerts=_alerts(days, content) if len(days) else (),
        pain_weeks=pain_by_week(days).tail(WEEKS_SHOWN) if len(days) else pain_by_week(days),
        sessions=shown,
        session_targets=_targets_by_week(shown, sources, weeks.frequency_targets(content.exercise_types)),
        aerobic_minutes=minutes.tail(WEEKS_SHOWN),
        aerobic_target=aerobic_target,
        labels=labels,
        weeks_left_out=max(0, len(weekly) - WEEKS_SHOWN),
        over_by=None if days.empty else weeks.weeks_over_by(
            days.index[-1].date(), days.index[-1].date(), sources.today, sources.kept_up_to_date),
        adherence=reached,
        plan=planned,
        program=words.program(sources.recommendation, sources.plan, sources.today),
        reviews=words.reviews(sources.reviews),
        screen=words.screen_result(questionnaire, sources.screen, sources.screened_on, sources.doctor_checked),
        goals=None if sources.goals is None else words.goals(sources.goals),
        notes=_recent_notes(sources.frame),
        disclaimer=questionnaire.safety.disclaimer,
        emergency=questionnaire.safety.emergency,
    )
