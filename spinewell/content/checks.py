"""The rules no single model can check: references across files, unique ids, and what the programs must add up to."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from spinewell.content import assessment_checks, fitted_checks
from spinewell.content.models import Content, Exercise
from spinewell.content.programs import PLAN_WEEKS, ProgramBlock, ProgramItem, Progression, StarterProgram, Swap
from spinewell.content.questionnaire import Question, Questionnaire
from spinewell.content.rules import Clause, Rule
from spinewell.program.fitting import fit_program

Problem = tuple[str, str, str]  # (file, field path, what is wrong)
Problems = Iterator[Problem]
EXERCISES, LEARN, QUESTIONNAIRE, PROGRAMS = "exercises.yaml", "learn.yaml", "questionnaire.yaml", "programs.yaml"


def first_problem(content: Content) -> Problem | None:
    """The first problem, in file order, or None. Checks run in order and each may assume the earlier ones passed,
    so only the first problem is reported."""
    return next(_problems(content), None)


def _problems(content: Content) -> Problems:
    yield from _library(content)
    yield from _learn(content)
    yield from _questionnaire(content.questionnaire)
    yield from assessment_checks.problems(content)
    yield from _programs(content)
    yield from fitted_checks.additions(content)  # before any fitting: an unknown addition would stop it
    yield from fitted_checks.stand_ins_suit_their_condition(content)
    yield from _no_block_left_empty(content)
    yield from fitted_checks.fitted_plans(content)


def _unknown(file: str, path: str, value: str, known: Mapping | set, what: str) -> Problems:
    if value not in known:
        yield file, path, f"names the {what} {value!r}, which does not exist (known: {', '.join(sorted(known))})"


def _each_known(file: str, path: str, values: Sequence[str], known: Mapping | set, what: str) -> Problems:
    for index, value in enumerate(values):
        yield from _unknown(file, f"{path}[{index}]", value, known, what)


def _unique(file: str, path: str, items: Sequence, what: str) -> Problems:
    ids = [item.id for item in items]
    for index, item_id in enumerate(ids):
        if item_id in ids[:index]:
            yield file, f"{path}[{index}].id", f"duplicate {what} id {item_id!r}"


# --- sources, exercises, lessons ----------------------------------------------------------------------------------


def _library(content: Content) -> Problems:
    yield from _unique("sources.yaml", "sources", content.sources, "source")
    yield from _unique(EXERCISES, "types", content.exercise_types, "exercise type")
    series = [(f"types[{i}].colour", t.colour, t.id) for i, t in enumerate(content.exercise_types)]
    series.append(("other_activity.colour", content.other_activity.colour, "other_activity"))
    for index, (path, colour, _) in enumerate(series):
        earlier = next((owner for _, used, owner in series[:index] if used == colour), None)
        if earlier:
            yield EXERCISES, path, f"{colour} is already the colour of {earlier}; each series in a chart needs its own"
    yield from _unique(EXERCISES, "exercises", content.exercises, "exercise")
    types, sources = {t.id for t in content.exercise_types}, {s.id for s in content.sources}
    for index, exercise in enumerate(content.exercises):
        path = f"exercises[{index}]"
        if exercise.type not in types:
            yield EXERCISES, f"{path}.type", f"names the type {exercise.type!r}, which is not in types " \
                                             f"({', '.join(sorted(types))})"
        if exercise.illustration is not None and not exercise.illustration.is_file():
            name = exercise.illustration.name
            yield EXERCISES, f"{path}.illustration", f"the file illustrations/{name} does not exist"
        if exercise.evidence is not None:
            yield from _each_known(EXERCISES, f"{path}.evidence.sources", exercise.evidence.sources, sources, "source")


def _learn(content: Content) -> Problems:
    yield from _unique(LEARN, "sections", content.learn, "section")
    exercises, sources = {e.id for e in content.exercises}, {s.id for s in content.sources}
    for index, section in enumerate(content.learn):
        path = f"sections[{index}]"
        yield from _each_known(LEARN, f"{path}.exercises", section.exercises, exercises, "exercise")
        for number, step in enumerate(section.routine):
            yield from _each_known(LEARN, f"{path}.routine[{number}].exercises", step.exercises, exercises, "exercise")
        for number, note in enumerate(section.evidence_notes):
            yield from _each_known(LEARN, f"{path}.evidence_notes[{number}].sources", note.sources, sources, "source")


# --- questionnaire ------------------------------------------------------------------------------------------------


def _questionnaire(questionnaire: Questionnaire) -> Problems:
    yield from _unique(QUESTIONNAIRE, "questions", questionnaire.questions, "question")
    for index, question in enumerate(questionnaire.questions):
        yield from _unique(QUESTIONNAIRE, f"questions[{index}].options", question.options, "option")
        if question.id == questionnaire.screen.id:
            yield QUESTIONNAIRE, f"questions[{index}].id", f"{question.id!r} is already the safety screen's id"
    yield from _unique(QUESTIONNAIRE, "scores", questionnaire.scores, "score")
    questions = {q.id: q for q in questionnaire.questions}
    for index, score in enumerate(questionnaire.scores):
        path = f"scores[{index}].questions"
        yield from _each_known(QUESTIONNAIRE, path, score.questions, questions, "question")
        for number, question_id in enumerate(score.questions):
            if questions[question_id].kind == "scale":
                yield QUESTIONNAIRE, f"{path}[{number}]", f"the question {question_id!r} is a scale question; a " \
                    "score adds up the option points of choice and multi questions only"


# --- the rules of programs.yaml -----------------------------------------------------------------------------------


def _rules(path: str, entries: Sequence[Rule], questionnaire: Questionnaire) -> Problems:
    """Each rule's lines, the fallback ('otherwise') last and nowhere else."""
    for index, entry in enumerate(entries):
        yield from _lines(f"{path}[{index}]", entry, questionnaire)
        if entry.match == "otherwise" and index != len(entries) - 1:
            yield PROGRAMS, f"{path}[{index}]", \
                "an 'otherwise' rule must come last; the rules after it would never be used"
    if entries[-1].match != "otherwise":
        yield PROGRAMS, f"{path}[{len(entries) - 1}]", \
            "the last rule must be 'otherwise: true', so every set of answers gets a result"


