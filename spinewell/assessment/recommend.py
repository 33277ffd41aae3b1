"""Turn a person's answers into either a referral or a fitted starter program, with the reasons behind it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spinewell.assessment.answers import Answers, FrozenAnswers, freeze, missing_answers, screen_problem
from spinewell.assessment.rules import because, first_match, matching_clauses, reasons_for, scores, what_you_said
from spinewell.content.models import Content
from spinewell.content.programs import ConditionAdvice, StarterProgram
from spinewell.content.questionnaire import Questionnaire, RedFlag, ReferralAdvice
from spinewell.content.rules import SupportLevel
from spinewell.program.fitting import FLOOR, TIME, fit_program

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

    @property
    def cautions(self) -> tuple[str, ...]:
        """Each condition's caution ('Pregnancy: ...'), then the changes to how to exercise it asks for."""
        cautions = [f"{c.name}: {c.caution}" for c in self.conditions]
        return (*cautions, *(modification for c in self.conditions for modification in c.modifications))


def is_current(recommendation: Recommendation | None, answers: Answers) -> bool:
    """Whether the recommendation was made from exactly these answers (any change makes it stale)."""
    return recommendation is not None and recommendation.answers == freeze(answers)


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
    tailoring = rules.tailoring
    conditions = tuple(c for c in tailoring.conditions if c.answer in answers[tailoring.conditions_question])
    selected, program, reasons = _choose_program(answers, content, totals, conditions)
    fitted, changes = _fit(program, answers, content, totals, conditions)
    support, support_clauses = first_match(rules.support, answers, totals)
    support_reasons = (
        reasons_for(support_clauses, answers, questionnaire) if support_clauses else [f"Because {support.because}."]
    )
    return Recommendation(
        outcome=PROGRAM,
        answers=freeze(answers),
        program=fitted,
        selected_program=selected,
        support=support,
        conditions=conditions,
        reasons=tuple(dict.fromkeys(reasons)),
        support_reasons=tuple(dict.fromkeys(support_reasons)),
        changes=changes,
    )


def _choose_program(
    answers: Answers, content: Content, totals: Mapping[str, int], conditions: tuple[ConditionAdvice, ...]
) -> tuple[str, StarterProgram, list[str]]:
    """The program the selection rules choose, then capped by any condition that asks for a gentler one, with why."""
    questionnaire, rules = content.questionnaire, content.programs
    choice, clauses = first_match(rules.selection, answers, totals)
    reasons = reasons_for(clauses, answers, questionnaire) if clauses else [f"Because {choice.because}."]
    program = rules.program(choice.program)
    conditions_question = questionnaire.question(rules.tailoring.conditions_question)
    for condition in sorted(conditions, key=lambda c: rules.program(c.highest_program or program.id).level):
        if condition.highest_program and rules.program(condition.highest_program).level < program.level:
            capped = rules.program(condition.highest_program)
            reasons.append(because(
                [conditions_question.option(condition.answer).says],
                f", {capped.name} is the most we suggest for now rather than {program.name}",
            ))
            program = capped
    return choice.program, program, reasons


def _fit(
    program: StarterProgram,
    answers: Answers,
    content: Content,
    totals: Mapping[str, int],
    conditions: tuple[ConditionAdvice, ...],
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
        conditions=conditions,
        equipment=frozenset(kit for option, kit in tailoring.equipment if option in access),
        budget=budget,
    )
    time_said = questionnaire.question(tailoring.time_question).option(budget.answer).says
    conditions_question = questionnaire.question(tailoring.conditions_question)
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
            add([conditions_question.option(cause).says], texts)
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


def _referral(flags: tuple[RedFlag, ...], answers: Answers, questionnaire: Questionnaire) -> Recommendation:
    level = EMERGENCY if any(flag.level == EMERGENCY for flag in flags) else URGENT
    ordered = sorted(flags, key=lambda flag: flag.level != level)  # the flags that set the level come first
    return Recommendation(
        outcome=level,
        answers=freeze(answers),
        red_flags=tuple(ordered),
        referral=questionnaire.screen.advice_for(level),
        reasons=tuple(because([flag.says]) for flag in ordered),
    )
