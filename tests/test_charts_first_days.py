"""The first days of a diary (one to six days logged) look right: the pain chart's axis is in days, the activity
calendar keeps week-sized cells and a 0-based colour range, no week-on-week change is shown without a last week,
and the page says what will appear and when."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from spinewell import charts, palette
from spinewell.analysis.days import day_table
from spinewell.analysis.pain import daily_pain, pain_change, rolling_pain
from spinewell.analysis.tables import headline_metrics, still_to_come
from spinewell.analysis.weeks import complete_weeks, summarise, weekly_minutes, weekly_sessions
from spinewell.content.load import load
from spinewell.log.entry import LogEntry
from spinewell.log.store import entries_frame

CONTENT = load()
LOOKUP = CONTENT.exercise_type_lookup()
STYLES = palette.type_styles(CONTENT)
FIRST = dt.date(2026, 3, 4)  # a Wednesday: a diary of up to 6 days runs into the next week
DAY_MS = 24 * 3600 * 1000


def first_days(count: int, minutes: int = 20) -> pd.DataFrame:
    """A diary of `count` days from FIRST: a pain rating and a 20-minute walk every day."""
    entries = []
    for n in range(count):
        day = FIRST + dt.timedelta(days=n)
        entries += [LogEntry(day, pain=5 - n % 2), LogEntry(day, exercise="walking", minutes=minutes)]
    return day_table(entries_frame(entries), LOOKUP)


@pytest.mark.parametrize(("count", "tick_days"), [(1, 1), (3, 1), (6, 2)])  # 6 days: 4 ticks fit a phone, 8 don't
def test_the_pain_chart_of_the_first_days_has_ticks_on_days_and_a_day_either_side(count, tick_days):
    days = first_days(count)
    daily = daily_pain(days)
    view = charts.pain_trend(daily, rolling_pain(daily), pain_change(daily))
    axis = view.figure.layout.xaxis
    assert axis.tickformat == "%d %b"  # days, not plotly's hours ("23:59:59.999")
    assert axis.dtick == tick_days * DAY_MS and pd.Timestamp(axis.tick0) == pd.Timestamp(FIRST)
    last = FIRST + dt.timedelta(days=count - 1)
    assert [pd.Timestamp(x) for x in axis.range] == [pd.Timestamp(FIRST - dt.timedelta(days=1)),
                                                      pd.Timestamp(last + dt.timedelta(days=1))]
    words = "1 day" if count == 1 else f"{count} days"
    assert view.summary.startswith(f"Average pain so far ({words} with a rating):")


def test_a_long_pain_chart_keeps_plotlys_own_date_ticks():
    dates = pd.date_range("2026-01-01", periods=120)
    daily = pd.Series(np.full(len(dates), 5.0), index=dates)
    axis = charts.pain_trend(daily, rolling_pain(daily), pain_change(daily)).figure.layout.xaxis
    assert axis.dtick is None and axis.tickformat is None


@pytest.mark.parametrize("count", [1, 3, 6])
def test_the_activity_calendar_of_the_first_days_keeps_week_cells_and_a_colour_range_from_zero(count):
    view = charts.activity_calendar(first_days(count))
    (heatmap,) = view.figure.data
    z = np.asarray(heatmap.z, dtype="float64")
    # All days at 20 minutes: the colours run from 0 to at least a usual session, not 19.6 to 20.4.
    assert (heatmap.zmin, heatmap.zmax) == (0, charts.CALENDAR_MINUTES)
    assert z.shape == (7, charts.CALENDAR_MIN_WEEKS)  # not one column the width of the chart
    assert np.nansum(z) == 20 * count and np.isnan(z[:, :-2]).all()


def test_the_calendar_colour_range_reaches_the_longest_day():
    (heatmap,) = charts.activity_calendar(first_days(3, minutes=75)).figure.data
    assert (heatmap.zmin, heatmap.zmax) == (0, 75)


@pytest.mark.parametrize("count", [1, 3, 6])
def test_no_week_on_week_change_is_shown_before_there_is_a_last_week(count):
    days = first_days(count)
    metrics = headline_metrics(summarise(days), pain_change(daily_pain(days)), 150)
    assert [m.delta for m in metrics] == [None, None, None]
    assert [m.label for m in metrics] == ["Pain, so far", "Exercise days, so far", "Aerobic, so far"]
    assert metrics[1].value == f"{count} of {count}"  # not "3 of 7": the diary is 3 days old


def test_the_week_on_week_change_appears_once_the_diary_covers_the_week_before():
    thirteen, fourteen = summarise(first_days(13)), summarise(first_days(14))
    assert thirteen.exercise_days_previous is None and thirteen.pain_previous is None
    assert (fourteen.exercise_days_previous, fourteen.aerobic_minutes_previous) == (7, 140.0)
    days = first_days(14)
    metrics = headline_metrics(summarise(days), pain_change(daily_pain(days)), 150)
    assert metrics[1].delta == "same as last week" and metrics[1].label == "Exercise days, last 7 days"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, ("Log 6 more days to fill your first week and see a 7-day average.",
             "Log 13 more days to see how each week compares with the week before.",
             "Rate your pain on 13 more days to see whether it has changed since your first week.")),
        (3, ("Log 4 more days to fill your first week and see a 7-day average.",
             "Log 11 more days to see how each week compares with the week before.",
             "Rate your pain on 11 more days to see whether it has changed since your first week.")),
        (6, ("Log 1 more day to fill your first week and see a 7-day average.",
             "Log 8 more days to see how each week compares with the week before.",
             "Rate your pain on 8 more days to see whether it has changed since your first week.")),
        (14, ()),
    ],
)
def test_the_page_says_what_will_appear_and_when(count, expected):
    days = first_days(count)
    assert still_to_come(days, pain_change(daily_pain(days))) == expected


def test_a_week_the_diary_started_partway_through_is_not_judged_against_the_targets():
    days = first_days(6)  # Wednesday 4 March to Monday 9 March
    weekly = weekly_sessions(days)
    assert len(complete_weeks(weekly, dt.date(2026, 3, 9))) == 1  # the week of 2 March is over...
    assert complete_weeks(weekly, dt.date(2026, 3, 9), first_day=FIRST).empty  # ...but began before the diary
    view = charts.aerobic_minutes(weekly_minutes(days)["aerobic"], 150, STYLES["aerobic"],
                                  through=dt.date(2026, 3, 9), first_day=FIRST)
    assert view.summary == "Week of 09 Mar (so far, to 09 Mar): 20 of 150 aerobic minutes."  # no "reached in 0 of 2"


@pytest.mark.parametrize("count", [1, 3, 6])
def test_the_weekly_charts_of_the_first_days_draw_a_week_wide_and_keep_their_target_lines(count):
    days = first_days(count)
    weekly, minutes = weekly_sessions(days), weekly_minutes(days)
    sessions = charts.weekly_sessions(weekly, {"core": 3, "stretching": 7, "aerobic": 5}, STYLES).figure
    aerobic = charts.aerobic_minutes(minutes["aerobic"], 150, STYLES["aerobic"]).figure
    half_week = pd.Timedelta(days=3.5)
    for figure in (sessions, aerobic):
        assert [pd.Timestamp(x) for x in figure.layout.xaxis.range] == [weekly.index[0] - half_week,
                                                                          weekly.index[-1] + half_week]
    bars = [t for t in sessions.data if t.type == "bar"]
    assert sum(bar.width for bar in bars) == pytest.approx(0.8 * 7 * DAY_MS)  # a lone week does not fill the chart
    lines = [t for t in sessions.data if t.type == "scatter"]
    assert len(lines) == 3 and all(len(line.x) >= 3 for line in lines)  # one point would draw no line at all
    assert aerobic.data[0].width == pytest.approx(0.8 * 7 * DAY_MS)


def test_the_aerobic_summary_counts_only_the_whole_weeks_since_the_diary_began():
    days = first_days(13)  # Wednesday 4 March to Monday 16 March: only the week of 9 March is whole
    view = charts.aerobic_minutes(weekly_minutes(days)["aerobic"], 150, STYLES["aerobic"],
                                  through=dt.date(2026, 3, 16), first_day=FIRST)
    assert view.summary.endswith("20 of 150 aerobic minutes. Target reached in 0 of 1 week.")
