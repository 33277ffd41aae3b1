"""Splitting a file into rows and cells: one Arrow read, rows of the wrong length kept out (or padded) by the reader's
own hook, every row's number as in a spreadsheet, and a quote never closed found exactly."""

from __future__ import annotations

import csv
import datetime as dt
import io

import numpy as np
import pytest

from spinewell.log import table as table_module
from spinewell.log.header import find_header
from spinewell.log.read import UNCLOSED_REASON, ParsedLog, read
from spinewell.log.table import Table, split

TODAY = dt.date(2026, 11, 17)


def read_text(text: str) -> ParsedLog:
    return read(text.encode("utf-8"), date_order="auto", today=TODAY)


def split_text(text: str) -> Table:
    return split(text.encode("utf-8"), find_header(text), parsed={})


def cells(table: Table) -> list[list[str]]:
    return [list(row) for row in zip(*(column.tolist() for column in table.cells), strict=True)]


def reasons(parsed: ParsedLog) -> dict[int, str]:
    return {issue.row: issue.reason for issue in parsed.issues}


def test_row_numbers_count_quoted_multiline_notes_as_one_row_and_skip_nothing():
    parsed = read_text(
        "date,pain,notes\n"
        '2026-03-02,5,"line one\nline two, with a comma"\n'  # row 2 (two lines of the file)
        "\n"  # row 3 blank: left out silently
        "2026-03-03,5,a,b\n"  # row 4 too long
        "2026-03-04,99,\n"  # row 5 pain out of range
    )
    assert reasons(parsed).keys() == {4, 5}
    assert "more values than the header" in reasons(parsed)[4] and "quotes" in reasons(parsed)[4]
    assert parsed.issues[0].value == "2026-03-03,5,a,b"  # the row as written, to find it in the file
    assert parsed.frame["notes"].tolist() == ["line one\nline two, with a comma"]


def test_a_first_entry_longer_than_the_header_is_reported_not_truncated():
    parsed = read_text("date,pain,notes\n2026-03-02,5,hi,there,again\n2026-03-03,4,ok\n")
    assert reasons(parsed).keys() == {2}
    assert parsed.frame["notes"].tolist() == ["ok"] and parsed.rows_read == 2


def test_a_short_row_is_padded_with_empty_cells_and_keeps_its_place():
    table = split_text('date,pain,notes\n2026-03-01,5,a\n2026-03-02,4\n2026-03-03,3,c,d\n2026-03-04,"2\n1"\n')
    assert cells(table) == [["2026-03-01", "5", "a"], ["2026-03-02", "4", ""], ["2026-03-04", "2\n1", ""]]
    assert table.rows.tolist() == [2, 3, 5] and table.too_long == ((4, "2026-03-03,3,c,d"),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date,pain,exercise\r\n2026-03-02,5,walking\r\n\r\n\r\n", [["2026-03-02", "5", "walking"], ["", "", ""],
                                                                    ["", "", ""]]),
        ("date,pain\r2026-03-02,5\r2026-03-03,4\r", [["2026-03-02", "5"], ["2026-03-03", "4"]]),
        ("date,time,pain\n2026-03-02,08:00,5", [["2026-03-02", "08:00", "5"]]),
        ('"date","pain","notes"\n2026-03-02,5,x\n', [["2026-03-02", "5", "x"]]),
        ('date,pain,notes\n"2026-03-02",5,"x ""y"" z"\n2026-03-03,4,ab"c"d\n2026-03-04,3,"abc"def\n',
         [["2026-03-02", "5", 'x "y" z'], ["2026-03-03", "4", 'ab"c"d'], ["2026-03-04", "3", "abcdef"]]),
        ('date,pain,notes\n2026-03-02,5,"a\rb"\n', [["2026-03-02", "5", "a\rb"]]),
        ("date,pain\n2026-03-02,5\n   \n", [["2026-03-02", "5"], ["   ", ""]]),
    ],
    ids=["CRLF and trailing blank lines", "old Mac line ends", "no final line break", "quoted header",
         "doubled quotes", "a quoted carriage return", "a row of spaces"],
)
def test_cells_are_split_as_a_spreadsheet_writes_them(text, expected):
    assert cells(split_text(text)) == expected


def test_a_header_without_rows_gives_an_empty_table():
    table = split_text("date,pain")
    assert len(table) == 0 and table.last_row == 1 and len(table.cells) == 2


# --- a quote never closed -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('date,pain,notes\n2026-03-02,5,x\n2026-03-03,4,"never closed\n\n', "never closed\n\n"),
        ('date,pain,notes\n2026-03-02,5,x\n2026-03-03,4,"y', "y"),
        ('date,pain,notes\n2026-03-02,5,x\n2026-03-03,4,"y""', 'y"'),
        ('date,notes,pain\n2026-03-02,x,5\n2026-03-03,y,"4', "4"),
        ('date,pain,notes\n2026-03-02,5,x\n2026-03-03,"4,y\n2026-03-04,3,z\n', "4,y"),
        ('date,pain,notes\n2026-03-02,5,x\n2026-03-03,4,"', ""),
    ],
    ids=["at the end", "in the last cell", "with doubled quotes", "in a number", "in a middle cell", "alone"],
)
def test_a_quote_never_closed_is_reported_on_its_row_and_the_rows_around_it_count(text, value):
    parsed = read_text(text)
    after = ["z"] if "2026-03-04" in text else []  # the rows after the quote's line are read on their own
    assert parsed.ok and parsed.frame["notes"].tolist() == ["x", *after]
    (issue,) = parsed.issues
    assert (issue.row, issue.column, issue.reason) == (3, "(whole row)", UNCLOSED_REASON)
    assert issue.value == value.rstrip("\n") or issue.value == value


