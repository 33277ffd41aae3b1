"""The weekly review: from what a person did and said in a plan week, whether to move on, repeat it or step back."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from spinewell.content.plan_rules import ReviewRules
from spinewell.program.plan import Plan

PROGRESS, REPEAT, STEP_BACK = "progress", "repeat", "step_back"  # as keys.DECISIONS
DECISION_TITLES = {PROGRESS: "Move on to the next week", REPEAT: "Repeat this week", STEP_BACK: "Step back a week"}
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_FELT_WORDS = {"too_easy": "too easy", "about_right": "about right", "too_hard": "too hard"}


@dataclass(frozen=True)
class WeekSummary:
    """What a person did and said in one plan week: what the review decides from."""

    week: int
    planned: tuple[tuple[str, int], ...]  # (session type id, sessions planned), in the plan's order
    done: tuple[tuple[str, int], ...]  # (session type id, days it was logged or checked in, at most planned)
    felt: tuple[tuple[str, int], ...]  # (one of keys.FELT, how many check-ins said it), most said first
    pain: float | None  # the week's average pain (diary and check-ins), None without a rating
    first_pain: float | None  # the first week's, the same way

    @property
    def share_done(self) -> float:
        planned = sum(count for _, count in self.planned)
        return sum(count for _, count in self.done) / planned if planned else 1.0

    @property
    def pain_rise(self) -> float | None:
        """Points of pain above the first week (negative: lower); None in week 1 or without ratings."""
        if self.week == 1 or self.pain is None or self.first_pain is None:
            return None
        return round(self.pain - self.first_pain, 1)

    def said(self, *felt: str) -> int:
        return sum(count for answer, count in self.felt if answer in felt)


@dataclass(frozen=True)
class WeekReview:
    week: int
    recommended: str  # progress | repeat | step_back
    reasons: tuple[str, ...]  # sentences in the person's own terms
    summary: WeekSummary


def summarise_week(plan: Plan, week: int, days: pd.DataFrame, checkins: Sequence[Mapping]) -> WeekSummary:
    """The week's planned and done sessions, what the check-ins said and the pain against the first week.

    `days` is the diary's day table (spinewell.analysis.days.day_table; may be empty); `checkins` are dicts as in
    keys.CHECKINS ({"date", "type", "pain", "felt", ...}), of any dates (only the week's are read).
    """
    week_days = set(plan.days_in_week(week))
    planned = Counter(session.type_id for session in plan.sessions_in_week(week))
    in_week = [c for c in checkins if _date(c.get("date")) in week_days]
    done = []
    for type_id, count in planned.items():
        logged = {day for day in week_days if _diary_value(days, day, f"{type_id}_sessions") > 0}
        checked = {_date(c.get("date")) for c in in_week if c.get("type") == type_id}
        done.append((type_id, min(count, len(logged | checked))))
    felt = Counter(c.get("felt") for c in in_week if isinstance(c.get("felt"), str))
    return WeekSummary(week, tuple(planned.items()), tuple(done), tuple(felt.most_common()),
                       _pain(plan, week, days, checkins), _pain(plan, 1, days, checkins))


def decide(summary: WeekSummary, rules: ReviewRules) -> tuple[str, tuple[str, ...]]:
    """The decision and its reasons: step back on a flare or sessions that hurt, repeat when too little was done or
    it was too hard, else move on."""
    rise, hurt, hard = summary.pain_rise, summary.said("it_hurt"), summary.said("too_hard", "it_hurt")
    back = [_rise_sentence(rise)] if rise is not None and rise >= rules.step_back.pain_rise_at_least else []
    if hurt >= rules.step_back.hurt_at_least:
        back.append(f"You said {_count(hurt)} sessions hurt.")
    if back:
        return STEP_BACK, tuple(back)
    again = []
    if summary.share_done * 100 < rules.repeat.done_below_percent:
        again.append(_done_sentence(summary))
    if hurt >= rules.repeat.hurt_at_least:
        again.append(f"You said {_count(hurt)} session{'s' if hurt > 1 else ''} hurt.")
    elif hard >= rules.repeat.too_hard_at_least:
        again.append(f"You said {_count(hard)} sessions felt too hard.")
    if again:
        return REPEAT, tuple(again)
    reasons = [_done_sentence(summary)]
    if rise is not None:
        reasons.append(_rise_sentence(rise))
    return PROGRESS, tuple(reasons)


def review_week(
    plan: Plan, week: int, days: pd.DataFrame, checkins: Sequence[Mapping], rules: ReviewRules,
    goals: Sequence[str] = (),
) -> WeekReview:
    """The review of one plan week: the recommended decision with its reasons.

    `goals` are the sentences on the person's goals (spinewell.goals.review_reasons, names already quoted for where
    they are shown): they follow the decision's reasons, as what the week meant for the things that matter to them.
    """
    summary = summarise_week(plan, week, days, checkins)
    recommended, reasons = decide(summary, rules)
    return WeekReview(week, recommended, (*reasons, *goals), summary)


def due_week(plan: Plan, reviews: Sequence[Mapping], today: dt.date) -> int | None:
    """The first plan week that has ended (its last day is today or before) and has no review yet."""
    reviewed = decisions(reviews)
    for week in range(1, plan.weeks + 1):
        if plan.days_in_week(week)[-1] > today:
            return None
        if week not in reviewed:
            return week
    return None


def decisions(reviews: Sequence[Mapping]) -> dict[int, str]:
    """Week reviewed -> the decision chosen, from keys.REVIEWS (entries that are not well formed are skipped)."""
    chosen = {}
    for review in reviews:
        week, decision = review.get("week"), review.get("chosen")
        if isinstance(week, int) and not isinstance(week, bool) and decision in DECISION_TITLES:
            chosen[week] = decision
    return chosen


def with_review(reviews: Sequence[Mapping], week: int, recommended: str, chosen: str, on: dt.date) -> list[dict]:
    """keys.REVIEWS with this week's review recorded (replacing an earlier one of the same week), in week order."""
    kept = [dict(review) for review in reviews if review.get("week") != week]
    kept.append({"week": week, "recommended": recommended, "chosen": chosen, "on": on.isoformat()})
    return sorted(kept, key=lambda review: review["week"] if isinstance(review.get("week"), int) else 0)


