"""A content edit that would let a fitted plan break a condition rule stops loading, with a message naming the program,
the condition and the exercise; and the positions themselves are checked like any other field."""

from __future__ import annotations

import pytest

from spinewell.content import fitted_checks
from spinewell.content.load import load
from spinewell.program.fitting import fit_program
from tests.content_edits import edit_yaml, load_error


def _advice(data: dict, answer: str) -> dict:
    return next(a for a in data["tailoring"]["conditions"]["advice"] if a["answer"] == answer)


def _exercise(data: dict, exercise_id: str) -> dict:
    return next(e for e in data["exercises"] if e["id"] == exercise_id)


def test_the_real_content_passes_every_condition_check():
    content = load()
    assert list(fitted_checks.fitted_plans(content)) == []
    assert list(fitted_checks.stand_ins_suit_their_condition(content)) == []


def test_an_addition_that_another_condition_rules_out_fails_loading_naming_program_condition_and_exercise(
        content_copy):
    def lie_on_the_front(data):  # the back extension becomes the prone version, which pregnancy avoids
        _exercise(data, "back-extension").update(asks=["floor", "lying_on_front"], needs_floor=True)

    edit_yaml(content_copy, "exercises", lie_on_the_front)
    error = load_error(content_copy)
    assert (error.file, error.field) == ("programs.yaml", "programs[0]")
    assert error.problem.startswith("Gentle start, for someone who has ")
    assert "Back extension, which Osteoporosis adds to every plan, is missing" in error.problem
    assert error.problem.endswith("(it asks a position another answer rules out)")


def test_a_stand_in_that_asks_what_its_own_condition_avoids_fails_loading(content_copy):
    edit_yaml(content_copy, "exercises", lambda d: _exercise(d, "exercise-bike").update(asks=["outdoor_cycling"]))
    error = load_error(content_copy)
    advice = [a.answer for a in load().programs.tailoring.conditions].index("pregnancy")
    swap = [s.exercise for s in load().programs.tailoring.conditions[advice].swaps].index("exercise-bike")
    assert error.field == f"tailoring.conditions.advice[{advice}].swaps[{swap}].exercise"
    assert error.problem == \
        "Exercise bike asks outdoor_cycling, which Pregnancy avoids; choose an exercise that suits it"


def test_adding_a_forbidden_exercise_for_the_condition_itself_fails_loading(content_copy):
    edit_yaml(content_copy, "programs", lambda d: _advice(d, "osteoporosis")["adds"].append(
        {"exercise": "childs-pose", "start": 30, "because": "test"}))
    error = load_error(content_copy)
    assert error.field.endswith(".adds[1].exercise")
    assert error.problem.startswith("Child's pose asks sustained_flexion, which Osteoporosis avoids")


def test_additions_a_short_session_cannot_keep_fail_loading(content_copy):
    edit_yaml(content_copy, "programs", lambda d: _advice(d, "osteoporosis")["adds"].extend([
        {"exercise": "wall-plank", "start": 20, "because": "test"},
        {"exercise": "sit-to-stand", "start": 5, "because": "test"}]))
    error = load_error(content_copy)
    assert error.problem == "Gentle start, for someone who has Osteoporosis and has about 10 minutes: Sit-to-stand, " \
                            "which Osteoporosis adds to every plan, is missing (the time budget cuts it)"


@pytest.mark.parametrize(("addition", "field", "problem"), [
    ({"exercise": "back-extensions", "start": 5, "because": "x"}, "adds[0].exercise",
     "names the exercise 'back-extensions', which does not exist"),
    ({"exercise": "warm-up", "start": 5, "because": "x"}, "adds[0].exercise",
     "Warm-up is a warmup exercise, but Gentle start has no warmup block to add it to"),
    ({"exercise": "back-extension", "start": 5, "step": 5, "because": "x"}, "adds[0].step",
     "a weekly step of 5 reps from 5 is a jump"),
])
def test_a_broken_addition_names_its_field(content_copy, addition, field, problem):
    edit_yaml(content_copy, "programs", lambda d: _advice(d, "osteoporosis").update(adds=[addition]))
    error = load_error(content_copy)
    assert error.field.endswith(field) and error.problem.startswith(problem)