def _lines(path: str, rule: Rule, questionnaire: Questionnaire) -> Problems:
    key = "when_any" if rule.match == "any" else "when_all"
    for index, clause in enumerate(rule.clauses):
        yield from _clause(f"{path}.{key}[{index}]", clause, questionnaire)


def _clause(path: str, clause: Clause, questionnaire: Questionnaire) -> Problems:
    yield from assessment_checks.rule_line_problems(PROGRAMS, path, clause, questionnaire)


# --- programs -----------------------------------------------------------------------------------------------------


def _programs(content: Content) -> Problems:
    rules, questionnaire = content.programs, content.questionnaire
    yield from _unique(PROGRAMS, "programs", rules.programs, "program")
    levels = [program.level for program in rules.programs]
    for index, program in enumerate(rules.programs):
        yield from _program(f"programs[{index}]", program, content)
        if program.level in levels[:index]:
            yield PROGRAMS, f"programs[{index}].level", \
                f"another program has level {program.level}; each level names one program"
    yield from _rules("selection", rules.selection, questionnaire)
    ids = {program.id for program in rules.programs}
    for index, choice in enumerate(rules.selection):
        yield from _unknown(PROGRAMS, f"selection[{index}].program", choice.program, ids, "program")
    for index, program in enumerate(rules.programs):
        if not any(choice.program == program.id for choice in rules.selection):
            yield PROGRAMS, f"programs[{index}].id", \
                f"no selection rule chooses the program {program.id!r}, so no one can reach it"
    yield from _unique(PROGRAMS, "support", rules.support, "support level")
    yield from _rules("support", rules.support, questionnaire)
    yield from _tailoring(content)


def _program(path: str, program: StarterProgram, content: Content) -> Problems:
    exercises, progression = {e.id: e for e in content.exercises}, content.programs.progression
    for name in ("warm_up", "cool_down"):
        if getattr(program, name) is not None:
            yield from _item(f"{path}.{name}", getattr(program, name), exercises, progression)
    for index, block in enumerate(program.blocks):
        yield from _block(f"{path}.blocks[{index}]", block, content)
    present = {block.type for block in program.blocks}
    for exercise_type in content.exercise_types:
        if exercise_type.sessions_per_week and exercise_type.id not in present:
            yield PROGRAMS, f"{path}.blocks", f"has no {exercise_type.id} block, so the week would miss the " \
                                              f"{exercise_type.name} target ({exercise_type.frequency})"


