"""The self-assessment's cross-checks: the screen's flags and levels, follow-ups, answer flags and support rules."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spinewell.content.models import Content
from spinewell.content.questionnaire import Questionnaire
from spinewell.content.rules import Clause, Rule
from spinewell.content.screen import Screen, rank

Problem = tuple[str, str, str]  # (file, field path, what is wrong)
Problems = Iterator[Problem]
QUESTIONNAIRE, PROGRAMS = "questionnaire.yaml", "programs.yaml"
TESTS_FOR_KIND = {"choice": ("is",), "multi": ("includes", "excludes"), "scale": ("at_least", "at_most")}


def problems(content: Content) -> Problems:
    """Every problem with the screen, the follow-up questions, the answer flags and the support rules, in order."""
    questionnaire = content.questionnaire
    yield from _flags(questionnaire.screen)
    yield from _combinations(questionnaire.screen)
    yield from _levels_reached(questionnaire)
    yield from _follow_ups(content)
    yield from _answer_flags(questionnaire)
    yield from _support(content)


def _unknown(file: str, path: str, value: str, known: Mapping | set, what: str) -> Problems:
    if value not in known:
        yield file, path, f"names the {what} {value!r}, which does not exist (known: {', '.join(sorted(known))})"


def rule_line_problems(file: str, path: str, clause: Clause, questionnaire: Questionnaire) -> Problems:
    """One rule line: its question or score exists, the test suits it, and its answers or threshold fit."""
    if clause.subject == "question":
        yield from _unknown(file, f"{path}.question", clause.id, {q.id for q in questionnaire.questions}, "question")
        question = questionnaire.question(clause.id)
        allowed, low, high = TESTS_FOR_KIND[question.kind], question.minimum, question.maximum
    else:
        yield from _unknown(file, f"{path}.score", clause.id, {s.id for s in questionnaire.scores}, "score")
        question, allowed, low, high = None, ("at_least", "at_most"), 0, questionnaire.score(clause.id).maximum
    if clause.test not in allowed:
        yield file, f"{path}.{clause.test}", \
            f"cannot test the {clause.subject} {clause.id!r} this way; use {' or '.join(allowed)}"
    if clause.test in ("is", "includes", "excludes"):
        known = {option.id for option in question.options}
        for index, value in enumerate(clause.values):
            yield from _unknown(file, f"{path}.{clause.test}[{index}]", value, known, f"{clause.id} answer")
    elif clause.threshold < low:
        yield file, f"{path}.{clause.test}", f"must be at least {low}, found {clause.threshold:g}"
    elif clause.threshold > high:
        yield file, f"{path}.{clause.test}", f"must be at most {high} (the top of {clause.id!r}); found " \
                                             f"{clause.threshold:g}"


def _rule_lines(file: str, path: str, rule: Rule, questionnaire: Questionnaire) -> Problems:
    key = "when_any" if rule.match == "any" else "when_all"
    for index, clause in enumerate(rule.clauses):
        yield from rule_line_problems(file, f"{path}.{key}[{index}]", clause, questionnaire)


# --- the screen ---------------------------------------------------------------------------------------------------


def _flag_paths(screen: Screen) -> dict[str, str]:
    return {flag.id: f"screen.groups[{g}].flags[{f}]" for g, group in enumerate(screen.groups)
            for f, flag in enumerate(group.flags)}


def _flags(screen: Screen) -> Problems:
    """Flag ids are unique, and every flag changes something: a level, a caution, or a combination that uses it."""
    seen: set[str] = set()
    combined = {flag_id for combination in screen.combinations for flag_id in combination.flag_ids}
    for g, group in enumerate(screen.groups):
        for f, flag in enumerate(group.flags):
            path = f"screen.groups[{g}].flags[{f}]"
            if flag.id in seen:
                yield QUESTIONNAIRE, f"{path}.id", f"duplicate red flag id {flag.id!r}"
            seen.add(flag.id)
            if not (flag.level or flag.caution or flag.id in combined):
                yield QUESTIONNAIRE, f"{path}.level", "ticking this flag changes nothing: give it a level or a " \
                                                      "caution, or name it in a combination"


def _combinations(screen: Screen) -> Problems:
    """Each combination names flags that exist, and raises the level above what its flags give on their own."""
    paths = _flag_paths(screen)
    for index, combination in enumerate(screen.combinations):
        path = f"screen.combinations[{index}]"
        for key in ("all_of", "any_of"):
            for number, flag_id in enumerate(getattr(combination, key)):
                yield from _unknown(QUESTIONNAIRE, f"{path}.{key}[{number}]", flag_id, paths, "red flag")
        if set(combination.flag_ids) - set(paths):
            continue
        alone = [screen.flag(f).level for f in combination.all_of]
        if combination.any_of:  # the mildest way the combination can hold
            alone.append(max((screen.flag(f).level for f in combination.any_of), key=rank))
        if min(rank(level) for level in alone) <= rank(combination.level):
            yield QUESTIONNAIRE, f"{path}.level", f"never changes the result: its flags alone already give " \
                                                  f"{combination.level} or more"


def _levels_reached(questionnaire: Questionnaire) -> Problems:
    """Every level's advice is reached by a flag, a combination or an answer flag (none is left unreachable)."""
    screen = questionnaire.screen
    reached = {flag.level for flag in screen.flags} | {c.level for c in screen.combinations}
    reached |= {flag.level for flag in questionnaire.answer_flags}
    for index, advice in enumerate(screen.advice):
        if advice.level not in reached:
            yield QUESTIONNAIRE, f"screen.advice[{index}].level", \
                f"no flag, combination or answer flag raises {advice.level}, so no one sees this advice"
    ids = {q.id for q in questionnaire.questions} | {screen.id}
    if screen.doctor_checked.id in ids:
        yield QUESTIONNAIRE, "screen.doctor_checked.id", f"{screen.doctor_checked.id!r} is already the id of a " \
                                                         "question or of the screen"


