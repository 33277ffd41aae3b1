"""What counts as an answer: freezing answers for comparison, checking each one, and describing it for the review."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from spinewell.content.questionnaire import Question, Questionnaire

# An answer is: a choice question's option id (str), a scale question's whole number (int), or a multi question's
# tuple of option ids (an empty tuple is the explicit "none of these"). The safety screen's answer, stored under the
# screen's id, is the tuple of ticked red-flag ids (empty: "none of these apply to me"). A missing key, or None,
# means "not answered yet".
Answers = Mapping[str, Any]
FrozenAnswers = tuple[tuple[str, Any], ...]


def freeze(answers: Answers) -> FrozenAnswers:
    """The answers as a sorted, hashable tuple (lists become tuples; unanswered keys are left out)."""
    frozen = []
    for key in sorted(answers):
        value = answers[key]
        if value is None:
            continue
        if isinstance(value, list | tuple | set | frozenset):
            value = tuple(value) if not isinstance(value, set | frozenset) else tuple(sorted(value))
        frozen.append((key, value))
    return tuple(frozen)


def ticked_answer(ticked: Iterable[str], none_ticked: bool) -> tuple[str, ...] | None:
    """The answer a list of boxes with a "none of these" box gives: the ticked ids, () for "none of these" alone, and
    None (not answered) when neither or both were ticked, since either reading of that could be wrong."""
    ticked = tuple(ticked)
    return None if none_ticked == bool(ticked) else ticked


def answer_problem(question: Question, value: Any) -> str | None:
    """Why `value` is not a usable answer to `question` (None when it is)."""
    if value is None:
        return "not answered"
    if question.kind == "scale":
        if isinstance(value, bool) or not isinstance(value, int):
            return "not a whole number"
        if not question.minimum <= value <= question.maximum:
            return f"outside {question.minimum} to {question.maximum}"
        return None
    known = {option.id for option in question.options}
    if question.kind == "choice":
        return None if isinstance(value, str) and value in known else "not one of the options"
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v in known for v in value):
        return "not a list of the options"
    return None


def screen_problem(questionnaire: Questionnaire, value: Any) -> str | None:
    """Why `value` is not a usable answer to the safety screen (None when it is)."""
    if value is None:
        return "not answered"
    known = {flag.id for flag in questionnaire.screen.flags}
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v in known for v in value):
        return "not a list of the red flags"
    return None


def missing_answers(answers: Answers, questionnaire: Questionnaire) -> tuple[str, ...]:
    """The screen and question ids still lacking a valid answer, in the order they are asked."""
    missing = [questionnaire.screen.id] if screen_problem(questionnaire, answers.get(questionnaire.screen.id)) else []
    missing += [q.id for q in questionnaire.questions if answer_problem(q, answers.get(q.id)) is not None]
    return tuple(missing)


def describe_answer(question: Question, value: Any) -> str:
    """The answer as the person chose it, for the review step ('7 out of 10', 'A little', 'None of these')."""
    if answer_problem(question, value) is not None:
        return "Not answered yet"
    if question.kind == "scale":
        return f"{value} out of {question.maximum}"
    if question.kind == "choice":
        return question.option(value).label
    return "; ".join(question.option(v).label for v in value) if value else question.none_label
