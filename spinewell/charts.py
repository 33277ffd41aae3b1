"""Plotly figures for the log, built from aggregates only (at most one point per day per series), each with a
one-line summary and an alt text, in the colours of spinewell.palette."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from spinewell import chart_look, chart_tables
from spinewell.analysis.days import WEEKDAYS
from spinewell.analysis.pain import ExerciseRestComparison, PainChange
from spinewell.chart_look import CONFIG, DAY_TICKS_UP_TO, day_axis, layout, steps_only, week_axis
from spinewell.palette import OUTLINE, PALETTE, SeriesStyle

__all__ = ["CONFIG", "DAY_TICKS_UP_TO"]  # (the app's chart config and tick rule, where the charts are)
MAX_DAILY_POINTS = 731  # beyond two years of days, the trend is drawn from weekly means
MAX_POINTS = 3000  # in any one chart, whatever the span
CALENDAR_WEEKS = 53
CALENDAR_MIN_WEEKS = 8  # a short log still gets week-sized cells, not one or two columns the width of the chart
CALENDAR_MINUTES = 30  # the calendar's darkest colour is at least this (a usual session), so one day is not "most"
LONG_WEEKS = 104  # beyond two years of weeks, a target line keeps only its corners
WEEKLY_NOTE = "Weekly averages: over two years shown"  # short: a phone shows it whole
PATTERNS = ("", "/", "x", ".", "\\", "+")  # each type's bars in their own pattern too, not only their own colour
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "star")
_DAY_MS = chart_look.DAY_MS
_HALF_WEEK = chart_look.HALF_WEEK
_BARS_MS = 0.8 * 7 * _DAY_MS  # a week's bars take 80% of it, set explicitly: a lone week's bars would fill the chart


@dataclass(frozen=True, eq=False)  # holds frames/figures: compared by identity
class ChartView:
    """A figure with the sentence shown under it and the text given to screen readers."""

    figure: go.Figure
    summary: str
    alt: str
    table: pd.DataFrame | None = None  # the chart's numbers, for a table beside it


def points_plotted(figure: go.Figure) -> int:
    """How many data points a figure carries (x values of line/bar traces, cells of heatmaps)."""
    total = 0
    for trace in figure.data:
        if getattr(trace, "z", None) is not None:
            total += int(np.size(trace.z))
        elif getattr(trace, "x", None) is not None:
            total += len(trace.x)
    return total


def _date_span(index: pd.DatetimeIndex) -> str:
    if len(index) == 0:
        return "no dates"
    return f"{index[0]:%d %b %Y} to {index[-1]:%d %b %Y}"


def pain_trend(daily_mean: pd.Series, rolling: pd.Series, change: PainChange) -> ChartView:
    """Daily pain as points, the 7-day rolling mean as a line, and the first-week level as a band down to the
    level that would count as a meaningful improvement."""
    weekly = len(daily_mean) > MAX_DAILY_POINTS or (
        len(daily_mean) and (daily_mean.index[-1] - daily_mean.index[0]).days >= MAX_DAILY_POINTS
    )
    points, line = daily_mean, rolling.dropna()
    point_label, line_label = "Daily pain", "7-day average"  # short: the legend fits one row of a phone
    if weekly:
        points = daily_mean.resample("W-MON", label="left", closed="left").mean().dropna()
        line = points.rolling(4, min_periods=1).mean()
        point_label, line_label = "Weekly mean pain", "4-week average"
    figure = go.Figure()
    for series, name, style in (
        (points, point_label, dict(mode="markers", marker=dict(color=PALETTE["pain"], size=7, opacity=0.85,
                                                               line=dict(color=OUTLINE, width=0.5)),
                                   hovertemplate="%{y:.1f}<extra>Pain</extra>")),
        (line, line_label, dict(mode="lines", line=dict(color=PALETTE["pain_trend"], width=3), connectgaps=False,
                                hovertemplate="%{y:.1f}<extra>Average</extra>")),
    ):
        figure.add_trace(go.Scatter(x=series.index, y=series.to_numpy(), name=name, **style))
    if change.baseline is not None and change.threshold is not None and len(points):
        figure.add_trace(_improvement_band(change.baseline, change.threshold, points.index[0], points.index[-1]))
    layout(figure, "Pain over time", "Date", "Pain (0 = none, 10 = worst)", yaxis_range=[0, 10.3],
           xaxis=day_axis(points.index), subtitle=WEEKLY_NOTE if weekly else "")
    summary, alt = _pain_words(daily_mean, rolling.dropna(), change)
    return ChartView(figure, summary, alt + (f" {WEEKLY_NOTE}." if weekly else ""),
                     chart_tables.pain_table(points, line, weekly))


def _improvement_band(baseline: float, threshold: float, x0: pd.Timestamp, x1: pd.Timestamp) -> go.Scatter:
    """The first-week level down to a real improvement: a trace (4 corners) rather than a layout shape, so that the
    legend explains it."""
    low = max(baseline - threshold, 0)
    return go.Scatter(
        x=[x0, x1, x1, x0], y=[low, low, baseline, baseline], fill="toself", mode="none",
        fillcolor="rgba(153, 153, 153, 0.25)", hoverinfo="skip",
        name=f"From your first week: {baseline:.1f} to {low:.1f}",  # short: it fits a phone
    )


def _pain_words(daily_mean: pd.Series, latest: pd.Series, change: PainChange) -> tuple[str, str]:
    """The pain chart's summary and alt text."""
    span = (daily_mean.index[-1] - daily_mean.index[0]).days + 1 if len(daily_mean) else 0
    if daily_mean.empty:
        summary = "No pain ratings in this period."
    elif change.verdict == "not_enough" and span < 7:
        days = "1 day" if len(daily_mean) == 1 else f"{len(daily_mean)} days"
        summary = f"Average pain so far ({days} with a rating): {daily_mean.mean():.1f} out of 10. {change.text}"
    elif change.verdict == "not_enough" and not latest.empty:
        summary = f"Latest 7-day average pain: {latest.iloc[-1]:.1f} out of 10. {change.text}"
    else:
        summary = change.text
    band = (" A shaded band runs from your first-week level down to the level that would count as a real "
            "improvement." if change.baseline is not None else "")
    alt = (
        f"Chart of daily pain ratings from {_date_span(daily_mean.index)}, with a 7-day average line"
        + (f" ending at {latest.iloc[-1]:.1f} out of 10." if not latest.empty else ".")
        + band
    )
    return summary, alt


