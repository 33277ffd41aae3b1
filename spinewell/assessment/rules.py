"""Rule lines applied to answers: scores, which clauses and rules hold, and the "because you said" sentences."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from spinewell.assessment.answers import Answers, line_holds
from spinewell.content.questionnaire import Question, Questionnaire
from spinewell.content.rules import Clause, Rule


def scores(answers: Answers, questionnaire: Questionnaire) -> dict[str, int]:
    """Each score: the sum of the option points of the answers to its questions (an unanswered question adds 0)."""
    return {
        score.id: sum(o.points for q in score.questions for o in chosen_options(questionnaire.question(q), answers))
        for score in questionnaire.scores
    }


def chosen_options(question: Question, answers: Answers) -> list:
    """The options chosen for a choice or multi question (none when it is unanswered or a scale)."""
    value = answers.get(question.id)
    if value is None or question.kind == "scale":
        return []
    return [question.option(value)] if question.kind == "choice" else [question.option(v) for v in value]


def clause_holds(clause: Clause, answers: Answers, totals: Mapping[str, int]) -> bool:
    """Whether one test (pain_now at_least 7, conditions includes [pregnancy], ...) is true of these answers."""
    if clause.subject == "score":
        return line_holds(clause, totals[clause.id])
    return line_holds(clause, answers.get(clause.id))


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
        return [option.says for q in score.questions for option in chosen_options(questionnaire.question(q), answers)
                if option.points]
    question = questionnaire.question(clause.id)
    value = answers[clause.id]
    if question.kind == "scale":
        return [question.says.format(value=value)]
    if question.kind == "choice":
        return [question.option(value).says]
    if clause.test == "excludes":
        return [question.option(v).says for v in value] or [question.none_says]
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
