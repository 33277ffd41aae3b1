"""The log page under AppTest, through app.py: an .xlsx, a Strava export and a locked workbook uploaded as a person
would upload them (AppTest's file_uploader keeps to the uploader's own list of file types, as the browser does)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from spinewell.log import source
from tests.apptest import chart, figures, open_page, page_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "imports"
TODAY = dt.date(2026, 12, 1)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture()
def log_page(tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("SPINEWELL_LOG", str(tmp_path / "pain_log.csv"))
    monkeypatch.setattr(source, "today", lambda: TODAY)
    return open_page("pages/log.py", timeout=60)


def upload(at: AppTest, name: str, mime: str) -> AppTest:
    at.file_uploader(key="log.upload").set_value((name, (FIXTURES / name).read_bytes(), mime)).run()
    assert not at.exception, at.exception
    return at


def pain_points(at: AppTest) -> dict[str, float]:
    spec, _ = chart(at, "Pain over time")
    points = next(t for t in spec["data"] if t["name"].startswith("Daily pain"))
    return {x[:10]: y for x, y in zip(points["x"], points["y"], strict=True)}


def test_an_uploaded_xlsx_is_charted_with_its_bad_row_listed_by_its_sheet_row(log_page):
    at = upload(log_page, "diary.xlsx", XLSX)
    assert not at.error
    assert pain_points(at) == {"2026-11-02": 6, "2026-11-03": 5, "2026-11-04": 5, "2026-11-05": 4, "2026-11-09": 3}
    box = next(e for e in at.expander if "could not be used" in e.label)
    assert [(r["row"], r["column"]) for r in box.dataframe[0].value.to_dict("records")] == [(8, "Pain (0-10)")]
    assert "read as the first sheet of the workbook, “Diary”" in page_text(at)


def test_an_uploaded_strava_export_counts_its_walks_and_rides_as_aerobic_minutes(log_page):
    at = upload(log_page, "strava_activities.csv", "text/csv")
    assert not at.error
    spec, _ = chart(at, "Aerobic minutes per week")
    minutes = [y for trace in spec["data"] if trace.get("type") == "bar" for y in trace["y"]]
    assert sum(minutes) == pytest.approx(45.2 + 82.92, abs=0.1)  # the walk and the ride; the run had no time
    assert "read as a Strava export" in page_text(at)


def test_a_locked_workbook_gets_one_plain_message_and_no_charts(log_page):
    at = upload(log_page, "locked.xlsx", XLSX)
    assert len(at.error) == 1 and "protected with a password" in at.error[0].value
    assert figures(at) == {}
