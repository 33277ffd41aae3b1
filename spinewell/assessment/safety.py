"""The safety level of a set of answers: the screen's flags and combinations, the answer flags, and a doctor's check."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spinewell.assessment.answers import Answers, asked_answers
from spinewell.assessment.rules import because, matching_clauses, scores, what_you_said
from spinewell.content.questionnaire import Questionnaire
from spinewell.content.rules import Clause
from spinewell.content.screen import ASK_AGAIN, BLOCKING, DOCTOR_CAN_CLEAR, most_serious, rank


@dataclass(frozen=True)
class Raised:
    """One thing that raised the level (a flag, a combination, an answer flag), or a flag that only adds a caution."""

    level: str  # a level of the screen, or "" for a flag with only a caution
    said: tuple[str, ...]  # what the person said, as "because you said" fragments
    step: str  # where it can be changed: the screen's id, or a question's id
    advice: str = ""  # an extra line on the result
    name: str = ""  # the title of its caution
    caution: str = ""
    cleared: bool = False  # a doctor has checked it: it no longer blocks and its caution says so

    @property
    def reason(self) -> str:
        return because(self.said)


@dataclass(frozen=True)
class SafetyCaution:
    """A caution from the safety screen or an answer flag, carried into the result and the plan."""

    title: str
    text: str
    reason: str  # "Because you said ..."

    def sentence(self) -> str:
        return f"{self.title}: {self.text} {self.reason}"


@dataclass(frozen=True)
class Safety:
    raised: tuple[Raised, ...]
    screen_level: str  # the most serious level the screen alone gives, before any doctor's check ('' none)
    doctor_checked: bool  # the person said a doctor has checked it, and the screen's level allows that

    @property
    def level(self) -> str:
        """The most serious level still standing ('' none): a doctor's check lowers the screen's items."""
        return most_serious(r.level for r in self.raised if not r.cleared)

    @property
    def blocking(self) -> str:
        """The level that blocks the program ('' when the program may go ahead)."""
        return self.level if self.level in BLOCKING else ""

    @property
    def offers_doctor_check(self) -> bool:
        """Whether "a doctor has checked this back pain" is offered: only for the screen's urgent or routine items."""
        return self.screen_level in DOCTOR_CAN_CLEAR

    @property
    def asks_again(self) -> bool:
        """Whether "I ticked something by mistake" asks once more before going back (emergency and same day)."""
        return self.blocking in ASK_AGAIN

    def setting_level(self) -> tuple[Raised, ...]:
        """The items at the standing level, in the order they were raised (the result's "why", first)."""
        return tuple(r for r in self.raised if r.level == self.level and not r.cleared)

    def change_step(self, screen_id: str) -> str:
        """Where "I ticked something by mistake" goes: the screen, or the question whose answer set the level."""
        steps = [r.step for r in self.setting_level()]
        return screen_id if not steps or screen_id in steps else steps[0]


def assess(answers: Answers, questionnaire: Questionnaire) -> Safety:
    """What the screen and the answers so far raise. Pure; unanswered and unasked questions raise nothing."""
    screen = questionnaire.screen
    raised = [*_screen_items(answers, questionnaire), *_answer_items(answers, questionnaire)]
    screen_level = most_serious(r.level for r in raised if r.step == screen.id)
    checked = bool(answers.get(screen.doctor_checked.id)) and screen_level in DOCTOR_CAN_CLEAR
    if checked:
        raised = [replace(r, cleared=True) if r.step == screen.id and r.level else r for r in raised]
    raised.sort(key=lambda r: rank(r.level))  # stable: the screen's order within a level
    return Safety(tuple(raised), screen_level, checked)


def _screen_items(answers: Answers, questionnaire: Questionnaire) -> list[Raised]:
    screen = questionnaire.screen
    ticked = frozenset(answers.get(screen.id) or ())
    items = [
        Raised(flag.level or "", (flag.says,), screen.id, flag.advice, flag.name, flag.caution)
        for flag in screen.flags if flag.id in ticked and (flag.level or flag.caution)
    ]
    for combination in screen.combinations:
        if combination.holds(ticked):
            said = tuple(screen.flag(flag_id).says for flag_id in combination.flag_ids if flag_id in ticked)
            items.append(Raised(combination.level, said, screen.id, combination.advice))
    return items


def _answer_items(answers: Answers, questionnaire: Questionnaire) -> list[Raised]:
    """The answer flags whose rule holds for the questions asked and answered so far."""
    usable = asked_answers(answers, questionnaire)
    totals = scores(usable, questionnaire)
    items = []
    for flag in questionnaire.answer_flags:
        clauses = matching_clauses(flag, usable, totals)
        if clauses:
            said = tuple(f for c in clauses for f in what_you_said(c, usable, questionnaire))
            items.append(Raised(flag.level, said, _step(clauses[0], usable, questionnaire), flag.advice, flag.name,
                                flag.caution))
    return items


def _step(clause: Clause, answers: Answers, questionnaire: Questionnaire) -> str:
    """Where the answer behind a rule line can be changed: its question, or a score's last answered question."""
    if clause.subject == "question":
        return clause.id
    return [q for q in questionnaire.score(clause.id).questions if q in answers][-1]


def cautions(safety: Safety, questionnaire: Questionnaire) -> tuple[SafetyCaution, ...]:
    """The cautions the program carries: cleared items under the doctor's check, routine items under the routine
    advice (or their own, for answer flags), and flags that only add a caution."""
    screen = questionnaire.screen
    found: list[SafetyCaution] = []
    checked = [r for r in safety.raised if r.cleared]
    if checked:
        doctor = screen.doctor_checked
        found.append(SafetyCaution(doctor.title, doctor.caution, because(f for r in checked for f in r.said)))
    routine = [r for r in safety.raised if r.level == "routine" and not r.cleared and not r.caution]
    if routine:
        advice = screen.advice_for("routine")
        found.append(SafetyCaution(advice.title, advice.caution, because(f for r in routine for f in r.said)))
    found += [SafetyCaution(r.name, r.caution, r.reason) for r in safety.raised
              if r.caution and not r.cleared and r.level not in BLOCKING]
    return tuple(found)


def highest_program(safety: Safety, questionnaire: Questionnaire) -> tuple[str | None, tuple[str, ...]]:
    """The gentlest program the standing routine screen items allow (None: no cap), and what was said."""
    routine = [r for r in safety.raised if r.level == "routine" and not r.cleared and r.step ==
               questionnaire.screen.id]
    if not routine:
        return None, ()
    return questionnaire.screen.advice_for("routine").highest_program, tuple(f for r in routine for f in r.said)
