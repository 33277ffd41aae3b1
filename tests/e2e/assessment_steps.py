"""Browser steps through the self-assessment: open it from Home, tick the screen, answer the questions asked."""

from __future__ import annotations

from spinewell.assessment.answers import asked_questions
from spinewell.content.load import load
from spinewell.content.questionnaire import Question
from tests.e2e.helpers import goto_page, wait_for_app

CONTENT = load()
SCREEN = CONTENT.questionnaire.screen


def label_to_click(question: Question, value) -> str:
    """What a person clicks for `value`, as the page shows it (a multi answer here ticks one box, or none of these)."""
    if question.kind == "scale":
        return str(value)
    if question.kind == "choice":
        return question.option(value).label
    assert len(value) <= 1, "the journey ticks at most one box per question"
    return question.option(value[0]).label if value else question.none_label


def settle_on(page, text: str) -> None:
    """Wait until `text` is on the page and the run that drew it has finished (a click's rerun starts async).
    If it never comes, the failure says what the page shows instead (its heading and any prompt)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # here: without Playwright the tests skip

    try:
        page.get_by_text(text, exact=False).first.wait_for()
    except PlaywrightTimeout:
        shown = page.locator("h1, h2, h3, [data-testid=stAlert], [data-testid=stProgress]").all_inner_texts()
        raise AssertionError(f"{text!r} never came; the page shows: {shown}") from None
    wait_for_app(page)


def open_self_assessment(page) -> None:
    """The way a new visitor arrives: Home, then its "Take the self-assessment" link (fits a phone too)."""
    goto_page(page, "")
    page.get_by_role("link", name="Take the self-assessment").click()
    settle_on(page, SCREEN.title)


def tick_screen(page, *flag_ids: str) -> None:
    """Tick these flags by their labels (or "none of these" when none are given) and continue."""
    for flag_id in flag_ids:
        page.get_by_role("checkbox", name=SCREEN.flag(flag_id).label, exact=True).check(force=True)
    if not flag_ids:  # drawn in bold, so its accessible name is not exactly the label
        page.get_by_role("checkbox", name=SCREEN.none_label).check(force=True)
    page.get_by_role("button", name="Continue").click()


def answer_the_questions(page, answers: dict) -> None:
    """Answer every question asked for `answers`, in order, checking the progress line, up to the review."""
    from playwright.sync_api import expect

    asked = asked_questions({**answers}, CONTENT.questionnaire)
    settle_on(page, f"Question 1 of {len(asked)}")
    for number, question in enumerate(asked, start=1):
        label = label_to_click(question, answers[question.id])
        if question.kind == "scale":
            (answer := page.get_by_role("radio", name=label, exact=True)).click()
        elif question.kind == "multi":
            (answer := page.get_by_role("checkbox", name=label, exact=True)).check(force=True)
        else:
            page.get_by_text(label, exact=True).click()  # the words, as a person taps them
            answer = page.get_by_role("radio", name=label, exact=True)
        expect(answer).to_be_checked(timeout=30_000)
        wait_for_app(page)
        page.get_by_role("button", name="Next").click()
        settle_on(page, f"Question {number + 1} of" if number < len(asked) else "Check your answers")


def answer_the_check_in(page, pain: int) -> None:
    """After Done in a guided session: the diary saved, then the check-in answered (pain `pain`, "About right")
    and saved, back on Today."""
    settle_on(page, "How was it?")
    assert page.get_by_text("Saved to your diary").first.is_visible()
    slider = page.get_by_role("slider", name="Your pain right now")
    slider.focus()
    for _ in range(pain + 1):  # from "Not rated" to `pain`
        slider.press("ArrowRight")
    page.locator("[data-testid=stButtonGroup] button", has_text="About right").click()
    page.get_by_role("button", name="Save").click()
    settle_on(page, "your check-in is saved")  # back on Today
