"""The summary's sentences about the program, the weekly reviews, the safety check and the goals, from the profile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spinewell.assessment.recommend import Recommendation
from spinewell.assessment.safety import assess
from spinewell.content.questionnaire import Questionnaire
from spinewell.program.plan import Plan
from spinewell.program.review import DECISION_TITLES


def day(value: dt.date) -> str:
    return f"{value.day} {value:%b %Y}"


def span(period: tuple[dt.date, dt.date]) -> str:
    return f"{day(period[0])} to {day(period[1])}"


@dataclass(frozen=True)
class Program:
    """The program followed and why: its name and dates, the reasons, what was changed for the person, cautions."""

    name: str
    dates: str
    reasons: tuple[str, ...]
    changes: tuple[str, ...]
    cautions: tuple[str, ...]
    support: str


@dataclass(frozen=True)
class ScreenResult:
    """The safety check in its own words: when it was answered, what was ticked, and the result."""

    answered: bool
    on: str  # the day it was answered, or "" when the profile does not say
    ticked: tuple[str, ...]  # the ticked items' labels; empty with `none_label` when none applied
    result: str
    doctor_checked: str  # the doctor's check in the screen's words, or ""

    def lines(self) -> tuple[str, ...]:
        if not self.answered:
            return ("The safety check has not been answered yet.",)
        when = f"Answered on {self.on}." if self.on else "The date it was answered is not recorded."
        ticked = ("Ticked: " + "; ".join(self.ticked) + ".") if self.ticked else self.result
        lines = [when, ticked]
        if self.ticked:
            lines.append(f"Result: {self.result}")
        if self.doctor_checked:
            lines.append(f"Also ticked: {self.doctor_checked}.")
        return tuple(lines)


def program(recommendation: Recommendation | None, plan: Plan | None, today: dt.date) -> Program | None:
    """The program in words, or None without one (no self-assessment yet, or a result that sends to a doctor)."""
    if recommendation is None or recommendation.program is None:
        return None
    fitted = recommendation.program
    if plan is None:
        dates = f"{fitted.weeks} weeks, not started yet."
    else:
        where = ("starts on " + day(plan.start_date) if today < plan.start_date
                 else "its weeks are over: the maintenance plan carries on" if plan.in_maintenance(today)
                 else f"week {(today - plan.start_date).days // 7 + 1} of {plan.weeks} today")
        dates = f"{plan.weeks} weeks, {day(plan.start_date)} to {day(plan.end_date)} ({where})."
    support = "" if recommendation.support is None else recommendation.support.title
    return Program(
        name=fitted.name,
        dates=dates,
        reasons=tuple(recommendation.reasons),
        changes=tuple(change.sentence() for change in recommendation.changes),
        cautions=tuple(recommendation.cautions),
        support=support,
    )


def reviews(kept: Sequence[Mapping]) -> tuple[str, ...]:
    """Each weekly review (keys.REVIEWS) as a sentence, in week order: the choice made, and what was suggested."""
    lines = []
    for review in sorted(kept, key=lambda r: r.get("week") if isinstance(r.get("week"), int) else 0):
        week, chosen, suggested = review.get("week"), review.get("chosen"), review.get("recommended")
        if not isinstance(week, int) or chosen not in DECISION_TITLES:
            continue
        on = review.get("on")
        when = f" (reviewed on {day(dt.date.fromisoformat(on))})" if isinstance(on, str) and _is_day(on) else ""
        advice = ("as Spinewell suggested" if chosen == suggested or suggested not in DECISION_TITLES
                  else f"where Spinewell suggested “{DECISION_TITLES[suggested]}”")
        lines.append(f"Week {week}{when}: “{DECISION_TITLES[chosen]}”, {advice}.")
    return tuple(lines)


def _is_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def screen_result(questionnaire: Questionnaire, ticked: tuple[str, ...] | None, on: dt.date | None,
                  doctor_checked: bool) -> ScreenResult:
    """The safety check as the person answered it, with the level it gives in the screen's own advice titles."""
    screen = questionnaire.screen
    if ticked is None:
        return ScreenResult(False, "", (), "", "")
    known = [flag_id for flag_id in ticked if flag_id in {f.id for f in screen.flags}]
    labels = tuple(screen.flag(flag_id).label for flag_id in known)
    safety = assess({screen.id: tuple(known), screen.doctor_checked.id: doctor_checked}, questionnaire)
    if not labels:
        result = f"Nothing ticked: “{screen.none_label}”."
    elif safety.level:
        result = screen.advice_for(safety.level).title + "."
    else:
        result = "None of the ticked items changes the program on its own; each adds a caution to it."
    checked = screen.doctor_checked.label if doctor_checked and safety.doctor_checked else ""
    return ScreenResult(True, "" if on is None else day(on), labels, result, checked)


def goals(kept: Sequence[Mapping]) -> tuple[str, ...]:
    """Each goal with its first and latest rating and the change between them."""
    lines = []
    for goal in kept:
        if not isinstance(goal, Mapping):
            continue
        name = str(goal.get("name") or "A goal")
        ratings = sorted((r for r in goal.get("ratings") or () if isinstance(r, Mapping) and _is_day(str(r.get("date")))
                          and isinstance(r.get("score"), int | float)), key=lambda r: str(r["date"]))
        if not ratings:
            lines.append(f"{name}: not rated yet.")
            continue
        first, latest = ratings[0], ratings[-1]
        said = f"{name}: {first['score']:g} on {day(dt.date.fromisoformat(str(first['date'])))}"
        if len(ratings) == 1:
            lines.append(f"{said} (rated once so far).")
            continue
        change = latest["score"] - first["score"]
        moved = "no change" if change == 0 else f"{'up' if change > 0 else 'down'} {abs(change):g}"
        lines.append(f"{said}, {latest['score']:g} on {day(dt.date.fromisoformat(str(latest['date'])))} ({moved}).")
    return tuple(lines)
