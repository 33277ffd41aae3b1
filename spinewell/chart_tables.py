"""Each Log chart's numbers as a table, shown beside it: the same points the chart draws, in words and numbers, so
that nothing is told by colour or position alone."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from spinewell.palette import SeriesStyle


def _day(index: pd.DatetimeIndex) -> list[str]:
    return [f"{day.day} {day:%b %Y}" for day in index]


def pain_table(points: pd.Series, line: pd.Series, weekly: bool) -> pd.DataFrame:
    """Pain by day (or by week, for a long span), newest first, with the average line beside it."""
    average = line.reindex(points.index)
    return pd.DataFrame({
        "Week starting" if weekly else "Date": _day(points.index),
        "Pain (0-10)": points.round(1).to_numpy(),
        "4-week average" if weekly else "7-day average": average.round(1).to_numpy(),
    }).iloc[::-1].reset_index(drop=True)


def sessions_table(weekly: pd.DataFrame, targets: Mapping[str, int] | pd.DataFrame,
                   styles: Mapping[str, SeriesStyle], types: Sequence[str]) -> pd.DataFrame:
    """Days with each type of exercise per week, newest week first, as "2 of 3" where the type has a target."""
    table = pd.DataFrame({"Week starting": _day(weekly.index)})
    for type_id in types:  # one column a type, "2 of 3" where it has a target: few columns, to fit a phone
        done = weekly[type_id].astype("int64")
        if isinstance(targets, pd.DataFrame):
            goal = targets[type_id].reindex(weekly.index) if type_id in targets else pd.Series(pd.NA, weekly.index)
        else:
            goal = pd.Series(targets.get(type_id, pd.NA), index=weekly.index)
        table[styles[type_id].label] = [f"{d} of {int(g)}" if pd.notna(g) else str(d) for d, g in zip(done, goal,
                                                                                                       strict=True)]
    return table.iloc[::-1].reset_index(drop=True)


def minutes_table(minutes: pd.Series, target: int) -> pd.DataFrame:
    """Aerobic minutes per week, newest week first, and whether the week reached the target."""
    return pd.DataFrame({
        "Week starting": _day(minutes.index),
        "Aerobic minutes": minutes.round(0).astype("int64").to_numpy(),
        f"Reached {target}?": ["Yes" if value >= target else "No" for value in minutes],
    }).iloc[::-1].reset_index(drop=True)


def calendar_table(days: pd.DataFrame) -> pd.DataFrame:
    """The days with exercise that the calendar shows, newest first."""
    active = days[days["sessions"] > 0]
    return pd.DataFrame({
        "Date": [f"{day:%a} {day.day} {day:%b %Y}" for day in active.index],
        "Minutes": active["minutes"].round(0).astype("int64").to_numpy(),
        "Sessions": active["sessions"].astype("int64").to_numpy(),
    }).iloc[::-1].reset_index(drop=True)


def rest_table(labels: Sequence[str], values: Sequence[float | None]) -> pd.DataFrame:
    """Average pain on days with exercise and on rest days."""
    return pd.DataFrame({"Days": list(labels),
                         "Average pain (0-10)": ["-" if value is None else f"{value:.1f}" for value in values]})
