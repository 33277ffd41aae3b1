"""Reading whole diary files: the documented frame, one clear message for an unusable file, every bad row reported
with its row, column, value and reason, and every row accounted for."""

from __future__ import annotations

import datetime as dt
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinewell.log import read as read_module
from spinewell.log import store
from spinewell.log.entry import COLUMNS
from spinewell.log.read import MAX_LISTED_ISSUES, ParsedLog, read

TODAY = dt.date(2026, 11, 17)
CAUGHT = "could not be read as a CSV log ("  # the words of read()'s last-resort message: no test file should need it
CLEAN = (
    "date,time,pain,exercise,minutes,notes\n"
    "2026-03-02,08:00,6,,,Stiff getting up\n"
    "2026-03-02,18:30,,walking,30,\n"
    "2026-03-03,,5,plank,10,\"3 holds, easier\"\n"
)


def read_text(text: str | bytes, **options) -> ParsedLog:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read(data, date_order=options.pop("date_order", "auto"), today=options.pop("today", TODAY))


def accounted_for(parsed: ParsedLog) -> bool:
    """Every row read is in the frame, a repeat of one there, or reported."""
    return parsed.rows_read == len(parsed.frame) + parsed.duplicates_dropped + parsed.issue_count


def test_the_apps_own_format_reads_into_the_documented_columns_and_dtypes():
    parsed = read_text(CLEAN)
    assert parsed.ok and parsed.issues == () and parsed.rows_checked and parsed.last_row == 4
    frame = parsed.frame
    assert list(frame.columns) == list(COLUMNS)
    assert frame["date"].dtype == "datetime64[ns]"
    assert frame["pain"].dtype == "float64" and frame["minutes"].dtype == "float64"
    assert all(str(frame[c].dtype) == "string" for c in ("time", "exercise", "notes"))
    assert [f"{d:%Y-%m-%d}" for d in frame["date"]] == ["2026-03-02", "2026-03-02", "2026-03-03"]
    assert frame["time"].tolist()[:2] == ["08:00", "18:30"] and pd.isna(frame["time"].iloc[2])
    assert frame["pain"].tolist()[0] == 6 and np.isnan(frame["pain"].iloc[1])
    assert frame["exercise"].tolist() == ["", "walking", "plank"]
    assert frame["notes"].tolist() == ["Stiff getting up", "", "3 holds, easier"]
    assert (frame["date"] == frame["date"].dt.normalize()).all()


def test_exercise_only_logs_and_pain_only_logs_are_both_usable():
    assert read_text("date,exercise\n2026-03-02,walking\n").frame["exercise"].tolist() == ["walking"]
    assert read_text("date,pain\n2026-03-02,4\n").frame["pain"].tolist() == [4]


def test_the_date_order_must_be_one_the_reader_knows():
    with pytest.raises(ValueError, match="date_order"):
        read(b"date,pain\n2026-03-02,4\n", date_order="yearfirst", today=TODAY)


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
    parsed = read_text(data)
    assert not parsed.ok and expected in parsed.error
    assert parsed.frame.empty and list(parsed.frame.columns) == list(COLUMNS)
    if expected != "No usable entries":
        assert "Expected a CSV file" in parsed.error or "PDF" in parsed.error or "workbook" in parsed.error


def test_a_file_over_the_size_limit_is_refused_before_reading(monkeypatch):
    monkeypatch.setattr(read_module, "MAX_BYTES", 100)
    parsed = read_text(CLEAN + "2026-03-04,,4,,,\n" * 10)
    assert not parsed.ok and "larger than" in parsed.error and not parsed.rows_checked


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_any_bytes_get_a_reasoned_answer_not_the_last_resort(data):
    parsed = read_text(data)
    assert parsed.ok or CAUGHT not in parsed.error
    assert accounted_for(parsed)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=7), max_size=8))
def test_any_table_of_text_under_a_log_header_is_read_and_every_row_accounted_for(rows):
    body = "\n".join(",".join(cells) for cells in rows)
    parsed = read_text("date,time,pain,exercise,minutes,notes\n" + body)
    assert parsed.ok or CAUGHT not in parsed.error
    assert parsed.rows_checked or "doesn't look like a text file" in parsed.error  # control characters
    assert accounted_for(parsed)
    assert parsed.frame["pain"].dropna().between(0, 10).all()
    assert parsed.frame["minutes"].dropna().between(0, 1440).all()


CELLS = {
    "date": ["2026-03-02", "2026-03-03", " 2026-03-04", "02/03/2026", "", "  ", "soon", "2026-02-30", "1850-01-01",
             "2099-01-01", '"3 Mar 2026"', "2026-03-02 14:30"],
    "time": ["08:00", "18:30", "", "8:30", "08:30:15", " 08:30", "25:00", "  ", '"9:15 pm"'],
    "pain": ["", "5", "6.5", "11", "-1", "-0", "nan", "inf", "n/a", "7/10", " 4", '"3"', "abc", "1e1"],
    "exercise": ["", "walking", " walking", "Plank", "plank ", "yoga class"],
    "minutes": ["", "30", "30 min", "1h 15", "-5", "2000", "0", "12.5"],
    "notes": ["", "fine", '"a, b"', '"line one\nline two"', '"x ""y"" z"', "planned: walk", "ü café", "007"],
}


