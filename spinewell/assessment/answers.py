"""What counts as an answer: which questions are asked, freezing answers, checking each one, describing it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from spinewell.content.questionnaire import Question, Questionnaire
from spinewell.content.rules import Clause

# An answer is: a choice question's option id (str), a scale question's whole number (int), or a multi question's
# tuple of option ids (an empty tuple is the explicit "none of these"). The safety screen's answer, stored under the
# screen's id, is the tuple of ticked red-flag ids (empty: "none of these apply to me"). A missing key, or None,
# means "not answered yet". A follow-up question that is not asked (its asked_when does not hold) has no answer,
# whatever its key holds: the answer is kept for when it is asked again, and ignored until then.
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


def line_holds(clause: Clause, value: Any) -> bool:
    """Whether one rule line on a question holds for its answer (a missing answer holds nothing)."""
    if value is None:
        return False
    if clause.test == "is":
        return value in clause.values
    if clause.test == "includes":
        return any(v in clause.values for v in value)
    if clause.test == "excludes":
        return not any(v in clause.values for v in value)
    if clause.test == "at_least":
        return value >= clause.threshold
    return value <= clause.threshold


def is_asked(question: Question, answers: Answers) -> bool:
    """Whether the question is asked: always, or for a follow-up when every line of asked_when holds for `answers`
    (which should hold only valid answers to asked questions: see asked_answers)."""
    return all(line_holds(clause, answers.get(clause.id)) for clause in question.asked_when)


def asked_questions(answers: Answers, questionnaire: Questionnaire) -> tuple[Question, ...]:
    """The questions asked given these answers, in order. A follow-up reads only valid answers to earlier asked
    questions, so a chain of follow-ups closes as one when its first question changes."""
    asked, usable = [], {}
    for question in questionnaire.questions:
        if is_asked(question, usable):
            asked.append(question)
            if answer_problem(question, answers.get(question.id)) is None:
                usable[question.id] = answers[question.id]
    return tuple(asked)


def asked_answers(answers: Answers, questionnaire: Questionnaire) -> dict[str, Any]:
    """The valid answers to the questions asked, by question id (what the rules may read)."""
    return {q.id: answers[q.id] for q in asked_questions(answers, questionnaire)
            if answer_problem(q, answers.get(q.id)) is None}


def missing_answers(answers: Answers, questionnaire: Questionnaire) -> tuple[str, ...]:
    """The screen and asked question ids still lacking a valid answer, in the order they are asked."""
    missing = [questionnaire.screen.id] if screen_problem(questionnaire, answers.get(questionnaire.screen.id)) else []
    missing += [q.id for q in asked_questions(answers, questionnaire) if answer_problem(q, answers.get(q.id))]
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
