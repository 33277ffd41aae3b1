"""Finding the header row and the delimiter, and mapping headers in many spellings to the log's columns."""

from __future__ import annotations

import datetime as dt

import pytest

from spinewell.log.header import delimiter_name, find_header, map_columns, normalise
from spinewell.log.read import read

TODAY = dt.date(2026, 11, 17)
CLEAN = (
    "date,time,pain,exercise,minutes,notes\n"
    "2026-03-02,08:00,6,,,Stiff getting up\n"
    "2026-03-02,18:30,,walking,30,\n"
    "2026-03-03,,5,plank,10,\"3 holds, easier\"\n"
)


def read_text(text: str):
    return read(text.encode("utf-8"), date_order="auto", today=TODAY)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_comma_semicolon_and_tab_files_read_the_same(delimiter):
    text = CLEAN.replace(",", delimiter).replace(f'"3 holds{delimiter} easier"', '"3 holds, easier"')
    parsed = read_text(text)
    assert parsed.ok and parsed.delimiter == delimiter
    assert parsed.frame["notes"].tolist()[2] == "3 holds, easier"
    assert parsed.frame["minutes"].tolist()[1] == 30


@pytest.mark.parametrize(
    "header",
    [
        "Date,Time,Pain (0-10),Activity,Duration (min),Notes",
        "DATE,TIME,pain_score,Exercise,Minutes,Comment",
        "Entry date,Time of day,Pain level,Activity type,Mins,Comments",
        " date , time , Pain 0-10 , exercise , duration [minutes] , remarks ",
        "Date,Time,Pain rating,Workout,Time spent,Description",
    ],
)
def test_common_header_spellings_are_recognised(header):
    parsed = read_text(header + "\n2026-03-02,08:00,6,walking,30,ok\n")
    assert parsed.ok, parsed.error
    row = parsed.frame.iloc[0]
    assert (row["pain"], row["exercise"], row["minutes"], row["notes"], row["time"]) == (6, "walking", 30, "ok",
                                                                                          "08:00")


def test_headers_in_a_persons_own_words_are_matched_by_a_telling_word():
    parsed = read_text("Day of week,Date,Pain score (0-10),What I did,How long (mins),My diary\n"
                       "Mon,2026-03-02,5,walk,20,ok\n")
    assert parsed.ok and parsed.ignored_columns == ("Day of week",)
    row = parsed.frame.iloc[0]
    assert (row["pain"], row["exercise"], row["minutes"], row["notes"]) == (5, "walk", 20, "ok")


def test_a_unit_in_brackets_makes_a_time_column_minutes():
    assert map_columns(["Date", "Time (min)", "Pain"]) == {"date": 0, "minutes": 1, "pain": 2}
    assert normalise("Pain (0-10)") == "pain" and normalise("Duration [min]") == "duration"


def test_a_title_line_mentioning_a_date_is_not_taken_for_the_header():
    parsed = read_text("Pain diary export, date: 2026-03-01\nDate,Pain,Notes\n2026-03-02,5,date night\n")
    assert parsed.ok and parsed.frame["notes"].tolist() == ["date night"]


def test_columns_in_any_order_and_a_title_row_above_the_header():
    parsed = read_text("My pain diary (exported)\n\nNotes,Pain,Date\nfine,3,2026-03-02\n2026-03-03,x,y\n")
    assert parsed.ok and [f"{d:%Y-%m-%d}" for d in parsed.frame["date"]] == ["2026-03-02"]
    assert parsed.frame["notes"].tolist() == ["fine"]
    assert [issue.row for issue in parsed.issues] == [5]  # rows counted from the file's first line


def test_extra_columns_are_ignored_and_named():
    parsed = read_text("Date,Mood,Pain,Weather\n2026-03-02,good,4,rain\n")
    assert parsed.ok and parsed.frame["pain"].tolist() == [4]
    assert parsed.ignored_columns == ("Mood", "Weather")


def test_a_quoted_header_name_holding_a_line_break_is_one_header_row():
    text = '"Date\n(day)",Pain,Notes\n2026-03-02,5,x\n2026-03-03,11,y\n'
    header = find_header(text)
    assert (header.line, header.lines, header.columns) == (0, 2, {"date": 0, "pain": 1, "notes": 2})
    parsed = read_text(text)
    assert parsed.frame["notes"].tolist() == ["x"]
    assert [issue.row for issue in parsed.issues] == [3]


def test_no_date_column_means_no_header():
    assert find_header("name,score\nAnn,4\n") is None


def test_delimiters_are_named_as_a_person_would():
    assert [delimiter_name(d) for d in (",", ";", "\t")] == [",", ";", "tab"]
