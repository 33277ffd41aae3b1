"""What programs.yaml holds: the progression rule, the starter programs, how they are tailored, and the whole file."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, get_args

from pydantic import Field, model_validator

from spinewell.content.fields import Flag, Model, Number, Text, Whole, broken
from spinewell.content.plan_rules import FitStep, Maintenance, ReviewRules
from spinewell.content.rules import ProgramChoice, Rule, SupportLevel, SupportNote
from spinewell.content.safety import Direction, Position, StopRules

PlanWeeks = Literal[4, 5, 6]
PLAN_WEEKS: tuple[int, ...] = get_args(PlanWeeks)


# --- programs -----------------------------------------------------------------------------------------------------


class ProgramItem(Model):
    """An exercise in a program with its dose in the exercise's own unit (seconds, reps or minutes), per set."""

    noun: ClassVar[str] = "a program exercise"
    # Copied from the library by the loader, so that a program is self-contained for building a plan.
    derived: ClassVar[tuple[str, ...]] = ("name", "type", "unit", "per_side")
    exercise: Text
    start: Number = Field(gt=0)
    step: Number = Field(0.0, ge=0)  # added each week
    up_to: Number | None = Field(None, ge=0)  # never more than this; the loader makes a missing one `start`
    sets: Whole | None = Field(None, ge=1)  # the loader makes a missing one the exercise's own sets
    name: str = ""
    type: str = ""
    unit: str = ""
    per_side: bool = False

    @model_validator(mode="after")
    def _ceiling_not_below_start(self) -> ProgramItem:
        if self.up_to is not None and self.start is not None and self.up_to < self.start:
            raise broken("up_to", f"must not be below start ({self.start:g}); found {self.up_to:g}")
        return self

    def amount_in_week(self, week: int) -> float:
        """The amount per set in plan week `week` (1-based): start, plus one step a week, never above up_to."""
        return min(self.up_to, self.start + self.step * (week - 1))


class Swap(ProgramItem):
    """A stand-in: this exercise instead of the exercise `instead_of`, with its own dose, or with no `start` the dose
    of the exercise it replaces (an exercise bike for cycling: the same minutes in each program)."""

    noun: ClassVar[str] = "a stand-in"
    derived: ClassVar[tuple[str, ...]] = (*ProgramItem.derived, "item")
    start: Number | None = Field(None, gt=0)
    instead_of: Text
    because: str = ""  # optional: why, completing "X is swapped for Y, ..."
    item: ProgramItem | None = None  # the stand-in as a plain program item, made once by the loader for fitting

    @model_validator(mode="after")
    def _own_dose_or_none(self) -> Swap:
        if self.start is None and (self.step or self.up_to is not None or self.sets is not None):
            raise broken("start", "is required with step, up_to or sets; leave all four out to keep the dose of "
                                  "the exercise it replaces")
        return self


class Addition(ProgramItem):
    """An exercise a condition adds to every plan, first in the block of its type so that a short session keeps it."""

    noun: ClassVar[str] = "an addition"
    derived: ClassVar[tuple[str, ...]] = (*ProgramItem.derived, "item")
    because: Text  # completing "X is added to your core sessions, because ..."
    item: ProgramItem | None = None  # the addition as a plain program item, made once by the loader for fitting


class OptionsLeftOut(Model):
    """Easier or harder options of one exercise that a person's plan does not offer, and the sentence saying why."""

    exercise: str
    direction: Direction
    indexes: tuple[int, ...]  # places in the exercise's list of options
    sentence: str  # "Harder option left out because of your osteoporosis."


class ProgramBlock(Model):
    noun: ClassVar[str] = "a program block"
    derived: ClassVar[tuple[str, ...]] = ("title",)
    type: Text
    title: str = ""  # the type's name, copied by the loader: a session's title in the plan and the calendar
    sessions_per_week: Whole = Field(ge=1, le=7)
    each_session: Literal["all", "one"] = "all"  # all: every exercise each session; one: one a session, in turn
    items: tuple[ProgramItem, ...] = Field(alias="exercises", min_length=1)


class StarterProgram(Model):
    noun: ClassVar[str] = "a program"
    # Set when the program is fitted to a person, except stop_rules, which the loader copies from exercises.yaml.
    derived: ClassVar[tuple[str, ...]] = ("bout_minutes", "day_minutes", "day_fit", "notes", "options_left_out",
                                          "not_in_plan", "stop_rules")
    id: Text
    name: Text
    level: Whole = Field(ge=1)  # 1 is the gentlest; conditions can cap the level
    summary: Text
    who_for: Text
    weeks: PlanWeeks = max(PLAN_WEEKS)
    warm_up: ProgramItem | None = None
    cool_down: ProgramItem | None = None
    blocks: tuple[ProgramBlock, ...] = Field(min_length=1)
    bout_minutes: int | None = None  # the time a person has means aerobic minutes come in shorter bouts
    day_minutes: int | None = None  # the most minutes a day the person has; None: no limit
    day_fit: tuple[FitStep, ...] = ()  # how a day longer than day_minutes is made shorter (tailoring.time.fit)
    notes: tuple[tuple[str, str], ...] = ()  # (exercise id, extra advice for this person)
    options_left_out: tuple[OptionsLeftOut, ...] = ()
    not_in_plan: tuple[tuple[str, str], ...] = ()  # (exercise id, why it was swapped or left out for this person)
    stop_rules: StopRules | None = None

    @model_validator(mode="after")
    def _one_block_per_type(self) -> StarterProgram:
        types = [block.type for block in self.blocks]
        for index, type_id in enumerate(types):
            if type_id in types[:index]:
                raise broken(f"blocks[{index}].type", f"the program already has a {type_id} block")
        return self

    def block(self, type_id: str) -> ProgramBlock:
        for block in self.blocks:
            if block.type == type_id:
                return block
        raise KeyError(type_id)

    def exercise_ids(self) -> tuple[str, ...]:
        """Every exercise the program uses, in order, each once (warm-up first, cool-down last)."""
        ids = [self.warm_up.exercise] if self.warm_up else []
        ids += [item.exercise for block in self.blocks for item in block.items]
        if self.cool_down:
            ids.append(self.cool_down.exercise)
        return tuple(dict.fromkeys(ids))


