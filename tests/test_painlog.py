"""Reading real-world CSV logs: a corpus of messy files built here, each pinning what a person would notice."""

from __future__ import annotations

import codecs
import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinewell import painlog

CLEAN = (
    "date,time,pain,exercise,minutes,notes\n"
    "2026-03-02,08:00,6,,,Stiff getting up\n"
    "2026-03-02,18:30,,walking,30,\n"
    "2026-03-03,,5,plank,10,\"3 holds, easier\"\n"
)


def read(text: str | bytes, **options) -> painlog.ParsedLog:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return painlog.read(data, **options)


def dates(parsed: painlog.ParsedLog) -> list[str]:
    return [f"{d:%Y-%m-%d}" for d in parsed.frame["date"]]


def reasons(parsed: painlog.ParsedLog) -> dict[int, str]:
    return {issue.row: issue.reason for issue in parsed.issues}


# --- the clean case and the documented frame -------------------------------------------------------------------


def test_the_apps_own_format_reads_into_the_documented_columns_and_dtypes():
    parsed = read(CLEAN)
    assert parsed.ok and parsed.issues == ()
    frame = parsed.frame
    assert list(frame.columns) == list(painlog.COLUMNS)
    assert frame["date"].dtype == "datetime64[ns]"
    assert frame["pain"].dtype == "float64" and frame["minutes"].dtype == "float64"
    assert all(str(frame[c].dtype) == "string" for c in ("time", "exercise", "notes"))
    assert dates(parsed) == ["2026-03-02", "2026-03-02", "2026-03-03"]
    assert frame["time"].tolist()[:2] == ["08:00", "18:30"] and pd.isna(frame["time"].iloc[2])
    assert frame["pain"].tolist()[0] == 6 and np.isnan(frame["pain"].iloc[1])
    assert frame["exercise"].tolist() == ["", "walking", "plank"]
    assert frame["notes"].tolist() == ["Stiff getting up", "", "3 holds, easier"]
    assert (frame["date"] == frame["date"].dt.normalize()).all()


def test_template_is_a_valid_log():
    parsed = painlog.read(painlog.template_csv())
    assert parsed.ok and parsed.issues == () and len(parsed.frame) == 3


# --- encodings ----------------------------------------------------------------------------------------------------

ACCENTED = "date,pain,notes\n2026-03-02,6,café, crème brûlée – “fine”\n".replace(
    "café, crème brûlée – “fine”", '"café, crème brûlée – “fine”"'
)


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with BOM (what Excel's "Unicode text" writes)
        lambda t: t.encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]),
        lambda t: t.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16 LE with BOM", "utf-16 BE with BOM", "windows-1252"],
)
def test_encodings_give_the_same_text(encode):
    parsed = painlog.read(encode(ACCENTED))
    assert parsed.ok, parsed.error
    assert parsed.frame["notes"].tolist() == ["café, crème brûlée – “fine”"]


def test_latin1_bytes_that_are_not_windows_1252_fall_back_to_latin1():
    data = "date,pain,notes\n2026-03-02,6,naïve\x81\n".encode("latin-1")
    parsed = painlog.read(data)
    assert parsed.ok and parsed.encoding == "latin-1"
    assert parsed.frame["notes"].tolist() == ["naïve\x81"]


def test_a_bom_does_not_hide_the_date_header():
    parsed = painlog.read(codecs.BOM_UTF8 + b"Date;Pain\n02/03/2026;5\n")
    assert parsed.ok and dates(parsed) == ["2026-03-02"]


# --- delimiters and headers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_comma_semicolon_and_tab_files_read_the_same(delimiter):
    text = CLEAN.replace(",", delimiter) if delimiter != "," else CLEAN
    if delimiter != ",":
        text = text.replace(f'"3 holds{delimiter} easier"', '"3 holds, easier"')
    parsed = read(text)
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
    body = "2026-03-02,08:00,6,walking,30,ok\n"
    parsed = read(header + "\n" + body)
    assert parsed.ok, parsed.error
    row = parsed.frame.iloc[0]
    assert (row["pain"], row["exercise"], row["minutes"], row["notes"]) == (6, "walking", 30, "ok")
    assert row["time"] == "08:00"


