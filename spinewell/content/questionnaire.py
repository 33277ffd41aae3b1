"""What questionnaire.yaml holds: the safety wording, the red-flag screen, the questions and the scores."""

from __future__ import annotations

from typing import ClassVar, Literal, get_args

from pydantic import Field, model_validator

from spinewell.content.fields import Model, Text, Texts, Whole, broken

FlagLevel = Literal["emergency", "urgent"]
FLAG_LEVELS: tuple[str, ...] = get_args(FlagLevel)  # the most serious first
QuestionKind = Literal["choice", "scale", "multi"]
# The fields only some kinds of question have, and which of them each kind needs.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "choice": ("options",),
    "multi": ("options", "none_label", "none_says"),
    "scale": ("minimum", "maximum", "minimum_label", "maximum_label", "says"),
}


class Safety(Model):
    """The wording every page shows: the disclaimer, and the short line on emergencies (sidebar and Home)."""

    noun: ClassVar[str] = "the safety wording"
    disclaimer: Text
    emergency: Text


class RedFlag(Model):
    noun: ClassVar[str] = "a red flag"
    id: Text
    level: FlagLevel
    label: Text  # what the checklist shows
    says: Text  # the same in a "because you said ..." sentence


class ReferralAdvice(Model):
    noun: ClassVar[str] = "a piece of referral advice"
    level: FlagLevel
    title: Text
    message: Text
    steps: Texts


class Screen(Model):
    noun: ClassVar[str] = "the safety screen"
    id: Text  # the answer key the screen's ticked flags are stored under
    title: Text
    intro: Text
    none_label: Text
    flags: tuple[RedFlag, ...] = Field(min_length=1)
    advice: tuple[ReferralAdvice, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_advice_and_some_flags_per_level(self) -> Screen:
        levels = [advice.level for advice in self.advice]
        for index, level in enumerate(levels):
            if level in levels[:index]:
                raise broken(f"advice[{index}].level", f"there is already advice for the {level} level")
        for level in FLAG_LEVELS:
            if level not in levels:
                raise broken("advice", f"has no advice for the {level} level")
            if not self.flags_at(level):
                raise broken("flags", f"lists no {level} red flag")
        return self

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
        return tuple(flag for flag in self.flags if flag.level == level)


class Option(Model):
    noun: ClassVar[str] = "an answer option"
    id: Text
    label: Text
    says: Text  # completes "Because you said ..."
    points: Whole = Field(0, ge=0)  # added up into the scores


class Question(Model):
    id: Text
    kind: QuestionKind  # choice: one option; scale: a whole number from minimum to maximum; multi: any options or none
    title: Text
    help: str = ""
    short: Text  # the question in two or three words, for the review table
    options: tuple[Option, ...] = ()
    minimum: Whole = 0
    maximum: Whole = 0
    minimum_label: str = ""
    maximum_label: str = ""
    says: str = ""  # scale only: "your pain right now is {value} out of 10"
    none_label: str = ""  # multi only: the explicit "none of these" answer
    none_says: str = ""

    @model_validator(mode="after")
    def _fields_of_its_kind(self) -> Question:
        needed = KIND_FIELDS[self.kind]
        for name in needed:
            if name not in self.model_fields_set or getattr(self, name) in ("", ()):
                raise broken(name, f"is required for a {self.kind} question but missing")
        for name in sorted({name for names in KIND_FIELDS.values() for name in names} - set(needed)):
            if name in self.model_fields_set:
                raise broken(name, f"a {self.kind} question has no {name}; remove it")
        if self.kind == "choice" and len(self.options) < 2:
            raise broken("options", "a choice question needs at least two options")
        if self.kind == "scale" and self.maximum <= self.minimum:
            raise broken("maximum", f"must be above minimum ({self.minimum}); found {self.maximum}")
        if self.kind == "scale" and "{value}" not in self.says:
            raise broken("says", "must contain {value}, where the answer goes")
        return self

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


class Score(Model):
    derived: ClassVar[tuple[str, ...]] = ("maximum",)
    id: Text
    name: Text
    questions: Texts  # choice questions whose option points add up to this score
    maximum: int = 0  # worked out by the loader: the most points the questions can give


class Questionnaire(Model):
    noun: ClassVar[str] = "this file"
    title: Text
    intro: Text
    guide_note: Text  # says plainly that the result is a guide, not a validated score
    safety: Safety
    screen: Screen
    questions: tuple[Question, ...] = Field(min_length=1)
    scores: tuple[Score, ...] = ()

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def score(self, score_id: str) -> Score:
        for score in self.scores:
            if score.id == score_id:
                return score
        raise KeyError(score_id)