class SmallSteps(Model):
    """A weekly step always small enough, per unit (5 reps + 20% would be a single rep)."""

    noun: ClassVar[str] = "small_step"
    reps: Number = Field(ge=0)
    seconds: Number = Field(ge=0)
    minutes: Number = Field(ge=0)


class Progression(Model):
    noun: ClassVar[str] = "the progression rule"
    max_weekly_increase_percent: Number = Field(ge=0)
    small_step: SmallSteps

    @property
    def small_steps(self) -> tuple[tuple[str, float], ...]:
        """(unit, a step always small enough), e.g. ('reps', 2.0)."""
        return tuple(self.small_step.model_dump().items())

    def largest_step(self, unit: str, current: float) -> float:
        """The biggest weekly increase allowed from `current`: the percentage, or one small step if that is more."""
        return max(current * self.max_weekly_increase_percent / 100, getattr(self.small_step, unit, 0.0))


# --- tailoring ----------------------------------------------------------------------------------------------------


class Removal(Model):
    noun: ClassVar[str] = "a removal"
    exercise: Text
    because: Text  # completing "X is left out because ..."


class Avoidance(Model):
    noun: ClassVar[str] = "an avoided position"
    position: Position
    because: Text  # completing "X is left out because ..."


class ExerciseNote(Model):
    noun: ClassVar[str] = "a note"
    exercise: Text
    text: Text


class ConditionAdvice(Model):
    noun: ClassVar[str] = "a condition's advice"
    answer: Text  # option id of the conditions question
    name: Text
    caution: Text
    see_clinician_first: Flag = False
    highest_program: Text | None = None
    avoid: tuple[Avoidance, ...] = ()  # nothing that asks one of these positions is offered, options included
    remove: tuple[Removal, ...] = ()
    swaps: tuple[Swap, ...] = ()
    adds: tuple[Addition, ...] = ()
    notes: tuple[ExerciseNote, ...] = ()
    modifications: tuple[Text, ...] = ()


class TimeBudget(Model):
    noun: ClassVar[str] = "a time budget"
    answer: Text
    most_per_session: dict[Text, Annotated[Whole, Field(ge=1)]]  # type id: most exercises of it in one session
    bout_minutes: Whole | None = Field(None, ge=5)
    minutes: Whole | None = Field(None, ge=5)  # the most minutes a day, warm-up and cool-down included


class NoFloor(Rule):
    """Who cannot use the floor, and the stand-ins for floor exercises (those without one are left out)."""

    noun: ClassVar[str] = "the no_floor rule"
    swaps: tuple[Swap, ...] = ()


class EquipmentAccess(Model):
    noun: ClassVar[str] = "the equipment rule"
    question: Text
    options: dict[Text, Literal["pool", "bike"]] = Field(min_length=1)  # answer id: equipment in exercises.yaml


class TimeBudgets(Model):
    noun: ClassVar[str] = "the time rule"
    question: Text
    budgets: tuple[TimeBudget, ...] = Field(min_length=1)
    fit: tuple[FitStep, ...] = Field(min_length=1)  # how a day too long for the time said is made shorter


class Conditions(Model):
    noun: ClassVar[str] = "the conditions rule"
    question: Text
    advice: tuple[ConditionAdvice, ...] = Field(min_length=1)


class Tailoring(Model):
    """How a program is fitted to a person; the properties give the flat views the assessment reads."""

    no_floor: NoFloor
    equipment_access: EquipmentAccess = Field(alias="equipment")
    time: TimeBudgets
    conditions_advice: Conditions = Field(alias="conditions")

    @property
    def no_floor_swaps(self) -> tuple[Swap, ...]:
        return self.no_floor.swaps

    @property
    def equipment_question(self) -> str:
        return self.equipment_access.question

    @property
    def equipment(self) -> tuple[tuple[str, str], ...]:
        """(answer id, equipment) pairs."""
        return tuple(self.equipment_access.options.items())

    @property
    def time_question(self) -> str:
        return self.time.question

    @property
    def budgets(self) -> tuple[TimeBudget, ...]:
        return self.time.budgets

    @property
    def fit_steps(self) -> tuple[FitStep, ...]:
        return self.time.fit

    @property
    def conditions_question(self) -> str:
        return self.conditions_advice.question

    @property
    def conditions(self) -> tuple[ConditionAdvice, ...]:
        return self.conditions_advice.advice


class Programs(Model):
    noun: ClassVar[str] = "this file"
    progression: Progression
    programs: tuple[StarterProgram, ...] = Field(min_length=1)
    selection: tuple[ProgramChoice, ...] = Field(min_length=1)
    support: tuple[SupportLevel, ...] = Field(min_length=1)
    support_notes: tuple[SupportNote, ...] = ()
    tailoring: Tailoring
    maintenance: Maintenance
    review: ReviewRules

    def program(self, program_id: str) -> StarterProgram:
        for program in self.programs:
            if program.id == program_id:
                return program
        raise KeyError(program_id)
