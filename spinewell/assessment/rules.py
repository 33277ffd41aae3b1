"""The rules of programs.yaml applied to answers: scores, which clauses and rules hold, and the "because you said"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from spinewell.assessment.answers import Answers
from spinewell.content.questionnaire import Questionnaire
from spinewell.content.rules import Clause, Rule


def scores(answers: Answers, questionnaire: Questionnaire) -> dict[str, int]:
    """Each score: the sum of the option points of the answers to its questions."""
    return {
        score.id: sum(questionnaire.question(q).option(answers[q]).points for q in score.questions)
        for score in questionnaire.scores
    }


def clause_holds(clause: Clause, answers: Answers, totals: Mapping[str, int]) -> bool:
    """Whether one test (pain_now at_least 7, conditions includes [pregnancy], ...) is true of these answers."""
    value = totals[clause.id] if clause.subject == "score" else answers[clause.id]
    if clause.test == "is":
        return value in clause.values
    if clause.test == "includes":
        return any(v in clause.values for v in value)
    if clause.test == "at_least":
        return value >= clause.threshold
    return value <= clause.threshold


def matching_clauses(rule: Rule, answers: Answers, totals: Mapping[str, int]) -> tuple[Clause, ...] | None:
    """The clauses that made the rule match (empty for 'otherwise'), or None when the rule does not match."""
    if rule.match == "otherwise":
        return ()
    held = tuple(c for c in rule.clauses if clause_holds(c, answers, totals))
    if rule.match == "all":
        return held if len(held) == len(rule.clauses) else None
    return held or None


def first_match(entries: Iterable[Any], answers: Answers, totals: Mapping[str, int]) -> tuple[Any, tuple[Clause, ...]]:
    """The first entry (a selection or support rule, each with a `.rule`) whose rule matches, and its clauses."""
    for entry in entries:
        clauses = matching_clauses(entry.rule, answers, totals)
        if clauses is not None:
            return entry, clauses
    raise AssertionError("the content loader guarantees a final 'otherwise' rule")


def what_you_said(clause: Clause, answers: Answers, questionnaire: Questionnaire) -> list[str]:
    """What the person said that made the clause true, as sentence fragments ('your pain right now is 8 out of 10')."""
    if clause.subject == "score":
        score = questionnaire.score(clause.id)
        fragments = []
        for question_id in score.questions:
            option = questionnaire.question(question_id).option(answers[question_id])
            if option.points:
                fragments.append(option.says)
        return fragments
    question = questionnaire.question(clause.id)
    value = answers[clause.id]
    if question.kind == "scale":
        return [question.says.format(value=value)]
    if question.kind == "choice":
        return [question.option(value).says]
    return [question.option(v).says for v in value if v in clause.values]


def because(fragments: Iterable[str], then: str = "") -> str:
    """'Because you said a, b and c.' (optionally followed by ', then ...'); repeated fragments are said once."""
    fragments = list(dict.fromkeys(fragments))
    said = fragments[0] if len(fragments) == 1 else ", ".join(fragments[:-1]) + " and " + fragments[-1]
    sentence = f"Because you said {said}{then}"
    return sentence if sentence.endswith(".") else sentence + "."


def reasons_for(clauses: Iterable[Clause], answers: Answers, questionnaire: Questionnaire) -> list[str]:
    """One "Because you said ..." sentence per clause that held."""
    return [because(what_you_said(clause, answers, questionnaire)) for clause in clauses]
