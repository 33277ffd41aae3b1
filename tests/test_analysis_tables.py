"""The headline numbers with their change on the week before, the adherence tables, and the weeks judged over."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from spinewell.analysis.days import filter_dates
from spinewell.analysis.pain import PainChange
from spinewell.analysis.tables import adherence_table, headline_metrics, plan_table
from spinewell.analysis.weeks import LogSummary, WeekOnWeek, week_on_week, weeks_over_by

LABELS = {"core": "Core", "aerobic": "Aerobic"}
SUMMARY = LogSummary(end=dt.date(2026, 3, 14), days_logged=14, pain_latest=4.0, pain_previous=4.04,
                     exercise_days_latest=3, exercise_days_previous=5, aerobic_minutes_latest=120.0,
                     aerobic_minutes_previous=60.0)


def test_a_change_of_zero_as_shown_is_grey_not_a_rise():
    assert week_on_week(4.0, 4.04, 1) == week_on_week(3, 3) == WeekOnWeek("same as last week", False)
    assert week_on_week(4.2, 4.0, 1) == WeekOnWeek("+0.2 on last week", True)
    assert week_on_week(3, 5) == WeekOnWeek("-2 on last week", True)
    assert week_on_week(None, 5) == WeekOnWeek(None, False)


def test_headline_metrics_say_each_number_and_which_way_is_good():
    pain, days, aerobic = headline_metrics(SUMMARY, PainChange("not_enough", 13), 150)
    assert (pain.label, pain.value, pain.delta, pain.colour, pain.arrow) == (
        "Pain, last 7 days", "4.0 / 10", "same as last week", "off", False)
    assert "14 Mar 2026" in pain.help and "Lower is better" in pain.help
    assert (days.value, days.delta, days.colour, days.arrow) == ("3 of 7", "-2 on last week", "normal", True)
    assert (aerobic.value, aerobic.delta, aerobic.help.count("150")) == ("120 / 150", "+60 on last week", 1)


def test_a_pain_rise_is_coloured_as_bad_and_the_first_week_change_has_its_verdict():
    rising = LogSummary(**{**SUMMARY.__dict__, "pain_latest": 5.0, "pain_previous": 4.0})
    change = PainChange("better", 14, baseline=6.0, latest=4.0)
    pain, *_, since = headline_metrics(rising, change, 150)
    assert (pain.delta, pain.colour) == ("+1.0 on last week", "inverse")
    assert (since.label, since.value, since.delta, since.colour) == (
        "Since your first week", "-2.0 points", "a real improvement", "green")
    no_ratings = LogSummary(**{**SUMMARY.__dict__, "pain_latest": None})
    assert headline_metrics(no_ratings, PainChange("not_enough", 0), 150)[0].value == "No ratings"


def test_the_adherence_tables_read_as_sentences():
    adherence = pd.DataFrame({"type": ["core", "aerobic"], "target": [3, 5], "weeks": [4, 4], "weeks_met": [2, 0],
                              "share_met": [0.5, 0.0], "mean_per_week": [2.75, 1.0]})
    assert adherence_table(adherence, LABELS).to_dict("records") == [
        {"Type": "Core", "Target": "3 days a week", "Weeks reached": "2 of 4", "Average days a week": 2.8},
        {"Type": "Aerobic", "Target": "5 days a week", "Weeks reached": "0 of 4", "Average days a week": 1.0},
    ]
    planned = pd.DataFrame({"week": pd.to_datetime(["2026-03-02", "2026-03-02"]), "type": ["core", "stretch"],
                            "planned_sessions": [2, 7], "done_sessions": [2, 3], "planned_minutes": [0, 60],
                            "done_minutes": [10.0, 35.0], "met": [True, False]})
    assert plan_table(planned, LABELS).to_dict("records") == [
        {"Week of": dt.date(2026, 3, 2), "Type": "Core", "Sessions": "2 of 2", "Minutes": "", "Done": "yes"},
        {"Week of": dt.date(2026, 3, 2), "Type": "stretch", "Sessions": "3 of 7", "Minutes": "35 of 60",
         "Done": "not yet"},
    ]


def test_weeks_of_a_diary_kept_up_to_date_are_over_by_today():
    end, today = dt.date(2026, 3, 10), dt.date(2026, 3, 20)
    assert weeks_over_by(end, end, today, kept_up_to_date=True) == today
    assert weeks_over_by(end, end, today, kept_up_to_date=False) == end  # a file from elsewhere ends where it ends
    assert weeks_over_by(dt.date(2026, 3, 5), end, today, kept_up_to_date=True) == dt.date(2026, 3, 5)


def test_filter_dates_narrows_a_log_and_a_day_table_alike():
    days = pd.DataFrame({"ratings": np.arange(5)}, index=pd.date_range("2026-03-01", periods=5, name="date"))
    assert filter_dates(days, dt.date(2026, 3, 2), dt.date(2026, 3, 3))["ratings"].tolist() == [1, 2]
    log = days.reset_index()
    assert filter_dates(log, None, dt.date(2026, 3, 2))["ratings"].tolist() == [0, 1]
    assert filter_dates(log, None, None) is log
