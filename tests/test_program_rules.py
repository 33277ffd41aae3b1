"""The plan's rules in programs.yaml (fitting a day to the time, maintenance, the weekly review): a mistake in them
stops loading with the file, the field and the problem in plain words."""

from __future__ import annotations

import pytest

from tests.content_edits import edit_yaml, load_error

BROKEN = [
    (lambda d: d["tailoring"]["time"]["fit"][0].update(shorten="warm_up"), "tailoring.time.fit[0].shorten",
     "give exactly one of shorten, drop_exercises or drop_session in each step"),
    (lambda d: d["tailoring"]["time"]["fit"][1].pop("down_to"), "tailoring.time.fit[1].down_to",
     "is required with shorten: the fewest minutes the part may take"),
    (lambda d: d["tailoring"]["time"]["fit"][1].update(shorten="plank"), "tailoring.time.fit[1].shorten",
     "must be one of warm_up, cool_down, aerobic; found 'plank'"),
    (lambda d: d["tailoring"]["time"]["fit"][0].update(keep=0), "tailoring.time.fit[0].keep",
     "must be at least 1, found 0"),
    (lambda d: d["tailoring"]["time"]["fit"][0].update(drop_exercises="strech"), "tailoring.time.fit[0].drop_exercises",
     "names the exercise type 'strech', which does not exist"),
    (lambda d: d["tailoring"]["time"]["budgets"][0].update(minutes=3), "tailoring.time.budgets[0].minutes",
     "must be at least 5, found 3"),
    (lambda d: d["review"]["repeat"].update(done_below_percent=150), "review.repeat.done_below_percent",
     "must be at most 100, found 150"),
    (lambda d: d["review"]["step_back"].update(hurt_at_least="two"), "review.step_back.hurt_at_least",
     "expected a whole number, found the text 'two'"),
    (lambda d: d["maintenance"].update(weeks_back=5), "maintenance.weeks_back", "must be at most 3, found 5"),
    (lambda d: d.pop("review"), "review", "is required but missing"),
]


@pytest.mark.parametrize(("change", "field", "problem"), BROKEN, ids=[case[1] for case in BROKEN])
def test_a_mistake_in_the_plan_rules_is_named_in_plain_words(content_copy, change, field, problem):
    edit_yaml(content_copy, "programs", change)
    error = load_error(content_copy)
    assert (error.file, error.field) == ("programs.yaml", field)
    assert error.problem.startswith(problem)
