"""Fit a starter program to one person: floor, conditions, equipment and time, with what changed and why."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spinewell.content.programs import OptionsLeftOut
from spinewell.content.safety import DIRECTIONS

if TYPE_CHECKING:
    from spinewell.content.models import Exercise
    from spinewell.content.programs import (
        ConditionAdvice,
        ProgramBlock,
        ProgramItem,
        StarterProgram,
        Tailoring,
        TimeBudget,
    )

FLOOR, TIME = "floor", "time"  # causes of a change, besides the answer id of a condition
Note = Callable[[str, str, str], None]  # note(cause, text, exercise id)


@dataclass(frozen=True)
class Ban:
    """Why one position is not offered to this person."""

    cause: str  # FLOOR or a condition's answer id
    because: str  # completing "X is left out because ..."
    whose: str  # completing "... because of ...": "your osteoporosis"; empty for the floor


def bans(conditions: tuple[ConditionAdvice, ...], floor: bool) -> dict[str, tuple[Ban, ...]]:
    """Each position this person should not be offered, with every reason (a condition's, or no floor)."""
    found: dict[str, list[Ban]] = {}
    for condition in conditions:
        for avoided in condition.avoid:
            found.setdefault(avoided.position, []).append(
                Ban(condition.answer, avoided.because, f"your {condition.name.lower()}"))
    if not floor:
        found.setdefault("floor", []).append(Ban(FLOOR, "it needs the floor", ""))
    return {position: tuple(reasons) for position, reasons in found.items()}


def fit_program(
    program: StarterProgram,
    exercises: Mapping[str, Exercise],
    tailoring: Tailoring,
    *,
    floor: bool = True,
    conditions: tuple[ConditionAdvice, ...] = (),
    equipment: frozenset[str] = frozenset(),
    budget: TimeBudget | None = None,
) -> tuple[StarterProgram, tuple[tuple[str, tuple[str, ...]], ...]]:
    """The program fitted to one person, and what changed, grouped by cause: ((cause, (change, ...)), ...).

    Each exercise goes through, in order: without the floor, its floor stand-in (or it is left out); each condition's
    swaps and removals; then it is left out if it asks a position that a condition avoids (or the floor when there
    is none); pool and bike activities only with access. A condition's additions come first in their block, and an
    exercise that appears twice is kept once. Then the time budget keeps the first exercises of each block. Easier
    and harder options that ask an avoided position are not offered. A cause is FLOOR, TIME or a condition's answer id.
    """
    banned = bans(conditions, floor)
    floor_swaps = None if floor else {swap.instead_of: swap.item for swap in tailoring.no_floor_swaps}
    changes: dict[str, list[str]] = {}
    out: dict[str, str] = {}  # exercise id: the first sentence saying it was swapped or left out

    def note(cause: str, text: str, exercise_id: str) -> None:
        if text not in changes.setdefault(cause, []):
            changes[cause].append(text)
        if exercise_id:
            out.setdefault(exercise_id, text)

    def fit(item: ProgramItem | None) -> ProgramItem | None:
        return None if item is None else _fit_item(item, exercises, floor_swaps, conditions, banned, equipment, note)

    blocks = _fitted_blocks(program, conditions, fit, note, budget)
    warm_up, cool_down = fit(program.warm_up), fit(program.cool_down)
    items = [item for block in blocks for item in block.items]
    items += [item for item in (warm_up, cool_down) if item is not None]
    used = {item.exercise for item in items}
    left_out = tuple(entry for item in dict((i.exercise, i) for i in items).values()
                     for entry in _options_left_out(exercises[item.exercise], banned))
    notes = [(n.exercise, n.text) for condition in conditions for n in condition.notes if n.exercise in used]
    fitted_program = program.model_copy(update={
        "warm_up": warm_up,
        "cool_down": cool_down,
        "blocks": blocks,
        "bout_minutes": budget.bout_minutes if budget else None,
        "day_minutes": budget.minutes if budget else None,
        "day_fit": tailoring.fit_steps if budget and budget.minutes else (),
        "notes": (*notes, *((entry.exercise, entry.sentence) for entry in left_out)),
        "options_left_out": left_out,
        "not_in_plan": tuple((exercise_id, text) for exercise_id, text in out.items() if exercise_id not in used),
    })
    return fitted_program, tuple((cause, tuple(texts)) for cause, texts in changes.items())


def _fitted_blocks(
    program: StarterProgram,
    conditions: tuple[ConditionAdvice, ...],
    fit: Callable[[ProgramItem], ProgramItem | None],
    note: Note,
    budget: TimeBudget | None,
) -> tuple[ProgramBlock, ...]:
    """Each block's exercises fitted, a condition's additions first (so a short session keeps them), then the time
    budget applied."""
    most = dict(budget.most_per_session) if budget else {}
    titles = {block.type: block.title for block in program.blocks}
    added: dict[str, list[ProgramItem]] = {}
    for condition in conditions:
        for addition in condition.adds:
            item = fit(addition.item)
            if item is not None and item.type in titles:
                added.setdefault(item.type, []).append(item)
                note(condition.answer, f"{item.name} is added to your {titles[item.type].lower()} sessions, "
                                       f"{addition.because}.", "")
    blocks = []
    for block in program.blocks:
        items: list[ProgramItem] = []
        for fitted in (*added.get(block.type, ()), *(fit(original) for original in block.items)):
            if fitted is not None and fitted.exercise not in {item.exercise for item in items}:
                items.append(fitted)
        limit = most.get(block.type)
        if limit is not None and block.each_session == "all" and len(items) > limit:
            later = ", ".join(item.name for item in items[limit:])
            note(TIME, f"Each {block.type} session keeps its first {limit} exercises; these wait until you have "
                       f"more time: {later}.", "")
            items = items[:limit]
        blocks.append(block.model_copy(update={"items": tuple(items)}))
    return tuple(blocks)


def _fit_item(
    item: ProgramItem,
    exercises: Mapping[str, Exercise],
    floor_swaps: Mapping[str, ProgramItem] | None,
    conditions: tuple[ConditionAdvice, ...],
    banned: Mapping[str, tuple[Ban, ...]],
    equipment: frozenset[str],
    note: Note,
) -> ProgramItem | None:
    """One exercise through the floor (floor_swaps is None when the person can use it), the conditions, the
    positions they avoid and the kit: the item to do instead, or None when it is left out."""
    if floor_swaps is not None and exercises[item.exercise].needs_floor:
        if item.exercise not in floor_swaps:
            note(FLOOR, f"{item.name} is left out because it needs the floor.", item.exercise)
            return None
        before, item = item, _stand_in(item, floor_swaps[item.exercise])
        note(FLOOR, f"{before.name} is swapped for {item.name}, which needs no floor.", before.exercise)
    for condition in conditions:
        swap = next((s for s in condition.swaps if s.instead_of == item.exercise), None)
        if swap is not None:
            before, item = item, _stand_in(item, swap.item)
            why = f", {swap.because}" if swap.because else ""
            note(condition.answer, f"{before.name} is swapped for {item.name}{why}.", before.exercise)
        removal = next((r for r in condition.remove if r.exercise == item.exercise), None)
        if removal is not None:
            note(condition.answer, f"{item.name} is left out because {removal.because}.", item.exercise)
            return None
    ban = next((b for position in exercises[item.exercise].asks for b in banned.get(position, ())), None)
    if ban is not None:
        note(ban.cause, f"{item.name} is left out because {ban.because}.", item.exercise)
        return None
    kit = exercises[item.exercise].equipment
    if kit != "none" and kit not in equipment:
        return None  # pool and bike activities are offered only with access; nothing to explain
    return item


def _stand_in(before: ProgramItem, stand_in: ProgramItem) -> ProgramItem:
    """The stand-in with its own dose, or, when it has none, with the dose of the exercise it replaces."""
    if stand_in.start is not None:
        return stand_in
    return before.model_copy(update={name: getattr(stand_in, name) for name in ("exercise", "name", "type", "unit",
                                                                                "per_side")})


def _options_left_out(exercise: Exercise, banned: Mapping[str, tuple[Ban, ...]]) -> tuple[OptionsLeftOut, ...]:
    """The easier and harder options of one exercise that ask a position this person avoids, with why in words."""
    found = []
    for direction in DIRECTIONS:
        options = exercise.options(direction)
        hits = {index: [ban for position in option.asks for ban in banned.get(position, ())]
                for index, option in enumerate(options)}
        indexes = [index for index, found_bans in hits.items() if found_bans]
        if not indexes:
            continue
        whose = list(dict.fromkeys(ban.whose for index in indexes for ban in hits[index] if ban.whose))
        reasons = [f"of {' and '.join(whose)}"] if whose else []
        reasons += list(dict.fromkeys(ban.because for index in indexes for ban in hits[index] if not ban.whose))
        count = len(indexes)
        if count == len(options):
            what = f"{direction.capitalize()} option{'s' if count > 1 else ''}"
        else:
            what = f"{'One' if count == 1 else count} {direction} option{'s' if count > 1 else ''}"
        found.append(OptionsLeftOut(exercise=exercise.id, direction=direction, indexes=tuple(indexes),
                                    sentence=f"{what} left out because {', and because '.join(reasons)}."))
    return tuple(found)
