"""Turn a person's answers into either a referral or a fitted starter program, with the reasons behind it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spinewell.assessment.answers import Answers, FrozenAnswers, asked_answers, freeze, missing_answers, screen_problem
from spinewell.assessment.rules import (
    because,
    chosen_options,
    first_match,
    matching_clauses,
    reasons_for,
    scores,
    what_you_said,
)
from spinewell.assessment.safety import Safety, SafetyCaution, assess, highest_program
from spinewell.assessment.safety import cautions as safety_cautions
from spinewell.content.models import Content
from spinewell.content.programs import ConditionAdvice, StarterProgram
from spinewell.content.questionnaire import Questionnaire
from spinewell.content.rules import SupportLevel
from spinewell.content.screen import ReferralAdvice
from spinewell.program.fitting import FLOOR, TIME, fit_program

EMERGENCY, SAME_DAY, URGENT, SURGICAL_TEAM, PROGRAM = "emergency", "same_day", "urgent", "surgical_team", "program"


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
    """A referral (the safety level blocks the program) or a fitted program, and everything that led to it."""

    outcome: str  # emergency | same_day | urgent | surgical_team | program
    answers: FrozenAnswers  # the answers this was made from, to tell whether it is still current
    safety: Safety  # what the screen and the answers raised, and whether a doctor has checked it
    referral: ReferralAdvice | None = None
    program: StarterProgram | None = None  # fitted to the person: swaps, removals, pool/bike, time
    selected_program: str = ""  # the program the rules chose, before any condition capped it
    support: SupportLevel | None = None
    conditions: tuple[ConditionAdvice, ...] = ()
    safety_cautions: tuple[SafetyCaution, ...] = ()  # routine items, a doctor's check, answer flags
    reasons: tuple[str, ...] = ()  # why this outcome or program ("Because you said ...")
    support_reasons: tuple[str, ...] = ()
    support_notes: tuple[str, ...] = ()  # always added to the support advice (low mood: the GP and a helpline)
    changes: tuple[Change, ...] = ()  # what was changed in the program for this person, with why

    @property
    def is_referral(self) -> bool:
        return self.outcome != PROGRAM

    @property
    def level(self) -> str:
        """The safety level ('routine' with a program; '' when nothing was raised)."""
        return self.safety.level

    @property
    def see_clinician_first(self) -> bool:
        return any(condition.see_clinician_first for condition in self.conditions)

    @property
    def cautions(self) -> tuple[str, ...]:
        """The safety cautions, each condition's caution ('Pregnancy: ...'), then the changes it asks for."""
        cautions = [c.sentence() for c in self.safety_cautions] + [f"{c.name}: {c.caution}" for c in self.conditions]
        return (*cautions, *(modification for c in self.conditions for modification in c.modifications))


def is_current(recommendation: Recommendation | None, answers: Answers) -> bool:
    """Whether the recommendation was made from exactly these answers (any change makes it stale)."""
    return recommendation is not None and recommendation.answers == freeze(answers)


def recommend(answers: Answers, content: Content) -> Recommendation:
    """A referral when the safety level blocks; otherwise the fitted starter program, support level and reasons.

    Pure: the same answers and content always give the same recommendation. Raises IncompleteAnswers when the
    screen is unanswered or, when nothing blocks, when any question asked lacks a valid answer. Answers to
    follow-up questions that are not asked are ignored.
    """
    questionnaire, rules = content.questionnaire, content.programs
    screen = questionnaire.screen
    if screen_problem(questionnaire, answers.get(screen.id)):
        raise IncompleteAnswers((screen.id,))
    safety = assess(answers, questionnaire)
    if safety.blocking:
        return _referral(safety, answers, questionnaire)

    missing = missing_answers(answers, questionnaire)
    if missing:
        raise IncompleteAnswers(missing)
    asked = asked_answers(answers, questionnaire)
    totals = scores(asked, questionnaire)
    conditions = _conditions(asked, content)
    selected, program, reasons = _choose_program(asked, content, totals, conditions, safety)
    fitted, changes = _fit(program, asked, content, totals, conditions)
    support, support_reasons = _support(asked, content, totals)
    notes = [note.note for note in rules.support_notes if matching_clauses(note, asked, totals)]
    return Recommendation(
        outcome=PROGRAM,
        answers=freeze(answers),
        safety=safety,
        program=fitted,
        selected_program=selected,
        support=support,
        conditions=tuple(conditions),
        safety_cautions=safety_cautions(safety, questionnaire),
        reasons=tuple(dict.fromkeys(reasons)),
        support_reasons=support_reasons,
        support_notes=tuple(notes),
        changes=changes,
    )


