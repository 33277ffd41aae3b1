"""The self-assessment's safety results under AppTest: call links, adults only, a doctor's check, "by mistake"."""

from __future__ import annotations

from spinewell.ui import state
from tests.answer_sets import MODERATE
from tests.apptest import click, open_page, page_text, switch
from tests.assessment_pages import QUESTIONNAIRE, answer, open_assessment, screen, step, walk

SCREEN = QUESTIONNAIRE.screen
ADULTS = QUESTIONNAIRE.safety.adults_only


def _buttons(at) -> list[str]:
    return [button.label for button in at.button]


def test_the_emergency_result_has_a_call_link_to_999_and_the_other_countries_numbers():
    at = screen(open_assessment(), "cannot-feel-full")
    box = at.error[0].value
    assert "[Call 999 now](tel:999)" in box and "(tel:112)" in box and "(tel:911)" in box
    assert SCREEN.doctor_checked.label not in _buttons(at)


def test_the_same_day_result_has_nhs_111_beside_it_and_the_emergency_department_if_very_unwell():
    at = screen(open_assessment(), "burning-pee")
    box = at.warning[0].value
    assert box.startswith("## Get medical help today") and "[Call NHS 111](tel:111)" in box
    assert "very unwell, confused or faint" in box
    assert SCREEN.doctor_checked.label not in _buttons(at)


def test_a_combination_adds_its_own_advice_to_the_result():
    at = screen(open_assessment(), "cancer-history", "getting-worse")
    assert "cancer team" in at.warning[0].value
    assert "Because you said you have had cancer and the pain keeps getting worse." in page_text(at)


def test_adults_only_on_home_and_at_the_start_of_the_assessment():
    assert ADULTS in page_text(open_page("pages/home.py"))
    at = open_assessment()
    assert ADULTS in [box.value for box in at.info]
    assert "18 and over" in ADULTS and "GP or a physiotherapist" in ADULTS


def test_the_screen_shows_its_three_headings():
    text = page_text(open_assessment())
    for group in SCREEN.groups:
        assert f"### {group.title}" in text


def test_ticked_by_mistake_on_an_emergency_asks_once_more_before_the_screen():
    at = screen(open_assessment(), "walking")
    click(at, SCREEN.ticked_by_mistake.button)
    assert step(at) == "confirm-mistake"
    assert SCREEN.ticked_by_mistake.question in at.error[0].value and "(tel:999)" in at.error[0].value
    click(at, SCREEN.ticked_by_mistake.keep)
    assert step(at) == "result" and "Get emergency help now" in at.error[0].value
    click(at, SCREEN.ticked_by_mistake.button)
    click(at, SCREEN.ticked_by_mistake.confirm)
    assert step(at) == "screen" and at.checkbox(key="assess.flag.walking").value is True


def test_a_doctors_check_on_an_urgent_result_goes_on_to_a_program_that_carries_the_caution(downloads):
    at = screen(open_assessment(), "weight-loss")
    click(at, SCREEN.doctor_checked.label)
    assert step(at) == "duration"
    at = walk(at, dict(MODERATE))
    click(at, "See my result")
    assert at.success[0].value.startswith("## Your starter program")
    before_you_start = at.warning[0].value
    assert f"**{SCREEN.doctor_checked.title}.**" in before_you_start
    assert "lost weight without trying" in before_you_start
    switch(at, "pages/program.py")
    printable = downloads["spinewell-plan.html"].decode("utf-8")
    assert f"{SCREEN.doctor_checked.title}: {SCREEN.doctor_checked.caution}" in " ".join(printable.split())


def test_a_routine_result_goes_ahead_gently_with_its_caution_and_the_box_for_a_doctors_check():
    at = walk(screen(open_assessment(), "first-back-pain-age"), dict(MODERATE))
    click(at, "See my result")
    assert "Gentle start" in at.success[0].value
    assert SCREEN.advice_for("routine").title in at.warning[0].value
    switch(at, "pages/program.py")
    assert at.header[0].value == "Gentle start"
    assert SCREEN.advice_for("routine").title in at.warning[0].value  # beside the plan, as well as in the printout
    switch(at, "pages/assessment.py")
    at.checkbox(key="assess.doctor_checked").check().run()
    assert "Foundation" in at.success[0].value
    assert SCREEN.doctor_checked.title in at.warning[0].value
    assert at.session_state[state.RECOMMENDATION].safety.doctor_checked


def test_both_legs_on_the_follow_up_goes_straight_to_the_emergency_result():
    at = walk(screen(open_assessment()), {"duration": "2-to-6-weeks", "pain_now": 5, "leg_pain": "yes"})
    assert step(at) == "leg_sides"
    answer(at, "leg_sides", "both")
    click(at, "Next")
    assert "Get emergency help now" in at.error[0].value
    assert "Because you said the pain below the knee is in both legs." in page_text(at)


def test_low_mood_on_most_days_adds_the_gp_and_a_helpline_to_the_support_advice():
    at = walk(screen(open_assessment()), {**MODERATE, "mood": "low-most-days"})
    click(at, "See my result")
    support = next(box.value for box in at.info if "physiotherapist" in box.value.lower()
                   or "manage this yourself" in box.value)
    assert "worth talking to your GP about" in support and "[116 123](tel:116123)" in support