@st.composite
def small_logs(draw) -> bytes:
    """Small logs in the app's columns (some left out, in any order) from cells people really write, good and bad,
    with a repeated row now and then."""
    columns = ["date"] + draw(st.lists(st.sampled_from(["time", "pain", "exercise", "minutes", "notes"]),
                                       min_size=1, max_size=5, unique=True))
    if "pain" not in columns and "exercise" not in columns:
        columns.append("pain")
    columns = draw(st.permutations(columns))
    rows = draw(st.lists(st.tuples(*[st.sampled_from(CELLS[c]) for c in columns]), min_size=1, max_size=10))
    lines = [",".join(columns)] + [",".join(row) for row in rows]
    if draw(st.booleans()):
        lines.append(lines[draw(st.integers(1, len(lines) - 1))])
    return ("\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\r\n"]))).encode("utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_logs())
def test_a_small_log_is_read_into_a_clean_log_that_reads_back_unchanged(data):
    parsed = read_text(data, today=dt.date(2026, 6, 1))
    assert parsed.rows_checked and accounted_for(parsed)
    frame = parsed.frame
    assert frame["date"].is_monotonic_increasing and (frame["date"] <= pd.Timestamp(2026, 6, 1)).all()
    again = read(store.to_csv_bytes(frame), date_order="auto", today=dt.date(2026, 6, 1))
    assert again.issues == () and again.duplicates_dropped == 0
    pd.testing.assert_frame_equal(again.frame, frame)


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
    parsed = read_text(BAD_ROWS)
    assert parsed.ok
    assert parsed.frame["notes"].tolist() == ["fine", "last good"]
    found = {issue.row: issue.reason for issue in parsed.issues}
    assert sorted(found) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15]
    assert "not a date we recognise" in found[3] and "2026-03-14" in found[3]
    assert "no date" in found[4] and "not a date" in found[5] and "not a time" in found[6]
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
    assert parsed.rows_read == 14 and accounted_for(parsed)


def test_a_row_is_reported_once_for_its_first_problem():
    (issue,) = read_text("date,time,pain\nsoon,25:00,eleven\n").issues
    assert issue.column == "date"


def test_issues_are_capped_but_counted():
    parsed = read_text("date,pain\n" + "2026-03-02,x\n" * (MAX_LISTED_ISSUES + 5) + "2026-03-03,4\n")
    assert len(parsed.issues) == MAX_LISTED_ISSUES
    assert parsed.issue_count == MAX_LISTED_ISSUES + 5


# --- hostile and huge text -------------------------------------------------------------------------------------------

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
    parsed = read_text("date,pain,notes\n" + body)
    assert parsed.ok and parsed.issues == ()
    assert parsed.frame["notes"].tolist() == HOSTILE


def test_a_very_long_cell_is_kept_and_its_issue_value_is_shortened():
    long_note = "x" * 200_000
    parsed = read_text(f"date,pain,notes\n2026-03-02,4,{long_note}\n2026-03-03,{long_note},\n")
    assert parsed.frame["notes"].tolist() == [long_note]
    (issue,) = parsed.issues
    assert issue.row == 3 and len(issue.value) <= 120


def test_a_million_row_log_reads_fast_enough_and_plots_its_days():
    rows = 1_000_000
    days = pd.date_range("2024-01-01", periods=730).strftime("%Y-%m-%d").to_numpy()
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"date": np.sort(rng.choice(days, rows)), "pain": rng.integers(0, 11, rows)})
    data = frame.to_csv(index=False).encode()
    start = time.perf_counter()
    parsed = read(data, date_order="auto", today=TODAY)
    elapsed = time.perf_counter() - start
    assert parsed.ok and parsed.issue_count == 0
    assert parsed.frame["date"].nunique() == 730
    assert elapsed < 10, f"reading 1M rows took {elapsed:.1f} s"


# --- a big log against entries worked out in Python ----------------------------------------------------------------


def test_a_big_log_gives_exactly_the_entries_written_once_each_in_date_order():
    rng = np.random.default_rng(7)
    notes = ["", "ok", 'said "hi"', "multi\nline, note"]
    entries = [
        (f"2026-0{rng.integers(1, 10)}-1{rng.integers(0, 10)}", str(rng.choice(["", "08:00", "21:15"])),
         str(rng.choice(["", "4", "7"])), str(rng.choice(["walking", "plank"])), str(rng.choice(["", "20"])),
         str(rng.choice(notes)))
        for _ in range(80_000)
    ]
    written = pd.DataFrame(entries, columns=list(COLUMNS))
    data = written.to_csv(index=False, lineterminator="\n").encode()
    parsed = read_text(data)
    once = written.drop_duplicates(keep="first")
    once = once.assign(day=pd.to_datetime(once["date"])).sort_values("day", kind="stable")
    assert parsed.duplicates_dropped == len(written) - len(once) > 1000 and parsed.issues == ()
    got = parsed.frame
    assert [f"{d:%Y-%m-%d}" for d in got["date"]] == once["date"].tolist()
    assert got["time"].fillna("").tolist() == once["time"].tolist()
    assert got["pain"].tolist() == pytest.approx([float(p) if p else np.nan for p in once["pain"]], nan_ok=True)
    assert got["exercise"].tolist() == once["exercise"].tolist() and got["notes"].tolist() == once["notes"].tolist()
