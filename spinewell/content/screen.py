"""What the safety screen holds: flags in groups, combinations of flags, the doctor's check, each level's advice."""

from __future__ import annotations

from typing import ClassVar, Literal, get_args

from pydantic import Field, model_validator

from spinewell.content.fields import Model, Text, Texts, broken

# Where to send the person, most serious first. The first four block the program: emergency (call the emergency
# number now), same_day (an urgent GP appointment or NHS 111 today), urgent (a doctor within a day or two) and
# surgical_team (follow the surgical team's plan: reached from the surgery question, not from the screen). Routine
# never blocks: the program goes ahead with a caution.
Level = Literal["emergency", "same_day", "urgent", "surgical_team", "routine"]
LEVELS: tuple[str, ...] = get_args(Level)
BLOCKING: tuple[str, ...] = ("emergency", "same_day", "urgent", "surgical_team")
DOCTOR_CAN_CLEAR: tuple[str, ...] = ("urgent", "routine")  # "a doctor has checked this back pain" lets these through
ASK_AGAIN: tuple[str, ...] = ("emergency", "same_day")  # "I ticked something by mistake" asks once more
CALL_REQUIRED: tuple[str, ...] = ("emergency", "same_day")  # their advice carries a call link


def rank(level: str | None) -> int:
    """A level's place, most serious 0; no level ranks after every level."""
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def most_serious(levels) -> str:
    """The most serious of `levels` ('' when there is none)."""
    return min((level for level in levels if level), key=rank, default="")


class RedFlag(Model):
    """One line of the screen. Without a level it changes nothing alone: a combination or its caution uses it."""

    noun: ClassVar[str] = "a red flag"
    id: Text
    level: Level | None = None
    label: Text  # what the checklist shows
    says: Text  # the same in a "because you said ..." sentence
    advice: str = ""  # an extra line on the result when this flag sets the level
    name: str = ""  # the title of its caution
    caution: str = ""  # added to the program's cautions when ticked (for a flag without a level)

    @model_validator(mode="after")
    def _a_caution_only_without_a_level(self) -> RedFlag:
        if self.caution and self.level:
            raise broken("caution", f"a flag with a level gets the {self.level} advice; only a flag without a level "
                                    "carries its own caution")
        if self.caution and not self.name:
            raise broken("name", "is required with a caution (it is the caution's title)")
        return self


class FlagGroup(Model):
    noun: ClassVar[str] = "a group of red flags"
    title: Text  # the heading on the screen ("Emergency signs")
    intro: str = ""
    flags: tuple[RedFlag, ...] = Field(min_length=1)


class Combination(Model):
    """Flags that mean more together: every flag of all_of, and (when any_of is given) at least one of any_of."""

    noun: ClassVar[str] = "a combination"
    level: Level
    all_of: Texts
    any_of: tuple[Text, ...] = ()
    label: Text  # the combination in words, for the lists of warning signs
    advice: str = ""  # an extra line on the result when this combination sets the level

    @property
    def flag_ids(self) -> tuple[str, ...]:
        return (*self.all_of, *self.any_of)

    def holds(self, ticked: set[str] | frozenset[str]) -> bool:
        return set(self.all_of) <= ticked and (not self.any_of or bool(ticked & set(self.any_of)))


class DoctorChecked(Model):
    noun: ClassVar[str] = "the doctor's check"
    id: Text  # the answer key it is stored under
    label: Text  # "A doctor has checked this back pain and said exercise is fine"
    title: Text  # the title of its caution in the result and the plan
    caution: Text


class TickedByMistake(Model):
    """The way back from a result that blocks the program; for emergency and same day it asks once more."""

    noun: ClassVar[str] = "the way back from a result"
    button: Text  # "I ticked something by mistake"
    question: Text  # "Are you sure? ..."
    confirm: Text
    keep: Text


class ReferralAdvice(Model):
    """What the result says at one level: where to go, the call link, and for a level that lets the program go
    ahead the caution that goes into the plan (and the gentlest program it allows)."""

    noun: ClassVar[str] = "a piece of referral advice"
    level: Level
    title: Text
    message: Text
    call: str = ""  # a Markdown line with a tel: link ("[Call 999](tel:999) ...")
    steps: tuple[Text, ...] = ()
    caution: str = ""
    highest_program: Text | None = None


class Screen(Model):
    noun: ClassVar[str] = "the safety screen"
    id: Text  # the answer key the screen's ticked flags are stored under
    title: Text
    intro: Text
    none_label: Text
    groups: tuple[FlagGroup, ...] = Field(min_length=1)
    combinations: tuple[Combination, ...] = ()
    doctor_checked: DoctorChecked
    ticked_by_mistake: TickedByMistake
    advice: tuple[ReferralAdvice, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _advice_for_every_level(self) -> Screen:
        levels = [advice.level for advice in self.advice]
        for index, advice in enumerate(self.advice):
            if advice.level in levels[:index]:
                raise broken(f"advice[{index}].level", f"there is already advice for the {advice.level} level")
            if advice.level in CALL_REQUIRED and "](tel:" not in advice.call:
                raise broken(f"advice[{index}].call", "needs a call link written like [Call 999](tel:999)")
            if advice.level not in BLOCKING and not advice.caution:
                raise broken(f"advice[{index}].caution", f"is required: the {advice.level} level lets the program "
                                                         "go ahead, and the caution goes into the plan")
        for level in LEVELS:
            if level not in levels:
                raise broken("advice", f"has no advice for the {level} level")
        return self

    @property
    def flags(self) -> tuple[RedFlag, ...]:
        """Every flag, in the order the screen shows them."""
        return tuple(flag for group in self.groups for flag in group.flags)

    def flag(self, flag_id: str) -> RedFlag:
        for flag in self.flags:
            if flag.id == flag_id:
                return flag
        raise KeyError(flag_id)

    def advice_for(self, level: str) -> ReferralAdvice:
        for advice in self.advice:
            if advice.level == level:
                return advice
        raise KeyError(level)

    def flags_at(self, level: str) -> tuple[RedFlag, ...]:
        """The flags that raise `level` on their own."""
        return tuple(flag for flag in self.flags if flag.level == level)

    def combinations_at(self, level: str) -> tuple[Combination, ...]:
        return tuple(combination for combination in self.combinations if combination.level == level)