@pytest.mark.parametrize(
    "text",
    [
        'date,pain,notes\n2026-03-02,5,""',
        'date,pain,notes\n2026-03-02,5,""""',
        'date,pain,notes\n2026-03-02,5,"a"""',
        'date,pain,notes\n2026-03-02,5,"x"\n',
        'date,pain,notes\n2026-03-02,5,"abc"def',
        'date,pain,notes\n2026-03-02,5,say "hi',
        'date,notes,pain\n2026-03-02,"x",5',
    ],
    ids=["empty quoted", "one quote quoted", "ending in a quote", "closed", "text after the quote",
         "a quote inside a cell", "a quoted middle cell"],
)
def test_a_file_whose_quotes_all_close_has_no_unclosed_row(text):
    table = split_text(text)
    assert table.unclosed == () and len(table) == 1


def test_a_quote_never_closed_in_a_big_file_is_found_after_the_parallel_read():
    body = "".join(f'2026-03-{1 + i % 28:02d},{i % 11},"note {i}, with a comma"\n' for i in range(60_000))
    parsed = read_text("date,pain,notes\n" + body + '2026-03-29,4,"oops\n')
    assert parsed.issue_count == 1 and parsed.issues[0].row == 60_002 and parsed.issues[0].reason == UNCLOSED_REASON
    assert len(parsed.frame) + parsed.duplicates_dropped == 60_000


# --- big files: Arrow's blocks, checked against Python's own csv module ---------------------------------------------


def big_file(rows: int, seed: int, odd: str | None = None) -> str:
    """A log big enough for Arrow to parse in several blocks, notes with quotes, commas and line breaks."""
    rng = np.random.default_rng(seed)
    notes = ["", "", "ok", '"said ""hi"""', '"multi\nline, note"', '"a\r\nb"']
    lines = [
        f"2026-0{rng.integers(1, 10)}-1{rng.integers(0, 10)},{rng.choice(['', '08:00'])},{rng.integers(0, 11)},"
        f"{rng.choice(['', 'walking', 'plank'])},{rng.choice(['', '20'])},{rng.choice(notes)}"
        for _ in range(rows)
    ]
    if odd is not None:
        lines.insert(rows * 3 // 4, odd)
    return "date,time,pain,exercise,minutes,notes\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("seed", "odd"),
    [(1, None), (2, "2026-05-05,08:00,4"), (3, "2026-05-05,08:00,4,,,ok,extra"), (4, "\n")],
    ids=["clean", "a late short row", "a late long row", "a late blank line"],
)
def test_a_big_file_splits_into_the_cells_pythons_csv_module_finds(seed, odd):
    text = big_file(60_000, seed, odd)
    table = split_text(text)
    expected = list(csv.reader(io.StringIO(text, newline="")))[1:]
    long_rows = {i + 2 for i, row in enumerate(expected) if len(row) > 6}
    padded = [row + [""] * (6 - len(row)) for i, row in enumerate(expected) if i + 2 not in long_rows]
    assert cells(table) == padded
    assert {row for row, _ in table.too_long} == long_rows
    assert table.rows.tolist() == [n for n in range(2, len(expected) + 2) if n not in long_rows]


@pytest.fixture()
def arrow_reads(monkeypatch) -> list[bool]:
    """Records each of Arrow's reads: True for the parallel one, False for the serial one."""
    reads: list[bool] = []
    real = table_module._arrow_read

    def spy(*args, parallel):
        reads.append(parallel)
        return real(*args, parallel=parallel)

    monkeypatch.setattr(table_module, "_arrow_read", spy)
    return reads


def test_the_apps_own_format_is_read_once_in_parallel_and_only_odd_files_again(arrow_reads):
    clean = "".join(f"2026-03-{1 + i % 28:02d},08:00,{i % 11},walking,20,ok\n" for i in range(50_000))
    read_text("date,time,pain,exercise,minutes,notes\n" + clean)
    assert arrow_reads == [True]
    read_text("date,time,pain,exercise,minutes,notes\n" + clean + "2026-03-29,08:00,4\n")
    assert arrow_reads == [True, True, False]  # the short row: read again serially, to know where it is
    arrow_reads.clear()
    parsed = read_text("date,time,pain,exercise,minutes,notes\n" + clean + "2026-03-29,08:00,4,walking,30 min,\n")
    assert arrow_reads == [True, True]  # "30 min" is no plain number: the minutes read again as text, in parallel
    assert parsed.frame["minutes"].iloc[-1] == 30 and parsed.issues == ()
