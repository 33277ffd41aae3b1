"""The log's figures, checked on small logs worked out by hand."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from spinewell.analysis.alerts import worsening_alert
from spinewell.analysis.days import classify_activities, day_table
from spinewell.analysis.pain import daily_pain, exercise_vs_rest, pain_change, rolling_pain
from spinewell.analysis.weeks import (
    adherence,
    aerobic_minutes_target,
    complete_weeks,
    frequency_targets,
    plan_adherence,
    plan_targets,
    summarise,
    week_start,
    weekly_minutes,
    weekly_sessions,
)
from spinewell.content.load import load
from spinewell.log.entry import LogEntry
from spinewell.log.read import empty_frame
from spinewell.log.store import entries_frame
from spinewell.program.plan import WeekTarget

LOOKUP = load().exercise_type_lookup()


def log(rows: list[tuple]) -> pd.DataFrame:
    """A clean log from (date, pain, exercise, minutes) tuples."""
    entries = [
        LogEntry(dt.date.fromisoformat(d), pain=p, exercise=e or "", minutes=m, notes="" if (p is not None or e)
                         else "note")
        for d, p, e, m in rows
    ]
    return entries_frame(entries)


def days_of(rows: list[tuple]) -> pd.DataFrame:
    return day_table(log(rows), LOOKUP)


def daily_series(values: dict[str, float]) -> pd.Series:
    return pd.Series(list(values.values()), index=pd.DatetimeIndex(list(values), name="date"), dtype="float64")


# --- daily pain and the rolling mean --------------------------------------------------------------------------------


def test_daily_pain_is_the_mean_of_the_days_ratings_and_days_without_ratings_are_left_out():
    days = days_of([("2026-03-01", 5, None, None), ("2026-03-01", 7, None, None), ("2026-03-02", None, "walking", 30),
                    ("2026-03-03", 2, None, None)])
    daily = daily_pain(days)
    assert daily.to_dict() == {pd.Timestamp("2026-03-01"): 6.0, pd.Timestamp("2026-03-03"): 2.0}
    assert days.loc["2026-03-01", "pain_max"] == 7 and days.loc["2026-03-01", "ratings"] == 2
    assert len(days) == 3  # every calendar day from the first entry to the last


def test_the_day_table_does_not_depend_on_row_order():
    rows = [("2026-03-03", 2, None, None), ("2026-03-01", 5, "walking", 30), ("2026-03-03", 9, None, None),
            ("2026-03-01", 7, None, None)]
    in_order = days_of(sorted(rows))
    shuffled = days_of(rows)
    assert shuffled.equals(in_order)
    assert shuffled["pain_max"].tolist()[::2] == [7, 9] and shuffled["aerobic_minutes"].iloc[0] == 30


def test_rolling_mean_is_over_calendar_days_and_missing_days_are_not_zeros():
    daily = daily_series({"2026-03-01": 6, "2026-03-02": 4, "2026-03-05": 5, "2026-03-09": 2})
    rolling = rolling_pain(daily)
    expected = {1: 6.0, 2: 5.0, 3: 5.0, 4: 5.0, 5: 5.0, 6: 5.0, 7: 5.0, 8: 4.5, 9: 3.5}
    assert {d.day: v for d, v in rolling.items()} == pytest.approx(expected)


def test_rolling_mean_is_missing_where_a_whole_week_has_no_rating():
    daily = daily_series({"2026-03-01": 6, "2026-03-12": 2})
    rolling = rolling_pain(daily)
    assert rolling["2026-03-07"] == 6 and np.isnan(rolling["2026-03-08"]) and rolling["2026-03-12"] == 2


# --- meaningful change ----------------------------------------------------------------------------------------------


def two_weeks(first: list[float], last: list[float], gap_days: int = 0) -> pd.Series:
    dates = pd.date_range("2026-03-02", periods=7).append(pd.date_range(f"2026-03-{9 + gap_days:02d}", periods=7))
    return pd.Series(first + last, index=dates, dtype="float64")


@pytest.mark.parametrize(
    ("baseline", "latest", "verdict"),
    [
        (6.0, 4.0, "better"),  # fall of exactly 2 points
        (6.0, 4.5, "no_change"),  # 1.5 points and 25%
        (3.0, 2.0, "better"),  # 1 point and 33%: mild pain needs a smaller change
        (3.0, 2.1, "no_change"),  # 30%, but under 1 point (one step of the scale)
        (3.0, 2.2, "no_change"),  # 27%
        (4.0, 6.0, "worse"),
        (5.0, 5.0, "no_change"),
        (0.0, 0.0, "no_change"),
    ],
)
def test_meaningful_change_is_a_fall_of_2_points_or_30_percent(baseline, latest, verdict):
    change = pain_change(two_weeks([baseline] * 7, [latest] * 7))
    assert change.verdict == verdict
    assert change.baseline == pytest.approx(baseline) and change.latest == pytest.approx(latest)


def test_baseline_is_the_first_seven_rated_days_and_latest_the_last_seven():
    first = [7, 6, 6, 5, 6, 7, 5]  # mean 6.0
    last = [4, 3, 4, 4, 5, 4, 4]  # mean 4.0
    change = pain_change(two_weeks(first, last, gap_days=20))
    assert change.baseline == pytest.approx(6.0) and change.latest == pytest.approx(4.0)
    assert change.baseline_period == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert change.latest_period == (dt.date(2026, 3, 29), dt.date(2026, 4, 4))
    assert change.change == pytest.approx(-2.0) and change.percent == pytest.approx(-100 / 3)
    assert "fallen by 2.0 points (33%)" in change.text


def test_fewer_than_fourteen_rated_days_is_not_enough_to_judge():
    change = pain_change(two_weeks([6] * 7, [2] * 7).iloc[:13])
    assert change.verdict == "not_enough" and change.rated_days == 13
    assert "you have 13" in change.text


# --- weeks ----------------------------------------------------------------------------------------------------------


def test_iso_weeks_run_monday_to_sunday_across_the_new_year():
    dates = pd.Series(pd.to_datetime(["2026-12-27", "2026-12-28", "2026-12-31", "2027-01-01", "2027-01-03",
                                      "2027-01-04"]))
    assert [f"{d:%Y-%m-%d}" for d in week_start(dates)] == [
        "2026-12-21", "2026-12-28", "2026-12-28", "2026-12-28", "2026-12-28", "2027-01-04"
    ]


def test_weekly_sessions_count_days_per_type_and_split_at_the_sunday_monday_boundary():
    days = days_of([
        ("2026-12-31", None, "plank", 5),  # Thursday, ISO week starting 28 Dec
        ("2026-12-31", None, "bridge", 5),  # same day, same type: still one core day
        ("2027-01-01", None, "Bird-dog", 5),  # Friday, same week
        ("2027-01-03", None, "hamstring stretch", 10),  # Sunday, same week
        ("2027-01-04", None, "plank", 5),  # Monday: next week
        ("2027-01-04", None, "Brisk walk", 20),  # free text, aerobic by our rules
        ("2027-01-05", None, "swimming", 40),
        ("2027-01-06", None, "Warm-up", 5),  # not a main type: "other"
        ("2027-01-07", None, "juggling", 15),  # unknown: "other"
    ])
    weekly = weekly_sessions(days)
    assert [f"{w:%Y-%m-%d}" for w in weekly.index] == ["2026-12-28", "2027-01-04"]
    assert weekly.loc["2026-12-28"].to_dict() == {"core": 2, "stretching": 1, "aerobic": 0, "other": 0}
    assert weekly.loc["2027-01-04"].to_dict() == {"core": 1, "stretching": 0, "aerobic": 2, "other": 2}


def test_weekly_aerobic_minutes_add_up_and_missing_minutes_count_zero():
    days = days_of([("2026-03-02", None, "walking", 30), ("2026-03-02", None, "walking", None),
                    ("2026-03-08", None, "cycling", 45), ("2026-03-09", None, "swimming", 20),
                    ("2026-03-09", None, "plank", 5)])
    minutes = weekly_minutes(days)
    assert minutes["aerobic"].tolist() == [75.0, 20.0]
    assert minutes["core"].tolist() == [0.0, 5.0]


def test_weeks_without_exercise_show_as_zero_not_missing():
    days = days_of([("2026-03-02", None, "plank", 5), ("2026-03-20", 4, None, None)])
    weekly = weekly_sessions(days)
    assert weekly["core"].tolist() == [1, 0, 0]


def test_adherence_counts_the_weeks_each_target_was_met():
    weekly = pd.DataFrame(
        {"core": [3, 2, 4], "stretching": [7, 7, 6], "aerobic": [5, 0, 5]},
        index=pd.DatetimeIndex(["2026-03-02", "2026-03-09", "2026-03-16"]),
    )
    table = adherence(weekly, {"core": 3, "stretching": 7, "aerobic": 5}).set_index("type")
    assert table.loc["core", ["weeks", "weeks_met"]].tolist() == [3, 2]
    assert table.loc["core", "mean_per_week"] == pytest.approx(3.0)
    assert table.loc["stretching", "weeks_met"] == 2 and table.loc["aerobic", "share_met"] == pytest.approx(2 / 3)


def test_only_finished_weeks_count_towards_adherence():
    weekly = pd.DataFrame({"core": [3, 1]}, index=pd.DatetimeIndex(["2026-03-02", "2026-03-09"]))
    assert len(complete_weeks(weekly, dt.date(2026, 3, 14))) == 1  # Saturday: week 2 still running
    assert len(complete_weeks(weekly, dt.date(2026, 3, 15))) == 2  # Sunday: it is over


def test_targets_come_from_the_content_types():
    content = load()
    assert frequency_targets(content.exercise_types) == {"core": 3, "stretching": 7, "aerobic": 5}
    assert aerobic_minutes_target(content.exercise_types) == 150


def test_plan_adherence_compares_each_started_plan_week_with_the_log():
    days = days_of([("2026-03-02", None, "plank", 5), ("2026-03-04", None, "bridge", 5),
                    ("2026-03-03", None, "walking", 35), ("2026-03-05", None, "walking", 20)])
    weekly, minutes = weekly_sessions(days), weekly_minutes(days)
    plan = [
        WeekTarget(dt.date(2026, 3, 2), "core", 2, 0),
        WeekTarget(dt.date(2026, 3, 2), "aerobic", 2, 60),
        WeekTarget(dt.date(2026, 3, 9), "core", 3, 0),  # starts after as_of: not judged yet
    ]
    table = plan_adherence(weekly, minutes, plan, as_of=dt.date(2026, 3, 8))
    assert table[["type", "planned_sessions", "done_sessions", "planned_minutes", "done_minutes", "met"]].to_dict(
        "records"
    ) == [
        {"type": "core", "planned_sessions": 2, "done_sessions": 2, "planned_minutes": 0, "done_minutes": 10.0,
         "met": True},
        {"type": "aerobic", "planned_sessions": 2, "done_sessions": 2, "planned_minutes": 60, "done_minutes": 55.0,
         "met": False},
    ]
    targets = plan_targets(plan, pd.DatetimeIndex(["2026-03-02", "2026-03-09", "2026-03-16"]))
    assert targets["core"].tolist()[:2] == [2, 3] and np.isnan(targets["core"].iloc[2])


# --- exercise days against rest days -----------------------------------------------------------------------------


def test_exercise_and_rest_days_are_compared_only_with_three_of_each():
    rows = [(f"2026-03-{d:02d}", p, e, 20 if e else None) for d, p, e in [
        (1, 3, "walking"), (2, 4, "plank"), (3, 5, None), (4, 6, None), (5, 5, "walking"), (6, 7, None),
    ]]
    comparison = exercise_vs_rest(days_of(rows))
    assert (comparison.exercise_days, comparison.rest_days, comparison.enough) == (3, 3, True)
    assert comparison.exercise_mean == pytest.approx(4.0) and comparison.rest_mean == pytest.approx(6.0)
    assert "2.0 points lower" in comparison.text and "not proof" in comparison.text
    fewer = exercise_vs_rest(days_of(rows[:5]))
    assert not fewer.enough and "at least 3" in fewer.text


# --- the worsening alert --------------------------------------------------------------------------------------------


def rated(values: list[float], start: str = "2026-03-01") -> pd.DataFrame:
    dates = pd.date_range(start, periods=len(values))
    return days_of([(f"{d:%Y-%m-%d}", v, None, None) for d, v in zip(dates, values, strict=True)])


def test_a_rise_of_two_points_on_the_week_before_raises_the_alert():
    alert = worsening_alert(rated([3] * 7 + [5] * 7))
    assert alert is not None and "2.0 points higher than the 7 days before" in alert.reasons[0]
    assert "Ease off" in alert.advice and "GP or physiotherapist" in alert.advice
    assert "urgent" not in alert.advice and "bladder" not in alert.advice  # the red flags come from the content


def test_a_smaller_rise_raises_no_alert():
    assert worsening_alert(rated([3] * 7 + [4.5] * 7)) is None


def test_three_days_at_eight_or_more_in_the_latest_week_raise_the_alert():
    alert = worsening_alert(rated([7] * 7 + [7, 8, 7, 9, 7, 8, 7]))
    assert alert is not None and "3 of the latest 7 days had pain of 8 or more" in alert.reasons[-1]
    assert worsening_alert(rated([7] * 7 + [7, 8, 7, 9, 7, 7, 7])) is None


def test_a_rise_on_the_first_week_counts_even_after_a_gap():
    values = [3] * 7 + [5.5] * 7
    days = rated(values[:7]).combine_first(rated(values[7:], start="2026-04-01"))
    alert = worsening_alert(days)
    assert alert is not None and any("first week" in reason for reason in alert.reasons)


# --- headline numbers ----------------------------------------------------------------------------------------------


def test_summary_compares_the_latest_seven_days_with_the_seven_before():
    rows = [(f"2026-03-{d:02d}", 6, None, None) for d in range(1, 8)]
    rows += [(f"2026-03-{d:02d}", 4, None, None) for d in range(8, 15)]
    rows += [("2026-03-03", None, "walking", 30), ("2026-03-10", None, "walking", 50),
             ("2026-03-11", None, "plank", 5)]
    summary = summarise(days_of(rows))
    assert summary.end == dt.date(2026, 3, 14)
    assert (summary.pain_latest, summary.pain_previous) == (4.0, 6.0)
    assert (summary.exercise_days_latest, summary.exercise_days_previous) == (2, 1)
    assert (summary.aerobic_minutes_latest, summary.aerobic_minutes_previous) == (50.0, 30.0)
    assert summary.days_logged == 14


def test_an_empty_log_gives_empty_figures_not_errors():
    days = day_table(empty_frame(), LOOKUP)
    assert days.empty and summarise(days) is None
    assert daily_pain(days).empty and worsening_alert(days) is None
    assert not exercise_vs_rest(days).enough
    assert weekly_sessions(days).empty


def test_classification_uses_the_library_then_our_rules():
    names = pd.Series(["Plank", "hamstring-stretch", "Child's pose", "brisk walk", "Yoga class", "cool down",
                       "knitting", ""], dtype="string")
    types = classify_activities(names, LOOKUP)
    assert types.iloc[:7].tolist() == ["core", "stretching", "stretching", "aerobic", "stretching", "cooldown", "other"]
    assert pd.isna(types.iloc[7])
