"""axe-core (WCAG 2.2 A and AA rules) on every page and state a person meets, at 1280 px and at 390 px; with it,
on each, headings without skipped levels and the page's own title in the browser tab.

The test fails on any serious or critical violation the app controls. A violation inside Streamlit's own frame that
the app cannot change may be left out only by its exact rule id and selector, in NOT_OURS, with the reason. The
counts per page are printed (run pytest with -s to see them)."""

from __future__ import annotations

import re
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from spinewell.ui import log_charts
from tests.answer_sets import MODERATE
from tests.e2e.assessment_steps import SCREEN, answer_the_questions, open_self_assessment, settle_on, tick_screen
from tests.e2e.conftest import ROOT
from tests.e2e.helpers import browser_visit, entry_form, goto_page, wait_for_app

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]}
SERIOUS = {"serious", "critical"}


# (rule id, a selector the node matches): why it is not the app's to change. Nothing else is left out.
NOT_OURS: dict[tuple[str, str], str] = {
    # Streamlit's sidebar navigation with sections draws <ul> > <div> (a section) > <li>: its own markup, drawn by
    # st.navigation, which takes no say over it.
    ("list", "[data-testid=stSidebarNavItems]"): "Streamlit's navigation list",
    ("listitem", "[data-testid=stSidebarNavItems] li"): "Streamlit's navigation list",
}

AXE = Axe()

HEADINGS = """() => [...document.querySelectorAll('[data-testid=stMain] :is(h1, h2, h3, h4, h5, h6)')]
  .filter(heading => heading.getClientRects().length).map(heading => [+heading.tagName[1], heading.textContent])"""


def skipped_levels(page) -> list[str]:
    """Each heading on the page (shown, in the main part) that comes more than one level below the one before it."""
    skips, before = [], 0
    for level, text in page.evaluate(HEADINGS):
        if level > before + 1:
            skips.append(f"h{level} {text!r} after h{before}")
        before = level
    return skips


def audit(page, state: str, found: dict[str, list[str]]) -> None:
    """Run axe on the page as it is now; print the counts; keep each serious or critical node the app controls."""
    wait_for_app(page)
    page.wait_for_timeout(300)  # let scripted focus and fonts settle
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    counted = {v["id"]: len(v["nodes"]) for v in violations}
    print(f"{state}: {sum(counted.values())} nodes {counted or ''} · title {page.title()!r}")
    found.setdefault(state, []).extend(f"heading-order: {skip}" for skip in skipped_levels(page))
    if not page.title().endswith(" · Spinewell"):
        found[state].append(f"title: {page.title()!r} is not the page's own")
    for violation in violations:
        if violation["impact"] not in SERIOUS:
            continue
        for node in violation["nodes"]:
            selector = " ".join(str(part) for part in node["target"])
            if _not_ours(page, violation["id"], node["target"]):
                continue
            summary = node.get("failureSummary", "").replace("\n", " ")
            found.setdefault(state, []).append(f"{violation['id']} at {selector}: {summary[:200]}")


def _not_ours(page, rule: str, target: list) -> bool:
    """Whether the node (axe's target: one selector, outside frames) is one of Streamlit's own, left out above."""
    if len(target) != 1 or not isinstance(target[0], str):
        return False
    for (rule_id, selector) in NOT_OURS:
        if rule_id == rule and page.evaluate(
            "([node, mine]) => { const found = document.querySelector(node); return !!found && found.matches(mine); }",
            [target[0], selector],
        ):
            return True
    return False


def open_in_menu(page, name: str) -> None:
    """Open a page from the sidebar's navigation (opening the sidebar first on a phone), staying in the session."""
    sidebar = page.locator("[data-testid=stSidebar]")
    if sidebar.get_attribute("data-collapsed") == "true":
        page.locator("[data-testid=stExpandSidebarButton]").click()
        page.wait_for_timeout(600)  # the sidebar slides in
    sidebar.get_by_role("link", name=name, exact=True).click()
    wait_for_app(page)
    if page.viewport_size["width"] < 640 and sidebar.get_attribute("data-collapsed") == "false":
        sidebar.locator("[data-testid=stSidebarCollapseButton] button").click()  # on a phone it covers the page
        page.wait_for_timeout(600)


