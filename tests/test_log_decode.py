"""Bytes to text: byte-order marks, UTF-16, UTF-8, cp1252 and Latin-1 all give the same notes; binary is no text."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from spinewell.log.decode import as_utf8, decode
from spinewell.log.read import read

TODAY = dt.date(2026, 11, 17)
NOTE = "café, crème brûlée – “fine”"
ACCENTED = f'date,pain,notes\n2026-03-02,6,"{NOTE}"\n'


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
        (lambda t: t.encode("utf-16"), "utf-16"),  # with BOM (what Excel's "Unicode text" writes)
        (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
        (lambda t: t.encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16 LE with BOM", "utf-16 BE with BOM", "windows-1252"],
)
def test_encodings_give_the_same_text(encode, encoding):
    parsed = read(encode(ACCENTED), date_order="auto", today=TODAY)
    assert parsed.ok, parsed.error
    assert parsed.encoding == encoding
    assert parsed.frame["notes"].tolist() == [NOTE]


def test_utf16_without_a_byte_order_mark_is_recognised():
    found = decode((ACCENTED * 20).encode("utf-16-le"))
    assert found is not None and found.encoding.startswith("utf_16")
    assert found.sample.startswith("date,pain,notes")


def test_latin1_bytes_that_are_not_windows_1252_fall_back_to_latin1():
    data = "date,pain,notes\n2026-03-02,6,naïve\x81\n".encode("latin-1")
    parsed = read(data, date_order="auto", today=TODAY)
    assert parsed.ok and parsed.encoding == "latin-1"
    assert parsed.frame["notes"].tolist() == ["naïve\x81"]


def test_a_bom_does_not_hide_the_date_header():
    parsed = read(codecs.BOM_UTF8 + b"Date;Pain\n02/03/2026;5\n", date_order="auto", today=TODAY)
    assert parsed.ok and [f"{d:%Y-%m-%d}" for d in parsed.frame["date"]] == ["2026-03-02"]


def test_the_reader_gets_utf8_without_a_bom_and_plain_utf8_is_not_copied():
    plain = ACCENTED.encode("utf-8")
    assert as_utf8(plain, decode(plain)) is plain
    with_bom = codecs.BOM_UTF8 + plain
    assert as_utf8(with_bom, decode(with_bom)) == plain
    windows = ACCENTED.encode("cp1252")
    assert as_utf8(windows, decode(windows)) == plain


def test_binary_bytes_and_text_full_of_control_characters_are_not_text():
    assert decode(bytes(range(256)) * 40) is None
    assert decode(b"date,pain\n" + b"\x01\x02\x03\x04" * 50) is None
