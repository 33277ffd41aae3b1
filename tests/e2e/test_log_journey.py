"""The log in a real browser: upload a spreadsheet export and see the charts; add an entry to the local log and
undo it."""

from __future__ import annotations

import re

from spinewell.log.entry import HEADER_LINE
from tests.e2e.helpers import assert_no_exception, entry_form, goto_page, rate_pain, wait_for_app

# What a person's own spreadsheet might export: semicolons, day-first dates, decimal commas, a Windows encoding,
# a note with a comma, and one row that can't be used.


def _export_row(day: int) -> str:
    pain = f"{6 - day / 7:.1f}".replace(".", ",")
    activity = "Walking" if day % 2 else "Plank"
    note = '"stiff, then better"' if day == 3 else ""
    return f"{day:02d}.03.2026;{pain};{activity};{20 + day};{note}\n"


EXPORT = (
    "Date;Pain (0-10);Activity;Duration (min);Comment\n"
    + "".join(_export_row(day) for day in range(1, 22))
    + "22.03.2026;lots;;;\n"
    + "23.03.2026;3,5;Swimming;30;müde\n"
).encode("cp1252")


def _charts(page):
    return page.locator("[data-testid=stPlotlyChart]")


def test_uploading_a_spreadsheet_export_shows_its_charts_and_skipped_rows(page):
    goto_page(page, "log")
    assert_no_exception(page)
    assert "This is a sample log" in page.locator("[data-testid=stAlert]").first.inner_text()

    page.get_by_text("Upload a log from a spreadsheet or another app").click()
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        {"name": "my_export.csv", "mimeType": "text/csv", "buffer": EXPORT}
    )
    page.get_by_text("Showing your uploaded file").wait_for(timeout=30_000)
    wait_for_app(page)
    assert_no_exception(page)

    assert page.get_by_text(re.compile(r"^1 row of the file could not be used")).count() == 1
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    labels = [_charts(page).nth(i).get_attribute("aria-label") for i in range(_charts(page).count())]
    assert any(label.startswith("Chart of daily pain ratings from 01 Mar 2026 to 23 Mar 2026") for label in labels)
    assert page.get_by_text("Your pain has fallen by").count() >= 1
    # One chart at a time: the others are a choice away
    page.locator("[data-testid=stButtonGroup] button", has_text=re.compile("^Exercise days$")).click()
    page.locator("[data-testid=stPlotlyChart][aria-label^='Grouped bar chart of exercise days per week']").wait_for(
        timeout=30_000)
    assert page.locator(".js-plotly-plot .main-svg").count() >= 2


def test_an_entry_saved_in_the_browser_lands_in_the_local_log_and_undo_removes_it(page, log_path):
    before = log_path.read_bytes() if log_path.exists() else b""
    goto_page(page, "log")
    form = entry_form(page)
    rate_pain(form, 7)
    form.get_by_label("Notes (optional)").fill("typed in the browser, with a comma")
    form.get_by_role("button", name=re.compile("Save entry")).click()
    page.get_by_text("Saved:").wait_for(timeout=30_000)
    wait_for_app(page)
    assert_no_exception(page)
    saved = log_path.read_text(encoding="utf-8")
    assert saved.endswith(',7,,,"typed in the browser, with a comma"\n')
    assert saved.encode().startswith(before)

    page.get_by_role("button", name=re.compile("Undo the last entry")).click()
    page.get_by_text("The last entry was removed.").wait_for(timeout=30_000)
    wait_for_app(page)
    assert log_path.read_bytes() == (before or f"{HEADER_LINE}\n".encode())