def _block(path: str, block: ProgramBlock, content: Content) -> Problems:
    types, exercises = {t.id: t for t in content.exercise_types}, {e.id: e for e in content.exercises}
    yield from _unknown(PROGRAMS, f"{path}.type", block.type, types, "exercise type")
    target = types[block.type]
    if target.sessions_per_week and block.sessions_per_week < target.sessions_per_week:
        yield PROGRAMS, f"{path}.sessions_per_week", f"must be at least {target.sessions_per_week} to meet the " \
            f"{target.name} target ({target.frequency}); found {block.sessions_per_week}"
    weeks = max(PLAN_WEEKS)  # a shorter plan may stop short of the target; the longest must reach it
    for index, item in enumerate(block.items):
        yield from _item(f"{path}.exercises[{index}]", item, exercises, content.programs.progression, block.type)
        reached = item.amount_in_week(weeks)
        if target.minutes_per_session and item.unit == "minutes" and reached < target.minutes_per_session:
            yield PROGRAMS, f"{path}.exercises[{index}].step", f"reaches only {reached:g} minutes in {weeks} weeks; " \
                f"the {target.name} target is {target.minutes_per_session} minutes a session"


def _item(path: str, item: ProgramItem, exercises: Mapping[str, Exercise], progression: Progression,
          type_id: str | None = None) -> Problems:
    """The exercise exists (of the block's type) and no weekly step is bigger than the progression rule allows."""
    yield from _unknown(PROGRAMS, f"{path}.exercise", item.exercise, exercises, "exercise")
    if type_id is not None and item.type != type_id:
        article = "an" if item.type[:1] in ("a", "e", "i", "o", "u") else "a"
        yield PROGRAMS, f"{path}.exercise", f"{item.exercise!r} is {article} {item.type} exercise, not {type_id}"
    largest = progression.largest_step(item.unit, item.start)
    if item.step > largest:
        yield PROGRAMS, f"{path}.step", f"a weekly step of {item.step:g} {item.unit} from {item.start:g} is a jump; " \
            f"the progression rule allows at most {largest:g} (progression.max_weekly_increase_percent or " \
            "progression.small_step)"


def _swaps(path: str, swaps: Sequence[Swap], content: Content, floor_free: bool) -> Problems:
    exercises = {e.id: e for e in content.exercises}
    for index, swap in enumerate(swaps):
        yield from _unknown(PROGRAMS, f"{path}[{index}].instead_of", swap.instead_of, exercises, "exercise")
        if swap.start is None:  # it keeps the dose of the exercise it replaces, so it must count the same way
            yield from fitted_checks.same_dose_stand_in(f"{path}[{index}]", swap, exercises)
        else:
            yield from _item(f"{path}[{index}]", swap, exercises, content.programs.progression,
                             exercises[swap.instead_of].type)
        if floor_free and exercises[swap.exercise].needs_floor:
            yield PROGRAMS, f"{path}[{index}].exercise", \
                f"{swap.exercise!r} needs the floor too, so it cannot stand in here"
        if any(earlier.instead_of == swap.instead_of for earlier in swaps[:index]):
            yield PROGRAMS, f"{path}[{index}].instead_of", f"{swap.instead_of!r} already has a stand-in"


# --- tailoring ----------------------------------------------------------------------------------------------------


