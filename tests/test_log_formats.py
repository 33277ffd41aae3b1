"""Workbooks read as diaries: the first sheet of an .xlsx, .ods or .xls through the same checks as a CSV, with the
sheet's own row numbers; a locked, damaged or non-spreadsheet file gets a plain message; and a file whose columns
are no use says which columns it found."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from spinewell.log.describe import reading_notes
from spinewell.log.read import ParsedLog, read

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "imports"
TODAY = dt.date(2026, 12, 1)
CAUGHT = "could not be read as a CSV log ("  # read()'s last-resort words: no file here should need them


def read_fixture(name: str) -> ParsedLog:
    return read((FIXTURES / name).read_bytes(), date_order="auto", today=TODAY)


def days(parsed: ParsedLog) -> list[str]:
    return [f"{day:%Y-%m-%d}" for day in parsed.frame["date"]]


@pytest.mark.parametrize("name", ["diary.xlsx", "diary.ods", "diary.xls"])
def test_the_first_sheet_of_a_workbook_is_read_like_a_csv_with_its_dates_times_and_durations(name):
    parsed = read_fixture(name)
    assert parsed.ok, parsed.error
    frame = parsed.frame
    # 2026-11-05 was typed as the number 46331, as Excel shows a date cell whose format was cleared.
    assert days(parsed) == ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-09"]
    assert frame["time"].fillna("").tolist() == ["08:30", "18:00", "", "09:15", "07:45"]
    assert frame["pain"].tolist() == [6, 5, 5, 4, 3]
    assert frame["exercise"].tolist() == ["Walking", "Yoga", "Bridge", "Walking", "Plank"]
    assert frame["minutes"].tolist() == [20, 75, 10, 45, 1.5]  # 20, "1h 15m", "0:10", "45 min", "90s"
    assert frame["notes"].tolist()[1] == "class at the hall, felt looser"


@pytest.mark.parametrize("name", ["diary.xlsx", "diary.ods", "diary.xls"])
def test_a_bad_row_of_a_sheet_is_listed_with_the_row_number_the_spreadsheet_shows(name):
    parsed = read_fixture(name)
    # A title on row 1, an empty row 2, the header on row 3: "lots" is on the sheet's row 8.
    assert [(i.row, i.column, i.value) for i in parsed.issues] == [(8, "Pain (0-10)", "lots")]
    assert parsed.last_row == 9


def test_only_the_first_sheet_is_read_and_the_reading_notes_say_so():
    parsed = read_fixture("diary.xlsx")
    assert "Average pain" not in parsed.frame["notes"].tolist()  # the second sheet, "Summary", is left alone
    notes = reading_notes(parsed, uploaded=True, quote=str)
    assert notes is not None and "the first sheet of the workbook, “Diary”" in notes
    assert "read as UTF" not in notes  # a workbook has no text encoding to speak of


def test_a_password_protected_workbook_gets_a_message_saying_to_remove_the_password():
    parsed = read_fixture("locked.xlsx")
    assert not parsed.ok and parsed.frame.empty
    assert "protected with a password" in parsed.error and "remove the password" in parsed.error
    assert CAUGHT not in parsed.error


def test_a_damaged_workbook_gets_a_message_saying_to_save_it_again():
    parsed = read_fixture("damaged.xlsx")
    assert not parsed.ok and parsed.frame.empty
    assert "could not be opened" in parsed.error and "save it again" in parsed.error
    assert CAUGHT not in parsed.error


def test_a_zip_that_is_not_a_spreadsheet_is_named_as_such():
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("pain_log.csv", "date,pain\n2026-11-02,4\n")
    parsed = read(packed.getvalue(), date_order="auto", today=TODAY)
    assert not parsed.ok and "compressed (zip) file, not a spreadsheet" in parsed.error


def test_a_workbook_that_unpacks_to_far_more_than_a_diary_is_refused(monkeypatch):
    monkeypatch.setattr("spinewell.log.formats_sheets.MAX_UNPACKED_BYTES", 1000)
    parsed = read_fixture("diary.xlsx")
    assert not parsed.ok and "far larger than a diary needs" in parsed.error


def test_serial_dates_in_a_csv_read_as_the_days_excel_shows():
    parsed = read_fixture("serial_dates.csv")
    assert parsed.ok and not parsed.issues
    assert days(parsed) == ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"]
    assert parsed.frame["time"].fillna("").tolist() == ["", "", "18:00", ""]  # 46330.75: a quarter to the end
    assert parsed.frame["minutes"].fillna(-1).tolist() == [30, -1, 45, 1.5]  # "0:45" is h:mm: 45 minutes


def test_excel_serials_step_over_the_29_february_1900_that_never_was():
    # Excel counts a 29 February 1900; from 1 March 1900 on, serial N is N days after 30 December 1899.
    data = b"date,pain\n45000,3\n45001.5,4\n10000,2\n"
    parsed = read(data, date_order="auto", today=TODAY)
    assert days(parsed) == ["1927-05-18", "2023-03-15", "2023-03-16"]
    assert parsed.frame["time"].fillna("").tolist() == ["", "", "12:00"]


def test_a_number_that_is_no_serial_date_is_still_reported_as_not_a_date():
    parsed = read(b"date,pain\n2026-11-02,3\n123,4\n99999,5\n", date_order="auto", today=TODAY)
    assert days(parsed) == ["2026-11-02"]
    assert [(i.row, i.reason) for i in parsed.issues] == [
        (3, "not a date we recognise (use a date like 2026-03-14)"), (4, "the year 2173 looks like a typo")]


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"Activity ID,Kudos\n123,4\n", "Found columns: Activity ID, Kudos."),
        (b"date;mood;steps\n2026-11-02;good;4000\n", "Found columns: date, mood, steps."),
    ],
    ids=["no date column", "nothing to chart"],
)
def test_a_file_it_cannot_use_names_the_columns_found_and_the_ones_needed(data, found):
    parsed = read(data, date_order="auto", today=TODAY)
    assert not parsed.ok
    assert parsed.error.startswith(f"{found} Spinewell needs a date column and a pain or exercise column.")


def test_column_names_in_the_message_cannot_act_as_markdown():
    parsed = read(b"[click](http://evil.example),**Kudos**\n1,2\n", date_order="auto", today=TODAY)
    assert parsed.error.startswith("Found columns: click (http evil example), Kudos.")


def test_a_sheet_without_the_columns_needed_names_them_too():
    parsed = read(_xlsx_of([["Activity ID", "Kudos"], [123, 4]]), date_order="auto", today=TODAY)
    assert not parsed.ok and parsed.error.startswith("Found columns: Activity ID, Kudos.")


def test_an_ordinary_csv_is_read_exactly_as_before():
    data = b"date,time,pain,exercise,minutes,notes\n2026-11-02,08:00,6,,,Stiff\n2026-11-02,18:30,,walking,30,\n"
    parsed = read(data, date_order="auto", today=TODAY)
    assert parsed.ok and parsed.read_as == "" and parsed.encoding == "utf-8"
    assert reading_notes(parsed, uploaded=True, quote=str) is None
    pd.testing.assert_series_equal(parsed.frame["minutes"], pd.Series([float("nan"), 30.0], name="minutes"))


def _xlsx_of(rows: list[list[object]]) -> bytes:
    """A one-sheet .xlsx written by hand (the parts Excel needs), without a library to write one."""
    def cell(ref: str, value: object) -> str:
        if isinstance(value, int | float):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    body = "".join(
        f'<row r="{r}">' + "".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row)) + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>',
    }
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return packed.getvalue()


def test_a_workbook_over_the_size_limit_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr("spinewell.log.read.MAX_BYTES", 1000)
    monkeypatch.setattr("spinewell.log.formats_sheets.first_sheet", lambda data: pytest.fail("the workbook was opened"))
    parsed = read_fixture("diary.xlsx")
    assert not parsed.ok and "larger than" in parsed.error