def test_headers_in_a_persons_own_words_are_matched_by_a_telling_word():
    parsed = read(
        "Day of week,Date,Pain score (0-10),What I did,How long (mins),My diary\n"
        "Mon,2026-03-02,5,walk,20,ok\n"
    )
    assert parsed.ok and parsed.ignored_columns == ("Day of week",)
    row = parsed.frame.iloc[0]
    assert (row["pain"], row["exercise"], row["minutes"], row["notes"]) == (5, "walk", 20, "ok")


def test_a_title_line_mentioning_a_date_is_not_taken_for_the_header():
    parsed = read("Pain diary export, date: 2026-03-01\nDate,Pain,Notes\n2026-03-02,5,date night\n")
    assert parsed.ok and parsed.frame["notes"].tolist() == ["date night"]


def test_extra_columns_are_ignored_and_named():
    parsed = read("Date,Mood,Pain,Weather\n2026-03-02,good,4,rain\n")
    assert parsed.ok and parsed.frame["pain"].tolist() == [4]
    assert parsed.ignored_columns == ("Mood", "Weather")


def test_columns_in_any_order_and_a_title_row_above_the_header():
    parsed = read("My pain diary (exported)\n\nNotes,Pain,Date\nfine,3,2026-03-02\n")
    assert parsed.ok and dates(parsed) == ["2026-03-02"]
    assert parsed.frame["notes"].tolist() == ["fine"]


def test_exercise_only_logs_and_pain_only_logs_are_both_usable():
    assert read("date,exercise\n2026-03-02,walking\n").ok
    assert read("date,pain\n2026-03-02,4\n").ok


# --- unusable files: one clear message, never an exception -------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"date,pain\n", "header row but no entries"),
        (b"date,pain\n,\n,\n", "header row but no entries"),
        (b"name,score\nAnn,4\n", "No date column"),
        (b"date,mood\n2026-03-02,good\n", "neither a pain column nor an exercise column"),
        (bytes(range(256)) * 40, "doesn't look like a text file"),
        (b"PK\x03\x04" + b"\x00" * 100, "spreadsheet workbook"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"date,pain\n2026-03-02,abc\n", "No usable entries"),
    ],
    ids=["empty", "blank lines", "header only", "header and empty rows", "no date column", "nothing to chart",
         "binary garbage", "xlsx", "pdf", "every row bad"],
)
def test_unusable_files_get_one_message_that_says_what_is_expected(data, expected):
    parsed = painlog.read(data)
    assert not parsed.ok
    assert expected in parsed.error
    assert parsed.frame.empty and list(parsed.frame.columns) == list(painlog.COLUMNS)
    if expected != "No usable entries":
        assert "Expected a CSV file" in parsed.error or "PDF" in parsed.error or "workbook" in parsed.error


def test_a_file_over_the_size_limit_is_refused_before_reading(monkeypatch):
    monkeypatch.setattr(painlog, "MAX_BYTES", 100)
    parsed = read(CLEAN + "2026-03-04,,4,,,\n" * 10)
    assert not parsed.ok and "larger than" in parsed.error


def test_an_unclosed_quote_is_explained():
    parsed = read('date,pain,notes\n2026-03-02,5,"never closed\n2026-03-03,4,x\n')
    # Either pandas reads the rest as one note (and the rows stay usable) or the message names the quote.
    assert parsed.ok or "quote" in parsed.error


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_no_bytes_at_all_make_read_raise(data):
    parsed = painlog.read(data)
    assert parsed.ok or parsed.error


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=7), max_size=8))
def test_no_table_of_text_under_a_log_header_makes_read_raise(rows):
    body = "\n".join(",".join(cells) for cells in rows)
    parsed = read("date,time,pain,exercise,minutes,notes\n" + body)
    assert parsed.ok or parsed.error
    if parsed.ok:
        assert parsed.frame["pain"].dropna().between(0, 10).all()
        assert (parsed.frame["minutes"].dropna() >= 0).all()


# --- bad rows: kept out, reported with row, column, value and reason -------------------------------------------------

BAD_ROWS = (
    "date,time,pain,exercise,minutes,notes\n"  # row 1
    "2026-03-02,08:00,6,,,fine\n"  # 2 good
    "not a date,,5,,,\n"  # 3 bad date
    ",,4,,,\n"  # 4 no date
    "2026-02-30,,4,,,\n"  # 5 impossible date
    "2026-03-03,25:00,4,,,\n"  # 6 impossible time
    "2026-03-03,,eleven,,,\n"  # 7 pain not a number
    "2026-03-03,,11,,,\n"  # 8 pain out of range
    "2026-03-03,,-1,,,\n"  # 9 pain negative
    "2026-03-03,,,walking,-5,\n"  # 10 minutes negative
    "2026-03-03,,,walking,lots,\n"  # 11 minutes not a number
    "2026-03-03,,,walking,2000,\n"  # 12 more than a day
    "2026-03-03,,3,walking,30,too,many,commas\n"  # 13 unquoted commas
    ",,,,,\n"  # 14 blank: skipped silently
    "1850-01-01,,3,,,\n"  # 15 year looks wrong
    "2026-03-04,,3,walking,30,last good\n"  # 16 good
)