def _tailoring(content: Content) -> Problems:
    tailoring, questionnaire = content.programs.tailoring, content.questionnaire
    exercises, programs = {e.id for e in content.exercises}, {p.id for p in content.programs.programs}
    yield from _lines("tailoring.no_floor", tailoring.no_floor, questionnaire)
    yield from _swaps("tailoring.no_floor.swaps", tailoring.no_floor_swaps, content, floor_free=True)

    question = yield from _asked("tailoring.equipment", tailoring.equipment_question, "multi", questionnaire)
    answers = {option.id for option in question.options}
    for key in tailoring.equipment_access.options:
        yield from _unknown(PROGRAMS, f"tailoring.equipment.options.{key}", key, answers, "equipment answer")
    for option in question.options:
        if option.id not in tailoring.equipment_access.options:
            yield PROGRAMS, f"tailoring.equipment.options.{option.id}", \
                "is an answer to the equipment question but names no equipment"

    question = yield from _asked("tailoring.time", tailoring.time_question, "choice", questionnaire)
    yield from _every_answer_once("tailoring.time.budgets", [b.answer for b in tailoring.budgets], question,
                                  "a time budget")
    types = {t.id for t in content.exercise_types}
    for index, budget in enumerate(tailoring.budgets):
        for type_id in budget.most_per_session:
            yield from _unknown(PROGRAMS, f"tailoring.time.budgets[{index}].most_per_session.{type_id}", type_id,
                                types, "exercise type")
    for index, step in enumerate(tailoring.fit_steps):
        for key in ("drop_exercises", "drop_session"):
            if getattr(step, key) is not None:
                yield from _unknown(PROGRAMS, f"tailoring.time.fit[{index}].{key}", getattr(step, key), types,
                                    "exercise type")

    question = yield from _asked("tailoring.conditions", tailoring.conditions_question, "multi", questionnaire)
    yield from _every_answer_once("tailoring.conditions.advice", [a.answer for a in tailoring.conditions], question,
                                  "advice")
    for index, advice in enumerate(tailoring.conditions):
        path = f"tailoring.conditions.advice[{index}]"
        for number, removal in enumerate(advice.remove):
            yield from _unknown(PROGRAMS, f"{path}.remove[{number}].exercise", removal.exercise, exercises, "exercise")
        for number, note in enumerate(advice.notes):
            yield from _unknown(PROGRAMS, f"{path}.notes[{number}].exercise", note.exercise, exercises, "exercise")
        if advice.highest_program is not None:
            yield from _unknown(PROGRAMS, f"{path}.highest_program", advice.highest_program, programs, "program")
        yield from _swaps(f"{path}.swaps", advice.swaps, content, floor_free=False)


def _asked(path: str, question_id: str, kind: str, questionnaire: Questionnaire):
    """Problems with the question a tailoring rule reads (it exists and is of `kind`); returns the question."""
    yield from _unknown(PROGRAMS, f"{path}.question", question_id, {q.id for q in questionnaire.questions}, "question")
    question = questionnaire.question(question_id)
    if question.kind != kind:
        yield PROGRAMS, f"{path}.question", f"{question_id!r} is a {question.kind} question; expected {kind}"
    return question


def _every_answer_once(path: str, answers: list[str], question: Question, what: str) -> Problems:
    """Each answer of `question` is named by exactly one entry of the list at `path`, so no answer is forgotten."""
    known = {option.id for option in question.options}
    for index, answer in enumerate(answers):
        yield from _unknown(PROGRAMS, f"{path}[{index}].answer", answer, known, f"{question.id} answer")
        if answer in answers[:index]:
            yield PROGRAMS, f"{path}[{index}].answer", f"the answer {answer!r} already has {what}"
    for option in question.options:
        if option.id not in answers:
            yield PROGRAMS, path, f"the answer {option.id!r} of {question.id!r} has no {what}"


def _no_block_left_empty(content: Content) -> Problems:
    """Every mix of floor and conditions still leaves each block at least one exercise (without pool or bike)."""
    exercises, tailoring = {e.id: e for e in content.exercises}, content.programs.tailoring
    conditions = tailoring.conditions
    for index, program in enumerate(content.programs.programs):
        for floor in (True, False):
            for mask in range(2 ** len(conditions)):
                chosen = tuple(c for bit, c in enumerate(conditions) if mask >> bit & 1)
                fitted, _ = fit_program(program, exercises, tailoring, floor=floor, conditions=chosen)
                for block in fitted.blocks:
                    if not block.items:
                        who = ", ".join(c.name for c in chosen) or "no condition"
                        floor_text = "" if floor else "cannot get down to the floor and "
                        yield PROGRAMS, f"programs[{index}].blocks", \
                            f"the {block.type} block is left empty for someone who {floor_text}has {who}, with no " \
                            "pool or bike; add a stand-in (no_floor.swaps or conditions.advice[].swaps) or another " \
                            "exercise"
