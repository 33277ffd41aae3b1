"""How every chart in the app looks and behaves: no toolbar, the title at the top, the legend in a row of its own
between the title and the plot (never over an axis title), room for it at 320 px, and the date axes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

# No toolbar: on a phone it covers the title, and its buttons are tab stops nobody can see (displaylogo too, in
# case a later Streamlit shows the bar anyway).
CONFIG = {"displayModeBar": False, "displaylogo": False}
FONT = dict(size=14)
DAY_MS = 24 * 3600 * 1000
DAY_TICKS_UP_TO = 56  # days: a shorter span gets a tick on whole days (plotly would pick hours for a few days)
HALF_WEEK = pd.Timedelta(days=3.5)
PHONE_WIDTH = 320  # px: the legend gets room for as many rows as it needs at this width
HEIGHT = 420  # px, before the legend's rows
_TITLE_ROOM = 40  # px from the top of the chart to the top of the legend (a subtitle adds _SUBTITLE_ROOM)
_SUBTITLE_ROOM = 30
ROW = 24  # px: one row of the legend at 14 px
_SIDE = dict(l=56, r=24)


def legend_rows(names: list[str], width: int = PHONE_WIDTH) -> int:
    """How many rows a horizontal legend of `names` takes at `width` px (about 7.5 px a letter, 40 px for the
    symbol and the gap): plotly wraps a horizontal legend onto new rows when it is wider than the chart."""
    if not names:
        return 0
    rows, used, room = 1, 0.0, width - _SIDE["l"] // 4
    for name in names:
        item = 40 + 7.5 * len(name)
        if used and used + item > room:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def layout(figure: go.Figure, title: str, x_title: str, y_title: str, subtitle: str = "", key_rows: int = 0,
           **extra) -> go.Figure:
    """The app's chart layout. The legend is pinned in pixels under the title (container coordinates) and the top
    margin leaves it the rows it needs on the narrowest phone, so it never meets the title, the plot or an axis
    title; the axis titles and tick labels push the margins out themselves (automargin). `key_rows` keeps rows
    there for a key that is not a legend (a heatmap's colour bar)."""
    shown = [t.name for t in figure.data if t.name and t.showlegend is not False]
    showing = extra.get("showlegend", True) and bool(shown)
    top_of_legend = _TITLE_ROOM + (_SUBTITLE_ROOM if subtitle else 0)
    rows = max(legend_rows(shown) if showing else 0, key_rows)
    height = extra.pop("height", HEIGHT) + rows * ROW
    heading = dict(text=title, x=0, xanchor="left", xref="container", pad=dict(l=12), y=1 - 12 / height,
                   yref="container", yanchor="top")
    if subtitle:
        heading["subtitle"] = dict(text=subtitle, font=dict(size=13))
    settings = dict(
        title=heading, font=FONT, height=height, hovermode="x unified",
        margin=dict(**_SIDE, t=top_of_legend + rows * ROW + 8, b=16, autoexpand=True),
        legend=dict(orientation="h", xref="container", x=0, xanchor="left", yref="container",
                    y=1 - top_of_legend / height, yanchor="top", itemwidth=30, font=dict(size=13)),
    )
    figure.update_layout({**settings, **extra})
    figure.update_xaxes(title_text=x_title, automargin=True, title_standoff=8)
    figure.update_yaxes(title_text=y_title, automargin=True)
    return figure


def day_axis(dates: pd.DatetimeIndex) -> dict:
    """A date axis padded by a day either side (a single day is not squeezed into the middle of hours); up to
    DAY_TICKS_UP_TO days, ticks on whole days labelled '05 Mar', at most about 6 (they fit a phone)."""
    if len(dates) == 0:
        return {}
    first, last = dates[0], dates[-1]
    axis = dict(range=[first - pd.Timedelta(days=1), last + pd.Timedelta(days=1)])
    span = (last - first).days + 2
    if span <= DAY_TICKS_UP_TO:
        axis.update(tickformat="%d %b", tick0=first, dtick=DAY_MS * max(1, int(np.ceil(span / 6))))
    return axis


def week_axis(weeks: pd.DatetimeIndex, most: int = 12) -> dict:
    """Ticks on Mondays (plotly would otherwise pick Sundays), at most about `most` of them, and half a week either
    side, so that one or two weeks are drawn a week wide, not across the whole chart."""
    if len(weeks) == 0:
        return dict(tickformat="%d %b")
    step = max(1, int(np.ceil(len(weeks) / most)))
    return dict(tickformat="%d %b" if len(weeks) <= 52 else "%b %Y", tick0=weeks[-1], dtick=7 * DAY_MS * step,
                range=[weeks[0] - HALF_WEEK, weeks[-1] + HALF_WEEK])


def steps_only(index: pd.DatetimeIndex, values: np.ndarray) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """A stepped line's corners only: the first point, each point where the value changes, and the last, so that
    a target that stays the same for ten years is 2 points, not 520."""
    if len(values) < 3:
        return index, values
    same = np.r_[False, (values[1:-1] == values[:-2]) | (np.isnan(values[1:-1]) & np.isnan(values[:-2])), False]
    return index[~same], values[~same]