def test_each_kind_of_bad_row_is_reported_and_the_good_rows_still_count():
    parsed = read(BAD_ROWS)
    assert parsed.ok
    assert parsed.frame["notes"].tolist() == ["fine", "last good"]
    found = reasons(parsed)
    assert sorted(found) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15]
    assert "not a date we recognise" in found[3] and "2026-03-14" in found[3]
    assert "no date" in found[4]
    assert "not a date" in found[5]
    assert "not a time" in found[6]
    assert "number from 0 to 10" in found[7]
    assert "from 0 to 10" in found[8] and "from 0 to 10" in found[9]
    assert "from 0 to 1440" in found[10] and "from 0 to 1440" in found[12]
    assert "number, like 30" in found[11]
    assert "more values than the header" in found[13] and "quotes" in found[13]
    assert "year" in found[15]
    by_row = {i.row: i for i in parsed.issues}
    assert (by_row[7].column, by_row[7].value) == ("pain", "eleven")
    assert (by_row[3].column, by_row[3].value) == ("date", "not a date")
    assert parsed.issue_count == len(parsed.issues) == 12


def test_row_numbers_count_quoted_multiline_notes_as_one_row_and_skip_nothing():
    text = (
        "date,pain,notes\n"
        '2026-03-02,5,"line one\nline two, with a comma"\n'  # row 2 (two physical lines)
        "\n"  # row 3 blank
        "2026-03-03,5,a,b\n"  # row 4 too long
        "2026-03-04,99,\n"  # row 5 pain out of range
    )
    parsed = read(text)
    assert reasons(parsed).keys() == {4, 5}
    assert parsed.frame["notes"].tolist() == ["line one\nline two, with a comma"]


def test_a_first_entry_longer_than_the_header_is_reported_not_truncated():
    parsed = read("date,pain,notes\n2026-03-02,5,hi,there,again\n2026-03-03,4,ok\n")
    assert reasons(parsed).keys() == {2}
    assert parsed.frame["notes"].tolist() == ["ok"]


def test_issues_are_capped_but_counted():
    text = "date,pain\n" + "2026-03-02,x\n" * (painlog.MAX_LISTED_ISSUES + 5) + "2026-03-03,4\n"
    parsed = read(text)
    assert len(parsed.issues) == painlog.MAX_LISTED_ISSUES
    assert parsed.issue_count == painlog.MAX_LISTED_ISSUES + 5


# --- dates ---------------------------------------------------------------------------------------------------------


def test_day_first_dates_are_recognised_when_a_day_is_over_12():
    parsed = read("Date,Pain\n13/03/2026,5\n03/04/2026,4\n")
    assert parsed.ok and not parsed.ambiguous_dates and parsed.date_order == "dayfirst"
    assert dates(parsed) == ["2026-03-13", "2026-04-03"]


def test_month_first_dates_are_recognised_when_a_day_is_over_12():
    parsed = read("Date,Pain\n03/13/2026,5\n04/03/2026,4\n")
    assert parsed.ok and not parsed.ambiguous_dates and parsed.date_order == "monthfirst"
    assert dates(parsed) == ["2026-03-13", "2026-04-03"]


def test_ambiguous_dates_are_flagged_and_read_the_way_the_person_says():
    text = "Date,Pain\n03/04/2026,5\n04/05/2026,4\n"
    auto = read(text)
    assert auto.ambiguous_dates and auto.date_order == "dayfirst"
    assert dates(read(text, date_order="dayfirst")) == ["2026-04-03", "2026-05-04"]
    month_first = read(text, date_order="monthfirst")
    assert dates(month_first) == ["2026-03-04", "2026-04-05"] and not month_first.ambiguous_dates


def test_dates_with_the_same_day_and_month_are_not_ambiguous():
    parsed = read("Date,Pain\n01/01/2026,5\n02/02/2026,4\n")
    assert parsed.ok and not parsed.ambiguous_dates


