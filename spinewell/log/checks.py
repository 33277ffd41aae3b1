"""Check a diary's rows column by column: parse each column's cells and keep out the rows with a problem, with why."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from spinewell.log import cells
from spinewell.log.decode import NUL_MARK
from spinewell.log.entry import MAX_MINUTES, PLANNED_PREFIX
from spinewell.log.header import Header
from spinewell.log.table import Coded, Table
from spinewell.spreadsheet import FORMULA_START

PLANNED_REASON = "planned session not filled in: add the minutes to count it"
FUTURE_REASON = "date is in the future"
_EPOCH = dt.date(1970, 1, 1)
ISSUE_COLUMNS = ("row", "column", "value", "reason")
_SAYS_100 = re.compile(r"(?<!\d)100(?!\d)|%")  # in a pain column's name: "pain (0-100)", "pain /100", "pain %"
_ESCAPED = "^'([" + "".join("\\" + c if c in "-+" else c for c in FORMULA_START) + "])"
OUT_OF_TEN_HINT = 'pain should be from 0 to 10 (for a diary rated from 0 to 100, name the column "pain (0-100)")'
WHOLE_ROW = "(whole row)"  # the column of an issue about a row as a whole
NUL_REASON = ("this row holds a NUL byte, an invisible character a program can leave behind when it stops while "
              "saving, so the row was left out; check it in the file")


class RowChecks:
    """The rows of a table kept out so far (`bad`) and why, in the order the checks run: a row is reported once,
    for the first problem found. Blank rows (`blank`) are skipped silently, never reported."""

    def __init__(self, table: Table, header: Header) -> None:
        self.table, self.header = table, header
        self.blank = _blank_rows(table, header)
        self.bad = np.zeros(len(table), dtype=bool)
        self._found: list[pd.DataFrame] = [_issue_frame(np.zeros(0, np.int64), "", pd.Series([], dtype="str"), "")]

    def has(self, name: str) -> bool:
        return name in self.header.columns

    def column(self, name: str) -> Coded | pd.Series:
        return self.table.cells[self.header.columns[name]]

    def report(self, mask: np.ndarray | None, name: str, reason: str) -> int:
        """Keep the rows in `mask` out (those not already out) with `reason`; returns how many."""
        if mask is None or not mask.any():
            return 0
        mask = mask & ~self.blank & ~self.bad
        values = cell_text(self.column(name), mask)
        position = self.header.columns[name]
        self._found.append(_issue_frame(self.table.rows[mask], self.header.names[position], values, reason))
        self.bad |= mask
        return int(mask.sum())

    def report_rows(self, mask: np.ndarray, texts: pd.Series, reason: str) -> None:
        """Keep the rows in `mask` out, none of them out yet, as whole rows (`texts`: each one's text)."""
        self._found.append(_issue_frame(self.table.rows[mask], WHOLE_ROW, texts, reason))
        self.bad |= mask

    def report_whole_rows(self, found: tuple[tuple[int, str], ...], reason: str) -> None:
        """Rows kept out by the table itself (too long, a quote never closed), as (row, the row's text)."""
        if found:
            rows, texts = zip(*found, strict=True)
            self._found.append(_issue_frame(np.array(rows), WHOLE_ROW, pd.Series(texts, dtype="str"), reason))

    def issues(self) -> pd.DataFrame:
        """Every row kept out, in row order: columns row, column, value, reason."""
        return pd.concat(self._found, ignore_index=True).sort_values("row", kind="stable")


def report_nul_rows(checks: RowChecks) -> None:
    """Keep out the rows holding a NUL byte (decode.NUL_MARK in the text), shown without it."""
    mask = np.zeros(len(checks.table), dtype=bool)
    for column in checks.table.cells:
        if isinstance(column, Coded):
            holds = column.values.str.contains(NUL_MARK, regex=False).to_numpy(dtype=bool)
            mask |= holds[column.codes] if holds.any() else False
        elif column.dtype.kind != "f":
            mask |= column.str.contains(NUL_MARK, regex=False).to_numpy(dtype=bool)
    if mask.any():
        delimiter = checks.header.delimiter
        texts = [cell_text(column, mask).reset_index(drop=True) for column in checks.table.cells]
        joined = texts[0].str.cat(texts[1:], sep=delimiter) if len(texts) > 1 else texts[0]
        checks.report_rows(mask, joined.str.replace(NUL_MARK, "", regex=False).str.rstrip(delimiter), NUL_REASON)


def minute_of_day(checks: RowChecks, in_dates: np.ndarray | None) -> np.ndarray:
    """The minute of the day of each row (NaN without a time): the time column's, else a time inside the date."""
    minute = in_dates
    if checks.has("time"):
        time = checks.column("time")
        if isinstance(time, Coded):
            clock, unreadable = cells.parse_times(time.codes, time.values)
            checks.report(unreadable, "time", "not a time we recognise (use a time like 14:30)")
        else:  # every cell HH:MM(:SS): read by the table as the minute of the day
            clock = time.to_numpy(dtype="float64")
        if clock is not None:
            minute = clock if minute is None else np.where(np.isnan(clock), minute, clock)
    return np.full(len(checks.table), np.nan) if minute is None else minute


def number(checks: RowChecks, name: str) -> np.ndarray:
    """The minutes of each row (NaN when empty); cells that aren't numbers or are out of range reported."""
    if not checks.has(name):
        return np.full(len(checks.table), np.nan)
    values = _numbers(checks, name, "minutes should be a number, like 30")
    checks.report(_outside(values, MAX_MINUTES), name, f"minutes should be from 0 to {MAX_MINUTES} (24 hours)")
    return values


def pain(checks: RowChecks) -> tuple[np.ndarray, int]:
    """The pain of each row from 0 to 10 (NaN when empty), and the scale the file rates it on: 10, or 100 when the
    pain column's name says so ("pain (0-100)") or its ratings plainly are out of 100 (see pain_scale); those are
    divided by 10. Cells that aren't numbers or are out of range are reported."""
    if not checks.has("pain"):
        return np.full(len(checks.table), np.nan), 10
    said = _SAYS_100.search(checks.header.names[checks.header.columns["pain"]]) is not None
    values = _numbers(checks, "pain", f"pain should be a number from 0 to {100 if said else 10}")
    scale = 100 if said else pain_scale(values)
    if scale == 100:
        checks.report(_outside(values, 100), "pain", "pain should be from 0 to 100 (the scale your header gives)")
        return values / 10, scale
    out_of_range = _outside(values, 10)
    if out_of_range.any():
        checks.report(out_of_range & (values > 10) & (values <= 100), "pain", OUT_OF_TEN_HINT)
        checks.report(out_of_range, "pain", "pain should be from 0 to 10")
    return values, scale


def pain_scale(values: np.ndarray) -> int:
    """100 when ratings with no name to say their scale plainly are out of 100: none below 0 or above 100, and
    at least two, and a quarter, above 10 (a 0-10 diary with a typo such as 55 stays 0-10); else 10."""
    highest = np.fmax.reduce(values) if len(values) else np.nan  # NaN only when every row is unrated
    if not 10 < highest <= 100:  # (the common case, decided without a copy)
        return 10
    rated = values[~np.isnan(values)]
    if rated.min() < 0:
        return 10
    above = int((rated > 10).sum())
    return 100 if above >= 2 and above * 4 >= len(rated) else 10


def _numbers(checks: RowChecks, name: str, not_number: str) -> np.ndarray:
    column = checks.column(name)
    if isinstance(column, Coded):
        values, unreadable = cells.parse_numbers(column.codes, column.values, name)
        checks.report(unreadable, name, not_number)
        return values
    # every cell a plain number: read as one by the table (+ 0.0 turns -0.0 into 0.0, as parse_numbers does)
    return column.to_numpy(dtype="float64") + 0.0


def _outside(values: np.ndarray, high: float) -> np.ndarray:
    return ~np.isnan(values) & ~((values >= 0.0) & (values <= high))


def exercises(checks: RowChecks) -> tuple[np.ndarray, pd.Index]:
    """A code per row into the distinct activity names, once surrounding spaces are gone (" walking" and
    "walking " are one activity); "" is the name of rows without one."""
    if not checks.has("exercise"):
        return np.zeros(len(checks.table), dtype=np.intp), pd.Index([""], dtype="str")
    column = checks.column("exercise")
    codes, names = pd.factorize(without_escape(column.values.str.strip()).str.strip())
    return codes[column.codes], names


def notes(checks: RowChecks) -> pd.Series | None:
    """The notes of each row, as written (the app's old spreadsheet escape taken off), or None without a notes
    column."""
    if not checks.has("notes"):
        return None
    text = checks.column("notes")
    escaped = text.str.startswith("'").to_numpy(dtype=bool)  # a quick scan; the pattern only where it may match
    if not escaped.any():
        return text
    text = text.copy()
    text[escaped] = without_escape(text[escaped])
    return text


def without_escape(text: pd.Series) -> pd.Series:
    """Text without the apostrophe the app used to put in front of a cell starting with = + - @, a tab or a
    carriage return, to keep a spreadsheet from running it (spreadsheet.neutralise): "'-plank" is "-plank" again,
    while a note typed as "'quoted'" is left as it is."""
    return text.str.replace(_ESCAPED, r"\1", n=1, regex=True)


def report_planned(
    checks: RowChecks, pain: np.ndarray, minutes: np.ndarray, exercise: np.ndarray, names: pd.Index,
    notes: pd.Series | None,
) -> int:
    """Report the untouched rows of the program page's log template; returns how many.

    The template lists planned sessions with "planned: <dose>" in the notes and the minutes left empty: until
    someone fills one in (minutes or a pain rating), it records an intention, not a session done.
    """
    if notes is None:
        return 0
    maybe = np.isnan(pain) & np.isnan(minutes) & ~checks.blank & ~checks.bad
    maybe[maybe] = (names != "")[exercise[maybe]]  # ...and an exercise
    if not maybe.any():
        return 0
    planned = np.zeros(len(checks.table), dtype=bool)
    planned[maybe] = notes[maybe].str.lstrip().str.lower().str.startswith(PLANNED_PREFIX).to_numpy(bool)
    return checks.report(planned, "exercise", PLANNED_REASON)


def report_future(checks: RowChecks, day: np.ndarray, today: dt.date) -> None:
    """Report the rows dated after `today` (`day`: days since 1970-01-01): a diary records what has happened. A year
    after next year is a typo, and said to be one."""
    beyond = day >= (dt.date(today.year + 2, 1, 1) - _EPOCH).days if today.year < dt.MAXYEAR - 1 else None
    if beyond is not None and beyond.any():
        year = np.zeros(len(day), dtype=np.int64)
        year[beyond] = (day[beyond] * cells.NS_PER_DAY).view("datetime64[ns]").astype("datetime64[Y]").astype(
            np.int64) + 1970
        for mask, reason in cells.year_typos(year):
            checks.report(mask, "date", reason)
    checks.report(day > (today - _EPOCH).days, "date", FUTURE_REASON)


def cell_text(column: Coded | pd.Series, mask: np.ndarray) -> pd.Series:
    """The cells of the rows in `mask` as text, as the file has them ("" for an empty cell; a number read as one
    without a needless ".0")."""
    if isinstance(column, Coded):
        return column.text(mask)
    found = column[mask]
    if found.dtype.kind != "f":
        return found
    return found.astype("str").str.replace(r"\.0$", "", regex=True).where(found.notna(), "")


def _blank_rows(table: Table, header: Header) -> np.ndarray:
    """Rows where every cell is empty. Only a row without a date can be blank, so only those rows are looked at."""
    date = table.cells[header.columns["date"]]
    blank = np.zeros(len(table), dtype=bool)
    empty_dates = date.values.eq("").to_numpy(dtype=bool)
    if not empty_dates.any():
        return blank
    undated = empty_dates[date.codes]
    blank[undated] = True
    for column in table.cells:
        if isinstance(column, Coded):
            blank[undated] &= column.values.eq("").to_numpy(dtype=bool)[column.codes[undated]]
        elif column.dtype.kind == "f":
            blank[undated] &= column[undated].isna().to_numpy(dtype=bool)
        else:
            blank[undated] &= column[undated].eq("").to_numpy(dtype=bool)
    return blank


def _issue_frame(rows: np.ndarray, column: str, values: pd.Series, reason: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": np.asarray(rows, dtype="int64"),
            "column": column,
            "value": values.fillna("").astype("str").to_numpy(),
            "reason": reason,
        }
    )
