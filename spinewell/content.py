"""Load the YAML content into frozen dataclasses and check that every cross-reference resolves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
DOSE_UNITS = ("seconds", "reps", "minutes")
EQUIPMENT = ("none", "pool", "bike")


class ContentError(Exception):
    """A content file is missing or malformed; the message names the file and the field."""

    def __init__(self, file: str, field: str, problem: str) -> None:
        self.file = file
        self.field = field
        self.problem = problem
        super().__init__(f"{file}: {field}: {problem}")


# --- dataclasses -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    authors: str
    year: int
    publisher: str
    url: str
    note: str

    def citation(self) -> str:
        """A one-line reference: authors (year). Title. Publisher."""
        return f"{self.authors} ({self.year}). {self.title}. {self.publisher}."


@dataclass(frozen=True)
class EvidenceNote:
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Dose:
    amount: float
    up_to: float | None
    unit: str
    per_side: bool
    sets: int
    note: str

    def describe(self) -> str:
        """The dose in words, e.g. '3 × 20–30 seconds' or '10 reps each side'."""
        return describe_dose(self.amount, self.up_to, self.unit, self.per_side, self.sets)


@dataclass(frozen=True)
class ExerciseType:
    id: str
    name: str
    description: str
    main_benefit: str
    frequency: str
    sessions_per_week: int | None
    minutes_per_session: int | None


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    type: str
    summary: str
    muscles: tuple[str, ...]
    steps: tuple[str, ...]
    dose: Dose
    easier: str
    harder: str
    mistakes: tuple[str, ...]
    stop_if: tuple[str, ...]
    needs_floor: bool
    equipment: str
    illustration: Path | None
    evidence: EvidenceNote | None


@dataclass(frozen=True)
class Point:
    title: str
    text: str


@dataclass(frozen=True)
class RoutineStep:
    name: str
    exercises: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Quiz:
    question: str
    options: tuple[str, ...]
    answer: str
    explanation: str


@dataclass(frozen=True)
class LearnSection:
    id: str
    title: str
    summary: str
    body: str
    points: tuple[Point, ...]
    exercises: tuple[str, ...]
    routine: tuple[RoutineStep, ...]
    show_comparison: bool
    evidence_notes: tuple[EvidenceNote, ...]
    quiz: Quiz


@dataclass(frozen=True)
class Content:
    learn: tuple[LearnSection, ...]
    exercise_types: tuple[ExerciseType, ...]
    exercises: tuple[Exercise, ...]
    sources: tuple[Source, ...]

    def exercise(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)

    def type(self, type_id: str) -> ExerciseType:
        for exercise_type in self.exercise_types:
            if exercise_type.id == type_id:
                return exercise_type
        raise KeyError(type_id)

    def source(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

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


# --- reading and field checks ------------------------------------------------------------------------------------


class _Fields:
    """Typed access to one mapping of a YAML file; every failure names the file and the field path."""

    def __init__(self, data: Any, file: str, path: str) -> None:
        if not isinstance(data, Mapping):
            raise ContentError(file, path or "(top level)", f"expected a mapping of fields, found {_kind(data)}")
        self.data = data
        self.file = file
        self.path = path

    def _name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, problem: str) -> ContentError:
        return ContentError(self.file, self._name(key), problem)

    def _get(self, key: str, required: bool) -> Any:
        value = self.data.get(key)
        if value is None and required:
            raise self.error(key, "is required but missing")
        return value

    def text(self, key: str, required: bool = True) -> str:
        value = self._get(key, required)
        if value is None:
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise self.error(key, f"expected text, found {_kind(value)}")
        text = str(value).strip()
        if required and not text:
            raise self.error(key, "must not be empty")
        return text

    def integer(self, key: str, required: bool = True, minimum: int | None = None) -> int | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"expected a whole number, found {_kind(value)}")
        if minimum is not None and value < minimum:
            raise self.error(key, f"must be at least {minimum}, found {value}")
        return value

    def number(self, key: str, required: bool = True, minimum: float = 0) -> float | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(key, f"expected a number, found {_kind(value)}")
        if value < minimum:
            raise self.error(key, f"must be at least {minimum:g}, found {value}")
        return float(value)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, f"expected true or false, found {_kind(value)}")
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value not in choices:
            raise self.error(key, f"must be one of {', '.join(choices)}; found {value!r}")
        return value

    def texts(self, key: str, required: bool = True) -> tuple[str, ...]:
        items = self.items(key, required)
        result = []
        for index, item in enumerate(items):
            if not isinstance(item, str | int | float) or isinstance(item, bool) or not str(item).strip():
                raise ContentError(self.file, f"{self._name(key)}[{index}]", "expected non-empty text")
            result.append(str(item).strip())
        return tuple(result)

    def items(self, key: str, required: bool = True) -> list[Any]:
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(key, f"expected a list, found {_kind(value)}")
        if required and not value:
            raise self.error(key, "must list at least one item")
        return value

    def children(self, key: str, required: bool = True) -> list[_Fields]:
        return [
            _Fields(item, self.file, f"{self._name(key)}[{index}]")
            for index, item in enumerate(self.items(key, required))
        ]

    def child(self, key: str, required: bool = True) -> _Fields | None:
        value = self._get(key, required)
        return None if value is None else _Fields(value, self.file, self._name(key))


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"the text {str(value)[:40]!r}"


def read_yaml(path: Path) -> _Fields:
    """Parse one YAML file safely; a missing file or a syntax error becomes a ContentError naming it."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(name, "(file)", f"the file is missing; expected it at {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(name, "(file)", f"could not be read as UTF-8 text ({error})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        where = ""
        mark = getattr(error, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 1}, column {mark.column + 1}"
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise ContentError(name, "(syntax)", f"{problem}{where}") from None
    return _Fields(data, name, "")


def _unique_ids(fields: list[_Fields], what: str) -> list[str]:
    seen: set[str] = set()
    ids = []
    for item in fields:
        item_id = item.text("id")
        if item_id in seen:
            raise item.error("id", f"duplicate {what} id {item_id!r}")
        seen.add(item_id)
        ids.append(item_id)
    return ids


def _check_refs(fields: _Fields, key: str, refs: tuple[str, ...], known: set[str], what: str) -> None:
    for index, ref in enumerate(refs):
        if ref not in known:
            raise ContentError(
                fields.file,
                f"{fields._name(key)}[{index}]",
                f"names the {what} {ref!r}, which does not exist (known: {', '.join(sorted(known))})",
            )


# --- sources ------------------------------------------------------------------------------------------------------


def _parse_sources(root: _Fields) -> tuple[Source, ...]:
    items = root.children("sources")
    _unique_ids(items, "source")
    return tuple(
        Source(
            id=item.text("id"),
            title=item.text("title"),
            authors=item.text("authors"),
            year=item.integer("year", minimum=1900),
            publisher=item.text("publisher"),
            url=item.text("url", required=False),
            note=item.text("note", required=False),
        )
        for item in items
    )


def _parse_evidence(item: _Fields | None, source_ids: set[str]) -> EvidenceNote | None:
    if item is None:
        return None
    sources = item.texts("sources")
    _check_refs(item, "sources", sources, source_ids, "source")
    return EvidenceNote(text=item.text("text"), sources=sources)


# --- exercises ----------------------------------------------------------------------------------------------------


def _parse_types(root: _Fields) -> tuple[ExerciseType, ...]:
    items = root.children("types")
    _unique_ids(items, "exercise type")
    return tuple(
        ExerciseType(
            id=item.text("id"),
            name=item.text("name"),
            description=item.text("description"),
            main_benefit=item.text("main_benefit", required=False),
            frequency=item.text("frequency"),
            sessions_per_week=item.integer("sessions_per_week", required=False, minimum=1),
            minutes_per_session=item.integer("minutes_per_session", required=False, minimum=1),
        )
        for item in items
    )


def _parse_dose(item: _Fields) -> Dose:
    amount = item.number("amount")
    up_to = item.number("up_to", required=False)
    if up_to is not None and up_to < amount:
        raise item.error("up_to", f"must not be below amount ({amount:g}); found {up_to:g}")
    return Dose(
        amount=amount,
        up_to=up_to,
        unit=item.choice("unit", DOSE_UNITS),
        per_side=item.flag("per_side"),
        sets=item.integer("sets", required=False, minimum=1) or 1,
        note=item.text("note", required=False),
    )


def _parse_exercise(item: _Fields, type_ids: set[str], source_ids: set[str], content_dir: Path) -> Exercise:
    exercise_type = item.text("type")
    if exercise_type not in type_ids:
        raise item.error("type", f"names the type {exercise_type!r}, which is not in types ({', '.join(sorted(type_ids))})")
    illustration = None
    illustration_name = item.text("illustration", required=False)
    if illustration_name:
        illustration = content_dir / "illustrations" / illustration_name
        if not illustration.is_file():
            raise item.error("illustration", f"the file illustrations/{illustration_name} does not exist")
    return Exercise(
        id=item.text("id"),
        name=item.text("name"),
        type=exercise_type,
        summary=item.text("summary"),
        muscles=item.texts("muscles"),
        steps=item.texts("steps"),
        dose=_parse_dose(item.child("dose")),
        easier=item.text("easier"),
        harder=item.text("harder"),
        mistakes=item.texts("mistakes"),
        stop_if=item.texts("stop_if"),
        needs_floor=item.flag("needs_floor"),
        equipment=item.choice("equipment", EQUIPMENT, default="none"),
        illustration=illustration,
        evidence=_parse_evidence(item.child("evidence", required=False), source_ids),
    )


# --- learn --------------------------------------------------------------------------------------------------------


def _parse_quiz(item: _Fields) -> Quiz:
    options = item.texts("options")
    if len(options) < 2:
        raise item.error("options", "a question needs at least two options")
    if len(set(options)) != len(options):
        raise item.error("options", "the options must differ from each other")
    answer = item.text("answer")
    if answer not in options:
        raise item.error("answer", f"{answer!r} is not one of the options")
    return Quiz(question=item.text("question"), options=options, answer=answer, explanation=item.text("explanation"))


def _parse_section(item: _Fields, exercise_ids: set[str], source_ids: set[str]) -> LearnSection:
    exercises = item.texts("exercises", required=False)
    _check_refs(item, "exercises", exercises, exercise_ids, "exercise")
    routine = []
    for step in item.children("routine", required=False):
        step_exercises = step.texts("exercises")
        _check_refs(step, "exercises", step_exercises, exercise_ids, "exercise")
        routine.append(RoutineStep(name=step.text("name"), exercises=step_exercises, text=step.text("text")))
    return LearnSection(
        id=item.text("id"),
        title=item.text("title"),
        summary=item.text("summary"),
        body=item.text("body"),
        points=tuple(Point(p.text("title"), p.text("text")) for p in item.children("points", required=False)),
        exercises=exercises,
        routine=tuple(routine),
        show_comparison=item.flag("show_comparison"),
        evidence_notes=tuple(
            _parse_evidence(note, source_ids) for note in item.children("evidence_notes", required=False)
        ),
        quiz=_parse_quiz(item.child("quiz")),
    )


# --- the whole -----------------------------------------------------------------------------------------------------


def load(content_dir: Path = CONTENT_DIR) -> Content:
    """Read and validate every content file; raise ContentError naming the file and field of the first problem."""
    sources = _parse_sources(read_yaml(content_dir / "sources.yaml"))
    source_ids = {source.id for source in sources}

    exercises_root = read_yaml(content_dir / "exercises.yaml")
    exercise_types = _parse_types(exercises_root)
    type_ids = {t.id for t in exercise_types}
    exercise_items = exercises_root.children("exercises")
    _unique_ids(exercise_items, "exercise")
    exercises = tuple(_parse_exercise(item, type_ids, source_ids, content_dir) for item in exercise_items)
    exercise_ids = {exercise.id for exercise in exercises}

    learn_root = read_yaml(content_dir / "learn.yaml")
    section_items = learn_root.children("sections")
    _unique_ids(section_items, "section")
    learn = tuple(_parse_section(item, exercise_ids, source_ids) for item in section_items)

    return Content(learn=learn, exercise_types=exercise_types, exercises=exercises, sources=sources)
