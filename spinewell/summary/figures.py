"""The summary's charts, sized for a printed page: each is drawn from exactly the numbers of the table beside it."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from spinewell.analysis.pain import PainChange
from spinewell.palette import OUTLINE, PALETTE, SeriesStyle

PATTERNS = ("", "/", "x", ".", "\\", "+")  # each type's bars in a pattern of their own, not only a colour

WIDTH, HEIGHT = 640, 250  # px: fits the width of an A4 or Letter page inside 15 mm margins (about 680 and 700 px)
_MARGIN = dict(l=56, r=16, t=16, b=40)


def _layout(figure: go.Figure, y_title: str, **extra) -> go.Figure:
    """The summary's look: print-sized, white, one week per category on the x axis (labelled by its Monday)."""
    figure.update_layout(
        width=WIDTH, height=HEIGHT, margin=_MARGIN,
        font=dict(size=12, color="#1F2933"), paper_bgcolor="white", plot_bgcolor="white", barmode="group",
        legend=dict(orientation="h", yanchor="top", y=-0.18, xanchor="left", x=0), **extra,
    )
    figure.update_xaxes(type="category", showline=True, linecolor="#9AA5B1")
    figure.update_yaxes(title_text=y_title, gridcolor="#E4E7EB", rangemode="tozero")
    return figure


def _weeks(index: pd.Index) -> list[str]:
    return [f"{week.day} {week:%b}" for week in index]


def pain_weeks(table: pd.DataFrame, change: PainChange) -> go.Figure:
    """Average pain of each week as a line with points; the first week's level (dotted) and the level that would be a
    real improvement (dashed) once there are two weeks of ratings."""
    figure = go.Figure(go.Scatter(x=_weeks(table.index), y=table["average"].round(1).tolist(), mode="lines+markers",
                                  name="Average pain that week", line=dict(color=PALETTE["pain"], width=3)))
    if change.baseline is not None and change.threshold is not None and len(table):
        improved = max(change.baseline - change.threshold, 0)
        figure.add_hline(y=round(change.baseline, 1), line=dict(color=PALETTE["neutral"], dash="dot"),
                         annotation_text=f"First 7 rated days: {change.baseline:.1f}", annotation_position="top left")
        figure.add_hline(y=round(improved, 1), line=dict(color=PALETTE["neutral"], dash="dash"),
                         annotation_text=f"A real improvement: {improved:.1f} or lower",
                         annotation_position="bottom left")
    return _layout(figure, "Pain (0 = none, 10 = worst)", yaxis_range=[0, 10.3])


def exercise_weeks(sessions: pd.DataFrame, targets: pd.DataFrame, styles: Mapping[str, SeriesStyle]) -> go.Figure:
    """Days with each type of exercise per week as grouped bars, each week's target as a marker above its bar."""
    figure = go.Figure()
    for position, type_id in enumerate(sessions.columns):
        style = styles[type_id]
        figure.add_trace(go.Bar(x=_weeks(sessions.index), y=sessions[type_id].astype(int).tolist(), name=style.label,
                                marker=dict(color=style.colour, line=dict(color=OUTLINE, width=1),
                                            pattern=dict(shape=PATTERNS[position % len(PATTERNS)])),
                                offsetgroup=type_id))
        target = targets[type_id]
        if target.notna().any():
            figure.add_trace(go.Scatter(
                x=_weeks(sessions.index), y=target.tolist(), mode="markers", offsetgroup=type_id, showlegend=False,
                name=f"{style.label} target", marker=dict(symbol="line-ew-open", size=18, color="#1F2933",
                                                          line=dict(width=2)),
            ))
    return _layout(figure, "Days with exercise", yaxis_range=[0, 7.5],
                   scattermode="group")


def aerobic_weeks(minutes: pd.Series, target: int, style: SeriesStyle) -> go.Figure:
    """Aerobic minutes per week as bars against the usual advice as a dashed line."""
    figure = go.Figure(go.Bar(x=_weeks(minutes.index), y=minutes.round(0).astype(int).tolist(), name=style.label,
                              marker=dict(color=style.colour, line=dict(color=OUTLINE, width=1))))
    figure.add_hline(y=target, line=dict(color="#1F2933", dash="dash"), annotation_text=f"{target} minutes a week",
                     annotation_position="top left")
    return _layout(figure, "Minutes", yaxis_range=[0, max(target, *minutes.tolist(), 1) * 1.15])
