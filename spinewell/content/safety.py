"""What an exercise asks of the body, in the terms the condition rules test, and the stop rules every card shares."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, get_args

from pydantic import Field

from spinewell.content.fields import Model, Text, Texts

# What an exercise, or one of its easier or harder options, asks of the body. A condition in programs.yaml lists the
# positions it avoids, and nothing that asks one is offered to a person with that condition. Name what the body does,
# not the exercise, so that a new exercise is covered by the rules the day it is written.
Position = Literal[
    "floor",  # getting down onto the floor and back up
    "lying_on_back",  # lying flat on the back for more than a few breaths
    "lying_on_front",  # lying face down, the tummy on the floor
    "sustained_flexion",  # the spine held bent forward (a forward lean, child's pose)
    "end_range_flexion",  # the spine rounded a long way forward, towards as far as it goes (knees to chest, the cat)
    "nerve_tension",  # a straight leg lifted high with the foot pulled up, which stretches the sciatic nerve
    "outdoor_cycling",  # riding a bike outdoors, where a fall is possible
    "standing",  # standing still with balance to keep, where a hand on a chair or wall helps
]
POSITIONS: tuple[str, ...] = get_args(Position)
Direction = Literal["easier", "harder"]
DIRECTIONS: tuple[str, ...] = get_args(Direction)


class ExerciseOption(Model):
    """An easier or harder way to do an exercise, and what that way asks of the body."""

    noun: ClassVar[str] = "an option"
    text: Text
    # Required even when empty: an option that forgot it could slip a forbidden position past every rule.
    asks: tuple[Position, ...]


Options = Annotated[tuple[ExerciseOption, ...], Field(min_length=1)]


class StopRules(Model):
    """When to carry on and when to stop: one wording for every card, the plan, the printable page and the calendar."""

    noun: ClassVar[str] = "stop_rules"
    fine: Text  # what is normal and fine, said first so the signs below do not teach fear
    title: Text  # the heading before the signs ("Stop and get advice if you have")
    signs: Texts

    def sentence(self) -> str:
        """The rules as one paragraph, for places without lists (a calendar event)."""
        signs = [sign.rstrip(".") for sign in self.signs]
        listed = "; ".join(signs[:-1]) + f"; or {signs[-1]}" if len(signs) > 1 else signs[0]
        return f"{self.fine} {self.title} {listed}."
