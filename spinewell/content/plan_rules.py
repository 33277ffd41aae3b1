"""What programs.yaml says about a dated plan: how a day is fitted to the time a person has, what comes after the
last week, and how the weekly review decides what to do next."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from spinewell.content.fields import Model, Number, Text, Whole, broken

Shortened = Literal["warm_up", "cool_down", "aerobic"]


class FitStep(Model):
    """One way to make a day shorter: shorten a part (down to some minutes), drop the last exercises of a session
    (keeping some), or drop a whole session that day. The steps are tried in order until the day fits."""

    noun: ClassVar[str] = "a fitting step"
    shorten: Shortened | None = None
    down_to: Number | None = Field(None, gt=0)  # minutes, with `shorten`
    drop_exercises: Text | None = None  # a session type id (core, stretching)
    keep: Whole = Field(1, ge=1)  # with `drop_exercises`: the fewest exercises the session keeps
    drop_session: Text | None = None  # a session type id, dropped on that day only

    @model_validator(mode="after")
    def _one_way_each(self) -> FitStep:
        ways = [name for name in ("shorten", "drop_exercises", "drop_session") if getattr(self, name) is not None]
        if len(ways) != 1:
            raise broken("shorten", "give exactly one of shorten, drop_exercises or drop_session in each step")
        if self.shorten is not None and self.down_to is None:
            raise broken("down_to", "is required with shorten: the fewest minutes the part may take")
        return self

    @property
    def changes_core(self) -> bool:
        """Whether the step changes a core session (its warm-up, its cool-down or its exercises)."""
        return self.shorten in ("warm_up", "cool_down") or "core" in (self.drop_exercises, self.drop_session)


class Maintenance(Model):
    """After the last week the plan carries on, on the same days, at the doses of one of its last weeks."""

    noun: ClassVar[str] = "the maintenance rule"
    weeks_back: Whole = Field(0, ge=0, le=3)  # 0: the last week's doses; 1: the week before, and so on


class StepBack(Model):
    noun: ClassVar[str] = "the step-back rule"
    pain_rise_at_least: Number = Field(gt=0)  # points above the first week's average pain
    hurt_at_least: Whole = Field(ge=1)  # check-ins that said "it hurt"


class Repeat(Model):
    noun: ClassVar[str] = "the repeat rule"
    done_below_percent: Number = Field(gt=0, le=100)  # of the week's planned sessions
    too_hard_at_least: Whole = Field(ge=1)  # check-ins that said "too hard" or "it hurt"
    hurt_at_least: Whole = Field(ge=1)  # check-ins that said "it hurt"


class ReviewRules(Model):
    """When the weekly review suggests stepping back or repeating the week; otherwise it suggests moving on."""

    noun: ClassVar[str] = "the review rule"
    step_back: StepBack
    repeat: Repeat
