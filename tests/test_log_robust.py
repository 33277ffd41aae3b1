"""The reader never loses a file to one bad row: a year typo, a quote never closed, a stray NUL byte, lines in two
encodings, the app's old spreadsheet escapes and a pain column on a 0-100 scale."""

from __future__ import annotations

import datetime as dt

import pytest

from spinewell.log.decode import decode
from spinewell.log.describe import reading_notes
from spinewell.log.read import UNCLOSED_REASON, ParsedLog, read

TODAY = dt.date(2026, 11, 17)
CAUGHT = "could not be read as a CSV log ("  # read()'s last-resort message: no file here may need it


def read_bytes(data: bytes, date_order: str = "auto") -> ParsedLog:
    return read(data, date_order=date_order, today=TODAY)


def diary(rows: int, bad: str | None = None, at: int = 2, header: str = "date,pain,exercise,minutes,notes") -> str:
    """A diary of `rows` good rows (dated in March 2026, each one distinct), `bad` put in as the row `at`."""
    lines = [f"2026-03-{1 + i % 28:02d},{i % 11},walking,{10 + i % 50},note {i}" for i in range(rows)]
    if bad is not None:
        lines.insert(at - 2, bad)
    return header + "\n" + "\n".join(lines) + "\n"


def reasons(parsed: ParsedLog) -> dict[int, str]:
    return {issue.row: issue.reason for issue in parsed.issues}


# --- a date outside pandas' range is a row issue, not a lost file --------------------------------------------------


@pytest.mark.parametrize(
    ("date", "year"),
    [
        ("3025-03-01", 3025), ("2620-03-01", 2620), ("1025-03-01", 1025), ("3025/03/01", 3025),
        ("3025-03-01 10:00", 3025), ("3025-03-01T10:00:00", 3025), ("01/03/3025", 3025), ("03/01/1025", 1025),
        ("01/03/3025 10:00", 3025), ("1 Mar 3025", 3025), ("Tuesday 3 March 2620 09:00", 2620),
        ("1899-12-31", 1899), ("2150-01-01", 2150), ("2028-03-01", 2028),
    ],
)
def test_a_year_typo_is_one_reported_row_and_every_other_row_charts(date, year):
    parsed = read_bytes(diary(60, f"{date},4,walking,20,typo", at=5).encode())
    assert parsed.ok and CAUGHT not in (parsed.error or "")
    assert len(parsed.frame) == 60 and parsed.issue_count == 1
    (issue,) = parsed.issues
    assert (issue.row, issue.column, issue.value) == (5, "date", date)
    assert issue.reason == f"the year {year} looks like a typo"


def test_next_years_dates_are_in_the_future_and_later_ones_look_like_typos():
    text = diary(3) + "2027-01-05,4,,,\n2028-01-05,4,,,\n"
    assert reasons(read_bytes(text.encode())) == {5: "date is in the future", 6: "the year 2028 looks like a typo"}


def test_many_different_year_typos_are_all_reported():
    typos = "".join(f"{3000 + i}-03-01,4,,,\n" for i in range(40))
    parsed = read_bytes((diary(5) + typos).encode())
    assert len(parsed.frame) == 5 and parsed.issue_count == 40
    assert all("looks like a typo" in issue.reason for issue in parsed.issues)


def test_a_stored_diary_with_a_year_typo_still_takes_new_entries():
    """A local diary with such a row used to be unreadable, so the page refused every later save."""
    parsed = read_bytes(diary(10, "3025-03-01,4,walking,20,typo").encode())
    assert parsed.ok and parsed.rows_checked and parsed.last_row == 12


# --- a quote never closed, a NUL byte -------------------------------------------------------------------------------


def test_an_open_quote_on_one_row_of_a_thousand_loses_only_that_row():
    parsed = read_bytes(diary(999, '2026-03-05,4,walking,20,"oops, never closed', at=3).encode())
    assert parsed.ok and len(parsed.frame) == 999
    assert reasons(parsed) == {3: UNCLOSED_REASON} and parsed.issues[0].value == "oops, never closed"
    assert parsed.last_row == 1001
    assert "note 998" in set(parsed.frame["notes"])


