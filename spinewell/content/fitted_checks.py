"""The condition rules proved at start-up: every program fitted to every mix of conditions, with and without the
floor, offers no avoided position in any exercise or option, and keeps every exercise a condition adds."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from spinewell.content.models import Content, Exercise
from spinewell.content.programs import ConditionAdvice, ProgramItem, StarterProgram, Swap
from spinewell.content.safety import DIRECTIONS
from spinewell.program.fitting import fit_program

Problems = Iterator[tuple[str, str, str]]
Fit = Callable[..., tuple[StarterProgram, tuple]]
PROGRAMS = "programs.yaml"


def additions(content: Content) -> Problems:
    """Each exercise a condition adds exists, has a block of its type in every program, and grows gently."""
    exercises = {e.id: e for e in content.exercises}
    progression = content.programs.progression
    for index, advice in enumerate(content.programs.tailoring.conditions):
        for number, addition in enumerate(advice.adds):
            path = f"tailoring.conditions.advice[{index}].adds[{number}]"
            if addition.exercise not in exercises:
                yield PROGRAMS, f"{path}.exercise", f"names the exercise {addition.exercise!r}, which does not exist " \
                                                    f"(known: {', '.join(sorted(exercises))})"
                continue
            for program in content.programs.programs:
                if addition.type not in {block.type for block in program.blocks}:
                    yield PROGRAMS, f"{path}.exercise", f"{addition.name} is a {addition.type} exercise, but " \
                                                        f"{program.name} has no {addition.type} block to add it to"
            largest = progression.largest_step(addition.unit, addition.start)
            if addition.step > largest:
                yield PROGRAMS, f"{path}.step", f"a weekly step of {addition.step:g} {addition.unit} from " \
                    f"{addition.start:g} is a jump; the progression rule allows at most {largest:g}"


def same_dose_stand_in(path: str, swap: Swap, exercises: Mapping[str, Exercise]) -> Problems:
    """A stand-in without its own dose takes the dose of the exercise it replaces: same type, same unit."""
    if swap.exercise not in exercises:
        yield PROGRAMS, f"{path}.exercise", f"names the exercise {swap.exercise!r}, which does not exist"
        return
    replaced, stand_in = exercises[swap.instead_of], exercises[swap.exercise]
    if (stand_in.type, stand_in.dose.unit) != (replaced.type, replaced.dose.unit):
        yield PROGRAMS, f"{path}.start", f"{stand_in.name} ({stand_in.type}, in {stand_in.dose.unit}) cannot keep " \
            f"the dose of {replaced.name} ({replaced.type}, in {replaced.dose.unit}); give it its own start"


def stand_ins_suit_their_condition(content: Content) -> Problems:
    """A condition's stand-ins and additions must not ask a position that the same condition avoids: the fitter would
    leave them out again, so the swap or addition would silently do nothing."""
    exercises = {e.id: e for e in content.exercises}
    for index, advice in enumerate(content.programs.tailoring.conditions):
        avoided = {avoidance.position for avoidance in advice.avoid}
        for key, items in (("swaps", advice.swaps), ("adds", advice.adds)):
            for number, item in enumerate(items):
                clash = next((p for p in exercises[item.exercise].asks if p in avoided), None)
                if clash is not None:
                    yield PROGRAMS, f"tailoring.conditions.advice[{index}].{key}[{number}].exercise", \
                        f"{item.name} asks {clash}, which {advice.name} avoids; choose an exercise that suits it"


def fitted_plans(content: Content, fit: Fit | None = None) -> Problems:
    """Every program x every mix of conditions x floor or not, with every piece of kit (so every activity is seen):
    no exercise asks, and no option offered asks, a position the person avoids; every addition is there, whatever
    time the person has."""
    fit = fit or fit_program  # looked up at call time, so a test can put a broken fitter in its place
    exercises, tailoring = {e.id: e for e in content.exercises}, content.programs.tailoring
    kit = frozenset(equipment for _, equipment in tailoring.equipment)
    budgets = (None, *tailoring.budgets)
    for index, program in enumerate(content.programs.programs):
        for floor in (True, False):
            for chosen in _mixes(tailoring.conditions):
                who = _who(chosen, floor)
                fitted, _ = fit(program, exercises, tailoring, floor=floor, conditions=chosen, equipment=kit)
                for problem in _avoided_positions(fitted, exercises, chosen, floor):
                    yield PROGRAMS, f"programs[{index}]", f"{program.name}, for someone who {who}: {problem}"
                if not any(condition.adds for condition in chosen):
                    continue
                for budget in budgets:
                    fitted, _ = fit(program, exercises, tailoring, floor=floor, conditions=chosen, budget=budget)
                    time = f" and has {budget.answer.replace('-', ' ')} minutes" if budget else ""
                    why = "the time budget cuts it" if budget else "it asks a position another answer rules out"
                    for problem in _missing_additions(fitted, chosen):
                        yield PROGRAMS, f"programs[{index}]", \
                            f"{program.name}, for someone who {who}{time}: {problem} ({why})"


def _mixes(conditions: tuple[ConditionAdvice, ...]) -> Iterator[tuple[ConditionAdvice, ...]]:
    for mask in range(2 ** len(conditions)):
        yield tuple(condition for bit, condition in enumerate(conditions) if mask >> bit & 1)


def _who(chosen: tuple[ConditionAdvice, ...], floor: bool) -> str:
    has = f"has {', '.join(c.name for c in chosen)}" if chosen else "has none of the conditions"
    return has if floor else f"cannot get down to the floor and {has}"


def _avoided_positions(fitted: StarterProgram, exercises: Mapping[str, Exercise],
                       chosen: tuple[ConditionAdvice, ...], floor: bool) -> Iterator[str]:
    """What in the fitted program asks an avoided position, each in words naming the exercise and the condition."""
    avoided = {avoidance.position: condition.name for condition in chosen for avoidance in condition.avoid}
    if not floor:
        avoided.setdefault("floor", "having no floor")
    for where, item in _items(fitted):
        exercise = exercises[item.exercise]
        clash = next((position for position in exercise.asks if position in avoided), None)
        if clash is not None:
            yield f"{where} {exercise.name} asks {clash}, which {avoided[clash]} rules out"
            continue
        left_out = {(entry.direction, i) for entry in fitted.options_left_out if entry.exercise == exercise.id
                    for i in entry.indexes}
        for direction in DIRECTIONS:
            for number, option in enumerate(exercise.options(direction)):
                clash = next((position for position in option.asks if position in avoided), None)
                if clash is not None and (direction, number) not in left_out:
                    yield f"{where} {exercise.name} still offers its {direction} option {number + 1} " \
                          f"({option.text[:40]}...), which asks {clash}, which {avoided[clash]} rules out"


def _missing_additions(fitted: StarterProgram, chosen: tuple[ConditionAdvice, ...]) -> Iterator[str]:
    present = {item.exercise for block in fitted.blocks for item in block.items}
    for condition in chosen:
        for addition in condition.adds:
            if addition.exercise not in present:
                yield f"{addition.name}, which {condition.name} adds to every plan, is missing"


def _items(fitted: StarterProgram) -> Iterator[tuple[str, ProgramItem]]:
    """Every exercise of a fitted program with where it sits ('the warm-up', 'the core block:')."""
    for name, item in (("the warm-up", fitted.warm_up), ("the cool-down", fitted.cool_down)):
        if item is not None:
            yield f"{name},", item
    for block in fitted.blocks:
        for item in block.items:
            yield f"the {block.type} block,", item
