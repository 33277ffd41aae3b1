"""Charts are checked by their figure data: traces, points, colours, titles, summaries and alt texts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from spinewell import charts, palette
from spinewell.analysis.days import WEEKDAYS, day_table
from spinewell.analysis.pain import ExerciseRestComparison, daily_pain, exercise_vs_rest, pain_change, rolling_pain
from spinewell.analysis.weeks import frequency_targets, weekly_minutes, weekly_sessions
from spinewell.content.load import load
from spinewell.log.entry import LogEntry
from spinewell.log.read import read
from spinewell.log.store import entries_frame

CONTENT = load()
SAMPLE = Path(__file__).resolve().parents[1] / "content" / "sample_log.csv"
LOOKUP = CONTENT.exercise_type_lookup()
TARGETS = frequency_targets(CONTENT.exercise_types)
STYLES = palette.type_styles(CONTENT)


@pytest.fixture(scope="module")
def sample_days() -> pd.DataFrame:
    parsed = read(SAMPLE.read_bytes(), date_order="auto", today=dt.date(2026, 11, 17))
    assert parsed.ok and parsed.issue_count == 0
    return day_table(parsed.frame, LOOKUP)


def trace_named(figure, start: str):
    return next(t for t in figure.data if t.name and t.name.startswith(start))


def test_every_builder_gives_a_titled_figure_a_summary_and_an_alt_text(sample_days):
    daily = daily_pain(sample_days)
    change = pain_change(daily)
    views = {
        "Pain over time": charts.pain_trend(daily, rolling_pain(daily), change),
        "Exercise days per week": charts.weekly_sessions(weekly_sessions(sample_days), TARGETS, STYLES),
        "Aerobic minutes per week": charts.aerobic_minutes(
            weekly_minutes(sample_days)["aerobic"], 150, STYLES["aerobic"]),
        "Activity calendar": charts.activity_calendar(sample_days),
        "Pain on exercise days and rest days": charts.exercise_vs_rest(exercise_vs_rest(sample_days)),
    }
    for title, view in views.items():
        assert view.figure.layout.title.text == title
        assert view.summary and "\n" not in view.summary
        assert len(view.alt) > 40
        if title != "Pain on exercise days and rest days":
            assert view.figure.layout.xaxis.title.text


def test_pain_trend_has_one_point_per_rated_day_a_rolling_line_and_the_baseline_band(sample_days):
    daily = daily_pain(sample_days)
    rolling = rolling_pain(daily)
    change = pain_change(daily)
    view = charts.pain_trend(daily, rolling, change)
    points, line = trace_named(view.figure, "Daily pain"), trace_named(view.figure, "7-day average")
    assert len(points.x) == len(daily) and list(points.y) == pytest.approx(daily.tolist())
    assert len(line.x) == rolling.notna().sum() <= len(sample_days)
    assert points.marker.color == palette.PALETTE["pain"] and line.line.color == palette.PALETTE["pain_trend"]
    band = trace_named(view.figure, "From your first week")
    assert max(band.y) == pytest.approx(change.baseline)
    assert min(band.y) == pytest.approx(change.baseline - change.threshold)
    assert list(view.figure.layout.yaxis.range) == [0, 10.3]
    assert view.summary == change.text
    assert "7-day average" in view.alt


def test_pain_trend_without_enough_days_says_so_and_draws_no_band():
    daily = pd.Series([5.0, 4.0], index=pd.to_datetime(["2026-03-01", "2026-03-02"]))
    change = pain_change(daily)
    view = charts.pain_trend(daily, rolling_pain(daily), change)
    assert [t.name for t in view.figure.data] == ["Daily pain", "7-day average"]
    assert "Average pain so far (2 days with a rating): 4.5" in view.summary and "needs 14 days" in view.summary


def test_a_long_log_is_drawn_from_weekly_means_so_points_stay_bounded():
    dates = pd.date_range("2020-01-01", "2025-12-31")
    daily = pd.Series(np.full(len(dates), 5.0), index=dates)
    view = charts.pain_trend(daily, rolling_pain(daily), pain_change(daily))
    assert charts.points_plotted(view.figure) < 1000
    assert trace_named(view.figure, "Weekly mean pain")


def test_weekly_sessions_has_a_bar_per_type_and_a_dashed_target_line_of_the_same_colour(sample_days):
    weekly = weekly_sessions(sample_days)
    view = charts.weekly_sessions(weekly, TARGETS, STYLES)
    for type_id, target in TARGETS.items():
        bars = trace_named(view.figure, STYLES[type_id].label)
        assert bars.type == "bar" and list(bars.y) == weekly[type_id].tolist()
        assert bars.marker.color == STYLES[type_id].colour
        line = trace_named(view.figure, f"{STYLES[type_id].label} target")
        assert set(line.y) == {target} and line.line.dash == "dash" and line.line.color == bars.marker.color
    last = weekly.iloc[-1]
    assert view.summary.startswith(f"Week of {weekly.index[-1]:%d %b}: core {last['core']} of 3")
    assert view.figure.layout.barmode == "group"


def test_weekly_sessions_follow_a_plan_when_one_is_given(sample_days):
    weekly = weekly_sessions(sample_days)
    plan = pd.DataFrame({"core": [2] * len(weekly), "aerobic": [3] * len(weekly)}, index=weekly.index)
    plan.iloc[-1] = [3, 4]
    view = charts.weekly_sessions(weekly, plan, STYLES)
    assert trace_named(view.figure, "Core: your plan").y[-1] == 3
    assert "core" in view.summary and "of 3" in view.summary and "aerobic" in view.summary


def test_aerobic_minutes_bars_and_the_150_line():
    weeks = pd.DatetimeIndex(["2026-03-02", "2026-03-09", "2026-03-16"])
    view = charts.aerobic_minutes(pd.Series([160.0, 90.0, 150.0], index=weeks), 150, STYLES["aerobic"])
    (bars,) = view.figure.data
    assert list(bars.y) == [160, 90, 150] and bars.marker.color == STYLES["aerobic"].colour
    (line,) = view.figure.layout.shapes
    assert (line.y0, line.y1) == (150, 150) and line.line.dash == "dash"
    assert view.summary == "Week of 16 Mar: 150 of 150 aerobic minutes. Target reached in 2 of 3 weeks."
    so_far = charts.aerobic_minutes(pd.Series([160.0, 90.0, 150.0], index=weeks), 150, STYLES["aerobic"],
                                    through=dt.date(2026, 3, 18))
    assert so_far.summary.startswith("Week of 16 Mar (so far, to 18 Mar): 150 of 150")


def test_activity_calendar_puts_each_day_in_its_week_column_and_weekday_row():
    frame = entries_frame([
        LogEntry(dt.date(2026, 3, 2), exercise="walking", minutes=30),  # Monday
        LogEntry(dt.date(2026, 3, 8), exercise="plank", minutes=10),  # Sunday
        LogEntry(dt.date(2026, 3, 8), exercise="bridge", minutes=5),
        LogEntry(dt.date(2026, 3, 10), pain=4),  # Tuesday, no exercise
    ])
    view = charts.activity_calendar(day_table(frame, LOOKUP))
    (heatmap,) = view.figure.data
    z = np.asarray(heatmap.z, dtype="float64")
    # The log's two weeks are the last two columns of the 8 a short log is drawn in; the 6 before it are empty.
    assert z.shape == (7, charts.CALENDAR_MIN_WEEKS) and list(heatmap.y) == list(WEEKDAYS)
    assert np.isnan(z[:, :6]).all()
    assert z[0, 6] == 30 and z[6, 6] == 15 and z[1, 7] == 0
    assert np.isnan(z[3, 7])  # Thursday 12 March is after the log ends
    assert heatmap.customdata[6][6] == 2  # two sessions that Sunday
    assert view.summary == "You logged exercise on 2 of 9 days (02 Mar 2026 to 10 Mar 2026)."


def test_exercise_rest_bars_are_labelled_with_their_day_counts():
    comparison = ExerciseRestComparison(exercise_days=10, rest_days=4, exercise_mean=3.5, rest_mean=5.25)
    view = charts.exercise_vs_rest(comparison)
    (bars,) = view.figure.data
    assert list(bars.x) == ["Days with exercise (10)", "Rest days (4)"]
    assert list(bars.y) == [3.5, 5.25] and list(bars.text) == ["3.5", "5.2"]
    assert "association" in view.summary and view.summary == comparison.text


def test_figures_do_not_grow_with_the_number_of_rows():
    rng = np.random.default_rng(0)
    span = pd.date_range("2025-01-01", periods=365)

    def figure_points(rows: int) -> int:
        frame = pd.DataFrame({
            "date": np.sort(np.resize(span.to_numpy(), rows)), "time": pd.array([pd.NA] * rows, dtype="string"),
            "pain": rng.integers(0, 11, rows).astype("float64"),
            "exercise": pd.array(rng.choice(["walking", "plank", ""], rows), dtype="string"),
            "minutes": rng.integers(5, 60, rows).astype("float64"), "notes": pd.array([""] * rows, dtype="string"),
        })
        days = day_table(frame, LOOKUP)
        daily = daily_pain(days)
        views = [
            charts.pain_trend(daily, rolling_pain(daily), pain_change(daily)),
            charts.weekly_sessions(weekly_sessions(days), TARGETS, STYLES),
            charts.aerobic_minutes(weekly_minutes(days)["aerobic"], 150, STYLES["aerobic"]),
            charts.activity_calendar(days),
        ]
        return sum(charts.points_plotted(v.figure) for v in views)

    small, large = figure_points(2_000), figure_points(200_000)
    assert small == large < 3000


OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000", "#999999"}


def test_every_series_colour_is_okabe_ito_and_the_types_take_theirs_from_exercises_yaml():
    assert {style.colour for style in STYLES.values()} | set(palette.PALETTE.values()) <= OKABE_ITO
    assert {type_id: style.colour for type_id, style in STYLES.items() if type_id in TARGETS} == {
        "core": "#0072B2", "stretching": "#009E73", "aerobic": "#E69F00"}
    assert STYLES["other"] == palette.SeriesStyle(CONTENT.other_activity.label, CONTENT.other_activity.colour)


def test_a_type_relabelled_in_the_content_is_relabelled_in_the_chart():
    kinds = tuple(k.model_copy(update={"label": "Strength"}) if k.id == "core" else k for k in CONTENT.exercise_types)
    styles = palette.type_styles(CONTENT.model_copy(update={"exercise_types": kinds}))
    view = charts.weekly_sessions(pd.DataFrame({"core": [2]}, index=pd.DatetimeIndex(["2026-03-02"])), TARGETS, styles)
    assert [trace.name for trace in view.figure.data][0] == "Strength"
