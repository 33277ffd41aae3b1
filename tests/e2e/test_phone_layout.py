"""Every page on a 390 px and a 320 px phone and on a 1280 px screen zoomed to 200% (a 640 px viewport at device
scale 2), for a new person and for one with a plan and a diary: nothing is wider than the screen, no chart toolbar
shows, the emergency line is in the main column at the foot of the page (the sidebar is closed on a phone), Home's
first step is above the fold, and its cards are links as a whole, at least 44 px high."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from spinewell.content.load import load
from tests.answer_sets import MODERATE
from tests.e2e.assessment_steps import answer_the_questions, open_self_assessment, settle_on, tick_screen
from tests.e2e.conftest import running_app
from tests.e2e.helpers import assert_no_exception, browser_visit, goto_page, wait_for_app

CONTENT = load()
# name: (width, height, device scale factor, a phone)
SCREENS = {
    "390px": (390, 844, 2, True),
    "320px": (320, 640, 2, True),
    "1280px-at-200%": (640, 450, 2, False),
}
NEW_PERSON_PAGES = ("", "learn", "exercises", "exercises?exercise=bird-dog&from=lesson", "assessment", "about",
                    "privacy")
START = "Start: a 3-minute check, then your plan"

# Visible elements in the main column that reach past the right edge of the screen, unless a box inside the column
# that scrolls or clips them (a table's own scroller) stops them at the edge; and the widths of the page and of the
# main column's scroller (the page itself scrolling sideways).
OVERFLOW = """() => {
  const width = window.innerWidth;
  const column = document.querySelector('[data-testid=stMainBlockContainer]');
  const clippedInside = (element) => {
    for (let box = element.parentElement; box && box !== column; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX !== 'visible' && box.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  const wide = [];
  for (const element of column.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
    if ((box.right > width + 1 || box.width > width + 1) && !clippedInside(element)) {
      const name = `${element.tagName.toLowerCase()}.${element.className}`.slice(0, 80);
      wide.push(`${name} (${Math.round(box.right)} px)`);
    }
  }
  const main = document.querySelector('[data-testid=stMain]');
  const page = Math.max(document.documentElement.scrollWidth, main.scrollWidth - main.clientWidth + width);
  return {page: page, screen: width, wide: wide.slice(0, 5)};
}"""

# The emergency line's block sits below every other block of the main column.
FOOT_IS_LAST = """() => {
  const foot = document.querySelector('[data-testid=stMain] .st-key-emergency-foot');
  const column = document.querySelector('[data-testid=stMainBlockContainer] [data-testid=stVerticalBlock]');
  if (!foot || !column) return false;
  const top = foot.getBoundingClientRect().top;
  return [...column.children].every((block) => block.contains(foot) || block.getBoundingClientRect().bottom <= top + 1);
}"""

# The link under a point near a card's lower right corner, away from the link's own words.
LINK_AT_CORNER = """(card) => {
  const box = card.getBoundingClientRect();
  const hit = document.elementFromPoint(box.right - 8, box.bottom - 8);
  return hit && hit.closest('a') ? hit.closest('a').textContent : null;
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server of its own: the plan made in this module must not reach the other browser tests."""
    log_path = tmp_path_factory.mktemp("phone") / "pain_log.csv"
    with running_app(log_path) as url:
        yield url, log_path


def on_screen(browser, url: str, screen: str):
    width, height, scale, phone = SCREENS[screen]
    # JavaScript errors are not what this test looks at
    return browser_visit(browser, url, width, height, check_errors=False, device_scale_factor=scale,
                         is_mobile=phone, has_touch=phone)


def layout_problems(page, name: str, charts: bool = False) -> list[str]:
    """What is wrong with the page as drawn now, each problem named with the page. With `charts`, the page's charts
    are waited for first: they are drawn after the run has finished."""
    wait_for_app(page)
    assert_no_exception(page)
    if charts:
        page.locator("[data-testid=stPlotlyChart] .main-svg").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(500)  # charts and images take their size after the run has finished
    problems = []
    sizes = page.evaluate(OVERFLOW)
    if sizes["page"] > sizes["screen"] or sizes["wide"]:
        problems.append(f"{name}: {sizes['page']} px wide on a {sizes['screen']} px screen; too wide: {sizes['wide']}")
    toolbars = page.locator("[data-testid=stMain] .modebar").count()  # Plotly shows it on hover or a tap
    if toolbars:
        problems.append(f"{name}: {toolbars} chart toolbars showing")
    foot = page.locator("[data-testid=stMain] .st-key-emergency-foot")
    if foot.count() != 1:
        problems.append(f"{name}: no emergency line in the main column")
    else:
        foot.scroll_into_view_if_needed()
        line = foot.get_by_role("link", name=CONTENT.questionnaire.screen.advice_for("emergency").call.split("]")[0]
                                .removeprefix("[")).first
        if not (foot.is_visible() and line.is_visible()):
            problems.append(f"{name}: the emergency line and its call link are not visible")
        if not page.evaluate(FOOT_IS_LAST):
            problems.append(f"{name}: the emergency line is not at the foot of the page")
    return problems


def home_problems(page, screen: str, first_step: str) -> list[str]:
    """Home's first step above the fold, and each way in a whole card, tappable anywhere, at least 44 px high."""
    problems = []
    button = page.get_by_role("button", name=first_step)
    box = button.bounding_box() if button.count() else None
    if box is None or box["y"] + box["height"] > SCREENS[screen][1]:
        problems.append(f"home: {first_step!r} is not above the fold: {box}")
    cards = page.locator("[class*=st-key-tap-card-]")
    if cards.count() != 4:
        problems.append(f"home: {cards.count()} cards, not the four ways in")
    for index in range(cards.count()):
        card = cards.nth(index)
        card.scroll_into_view_if_needed()
        height = card.bounding_box()["height"]
        link = card.evaluate(LINK_AT_CORNER)
        if height < 44 or not link:
            problems.append(f"home: card {index + 1} is {height:.0f} px high; its corner opens {link!r}")
    return problems


def finish_the_self_assessment(browser, url: str) -> None:
    """One person makes a plan (kept in the server's local profile): every later visit is a returning person's."""
    with browser_visit(browser, url) as page:
        open_self_assessment(page)
        tick_screen(page)
        answer_the_questions(page, MODERATE)
        page.get_by_role("button", name="See my result").click()
        settle_on(page, "Your starter program")


def write_a_diary(log_path: Path) -> None:
    """Eight weeks of pain ratings and sessions, up to yesterday (today's sessions stay to do)."""
    today = dt.date.today()
    rows = ["date,time,pain,exercise,minutes,notes"]
    for back in range(56, 0, -1):
        day = today - dt.timedelta(days=back)
        rows.append(f"{day.isoformat()},08:00,{3 + back % 4},,,")
        if back % 2:
            rows.append(f"{day.isoformat()},18:00,,Walking,{15 + back % 10},a walk by the river")
    log_path.write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def returning(browser, server) -> tuple[str, Path]:
    url, log_path = server
    finish_the_self_assessment(browser, url)
    write_a_diary(log_path)
    return url, log_path


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_new_persons_pages_fit_the_screen(browser, server, screen):
    url, log_path = server
    (log_path.parent / "data" / "profile.json").unlink(missing_ok=True)
    problems = []
    with on_screen(browser, url, screen) as page:
        for path in NEW_PERSON_PAGES:
            goto_page(page, path)
            if path == "":
                problems += home_problems(page, screen, START)
            problems += layout_problems(page, path or "home")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_returning_persons_pages_fit_the_screen(browser, returning, screen):
    url, _ = returning
    problems = []
    with on_screen(browser, url, screen) as page:
        goto_page(page, "")  # a returning person lands on Today
        settle_on(page, "Today")
        if page.get_by_role("button", name="Start my plan today").count():
            page.get_by_role("button", name="Start my plan today").click()
            wait_for_app(page)
        problems += layout_problems(page, "today")
        page.get_by_role("button", name="Start", exact=True).click()
        settle_on(page, "Step 1 of")
        problems += layout_problems(page, "session")
        for path in ("program", "log", "exercises?exercise=walking&from=program"):
            goto_page(page, path)
            problems += layout_problems(page, path, charts=path == "log")
        page.locator("[data-testid=stSidebarNav] a").first.dispatch_event("click")  # Home, from the menu
        settle_on(page, "Welcome back")
        problems += home_problems(page, screen, "Go to today")
        problems += layout_problems(page, "home")
    assert not problems, "\n".join(problems)
