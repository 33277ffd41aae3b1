"""Read the content files into the models; every problem becomes a ContentError naming the file and the field."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from spinewell.content import checks
from spinewell.content.fields import Model
from spinewell.content.models import Content, ExercisesFile, LearnFile, SourcesFile
from spinewell.content.programs import ProgramItem, Programs, Swap
from spinewell.content.questionnaire import Questionnaire
from spinewell.content.safety import StopRules

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
M = TypeVar("M", bound=Model)
Item = TypeVar("Item", bound=ProgramItem)

_EXPECTED = {  # pydantic's error type -> what the field expects, in plain words
    "string_type": "text", "int_type": "a whole number", "float_type": "a number", "bool_type": "true or false",
    "tuple_type": "a list", "dict_type": "a mapping of names to values", "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields", "path_type": "a file name",
}
_BOUNDS = {"greater_than_equal": ("ge", "at least"), "greater_than": ("gt", "above"),
           "less_than_equal": ("le", "at most"), "less_than": ("lt", "below")}


class ContentError(Exception):
    """A content file is missing or malformed; the message names the file and the field."""

    def __init__(self, file: str, field: str, problem: str) -> None:
        self.file = file
        self.field = field
        self.problem = problem
        super().__init__(f"{file}: {field}: {problem}")


def load(content_dir: Path = CONTENT_DIR) -> Content:
    """Read and validate every content file; raise ContentError naming the file and field of the first problem."""
    sources = _validated(content_dir / "sources.yaml", SourcesFile)
    library = _validated(content_dir / "exercises.yaml", ExercisesFile)
    learn = _validated(content_dir / "learn.yaml", LearnFile)
    questionnaire = _validated(content_dir / "questionnaire.yaml", Questionnaire)
    programs = _validated(content_dir / "programs.yaml", Programs)
    content = Content(
        learn=learn.sections, exercise_types=library.types, other_activity=library.other_activity,
        exercises=library.exercises, stop_rules=library.stop_rules, sources=sources.sources,
        questionnaire=questionnaire, programs=programs,
    )
    content = _with_derived_values(content, content_dir)
    problem = checks.first_problem(content)
    if problem is not None:
        raise ContentError(*problem)
    return content


def read_yaml(path: Path) -> Any:
    """Parse one YAML file safely; a missing file or a syntax error becomes a ContentError naming it."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(name, "(file)", f"the file is missing; expected it at {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(name, "(file)", f"could not be read as UTF-8 text ({error})") from None
    loader = yaml.SafeLoader(text)  # what yaml.safe_load does, with a look at the document before it is built
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_repeated_keys(name, node, (), set())
        return loader.construct_document(node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise ContentError(name, "(syntax)", f"{problem}{where}") from None
    finally:
        loader.dispose()


def _refuse_repeated_keys(file: str, node: yaml.Node, loc: tuple[str | int, ...], seen: set[int]) -> None:
    """Raise a ContentError for a key written twice in one mapping: YAML would silently keep only the last one."""
    if id(node) in seen:  # an alias (*name) repeats a part already looked at
        return
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _refuse_repeated_keys(file, item, (*loc, index), seen)
    elif isinstance(node, yaml.MappingNode):
        lines: dict[tuple[str, str], int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value != "<<":  # "<<" merges another mapping in
                line = key.start_mark.line + 1
                if (key.tag, key.value) in lines:
                    raise ContentError(file, _path((*loc, key.value)), (
                        f"is written twice, at line {lines[key.tag, key.value]} and again at line {line}; only the "
                        "last one would be used, so delete one of them or give it its own name"))
                lines[key.tag, key.value] = line
            _refuse_repeated_keys(file, value, (*loc, key.value if isinstance(key, yaml.ScalarNode) else "?"), seen)


def _validated(path: Path, model: type[M]) -> M:
    data = read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise _content_error(path.name, model, error) from None


# --- pydantic's errors in a clinician's words ----------------------------------------------------------------------


def _content_error(file: str, model: type[BaseModel], error: ValidationError) -> ContentError:
    details = error.errors(include_url=False)
    first = details[0]
    if first["type"] == "missing":
        # A misspelt required key shows up twice, as "missing" and as "unknown": the misspelling is the real problem.
        parent = first["loc"][:-1]
        first = next((d for d in details if d["type"] == "extra_forbidden" and d["loc"][:-1] == parent), first)
    loc = tuple(first["loc"])
    ctx = first.get("ctx") or {}
    if first["type"] in ("content_rule", "derived_field") and ctx.get("field"):
        parts = re.split(r"\.|\[(\d+)\]", ctx["field"])
        loc += tuple(int(part) if part.isdigit() else part for part in parts if part)
    field = _path(loc) or "(top level)"
    if first["type"] in ("extra_forbidden", "derived_field"):
        return ContentError(file, field, _unknown_key(str(loc[-1]), _model_at(model, loc[:-1])))
    return ContentError(file, field, _problem(first))


def _path(loc: Iterable[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


def _problem(detail: ErrorDetails) -> str:
    kind, value, ctx = detail["type"], detail["input"], detail.get("ctx") or {}
    if kind == "missing" or (value is None and kind in _EXPECTED):
        return "is required but missing"
    if kind == "content_rule":
        return ctx["problem"]
    if kind == "value_error":
        return str(ctx["error"])
    if kind == "finite_number":  # YAML reads .nan, .NaN and .inf as numbers
        return f"must be an ordinary number, such as 10; found {'.nan (not a number)' if value != value else '.inf'}"
    if kind in _EXPECTED:
        hint = " (YAML reads yes, no, true and false as true/false: put the words in quotes)" if (
            kind == "string_type" and isinstance(value, bool)) else ""
        return f"expected {_EXPECTED[kind]}, found {_kind(value)}{hint}"
    if kind == "literal_error":
        choices = ctx["expected"].replace("'", "").replace(" or ", ", ")
        return f"must be one of {choices}; found {_found(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        least = ctx["min_length"]
        return "must list at least one item" if least == 1 else f"must list at least {least} items; found {len(value)}"
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        return f"must be {words} {ctx[key]:g}, found {_found(value)}"
    return detail["msg"]  # not expected from these models; pydantic's own words beat hiding the problem


def _unknown_key(key: str, model: type[BaseModel] | None) -> str:
    if model is None:
        return "is not a field here"
    fields = [info.alias or name for name, info in model.model_fields.items() if name not in model.derived]
    noun = model.noun or re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__).lower()
    if not noun.startswith(("this ", "the ", "a ", "an ")) and "_" not in noun:
        noun = f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
    if key in model.derived:
        return f"is not a field of {noun}: the app works it out, so leave it out of the file"
    close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
    if close:
        return f"is not a field of {noun}; did you mean {close[0]!r}?"
    return f"is not a field of {noun} (its fields are {', '.join(fields)})"


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that validates the object at `loc` below `model` (None if it is not a model)."""
    annotation: Any = model
    for part in loc:
        annotation = _inner(annotation, part)
    return next((o for o in _options(annotation) if isinstance(o, type) and issubclass(o, BaseModel)), None)


def _inner(annotation: Any, part: str | int) -> Any:
    """The type one step (a field name, a list index or a mapping key) inside `annotation`."""
    for option in _options(annotation):
        if isinstance(option, type) and issubclass(option, BaseModel):
            if isinstance(part, str):
                info = next((f for n, f in option.model_fields.items() if part in (n, f.alias)), None)
                if info is not None:
                    return info.annotation
        elif typing.get_origin(option) in (tuple, dict):
            return typing.get_args(option)[-1] if typing.get_origin(option) is dict else typing.get_args(option)[0]
    return None


def _options(annotation: Any) -> tuple:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return tuple(a for arg in typing.get_args(annotation) for a in _options(arg))
    return (annotation,)


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


def _found(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


# --- values the files leave to the app ------------------------------------------------------------------------------


def _with_derived_values(content: Content, content_dir: Path) -> Content:
    """Illustrations as full paths, each score's maximum, and program items completed from their exercise.

    An unknown reference is left as it is, for checks.first_problem to report.
    """
    exercises = tuple(
        e.model_copy(update={"illustration": content_dir / "illustrations" / e.illustration}) if e.illustration else e
        for e in content.exercises
    )
    library = {exercise.id: exercise for exercise in exercises}
    questionnaire = content.questionnaire
    questions = {q.id: q for q in questionnaire.questions}
    def most_points(question) -> int:  # one option of a choice question; every option of a multi question
        points = [o.points for o in question.options]
        return sum(points) if question.kind == "multi" else max(points, default=0)

    scores = tuple(
        score.model_copy(update={"maximum": sum(most_points(questions[q]) for q in score.questions if q in questions)})
        for score in questionnaire.scores
    )
    return content.model_copy(update={
        "exercises": exercises,
        "questionnaire": questionnaire.model_copy(update={"scores": scores}),
        "programs": _completed_programs(content.programs, library, {t.id: t.name for t in content.exercise_types},
                                        content.stop_rules),
    })


def _completed_programs(programs: Programs, library: Mapping[str, Any], titles: Mapping[str, str],
                        stop_rules: StopRules) -> Programs:
    def complete(item: Item | None) -> Item | None:
        exercise = library.get(item.exercise) if item is not None else None
        if exercise is None:
            return item
        return item.model_copy(update={
            "name": exercise.name, "type": exercise.type, "unit": exercise.dose.unit,
            "per_side": exercise.dose.per_side, "up_to": item.start if item.up_to is None else item.up_to,
            "sets": exercise.dose.sets if item.sets is None else item.sets,
        })

    def each(items):
        return tuple(complete(item) for item in items)

    def stand_ins(swaps: tuple[Swap, ...]) -> tuple[Swap, ...]:
        completed = each(swaps)
        return tuple(swap.model_copy(update={"item": ProgramItem.model_construct(
            **{name: getattr(swap, name) for name in ProgramItem.model_fields})}) for swap in completed)

    starters = tuple(
        program.model_copy(update={
            "warm_up": complete(program.warm_up), "cool_down": complete(program.cool_down), "stop_rules": stop_rules,
            "blocks": tuple(
                block.model_copy(update={"items": each(block.items), "title": titles.get(block.type, block.type)})
                for block in program.blocks
            ),
        })
        for program in programs.programs
    )
    tailoring = programs.tailoring
    conditions = tailoring.conditions_advice
    advice = tuple(entry.model_copy(update={"swaps": stand_ins(entry.swaps), "adds": stand_ins(entry.adds)})
                   for entry in conditions.advice)
    return programs.model_copy(update={"programs": starters, "tailoring": tailoring.model_copy(update={
        "no_floor": tailoring.no_floor.model_copy(update={"swaps": stand_ins(tailoring.no_floor.swaps)}),
        "conditions_advice": conditions.model_copy(update={"advice": advice}),
    })})
