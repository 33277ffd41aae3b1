"""The log page's words about a diary: how a file was read, which diary is shown, an entry, the entries table."""

from __future__ import annotations

import datetime as dt

from spinewell.log.describe import (
    describe_entry,
    entries_table,
    issues_heading,
    issues_table,
    reading_notes,
    source_notice,
)
from spinewell.log.entry import LogEntry
from spinewell.log.read import read
from spinewell.log.source import LogSource

TODAY = dt.date(2026, 11, 17)


def shout(text: str) -> str:
    """A stand-in for the page's Markdown escaping, so that the test sees where it is applied."""
    return f"<{text}>"


def test_reading_notes_name_repeats_unused_columns_and_an_uploads_unusual_encoding():
    data = "date,pain,Mood,Météo\n2026-03-02,4,ok,rain\n2026-03-02,4,ok,rain\n2026-03-03,4,ok,\n".encode("cp1252")
    parsed = read(data, date_order="auto", today=TODAY)
    assert reading_notes(parsed, uploaded=True, quote=shout) == (
        "Reading the file: 1 repeated entry counted once; columns not used: <Mood>, <Météo>; "
        "read as Windows-1252 text.")
    # ASCII is read as UTF-8: nothing to say about the encoding
    assert reading_notes(read(b"date,pain\n2026-03-02,4\n", date_order="auto", today=TODAY), uploaded=True,
                         quote=shout) is None


def test_the_issue_list_has_a_heading_that_counts_and_a_column_per_field():
    parsed = read(b"date,pain\n2026-03-02,x\n2026-03-03,y\n2026-03-04,4\n", date_order="auto", today=TODAY)
    assert issues_heading(parsed) == "2 rows of the file could not be used"
    assert issues_table(parsed.issues).columns.tolist() == ["row", "column", "value", "reason"]
    assert issues_table(parsed.issues)["row"].tolist() == [2, 3]


def test_an_entry_is_described_in_a_few_words_with_the_persons_text_quoted():
    assert describe_entry(LogEntry(TODAY, pain=4.0, exercise="Walking", minutes=30.0), shout) == (
        "17 Nov 2026, pain 4, <Walking> 30 min")
    assert describe_entry(LogEntry(TODAY, notes="just a note"), shout) == "17 Nov 2026"


def test_the_entries_table_shows_the_latest_first_as_text_and_counts_them_all():
    frame = read(b"date,time,pain,exercise,minutes,notes\n2026-03-02,08:00,6.5,,,stiff\n"
                 b"2026-03-03,,,walking,30,\n2026-03-04,,3,,,better\n", date_order="auto", today=TODAY).frame
    table, total = entries_table(frame, only_notes=False, limit=2)
    assert total == 3 and table.to_dict("records") == [
        {"Date": "Wed 04/03/2026", "Time": "", "Pain": "3", "Exercise": "", "Minutes": "", "Notes": "better"},
        {"Date": "Tue 03/03/2026", "Time": "", "Pain": "", "Exercise": "walking", "Minutes": "30", "Notes": ""},
    ]
    with_notes, total = entries_table(frame, only_notes=True, limit=10)
    assert total == 2 and with_notes["Notes"].tolist() == ["better", "stiff"]


def test_each_kind_of_diary_says_what_it_is():
    assert source_notice(LogSource("upload", "upload:1", b"", name="x*.csv"), shout) == (
        "Showing your uploaded file **<x*.csv>**. To go back, remove it from the upload box above.",
        ":material/upload_file:")
    text, icon = source_notice(LogSource("local", "local", b"", path="/tmp/log.csv"), shout)
    assert text == "Showing your log, saved on this computer in `/tmp/log.csv`." and icon is None
    assert "not saved on this server" in source_notice(LogSource("session", "session", b""), shout)[0]
    assert "**This is a sample log**" in source_notice(LogSource("sample", "sample", b""), shout)[0]
