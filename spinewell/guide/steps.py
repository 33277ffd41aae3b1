"""The steps of a guided session, in order: warm-up, each set of each exercise with a rest between sets, cool-down."""

from __future__ import annotations

import math
from dataclasses import dataclass

from spinewell.program.plan import SECONDS_REST_BETWEEN_SETS, PlanItem, PlanSession

SIDES = ("right", "left")  # a hold done on each side is two steps, right side first


@dataclass(frozen=True)
class Step:
    """One thing to do: a set of an exercise (one side of it, for a hold on each side), or a rest between sets.

    `unit` says how the step is counted: "seconds" (a hold or a stretch, and every rest), "reps", or "minutes"
    (walking, the warm-up). `minutes` is what the step adds to the session's time when it is done (a rest adds
    nothing: the time of the rests is already in each set's share).
    """

    kind: str  # "exercise" | "rest"
    exercise_id: str
    name: str
    type_id: str
    unit: str
    amount: float
    set_number: int
    sets: int
    side: str = ""  # "" | "right" | "left"
    per_side: bool = False  # reps done on each side (the count is for one side)
    bouts: int = 1
    minutes: float = 0.0

    @property
    def is_rest(self) -> bool:
        return self.kind == "rest"

    @property
    def seconds(self) -> int | None:
        """How long the timer runs, or None for a step counted in reps."""
        if self.unit == "seconds":
            return round(self.amount)
        if self.unit == "minutes":
            return round(self.amount * 60)
        return None

    @property
    def heading(self) -> str:
        return "Rest" if self.is_rest else self.name

    def where(self) -> str:
        """'Set 2 of 3', 'Right side', 'Left side, set 1 of 2'; '' for a single set."""
        parts = [f"{self.side.capitalize()} side"] if self.side else []
        if self.sets > 1:
            parts.append(f"set {self.set_number} of {self.sets}")
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]

    def what_to_do(self) -> str:
        """The dose of this one step in words."""
        amount = _number(self.amount)
        if self.is_rest:
            return f"Rest for {amount} seconds and breathe easily. Set {self.set_number} of the {self.name} comes next."
        if self.unit == "reps":
            return f"Do {amount} reps" + (" on each side." if self.per_side else ".")
        if self.unit == "seconds":
            return f"Hold for {amount} seconds" + (" on this side." if self.side else ".")
        text = f"Keep going for {amount} minutes."
        if self.bouts > 1:
            text += (f" You can split it into {self.bouts} bouts of about {math.ceil(self.amount / self.bouts)} "
                     "minutes through the day.")
        return text


def _number(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else f"{amount:g}"


def steps_of(session: PlanSession) -> tuple[Step, ...]:
    """Every step of a planned session, in the order the person does them."""
    steps: list[Step] = []
    for item in session.items:
        steps.extend(_item_steps(item))
    return tuple(steps)


def _item_steps(item: PlanItem) -> list[Step]:
    sides = SIDES if item.per_side and item.unit == "seconds" else ("",)
    share = item.minutes / (item.sets * len(sides))
    steps = []
    for set_number in range(1, item.sets + 1):
        if set_number > 1:
            steps.append(Step("rest", item.exercise_id, item.name, item.type_id, "seconds",
                              SECONDS_REST_BETWEEN_SETS, set_number, item.sets))
        for side in sides:
            steps.append(Step("exercise", item.exercise_id, item.name, item.type_id, item.unit, item.amount,
                              set_number, item.sets, side, item.per_side and not side, item.bouts, share))
    return steps
