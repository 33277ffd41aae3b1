"""Load the YAML content into frozen dataclasses and check that every cross-reference resolves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from spinewell.program.fitting import fit_program

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
    questionnaire: Questionnaire
    programs: Programs

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


def _check_ref(fields: _Fields, key: str, ref: str, known: set[str], what: str) -> None:
    if ref not in known:
        raise fields.error(key, f"names the {what} {ref!r}, which does not exist (known: {', '.join(sorted(known))})")


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
        known = ", ".join(sorted(type_ids))
        raise item.error("type", f"names the type {exercise_type!r}, which is not in types ({known})")
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


# --- questionnaire ------------------------------------------------------------------------------------------------
# The safety screen, the questions and the scores live in questionnaire.yaml; the rules that turn answers into a
# program, a level of support and the adaptations live in programs.yaml. Both are checked here against each other
# and against the exercise library, so a clinician's edit that breaks a rule fails at start-up, never mid-assessment.

FLAG_LEVELS = ("emergency", "urgent")
QUESTION_KINDS = ("choice", "scale", "multi")
RULE_TESTS = ("is", "includes", "at_least", "at_most")
EACH_SESSION = ("all", "one")
PLAN_WEEKS = (4, 5, 6)


@dataclass(frozen=True)
class RedFlag:
    id: str
    level: str  # emergency | urgent
    label: str  # what the checklist shows
    says: str  # the same in a "because you said ..." sentence


@dataclass(frozen=True)
class ReferralAdvice:
    level: str
    title: str
    message: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class Screen:
    id: str  # the answer key the screen's ticked flags are stored under
    title: str
    intro: str
    none_label: str
    flags: tuple[RedFlag, ...]
    advice: tuple[ReferralAdvice, ...]

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


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    says: str
    points: int


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # choice: one option; scale: a whole number from minimum to maximum; multi: any options or none
    title: str
    help: str
    short: str  # the question in two or three words, for the review table
    options: tuple[Option, ...]
    minimum: int
    maximum: int
    minimum_label: str
    maximum_label: str
    says: str  # scale only: "your pain right now is {value} out of 10"
    none_label: str  # multi only: the explicit "none of these" answer
    none_says: str

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


@dataclass(frozen=True)
class Score:
    id: str
    name: str
    questions: tuple[str, ...]  # choice questions whose option points add up to this score
    maximum: int


@dataclass(frozen=True)
class Questionnaire:
    title: str
    intro: str
    guide_note: str  # says plainly that the result is a guide, not a validated score
    screen: Screen
    questions: tuple[Question, ...]
    scores: tuple[Score, ...]

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


# --- programs -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """One test on one answer or score, e.g. pain_now at_least 7, or conditions includes [pregnancy]."""

    subject: str  # "question" | "score"
    id: str
    test: str  # is | includes | at_least | at_most
    values: tuple[str, ...]  # for is / includes
    threshold: float | None  # for at_least / at_most


@dataclass(frozen=True)
class Rule:
    match: str  # "any" | "all" | "otherwise"
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class ProgramItem:
    exercise: str
    start: float  # in the exercise's own unit (seconds, reps or minutes), per set
    step: float  # added each week
    up_to: float  # never more than this
    sets: int
    # Copied from the library at load time so that a program is self-contained for building a plan.
    name: str
    type: str
    unit: str
    per_side: bool

    def amount_in_week(self, week: int) -> float:
        """The amount per set in plan week `week` (1-based): start, plus one step a week, never above up_to."""
        return min(self.up_to, self.start + self.step * (week - 1))


@dataclass(frozen=True)
class Swap:
    """Use `item` (with its own dose) instead of the exercise `instead_of`."""

    instead_of: str
    item: ProgramItem
    because: str = ""  # optional: why, completing "X is swapped for Y, ..."


@dataclass(frozen=True)
class Removal:
    exercise: str
    because: str  # completing "X is left out because ..."


@dataclass(frozen=True)
class ProgramBlock:
    type: str  # core | stretching | aerobic
    sessions_per_week: int
    each_session: str  # all: every exercise each session; one: one exercise per session, in turn
    items: tuple[ProgramItem, ...]


@dataclass(frozen=True)
class StarterProgram:
    id: str
    name: str
    level: int  # 1 is the gentlest; conditions can cap the level
    summary: str
    who_for: str
    weeks: int
    warm_up: ProgramItem | None
    cool_down: ProgramItem | None
    blocks: tuple[ProgramBlock, ...]
    bout_minutes: int | None = None  # set when the time a person has means aerobic minutes come in shorter bouts
    notes: tuple[tuple[str, str], ...] = ()  # (exercise id, extra advice for this person)

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


@dataclass(frozen=True)
class ProgramChoice:
    program: str
    rule: Rule
    because: str  # for the fallback rule: why nothing more specific applied


@dataclass(frozen=True)
class SupportLevel:
    id: str
    title: str
    advice: str
    rule: Rule
    because: str


@dataclass(frozen=True)
class ConditionAdvice:
    answer: str  # option id of the conditions question
    name: str
    caution: str
    see_clinician_first: bool
    highest_program: str | None
    remove: tuple[Removal, ...]
    swaps: tuple[Swap, ...]
    notes: tuple[tuple[str, str], ...]
    modifications: tuple[str, ...]


@dataclass(frozen=True)
class TimeBudget:
    answer: str
    most_per_session: tuple[tuple[str, int], ...]  # (type id, most exercises of that type in one session)
    bout_minutes: int | None


@dataclass(frozen=True)
class Tailoring:
    no_floor: Rule
    no_floor_swaps: tuple[Swap, ...]
    equipment_question: str
    equipment: tuple[tuple[str, str], ...]  # (option id, equipment in exercises.yaml)
    time_question: str
    budgets: tuple[TimeBudget, ...]
    conditions_question: str
    conditions: tuple[ConditionAdvice, ...]


@dataclass(frozen=True)
class Progression:
    max_increase_percent: float
    small_steps: tuple[tuple[str, float], ...]  # (unit, a step always small enough, e.g. reps 2)

    def largest_step(self, unit: str, current: float) -> float:
        """The biggest weekly increase allowed from `current`: the percentage, or one small step if that is more."""
        return max(current * self.max_increase_percent / 100, dict(self.small_steps).get(unit, 0.0))


@dataclass(frozen=True)
class Programs:
    programs: tuple[StarterProgram, ...]
    selection: tuple[ProgramChoice, ...]
    support: tuple[SupportLevel, ...]
    tailoring: Tailoring
    progression: Progression

    def program(self, program_id: str) -> StarterProgram:
        for program in self.programs:
            if program.id == program_id:
                return program
        raise KeyError(program_id)


# --- parsing the questionnaire ------------------------------------------------------------------------------------


def _parse_screen(item: _Fields) -> Screen:
    flag_items = item.children("flags")
    _unique_ids(flag_items, "red flag")
    flags = tuple(
        RedFlag(id=f.text("id"), level=f.choice("level", FLAG_LEVELS), label=f.text("label"), says=f.text("says"))
        for f in flag_items
    )
    advice = []
    for entry in item.children("advice"):
        level = entry.choice("level", FLAG_LEVELS)
        if any(a.level == level for a in advice):
            raise entry.error("level", f"there is already advice for the {level} level")
        advice.append(ReferralAdvice(level, entry.text("title"), entry.text("message"), entry.texts("steps")))
    for level in FLAG_LEVELS:
        if not any(a.level == level for a in advice):
            raise item.error("advice", f"has no advice for the {level} level")
        if not any(f.level == level for f in flags):
            raise item.error("flags", f"lists no {level} red flag")
    return Screen(
        id=item.text("id"),
        title=item.text("title"),
        intro=item.text("intro"),
        none_label=item.text("none_label"),
        flags=flags,
        advice=tuple(advice),
    )


def _parse_question(item: _Fields) -> Question:
    kind = item.choice("kind", QUESTION_KINDS)
    options: tuple[Option, ...] = ()
    if kind in ("choice", "multi"):
        option_items = item.children("options")
        _unique_ids(option_items, "option")
        options = tuple(
            Option(o.text("id"), o.text("label"), o.text("says"), o.integer("points", required=False, minimum=0) or 0)
            for o in option_items
        )
        if kind == "choice" and len(options) < 2:
            raise item.error("options", "a choice question needs at least two options")
    minimum = maximum = 0
    says = ""
    if kind == "scale":
        minimum = item.integer("minimum")
        maximum = item.integer("maximum")
        if maximum <= minimum:
            raise item.error("maximum", f"must be above minimum ({minimum}); found {maximum}")
        says = item.text("says")
        if "{value}" not in says:
            raise item.error("says", "must contain {value}, where the answer goes")
    return Question(
        id=item.text("id"),
        kind=kind,
        title=item.text("title"),
        help=item.text("help", required=False),
        short=item.text("short"),
        options=options,
        minimum=minimum,
        maximum=maximum,
        minimum_label=item.text("minimum_label", required=kind == "scale"),
        maximum_label=item.text("maximum_label", required=kind == "scale"),
        says=says,
        none_label=item.text("none_label", required=kind == "multi"),
        none_says=item.text("none_says", required=kind == "multi"),
    )


def _parse_score(item: _Fields, questions: Mapping[str, Question]) -> Score:
    question_ids = item.texts("questions")
    _check_refs(item, "questions", question_ids, set(questions), "question")
    for index, question_id in enumerate(question_ids):
        if questions[question_id].kind != "choice":
            raise ContentError(item.file, f"{item._name('questions')}[{index}]",
                               f"the question {question_id!r} is a {questions[question_id].kind} question; "
                               "a score adds up the points of choice questions only")
    maximum = sum(max(o.points for o in questions[q].options) for q in question_ids)
    return Score(id=item.text("id"), name=item.text("name"), questions=question_ids, maximum=maximum)


def _parse_questionnaire(root: _Fields) -> Questionnaire:
    screen = _parse_screen(root.child("screen"))
    question_items = root.children("questions")
    _unique_ids(question_items, "question")
    questions = tuple(_parse_question(item) for item in question_items)
    for item, question in zip(question_items, questions, strict=True):
        if question.id == screen.id:
            raise item.error("id", f"{question.id!r} is already the safety screen's id")
    by_id = {q.id: q for q in questions}
    score_items = root.children("scores", required=False)
    _unique_ids(score_items, "score")
    return Questionnaire(
        title=root.text("title"),
        intro=root.text("intro"),
        guide_note=root.text("guide_note"),
        screen=screen,
        questions=questions,
        scores=tuple(_parse_score(item, by_id) for item in score_items),
    )


# --- parsing the programs and their rules -------------------------------------------------------------------------

_TESTS_FOR_KIND = {"choice": ("is",), "multi": ("includes",), "scale": ("at_least", "at_most")}


def _parse_clause(item: _Fields, questionnaire: Questionnaire) -> Clause:
    subjects = [key for key in ("question", "score") if key in item.data]
    if len(subjects) != 1:
        raise ContentError(item.file, item.path, "a rule line names exactly one question or one score")
    tests = [key for key in RULE_TESTS if key in item.data]
    if len(tests) != 1:
        found = ", ".join(tests) or "none"
        needed = ", ".join(RULE_TESTS)
        raise ContentError(item.file, item.path, f"a rule line needs exactly one of {needed}; found {found}")
    subject, test = subjects[0], tests[0]
    subject_id = item.text(subject)
    if subject == "question":
        known = {q.id for q in questionnaire.questions}
        _check_ref(item, subject, subject_id, known, "question")
        question = questionnaire.question(subject_id)
        allowed, low, high = _TESTS_FOR_KIND[question.kind], question.minimum, question.maximum
    else:
        _check_ref(item, subject, subject_id, {s.id for s in questionnaire.scores}, "score")
        question = None
        allowed, low, high = ("at_least", "at_most"), 0, questionnaire.score(subject_id).maximum
    if test not in allowed:
        raise item.error(test, f"cannot test the {subject} {subject_id!r} this way; use {' or '.join(allowed)}")
    if test in ("is", "includes"):
        values = item.texts(test)
        _check_refs(item, test, values, {o.id for o in question.options}, f"{subject_id} answer")
        return Clause(subject, subject_id, test, values, None)
    threshold = item.number(test, minimum=low)
    if threshold > high:
        raise item.error(test, f"must be at most {high} (the top of {subject_id!r}); found {threshold:g}")
    return Clause(subject, subject_id, test, (), threshold)


def _parse_rule(item: _Fields, questionnaire: Questionnaire) -> Rule:
    keys = [key for key in ("when_any", "when_all", "otherwise") if key in item.data]
    if len(keys) != 1:
        raise ContentError(item.file, item.path, "needs exactly one of when_any, when_all or otherwise: true")
    if keys[0] == "otherwise":
        if item.data["otherwise"] is not True:
            raise item.error("otherwise", "must be true (it marks the rule used when no other applies)")
        return Rule("otherwise", ())
    clauses = tuple(_parse_clause(clause, questionnaire) for clause in item.children(keys[0]))
    return Rule("any" if keys[0] == "when_any" else "all", clauses)


def _check_otherwise_last(items: list[_Fields], rules: list[Rule]) -> None:
    for index, rule in enumerate(rules):
        if rule.match == "otherwise" and index != len(rules) - 1:
            raise ContentError(items[index].file, items[index].path,
                               "an 'otherwise' rule must come last; the rules after it would never be used")
    if rules[-1].match != "otherwise":
        raise ContentError(items[-1].file, items[-1].path,
                           "the last rule must be 'otherwise: true', so every set of answers gets a result")


def _parse_progression(item: _Fields) -> Progression:
    steps = item.child("small_step")
    small_steps = tuple((unit, steps.number(unit)) for unit in DOSE_UNITS)
    for unit in steps.data:
        if unit not in DOSE_UNITS:
            raise steps.error(str(unit), f"is not a dose unit ({', '.join(DOSE_UNITS)})")
    return Progression(item.number("max_weekly_increase_percent"), small_steps)


def _parse_item(
    item: _Fields, exercises: Mapping[str, Exercise], progression: Progression, type_id: str | None = None
) -> ProgramItem:
    exercise_id = item.text("exercise")
    _check_ref(item, "exercise", exercise_id, set(exercises), "exercise")
    exercise = exercises[exercise_id]
    if type_id is not None and exercise.type != type_id:
        raise item.error("exercise", f"{exercise_id!r} is a {exercise.type} exercise, not {type_id}")
    start = item.number("start")
    if start <= 0:
        raise item.error("start", "must be above 0")
    step = item.number("step", required=False) or 0.0
    up_to = item.number("up_to", required=False)
    up_to = start if up_to is None else up_to
    if up_to < start:
        raise item.error("up_to", f"must not be below start ({start:g}); found {up_to:g}")
    largest = progression.largest_step(exercise.dose.unit, start)
    if step > largest:
        raise item.error(
            "step",
            f"a weekly step of {step:g} {exercise.dose.unit} from {start:g} is a jump; the progression rule allows "
            f"at most {largest:g} (progression.max_weekly_increase_percent or progression.small_step)",
        )
    return ProgramItem(
        exercise=exercise_id,
        start=start,
        step=step,
        up_to=up_to,
        sets=item.integer("sets", required=False, minimum=1) or exercise.dose.sets,
        name=exercise.name,
        type=exercise.type,
        unit=exercise.dose.unit,
        per_side=exercise.dose.per_side,
    )


def _parse_block(
    item: _Fields, exercises: Mapping[str, Exercise], types: Mapping[str, ExerciseType], progression: Progression
) -> ProgramBlock:
    type_id = item.text("type")
    _check_ref(item, "type", type_id, set(types), "exercise type")
    exercise_type = types[type_id]
    sessions = item.integer("sessions_per_week", minimum=1)
    if sessions > 7:
        raise item.error("sessions_per_week", f"a week has 7 days; found {sessions}")
    if exercise_type.sessions_per_week and sessions < exercise_type.sessions_per_week:
        raise item.error("sessions_per_week",
                         f"must be at least {exercise_type.sessions_per_week} to meet the {exercise_type.name} "
                         f"target ({exercise_type.frequency}); found {sessions}")
    each = item.choice("each_session", EACH_SESSION, default="all")
    entries = item.children("exercises")
    items = tuple(_parse_item(entry, exercises, progression, type_id) for entry in entries)
    target = exercise_type.minutes_per_session
    for entry, program_item in zip(entries, items, strict=True):
        if target and exercises[program_item.exercise].dose.unit == "minutes":
            reached = min(program_item.up_to, program_item.start + program_item.step * (max(PLAN_WEEKS) - 1))
            if reached < target:
                raise entry.error("step", f"reaches only {reached:g} minutes in {max(PLAN_WEEKS)} weeks; the "
                                          f"{exercise_type.name} target is {target} minutes a session")
    return ProgramBlock(type=type_id, sessions_per_week=sessions, each_session=each, items=items)


def _parse_program(
    item: _Fields, exercises: Mapping[str, Exercise], types: Mapping[str, ExerciseType], progression: Progression
) -> StarterProgram:
    block_items = item.children("blocks")
    blocks = tuple(_parse_block(block, exercises, types, progression) for block in block_items)
    seen: set[str] = set()
    for block_item, block in zip(block_items, blocks, strict=True):
        if block.type in seen:
            raise block_item.error("type", f"the program already has a {block.type} block")
        seen.add(block.type)
    for exercise_type in types.values():
        if exercise_type.sessions_per_week and exercise_type.id not in seen:
            raise item.error("blocks", f"has no {exercise_type.id} block, so the week would miss the "
                                       f"{exercise_type.name} target ({exercise_type.frequency})")
    weeks = item.integer("weeks", required=False) or max(PLAN_WEEKS)
    if weeks not in PLAN_WEEKS:
        raise item.error("weeks", f"must be one of {', '.join(map(str, PLAN_WEEKS))}; found {weeks}")
    warm_up, cool_down = item.child("warm_up", required=False), item.child("cool_down", required=False)
    return StarterProgram(
        id=item.text("id"),
        name=item.text("name"),
        level=item.integer("level", minimum=1),
        summary=item.text("summary"),
        who_for=item.text("who_for"),
        weeks=weeks,
        warm_up=None if warm_up is None else _parse_item(warm_up, exercises, progression),
        cool_down=None if cool_down is None else _parse_item(cool_down, exercises, progression),
        blocks=blocks,
    )


def _parse_swaps(
    item: _Fields, key: str, exercises: Mapping[str, Exercise], progression: Progression, floor_free: bool
) -> tuple[Swap, ...]:
    swaps = []
    for entry in item.children(key, required=False):
        instead_of = entry.text("instead_of")
        _check_ref(entry, "instead_of", instead_of, set(exercises), "exercise")
        stand_in = _parse_item(entry, exercises, progression, exercises[instead_of].type)
        if floor_free and exercises[stand_in.exercise].needs_floor:
            raise entry.error("exercise", f"{stand_in.exercise!r} needs the floor too, so it cannot stand in here")
        if any(s.instead_of == instead_of for s in swaps):
            raise entry.error("instead_of", f"{instead_of!r} already has a stand-in")
        swaps.append(Swap(instead_of, stand_in, entry.text("because", required=False)))
    return tuple(swaps)


def _answer_question(item: _Fields, questionnaire: Questionnaire, kinds: tuple[str, ...]) -> Question:
    question_id = item.text("question")
    _check_ref(item, "question", question_id, {q.id for q in questionnaire.questions}, "question")
    question = questionnaire.question(question_id)
    if question.kind not in kinds:
        raise item.error("question", f"{question_id!r} is a {question.kind} question; expected {' or '.join(kinds)}")
    return question


def _every_option_once(
    parent: _Fields, list_key: str, items: list[_Fields], key: str, question: Question, what: str
) -> None:
    """Each answer of `question` is named by exactly one entry of the list, so no answer is forgotten."""
    answers = [entry.text(key) for entry in items]
    for entry, answer in zip(items, answers, strict=True):
        _check_ref(entry, key, answer, {o.id for o in question.options}, f"{question.id} answer")
        if answers.count(answer) > 1:
            raise entry.error(key, f"the answer {answer!r} already has {what}")
    for option in question.options:
        if option.id not in answers:
            raise parent.error(list_key, f"the answer {option.id!r} of {question.id!r} has no {what}")


def _parse_tailoring(
    root: _Fields, questionnaire: Questionnaire, exercises: Mapping[str, Exercise], types: Mapping[str, ExerciseType],
    programs: Mapping[str, StarterProgram], progression: Progression,
) -> Tailoring:
    no_floor = root.child("no_floor")
    equipment = root.child("equipment")
    equipment_question = _answer_question(equipment, questionnaire, ("multi",))
    kit = equipment.child("options")
    for key in kit.data:
        _check_ref(kit, str(key), str(key), {o.id for o in equipment_question.options}, "equipment answer")
    equipment_options = []
    for option in equipment_question.options:
        if option.id not in kit.data:
            raise kit.error(option.id, "is an answer to the equipment question but names no equipment")
        equipment_options.append((option.id, kit.choice(option.id, tuple(e for e in EQUIPMENT if e != "none"))))

    time = root.child("time")
    time_question = _answer_question(time, questionnaire, ("choice",))
    budget_items = time.children("budgets")
    _every_option_once(time, "budgets", budget_items, "answer", time_question, "a time budget")
    budgets = []
    for entry in budget_items:
        most = entry.child("most_per_session")
        limits = []
        for type_id in most.data:
            _check_ref(most, str(type_id), str(type_id), set(types), "exercise type")
            limits.append((str(type_id), most.integer(str(type_id), minimum=1)))
        budgets.append(TimeBudget(entry.text("answer"), tuple(limits),
                                  entry.integer("bout_minutes", required=False, minimum=5)))

    conditions = root.child("conditions")
    conditions_question = _answer_question(conditions, questionnaire, ("multi",))
    advice_items = conditions.children("advice")
    _every_option_once(conditions, "advice", advice_items, "answer", conditions_question, "advice")
    advice = []
    for entry in advice_items:
        remove = []
        for removal in entry.children("remove", required=False):
            exercise_id = removal.text("exercise")
            _check_ref(removal, "exercise", exercise_id, set(exercises), "exercise")
            remove.append(Removal(exercise_id, removal.text("because")))
        notes = []
        for note in entry.children("notes", required=False):
            exercise_id = note.text("exercise")
            _check_ref(note, "exercise", exercise_id, set(exercises), "exercise")
            notes.append((exercise_id, note.text("text")))
        highest = entry.text("highest_program", required=False) or None
        if highest is not None:
            _check_ref(entry, "highest_program", highest, set(programs), "program")
        advice.append(ConditionAdvice(
            answer=entry.text("answer"),
            name=entry.text("name"),
            caution=entry.text("caution"),
            see_clinician_first=entry.flag("see_clinician_first"),
            highest_program=highest,
            remove=tuple(remove),
            swaps=_parse_swaps(entry, "swaps", exercises, progression, floor_free=False),
            notes=tuple(notes),
            modifications=entry.texts("modifications", required=False),
        ))
    return Tailoring(
        no_floor=_parse_rule(no_floor, questionnaire),
        no_floor_swaps=_parse_swaps(no_floor, "swaps", exercises, progression, floor_free=True),
        equipment_question=equipment_question.id,
        equipment=tuple(equipment_options),
        time_question=time_question.id,
        budgets=tuple(budgets),
        conditions_question=conditions_question.id,
        conditions=tuple(advice),
    )


def _check_no_block_empties(
    items: list[_Fields], programs: tuple[StarterProgram, ...], tailoring: Tailoring, exercises: Mapping[str, Exercise]
) -> None:
    """Every mix of floor and conditions still leaves each block at least one exercise (without pool or bike)."""
    conditions = tailoring.conditions
    for item, program in zip(items, programs, strict=True):
        for floor in (True, False):
            for mask in range(2 ** len(conditions)):
                chosen = tuple(c for bit, c in enumerate(conditions) if mask >> bit & 1)
                fitted, _ = fit_program(program, exercises, tailoring, floor=floor, conditions=chosen)
                for block in fitted.blocks:
                    if not block.items:
                        who = ", ".join(c.name for c in chosen) or "no condition"
                        floor_text = "" if floor else "cannot get down to the floor and "
                        raise item.error("blocks", f"the {block.type} block is left empty for someone who "
                                                   f"{floor_text}has {who}, with no pool or bike; add a stand-in "
                                                   "(no_floor.swaps or conditions.advice[].swaps) or another exercise")


def _parse_programs(
    root: _Fields, questionnaire: Questionnaire, exercises: Mapping[str, Exercise], types: Mapping[str, ExerciseType]
) -> Programs:
    progression = _parse_progression(root.child("progression"))
    program_items = root.children("programs")
    _unique_ids(program_items, "program")
    programs = tuple(_parse_program(item, exercises, types, progression) for item in program_items)
    levels = [p.level for p in programs]
    for item, program in zip(program_items, programs, strict=True):
        if levels.count(program.level) > 1:
            raise item.error("level", f"another program has level {program.level}; each level names one program")
    by_id = {p.id: p for p in programs}

    choice_items = root.children("selection")
    rules = [_parse_rule(item, questionnaire) for item in choice_items]
    _check_otherwise_last(choice_items, rules)
    selection = []
    for item, rule in zip(choice_items, rules, strict=True):
        program_id = item.text("program")
        _check_ref(item, "program", program_id, set(by_id), "program")
        selection.append(ProgramChoice(program_id, rule, item.text("because", required=rule.match == "otherwise")))
    for item, program in zip(program_items, programs, strict=True):
        if not any(choice.program == program.id for choice in selection):
            raise item.error("id", f"no selection rule chooses the program {program.id!r}, so no one can reach it")

    support_items = root.children("support")
    _unique_ids(support_items, "support level")
    support_rules = [_parse_rule(item, questionnaire) for item in support_items]
    _check_otherwise_last(support_items, support_rules)
    support = tuple(
        SupportLevel(item.text("id"), item.text("title"), item.text("advice"), rule,
                     item.text("because", required=rule.match == "otherwise"))
        for item, rule in zip(support_items, support_rules, strict=True)
    )

    tailoring = _parse_tailoring(root.child("tailoring"), questionnaire, exercises, types, by_id, progression)
    _check_no_block_empties(program_items, programs, tailoring, exercises)
    return Programs(programs, tuple(selection), support, tailoring, progression)


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

    questionnaire = _parse_questionnaire(read_yaml(content_dir / "questionnaire.yaml"))
    programs = _parse_programs(
        read_yaml(content_dir / "programs.yaml"),
        questionnaire,
        {exercise.id: exercise for exercise in exercises},
        {exercise_type.id: exercise_type for exercise_type in exercise_types},
    )

    return Content(
        learn=learn,
        exercise_types=exercise_types,
        exercises=exercises,
        sources=sources,
        questionnaire=questionnaire,
        programs=programs,
    )