def _careless(program, exercises, tailoring, *, conditions=(), **kwargs):
    """A fitter that forgot the positions each condition avoids."""
    forgetful = tuple(condition.model_copy(update={"avoid": ()}) for condition in conditions)
    return fit_program(program, exercises, tailoring, conditions=forgetful, **kwargs)


def test_a_fitter_that_ignored_the_rules_would_stop_loading(content_copy, monkeypatch):
    """The start-up proof looks at what the fitter returns, not at how it works."""
    monkeypatch.setattr(fitted_checks, "fit_program", _careless)
    error = load_error(content_copy)
    assert error.field == "programs[0]" and error.problem.startswith("Gentle start, for someone who has ")
    assert "rules out" in error.problem


def test_the_proof_names_the_program_the_condition_and_the_exercise_or_option():
    problems = [problem for _, _, problem in fitted_checks.fitted_plans(load(), _careless)]
    assert "Foundation, for someone who has Osteoporosis: the stretching block, Child's pose asks " \
           "sustained_flexion, which Osteoporosis rules out" in problems
    assert any(p.startswith("Foundation, for someone who has Pregnancy: the cool-down, Cool-down still offers its "
                            "harder option 1 (") and p.endswith("which asks lying_on_back, which Pregnancy rules out")
               for p in problems)


# --- the positions as fields --------------------------------------------------------------------------------------


def test_a_position_that_is_not_in_the_vocabulary_is_refused_with_the_choices(content_copy):
    edit_yaml(content_copy, "exercises", lambda d: d["exercises"][1]["harder"][0].update(asks=["lying_on_the_back"]))
    error = load_error(content_copy)
    assert error.field == "exercises[1].harder[0].asks[0]"
    assert error.problem.startswith("must be one of floor, lying_on_back, lying_on_front, sustained_flexion")


def test_an_option_must_say_what_it_asks_even_when_it_asks_nothing(content_copy):
    edit_yaml(content_copy, "exercises", lambda d: d["exercises"][3]["easier"][0].pop("asks"))
    error = load_error(content_copy)
    assert (error.field, error.problem) == ("exercises[3].easier[0].asks", "is required but missing")


@pytest.mark.parametrize(("change", "problem"), [
    (lambda e: e.update(asks=["lying_on_back"]), "needs_floor is true, so asks must include floor"),
    (lambda e: e.update(needs_floor=False), "needs_floor is false, so asks must not include floor"),
])
def test_needs_floor_and_asks_must_agree(content_copy, change, problem):
    edit_yaml(content_copy, "exercises", lambda d: change(_exercise(d, "bridge")))
    error = load_error(content_copy)
    assert error.field.endswith(".asks") and error.problem == problem


def test_an_unknown_position_to_avoid_is_refused(content_copy):
    edit_yaml(content_copy, "programs", lambda d: _advice(d, "pregnancy")["avoid"][0].update(position="supine"))
    error = load_error(content_copy)
    assert error.field.endswith(".avoid[0].position") and "lying_on_back" in error.problem


@pytest.mark.parametrize(("swap", "field", "problem"), [
    ({"instead_of": "cycling", "exercise": "exercise-bike", "step": 2}, "start",
     "is required with step, up_to or sets; leave all four out to keep the dose of the exercise it replaces"),
    ({"instead_of": "plank", "exercise": "sit-to-stand"}, "start",
     "Sit-to-stand (core, in reps) cannot keep the dose of Plank (core, in seconds); give it its own start"),
])
def test_a_stand_in_that_keeps_the_dose_must_count_the_same_way(content_copy, swap, field, problem):
    edit_yaml(content_copy, "programs", lambda d: _advice(d, "pregnancy").update(swaps=[swap]))
    error = load_error(content_copy)
    assert error.field.endswith(f"swaps[0].{field}") and error.problem == problem
