"""The pain trend from the day table: daily and rolling means, the change since the first week, and the alerts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from spinewell.analysis.days import WINDOW_DAYS, mean_pain, window

MEANINGFUL_POINTS = 2.0  # Ostelo et al. 2008: a change of 2 points or 30% matters to a person.
MEANINGFUL_FRACTION = 0.30
MIN_DAYS_TO_COMPARE = 3  # days of each kind before comparing exercise days with rest days
FLARE_LEVEL = 8.0
FLARE_DAYS = 3
_TOLERANCE = 1e-9  # float sums such as 6.2 - 4.2 land a hair off the threshold they should meet


@dataclass(frozen=True)
class PainChange:
    """The first 7 days with a rating against the latest 7, and whether the change is one that matters."""

    verdict: str  # "better" | "worse" | "no_change" | "not_enough"
    rated_days: int
    baseline: float | None = None
    latest: float | None = None
    baseline_period: tuple[dt.date, dt.date] | None = None
    latest_period: tuple[dt.date, dt.date] | None = None

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
        """The smallest fall from the baseline that counts as meaningful (2 points or 30%, whichever is smaller)."""
        return None if self.baseline is None else min(MEANINGFUL_POINTS, MEANINGFUL_FRACTION * self.baseline)

    @property
    def text(self) -> str:
        if self.verdict == "not_enough":
            needed = 2 * WINDOW_DAYS
            return (
                f"Not enough ratings yet to judge a change: that needs {needed} days with a pain rating "
                f"(you have {self.rated_days})."
            )
        assert self.change is not None
        size = f"{abs(self.change):.1f} points" + (f" ({abs(self.percent):.0f}%)" if self.percent is not None else "")
        if self.verdict == "better":
            return (f"Your pain has fallen by {size} since your first week, from {self.baseline:.1f} to "
                    f"{self.latest:.1f}: a change that usually matters to people (2 points or 30%).")
        if self.verdict == "worse":
            return (f"Your pain has risen by {size} since your first week, from {self.baseline:.1f} to "
                    f"{self.latest:.1f}.")
        direction = "down" if self.change < 0 else "up" if self.change > 0 else "unchanged"
        return (f"Your pain is {direction} {size} since your first week ({self.baseline:.1f} to {self.latest:.1f}); "
                "smaller than the 2 points or 30% that usually counts as a real change.")


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


@dataclass(frozen=True)
class WorseningAlert:
    """Signs in the latest week that pain is getting worse, with the calm advice to give.

    The emergency wording (the red flags) is not here: it comes from the questionnaire content, shown with it.
    """

    reasons: tuple[str, ...]

    @property
    def advice(self) -> str:
        return (
            "Ease off for now: go back to shorter, gentler sessions and stop any exercise that makes the pain sharper. "
            "Get advice from a GP or physiotherapist about the increase."
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


def pain_change(daily: pd.Series, window_days: int = WINDOW_DAYS) -> PainChange:
    """Baseline (the first `window_days` days with a rating) against the latest `window_days` days with a rating."""
    rated = daily.dropna()
    if len(rated) < 2 * window_days:
        return PainChange("not_enough", len(rated))
    first, last = rated.iloc[:window_days], rated.iloc[-window_days:]
    baseline, latest = float(first.mean()), float(last.mean())
    change = latest - baseline
    # 2 points or 30% of the starting level, whichever is reached first.
    threshold = min(MEANINGFUL_POINTS, MEANINGFUL_FRACTION * baseline) if baseline > 0 else MEANINGFUL_POINTS
    if change < 0 and -change >= threshold - _TOLERANCE:
        verdict = "better"
    elif change > 0 and change >= threshold - _TOLERANCE:
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
    )


def worsening_alert(days: pd.DataFrame, change: PainChange | None = None) -> WorseningAlert | None:
    """An alert when the latest 7 days (ending on the last rated day) look worse: mean pain up 2 points or more on
    the 7 days before or on the first week, or several (3+) days at 8 or more."""
    rated = days[days["ratings"] > 0]
    if rated.empty:
        return None
    end = rated.index[-1]
    latest, latest_n = mean_pain(window(days, end, 0))
    previous, previous_n = mean_pain(window(days, end, WINDOW_DAYS))
    reasons: list[str] = []
    enough = latest is not None and latest_n >= MIN_DAYS_TO_COMPARE
    if enough and previous is not None and previous_n >= MIN_DAYS_TO_COMPARE and latest - previous >= 2 - _TOLERANCE:
        reasons.append(
            f"Your average pain over the latest 7 days ({latest:.1f}) is {latest - previous:.1f} points higher than "
            f"the 7 days before ({previous:.1f})."
        )
    if (
        enough
        and change is not None
        and change.baseline is not None
        and change.baseline_period is not None
        and pd.Timestamp(change.baseline_period[1]) <= end - pd.Timedelta(days=WINDOW_DAYS)
        and latest - change.baseline >= 2 - _TOLERANCE
    ):
        reasons.append(
            f"Your average pain over the latest 7 days ({latest:.1f}) is {latest - change.baseline:.1f} points higher "
            f"than in your first week ({change.baseline:.1f})."
        )
    flare_days = int((window(days, end, 0)["pain_max"] >= FLARE_LEVEL).sum())
    if flare_days >= FLARE_DAYS:
        reasons.append(f"{flare_days} of the latest 7 days had pain of {FLARE_LEVEL:.0f} or more.")
    return WorseningAlert(tuple(reasons)) if reasons else None


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