# --- the questions ------------------------------------------------------------------------------------------------


def _follow_ups(content: Content) -> Problems:
    """A follow-up is asked on earlier questions' answers; a tailored answer names a condition with advice; a
    highest_program names a program."""
    questionnaire, programs = content.questionnaire, content.programs
    earlier: set[str] = set()
    conditions = {advice.answer for advice in programs.tailoring.conditions}
    for index, question in enumerate(questionnaire.questions):
        for number, clause in enumerate(question.asked_when):
            path = f"questions[{index}].asked_when[{number}]"
            if clause.subject == "score":
                yield QUESTIONNAIRE, f"{path}.score", "a follow-up is asked on earlier answers, not on a score"
                continue
            yield from rule_line_problems(QUESTIONNAIRE, path, clause, questionnaire)
            if clause.id not in earlier:
                yield QUESTIONNAIRE, f"{path}.question", f"{clause.id!r} is not asked before {question.id!r}; a " \
                                                         "follow-up can only depend on earlier questions"
        for number, option in enumerate(question.options):
            if option.tailor_as is not None:
                yield from _unknown(QUESTIONNAIRE, f"questions[{index}].options[{number}].tailor_as", option.tailor_as,
                                    conditions, "condition (programs.yaml tailoring.conditions)")
        earlier.add(question.id)
    programs_known = {program.id for program in programs.programs}
    for index, advice in enumerate(questionnaire.screen.advice):
        if advice.highest_program is not None:
            yield from _unknown(QUESTIONNAIRE, f"screen.advice[{index}].highest_program", advice.highest_program,
                                programs_known, "program")


def _answer_flags(questionnaire: Questionnaire) -> Problems:
    ids = [flag.id for flag in questionnaire.answer_flags]
    for index, flag in enumerate(questionnaire.answer_flags):
        if flag.id in ids[:index]:
            yield QUESTIONNAIRE, f"answer_flags[{index}].id", f"duplicate answer flag id {flag.id!r}"
        yield from _rule_lines(QUESTIONNAIRE, f"answer_flags[{index}]", flag, questionnaire)


# --- the support rules (programs.yaml) ----------------------------------------------------------------------------


def _support(content: Content) -> Problems:
    """The fallback quotes questions everyone is asked; the notes' rule lines hold together; every condition whose
    advice says to check with a clinician first leads to a physiotherapist or more."""
    questionnaire, programs = content.questionnaire, content.programs
    questions = {q.id: q for q in questionnaire.questions}
    for index, level in enumerate(programs.support):
        for number, question_id in enumerate(level.said):
            path = f"support[{index}].said[{number}]"
            yield from _unknown(PROGRAMS, path, question_id, questions, "question")
            if question_id in questions and (questions[question_id].kind != "choice"
                                             or questions[question_id].asked_when):
                yield PROGRAMS, path, f"{question_id!r} must be a choice question everyone is asked"
    for index, note in enumerate(programs.support_notes):
        yield from _rule_lines(PROGRAMS, f"support_notes[{index}]", note, questionnaire)
    yield from _checked_first_gets_support(content)


def _checked_first_gets_support(content: Content) -> Problems:
    tailoring, support = content.programs.tailoring, content.programs.support
    named = {value for level in support[:-1] for clause in level.clauses
             if clause.id == tailoring.conditions_question for value in clause.values}
    for index, advice in enumerate(tailoring.conditions):
        if advice.see_clinician_first and advice.answer not in named:
            yield PROGRAMS, f"tailoring.conditions.advice[{index}].see_clinician_first", \
                f"{advice.answer!r} says to check with a clinician first, but no support rule above the fallback " \
                "names it (NICE: a physiotherapist when a condition says check first)"

