"""The alerts from the day table: pain that looks worse lately (relative to the person's own first week), and pain
that has stayed high since the start (a calm note, not an alert)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from spinewell.analysis.days import WINDOW_DAYS, mean_pain, window
from spinewell.analysis.pain import MIN_DAYS_TO_COMPARE, TOLERANCE, WORSE_POINTS

ALERT_RISE = 2.0  # a rise of the weekly mean this large raises the worsening alert
FLARE_LEVEL = 8.0
FLARE_DAYS = 3
HIGH_PAIN = 7.0  # a weekly mean this high from the first week to the latest is "pain that stays high"


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


@dataclass(frozen=True)
class SteadyHighPain:
    """Pain that was high in the first week and is still high in the latest: not "worse", but worth a review."""

    first_week: float
    latest: float

    @property
    def text(self) -> str:
        return (
            f"Your pain has stayed high (about {round(self.latest):.0f} out of 10) since you started. That is not a "
            "sign that it is getting worse, but it is worth talking over: a GP or physiotherapist can help review "
            "the plan with you."
        )


@dataclass(frozen=True)
class _Weeks:
    """The latest 7 days (ending on the last rated day), the 7 before them, and the first week: the first 7 days
    with a rating before the latest 7 (None with fewer than 3 of them), each as rows of the day table."""

    end: pd.Timestamp
    latest: pd.DataFrame
    previous: pd.DataFrame
    first: pd.DataFrame | None


def _weeks(days: pd.DataFrame) -> _Weeks | None:
    rated = days[days["ratings"] > 0]
    if rated.empty:
        return None
    end = rated.index[-1]
    before = rated[rated.index <= end - pd.Timedelta(days=WINDOW_DAYS)].iloc[:WINDOW_DAYS]
    first = before if len(before) >= MIN_DAYS_TO_COMPARE else None
    return _Weeks(end, window(days, end, 0), window(days, end, WINDOW_DAYS), first)


def _flare_days(rows: pd.DataFrame) -> int:
    return int((rows["pain_max"] >= FLARE_LEVEL).sum())


def worsening_alert(days: pd.DataFrame) -> WorseningAlert | None:
    """An alert when the latest 7 days (ending on the last rated day, at least 3 of them rated) look worse:

    - their mean pain is ALERT_RISE (2) points or more above the 7 days before, or above the first week (the
      first 7 days with a rating before the latest 7; said once when the first week is the week before); or
    - FLARE_DAYS (3) or more of them had pain of FLARE_LEVEL (8) or more, and that is new: the first week had such
      days less often (under 3 in 7), or the latest mean is WORSE_POINTS (1) or more above the first week's.

    Stable severe pain (8 or 9 every day from the start) raises no alert: steady_high_pain() speaks to it.
    """
    weeks = _weeks(days)
    latest, latest_n = (None, 0) if weeks is None else mean_pain(weeks.latest)
    if weeks is None or latest is None or latest_n < MIN_DAYS_TO_COMPARE:
        return None
    reasons: list[str] = []
    previous, previous_n = mean_pain(weeks.previous)
    if previous is not None and previous_n >= MIN_DAYS_TO_COMPARE and latest - previous >= ALERT_RISE - TOLERANCE:
        reasons.append(
            f"Your average pain over the latest 7 days ({latest:.1f}) is {latest - previous:.1f} points higher than "
            f"the 7 days before ({previous:.1f})."
        )
    if weeks.first is not None:
        reasons += _against_first_week(weeks, latest)
    return WorseningAlert(tuple(reasons)) if reasons else None


def _against_first_week(weeks: _Weeks, latest: float) -> list[str]:
    """The alert's reasons that compare the latest 7 days with the first week: a rise of 2 points (unless the first
    week is the week before, already compared), and several days at 8 or more when that is new."""
    assert weeks.first is not None
    first = float(weeks.first["pain_mean"].mean())
    reasons = []
    is_week_before = weeks.first.index[0] > weeks.end - pd.Timedelta(days=2 * WINDOW_DAYS)
    if not is_week_before and latest - first >= ALERT_RISE - TOLERANCE:
        reasons.append(
            f"Your average pain over the latest 7 days ({latest:.1f}) is {latest - first:.1f} points higher "
            f"than in your first week ({first:.1f})."
        )
    flare_days, first_flares = _flare_days(weeks.latest), _flare_days(weeks.first)
    more_often = first_flares / len(weeks.first) < FLARE_DAYS / WINDOW_DAYS
    if flare_days >= FLARE_DAYS and (more_often or latest - first >= WORSE_POINTS - TOLERANCE):
        compared = ("more often than in your first week" if more_often
                    else f"and your average is up {latest - first:.1f} points on your first week ({first:.1f})")
        reasons.append(f"{flare_days} of the latest 7 days had pain of {FLARE_LEVEL:.0f} or more, {compared}.")
    return reasons


def steady_high_pain(days: pd.DataFrame) -> SteadyHighPain | None:
    """Pain that has stayed high: a mean of HIGH_PAIN (7) or more in the first week and in the latest 7 days (at
    least 3 rated days in each). Shown when there is no worsening alert, as a calm note rather than an alert."""
    weeks = _weeks(days)
    if weeks is None or weeks.first is None:
        return None
    latest, latest_n = mean_pain(weeks.latest)
    first = mean_pain(weeks.first)[0]
    if latest is None or first is None or latest_n < MIN_DAYS_TO_COMPARE:
        return None
    return SteadyHighPain(first, latest) if min(first, latest) >= HIGH_PAIN - TOLERANCE else None
