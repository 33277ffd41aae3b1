"""What sources.yaml, exercises.yaml and learn.yaml hold, and the Content that brings every file together."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, ClassVar, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from spinewell.content.fields import Colour, Flag, Model, Number, Text, Texts, Whole, broken
from spinewell.content.programs import Programs
from spinewell.content.questionnaire import Questionnaire
from spinewell.content.safety import DIRECTIONS, ExerciseOption, Options, Position, StopRules

DoseUnit = Literal["seconds", "reps", "minutes"]
Equipment = Literal["none", "pool", "bike"]
DOSE_UNITS: tuple[str, ...] = get_args(DoseUnit)


def _file_name(value: Path) -> Path:
    # A bare name keeps every illustration inside content/illustrations.
    if len(value.parts) != 1:
        raise ValueError(f"must be the name of a file in content/illustrations, such as plank.svg; found '{value}'")
    return value


def _day(value: object) -> object:
    # YAML reads an unquoted 2026-12-01 as a date and a quoted one as text; anything else gets a plain message.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"must be a day written as YYYY-MM-DD, such as 2026-12-01; found {value!r}")


def _lesson_id(value: str) -> str:
    # A lesson's id is its link (?lesson=...) and part of widget and container keys.
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        raise ValueError(f"must be lower-case words joined by dashes, such as flare-up-plan (it is the lesson's "
                         f"link, ?lesson=...); found {value!r}")
    return value


# --- sources.yaml -------------------------------------------------------------------------------------------------


class Source(Model):
    id: Text
    title: Text
    authors: Text
    year: Whole | None = Field(None, ge=1900)  # a paper, a guideline, a book
    accessed: Annotated[dt.date, BeforeValidator(_day)] | None = None  # a web page, which changes: the day it was read
    publisher: Text
    url: str = ""
    note: str = ""

    @model_validator(mode="after")
    def _dated_once(self) -> Source:
        if self.year is None and self.accessed is None:
            raise broken("year", "give the year it was published, or for a web page 'accessed' (the day it was read)")
        if self.year is not None and self.accessed is not None:
            raise broken("accessed", "give a year or accessed, not both: a web page has no year, a paper no "
                                     "access date")
        return self

    @property
    def when(self) -> str:
        """'2021' for a publication, 'accessed 1 December 2026' for a web page."""
        if self.accessed is not None:
            return f"accessed {self.accessed.day} {self.accessed:%B %Y}"
        return str(self.year)

    def short_citation(self) -> str:
        """How an evidence note names it: 'Hayden JA, Ellis J, Ogilvie R, et al. 2021' or
        'NHS, accessed 1 December 2026'."""
        return f"{self.authors}, {self.when}" if self.accessed is not None else f"{self.authors} {self.when}"

    def citation(self) -> str:
        """A one-line reference: authors (year or access date). Title. Publisher."""
        return f"{self.authors} ({self.when}). {self.title}. {self.publisher}."


class SourcesFile(Model):
    noun: ClassVar[str] = "this file"
    sources: tuple[Source, ...] = Field(min_length=1)


# --- exercises.yaml -----------------------------------------------------------------------------------------------


class EvidenceNote(Model):
    noun: ClassVar[str] = "an evidence note"
    text: Text
    sources: Texts


class Dose(Model):
    amount: Number = Field(ge=0)
    up_to: Number | None = Field(None, ge=0)
    unit: DoseUnit
    per_side: Flag = False
    sets: Whole = Field(1, ge=1)
    note: str = ""

    @model_validator(mode="after")
    def _range_the_right_way_up(self) -> Dose:
        if self.up_to is not None and self.up_to < self.amount:
            raise broken("up_to", f"must not be below amount ({self.amount:g}); found {self.up_to:g}")
        return self

    def describe(self) -> str:
        """The dose in words, e.g. '3 × 20–30 seconds' or '10 reps each side'."""
        return describe_dose(self.amount, self.up_to, self.unit, self.per_side, self.sets)


class ExerciseType(Model):
    noun: ClassVar[str] = "an exercise type"
    id: Text
    name: Text
    label: Text  # the short name in charts and calendars ("Core")
    colour: Colour  # its colour in every chart
    # Its badge on the program page: Streamlit's badges take a named colour, so the name nearest `colour`.
    badge: Literal["blue", "green", "orange", "red", "violet", "yellow", "gray"] = "gray"
    description: Text
    main_benefit: str = ""  # a type with one is in the comparison table
    frequency: Text
    sessions_per_week: Whole | None = Field(None, ge=1, le=7)
    minutes_per_session: Whole | None = Field(None, ge=1)


class OtherActivity(Model):
    """How the charts show logged activities that match no exercise type."""

    noun: ClassVar[str] = "other_activity"
    label: Text
    colour: Colour


class Exercise(Model):
    id: Text
    name: Text
    type: Text
    summary: Text
    muscles: Texts
    steps: Texts
    dose: Dose
    asks: tuple[Position, ...]  # required, may be empty: what the exercise asks of the body (safety.py)
    easier: Options
    harder: Options
    mistakes: Texts
    stop_if: tuple[Text, ...] = ()  # signs for this exercise only; the shared stop_rules come first on every card
    needs_floor: Flag  # required: a forgotten one would offer a floor exercise to someone who cannot get down
    equipment: Equipment = "none"
    illustration: Annotated[Path, AfterValidator(_file_name)] | None = None  # the loader makes it a full path
    evidence: EvidenceNote | None = None

    @model_validator(mode="after")
    def _floor_is_a_position_too(self) -> Exercise:
        # The rules test `asks`; needs_floor is the library's filter. They must say the same thing.
        if self.needs_floor != ("floor" in self.asks):
            said = "true, so asks must include floor" if self.needs_floor else "false, so asks must not include floor"
            raise broken("asks", f"needs_floor is {said}")
        return self

    def options(self, direction: str) -> tuple[ExerciseOption, ...]:
        """The easier or the harder options, in the file's order."""
        if direction not in DIRECTIONS:
            raise KeyError(direction)
        return getattr(self, direction)


