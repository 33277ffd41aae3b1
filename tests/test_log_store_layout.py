"""Adding to a diary kept by another program: new rows keep the file's encoding, delimiter and line endings, byte for
byte, or are refused with a message naming the character that the file's encoding can't hold."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from spinewell.log.entry import LogEntry
from spinewell.log.read import read
from spinewell.log.store import LogWriteError, append, undo_last

DAY = dt.date(2026, 3, 2)
TODAY = dt.date(2026, 11, 17)


def old_row(delimiter: str = ",") -> str:
    """A row the other program wrote; with commas, its note (which holds one) is quoted."""
    note = '"müde, später besser"' if delimiter == "," else "müde, später besser"
    return delimiter.join(["2026-03-01", "", "6", "Walking", "20", note])


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_a_diary_kept_in_a_windows_encoding_gets_rows_in_that_encoding(tmp_path, encoding):
    path = tmp_path / "pain_log.csv"
    existing = f"date,time,pain,exercise,minutes,notes\n{old_row()}\n".encode(encoding)
    path.write_bytes(existing)
    receipt = append(path, [LogEntry(DAY, pain=4.0, exercise="Walking", minutes=30, notes="café, naïve")])
    written = path.read_bytes()
    assert written == existing + "2026-03-02,,4,Walking,30,\"café, naïve\"\n".encode(encoding)
    parsed = read(written, date_order="auto", today=TODAY)
    assert parsed.encoding == encoding or parsed.encoding in ("cp1252", "latin-1")
    assert parsed.frame["notes"].tolist() == ["müde, später besser", "café, naïve"]
    undo_last(receipt)
    assert path.read_bytes() == existing


def test_a_character_the_files_encoding_lacks_is_refused_by_name_and_nothing_changes(tmp_path):
    path = tmp_path / "pain_log.csv"
    existing = f"date,time,pain,exercise,minutes,notes\n{old_row()}\n".encode("cp1252")
    path.write_bytes(existing)
    with pytest.raises(LogWriteError) as refused:
        append(path, [LogEntry(DAY, pain=3.0, notes="better today 🙂")])
    message = str(refused.value)
    assert "“🙂”" in message and "Windows-1252" in message and "UTF-8" in message
    assert "Your entry was not saved." in message
    assert path.read_bytes() == existing


def test_a_crlf_diary_gets_crlf_rows_and_a_semicolon_diary_semicolon_rows(tmp_path):
    crlf = tmp_path / "windows.csv"
    crlf.write_bytes(f"date,time,pain,exercise,minutes,notes\r\n{old_row()}".encode())  # no final line break
    append(crlf, [LogEntry(DAY, pain=4.0, notes="two\nlines")])
    assert crlf.read_bytes() == f"date,time,pain,exercise,minutes,notes\r\n{old_row()}\r\n".encode() + (
        b'2026-03-02,,4,,,"two\nlines"\r\n')
    semicolons = tmp_path / "excel_de.csv"
    existing = f"Date;Time;Pain;Exercise;Minutes;Notes\n{old_row(';')}\n".encode("cp1252")
    semicolons.write_bytes(existing)
    append(semicolons, [LogEntry(DAY, pain=4.5, exercise="Plank", minutes=5, notes="a; b, c")])
    assert semicolons.read_bytes() == existing + b'2026-03-02;;4.5;Plank;5;"a; b, c"\n'
    assert read(semicolons.read_bytes(), date_order="auto", today=TODAY).frame["notes"].tolist()[-1] == "a; b, c"


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                           (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_a_diary_with_a_byte_order_mark_gets_rows_in_its_encoding_without_a_second_mark(tmp_path, bom, encoding):
    path = tmp_path / "pain_log.csv"
    existing = bom + "date,time,pain,exercise,minutes,notes\r\n2026-03-01,,6,,,€ ok\r\n".encode(encoding)
    path.write_bytes(existing)
    append(path, [LogEntry(DAY, pain=2.0, notes="naïve €")])
    assert path.read_bytes() == existing + "2026-03-02,,2,,,naïve €\r\n".encode(encoding)
    assert read(path.read_bytes(), date_order="auto", today=TODAY).frame["notes"].tolist() == ["€ ok", "naïve €"]
