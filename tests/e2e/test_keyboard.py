"""By keyboard alone (Tab, Shift+Tab, Space, Enter and the arrow keys; no mouse clicks): the whole self-assessment,
a guided session, and a diary entry. After each step the focus must be on the new step's heading, or within the new
step (the result's box, the message that confirms a save), so a keyboard or screen-reader user carries on from there.
"""

from __future__ import annotations

import datetime as dt
import re

from spinewell.assessment.answers import asked_questions
from spinewell.assessment.recommend import recommend
from spinewell.guide.steps import steps_of
from spinewell.program.plan import build_plan
from tests.answer_sets import MODERATE, screened
from tests.e2e.assessment_steps import CONTENT, SCREEN, label_to_click, settle_on
from tests.e2e.helpers import assert_no_exception, goto_page, wait_for_app

QUESTIONNAIRE = CONTENT.questionnaire
ASKED = asked_questions(screened(MODERATE), QUESTIONNAIRE)
PROGRAM = recommend(screened(MODERATE), CONTENT).program

# What the focused element is called: its own label, the label around it, or its text.
FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return ['', '', ''];
  const label = element.getAttribute('aria-label') || (element.closest('label') || {}).innerText || '';
  return [element.tagName.toLowerCase(), element.getAttribute('role') || element.type || '',
          (label || element.innerText || element.textContent || '').trim()];
}"""


def focused(page) -> tuple[str, str, str]:
    tag, role, name = page.evaluate(FOCUSED)
    return tag, role, " ".join(name.split())


def tab_to(page, wanted, limit: int = 150, back: bool = False) -> None:
    """Press Tab (Shift+Tab with `back`) until the focused element's (tag, role, name) satisfies `wanted`."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = focused(page)
        if wanted(*now):
            return
        seen.append(now)
    raise AssertionError(f"Tab never reached it; the focus went through: {seen[-40:]}")


def settled(page) -> None:
    """After a key that changes a widget: give its rerun a moment to start, then wait until it has finished."""
    page.wait_for_timeout(250)
    wait_for_app(page)


def press_button(page, text: str, exact: bool = True) -> None:
    tab_to(page, lambda tag, role, name: tag == "button" and (name == text if exact else text in name))
    page.keyboard.press("Enter")


def assert_focus_on_heading(page, text: str) -> None:
    page.wait_for_function("(text) => document.activeElement && document.activeElement.textContent.trim() === text",
                           arg=text, timeout=10_000)
    assert page.evaluate("() => /^H[1-3]$/.test(document.activeElement.tagName)")


def choose_in_row(page, label: str) -> None:
    """A row of buttons (a segmented control) is one tab stop: the arrow keys move along it and Space chooses."""
    tab_to(page, lambda tag, role, name: tag == "button" and role == "radio")
    for _ in range(12):
        if focused(page)[2] == label:
            break
        page.keyboard.press("ArrowRight")
    assert focused(page)[2] == label
    page.keyboard.press("Space")
    settled(page)


def answer_by_keyboard(page, question, value) -> None:
    label = label_to_click(question, value)
    if question.kind == "choice":  # one tab stop for the group; the arrow keys move through it and choose
        tab_to(page, lambda tag, role, name: role == "radio")
        page.keyboard.press("Space")
        for _ in range(len(question.options)):
            settled(page)
            if focused(page)[2] == label:
                break
            page.keyboard.press("ArrowDown")
        assert focused(page)[2] == label
        assert page.evaluate("() => document.activeElement.checked"), "the arrow keys moved without choosing"
    elif question.kind == "scale":
        choose_in_row(page, label)
    else:
        tab_to(page, lambda tag, role, name: role == "checkbox" and name == label)
        page.keyboard.press("Space")
    settled(page)