def _edge(weeks: pd.DatetimeIndex) -> float:
    """The dark edge of a week's bars: none once the bars are too thin to show more than their edge."""
    return 1.0 if len(weeks) <= LONG_WEEKS else 0.0


def _week_label(week: pd.Timestamp, through: dt.date | None) -> str:
    """'Week of 09 Nov', with 'so far' when the data stops before that week's Sunday."""
    label = f"Week of {week:%d %b}"
    if through is not None and pd.Timestamp(through) < week + pd.Timedelta(days=6):
        label += f" (so far, to {pd.Timestamp(through):%d %b})"
    return label


def weekly_sessions(
    weekly: pd.DataFrame,
    targets: Mapping[str, int] | pd.DataFrame,
    styles: Mapping[str, SeriesStyle],
    through: dt.date | None = None,
) -> ChartView:
    """Exercise days per week by type (grouped bars) against each type's target (dashed lines of the same colour).

    `targets` is a days-a-week number per type, or a frame like `weekly` holding a plan's target for each week.
    `through` is the last day the data covers; the summary then says when the latest week is not over.
    """
    figure = go.Figure()
    types = [c for c in weekly.columns if c in styles]
    width = _BARS_MS / max(1, len(types))
    edge = _edge(weekly.index)
    for position, type_id in enumerate(types):
        figure.add_trace(go.Bar(x=weekly.index, y=weekly[type_id].to_numpy(), name=styles[type_id].label,
                                marker=dict(color=styles[type_id].colour, line=dict(color=OUTLINE, width=edge),
                                            pattern=dict(shape=PATTERNS[position % len(PATTERNS)])),
                                width=width, offset=-_BARS_MS / 2 + position * width,
                                hovertemplate="%{y} days<extra>" + styles[type_id].label + "</extra>"))
    for position, type_id in enumerate(types):
        if type_id in targets:
            figure.add_trace(_target_line(weekly.index, targets, styles[type_id], type_id, SYMBOLS[position % 6]))
    layout(
        figure, "Exercise days per week", "Week starting (Monday)", "Days with this type of exercise",
        barmode="group", yaxis_range=[0, 7.5], xaxis=week_axis(weekly.index),
    )
    if weekly.empty:
        summary = "No weeks in this period."
    else:
        last = weekly.iloc[-1]
        parts = []
        for type_id in (t for t in types if t != "other"):
            goal = _target_for(targets, type_id, weekly.index[-1])
            goal_text = f" of {goal}" if goal is not None else ""
            parts.append(f"{styles[type_id].label.lower()} {int(last[type_id])}{goal_text}")
        summary = f"{_week_label(weekly.index[-1], through)}: " + ", ".join(parts) + " days."
    alt = (
        f"Grouped bar chart of exercise days per week by type ({', '.join(styles[t].label for t in types)}) "
        f"for {len(weekly)} weeks, with dashed target lines."
    )
    return ChartView(figure, summary, alt, chart_tables.sessions_table(weekly, targets, styles, types))


