"""Turn a person's answers into either a referral or a fitted starter program, with the reasons behind it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spinewell.content.models import Content
from spinewell.content.programs import ConditionAdvice, StarterProgram
from spinewell.content.questionnaire import Question, Questionnaire, RedFlag, ReferralAdvice
from spinewell.content.rules import Clause, Rule, SupportLevel
from spinewell.program.fitting import FLOOR, TIME, fit_program

# An answer is: a choice question's option id (str), a scale question's whole number (int), or a multi question's
# tuple of option ids (an empty tuple is the explicit "none of these"). The safety screen's answer, stored under the
# screen's id, is the tuple of ticked red-flag ids (empty: "none of these apply to me"). A missing key, or None,
# means "not answered yet".
Answers = Mapping[str, Any]
FrozenAnswers = tuple[tuple[str, Any], ...]

EMERGENCY, URGENT, PROGRAM = "emergency", "urgent", "program"


class IncompleteAnswers(ValueError):
    """Some answers are missing or not valid; `missing` lists the question ids, in the questionnaire's order."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        self.missing = missing
        super().__init__(f"no valid answer yet for: {', '.join(missing)}")


@dataclass(frozen=True)
class Change:
    """What was changed in the program, and the answer behind it."""

    because: str  # "Because you said you cannot get down to the floor"
    what: tuple[str, ...]  # ("Bridge is swapped for Sit-to-stand, which needs no floor.", ...)

    def sentence(self) -> str:
        return f"{self.because}: {' '.join(self.what)}"


@dataclass(frozen=True)
class Recommendation:
    """A referral (a red flag was raised: no program) or a fitted program, and everything that led to it."""

    outcome: str  # emergency | urgent | program
    answers: FrozenAnswers  # the answers this was made from, to tell whether it is still current
    red_flags: tuple[RedFlag, ...] = ()
    referral: ReferralAdvice | None = None
    program: StarterProgram | None = None  # fitted to the person: swaps, removals, pool/bike, time
    selected_program: str = ""  # the program the rules chose, before any condition capped it
    support: SupportLevel | None = None
    conditions: tuple[ConditionAdvice, ...] = ()
    reasons: tuple[str, ...] = ()  # why this outcome or program ("Because you said ...")
    support_reasons: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()  # what was changed in the program for this person, with why

    @property
    def is_referral(self) -> bool:
        return self.outcome != PROGRAM

    @property
    def see_clinician_first(self) -> bool:
        return any(condition.see_clinician_first for condition in self.conditions)


# --- answers ------------------------------------------------------------------------------------------------------


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


def is_current(recommendation: Recommendation | None, answers: Answers) -> bool:
    """Whether the recommendation was made from exactly these answers (any change makes it stale)."""
    return recommendation is not None and recommendation.answers == freeze(answers)


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


# --- rules --------------------------------------------------------------------------------------------------------


def scores(answers: Answers, questionnaire: Questionnaire) -> dict[str, int]:
    """Each score: the sum of the option points of the answers to its questions."""
    return {
        score.id: sum(questionnaire.question(q).option(answers[q]).points for q in score.questions)
        for score in questionnaire.scores
    }


def _clause_holds(clause: Clause, answers: Answers, totals: Mapping[str, int]) -> bool:
    value = totals[clause.id] if clause.subject == "score" else answers[clause.id]
    if clause.test == "is":
        return value in clause.values
    if clause.test == "includes":
        return any(v in clause.values for v in value)
    if clause.test == "at_least":
        return value >= clause.threshold
    return value <= clause.threshold


def _matching_clauses(rule: Rule, answers: Answers, totals: Mapping[str, int]) -> tuple[Clause, ...] | None:
    """The clauses that made the rule match (empty for 'otherwise'), or None when the rule does not match."""
    if rule.match == "otherwise":
        return ()
    held = tuple(c for c in rule.clauses if _clause_holds(c, answers, totals))
    if rule.match == "all":
        return held if len(held) == len(rule.clauses) else None
    return held or None


def _says(clause: Clause, answers: Answers, questionnaire: Questionnaire) -> list[str]:
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


def _because(fragments: list[str] | tuple[str, ...], then: str = "") -> str:
    """'Because you said a, b and c.' (optionally followed by ', then ...')."""
    fragments = list(dict.fromkeys(fragments))
    said = fragments[0] if len(fragments) == 1 else ", ".join(fragments[:-1]) + " and " + fragments[-1]
    sentence = f"Because you said {said}{then}"
    return sentence if sentence.endswith(".") else sentence + "."


def _reasons(clauses: tuple[Clause, ...], answers: Answers, questionnaire: Questionnaire) -> list[str]:
    return [_because(_says(clause, answers, questionnaire)) for clause in clauses]


def _first_match(rules, answers: Answers, totals: Mapping[str, int]):
    for entry in rules:
        clauses = _matching_clauses(entry.rule, answers, totals)
        if clauses is not None:
            return entry, clauses
    raise AssertionError("the content loader guarantees a final 'otherwise' rule")


