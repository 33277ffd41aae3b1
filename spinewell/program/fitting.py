"""Fit a starter program to one person: floor, conditions, equipment and time, with what changed and why."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spinewell.content.models import Exercise
    from spinewell.content.programs import ConditionAdvice, ProgramItem, StarterProgram, Tailoring, TimeBudget

FLOOR, TIME = "floor", "time"  # causes of a change, besides the answer id of a condition


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
    swaps and removals; pool and bike activities only with access. An exercise that appears twice is kept once.
    Then the time budget keeps the first exercises of each block. A cause is FLOOR, TIME or a condition's answer id.
    """
    floor_swaps = None if floor else {swap.instead_of: swap.item for swap in tailoring.no_floor_swaps}
    changes: dict[str, list[str]] = {}

    def note(cause: str, text: str) -> None:
        if text not in changes.setdefault(cause, []):
            changes[cause].append(text)

    def fit(item: ProgramItem | None) -> ProgramItem | None:
        return None if item is None else _fit_item(item, exercises, floor_swaps, conditions, equipment, note)

    most = dict(budget.most_per_session) if budget else {}
    blocks = []
    for block in program.blocks:
        items: list[ProgramItem] = []
        for original in block.items:
            fitted = fit(original)
            if fitted is not None and fitted.exercise not in {item.exercise for item in items}:
                items.append(fitted)
        limit = most.get(block.type)
        if limit is not None and block.each_session == "all" and len(items) > limit:
            later = ", ".join(item.name for item in items[limit:])
            note(TIME, f"Each {block.type} session keeps its first {limit} exercises; these wait until you have "
                       f"more time: {later}.")
            items = items[:limit]
        blocks.append(block.model_copy(update={"items": tuple(items)}))
    warm_up, cool_down = fit(program.warm_up), fit(program.cool_down)
    used = {item.exercise for block in blocks for item in block.items}
    used.update(item.exercise for item in (warm_up, cool_down) if item is not None)
    fitted_program = program.model_copy(update={
        "warm_up": warm_up,
        "cool_down": cool_down,
        "blocks": tuple(blocks),
        "bout_minutes": budget.bout_minutes if budget else None,
        "notes": tuple((n.exercise, n.text) for condition in conditions for n in condition.notes if n.exercise in used),
    })
    return fitted_program, tuple((cause, tuple(texts)) for cause, texts in changes.items())


def _fit_item(
    item: ProgramItem,
    exercises: Mapping[str, Exercise],
    floor_swaps: Mapping[str, ProgramItem] | None,
    conditions: tuple[ConditionAdvice, ...],
    equipment: frozenset[str],
    note: Callable[[str, str], None],
) -> ProgramItem | None:
    """One exercise through the floor (floor_swaps is None when the person can use it), the conditions and the kit:
    the item to do instead, or None when it is left out. `note(cause, text)` records what changed and why."""
    if floor_swaps is not None and exercises[item.exercise].needs_floor:
        if item.exercise not in floor_swaps:
            note(FLOOR, f"{item.name} is left out because it needs the floor.")
            return None
        before, item = item, floor_swaps[item.exercise]
        note(FLOOR, f"{before.name} is swapped for {item.name}, which needs no floor.")
    for condition in conditions:
        swap = next((s for s in condition.swaps if s.instead_of == item.exercise), None)
        if swap is not None:
            before, item = item, swap.item
            why = f", {swap.because}" if swap.because else ""
            note(condition.answer, f"{before.name} is swapped for {item.name}{why}.")
        removal = next((r for r in condition.remove if r.exercise == item.exercise), None)
        if removal is not None:
            note(condition.answer, f"{item.name} is left out because {removal.because}.")
            return None
    kit = exercises[item.exercise].equipment
    if kit != "none" and kit not in equipment:
        return None  # pool and bike activities are offered only with access; nothing to explain
    return item
