"""Take the pictures of Home as a new person sees it, and of the plan's pages (Today, a guided session's steps, the
check-in, Program, Log with six weeks of diary) as a person with a plan sees them, in headless Chromium, at a phone's
and a desktop's size.

    python docs/screenshots/take.py [OUT_FOLDER [SIZE ...]]   (default: /tmp/journey-shots, every size)

Each size gets its own server over its own data folder (the same profile, an empty diary), so every run shows the
same first session. Copy the ones README shows (home-*.png, today-*.png, session-*.png, log-*.png) into
docs/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.answer_sets import MODERATE  # noqa: E402
from tests.e2e.assessment_steps import answer_the_questions, open_self_assessment, settle_on, tick_screen  # noqa: E402
from tests.e2e.conftest import CHROMIUM_ARGS, running_app  # noqa: E402
from tests.e2e.helpers import browser_visit, wait_for_app  # noqa: E402


def two_year_diary(today: dt.date, days: int) -> bytes:
    """The benchmark's diary (bench/pages.py: a pain rating and a session each day), `days` long."""
    spec = importlib.util.spec_from_file_location("bench_pages", ROOT / "bench" / "pages.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.two_year_diary(today, days)


SIZES = {"phone": (390, 900), "desktop": (1280, 900), "phone-tall": (390, 3000), "desktop-tall": (1280, 2400)}


def make_profile(browser, folder: Path) -> Path:
    """A person's profile after the self-assessment (a new plan starts today)."""
    with running_app(folder / "pain_log.csv") as url, browser_visit(browser, url) as page:
        open_self_assessment(page)
        tick_screen(page)
        answer_the_questions(page, MODERATE)
        page.get_by_role("button", name="See my result").click()
        settle_on(page, "Your starter program")
        page.get_by_role("link", name="Today").first.click()
        settle_on(page, "Week 1, day 1 of your plan")  # a new plan starts today
    return folder / "data" / "profile.json"


def home_for_someone_new(browser, folder: Path, out: Path, sizes: list[str]) -> None:
    """Home as a new person first sees it: nothing remembered yet."""
    with running_app(folder / "pain_log.csv") as url:
        for size in sizes:
            with browser_visit(browser, url, *SIZES[size]) as page:
                page.goto(f"{url}/")
                settle_on(page, "Start: a 3-minute check")
                shoot(page, out, f"home-{size}")


def log_with_a_diary(browser, folder: Path, profile: Path, out: Path, size: str) -> None:
    """The Log page of a person with a plan and six weeks of diary (a pain rating and a session each day)."""
    (folder / "data").mkdir(parents=True)
    shutil.copy(profile, folder / "data" / "profile.json")
    (folder / "pain_log.csv").write_bytes(two_year_diary(dt.date.today(), days=42))
    with running_app(folder / "pain_log.csv") as url, browser_visit(browser, url, *SIZES[size]) as page:
        page.goto(f"{url}/log")
        settle_on(page, "Your figures")
        shoot(page, out, f"log-{size}")
        page.get_by_text("Your figures").first.scroll_into_view_if_needed()
        shoot(page, out, f"log-figures-{size}")


def shoot(page, out: Path, name: str) -> None:
    wait_for_app(page)
    page.wait_for_timeout(600)  # let fonts, drawings and the timer's first frame paint
    page.screenshot(path=str(out / f"{name}.png"))


def step_by_step(page, out: Path, size: str) -> None:
    """Today, then the guided session: a hold with its timer counting, a reps step, a rest, the end, the check-in."""
    page.goto(f"{page.app_url}/")
    settle_on(page, "Week 1, day 1 of your plan")
    shoot(page, out, f"today-{size}")
    page.get_by_role("button", name="Start", exact=True).click()
    settle_on(page, "Step 1 of")
    shoot(page, out, f"session-warmup-{size}")
    page.get_by_role("button", name="Next").click()
    settle_on(page, "Step 2 of")
    for _ in range(3):
        page.locator(".sw-timer").get_by_role("button", name="Count a rep").click()
    shoot(page, out, f"session-reps-{size}")
    page.get_by_role("button", name="Next").click()
    settle_on(page, "Step 3 of")
    page.locator(".sw-timer").get_by_role("button", name="Start", exact=True).click()
    page.wait_for_timeout(3500)
    shoot(page, out, f"session-scrolled-{size}")  # as Next leaves it: the step's heading at the top
    page.evaluate("() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")
    shoot(page, out, f"session-{size}")  # the whole step, its session's title and progress too (README)
    page.get_by_role("button", name="Next").click()
    settle_on(page, "Step 4 of")
    shoot(page, out, f"session-rest-{size}")
    while page.get_by_role("button", name="Next").count():
        page.get_by_role("button", name="Next").click()
        wait_for_app(page)
    settle_on(page, "That is the session")
    shoot(page, out, f"session-end-{size}")
    page.get_by_role("button", name="Done").click()
    settle_on(page, "How was it?")
    shoot(page, out, f"checkin-{size}")
    slider = page.get_by_role("slider", name="Your pain right now")
    slider.focus()
    for _ in range(4):
        slider.press("ArrowRight")
    page.locator("[data-testid=stButtonGroup] button", has_text="About right").click()
    page.get_by_role("button", name="Save").click()
    settle_on(page, "your check-in is saved")
    shoot(page, out, f"today-after-{size}")


def other_pages(page, out: Path, size: str) -> None:
    page.get_by_role("link", name="Your whole plan").click()
    settle_on(page, "Take it with you")
    shoot(page, out, f"program-{size}")
    page.goto(f"{page.app_url}/log")
    settle_on(page, "Your figures")
    page.get_by_text("Change or delete a past entry").click()
    settle_on(page, "Entry to change")
    page.locator("[data-testid=stSelectbox]", has_text="Entry to change").click()
    page.get_by_role("option").first.click()
    wait_for_app(page)
    page.get_by_text("Entry to change").first.scroll_into_view_if_needed()
    shoot(page, out, f"log-edit-{size}")


def main(out: Path, sizes: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as scratch:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        home_for_someone_new(browser, Path(scratch) / "new", out, sizes or list(SIZES))
        profile = make_profile(browser, Path(scratch) / "made")
        for size in sizes or SIZES:
            log_with_a_diary(browser, Path(scratch) / f"log-{size}", profile, out, size)
            width, height = SIZES[size]
            folder = Path(scratch) / size
            (folder / "data").mkdir(parents=True)
            shutil.copy(profile, folder / "data" / "profile.json")
            with running_app(folder / "pain_log.csv") as url, browser_visit(browser, url, width, height) as page:
                step_by_step(page, out, size)
                other_pages(page, out, size)
            print(f"{size}: done")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/journey-shots"), sys.argv[2:])