def test_the_whole_self_assessment_by_keyboard_with_the_focus_on_each_new_step(page):
    goto_page(page, "assessment")
    settle_on(page, SCREEN.title)
    tab_to(page, lambda tag, role, name: role == "checkbox" and SCREEN.none_label in name)
    page.keyboard.press("Space")
    press_button(page, "Continue", exact=False)
    for number, question in enumerate(ASKED, start=1):
        settle_on(page, f"Question {number} of {len(ASKED)}")
        assert_focus_on_heading(page, question.title)
        answer_by_keyboard(page, question, MODERATE[question.id])
        if number == 2:  # Back, then Next again: the focus follows both ways
            press_button(page, "Back", exact=False)
            settle_on(page, f"Question 1 of {len(ASKED)}")
            assert_focus_on_heading(page, ASKED[0].title)
            tab_to(page, lambda tag, role, name: tag == "button" and "Next" in name)
            page.keyboard.press("Enter")
            settle_on(page, f"Question 2 of {len(ASKED)}")
            assert_focus_on_heading(page, question.title)
        tab_to(page, lambda tag, role, name: tag == "button" and "Next" in name)
        page.keyboard.press("Enter")
    settle_on(page, "Check your answers")
    assert_focus_on_heading(page, "Check your answers")
    press_button(page, "See my result", exact=False)
    settle_on(page, "Your starter program")
    page.wait_for_function("() => !!document.activeElement.closest('.st-key-assess-result')", timeout=10_000)
    press_button(page, "See your week-by-week plan", exact=False)
    settle_on(page, "Week 1")
    assert page.url.rstrip("/").endswith("/program")
    assert_no_exception(page)


def test_a_guided_session_and_its_check_in_by_keyboard(page):
    test_the_whole_self_assessment_by_keyboard_with_the_focus_on_each_new_step(page)
    goto_page(page, "today")  # a returning person: Today, with the plan
    if page.get_by_role("button", name="Start my plan today").count():
        press_button(page, "Start my plan today", exact=False)
        settle_on(page, "Week 1, day 1 of your plan")
    press_button(page, "Start", exact=False)
    settle_on(page, "Step 1 of")
    steps = steps_of(build_plan(PROGRAM, dt.date.today()).sessions[0])
    for number in range(1, len(steps) + 1):
        tab_to(page, lambda tag, role, name: tag == "button" and "Next" in name)
        page.keyboard.press("Enter")
        heading = steps[number].heading if number < len(steps) else "That is the session"
        settle_on(page, f"Step {number + 1} of" if number < len(steps) else "That is the session")
        assert_focus_on_heading(page, heading)
        # On a desktop the whole step fits: nothing scrolls, so the session's title stays in view above the step.
        assert page.evaluate("() => document.querySelector('[data-testid=stMain] h1').getBoundingClientRect().top")>=0
    press_button(page, "Done", exact=False)
    settle_on(page, "How was it?")
    assert_focus_on_heading(page, "How was it?")
    tab_to(page, lambda tag, role, name: role in ("slider", "range"))
    for _ in range(3):  # from "Not rated" to 2
        page.keyboard.press("ArrowRight")
    choose_in_row(page, "About right")
    press_button(page, "Save", exact=False)
    settle_on(page, "your check-in is saved")
    page.wait_for_function("() => !!document.activeElement.closest('.st-key-today-flash')", timeout=10_000)
    assert_no_exception(page)


def test_a_diary_entry_by_keyboard_and_the_focus_on_the_saved_message(page, log_path):
    goto_page(page, "log")
    tab_to(page, lambda tag, role, name: tag == "summary" and "Add an entry" in name)
    if page.evaluate("() => document.activeElement.parentElement.open") is False:
        page.keyboard.press("Enter")
    wait_for_app(page)
    tab_to(page, lambda tag, role, name: role in ("slider", "range") and "Pain right now" in name)
    page.keyboard.press("Home")  # "No rating", then a point a press: 0, 1, ... 7 (the saved line says 7 below)
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    settled(page)
    press_button(page, "Save entry", exact=False)
    page.get_by_text("Saved:").wait_for(timeout=30_000)
    wait_for_app(page)
    page.wait_for_function("() => !!document.activeElement.closest('.st-key-log-flash')", timeout=10_000)
    assert re.search(r",7,,,\n$", log_path.read_text(encoding="utf-8"))
    assert_no_exception(page)
