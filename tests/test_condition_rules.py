"""Osteoporosis, pregnancy and sciatica plans hold no forbidden position anywhere: not in an exercise, the warm-up, the
cool-down, or any easier or harder option offered, for every program, with and without the floor, every mix of the
other conditions, every piece of kit and every time budget; and every osteoporosis plan has a back extension."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.content.safety import DIRECTIONS
from spinewell.program.fitting import fit_program
from spinewell.program.plan import Plan, build_plan
from tests.answer_sets import MODERATE, screened

CONTENT = load()
EXERCISES = {e.id: e for e in CONTENT.exercises}
TAILORING = CONTENT.programs.tailoring
CONDITIONS = {c.answer: c for c in TAILORING.conditions}
MONDAY = dt.date(2026, 3, 2)

# The clinical rules, written here from EVIDENCE.md rather than read from programs.yaml, so that a rule dropped from
# the content fails these tests.
FORBIDDEN = {
    "osteoporosis": {"sustained_flexion", "end_range_flexion"},  # Brooke-Wavell 2022: no high spinal flexion
    "pregnancy": {"lying_on_back", "outdoor_cycling"},  # NHS: not flat on the back after 16 weeks; a bike indoors
    "disc-sciatica": {"nerve_tension"},  # go easy on the straight-leg raise with a towel
}
KIT = [frozenset(), frozenset({"pool"}), frozenset({"bike"}), frozenset({"pool", "bike"})]
BUDGETS = [None, *TAILORING.budgets]


def _others(condition: str):
    rest = [c for c in TAILORING.conditions if c.answer != condition]
    for size in range(len(rest) + 1):
        yield from itertools.combinations(rest, size)


def _plan(program, floor, conditions, equipment=frozenset(), budget=None) -> Plan:
    fitted, _ = fit_program(program, EXERCISES, TAILORING, floor=floor, conditions=conditions, equipment=equipment,
                            budget=budget)
    return build_plan(fitted, MONDAY, 6)


def _offered(plan: Plan):
    """(where, what it asks) for every exercise in every session and every option the plan still offers for it."""
    for session in plan.sessions:
        for item in session.items:
            exercise = EXERCISES[item.exercise_id]
            yield f"{session.date} {exercise.id}", set(exercise.asks)
            hidden = {(e.direction, i) for e in plan.options_left_out_of(exercise.id) for i in e.indexes}
            for direction in DIRECTIONS:
                for index, option in enumerate(exercise.options(direction)):
                    if (direction, index) not in hidden:
                        yield f"{exercise.id} {direction}[{index}]", set(option.asks)


@pytest.mark.parametrize("condition", sorted(FORBIDDEN))
@pytest.mark.parametrize("floor", [True, False], ids=["floor", "no-floor"])
@pytest.mark.parametrize("program", CONTENT.programs.programs, ids=lambda p: p.id)
def test_no_plan_offers_a_forbidden_position_in_any_item_or_option(program, floor, condition):
    forbidden = FORBIDDEN[condition] | (set() if floor else {"floor"})
    checked = 0
    for others in _others(condition):
        for equipment in KIT:
            plan = _plan(program, floor, (CONDITIONS[condition], *others), equipment)
            for where, asks in _offered(plan):
                assert not asks & forbidden, f"{program.id}, {condition} with {[o.answer for o in others]}, " \
                                             f"floor={floor}, kit={sorted(equipment)}: {where} asks {asks & forbidden}"
                checked += 1
    assert checked > 1000  # the search really looked at plans full of exercises and options


@pytest.mark.parametrize("floor", [True, False], ids=["floor", "no-floor"])
@pytest.mark.parametrize("program", CONTENT.programs.programs, ids=lambda p: p.id)
def test_every_osteoporosis_plan_has_the_back_extension_in_every_core_session(program, floor):
    for others, budget in itertools.product(_others("osteoporosis"), BUDGETS):
        plan = _plan(program, floor, (CONDITIONS["osteoporosis"], *others), budget=budget)
        core = [s for s in plan.sessions if s.type_id == "core"]
        assert core and all("back-extension" in [i.exercise_id for i in s.main_items] for s in core), \
            (program.id, floor, [o.answer for o in others], budget and budget.answer)


def test_without_osteoporosis_there_is_no_back_extension_added():
    plan = _plan(CONTENT.programs.program("foundation"), True, ())
    assert "back-extension" not in plan.exercise_ids()


def test_the_osteoporosis_cool_down_stretches_upright_and_its_harder_option_adds_no_childs_pose():
    recommendation = recommend(screened({**MODERATE, "conditions": ("osteoporosis",)}), CONTENT)
    fitted = recommendation.program
    assert fitted.cool_down.exercise == "upright-cool-down"
    cool_down = EXERCISES["upright-cool-down"]
    assert not any("child" in option.text.lower() for option in (*cool_down.easier, *cool_down.harder))
    said = " ".join(change.sentence() for change in recommendation.changes)
    assert "Cool-down is swapped for Upright cool-down" in said
    assert "Child's pose is left out because it holds your spine bent forward" in said
    assert "Back extension is added to your core strengthening sessions" in said


def test_pregnancy_rides_an_exercise_bike_rather_than_outdoors():
    plan = _plan(CONTENT.programs.program("foundation"), True, (CONDITIONS["pregnancy"],), frozenset({"bike"}))
    assert "exercise-bike" in plan.exercise_ids() and "cycling" not in plan.exercise_ids()
    assert "Cycling is swapped for Exercise bike" in plan.why_not_in_plan("cycling")


def test_a_harder_option_that_breaks_a_rule_is_not_offered_and_the_plan_says_why():
    plan = _plan(CONTENT.programs.program("foundation"), True, (CONDITIONS["pregnancy"],))
    cool_down = plan.options_left_out_of("cool-down")
    assert [(e.direction, e.indexes) for e in cool_down] == [("harder", (0,))]  # its only harder option lies flat
    assert cool_down[0].sentence == "Harder option left out because of your pregnancy."
    hamstring = plan.options_left_out_of("hamstring-stretch")
    assert [(e.direction, e.indexes, e.sentence) for e in hamstring] == [
        ("harder", (1,), "One harder option left out because of your pregnancy.")]  # the step version stays
    assert ("Cool-down", cool_down[0].sentence) in plan.notes  # the plan page and the printable plan say it too


def test_an_option_is_left_out_for_each_reason_that_applies():
    plan = _plan(CONTENT.programs.program("foundation"), False, (CONDITIONS["pregnancy"],))
    assert plan.options_left_out_of("cool-down")[0].sentence == \
        "Harder option left out because of your pregnancy, and because it needs the floor."


def test_without_a_condition_every_option_is_offered():
    plan = _plan(CONTENT.programs.program("foundation"), True, ())
    assert plan.options_left_out == () and plan.not_in_plan == ()


def test_a_stand_in_that_is_left_out_again_is_explained_and_the_original_is_not_in_the_plan():
    plan = _plan(CONTENT.programs.program("foundation"), False, (CONDITIONS["osteoporosis"],))
    assert plan.why_not_in_plan("cat-cow") == "Cat-cow is swapped for Seated cat-cow, which needs no floor."
    assert plan.why_not_in_plan("seated-cat-cow").startswith("Seated cat-cow is left out because it rounds your spine")
    assert plan.why_not_in_plan("hamstring-stretch") is None  # it is in the plan


# --- the positions each exercise declares match what its words ask -------------------------------------------------

WORDS_THAT_ASK = {  # a phrase in a step or an option, and the position it shows the text asks for
    "lie on your back": "lying_on_back",
    "lie on your front": "lying_on_front",
    "child's pose": "sustained_flexion",
    "towards your chest": "end_range_flexion",
    "forward lean": "sustained_flexion",
    "round your back": "end_range_flexion",
    "ride a": "outdoor_cycling",
    "outdoors": "outdoor_cycling",
    "on a mat": "floor",
    "on all fours": "floor",
    "kneel": "floor",
}


@pytest.mark.parametrize("exercise", CONTENT.exercises, ids=lambda e: e.id)
def test_an_exercise_and_its_options_ask_what_their_words_describe(exercise):
    texts = [(" ".join((exercise.summary, *exercise.steps)), exercise.asks, "the exercise")]
    texts += [(o.text, o.asks, f"{d}[{i}]") for d in DIRECTIONS for i, o in enumerate(exercise.options(d))]
    for text, asks, where in texts:
        for phrase, position in WORDS_THAT_ASK.items():
            if phrase in text.lower().replace("’", "'"):
                assert position in asks, f"{exercise.id} {where} says {phrase!r} but does not ask {position}"


def test_the_exercises_the_issue_named_ask_what_the_rules_avoid():
    assert {"sustained_flexion", "end_range_flexion"} <= set(EXERCISES["cool-down"].asks)
    assert {"sustained_flexion", "end_range_flexion"} <= set(EXERCISES["cool-down"].harder[0].asks)
    assert "sustained_flexion" in EXERCISES["childs-pose"].asks
    assert "lying_on_back" in EXERCISES["bridge"].asks
    assert "outdoor_cycling" in EXERCISES["cycling"].asks and "outdoor_cycling" not in EXERCISES["exercise-bike"].asks
    assert not set(EXERCISES["back-extension"].asks) & (FORBIDDEN["osteoporosis"] | FORBIDDEN["pregnancy"])


@pytest.mark.parametrize("program", ["gentle-start", "foundation"])
def test_the_pregnancy_exercise_bike_keeps_the_minutes_cycling_has_in_each_program(program):
    starter = CONTENT.programs.program(program)
    cycling = next(i for b in starter.blocks for i in b.items if i.exercise == "cycling")
    fitted, _ = fit_program(starter, EXERCISES, TAILORING, conditions=(CONDITIONS["pregnancy"],),
                            equipment=frozenset({"bike"}))
    bike = next(i for b in fitted.blocks for i in b.items if i.exercise == "exercise-bike")
    assert (bike.name, bike.start, bike.step, bike.up_to) == ("Exercise bike", cycling.start, cycling.step,
                                                              cycling.up_to)
