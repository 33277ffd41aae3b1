"""A personal goal's ratings over time: its chart (a line, and the band of "about the same" around the start) and
its numbers as a table."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from spinewell.chart_look import layout
from spinewell.charts import ChartView
from spinewell.goals import HIGHEST, LOWEST, MEANINGFUL, Goal, sentence, trend
from spinewell.palette import OUTLINE, PALETTE

_ONE_DAY = dt.timedelta(days=1)


def goal_title(number: int) -> str:
    """The chart's title: short, to fit a phone (Plotly does not wrap titles). The goal's name, the person's own
    text, is shown above the chart and in its alt text, not in the figure (Plotly reads HTML tags in titles)."""
    return f"Goal {number}: your ratings over time"


def goal_trend(goal: Goal, number: int = 1) -> ChartView:
    """Goal `number`'s ratings by date as a line with points, and a shaded band within MEANINGFUL points of the
    first rating: a rating outside it is a real change."""
    days = [day for day, _ in goal.ratings]
    scores = [score for _, score in goal.ratings]
    figure = go.Figure()
    if days:
        first, low, high = scores[0], max(scores[0] - MEANINGFUL, LOWEST), min(scores[0] + MEANINGFUL, HIGHEST)
        start, end = days[0] - _ONE_DAY, days[-1] + _ONE_DAY
        figure.add_trace(go.Scatter(
            x=[start, end, end, start], y=[low, low, high, high], fill="toself", mode="none",
            fillcolor="rgba(153, 153, 153, 0.25)", hoverinfo="skip",
            name=f"Within {MEANINGFUL} of your first ({first}): the same"))  # short: it fits a phone
        figure.add_trace(go.Scatter(
            x=days, y=scores, mode="lines+markers", name="Your rating",
            line=dict(color=PALETTE["goal"], width=3), marker=dict(color=PALETTE["goal"], size=9,
                                                                   line=dict(color=OUTLINE, width=1)),
            hovertemplate="%{x|%d %b %Y}: %{y}<extra></extra>"))
    layout(figure, goal_title(number), "Date", f"Rating ({LOWEST} to {HIGHEST})", showlegend=bool(days),
           hovermode="closest")
    figure.update_xaxes(type="date", tickformat="%d %b",
                        range=[days[0] - _ONE_DAY, days[-1] + _ONE_DAY] if days else None)
    figure.update_yaxes(range=[LOWEST - 0.3, HIGHEST + 0.3], dtick=2)
    return ChartView(figure, sentence(goal), _alt(goal), ratings_table(goal))


def ratings_table(goal: Goal) -> pd.DataFrame:
    """The goal's ratings as the chart draws them: Date, Rating (0-10), Change since first."""
    first = goal.ratings[0][1] if goal.ratings else 0
    return pd.DataFrame({
        "Date": [f"{day.day} {day:%b %Y}" for day, _ in goal.ratings],
        "Rating (0-10)": [score for _, score in goal.ratings],
        "Change since first": [f"{score - first:+d}" if index else "-"
                                           for index, (_, score) in enumerate(goal.ratings)],
    })


def _alt(goal: Goal) -> str:
    if not goal.ratings:
        return f"No ratings yet for {goal.name}."
    found, (first_day, first) = trend(goal), goal.ratings[0]
    if found is None:
        return f"One rating for {goal.name}: {first} out of 10 on {first_day:%d %b %Y}."
    last_day = goal.ratings[-1][0]
    return (f"Line chart of {len(goal.ratings)} ratings for {goal.name}, from {first_day:%d %b %Y} to "
            f"{last_day:%d %b %Y}: {found.first} at first, {found.latest} most recently. {found.words}")