def test_a_date_that_only_fits_the_other_order_is_reported_not_guessed():
    parsed = read("Date,Pain\n13/03/2026,5\n14/03/2026,5\n03/15/2026,4\n")
    assert parsed.date_order == "dayfirst"
    assert "other way round" in reasons(parsed)[4]


def test_date_separators_two_digit_years_times_and_month_names():
    text = (
        "Date,Pain\n"
        "2026/03/02,1\n"
        "2026-03-03 14:30,2\n"
        "2026-03-04T07:05:00,3\n"
        "05.03.2026,4\n"
        "06-03-26,5\n"
        "07/03/2026 9:15 PM,6\n"
        '"Sunday, 8 March 2026",7\n'
        "9 Mar 2026,8\n"
        "March 10 2026 06:45,9\n"
        "  2026-03-11  ,10\n"
    )
    parsed = read(text)
    assert parsed.issues == (), parsed.issues
    assert dates(parsed) == [f"2026-03-{d:02d}" for d in range(2, 12)]
    times = dict(zip(parsed.frame["pain"], parsed.frame["time"], strict=True))
    assert times[2] == "14:30" and times[3] == "07:05" and times[6] == "21:15" and times[9] == "06:45"
    assert pd.isna(times[1]) and pd.isna(times[8])


def test_a_time_column_wins_over_a_time_inside_the_date_and_12_hour_times_convert():
    parsed = read("date,time,pain\n2026-03-02 07:00,8:30 pm,4\n2026-03-03 07:00,,4\n2026-03-04,12:15 am,4\n")
    assert parsed.frame["time"].tolist() == ["20:30", "07:00", "00:15"]


# --- numbers ---------------------------------------------------------------------------------------------------------


def test_decimal_commas_units_and_blank_markers():
    text = (
        "Datum;Schmerz;Aktivität;Minuten\n"  # unknown headers except the first...
    )
    assert not read(text + "02.03.2026;6,5;Walking;30\n").ok  # ...so nothing maps: a clear error, not a guess
    parsed = read(
        "Date;Pain;Activity;Duration\n"
        "02.03.2026;6,5;Walking;30 min\n"
        "03.03.2026;7/10;Swimming;1h 15\n"
        "04.03.2026;n/a;Cycling;1.5 hours\n"
        "05.03.2026;-;Plank;45m\n"
    )
    assert parsed.ok and parsed.issues == ()
    assert parsed.frame["pain"].tolist()[:2] == [6.5, 7.0]
    assert parsed.frame["pain"].isna().tolist() == [False, False, True, True]
    assert parsed.frame["minutes"].tolist() == [30, 75, 90, 45]


def test_pain_with_a_decimal_point_in_a_semicolon_file_still_reads():
    parsed = read("Date;Pain\n2026-03-02;6.5\n2026-03-03;7,5\n")
    assert parsed.frame["pain"].tolist() == [6.5, 7.5]


def test_a_numeric_notes_column_keeps_its_text():
    parsed = read("date,pain,notes\n2026-03-02,4,7\n2026-03-03,4,12\n")
    assert parsed.frame["notes"].tolist() == ["7", "12"]


# --- duplicates, order, hostile text ---------------------------------------------------------------------------------


def test_exact_repeats_are_counted_once_and_rows_are_sorted_by_date():
    text = (
        "date,time,pain,exercise,minutes,notes\n"
        "2026-03-05,,4,,,\n"
        "2026-03-02,09:00,,walking,30,\n"
        "2026-03-02,09:00,,walking,30,\n"  # exact repeat
        "2026-03-02,09:00,,walking,30,different note\n"  # not a repeat
        "2026-03-01,,6,,,\n"
        "2026-03-05,,4,,,\n"  # exact repeat, out of order
    )
    parsed = read(text)
    assert parsed.duplicates_dropped == 2
    assert dates(parsed) == ["2026-03-01", "2026-03-02", "2026-03-02", "2026-03-05"]
    assert parsed.frame["notes"].tolist()[1:3] == ["", "different note"]  # same-day order kept from the file


def test_entries_written_two_ways_that_mean_the_same_are_repeats():
    parsed = read("date,pain,exercise\n2026-03-02,4, walking\n02/03/2026,4.0,walking \n")
    assert parsed.duplicates_dropped == 1 and parsed.frame["exercise"].tolist() == ["walking"]


