"""The summary printed to PDF by Chromium, as A4 and as Letter: the pages expected, no block cut in two, the charts
drawn from the page's own plotly.js with no request to any other host; and the Log page's download in the app."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from urllib.parse import urlparse

import pypdf
import pytest

from spinewell.summary import facts, page
from tests import summary_sources
from tests.e2e.conftest import running_app
from tests.e2e.helpers import LOCAL_HOSTS, wait_for_app

GOALS = [{"id": "walk", "name": "Walk to the shops",
          "ratings": [{"date": "2026-09-07", "score": 3}, {"date": "2026-10-05", "score": 7}]}]
# The fixture (five weeks of diary, a plan, two reviews, a goal, four notes) as Chromium lays it out in 10 pt text
# inside 15 mm margins: on A4 the key figures and the pain chart share page 1; Letter is 18 mm shorter, so one more.
PAGES = {"A4": 4, "Letter": 5}
Y_TITLES = {"Pain by week": "Pain (0 = none, 10 = worst)", "Exercise by week": "Days with exercise",
            "Aerobic exercise by week": "Minutes"}


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def summary_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources = summary_sources.sources(goals=GOALS)
    path = tmp_path_factory.mktemp("summary") / "summary.html"
    path.write_bytes(page.render(facts.build(sources), sources.content))
    return path


@pytest.fixture()
def printed(browser, summary_file: Path):
    """The summary opened from its file (every request that is not the file itself blocked and recorded), its
    charts drawn, then shown as the print stylesheet lays it out."""
    context = browser.new_context(viewport={"width": 680, "height": 1000})
    tab = context.new_page()
    outside, errors = [], []

    def guard(route) -> None:
        if route.request.url == summary_file.as_uri():
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(summary_file.as_uri())
    tab.wait_for_function("document.querySelectorAll('.chart .main-svg').length >= 3")
    tab.emulate_media(media="print")
    try:
        yield tab
    finally:
        context.close()
    assert not outside, f"the summary asked for: {outside}"
    assert not errors, f"JavaScript errors on the summary: {errors}"


def _blocks(tab) -> list[tuple[str, str]]:
    """Each block's heading and the last line of its text, as the page lays them out."""
    return tab.eval_on_selector_all(
        "section.block", "blocks => blocks.map(b => [b.querySelector('h2').innerText,"
                         " b.innerText.trim().split('\\n').filter(l => l.trim()).pop()])")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_summary_prints_on_the_pages_expected_and_no_block_is_cut_in_two(printed, paper: str):
    pdf = pypdf.PdfReader(io.BytesIO(printed.pdf(format=paper, print_background=True)))
    assert len(pdf.pages) == PAGES[paper]
    pages = [page_.extract_text().replace("\ufb01", "fi").replace("\ufb02", "fl") for page_ in pdf.pages]
    blocks = _blocks(printed)
    assert len(blocks) == 12
    for heading, last_line in blocks:
        on = [i for i, text in enumerate(pages) if re.search(rf"^{re.escape(heading)}$", text, flags=re.M)]
        assert len(on) == 1, f"{heading!r} is a heading on pages {on}"
        text = _words(pages[on[0]])
        assert _words(last_line.replace("\t", " ")) in text, f"{heading!r} runs on past page {on[0] + 1}"
        if heading in Y_TITLES:
            assert Y_TITLES[heading] in text, f"the {heading!r} chart is not on the page of its heading"


def test_the_print_stylesheet_keeps_blocks_whole_on_white_within_the_page(printed, summary_file: Path):
    style = re.search(r"<style>(.*?)</style>", summary_file.read_text(encoding="utf-8"), flags=re.S).group(1)
    assert re.search(r"@page\s*\{\s*size:\s*auto;\s*margin:\s*15mm;", style)
    assert re.search(r"\.block, \.chart, table, tr \{ break-inside: avoid; page-break-inside: avoid; \}", style)
    widths = printed.eval_on_selector_all(".chart .main-svg", "svgs => svgs.map(s => s.getBoundingClientRect().width)")
    assert widths and max(widths) <= 680, "every chart fits an A4 page inside its margins (680 px)"
    backgrounds = printed.eval_on_selector_all(
        "body, section, table, th, td", "els => [...new Set(els.map(e => getComputedStyle(e).backgroundColor))]")
    dark = [colour for colour in backgrounds if colour not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
            and sum(int(n) for n in re.findall(r"\d+", colour)[:3]) < 600]
    assert not dark, f"dark backgrounds in print: {dark}"


def test_the_log_pages_download_is_the_summary_of_the_diary_shown(browser, tmp_path: Path):
    """In the running app, the button builds the summary on the click, of the person's own diary."""
    log = tmp_path / "pain_log.csv"
    log.write_bytes(summary_sources.diary_csv(start=dt.date.today() - dt.timedelta(days=34)))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    outside: list[str] = []

    def guard(route) -> None:
        if (urlparse(route.request.url).hostname or "") in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    try:
        with running_app(log) as url:
            tab = context.new_page()
            tab.goto(f"{url}/log")
            wait_for_app(tab, timeout=60_000)
            with tab.expect_download() as page_download:
                tab.get_by_role("button", name="Summary for your physio or doctor").click()
            document = Path(page_download.value.path()).read_text(encoding="utf-8")
            with tab.expect_download() as text_download:
                tab.get_by_role("button", name="The summary as text").click()
            plain = Path(text_download.value.path()).read_text(encoding="utf-8")
    finally:
        context.close()
    assert not outside, f"the app asked hosts other than this machine for: {outside}"
    assert page_download.value.suggested_filename == f"spinewell_summary_{dt.date.today()}.html"
    verdict = re.search(r'<p class="verdict">(.*?)</p>', document).group(1)
    assert verdict.startswith("Your pain has fallen by 3.0 points") and verdict in plain
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document and "<script>alert(1)" not in document
