"""Fit each day of a plan into the time a person has, and keep aerobic minutes and bouts from shrinking week to week."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spinewell.content.plan_rules import FitStep
    from spinewell.program.sessions import PlanSession

# What each `shorten` step shortens: (the session type it is in, the type of the item).
_PARTS = {"warm_up": ("core", "warmup"), "cool_down": ("core", "cooldown"), "aerobic": ("aerobic", "aerobic")}


def day_minutes(sessions: Iterable[PlanSession]) -> int:
    """A day's length in minutes, as the plan shows it: each session's estimate, rounded up, added together."""
    return sum(session.minutes for session in sessions)


def fit_day(
    sessions: Sequence[PlanSession], most: int, steps: Sequence[FitStep], *, full_core: bool = False
) -> tuple[tuple[PlanSession, ...], bool]:
    """The day's sessions made to take at most `most` minutes, and whether that changed a core session.

    The steps are tried in order, each changing only as much as the day needs. With `full_core` fitting stops at
    the first step that would change a core session: the day keeps the full core session, with the rest trimmed
    as the shorter version trims it before that point, and may take longer than `most`.
    """
    day = list(sessions)
    core_changed = False
    for step in steps:
        if day_minutes(day) <= most or (full_core and step.changes_core and _has_core(day)):
            break
        changed = _apply(step, day, most)
        core_changed = core_changed or (changed and step.changes_core)
    return tuple(day), core_changed


def _has_core(day: Sequence[PlanSession]) -> bool:
    return any(session.type_id == "core" for session in day)


def _apply(step: FitStep, day: list[PlanSession], most: int) -> bool:
    """Apply one step to the day in place; whether it changed anything."""
    if step.shorten is not None and step.down_to is not None:
        session_type, item_type = _PARTS[step.shorten]
        return _shorten(day, session_type, item_type, step.down_to, most)
    if step.drop_exercises is not None:
        return _drop_exercises(day, step.drop_exercises, step.keep, most)
    before = len(day)
    day[:] = [session for session in day if session.type_id != step.drop_session]
    return len(day) < before


def _shorten(day: list[PlanSession], session_type: str, item_type: str, down_to: float, most: int) -> bool:
    changed = False
    for index, session in enumerate(day):
        if session.type_id != session_type:
            continue
        items = list(session.items)
        for place, item in enumerate(items):
            over = day_minutes(day) - most
            if over <= 0 or item.type_id != item_type or item.unit != "minutes" or item.amount <= down_to:
                continue
            amount = max(down_to, item.amount - over)  # whole minutes off a whole-minute day: it fits exactly
            items[place] = replace(item, amount=amount, minutes=amount)
            day[index] = session = replace(session, items=tuple(items))
            changed = True
    return changed


def _drop_exercises(day: list[PlanSession], session_type: str, keep: int, most: int) -> bool:
    """Drop the session's exercises from its last one (never its warm-up or cool-down), keeping at least `keep`."""
    changed = False
    for index, session in enumerate(day):
        if session.type_id != session_type:
            continue
        while day_minutes(day) > most and len(session.main_items) > keep:
            last = session.main_items[-1]
            session = replace(session, items=tuple(item for item in session.items if item is not last))
            day[index] = session
            changed = True
    return changed


def steady_aerobic(
    sessions: Sequence[PlanSession], start: dt.date, levels: Sequence[int], bout_minutes: int | None
) -> tuple[PlanSession, ...]:
    """The sessions with aerobic minutes that never fall from one week to the next on the same weekday, and, with
    `bout_minutes`, split into bouts of that length (the last takes what is left), never shorter than the week
    before.

    A weekday that had to be shortened in a later week holds the earlier weeks back to it (fitting only lowers
    minutes, so the day still fits). A week whose dose level falls (a step back) starts afresh.
    """
    out = list(sessions)
    by_weekday: dict[int, list[int]] = {}
    for index, session in enumerate(out):
        if session.type_id == "aerobic" and session.main_items and session.main_items[0].unit == "minutes":
            by_weekday.setdefault((session.date - start).days % 7, []).append(index)
    for indexes in by_weekday.values():
        for run in _runs(indexes, out, levels):
            _steady_run(run, out, bout_minutes)
    return tuple(out)


def _runs(indexes: list[int], sessions: list[PlanSession], levels: Sequence[int]) -> list[list[int]]:
    """The weekday's sessions cut into runs in which the dose level never falls."""
    runs: list[list[int]] = []
    for index in indexes:
        week = sessions[index].week
        if not runs or levels[week - 1] < levels[sessions[runs[-1][-1]].week - 1]:
            runs.append([])
        runs[-1].append(index)
    return runs


def _steady_run(run: list[int], sessions: list[PlanSession], bout_minutes: int | None) -> None:
    """Hold each week's aerobic minutes to the least of the later weeks', then split them into bouts of
    `bout_minutes` with what is left in a last, shorter bout: a bout then never gets shorter from week to week."""
    amounts = [sessions[index].main_items[0].amount for index in run]
    for place in range(len(amounts) - 2, -1, -1):
        amounts[place] = min(amounts[place], amounts[place + 1])
    for index, amount in zip(run, amounts, strict=True):
        bout = min(amount, bout_minutes) if bout_minutes else amount
        bouts = math.ceil(amount / bout - 1e-9)
        session = sessions[index]
        first = session.main_items[0]
        item = replace(first, amount=amount, minutes=amount, bouts=bouts, bout=bout if bouts > 1 else 0)
        sessions[index] = replace(session, items=tuple(item if i is first else i for i in session.items))
