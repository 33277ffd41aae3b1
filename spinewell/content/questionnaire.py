"""What questionnaire.yaml holds: the safety wording, the safety screen, the questions, answer flags and scores."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from spinewell.content.fields import Model, Text, Texts, Whole, broken
from spinewell.content.rules import Clause, Rule
from spinewell.content.screen import Level, Screen

QuestionKind = Literal["choice", "scale", "multi"]
# The fields only some kinds of question have, and which of them each kind needs.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "choice": ("options",),
    "multi": ("options", "none_label", "none_says"),
    "scale": ("minimum", "maximum", "minimum_label", "maximum_label", "says"),
}


class Safety(Model):
    """The wording every page shows: the disclaimer and the short line on emergencies (sidebar and Home), and who
    the app is for (Home and the start of the self-assessment)."""

    noun: ClassVar[str] = "the safety wording"
    disclaimer: Text
    emergency: Text
    adults_only: Text


class Option(Model):
    noun: ClassVar[str] = "an answer option"
    id: Text
    label: Text
    says: Text  # completes "Because you said ..."
    points: Whole = Field(0, ge=0)  # added up into the scores
    tailor_as: Text | None = None  # this answer gets the program tailoring of that conditions answer (programs.yaml)


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
    asked_when: tuple[Clause, ...] = ()  # a follow-up: asked only when every line holds for the earlier answers

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


class AnswerFlag(Rule):
    """Answers to the questions that raise a level of the screen (both legs: emergency), with the rule lines that
    say when; a routine one carries the caution that goes into the plan."""

    noun: ClassVar[str] = "an answer flag"
    id: Text
    level: Level
    name: str = ""  # the title of its caution
    caution: str = ""
    advice: str = ""  # an extra line on the result when this flag sets the level

    @model_validator(mode="after")
    def _rule_lines_and_a_caution_when_routine(self) -> AnswerFlag:
        if self.match == "otherwise":
            raise broken("otherwise", "an answer flag needs when_any or when_all, not otherwise")
        if self.level == "routine" and not (self.caution and self.name):
            raise broken("caution", "a routine answer flag needs a name and a caution (they go into the plan)")
        return self


class Score(Model):
    derived: ClassVar[tuple[str, ...]] = ("maximum",)
    id: Text
    name: Text
    questions: Texts  # choice and multi questions whose option points add up to this score
    maximum: int = 0  # worked out by the loader: the most points the questions can give


class Questionnaire(Model):
    noun: ClassVar[str] = "this file"
    title: Text
    intro: Text
    guide_note: Text  # says plainly that the result is a guide, not a validated score
    safety: Safety
    screen: Screen
    questions: tuple[Question, ...] = Field(min_length=1)
    answer_flags: tuple[AnswerFlag, ...] = ()
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
