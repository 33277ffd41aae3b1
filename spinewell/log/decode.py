"""Bytes to text: which encoding a diary file is written in (byte-order marks, UTF-16/32, UTF-8, cp1252, Latin-1)."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

SAMPLE_BYTES = 65536  # enough to find the header and the delimiter; the whole file is decoded only when needed
_LADDER = ("utf-8", "cp1252", "latin-1")  # tried in this order for files without a byte-order mark
_CONTROLS = tuple(chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32)))


@dataclass(frozen=True)
class Decoded:
    """How a file decodes: its encoding, its first ~64 kB as text, and whether every byte decodes (`strict`; when
    False the undecodable bytes become U+FFFD)."""

    encoding: str
    sample: str
    strict: bool


def decode(data: bytes) -> Decoded | None:
    """The encoding of the whole file and its opening text; None when the bytes are not text at all."""
    sample = data[:SAMPLE_BYTES]
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif sample.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in sample:
        # NUL bytes: UTF-16/32 without a byte-order mark, or not text at all.
        best = from_bytes(sample).best()
        if best is None or not best.encoding.startswith(("utf_16", "utf_32")):
            return None
        encoding = best.encoding
    else:
        encoding = next((e for e in _LADDER[:-1] if _decodes(data, e)), _LADDER[-1])
    strict = encoding in _LADDER or _decodes(data, encoding)
    text = sample.decode(encoding, errors="replace").lstrip("\ufeff")
    if sum(text.count(c) for c in _CONTROLS) > max(2, len(text) // 100):
        return None
    return Decoded(encoding, text, strict)


def as_utf8(data: bytes, decoded: Decoded) -> bytes:
    """The whole file as UTF-8 without a byte-order mark, the one form the CSV reader takes.

    A file already in strict UTF-8 is passed through as it is (no copy); any other is decoded and encoded again.
    """
    if decoded.encoding == "utf-8" and decoded.strict:
        return data
    if decoded.encoding == "utf-8-sig" and decoded.strict:
        return data[len(codecs.BOM_UTF8):]
    text = data.decode(decoded.encoding, errors="strict" if decoded.strict else "replace")
    return text.lstrip("\ufeff").encode("utf-8")


def _decodes(data: bytes, encoding: str) -> bool:
    if encoding in ("utf-8", "cp1252") and data.isascii():  # a far quicker scan than decoding, and the common case
        return True
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
