"""The Log page on a 390 px phone in a real browser: each chart chosen in turn has no toolbar over its title, no
legend over an axis title, and the page does not scroll sideways; the pain scale is one row."""

from __future__ import annotations

import os
import re

from spinewell.ui import log_charts
from tests.e2e.helpers import assert_no_exception, browser_visit, entry_form, goto_page, wait_for_app

SHOTS = os.environ.get("SPINEWELL_TEST_SHOTS")  # a folder: save a screenshot of each chart there, to look at

# The boxes of one chart's parts (the SVG's own classes), and every pair of them that overlaps.
PARTS = """(plot) => {
  const boxes = (selector) => [...plot.querySelectorAll(selector)].map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0).map((r) => ({left: r.left, right: r.right, top: r.top,
                                                                bottom: r.bottom}));
  const parts = {title: boxes('.g-gtitle'), legend: boxes('.legend'), xtitle: boxes('.g-xtitle'),
                 ytitle: boxes('.g-ytitle'), modebar: boxes('.modebar-container .modebar-group'),
                 colorbar: boxes('.colorbar')};
  const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const names = Object.keys(parts), clashes = [];
  names.forEach((one, i) => names.slice(i + 1).forEach((other) => parts[one].forEach((a) => parts[other].forEach(
      (b) => { if (meet(a, b)) clashes.push(`${one} over ${other}`); }))));
  const chart = plot.getBoundingClientRect();
  return {parts, clashes, outside: Object.values(parts).flat().some((r) => r.right > chart.right + 1)};
}"""


def _choose(page, choice: str) -> None:
    page.locator("[data-testid=stButtonGroup] button", has_text=re.compile(rf"^{re.escape(choice)}$")).click()
    wait_for_app(page)


def _overflow(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def test_each_chart_on_a_390_px_phone_is_clear_of_toolbar_and_overlaps(browser, app_server, log_path):
    log_path.unlink(missing_ok=True)  # the sample diary
    with browser_visit(browser, app_server, width=390, height=844) as page:
        goto_page(page, "log")
        page.get_by_text("Chart to show").first.wait_for(timeout=30_000)
        for choice, title in log_charts.TITLES.items():
            _choose(page, choice)
            chart = page.locator("[data-testid=stPlotlyChart]", has=page.locator(".g-gtitle", has_text=title))
            chart.locator(".main-svg").first.wait_for(timeout=30_000)
            chart.scroll_into_view_if_needed()
            page.wait_for_timeout(300)  # plotly lays the legend out after the first draw
            found = chart.locator(".js-plotly-plot").evaluate(PARTS)
            assert found["parts"]["title"], f"{title}: no title drawn"
            assert not found["parts"]["modebar"], f"{title}: the toolbar is shown"
            assert not found["clashes"], f"{title}: {found['clashes']}"
            assert not found["outside"], f"{title}: a part is cut off at the right"
            assert _overflow(page) <= 0, f"{title}: the page scrolls sideways"
            if SHOTS:
                chart.screenshot(path=os.path.join(SHOTS, f"phone-{choice.replace(' ', '-').lower()}.png"))
        assert page.locator(".modebar-container .modebar-btn").count() == 0  # no invisible tab stops either
        assert_no_exception(page)


def test_the_pain_scale_is_one_row_on_a_320_px_phone(browser, app_server, log_path):
    log_path.unlink(missing_ok=True)
    with browser_visit(browser, app_server, width=320, height=700) as page:
        goto_page(page, "log")
        form = entry_form(page)
        scale = form.locator("[data-testid=stSlider]").first
        scale.wait_for(timeout=30_000)
        track = scale.get_by_role("slider").first.bounding_box()
        ends = [box for box in (label.bounding_box() for label in
                                scale.locator("[data-testid=stSliderTickBar] > *").all()) if box]
        assert track is not None and len(ends) == 2
        # "No rating" and "10: worst" on one line at its two ends (Streamlit shows them while the scale is hovered or
        # focused; the label says the same in words all the time)
        assert abs(ends[0]["y"] - ends[1]["y"]) < 2
        assert ends[0]["x"] < ends[1]["x"]
        assert scale.bounding_box()["height"] < 110  # the label, the scale and its ends: nothing wraps
        assert _overflow(page) <= 0
        if SHOTS:
            form.screenshot(path=os.path.join(SHOTS, "phone-entry-form-320.png"))
        assert_no_exception(page)
