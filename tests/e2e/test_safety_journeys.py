"""In a real browser: an emergency result with a call link that dials, a same-day result with NHS 111, and a routine
result that goes through to a program carrying its caution down to the printable plan."""

from __future__ import annotations

from pathlib import Path

from tests.answer_sets import MODERATE
from tests.e2e.assessment_steps import SCREEN, answer_the_questions, open_self_assessment, settle_on, tick_screen
from tests.e2e.helpers import assert_no_exception, goto_page

FOOT = "[data-testid=stMain] .st-key-emergency-foot"


def call_links(page, number: str = ""):
    """The page's own call links (tel:NUMBER, or every tel: link): not the sidebar's, nor those of the emergency
    line at the foot of every page, which carry the same numbers."""
    href = f'@href="tel:{number}"' if number else 'starts-with(@href, "tel:")'
    return page.locator(f'xpath=//*[@data-testid="stMain"]//a[{href}]'
                        '[not(ancestor::*[contains(concat(" ", @class, " "), " st-key-emergency-foot ")])]')


def test_an_emergency_result_has_a_real_call_link_and_asks_again_before_going_back(page):
    page.set_viewport_size({"width": 390, "height": 844})  # a phone, where a tel: link dials
    open_self_assessment(page)
    tick_screen(page, "both-legs")
    settle_on(page, SCREEN.advice_for("emergency").title)
    call = call_links(page).first
    assert call.get_attribute("href") == "tel:999" and call.inner_text() == "Call 999 now"
    assert call.is_visible()
    assert call_links(page, "112").count() == 1
    assert call_links(page, "911").count() == 1
    assert page.locator(f'{FOOT} a[href="tel:999"]').count() == 1  # and the line at the foot, as on every page
    assert page.get_by_text("Your starter program").count() == 0
    assert page.get_by_role("button", name=SCREEN.doctor_checked.label).count() == 0

    mistake = SCREEN.ticked_by_mistake
    page.get_by_role("button", name=mistake.button).click()
    settle_on(page, "Are you sure?")
    assert call_links(page, "999").is_visible()  # still one tap away
    page.get_by_role("button", name=mistake.keep).click()
    settle_on(page, SCREEN.advice_for("emergency").title)
    assert_no_exception(page)

    goto_page(page, "program")
    settle_on(page, "appears here after the self-assessment")
    assert page.get_by_role("button", name="Calendar (.ics)").count() == 0


def test_a_same_day_result_has_nhs_111_beside_it(page):
    open_self_assessment(page)
    tick_screen(page, "fever-unwell")
    settle_on(page, SCREEN.advice_for("same_day").title)
    call = call_links(page, "111")
    assert call.is_visible() and call.inner_text() == "Call NHS 111"
    assert page.get_by_text("confused or faint", exact=False).first.is_visible()
    assert page.get_by_role("button", name=SCREEN.doctor_checked.label).count() == 0
    assert page.get_by_text("Your starter program").count() == 0
    assert_no_exception(page)


def test_a_routine_result_goes_through_to_a_program_with_its_caution_down_to_the_printable_plan(page):
    routine = SCREEN.advice_for("routine")
    open_self_assessment(page)
    tick_screen(page, "first-back-pain-age")
    answer_the_questions(page, dict(MODERATE))
    page.get_by_role("button", name="See my result").click()
    settle_on(page, "Your starter program: Gentle start")
    assert page.get_by_text(routine.title).first.is_visible()
    assert page.get_by_text("this is your first ever back pain", exact=False).first.is_visible()
    assert page.get_by_role("checkbox", name=SCREEN.doctor_checked.label).count() == 1
    assert_no_exception(page)

    page.get_by_role("button", name="See your week-by-week plan").click()
    settle_on(page, "Take it with you")
    assert page.get_by_text(routine.title).first.is_visible()
    with page.expect_download() as printable:
        page.get_by_role("button", name="Printable plan").click()
    html = " ".join(Path(printable.value.path()).read_text(encoding="utf-8").split())
    assert f"{routine.title}: {routine.caution}" in html
    assert "Gentle start" in html
