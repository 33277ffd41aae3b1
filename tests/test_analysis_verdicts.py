"""The log's verdicts on small diaries written out by hand: what counts as better or worse, the worsening alert
against the person's own first week, the calm note for pain that stays high, and the early-episode sentence."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from spinewell.analysis.alerts import steady_high_pain, worsening_alert
from spinewell.analysis.days import day_table
from spinewell.analysis.pain import daily_pain, is_early_episode, pain_change
from spinewell.content.load import load
from spinewell.log.entry import LogEntry
from spinewell.log.store import entries_frame

CONTENT = load()
LOOKUP = CONTENT.exercise_type_lookup()


def diary(first_week: list[float], latest_week: list[float], start: str = "2026-03-02") -> pd.DataFrame:
    """The day table of a diary with one rating a day: `first_week` from `start`, `latest_week` the 7 days after."""
    pains = first_week + latest_week
    first = dt.date.fromisoformat(start)
    entries = [LogEntry(first + dt.timedelta(days=n), pain=p) for n, p in enumerate(pains)]
    return day_table(entries_frame(entries), LOOKUP)


def change_of(first_week: list[float], latest_week: list[float], early_episode: bool = False):
    return pain_change(daily_pain(diary(first_week, latest_week)), early_episode=early_episode)


# --- better: at least 1 point, at most 2 points or 30% -------------------------------------------------------------


def test_a_fall_of_one_point_from_three_is_better_because_30_percent_is_under_a_point():
    # first week 2+3+4+3+3+4+2 = 21 -> 3.0; latest 2+2+3+1+2+2+2 = 14 -> 2.0; fall 1.0.
    # 30% of 3.0 is 0.9, under one point, so the threshold is 1.0: a fall of 1.0 is better.
    change = change_of([2, 3, 4, 3, 3, 4, 2], [2, 2, 3, 1, 2, 2, 2])
    assert (change.baseline, change.latest, change.threshold) == pytest.approx((3.0, 2.0, 1.0))
    assert change.verdict == "better"
    assert "fallen by 1.0 points (33%)" in change.text
    assert "a fall of 1.0 points or more" in change.text


def test_a_fall_of_two_points_from_nine_is_better_and_a_fall_of_1_9_is_not():
    # first week 9+9+8+10+9+9+9 = 63 -> 9.0; latest 7+7+6+8+7+7+7 = 49 -> 7.0; fall 2.0.
    # 30% of 9.0 is 2.7, more than 2 points, so the threshold is 2.0.
    change = change_of([9, 9, 8, 10, 9, 9, 9], [7, 7, 6, 8, 7, 7, 7])
    assert (change.baseline, change.latest, change.threshold) == pytest.approx((9.0, 7.0, 2.0))
    assert change.verdict == "better"
    # latest 7+7+7+7+7+7+7.7 = 49.7 -> 7.1: a fall of 1.9, short of 2.
    short = change_of([9, 9, 8, 10, 9, 9, 9], [7, 7, 7, 7, 7, 7, 7.7])
    assert short.latest == pytest.approx(7.1) and short.verdict == "no_change"
    assert "less than the 2.0 points that would count as a real improvement" in short.text


def test_a_fall_of_0_8_from_two_is_not_better_though_it_is_40_percent():
    # first week 1+2+3+2+2+3+1 = 14 -> 2.0; latest 1+1+2+1+1+1+1.4 = 8.4 -> 1.2; fall 0.8 (40%), under 1 point.
    change = change_of([1, 2, 3, 2, 2, 3, 1], [1, 1, 2, 1, 1, 1, 1.4])
    assert (change.baseline, change.latest, change.threshold) == pytest.approx((2.0, 1.2, 1.0))
    assert change.verdict == "no_change"
    assert "down 0.8 points (40%)" in change.text and "1.0 points" in change.text


# --- worse: the app's own threshold of 1 point ----------------------------------------------------------------------


def test_a_rise_of_one_point_is_worse_by_the_apps_own_rule_and_0_9_is_not():
    # first week 4+4+5+3+4+4+4 = 28 -> 4.0; latest 5 x 7 = 35 -> 5.0; rise 1.0.
    change = change_of([4, 4, 5, 3, 4, 4, 4], [5] * 7)
    assert (change.baseline, change.latest) == pytest.approx((4.0, 5.0))
    assert change.verdict == "worse"
    assert "risen by 1.0 points (25%)" in change.text and "our own rule" in change.text
    # latest 5 x 6 + 4.3 = 34.3 -> 4.9: a rise of 0.9.
    smaller = change_of([4, 4, 5, 3, 4, 4, 4], [5, 5, 5, 5, 5, 5, 4.3])
    assert smaller.latest == pytest.approx(4.9) and smaller.verdict == "no_change"
    assert "less than the 1 point rise that Spinewell counts as worse" in smaller.text


# --- the worsening alert and pain that stays high -------------------------------------------------------------------


def test_stable_severe_pain_raises_no_alert_but_gets_the_calm_note():
    # 8 and 9 every day: first week 8+9+8+9+8+9+8 = 59 -> 8.43; latest 9+8+9+8+9+8+9 = 60 -> 8.57.
    # Every day is at 8 or more in both weeks (not new), and the rise of 0.14 is under 1 point: no alert.
    days = diary([8, 9, 8, 9, 8, 9, 8], [9, 8, 9, 8, 9, 8, 9])
    assert worsening_alert(days) is None
    steady = steady_high_pain(days)
    assert steady is not None and steady.first_week == pytest.approx(59 / 7) and steady.latest == pytest.approx(60 / 7)
    assert "stayed high (about 9 out of 10) since you started" in steady.text
    assert "GP or physiotherapist can help review the plan" in steady.text
    assert pain_change(daily_pain(days)).verdict == "no_change"


def test_a_rise_from_five_to_eight_or_more_raises_the_alert_and_no_calm_note():
    # first week 5 x 7 -> 5.0; latest 8+8+9+8+8+9+8 = 58 -> 8.29: 3.3 points up, and 7 days at 8 or more (none before).
    days = diary([5] * 7, [8, 8, 9, 8, 8, 9, 8])
    alert = worsening_alert(days)
    assert alert is not None
    assert alert.reasons == (
        "Your average pain over the latest 7 days (8.3) is 3.3 points higher than the 7 days before (5.0).",
        "7 of the latest 7 days had pain of 8 or more, more often than in your first week.",
    )
    assert steady_high_pain(days) is None  # the first week was not high


def test_severe_days_are_an_alert_when_the_average_rises_a_point_above_a_severe_first_week():
    # first week 8 x 7 -> 8.0; latest 9 x 7 -> 9.0: days at 8 or more are not new, but the rise is 1.0 point.
    alert = worsening_alert(diary([8] * 7, [9] * 7))
    assert alert is not None
    assert alert.reasons == ("7 of the latest 7 days had pain of 8 or more, and your average is up 1.0 points on "
                             "your first week (8.0).",)


def test_a_first_week_with_some_severe_days_still_alerts_when_they_become_more_frequent():
    # first week 7+8+7+7+7+7+7 = 50 -> 7.14 (1 day at 8, under 3 in 7); latest 8+8+8+7+7+7+7 = 52 -> 7.43.
    alert = worsening_alert(diary([7, 8, 7, 7, 7, 7, 7], [8, 8, 8, 7, 7, 7, 7]))
    assert alert is not None and alert.reasons[-1].startswith("3 of the latest 7 days had pain of 8 or more")


def test_a_rise_on_the_week_before_is_said_once_when_the_first_week_is_the_week_before():
    # first week 3 x 7 -> 3.0 is also the 7 days before the latest (5 x 7 -> 5.0): one reason, not two.
    alert = worsening_alert(diary([3] * 7, [5] * 7))
    assert alert is not None and len(alert.reasons) == 1 and "the 7 days before (3.0)" in alert.reasons[0]


def test_a_short_diary_of_severe_days_has_nothing_to_be_worse_than():
    # 5 days at 9: no week before and no first week before the latest 7 days: no alert, no "since you started".
    days = day_table(entries_frame([LogEntry(dt.date(2026, 3, d), pain=9) for d in range(2, 7)]), LOOKUP)
    assert worsening_alert(days) is None and steady_high_pain(days) is None


# --- early in an episode ------------------------------------------------------------------------------------------


def test_better_early_in_an_episode_adds_that_new_back_pain_often_improves_on_its_own():
    # first week 6 x 7 -> 6.0; latest 4 x 7 -> 4.0: better.
    sentence = "often gets better on its own"
    assert sentence in change_of([6] * 7, [4] * 7, early_episode=True).text
    assert sentence not in change_of([6] * 7, [4] * 7, early_episode=False).text
    # Only a fall is explained that way: not a rise, not a change too small to count.
    assert sentence not in change_of([4] * 7, [6] * 7, early_episode=True).text
    assert sentence not in change_of([6] * 7, [5.5] * 7, early_episode=True).text


def test_the_episode_is_early_when_the_assessment_says_it_started_within_six_weeks():
    (duration,) = [q for q in CONTENT.questionnaire.questions if q.id == "duration"]
    early = {option.id: is_early_episode({"duration": option.id}) for option in duration.options}
    assert early == {"under-2-weeks": True, "2-to-6-weeks": True, "6-to-12-weeks": False, "over-3-months": False}
    assert not is_early_episode({})  # no assessment yet: nothing is added