HOSTILE = [
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+SUM(1,2)",
    "-2+3",
    "@cmd",
    "**bold** _under_ [link](http://x.example) <script>alert(1)</script> <b>html</b>",
    "# Heading\n- list item",
]


def test_hostile_notes_are_kept_exactly_as_text():
    body = "".join(f'2026-03-{i + 2:02d},4,"{note.replace(chr(34), chr(34) * 2)}"\n' for i, note in enumerate(HOSTILE))
    parsed = read("date,pain,notes\n" + body)
    assert parsed.ok and parsed.issues == ()
    assert parsed.frame["notes"].tolist() == HOSTILE


def test_a_very_long_cell_is_kept_and_its_issue_value_is_shortened():
    long_note = "x" * 200_000
    parsed = read(f"date,pain,notes\n2026-03-02,4,{long_note}\n2026-03-03,{long_note},\n")
    assert parsed.frame["notes"].tolist() == [long_note]
    (issue,) = parsed.issues
    assert issue.row == 3 and len(issue.value) <= 120


def test_a_million_row_log_reads_fast_enough_and_plots_its_days():
    rows = 1_000_000
    days = pd.date_range("2024-01-01", periods=730).strftime("%Y-%m-%d").to_numpy()
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"date": np.sort(rng.choice(days, rows)), "pain": rng.integers(0, 11, rows)})
    data = frame.to_csv(index=False).encode()
    start = dt.datetime.now()
    parsed = painlog.read(data)
    elapsed = (dt.datetime.now() - start).total_seconds()
    assert parsed.ok and parsed.issue_count == 0
    assert parsed.frame["date"].nunique() == 730
    assert elapsed < 10, f"reading 1M rows took {elapsed:.1f} s"


def test_times_and_notes_that_look_like_numbers_keep_their_text():
    parsed = read("date,time,pain,notes\n2026-03-02,8.30,4,1.50\n2026-03-03,12.00,5,007\n")
    assert parsed.issues == ()
    assert parsed.frame["time"].tolist() == ["08:30", "12:00"]
    assert parsed.frame["notes"].tolist() == ["1.50", "007"]


# --- the two readers: Arrow's for the common case, pandas' for the rest, with the same results -----------------------


def without_arrow(data: bytes, monkeypatch, **options) -> painlog.ParsedLog:
    with monkeypatch.context() as patch:
        patch.setattr(painlog, "_read_arrow", lambda *args: None)
        return painlog.read(data, **options)


def assert_same(fast: painlog.ParsedLog, slow: painlog.ParsedLog) -> None:
    pd.testing.assert_frame_equal(fast.frame, slow.frame, check_exact=True)
    for field in ("issues", "issue_count", "ambiguous_dates", "date_order", "error", "encoding", "delimiter",
                  "rows_read", "duplicates_dropped", "ignored_columns", "rows_checked"):
        assert getattr(fast, field) == getattr(slow, field), field


@pytest.fixture()
def arrow_reads(monkeypatch) -> list[bool]:
    """Records, for each read, whether Arrow's reader took the file."""
    taken: list[bool] = []
    real = painlog._read_arrow

    def spy(*args):
        frame = real(*args)
        taken.append(frame is not None)
        return frame

    monkeypatch.setattr(painlog, "_read_arrow", spy)
    return taken


