"""Every chart on a phone: no toolbar, the legend in its own rows under the title (never over the plot or an axis
title), series told apart by more than colour, and at most 3,000 points whatever the span (weekly points past two
years, said on the chart)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bench.log_page import two_a_day
from spinewell import chart_look, charts, palette
from spinewell.analysis import pain, weeks
from spinewell.analysis.days import day_table
from spinewell.content.load import load
from spinewell.goals import Goal
from spinewell.goals_chart import goal_trend
from spinewell.log.read import read

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load()
STYLES = palette.type_styles(CONTENT)
TARGETS = weeks.frequency_targets(CONTENT.exercise_types)


def views_of(years: float, plan: bool = False) -> list[charts.ChartView]:
    """Every Log chart of a diary of two entries a day over `years`."""
    end = dt.date(2026, 11, 29)
    days = day_table(read(two_a_day(years, end), date_order="auto", today=end).frame,
                     CONTENT.exercise_type_lookup())
    daily = pain.daily_pain(days)
    weekly, minutes = weeks.weekly_sessions(days), weeks.weekly_minutes(days)
    targets = (pd.DataFrame({"core": np.resize([2, 3], len(weekly))}, index=weekly.index) if plan else TARGETS)
    return [charts.pain_trend(daily, pain.rolling_pain(daily), pain.pain_change(daily)),
            charts.weekly_sessions(weekly, targets, STYLES, through=end),
            charts.aerobic_minutes(minutes["aerobic"], 150, STYLES["aerobic"], through=end),
            charts.activity_calendar(days), charts.exercise_vs_rest(pain.exercise_vs_rest(days))]


@pytest.fixture(scope="module")
def ten_years() -> list[charts.ChartView]:
    return views_of(10)


def test_a_ten_year_diary_draws_at_most_3000_points_in_any_chart_and_says_they_are_weekly(ten_years):
    for view in ten_years:
        assert charts.points_plotted(view.figure) <= charts.MAX_POINTS, view.figure.layout.title.text
    trend = ten_years[0].figure
    assert [t.name for t in trend.data][:2] == ["Weekly mean pain", "4-week average"]
    assert trend.layout.title.subtitle.text == charts.WEEKLY_NOTE  # said on the chart, not only in the legend
    assert charts.WEEKLY_NOTE in ten_years[0].alt
    assert ten_years[0].table.columns[0] == "Week starting"


def test_a_plan_that_changes_every_week_for_ten_years_still_stays_under_the_cap():
    for view in views_of(10, plan=True):
        assert charts.points_plotted(view.figure) <= charts.MAX_POINTS


def test_up_to_two_years_the_pain_chart_keeps_a_point_a_day_with_no_weekly_note():
    trend = views_of(1.9)[0]
    assert trend.figure.data[0].name == "Daily pain" and not trend.figure.layout.title.subtitle.text
    assert len(trend.figure.data[0].x) == len(trend.table) > 600


def test_a_long_target_line_keeps_only_its_corners_but_the_same_steps():
    weekly_index = pd.date_range("2016-01-04", periods=520, freq="7D")
    values = np.r_[np.full(300, 3.0), np.full(220, 4.0)]
    x, y = chart_look.steps_only(weekly_index, values)
    assert list(y) == [3.0, 4.0, 4.0] and list(x) == [weekly_index[0], weekly_index[300], weekly_index[-1]]


def test_no_chart_in_the_app_shows_the_toolbar():
    """Every st.plotly_chart call passes the app's config, which hides the toolbar and its logo."""
    assert charts.CONFIG == {"displayModeBar": False, "displaylogo": False}
    calls = []
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("spinewell/**/*.py"), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "plotly_chart":
                config = next((k.value for k in node.keywords if k.arg == "config"), None)
                calls.append((path.name, ast.unparse(config) if config is not None else None))
    assert calls and all(config is not None and "CONFIG" in config for _, config in calls), calls


def test_every_legend_sits_between_the_title_and_the_plot_with_rows_kept_for_a_320_px_phone(ten_years):
    goal = Goal(id="g1", name="gardening", ratings=((dt.date(2026, 3, 1), 3), (dt.date(2026, 3, 8), 5)))
    for view in [*views_of(0.3), goal_trend(goal)]:
        layout = view.figure.layout
        names = [t.name for t in view.figure.data if t.name and t.showlegend is not False]
        if not names or layout.showlegend is False:
            continue
        assert layout.legend.orientation == "h" and layout.legend.yref == "container"
        assert layout.legend.yanchor == "top" and layout.title.yref == "container"
        legend_top = (1 - layout.legend.y) * layout.height
        assert legend_top >= 36  # under the title
        rows = chart_look.legend_rows(names)
        assert layout.margin.t >= legend_top + rows * chart_look.ROW  # the plot starts below the legend's rows
        assert layout.xaxis.automargin and layout.yaxis.automargin  # axis titles push the margins, not overlap


def test_series_differ_by_more_than_colour():
    views = views_of(0.3)
    sessions = [t for t in views[1].figure.data if t.type == "bar"]
    assert len({bar.marker.pattern.shape for bar in sessions}) == len(sessions) > 1
    targets = [t for t in views[1].figure.data if t.type == "scatter"]
    assert len({line.marker.symbol for line in targets}) == len(targets) > 1
    trend = views[0].figure.data
    assert trend[0].mode == "markers" and trend[1].mode == "lines"
    for view in views:  # light colours (orange, sky blue) get a dark edge: at least 3:1 against white
        for trace in view.figure.data:
            if trace.type == "bar":
                assert trace.marker.line.color == palette.OUTLINE and trace.marker.line.width > 0


@pytest.mark.parametrize("chart", range(5))
def test_each_chart_has_a_title_labelled_axes_a_sentence_and_its_numbers_as_a_table(chart):
    view = views_of(0.5)[chart]
    assert view.figure.layout.title.text and view.summary
    assert view.figure.layout.yaxis.title.text
    assert view.table is not None and len(view.table) > 0


def test_the_summarys_bars_differ_by_pattern_and_have_dark_edges_too():
    from spinewell.summary import figures

    weeks_index = pd.date_range("2026-09-07", periods=3, freq="7D")
    sessions = pd.DataFrame({"core": [2, 3, 1], "stretching": [5, 6, 7]}, index=weeks_index)
    targets = pd.DataFrame({"core": [3, 3, 3], "stretching": [7, 7, 7]}, index=weeks_index)
    bars = [t for t in figures.exercise_weeks(sessions, targets, STYLES).data if t.type == "bar"]
    assert len({bar.marker.pattern.shape for bar in bars}) == 2
    assert all(bar.marker.line.color == palette.OUTLINE for bar in bars)
