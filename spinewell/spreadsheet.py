"""The one rule for every CSV the app writes: a cell a spreadsheet would run as a formula is made plain text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import pandas as pd

# A spreadsheet runs a cell as a formula when it starts with one of these (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_PATTERN = "^[" + "".join("\\" + char if char in "-+" else char for char in FORMULA_START) + "]"


def neutralise(cell: object) -> str:
    """A cell as text, with an apostrophe in front when a spreadsheet would otherwise run it as a formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_START) else text


def neutralise_column(text: pd.Series) -> pd.Series:
    """`neutralise` over a column of text (missing cells stay missing)."""
    text = text.astype("string")
    risky = text.str.contains(_FORMULA_PATTERN, regex=True).fillna(False)
    return text.where(~risky, "'" + text)


def csv_bytes(header: Iterable[str], rows: Iterable[Iterable[object]]) -> bytes:
    """UTF-8 CSV with a header row, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(header))
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")