# --- in words -----------------------------------------------------------------------------------------------------


def _done_sentence(summary: WeekSummary) -> str:
    if not any(count for _, count in summary.done):
        return "No sessions were logged or checked in this week."
    parts = [f"{done} of {planned} {type_id} sessions"
             for (type_id, planned), (_, done) in zip(summary.planned, summary.done, strict=True)]
    text = "You did " + (", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0])
    if summary.felt and summary.felt[0][0] in _FELT_WORDS:
        text += f", and said they felt {_FELT_WORDS[summary.felt[0][0]]}"
    return text + "."


def _rise_sentence(rise: float) -> str:
    points = f"{abs(rise):g} point{'' if abs(rise) == 1 else 's'}"
    if rise >= 0.5:
        return f"Your pain rose {points} above your first week."
    if rise <= -0.5:
        return f"Your pain was {points} lower than in your first week."
    return "Your pain was about the same as in your first week."


def _count(number: int) -> str:
    return _NUMBERS[number] if number < len(_NUMBERS) else str(number)


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _diary_value(days: pd.DataFrame, day: dt.date, column: str) -> float:
    stamp = pd.Timestamp(day)
    if column not in days.columns or stamp not in days.index:
        return 0.0
    value = days.at[stamp, column]
    return 0.0 if pd.isna(value) else float(value)


def _pain(plan: Plan, week: int, days: pd.DataFrame, checkins: Sequence[Mapping]) -> float | None:
    """The week's average pain: each day's diary average and each check-in's rating count once."""
    week_days = plan.days_in_week(week)
    ratings = [value for day in week_days if not pd.isna(value := _diary_value_or_nan(days, day))]
    ratings += [float(c["pain"]) for c in checkins if _date(c.get("date")) in week_days
                and isinstance(c.get("pain"), int | float) and not isinstance(c.get("pain"), bool)]
    return sum(ratings) / len(ratings) if ratings else None


def _diary_value_or_nan(days: pd.DataFrame, day: dt.date) -> float:
    stamp = pd.Timestamp(day)
    if "pain_mean" not in days.columns or stamp not in days.index:
        return float("nan")
    return float(days.at[stamp, "pain_mean"])
