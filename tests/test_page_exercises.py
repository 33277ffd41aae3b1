"""The exercise library with a plan in the session: each card in the plan shows this week's dose from it beside the
library's starting dose, leaves out the options the plan does not offer and says why, and says why an exercise is not
in the plan."""

from __future__ import annotations

import datetime as dt

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.program.plan import Plan, build_plan
from spinewell.ui import state
from tests.answer_sets import MODERATE, screened
from tests.apptest import open_page, page_text

CONTENT = load()
TODAY = dt.date.today()


def _plan(start: dt.date, **answers) -> Plan:
    return build_plan(recommend(screened({**MODERATE, **answers}), CONTENT).program, start, 6)


def _library(plan: Plan | None = None) -> str:
    return page_text(open_page("pages/exercises.py", session={state.CHOSEN_PLAN: plan} if plan else None))


def test_a_card_in_the_plan_shows_this_weeks_dose_from_the_plan_beside_the_starting_dose():
    plan = _plan(TODAY - dt.timedelta(days=7))  # the plan started a week ago: this is week 2
    this_week = plan.dose_in_week("bird-dog", 2)
    assert this_week != CONTENT.exercise("bird-dog").dose.describe()  # the plan starts lower than the library
    text = _library(plan)
    assert f"**Starting dose:** {CONTENT.exercise('bird-dog').dose.describe()}" in text
    assert f"**Your dose this week (week 2 of 6):** {this_week}" in text
    expected = len(plan.exercise_ids())
    assert text.count("**Your dose this week (week 2 of 6):**") == expected  # every card in the plan, no other


def test_before_the_plan_starts_a_card_shows_the_first_weeks_dose_and_when_it_starts():
    start = TODAY + dt.timedelta(days=3)
    plan = _plan(start)
    text = _library(plan)
    assert f"**Your dose in week 1 (your plan starts {start:%A} {start.day} {start:%B}):** " \
           f"{plan.dose_in_week('walking', 1)}" in text


def test_without_a_plan_cards_show_only_the_library_dose():
    text = _library()
    assert "Your dose" not in text and "Not in your plan" not in text


def test_a_harder_option_the_plan_leaves_out_is_not_on_the_card_and_the_card_says_why():
    plan = _plan(TODAY, conditions=("pregnancy",))
    text = _library(plan)
    lying_flat = CONTENT.exercise("cool-down").harder[0].text
    towel = CONTENT.exercise("hamstring-stretch").harder[1].text
    step = CONTENT.exercise("hamstring-stretch").harder[0].text
    assert lying_flat not in text and towel not in text
    assert step in text  # the option that suits the person stays
    assert ":material/block: Harder option left out because of your pregnancy." in text
    assert ":material/block: One harder option left out because of your pregnancy." in text
    assert lying_flat in _library()  # the same card without a plan offers it


def test_a_card_not_in_the_plan_says_why():
    plan = _plan(TODAY, conditions=("osteoporosis",))
    text = _library(plan)
    assert "**Not in your plan.** Child's pose is left out because it holds your spine bent forward" in text
    assert "**Not in your plan.** Cool-down is swapped for Upright cool-down" in text
    assert "You have a plan (Foundation)" in text


def test_something_other_than_a_plan_under_the_plan_key_is_ignored():
    at = open_page("pages/exercises.py", session={state.CHOSEN_PLAN: "a plan left over from an earlier run"})
    assert "Your dose" not in page_text(at)
