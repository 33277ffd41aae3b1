"""The pain trend from the day table: daily and rolling means, and the change since the first week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from spinewell.analysis.days import WINDOW_DAYS

# Ostelo et al. 2008: a fall of 2 points or 30% of the starting level matters to a person; a change under one step of
# the scale is noise, so "better" needs at least 1 point too. Ostelo defines improvement only: the 1-point rise that
# counts as "worse" is this app's own rule.
MEANINGFUL_POINTS = 2.0
MEANINGFUL_FRACTION = 0.30
SMALLEST_CHANGE = 1.0
WORSE_POINTS = 1.0
MIN_DAYS_TO_COMPARE = 3  # days of each kind before comparing exercise days with rest days (or two weeks)
# The questionnaire's duration answers (content/questionnaire.yaml) that mean the pain started within about 6 weeks.
EARLY_EPISODE_ANSWERS = ("under-2-weeks", "2-to-6-weeks")
TOLERANCE = 1e-9  # float sums such as 6.2 - 4.2 land a hair off the threshold they should meet


def improvement_threshold(baseline: float) -> float:
    """The smallest fall from `baseline` that counts as better: 30% of it or 2 points, whichever is smaller, and
    never under 1 point."""
    return max(SMALLEST_CHANGE, min(MEANINGFUL_POINTS, MEANINGFUL_FRACTION * baseline))


def is_early_episode(answers: Mapping[str, object]) -> bool:
    """Whether the self-assessment's answers say this spell of pain started within about 6 weeks."""
    return answers.get("duration") in EARLY_EPISODE_ANSWERS


@dataclass(frozen=True)
class PainChange:
    """The first 7 days with a rating against the latest 7, and whether the change is one that matters.

    `early_episode`: the pain started within about 6 weeks (from the self-assessment), so a fall may be the usual
    recovery of new back pain.
    """

    verdict: str  # "better" | "worse" | "no_change" | "not_enough"
    rated_days: int
    baseline: float | None = None
    latest: float | None = None
    baseline_period: tuple[dt.date, dt.date] | None = None
    latest_period: tuple[dt.date, dt.date] | None = None
    early_episode: bool = False

    @property
    def change(self) -> float | None:
        return None if self.baseline is None or self.latest is None else self.latest - self.baseline

    @property
    def percent(self) -> float | None:
        if self.change is None or not self.baseline:
            return None
        return 100.0 * self.change / self.baseline

    @property
    def threshold(self) -> float | None:
        """The smallest fall from the baseline that counts as better (see improvement_threshold)."""
        return None if self.baseline is None else improvement_threshold(self.baseline)

    @property
    def text(self) -> str:
        if self.verdict == "not_enough":
            needed = 2 * WINDOW_DAYS
            return (
                f"Not enough ratings yet to judge a change: that needs {needed} days with a pain rating "
                f"(you have {self.rated_days})."
            )
        assert self.change is not None and self.threshold is not None
        levels = f"from {self.baseline:.1f} to {self.latest:.1f}"
        if self.change == 0:
            return f"Your pain is the same as in your first week ({self.baseline:.1f})."
        size = f"{abs(self.change):.1f} points" + (f" ({abs(self.percent):.0f}%)" if self.percent is not None else "")
        if self.verdict == "better":
            early = (" Back pain that started in the last few weeks often gets better on its own, and that may be "
                     "part of this." if self.early_episode else "")
            return (f"Your pain has fallen by {size} since your first week, {levels}. That is a real improvement: "
                    f"starting from {self.baseline:.1f}, a fall of {self.threshold:.1f} points or more usually "
                    f"matters to people.{early}")
        if self.verdict == "worse":
            return (f"Your pain has risen by {size} since your first week, {levels}. Spinewell counts a rise of "
                    f"{WORSE_POINTS:.0f} point or more as worse (our own rule).")
        if self.change < 0:
            return (f"Your pain is down {size} since your first week ({levels}). That is less than the "
                    f"{self.threshold:.1f} points that would count as a real improvement from where you started.")
        return (f"Your pain is up {size} since your first week ({levels}). That is less than the "
                f"{WORSE_POINTS:.0f} point rise that Spinewell counts as worse.")