def _conditions(answers: Answers, content: Content) -> dict[ConditionAdvice, list[str]]:
    """The conditions whose advice applies, each with what was said: its answer to the conditions question, or an
    answer tailored as it (leg pain below the knee gets the sciatica advice)."""
    questionnaire, tailoring = content.questionnaire, content.programs.tailoring
    conditions_question = questionnaire.question(tailoring.conditions_question)
    said: dict[str, list[str]] = {a: [conditions_question.option(a).says] for a in answers[conditions_question.id]}
    for question in questionnaire.questions:
        for option in chosen_options(question, answers):
            if option.tailor_as and question.id != conditions_question.id:
                said.setdefault(option.tailor_as, []).append(option.says)
    return {c: said[c.answer] for c in tailoring.conditions if c.answer in said}


def _support(answers: Answers, content: Content, totals: Mapping[str, int]) -> tuple[SupportLevel, tuple[str, ...]]:
    """The level of support and why, in the person's own answers (a fallback quotes the answers it lists)."""
    questionnaire = content.questionnaire
    support, clauses = first_match(content.programs.support, answers, totals)
    if clauses:
        reasons = reasons_for(clauses, answers, questionnaire)
    elif support.said:
        reasons = [because(questionnaire.question(q).option(answers[q]).says for q in support.said)]
    else:
        reasons = [f"Because {support.because}."]
    return support, tuple(dict.fromkeys(reasons))


def _choose_program(
    answers: Answers,
    content: Content,
    totals: Mapping[str, int],
    conditions: Mapping[ConditionAdvice, list[str]],
    safety: Safety,
) -> tuple[str, StarterProgram, list[str]]:
    """The program the selection rules choose, then capped by any condition or routine screen item that asks for a
    gentler one, with why."""
    questionnaire, rules = content.questionnaire, content.programs
    choice, clauses = first_match(rules.selection, answers, totals)
    reasons = reasons_for(clauses, answers, questionnaire) if clauses else [f"Because {choice.because}."]
    program = rules.program(choice.program)
    caps = [(c.highest_program, said) for c, said in conditions.items() if c.highest_program]
    screen_cap, screen_said = highest_program(safety, questionnaire)
    if screen_cap:
        caps.append((screen_cap, list(screen_said)))
    for cap, said in sorted(caps, key=lambda pair: rules.program(pair[0]).level):
        if rules.program(cap).level < program.level:
            capped = rules.program(cap)
            reasons.append(because(said, f", {capped.name} is the most we suggest for now rather than {program.name}"))
            program = capped
    return choice.program, program, reasons


def _fit(
    program: StarterProgram,
    answers: Answers,
    content: Content,
    totals: Mapping[str, int],
    conditions: Mapping[ConditionAdvice, list[str]],
) -> tuple[StarterProgram, tuple[Change, ...]]:
    """The program fitted to the floor, conditions, equipment and time, and each change grouped under its answer."""
    questionnaire, tailoring = content.questionnaire, content.programs.tailoring
    floor_clauses = matching_clauses(tailoring.no_floor, answers, totals)
    access = answers[tailoring.equipment_question]
    budget = next(b for b in tailoring.budgets if b.answer == answers[tailoring.time_question])
    fitted, changes_by_cause = fit_program(
        program,
        {exercise.id: exercise for exercise in content.exercises},
        tailoring,
        floor=floor_clauses is None,
        conditions=tuple(conditions),
        equipment=frozenset(kit for option, kit in tailoring.equipment if option in access),
        budget=budget,
    )
    time_said = questionnaire.question(tailoring.time_question).option(budget.answer).says
    said_for = {condition.answer: said for condition, said in conditions.items()}
    grouped: dict[str, list[str]] = {}

    def add(fragments: list[str], texts: list[str] | tuple[str, ...]) -> None:
        grouped.setdefault(because(fragments).removesuffix("."), []).extend(texts)

    for cause, texts in changes_by_cause:
        if cause == FLOOR:
            add([fragment for clause in floor_clauses for fragment in what_you_said(clause, answers, questionnaire)],
                texts)
        elif cause == TIME:
            add([time_said], texts)
        else:
            add(said_for[cause], texts)
    if budget.bout_minutes:
        add([time_said], [f"Your aerobic minutes can come in bouts of up to {budget.bout_minutes} minutes through "
                          "the day; they count just the same."])
    equipment_question = questionnaire.question(tailoring.equipment_question)
    aerobic = [item for block in fitted.blocks for item in block.items if block.each_session == "one"]
    for option_id, kit in tailoring.equipment:
        activities = [item.name for item in aerobic if content.exercise(item.exercise).equipment == kit]
        if option_id in access and activities:
            add([equipment_question.option(option_id).says],
                [f"{' and '.join(activities)} takes turns with walking in your aerobic sessions."])
    return fitted, tuple(Change(said, tuple(what)) for said, what in grouped.items())


def _referral(safety: Safety, answers: Answers, questionnaire: Questionnaire) -> Recommendation:
    """The advice of the blocking level; the reasons that set it first, then anything else raised."""
    standing = [r for r in safety.raised if r.level and not r.cleared]
    return Recommendation(
        outcome=safety.blocking,
        answers=freeze(answers),
        safety=safety,
        referral=questionnaire.screen.advice_for(safety.blocking),
        reasons=tuple(dict.fromkeys(r.reason for r in standing)),
    )