PARITY = {
    "clean": CLEAN,
    "bad rows": BAD_ROWS,
    "quoted line breaks": 'date,pain,notes\n2026-03-02,5,"line one\nline two, with a comma"\n2026-03-03,4,"a\rb"\n',
    "doubled quotes": 'date,pain,notes\n"2026-03-02",5,"x ""y"" z"\n2026-03-03,4,ab"c"d\n2026-03-04,3,"abc"def\n',
    "CRLF and trailing blank lines": "date,pain,exercise\r\n2026-03-02,5,walking\r\n\r\n\r\n",
    "old Mac line ends": "date,pain\r2026-03-02,5\r2026-03-03,4\r",
    "a blank line in the middle": "date,pain\n2026-03-02,5\n\n2026-03-03,4\n",
    "a row of spaces": "date,pain\n2026-03-02,5\n   \n",
    "no final line break": "date,time,pain\n2026-03-02,08:00,5",
    "quoted header": '"date","pain","notes"\n2026-03-02,5,x\n',
    "semicolons and decimal commas": "Date;Pain;Activity;Duration\n2026-03-02;6,5;Walking;30\n2026-03-03;6.5;;\n",
    "tabs": "date\tpain\texercise\n2026-03-02\t5\tplank\n",
    "numbers spelled oddly": "date,pain,minutes\n2026-03-02,+5,.5\n2026-03-03,1e1,5.\n2026-03-04, 4 ,0005\n",
    "nan as a number": "date,pain\n2026-03-02,4\n,nan\n2026-03-03,NaN\n",
    "infinity": "date,pain\n2026-03-02,inf\n2026-03-03,-Infinity\n",
    "minus zero": "date,pain,minutes\n2026-03-02,-0,-0.0\n",
    "times with seconds, spaces, 12-hour": "date,time,pain\n2026-03-02,08:30:59,4\n2026-03-03, 09:15 ,4\n"
                                           "2026-03-04,8:30 pm,4\n2026-03-05,24:00,4\n",
    "a time column of spaces": "date,time,pain\n2026-03-02,  ,4\n,  ,\n",
    "dates in other orders": "Date,Pain\n13/03/2026,5\n03/04/2026,4\n",
    "a time inside the date": "date,time,pain\n2026-03-02 07:00,,4\n2026-03-03 07:00,08:00,4\n",
    "repeats written two ways": "date,pain,exercise\n2026-03-02,4, walking\n02/03/2026,4.0,walking \n",
    "short and long rows": "date,pain,notes\n2026-03-02,5\n2026-03-03,4,a,b\n2026-03-04,3,ok\n",
    "first entry too long": "date,pain,notes\n2026-03-02,5,hi,there,again\n2026-03-03,4,ok\n",
    "unclosed quote at the end": 'date,pain,notes\n2026-03-02,5,x\n2026-03-03,4,"never closed\n\n',
    "unclosed quote in the last cell": 'date,pain,notes\n2026-03-02,5,x\n2026-03-03,4,"y',
    "unclosed quote with doubled quotes": 'date,pain,notes\n2026-03-02,5,x\n2026-03-03,4,"y""',
    "unclosed quote in a number": 'date,notes,pain\n2026-03-02,x,5\n2026-03-03,y,"4',
    "a quoted last number": 'date,notes,pain\n2026-03-02,x,"5"\n',
    "header only": "date,pain\n",
    "header and empty rows": "date,pain\n,\n,\n",
    "a BOM": "\ufeffdate,pain\n2026-03-02,5\n",
    "hostile notes": "date,pain,notes\n" + "".join(
        f'2026-03-{i + 2:02d},4,"{note.replace(chr(34), chr(34) * 2)}"\n' for i, note in enumerate(HOSTILE)
    ),
    "planned and future rows": "date,pain,exercise,minutes,notes\n2026-03-02,,Plank,,planned: 3 x 20 seconds\n"
                               "2026-03-02,,Plank,5,planned: 3 x 20 seconds\n2099-01-01,4,,,\n",
    "numbers in text columns": "date,time,pain,exercise,notes\n2026-03-02,8.30,4,1,1.50\n2026-03-03,12.00,5,2,007\n",
}


@pytest.mark.parametrize("text", PARITY.values(), ids=PARITY.keys())
def test_arrow_and_pandas_read_every_corpus_file_the_same(text, monkeypatch):
    data = text.encode("utf-8")
    assert_same(painlog.read(data), without_arrow(data, monkeypatch))


def test_arrow_reads_the_apps_own_format_and_leaves_the_odd_files_to_pandas(arrow_reads):
    for name in ("clean", "CRLF and trailing blank lines", "quoted line breaks", "semicolons and decimal commas",
                 "times with seconds, spaces, 12-hour", "nan as a number", "unclosed quote at the end",
                 "short and long rows"):
        painlog.read(PARITY[name].encode("utf-8"))
    # 12-hour times: Arrow reads the time column again as text. A decimal point in a semicolon file, "nan", an
    # unclosed quote and rows of the wrong length go to pandas.
    assert arrow_reads == [True, True, True, False, True, False, False, False]


