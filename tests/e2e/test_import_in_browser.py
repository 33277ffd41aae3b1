"""Imports in a real browser: a spreadsheet workbook (.xlsx) dropped on the log page's uploader is taken, read from
its first sheet and charted, with its one bad row listed by the row the spreadsheet shows."""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.helpers import assert_no_exception, goto_page, wait_for_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_an_xlsx_dropped_on_the_uploader_is_charted_with_its_bad_row_listed(page):
    goto_page(page, "log")
    page.get_by_text("Upload a log from a spreadsheet or another app").click()
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        {"name": "diary.xlsx", "mimeType": XLSX, "buffer": (FIXTURES / "diary.xlsx").read_bytes()}
    )
    page.get_by_text("Showing your uploaded file").wait_for(timeout=30_000)
    wait_for_app(page)
    assert_no_exception(page)
    assert page.get_by_text(re.compile("not allowed")).count() == 0  # no file-type refusal from the uploader

    assert page.get_by_text(re.compile(r"^1 row of the file could not be used")).count() == 1
    assert page.get_by_text(re.compile("read as the first sheet of the workbook")).count() == 1
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    charts = page.locator("[data-testid=stPlotlyChart]")
    labels = [charts.nth(i).get_attribute("aria-label") or "" for i in range(charts.count())]
    assert any(label.startswith("Chart of daily pain ratings from 02 Nov 2026 to 09 Nov 2026") for label in labels)
