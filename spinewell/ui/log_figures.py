"""What the Log page works out from the days shown, once per diary and range in a session: the day table, the
pain by day and its change, the alerts, the headline figures, the target tables and the entries table. A rerun for
anything else (typing in the form, choosing another chart) finds them again instead of working them out anew."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from spinewell.analysis import alerts, pain, tables, weeks
from spinewell.analysis.days import filter_dates
from spinewell.log import describe
from spinewell.ui import cache

KEPT = 4  # per session: the range shown and a few before it


@dataclass(frozen=True, eq=False)
class Figures:
    """The figures of the days from `start` to `end`; `adherence` is None without a complete week, `planned` None
    without a plan (and empty before its first week)."""

    shown: pd.DataFrame
    daily: pd.Series
    change: pain.PainChange
    alert: alerts.WorseningAlert | None
    steady: alerts.SteadyHighPain | None
    metrics: tuple[tables.Metric, ...]
    coming: tuple[str, ...]
    adherence: pd.DataFrame | None
    planned: pd.DataFrame | None


@st.cache_resource(scope="session", show_spinner=False, max_entries=2, ttl=cache.KEPT_FOR)
def days(key: str, _data: bytes, _added: bytes, date_order: str, today: dt.date,
         _lookup: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """cache.log_days, found again by `key` (log_charts.data_key: the bytes, date order and day) without copying
    it as st.cache_data does: read it, never change it."""
    return cache.log_days(_data, _added, date_order, today, _lookup)


@st.cache_resource(scope="session", show_spinner=False, max_entries=KEPT, ttl=cache.KEPT_FOR)
def _figures(key: str, _days: pd.DataFrame, start: dt.date, end: dt.date, early_episode: bool, as_of: dt.date,
             weeks_over: dt.date, _targets: Mapping[str, int], _plan: tuple | None, plan_key: str,
             aerobic_target: int, labels: tuple[tuple[str, str], ...]) -> Figures:
    shown = filter_dates(_days, start, end)
    daily = pain.daily_pain(shown)
    change = pain.pain_change(daily, early_episode=early_episode)
    alert = alerts.worsening_alert(shown)
    named = dict(labels)
    weekly, minutes = weeks.weekly_sessions(shown), weeks.weekly_minutes(shown)
    complete = weeks.complete_weeks(weekly, weeks_over, start)
    adherence = (None if complete.empty else
                 tables.adherence_table(weeks.adherence(complete, _targets), named))
    planned = None
    if _plan is not None:
        found = weeks.plan_adherence(weekly, minutes, _plan, as_of)
        planned = found if found.empty else tables.plan_table(found, named)
    return Figures(shown, daily, change, alert, None if alert is not None else alerts.steady_high_pain(shown),
                   tables.headline_metrics(weeks.summarise(shown), change, aerobic_target),
                   tables.still_to_come(shown, change), adherence, planned)


def figures(key: str, day_table: pd.DataFrame, start: dt.date, end: dt.date, *, early_episode: bool,
            today: dt.date, weeks_over: dt.date, targets: Mapping[str, int], plan: tuple | None,
            aerobic_target: int, labels: Mapping[str, str]) -> Figures:
    """The figures of `day_table` (named by `key`) from `start` to `end`, against `targets` and the plan's weekly
    targets (`plan`, or None)."""
    return _figures(key, day_table, start, end, early_episode, min(end, today), weeks_over, targets, plan,
                    repr(plan), aerobic_target, tuple(sorted(labels.items())))


@st.cache_resource(scope="session", show_spinner=False, max_entries=KEPT, ttl=cache.KEPT_FOR)
def entries(key: str, _frame: pd.DataFrame, start: dt.date, end: dt.date, limit: int,
            only_notes: bool) -> tuple[pd.DataFrame, int]:
    """describe.entries_table of the diary's rows from `start` to `end` (key: the diary, log_charts.data_key)."""
    return describe.entries_table(filter_dates(_frame, start, end), limit=limit, only_notes=only_notes)
