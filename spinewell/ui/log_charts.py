"""The Log page's charts, one at a time: a choice of chart, then the chart, its sentence and its numbers as a table.

The choice runs as a fragment (choosing another chart draws only this part again), and each figure is kept for the
session, keyed on the days it shows and its options: a rerun for anything else on the page builds no figure."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from spinewell import charts
from spinewell.analysis import pain, weeks
from spinewell.analysis.pain import PainChange
from spinewell.log import store
from spinewell.palette import SeriesStyle
from spinewell.ui import cache

CHOICES = ("Pain", "Exercise days", "Aerobic minutes", "Calendar", "Exercise and rest")
TITLES = dict(zip(CHOICES, ("Pain over time", "Exercise days per week", "Aerobic minutes per week",
                            "Activity calendar", "Pain on exercise days and rest days"), strict=True))
KEY = "log.chart"
FIGURES_KEPT = 12  # per session: every chart of the range shown and of the one before


@dataclass(frozen=True, eq=False)
class Shown:
    """What the charts draw: the days in the range, their pain by day and its change, and the targets; `key` names
    the diary and the range they come from (data_key), so that a figure is found again without hashing the days."""

    key: str
    days: pd.DataFrame
    daily: pd.Series
    change: PainChange
    early_episode: bool
    start: dt.date
    end: dt.date
    targets: Mapping[str, int]
    plan_targets: tuple | None
    aerobic_target: int
    styles: Mapping[str, SeriesStyle]


def data_key(data: bytes, added: bytes, *parts: object) -> str:
    """A short name for a diary's bytes, what this session added to them, and how they are read and shown
    (date order, today, the range): hashing the bytes takes microseconds, hashing the day table milliseconds."""
    digest = hashlib.blake2b(data, digest_size=16)
    digest.update(b"\0" + hashlib.blake2b(added, digest_size=16).digest())
    return digest.hexdigest() + "|" + "|".join(map(str, parts))


@st.cache_resource(scope="session", show_spinner=False, max_entries=FIGURES_KEPT, ttl=cache.KEPT_FOR)
def _figure(choice: str, key: str, options: str, _build: Callable[[], charts.ChartView]) -> charts.ChartView:
    # Keyed on the diary and range (Shown.key) and the options as text; the figure is never changed after.
    return _build()


@st.cache_data(scope="session", show_spinner=False, max_entries=2, ttl=cache.KEPT_FOR)
def csv_bytes(key: str, _frame: pd.DataFrame) -> bytes:
    """The clean diary as CSV for its download button, made once per diary (key: data_key)."""
    return store.to_csv_bytes(_frame)


def _build(choice: str, shown: Shown) -> Callable[[], charts.ChartView]:
    days = shown.days
    if choice == "Pain":
        return lambda: charts.pain_trend(shown.daily, pain.rolling_pain(shown.daily), shown.change)
    if choice == "Exercise days":
        def sessions() -> charts.ChartView:
            weekly = weeks.weekly_sessions(days)
            drawn = weeks.session_targets(weekly.index, shown.targets, shown.plan_targets)
            return charts.weekly_sessions(weekly, drawn, shown.styles, through=shown.end)
        return sessions
    if choice == "Aerobic minutes":
        return lambda: charts.aerobic_minutes(weeks.weekly_minutes(days)["aerobic"], shown.aerobic_target,
                                              shown.styles["aerobic"], through=shown.end, first_day=shown.start)
    if choice == "Calendar":
        return lambda: charts.activity_calendar(days)
    return lambda: charts.exercise_vs_rest(pain.exercise_vs_rest(days))


def view(choice: str, shown: Shown) -> charts.ChartView | str:
    """The chart `choice` of what is shown (from the session's figures when it was drawn before), or the sentence
    said instead when there is too little to compare (exercise and rest days)."""
    if choice == "Exercise and rest" and not (comparison := pain.exercise_vs_rest(shown.days)).enough:
        return comparison.text
    options = repr((shown.early_episode, shown.start, shown.end, sorted(shown.targets.items()), shown.plan_targets,
                    shown.aerobic_target, sorted((k, s.label, s.colour) for k, s in shown.styles.items())))
    return _figure(choice, shown.key, options, _build(choice, shown))


@st.fragment
def chosen_chart(shown: Shown) -> None:
    """The choice of chart and the chart chosen (Pain at first), with its sentence and its numbers."""
    choice = st.segmented_control("Chart to show", CHOICES, default=CHOICES[0], required=True, key=KEY,
                                  help="One chart at a time: pick another to see it.") or CHOICES[0]
    found = view(choice, shown)
    if isinstance(found, str):
        st.caption(found)
        return
    st.plotly_chart(found.figure, alt=found.alt, key=f"log.chart.{choice}", config=charts.CONFIG)
    st.caption(found.summary)
    if found.table is not None and len(found.table):
        with st.expander("The numbers in this chart", icon=":material/table:"):
            st.dataframe(found.table, hide_index=True, width="stretch")