def test_quoted_notes_after_a_quote_never_closed_still_read_as_one_cell():
    text = ('date,pain,notes\n2026-03-02,5,"ok, fine"\n2026-03-03,4,"never closed\n2026-03-04,3,"a, b"\n'
            '2026-03-05,2,"one\nnote on two lines"\n2026-03-06,1,"again\n2026-03-07,1,last\n')
    parsed = read_bytes(text.encode())
    assert parsed.frame["notes"].tolist() == ["ok, fine", "a, b", "one\nnote on two lines", "last"]
    assert reasons(parsed) == {3: UNCLOSED_REASON, 6: UNCLOSED_REASON}
    assert parsed.last_row == 7


def test_a_quote_never_closed_in_a_big_file_keeps_the_rows_after_it():
    body = "".join(f'2026-03-{1 + i % 28:02d},{i % 11},"note {i}, with a comma"\n' for i in range(60_000))
    parsed = read_bytes(("date,pain,notes\n" + body + '2026-03-29,4,"oops\n' + body).encode())
    assert reasons(parsed) == {60_002: UNCLOSED_REASON}
    assert len(parsed.frame) + parsed.duplicates_dropped == 120_000 and parsed.last_row == 120_002


@pytest.mark.parametrize("at", [3, 1001], ids=["near the start", "the last row"])
def test_a_nul_byte_loses_only_its_row(at):
    parsed = read_bytes(diary(999, "2026-03-05,4,walk\x00ing,20,x", at=at).encode())
    assert parsed.ok and len(parsed.frame) == 999
    (issue,) = parsed.issues
    assert issue.row == at and "NUL" in issue.reason and "\x00" not in issue.value
    assert "walking" in issue.value


def test_a_run_of_nul_bytes_left_by_a_crash_at_the_end_is_reported_not_fatal():
    parsed = read_bytes(diary(50).encode() + b"\x00" * 3000)
    assert parsed.ok and len(parsed.frame) == 50 and parsed.issue_count == 1
    assert "NUL" in parsed.issues[0].reason


def test_utf16_and_binary_files_are_still_told_apart_from_stray_nul_bytes():
    assert decode(diary(20).encode("utf-16-le")).encoding.startswith("utf_16")
    assert decode(bytes(range(256)) * 40) is None


# --- lines in two encodings ----------------------------------------------------------------------------------------


def test_a_file_mixing_utf8_and_windows_1252_lines_reads_each_line_right():
    data = ("date,pain,notes\n2026-03-01,4,café au lait\n".encode() + "2026-03-02,5,café noir – “fine”\n"
            .encode("cp1252") + "2026-03-03,3,crème\n".encode())
    parsed = read_bytes(data)
    assert parsed.frame["notes"].tolist() == ["café au lait", "café noir – “fine”", "crème"]
    assert "\ufffd" not in "".join(parsed.frame["notes"])
    assert reading_notes(parsed, uploaded=True, quote=str) == (
        "Reading the file: read line by line, as UTF-8 and as Windows-1252 text.")


def test_a_big_mixed_file_reads_every_line_right():
    data = b"date,pain,notes\n" + b"".join(
        f"2026-03-{1 + i % 28:02d},{i % 11},café {i}\n".encode("utf-8" if i % 3 else "cp1252") for i in range(30_000))
    parsed = read_bytes(data)
    assert len(parsed.frame) == 30_000 and parsed.frame["notes"].str.startswith("café ").all()


def test_a_file_all_in_windows_1252_is_still_named_so():
    parsed = read_bytes("date,pain,notes\n2026-03-01,4,café\n".encode("cp1252"))
    assert parsed.encoding == "cp1252" and parsed.frame["notes"].tolist() == ["café"]
    assert reading_notes(parsed, uploaded=True, quote=str) == "Reading the file: read as Windows-1252 text."


# --- the app's old spreadsheet escapes -----------------------------------------------------------------------------


