"""What a dated plan is made of: sessions on a day, each a list of exercises with their doses for that week."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from spinewell.content.models import describe_dose


@dataclass(frozen=True)
class PlanItem:
    exercise_id: str
    name: str
    type_id: str
    amount: float  # per set, in `unit`
    unit: str  # seconds | reps | minutes
    per_side: bool
    sets: int
    minutes: float  # estimated time the item takes
    bouts: int = 1  # aerobic minutes split into this many bouts through the day
    bout: float = 0  # with bouts > 1, the length of each bout but the last, which takes what is left

    def dose(self) -> str:
        """The dose in words: '3 × 22 seconds', '6 reps each side', '30 minutes (in 3 bouts of about 10)',
        '14 minutes (in 2 bouts: 10, then 4)'."""
        text = describe_dose(self.amount, None, self.unit, self.per_side, self.sets)
        if self.bouts > 1:
            rest = self.amount - self.bout * (self.bouts - 1)
            if math.isclose(rest, self.bout):
                text += f" (in {self.bouts} bouts of about {self.bout:g})"
            else:
                text += f" (in {self.bouts} bouts: {', '.join([f'{self.bout:g}'] * (self.bouts - 1))}, then {rest:g})"
        return text


@dataclass(frozen=True)
class PlanSession:
    date: dt.date
    week: int  # 1-based week of the plan (7 days from the start date)
    type_id: str  # core | stretching | aerobic
    title: str  # the type's name ("Core strengthening")
    items: tuple[PlanItem, ...]  # core sessions start with the warm-up and end with the cool-down
    maintenance: bool = False  # after the plan's last week: the maintenance plan

    @property
    def minutes(self) -> int:
        """Estimated length in whole minutes (aerobic: the planned minutes)."""
        return math.ceil(sum(item.minutes for item in self.items))

    @property
    def main_items(self) -> tuple[PlanItem, ...]:
        """The items of the session's own type (without warm-up and cool-down)."""
        return tuple(item for item in self.items if item.type_id == self.type_id)