class ExercisesFile(Model):
    noun: ClassVar[str] = "this file"
    types: tuple[ExerciseType, ...] = Field(min_length=1)
    other_activity: OtherActivity
    stop_rules: StopRules
    exercises: tuple[Exercise, ...] = Field(min_length=1)


def describe_dose(amount: float, up_to: float | None, unit: str, per_side: bool, sets: int = 1) -> str:
    """A dose in plain words: '3 × 20–30 seconds', '10 reps each side', '20–30 minutes'."""
    amount_text = _number(amount) if up_to is None or up_to == amount else f"{_number(amount)}–{_number(up_to)}"
    text = f"{amount_text} {unit}"
    if per_side:
        text += " each side"
    if sets > 1:
        text = f"{sets} × {text}"
    return text


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# --- learn.yaml ---------------------------------------------------------------------------------------------------


class Point(Model):
    noun: ClassVar[str] = "a point"
    title: Text
    text: Text


class RoutineStep(Model):
    noun: ClassVar[str] = "a routine step"
    name: Text
    exercises: Texts
    text: Text


class Quiz(Model):
    question: Text
    options: Annotated[tuple[Text, ...], Field(min_length=2)]
    answer: Text
    explanation: Text

    @model_validator(mode="after")
    def _answer_among_options(self) -> Quiz:
        if len(set(self.options)) != len(self.options):
            raise broken("options", "the options must differ from each other")
        if self.answer not in self.options:
            raise broken("answer", f"{self.answer!r} is not one of the options")
        return self


class LearnSection(Model):
    noun: ClassVar[str] = "a lesson"
    id: Annotated[str, AfterValidator(_lesson_id)]
    title: Text
    summary: Text
    body: Text
    points: tuple[Point, ...] = ()
    show_warning_signs: Flag = False  # the safety screen's warning signs, drawn from questionnaire.yaml
    exercises: tuple[Text, ...] = ()
    routine: tuple[RoutineStep, ...] = ()
    show_comparison: Flag = False
    evidence_notes: tuple[EvidenceNote, ...] = ()
    quiz: Quiz


class LearnFile(Model):
    noun: ClassVar[str] = "this file"
    sections: tuple[LearnSection, ...] = Field(min_length=1)


# --- the whole ----------------------------------------------------------------------------------------------------


class Content(Model):
    """Every content file, validated and cross-checked (see load.py), with the look-ups pages need."""

    learn: tuple[LearnSection, ...]
    exercise_types: tuple[ExerciseType, ...]
    other_activity: OtherActivity
    exercises: tuple[Exercise, ...]
    stop_rules: StopRules
    sources: tuple[Source, ...]
    questionnaire: Questionnaire
    programs: Programs

    def exercise(self, exercise_id: str) -> Exercise:
        return _find(self.exercises, exercise_id)

    def type(self, type_id: str) -> ExerciseType:
        return _find(self.exercise_types, type_id)

    def source(self, source_id: str) -> Source:
        return _find(self.sources, source_id)

    def exercises_of_type(self, type_id: str) -> tuple[Exercise, ...]:
        return tuple(exercise for exercise in self.exercises if exercise.type == type_id)

    def compared_types(self) -> tuple[ExerciseType, ...]:
        """The types that make up the comparison table (those with a main benefit)."""
        return tuple(t for t in self.exercise_types if t.main_benefit)

    def exercise_type_lookup(self) -> dict[str, str]:
        """Lower-cased exercise ids, exercise names, type ids and type names, each mapped to its type id."""
        lookup: dict[str, str] = {}
        for exercise_type in self.exercise_types:
            lookup[exercise_type.id.lower()] = exercise_type.id
            lookup[exercise_type.name.lower()] = exercise_type.id
        for exercise in self.exercises:
            lookup[exercise.id.lower()] = exercise.type
            lookup[exercise.id.replace("-", " ").lower()] = exercise.type
            lookup[exercise.name.lower()] = exercise.type
        return lookup


def _find(items, item_id: str):
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)
