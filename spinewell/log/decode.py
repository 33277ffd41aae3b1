"""Bytes to text: which encoding a diary file is written in (byte-order marks, UTF-16/32, UTF-8, cp1252, Latin-1).

A file mixing UTF-8 lines with Windows-1252 ones (a diary saved by two programs) is decoded line by line; a stray
NUL byte (a program's crash can leave a run of them) is marked, so that the reader keeps out only its row.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

SAMPLE_BYTES = 65536  # enough to find the header and the delimiter; the whole file is decoded only when needed
NUL_MARK = "\ue000"  # a private-use character: what a NUL byte becomes in the text the reader gets
_LADDER = ("utf-8", "cp1252", "latin-1")  # tried in this order for files without a byte-order mark
_CONTROLS = tuple(chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32)))


@dataclass(frozen=True)
class Decoded:
    """How a file decodes: its encoding, its first ~64 kB as text, and whether every byte decodes (`strict`; when
    False the undecodable bytes become U+FFFD). `mixed`: the lines that aren't UTF-8 are in `encoding` (cp1252 or
    Latin-1) and the others, some of them beyond ASCII, in UTF-8. `nul`: the file holds NUL bytes (not UTF-16/32)."""

    encoding: str
    sample: str
    strict: bool
    mixed: bool = False
    nul: bool = False


def decode(data: bytes) -> Decoded | None:
    """The encoding of the whole file and its opening text; None when the bytes are not text at all."""
    sample = data[:SAMPLE_BYTES]
    mixed = nul = False
    wide = _wide(sample) if b"\x00" in sample and not sample.startswith(codecs.BOM_UTF8) else None
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif sample.startswith(codecs.BOM_UTF8):
        encoding, nul = "utf-8-sig", b"\x00" in data
    elif sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif wide is not None:  # UTF-16/32 without a byte-order mark
        encoding = wide
    else:
        nul = b"\x00" in data  # a NUL byte in a file of one byte per character: stray, or binary (checked below)
        encoding, mixed = _narrow(data)
    strict = encoding in _LADDER or _decodes(data, encoding)
    text = _by_line(sample)[0] if mixed else sample.decode(encoding, errors="replace").lstrip("\ufeff")
    if nul:
        text = text.replace("\x00", "")
    if sum(text.count(c) for c in _CONTROLS) > max(2, len(text) // 100):
        return None
    return Decoded(encoding, text, strict, mixed, nul)


def as_utf8(data: bytes, decoded: Decoded) -> bytes:
    """The whole file as UTF-8 without a byte-order mark, the one form the CSV reader takes; each NUL byte as
    NUL_MARK.

    A file already in strict UTF-8 is passed through as it is (no copy); any other is decoded and encoded again.
    """
    if decoded.encoding in ("utf-8", "utf-8-sig") and decoded.strict:
        if decoded.encoding == "utf-8-sig":
            data = data[len(codecs.BOM_UTF8):]
        return data.replace(b"\x00", NUL_MARK.encode("utf-8")) if decoded.nul else data
    if decoded.mixed:
        text = _by_line(data)[0]
    else:
        text = data.decode(decoded.encoding, errors="strict" if decoded.strict else "replace").lstrip("\ufeff")
    return (text.replace("\x00", NUL_MARK) if decoded.nul else text).encode("utf-8")


def _wide(sample: bytes) -> str | None:
    """The encoding of bytes holding NULs when they are UTF-16 or UTF-32 text without a byte-order mark."""
    best = from_bytes(sample).best()
    return best.encoding if best is not None and best.encoding.startswith(("utf_16", "utf_32")) else None


def _narrow(data: bytes) -> tuple[str, bool]:
    """The encoding of a file of one byte per character (its lines that aren't UTF-8, when it mixes them), and
    whether it mixes UTF-8 lines with others."""
    if _decodes(data, "utf-8"):
        return "utf-8", False
    if not data.decode("utf-8", errors="replace").replace("\ufffd", "").isascii():
        # Some characters decode as UTF-8 while others don't: each line is decoded on its own.
        _, encoding, mixed = _by_line(data)
        if mixed:
            return encoding, True
    return ("cp1252" if _decodes(data, "cp1252") else "latin-1"), False


def _by_line(data: bytes) -> tuple[str, str, bool]:
    """The text of a file whose lines are each UTF-8, cp1252 or Latin-1 (the first that decodes the line), the
    encoding of the lines that aren't UTF-8 (Latin-1 if any needed it), and whether any UTF-8 line is beyond ASCII.
    """
    pieces, fallback, beyond_ascii = [], "cp1252", False
    for line in data.splitlines(keepends=True):  # (bytes split only at \r\n, \n and \r)
        try:
            text = line.decode("utf-8")
            beyond_ascii = beyond_ascii or not text.isascii()
        except UnicodeDecodeError:
            try:
                text = line.decode("cp1252")
            except UnicodeDecodeError:
                text, fallback = line.decode("latin-1"), "latin-1"
        pieces.append(text)
    return "".join(pieces).lstrip("\ufeff"), fallback, beyond_ascii


def _decodes(data: bytes, encoding: str) -> bool:
    if encoding in ("utf-8", "cp1252") and data.isascii():  # a far quicker scan than decoding, and the common case
        return True
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