CELLS = {
    "date": ["2026-03-02", "2026-03-03", " 2026-03-04", "02/03/2026", "", "  ", "soon", "2026-02-30", "1850-01-01",
             "2099-01-01", '"3 Mar 2026"', "2026-03-02 14:30"],
    "time": ["08:00", "18:30", "", "8:30", "08:30:15", " 08:30", "25:00", "  ", '"9:15 pm"'],
    "pain": ["", "5", "6.5", "11", "-1", "-0", "nan", "inf", "n/a", "7/10", " 4", '"3"', "abc", "1e1"],
    "exercise": ["", "walking", " walking", "Plank", "plank ", "yoga class", "=cmd"],
    "minutes": ["", "30", "30 min", "1h 15", "-5", "2000", "0", "12.5"],
    "notes": ["", "fine", '"a, b"', '"line one\nline two"', '"x ""y"" z"', "planned: walk", "ü café", "007"],
}


@st.composite
def small_logs(draw) -> bytes:
    columns = ["date"] + draw(st.lists(st.sampled_from(["time", "pain", "exercise", "minutes", "notes"]),
                                       min_size=1, max_size=5, unique=True))
    if "pain" not in columns and "exercise" not in columns:
        columns.append("pain")
    columns = draw(st.permutations(columns))
    rows = draw(st.lists(st.tuples(*[st.sampled_from(CELLS[c]) for c in columns]), min_size=1, max_size=10))
    lines = [",".join(columns)] + [",".join(row) for row in rows]
    if draw(st.booleans()):
        lines.append(lines[draw(st.integers(1, len(lines) - 1))])  # a repeat
    return ("\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\r\n"]))).encode("utf-8")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(small_logs())
def test_arrow_and_pandas_read_any_small_log_the_same(monkeypatch, data):
    today = dt.date(2026, 6, 1)
    assert_same(painlog.read(data, today=today), without_arrow(data, monkeypatch, today=today))


def big_log(rows: int, seed: int, odd: str | None = None, multiline: bool = True) -> bytes:
    """A log long enough for Arrow to parse it in several blocks, with repeats, and an odd row late in it."""
    rng = np.random.default_rng(seed)
    notes = ["", "", "", "ok", '"said ""hi"""'] + (['"multi\nline, note"'] if multiline else [])

    def pick(values: list[str]) -> np.ndarray:
        return np.array(values, dtype=object)[rng.integers(0, len(values), rows)]

    dates = pick([f"2026-0{m}-1{d}" for m in range(1, 10) for d in range(10)])
    lines = dates + "," + pick(["", "08:00", "21:15"]) + "," + pick(["", "4", "7"]) + "," + pick(
        ["", "walking", "plank"]) + "," + pick(["", "20", "35"]) + "," + pick(notes)
    lines = ["date,time,pain,exercise,minutes,notes", *lines]
    if odd is not None:
        lines.insert(rows * 3 // 4, odd)
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize(
    ("seed", "odd", "multiline", "arrow"),
    [
        (1, None, False, True),
        (2, "2026-05-05,8:30 pm,4,,,", False, True),  # the time column read as text after all
        (3, "2026-05-05,08:00,lots,,,", False, False),
        (4, "2026-05-05,08:00,4", False, False),
        (5, None, True, None),  # line breaks in notes: Arrow's blocks may or may not cut through one
    ],
    ids=["clean", "a late 12-hour time", "a late word for a number", "a late short row", "notes with line breaks"],
)
def test_arrow_and_pandas_read_big_logs_the_same(seed, odd, multiline, arrow, monkeypatch, arrow_reads):
    data = big_log(40_000, seed, odd, multiline)
    fast = painlog.read(data, today=dt.date(2026, 9, 20))
    if arrow is not None:
        assert arrow_reads == [arrow]
    assert fast.duplicates_dropped > 0
    assert_same(fast, without_arrow(data, monkeypatch, today=dt.date(2026, 9, 20)))


def test_repeats_are_found_exactly_even_when_every_fingerprint_collides(monkeypatch):
    data = big_log(3_000, 6)
    expected = painlog.read(data)
    monkeypatch.setattr(painlog, "_FINGERPRINT_STEP", np.uint64(0))  # only the exercise is left to tell rows apart
    colliding = painlog.read(data)
    assert expected.duplicates_dropped > 100
    assert_same(colliding, expected)


def test_repeats_that_differ_only_in_their_notes_are_all_kept():
    parsed = read(
        "date,pain,notes\n"
        "2026-03-02,4,a\n2026-03-02,4,b\n2026-03-02,4,a\n"  # A B A: the second A repeats the first
        "2026-03-02,4,b\n2026-03-02,4,c\n"
    )
    assert parsed.duplicates_dropped == 2
    assert parsed.frame["notes"].tolist() == ["a", "b", "c"]