def test_the_apps_old_formula_escape_is_taken_off_exercises_and_notes():
    text = ("date,pain,exercise,minutes,notes\n2026-03-01,4,'-plank,10,'=1+1\n2026-03-02,4,'+walk,10,'@home\n"
            "2026-03-03,4,plank,10,'quoted'\n2026-03-04,4,'walking,10,'-\tx\n2026-03-05,4,walk,10,'\tx\n")
    frame = read_bytes(text.encode()).frame
    assert frame["exercise"].tolist() == ["-plank", "+walk", "plank", "'walking", "walk"]
    assert frame["notes"].tolist() == ["=1+1", "@home", "'quoted'", "-\tx", "\tx"]


def test_an_escaped_entry_and_the_same_entry_unescaped_count_once():
    parsed = read_bytes(b"date,pain,exercise,notes\n2026-03-01,4,'-plank,'=x\n2026-03-01,4,-plank,=x\n")
    assert parsed.frame["exercise"].tolist() == ["-plank"] and parsed.duplicates_dropped == 1


# --- a pain column on a 0-100 scale ---------------------------------------------------------------------------------

SCALE_NOTE = "Your pain column is on a 0-100 scale; Spinewell shows it divided by 10."


@pytest.mark.parametrize("name", ["pain (0-100)", "Pain /100", "pain out of 100", "Pain %", "Pain score 0–100"])
def test_a_header_saying_100_divides_the_pain_by_ten(name):
    parsed = read_bytes(f"date,{name}\n2026-03-01,40\n2026-03-02,7\n2026-03-03,100\n".encode())
    assert parsed.frame["pain"].tolist() == [4.0, 0.7, 10.0] and parsed.issues == ()
    assert reading_notes(parsed, uploaded=True, quote=str) == "Reading the file: " + SCALE_NOTE


def test_values_over_100_on_a_0_100_scale_are_reported_with_that_scale():
    parsed = read_bytes(b"date,pain (0-100)\n2026-03-01,40\n2026-03-02,150\n")
    assert parsed.frame["pain"].tolist() == [4.0]
    assert reasons(parsed) == {3: "pain should be from 0 to 100 (the scale your header gives)"}


def test_a_pain_column_of_values_up_to_100_is_read_as_0_100():
    values = [35, 60, 45, 80, 20, 5, 55]
    parsed = read_bytes(("date,pain\n" + "".join(f"2026-03-0{i + 1},{v}\n" for i, v in enumerate(values))).encode())
    assert parsed.frame["pain"].tolist() == [v / 10 for v in values] and parsed.issues == ()
    assert SCALE_NOTE in reading_notes(parsed, uploaded=False, quote=str)


@pytest.mark.parametrize(
    "values",
    [[4, 5, 55, 6, 3, 7, 4, 5], [4, 5, 40, 60, 150], [45], [4, 6, 5, 3]],
    ids=["one typo in a 0-10 diary", "one value over 100", "a single value", "plain 0-10"],
)
def test_a_0_10_diary_is_not_mistaken_for_0_100(values):
    parsed = read_bytes(("date,pain\n" + "".join(f"2026-03-0{i + 1},{v}\n" for i, v in enumerate(values))).encode())
    assert parsed.frame["pain"].tolist() == [v for v in values if v <= 10]
    assert all(issue.reason.startswith("pain should be from 0 to 10") for issue in parsed.issues)
    assert SCALE_NOTE not in (reading_notes(parsed, uploaded=True, quote=str) or "")


def test_a_lone_rating_over_10_says_how_to_mark_a_0_100_diary():
    parsed = read_bytes(b"date,pain\n2026-03-01,45\n2026-03-02,4\n")
    assert "pain (0-100)" in parsed.issues[0].reason


def test_reading_with_no_last_day_keeps_every_row():
    """The bundled sample is read with today as the last day a date can have, before it is dated to today."""
    parsed = read(diary(5).encode(), date_order="auto", today=dt.date.max)
    assert parsed.ok and len(parsed.frame) == 5