def public_pages(page, found) -> None:
    goto_page(page, "")
    audit(page, "Home, new", found)
    goto_page(page, "learn")
    audit(page, "Learn, a lesson", found)
    quiz = page.locator("[data-testid=stRadio]").last
    quiz.locator("label").first.click()
    wait_for_app(page)
    audit(page, "Learn, a quiz answered", found)
    goto_page(page, "exercises")
    audit(page, "Exercise library", found)
    goto_page(page, "about")
    audit(page, "About", found)
    goto_page(page, "privacy")
    audit(page, "Privacy", found)


def assessment_to_plan(page, found) -> None:
    open_self_assessment(page)
    audit(page, "Assessment, the safety screen", found)
    tick_screen(page)
    settle_on(page, "Question 1 of")
    audit(page, "Assessment, a question", found)
    answer_the_questions(page, MODERATE)
    audit(page, "Assessment, the review", found)
    page.get_by_role("button", name="See my result").click()
    settle_on(page, "Your starter program")
    audit(page, "Assessment, a routine result", found)
    open_in_menu(page, "Your program")
    settle_on(page, "Week 1")
    audit(page, "Program with a plan", found)
    open_in_menu(page, "Today")
    if page.get_by_role("button", name="Start my plan today").count():
        page.get_by_role("button", name="Start my plan today").click()
    settle_on(page, "Week 1, day 1 of your plan")
    audit(page, "Today with a plan", found)
    open_in_menu(page, "Home")
    audit(page, "Home, returning", found)


def guided_session(page, found) -> None:
    open_in_menu(page, "Today")
    page.get_by_role("button", name="Start", exact=True).click()
    settle_on(page, "Step 1 of")
    audit(page, "Guided session, a step", found)
    for number in range(2, 100):  # each Next, then the next step drawn, before the next press
        if not page.get_by_role("button", name="Next", exact=True).count():
            break
        page.get_by_role("button", name="Next", exact=True).click()
        page.get_by_text(re.compile(rf"^(Step {number} of|Every step is done)")).first.wait_for(timeout=30_000)
        wait_for_app(page)
    settle_on(page, "That is the session")
    audit(page, "Guided session, the end", found)
    page.get_by_role("button", name="Done").click()
    settle_on(page, "How was it?")
    audit(page, "Guided session, the check-in", found)


def log_with_a_diary(page, found, log_path) -> None:
    shutil.copyfile(ROOT / "content" / "sample_log.csv", log_path)
    goto_page(page, "log")
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    audit(page, "Log with a diary and its charts", found)
    for choice in log_charts.CHOICES[1:]:  # one chart at a time: each in turn, with its numbers' table open
        page.locator("[data-testid=stButtonGroup] button", has_text=re.compile(rf"^{re.escape(choice)}$")).click()
        wait_for_app(page)
        page.get_by_text("The numbers in this chart").first.click()
        page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        audit(page, f"Log, the chart {choice}", found)
        if page.locator(".js-plotly-plot .modebar").count():  # displayModeBar False on every chart (chart_look)
            found[f"Log, the chart {choice}"].append("a chart's toolbar is drawn")
    entry_form(page)
    audit(page, "Log, the entry form open", found)


def emergency_result(page, found) -> None:
    open_self_assessment(page)
    tick_screen(page, SCREEN.flags_at("emergency")[0].id)
    settle_on(page, "Get emergency help now")
    audit(page, "Assessment, an emergency result", found)


@pytest.mark.timeout(900)
@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_no_serious_violation_the_app_controls_on_any_page_or_state(browser, app_server, log_path, width, height):
    profile = log_path.parent / "data" / "profile.json"
    found: dict[str, list[str]] = {}
    print(f"\naxe-core, WCAG 2.2 A and AA, at {width} px")
    profile.unlink(missing_ok=True)
    log_path.unlink(missing_ok=True)
    with browser_visit(browser, app_server, width, height) as page:
        public_pages(page, found)
        assessment_to_plan(page, found)
        guided_session(page, found)
        log_with_a_diary(page, found, log_path)
    profile.unlink(missing_ok=True)
    with browser_visit(browser, app_server, width, height) as page:
        emergency_result(page, found)
    problems = [f"{state}: {problem}" for state, listed in found.items() for problem in listed]
    heading = f"{len(problems)} problems (serious or critical axe nodes, skipped heading levels, titles):"
    assert not problems, "\n".join([heading, *problems])
