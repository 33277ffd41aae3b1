"""The log page's figures in words and tables: the headline numbers with their change, and the targets met."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from spinewell.analysis import alerts
from spinewell.analysis.days import WINDOW_DAYS
from spinewell.analysis.pain import MEANINGFUL_FRACTION, MEANINGFUL_POINTS, SMALLEST_CHANGE, WORSE_POINTS, PainChange
from spinewell.analysis.weeks import LogSummary, covers_week_before, week_on_week

_VERDICT_WORDS = {"better": "a real improvement", "worse": "worse", "no_change": "not a real change yet"}
_VERDICT_COLOURS = {"better": "green", "worse": "red", "no_change": "gray"}

HOW_CHANGE_IS_JUDGED = (
    f"**Better** means your average pain over your latest {WINDOW_DAYS} days with a rating is lower than over your "
    f"first {WINDOW_DAYS}. The fall has to be {MEANINGFUL_FRACTION:.0%} of where you started or "
    f"{MEANINGFUL_POINTS:.0f} points, whichever is smaller, and at least {SMALLEST_CHANGE:.0f} point. Research on "
    "back pain uses a change this size as one that matters to people.",
    f"**Worse** means a rise of {WORSE_POINTS:.0f} point or more. This is Spinewell's own rule: the research looked "
    "at getting better, not at getting worse.",
    f"**A warning to ease off** comes when your average over the latest 7 days is {alerts.ALERT_RISE:.0f} points or "
    f"more above the 7 days before, or above your first week. It also comes when {alerts.FLARE_DAYS} of the latest "
    f"7 days had pain of {alerts.FLARE_LEVEL:.0f} or more, but only if that is new for you: your first week had "
    f"fewer days that high, or your average is now {WORSE_POINTS:.0f} point or more above your first week.",
    f"**Pain that has stayed high** (an average of {alerts.HIGH_PAIN:.0f} or more in your first week and in the "
    "latest 7 days) is not counted as worse. You get a calm note instead.",
)


@dataclass(frozen=True)
class Metric:
    """One headline number as shown: its label, value, the change (None for none), the change's colour
    ("normal": a rise is good, "inverse": a fall is good, "off": grey, or a colour name), whether to draw an
    arrow, and a help text."""

    label: str
    value: str
    delta: str | None = None
    colour: str = "off"
    arrow: bool = False
    help: str | None = None


def headline_metrics(summary: LogSummary, change: PainChange, aerobic_target: int) -> tuple[Metric, ...]:
    """The latest 7 days' pain, exercise days and aerobic minutes against the 7 before, and, once there are two
    weeks of ratings, the change since the first week with its verdict."""
    pain = week_on_week(summary.pain_latest, summary.pain_previous, 1)
    days = week_on_week(summary.exercise_days_latest, summary.exercise_days_previous)
    aerobic = week_on_week(summary.aerobic_minutes_latest, summary.aerobic_minutes_previous)
    full = summary.days_latest >= WINDOW_DAYS
    period = "last 7 days" if full else "so far"
    metrics = [
        Metric(
            f"Pain, {period}",
            "No ratings" if summary.pain_latest is None else f"{summary.pain_latest:.1f} / 10",
            pain.text, "inverse" if pain.coloured else "off", pain.coloured,
            f"The {summary.days_latest} days up to {summary.end:%d %b %Y}, the last day shown. Lower is better.",
        ),
        Metric(f"Exercise days, {period}", f"{summary.exercise_days_latest} of {summary.days_latest}", days.text,
               "normal" if days.coloured else "off", days.coloured),
        Metric(
            f"Aerobic, {period}", f"{summary.aerobic_minutes_latest:.0f} / {aerobic_target}", aerobic.text,
            "normal" if aerobic.coloured else "off", aerobic.coloured,
            f"Minutes of walking, swimming, cycling and similar. The usual advice is {aerobic_target} minutes a week.",
        ),
    ]
    if change.change is not None and change.threshold is not None:
        metrics.append(Metric(
            "Since your first week", f"{change.change:+.1f} points", _VERDICT_WORDS[change.verdict],
            _VERDICT_COLOURS[change.verdict], False,
            f"From your first week ({change.baseline:.1f}), a fall of {change.threshold:.1f} points or more is a real "
            f"improvement. A rise of {WORSE_POINTS:.0f} point or more counts as worse (Spinewell's own rule).",
        ))
    return tuple(metrics)


def _days(count: int) -> str:
    return f"{count} more day" + ("" if count == 1 else "s")


def still_to_come(days: pd.DataFrame, change: PainChange) -> tuple[str, ...]:
    """What the page will show once the log is longer, and when: a full week, the change on the week before (once
    the log covers two weeks), the change since the first week (once 14 days have a rating). Empty when all show."""
    if days.empty:
        return ()
    span = (days.index[-1] - days.index[0]).days + 1
    notes = []
    if span < WINDOW_DAYS:
        notes.append(f"Log {_days(WINDOW_DAYS - span)} to fill your first week and see a 7-day average.")
    if not covers_week_before(days):
        notes.append(f"Log {_days(2 * WINDOW_DAYS - span)} to see how each week compares with the week before.")
    if change.verdict == "not_enough":
        notes.append(f"Rate your pain on {_days(2 * WINDOW_DAYS - change.rated_days)} to see whether it has changed "
                     "since your first week.")
    return tuple(notes)


def adherence_table(adherence: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """weeks.adherence() as shown: Type, Target, Weeks reached, Average days a week."""
    return pd.DataFrame({
        "Type": [labels.get(t, t) for t in adherence["type"]],
        "Target": [f"{n} days a week" for n in adherence["target"]],
        "Weeks reached": [f"{m} of {w}" for m, w in zip(adherence["weeks_met"], adherence["weeks"], strict=True)],
        "Average days a week": adherence["mean_per_week"].round(1),
    })


def plan_table(planned: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """weeks.plan_adherence() as shown: Week of, Type, Sessions, Minutes ("" where none are planned), Done."""
    return pd.DataFrame({
        "Week of": planned["week"].dt.date,
        "Type": [labels.get(t, t) for t in planned["type"]],
        "Sessions": [f"{d} of {p}" for d, p in zip(planned["done_sessions"], planned["planned_sessions"], strict=True)],
        "Minutes": [f"{d:.0f} of {p}" if p else ""
                    for d, p in zip(planned["done_minutes"], planned["planned_minutes"], strict=True)],
        "Done": ["yes" if met else "not yet" for met in planned["met"]],
    })