def _target_line(
    weeks: pd.DatetimeIndex, targets: Mapping[str, int] | pd.DataFrame, style: SeriesStyle, type_id: str,
    symbol: str = "circle",
) -> go.Scatter:
    """A type's target as a dashed line in its colour, with its own marker: the plan's target of each week, or one
    number. It runs from half a week before the first week to half a week after the last, so that a single week has
    one too. Over more than LONG_WEEKS weeks, only its corners are drawn (steps from each week's start)."""
    if isinstance(targets, pd.DataFrame):
        values = targets[type_id].reindex(weeks).to_numpy(dtype="float64")
        label = f"{style.label}: your plan"
    else:
        values = np.full(len(weeks), float(targets[type_id]))
        label = f"{style.label} target: {targets[type_id]}"
    shape = "hvh"
    if len(weeks) > LONG_WEEKS:
        weeks, values = steps_only(pd.DatetimeIndex([*(weeks - _HALF_WEEK), weeks[-1] + _HALF_WEEK]),
                                   np.r_[values, values[-1]])
        shape = "hv"
    elif len(weeks):
        weeks = pd.DatetimeIndex([weeks[0] - _HALF_WEEK, *weeks, weeks[-1] + _HALF_WEEK])
        values = np.r_[values[0], values, values[-1]]
    return go.Scatter(
        x=weeks, y=values, mode="lines+markers", name=label, marker=dict(symbol=symbol, size=7, color=style.colour,
                                                                        line=dict(color=OUTLINE, width=1)),
        line=dict(color=style.colour, dash="dash", width=2, shape=shape),
        hovertemplate="target %{y}<extra>" + style.label + "</extra>",
    )


def _target_for(targets: Mapping[str, int] | pd.DataFrame, type_id: str, week: pd.Timestamp) -> int | None:
    if isinstance(targets, pd.DataFrame):
        if type_id not in targets or week not in targets.index or pd.isna(targets.at[week, type_id]):
            return None
        return int(targets.at[week, type_id])
    return targets.get(type_id)


def aerobic_minutes(
    weekly_minutes: pd.Series, target: int, style: SeriesStyle, through: dt.date | None = None,
    first_day: dt.date | None = None,
) -> ChartView:
    """Aerobic minutes per week as bars against the weekly target (150 minutes) as a dashed line.

    The summary counts the weeks that reached the target among those over by `through` and begun on or after
    `first_day` (when given): a week in progress, or one the log started partway through, is not a missed target."""
    figure = go.Figure(go.Bar(x=weekly_minutes.index, y=weekly_minutes.to_numpy(), name="Aerobic minutes",
                              marker=dict(color=style.colour,
                                          line=dict(color=OUTLINE, width=_edge(weekly_minutes.index))), width=_BARS_MS,
                              hovertemplate="%{y:.0f} minutes<extra></extra>"))
    figure.add_hline(y=target, line=dict(color=PALETTE["pain_trend"], dash="dash", width=2),
                     annotation_text=f"Target: {target} minutes", annotation_position="top left")
    top = max(float(weekly_minutes.max()) if len(weekly_minutes) else 0.0, float(target)) * 1.15
    layout(
        figure, "Aerobic minutes per week", "Week starting (Monday)", "Minutes", yaxis_range=[0, top],
        xaxis=week_axis(weekly_minutes.index), showlegend=False,
    )
    if weekly_minutes.empty:
        summary = "No weeks in this period."
    else:
        whole = weekly_minutes
        if through is not None:
            whole = whole[whole.index + pd.Timedelta(days=6) <= pd.Timestamp(through)]
        if first_day is not None:
            whole = whole[whole.index >= pd.Timestamp(first_day)]
        met, weeks = int((whole >= target).sum()), "1 week" if len(whole) == 1 else f"{len(whole)} weeks"
        summary = (
            f"{_week_label(weekly_minutes.index[-1], through)}: {weekly_minutes.iloc[-1]:.0f} of {target} aerobic "
            "minutes." + (f" Target reached in {met} of {weeks}." if len(whole) else "")
        )
    alt = f"Bar chart of aerobic exercise minutes per week for {len(weekly_minutes)} weeks, with a line at {target}."
    return ChartView(figure, summary, alt, chart_tables.minutes_table(weekly_minutes, target))