@dataclass(frozen=True)
class ExerciseRestComparison:
    """Average pain on days with exercise against days without. An association in a diary, not proof of cause."""

    exercise_days: int
    rest_days: int
    exercise_mean: float | None
    rest_mean: float | None

    @property
    def enough(self) -> bool:
        return self.exercise_days >= MIN_DAYS_TO_COMPARE and self.rest_days >= MIN_DAYS_TO_COMPARE

    @property
    def text(self) -> str:
        if not self.enough:
            return (
                f"Comparing exercise days with rest days needs at least {MIN_DAYS_TO_COMPARE} rated days of each "
                f"(you have {self.exercise_days} exercise and {self.rest_days} rest days)."
            )
        assert self.exercise_mean is not None and self.rest_mean is not None
        difference = self.exercise_mean - self.rest_mean
        if abs(difference) < 0.5:
            relation = "about the same as"
        elif difference < 0:
            relation = f"{abs(difference):.1f} points lower than"
        else:
            relation = f"{difference:.1f} points higher than"
        return (
            f"On days you exercised, your pain averaged {self.exercise_mean:.1f}, {relation} on rest days "
            f"({self.rest_mean:.1f}), over {self.exercise_days} exercise days and {self.rest_days} rest days. "
            "This is an association in your diary, not proof that one causes the other."
        )


def daily_pain(days: pd.DataFrame) -> pd.Series:
    """Mean pain of each day that has at least one rating (index: date)."""
    return days.loc[days["ratings"] > 0, "pain_mean"].rename("pain")


def rolling_pain(daily: pd.Series, window_days: int = WINDOW_DAYS) -> pd.Series:
    """Mean of the ratings in the last `window_days` calendar days, for every day from the first rating to the last.

    Days without a rating are skipped, not counted as zero; a day whose window holds no rating is NaN.
    """
    if daily.empty:
        return daily.astype("float64")
    return daily.asfreq("D").rolling(window_days, min_periods=1).mean().rename("rolling_mean")


def pain_change(daily: pd.Series, window_days: int = WINDOW_DAYS, early_episode: bool = False) -> PainChange:
    """Baseline (the first `window_days` days with a rating) against the latest `window_days` days with a rating.

    Better: a fall of improvement_threshold(baseline) or more (30% or 2 points, whichever is smaller, at least 1).
    Worse: a rise of WORSE_POINTS (1) or more, the app's own threshold. Anything smaller is no change.
    """
    rated = daily.dropna()
    if len(rated) < 2 * window_days:
        return PainChange("not_enough", len(rated), early_episode=early_episode)
    first, last = rated.iloc[:window_days], rated.iloc[-window_days:]
    baseline, latest = float(first.mean()), float(last.mean())
    change = latest - baseline
    if change < 0 and -change >= improvement_threshold(baseline) - TOLERANCE:
        verdict = "better"
    elif change > 0 and change >= WORSE_POINTS - TOLERANCE:
        verdict = "worse"
    else:
        verdict = "no_change"
    return PainChange(
        verdict,
        len(rated),
        baseline,
        latest,
        (first.index[0].date(), first.index[-1].date()),
        (last.index[0].date(), last.index[-1].date()),
        early_episode,
    )


def exercise_vs_rest(days: pd.DataFrame) -> ExerciseRestComparison:
    """Mean daily pain on rated days with at least one exercise logged against rated days with none."""
    rated = days[days["ratings"] > 0]
    exercised = rated["sessions"] > 0
    on, off = rated.loc[exercised, "pain_mean"], rated.loc[~exercised, "pain_mean"]
    return ExerciseRestComparison(
        int(len(on)),
        int(len(off)),
        float(on.mean()) if len(on) else None,
        float(off.mean()) if len(off) else None,
    )
