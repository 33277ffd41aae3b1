"""The log page's figures in words and tables: the headline numbers with their change, and the targets met."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from spinewell.analysis.pain import PainChange
from spinewell.analysis.weeks import LogSummary, week_on_week

_VERDICT_WORDS = {"better": "a real improvement", "worse": "worse", "no_change": "not a real change yet"}
_VERDICT_COLOURS = {"better": "green", "worse": "red", "no_change": "gray"}


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
    metrics = [
        Metric(
            "Pain, last 7 days",
            "No ratings" if summary.pain_latest is None else f"{summary.pain_latest:.1f} / 10",
            pain.text, "inverse" if pain.coloured else "off", pain.coloured,
            f"The 7 days up to {summary.end:%d %b %Y}, the last day shown. Lower is better.",
        ),
        Metric("Exercise days, last 7 days", f"{summary.exercise_days_latest} of 7", days.text,
               "normal" if days.coloured else "off", days.coloured),
        Metric(
            "Aerobic, last 7 days", f"{summary.aerobic_minutes_latest:.0f} / {aerobic_target}", aerobic.text,
            "normal" if aerobic.coloured else "off", aerobic.coloured,
            f"Minutes of walking, swimming, cycling and similar. The usual advice is {aerobic_target} minutes a week.",
        ),
    ]
    if change.change is not None:
        metrics.append(Metric(
            "Since your first week", f"{change.change:+.1f} points", _VERDICT_WORDS[change.verdict],
            _VERDICT_COLOURS[change.verdict], False,
            "A fall of 2 points, or of 30% from where you started, is the usual sign of a change that matters.",
        ))
    return tuple(metrics)


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