def activity_calendar(activity: pd.DataFrame) -> ChartView:
    """A calendar heatmap (weeks across, weekdays down) of exercise minutes per day, for the latest 53 weeks."""
    days = activity
    if len(days):
        first_shown = days.index[-1] - pd.Timedelta(weeks=CALENDAR_WEEKS) + pd.Timedelta(days=1)
        days = days[days.index >= first_shown]
    weeks = (days.index - pd.to_timedelta(days.index.day_of_week, unit="D")) if len(days) else pd.DatetimeIndex([])
    grid = pd.DataFrame(
        {"week": weeks, "weekday": days.index.day_of_week if len(days) else [], "minutes": days["minutes"].to_numpy(),
         "sessions": days["sessions"].to_numpy()}
    )
    minutes = grid.pivot_table(index="weekday", columns="week", values="minutes", aggfunc="sum", dropna=False)
    sessions = grid.pivot_table(index="weekday", columns="week", values="sessions", aggfunc="sum", dropna=False)
    columns = minutes.columns
    if len(columns):  # every week to the last, at least CALENDAR_MIN_WEEKS of them (those before the log are empty)
        columns = pd.date_range(end=columns.max(), periods=CALENDAR_MIN_WEEKS, freq="7D").union(columns)
        columns = pd.date_range(columns.min(), columns.max(), freq="7D")
    minutes = minutes.reindex(index=range(7), columns=columns)
    sessions = sessions.reindex(index=range(7), columns=columns)
    z = minutes.to_numpy(dtype="float64")
    figure = go.Figure(go.Heatmap(
        z=z, x=pd.DatetimeIndex(minutes.columns), y=list(WEEKDAYS), customdata=sessions.to_numpy(dtype="float64"),
        colorscale=[[0.0, "#F2F2F2"], [0.001, "#D6E9F5"], [1.0, PALETTE["activity"]]], xgap=2, ygap=2,
        zmin=0, zmax=max(CALENDAR_MINUTES, float(np.nanmax(z, initial=0))),  # 0-based: one day is not "the most"
        hoverongaps=False, colorbar=dict(title=dict(text="Minutes a day", side="top"), thickness=12,
                                         orientation="h", lenmode="pixels", len=200, xref="container", x=0,
                                         xanchor="left", xpad=12, yref="container", yanchor="top",
                                         y=1 - 40 / (chart_look.HEIGHT + 3 * chart_look.ROW), ypad=0),
        hovertemplate="Week of %{x|%d %b %Y}, %{y}: %{z:.0f} minutes, %{customdata:.0f} sessions<extra></extra>",
    ))
    layout(figure, "Activity calendar", "Week starting (Monday)", "Day of the week", hovermode="closest",
           yaxis=dict(autorange="reversed"), xaxis=week_axis(pd.DatetimeIndex(minutes.columns), most=6), key_rows=3)
    active = int((days["sessions"] > 0).sum()) if len(days) else 0
    summary = (
        f"You logged exercise on {active} of {len(days)} days"
        + (f" ({_date_span(days.index)})." if len(days) else ".")
    )
    alt = (
        f"Calendar heatmap of daily exercise minutes, weeks across and weekdays down, {_date_span(days.index)}; "
        f"{active} days have exercise."
    )
    return ChartView(figure, summary, alt, chart_tables.calendar_table(days))


def exercise_vs_rest(comparison: ExerciseRestComparison) -> ChartView:
    """Mean pain on exercise days against rest days, as two bars labelled with their number of days."""
    labels = [f"Days with exercise ({comparison.exercise_days})", f"Rest days ({comparison.rest_days})"]
    values = [comparison.exercise_mean, comparison.rest_mean]
    figure = go.Figure(go.Bar(
        x=labels, y=[np.nan if v is None else v for v in values], marker=dict(
            color=[PALETTE["exercise_days"], PALETTE["neutral"]], line=dict(color=OUTLINE, width=1),
            pattern=dict(shape=["", "/"])), text=["" if v is None else f"{v:.1f}" for v in values],
        textposition="outside",
        hovertemplate="%{y:.1f}<extra></extra>"))
    layout(figure, "Pain on exercise days and rest days", "", "Average pain (0-10)", yaxis_range=[0, 10.5],
           showlegend=False, hovermode="closest")
    alt = "Bar chart comparing average pain on days with exercise and on rest days. " + comparison.text
    return ChartView(figure, comparison.text, alt, chart_tables.rest_table(labels, values))