# --- the recommendation --------------------------------------------------------------------------------------------


def recommend(answers: Answers, content: Content) -> Recommendation:
    """A referral when any red flag is ticked; otherwise the fitted starter program, support level and reasons.

    Pure: the same answers and content always give the same recommendation. Raises IncompleteAnswers when the
    screen is unanswered or, with no red flag, when any question lacks a valid answer.
    """
    questionnaire, rules = content.questionnaire, content.programs
    screen = questionnaire.screen
    if screen_problem(questionnaire, answers.get(screen.id)):
        raise IncompleteAnswers((screen.id,))
    flags = tuple(screen.flag(flag_id) for flag_id in dict.fromkeys(answers[screen.id]))
    if flags:
        return _referral(flags, answers, questionnaire)

    missing = missing_answers(answers, questionnaire)
    if missing:
        raise IncompleteAnswers(missing)
    totals = scores(answers, questionnaire)

    choice, clauses = _first_match(rules.selection, answers, totals)
    reasons = _reasons(clauses, answers, questionnaire) if clauses else [f"Because {choice.because}."]
    program = rules.programs[[p.id for p in rules.programs].index(choice.program)]

    tailoring = rules.tailoring
    chosen_conditions = tuple(c for c in tailoring.conditions if c.answer in answers[tailoring.conditions_question])
    conditions_question = questionnaire.question(tailoring.conditions_question)
    for condition in sorted(chosen_conditions, key=lambda c: rules.program(c.highest_program or program.id).level):
        if condition.highest_program and rules.program(condition.highest_program).level < program.level:
            capped = rules.program(condition.highest_program)
            reasons.append(_because(
                [conditions_question.option(condition.answer).says],
                f", {capped.name} is the most we suggest for now rather than {program.name}",
            ))
            program = capped

    floor_clauses = _matching_clauses(tailoring.no_floor, answers, totals)
    access = answers[tailoring.equipment_question]
    equipment = frozenset(kit for option, kit in tailoring.equipment if option in access)
    budget = next(b for b in tailoring.budgets if b.answer == answers[tailoring.time_question])
    fitted, changes_by_cause = fit_program(
        program,
        {exercise.id: exercise for exercise in content.exercises},
        tailoring,
        floor=floor_clauses is None,
        conditions=chosen_conditions,
        equipment=equipment,
        budget=budget,
    )
    time_said = questionnaire.question(tailoring.time_question).option(budget.answer).says
    grouped: dict[str, list[str]] = {}
    for cause, texts in changes_by_cause:
        if cause == FLOOR:
            said = [fragment for clause in floor_clauses for fragment in _says(clause, answers, questionnaire)]
        elif cause == TIME:
            said = [time_said]
        else:
            said = [conditions_question.option(cause).says]
        grouped.setdefault(_because(said).removesuffix("."), []).extend(texts)
    if budget.bout_minutes:
        grouped.setdefault(_because([time_said]).removesuffix("."), []).append(
            f"Your aerobic minutes can come in bouts of up to {budget.bout_minutes} minutes through the day; "
            "they count just the same."
        )
    equipment_question = questionnaire.question(tailoring.equipment_question)
    aerobic = [item for block in fitted.blocks for item in block.items if block.each_session == "one"]
    for option_id, kit in tailoring.equipment:
        activities = [item.name for item in aerobic if content.exercise(item.exercise).equipment == kit]
        if option_id in access and activities:
            said = _because([equipment_question.option(option_id).says]).removesuffix(".")
            grouped.setdefault(said, []).append(
                f"{' and '.join(activities)} takes turns with walking in your aerobic sessions."
            )
    changes = tuple(Change(because, tuple(what)) for because, what in grouped.items())

    support, support_clauses = _first_match(rules.support, answers, totals)
    support_reasons = (
        _reasons(support_clauses, answers, questionnaire) if support_clauses else [f"Because {support.because}."]
    )
    return Recommendation(
        outcome=PROGRAM,
        answers=freeze(answers),
        program=fitted,
        selected_program=choice.program,
        support=support,
        conditions=chosen_conditions,
        reasons=tuple(dict.fromkeys(reasons)),
        support_reasons=tuple(dict.fromkeys(support_reasons)),
        changes=changes,
    )


def _referral(flags: tuple[RedFlag, ...], answers: Answers, questionnaire: Questionnaire) -> Recommendation:
    level = EMERGENCY if any(flag.level == EMERGENCY for flag in flags) else URGENT
    ordered = sorted(flags, key=lambda flag: flag.level != level)  # the flags that set the level come first
    return Recommendation(
        outcome=level,
        answers=freeze(answers),
        red_flags=tuple(ordered),
        referral=questionnaire.screen.advice_for(level),
        reasons=tuple(_because([flag.says]) for flag in ordered),
    )
