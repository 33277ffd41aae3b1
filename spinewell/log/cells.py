"""Understand the cells of a diary: numbers, times and dates, each distinct text parsed once, and the file's date order.

Every parser here takes a column as a code per row into its distinct texts (a log has far fewer distinct dates,
times, ratings and durations than rows), parses the distinct texts with vectorised pandas operations, and spreads
the result over the rows with a NumPy take.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

DATE_ORDERS = ("auto", "dayfirst", "monthfirst")
NS_PER_DAY = 86_400 * 10**9
NA_TOKENS = ("", "na", "n/a", "nan", "none", "null", "-", "--", "\u2013", "\u2014")
_TIME = r"(\d{1,2})[:.](\d{2})(?:[:.]\d{2}(?:\.\d+)?)?\s*([AaPp]\.?[Mm]\.?)?"
_ISO = re.compile(rf"^(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}})(?:(?:[ T]+|,\s*){_TIME})?$")
_DMY = re.compile(rf"^(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}|\d{{2}})(?:(?:[ T]+|,\s*){_TIME})?$")
_TIME_ONLY = re.compile(rf"^{_TIME}$")
_MONTH_NAME = r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b"
_WEEKDAY = r"(?i)\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\b\.?,?"
_MINUTES = re.compile(
    # Possessive digits (\d++): "90s" is 90 seconds, never 9 minutes and 0 seconds.
    r"^(?:(\d++(?:\.\d++)?)\s*(?:h|hr|hrs|hour|hours)\s*)?(?:(\d++(?:\.\d++)?)\s*(?:m|min|mins|minute|minutes)?\s*)?"
    r"(?:(\d++(?:\.\d++)?)\s*(?:s|sec|secs|second|seconds))?$",
    re.IGNORECASE,
)
_CLOCK_DURATION = re.compile(r"^(\d+):([0-5]\d)(?::([0-5]\d(?:\.\d+)?))?$")  # h:mm or h:mm:ss, never mm:ss
# Excel's serial day numbers (45000 is 2023-03-15), five digits (1927-2173), a fraction being the time of day.
_SERIAL = r"\d{5}(?:\.\d+)?"
_EXCEL_EPOCH = np.datetime64("1899-12-30", "ns")  # serial 61 is 1900-03-01 once Excel's 29 Feb 1900 is skipped
_OUT_OF_TEN = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:/|out of)\s*10$", re.IGNORECASE)
# Dates are parsed in microseconds, which hold any four-digit year (nanoseconds end in 2262), and only years from
# FIRST_YEAR to LAST_YEAR are kept: a year outside is a typo (checks.report_future also reports those after next year).
_WIDE = "datetime64[us]"
FIRST_YEAR, LAST_YEAR = 1900, 2100
_LISTED_YEARS = 20  # typo years named one by one in the reasons; any more share one reason
# "00:00" ... "23:59", then <NA> (for rows without a time): the time column is one take from these.
_CLOCK_TEXTS = pd.array([f"{m // 60:02d}:{m % 60:02d}" for m in range(24 * 60)] + [pd.NA], dtype="string")


@dataclass(frozen=True, eq=False)  # holds arrays: compared by identity
class Dates:
    """The parsed date column, per row: the day (days since 1970-01-01; hugely negative where there is a problem),
    the minute of the day of times written inside date cells (None if there were none), masks of the rows with a
    problem and its reason, whether day/month order is ambiguous, and the order used."""

    day: np.ndarray
    minute: np.ndarray | None
    problems: tuple[tuple[np.ndarray, str], ...]
    ambiguous: bool
    order: str | None


def parse_numbers(codes: np.ndarray, text: pd.Series, name: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Numbers from a pain or minutes column (decimal commas, "7/10", "1h 15", "n/a"): the value per row (NaN when
    empty) and a mask of the cells that aren't numbers (None when there are none).

    Adding 0.0 turns -0.0 into 0.0: the repeat check compares the bits of the numbers.
    """
    parsed = _number_values(text, name)
    unreadable = parsed["bad"].to_numpy(dtype=bool)
    return parsed["value"].to_numpy(dtype="float64")[codes] + 0.0, unreadable[codes] if unreadable.any() else None


def _number_values(text: pd.Series, name: str) -> pd.DataFrame:
    text = text.str.strip()
    blank = text.str.lower().isin(NA_TOKENS)
    cleaned = text.str.replace(",", ".", regex=False)
    values = pd.to_numeric(cleaned.where(~blank), errors="coerce").astype("float64")
    pending = values.isna() & ~blank
    if pending.any():
        sub = cleaned[pending]
        if name == "pain":
            parts = sub.str.extract(_OUT_OF_TEN)
            values[pending] = pd.to_numeric(parts[0], errors="coerce")
        else:
            values[pending] = duration_minutes(sub)
        pending = values.isna() & ~blank
    return pd.DataFrame({"value": values, "bad": pending})


def duration_minutes(text: pd.Series) -> pd.Series:
    """Durations as minutes (NaN for text that isn't one): "1h 15m", "1 h", "45 min", "90s", and on a clock face
    "0:45" or "1:15:00". A clock-face duration is always hours first (h:mm, h:mm:ss): "0:45" is 45 minutes, as a
    spreadsheet's duration cell and a fitness app's moving time write it."""
    parts = text.str.extract(_MINUTES)
    hours, minutes, seconds = (pd.to_numeric(parts[i], errors="coerce") for i in range(3))
    matched = hours.notna() | minutes.notna() | seconds.notna()
    found = (hours.fillna(0) * 60 + minutes.fillna(0) + seconds.fillna(0) / 60).where(matched)
    clock = text[found.isna()].str.extract(_CLOCK_DURATION)
    if not clock.empty:
        hours, minutes, seconds = (pd.to_numeric(clock[i], errors="coerce") for i in range(3))
        found[clock.index] = (hours * 60 + minutes + seconds.fillna(0) / 60).where(hours.notna())
    return found.round(2)


def excel_serial_dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Excel serial day numbers ("46330", "46330.75"): the date of each (NaT when it isn't one) and the minute of
    the day its fraction holds (NaN when it has none).

    Excel's 1900 date system counts 29 February 1900, a day that never was (Lotus 1-2-3's leap-year bug, kept for
    compatibility), so from serial 61 (1 March 1900) on the count runs from 30 December 1899. Only five-digit serials
    are read (1927 to 2173): the early 1900s, where that bug bites, can't be in a diary; and the 1904 system of old
    Mac workbooks is not guessed at (a spreadsheet's own date cells come with their date whatever the system).
    """
    number = pd.to_numeric(text.where(text.str.fullmatch(_SERIAL)), errors="coerce")
    days = np.floor(number)
    dates = pd.Series(_EXCEL_EPOCH + (days.fillna(0).to_numpy(np.int64) * NS_PER_DAY).astype("timedelta64[ns]"),
                      index=text.index).where(number.notna())
    fraction = (number - days).where(number.notna() & (number > days))
    return dates.astype("datetime64[ns]"), (fraction * 24 * 60).round()


def parse_times(codes: np.ndarray, text: pd.Series) -> tuple[np.ndarray | None, np.ndarray | None]:
    """A time column: the minute of the day of each row (NaN when empty; None when the whole column is empty) and a
    mask of cells that aren't times (None when there are none)."""
    text = text.str.strip()
    if not text.str.len().any():
        return None, None
    blank = text.str.lower().isin(NA_TOKENS)
    parts = text.str.extract(_TIME_ONLY)
    clock = _clock(parts[0], parts[1], parts[2])
    unreadable = (~blank & (clock["minute"].isna() | clock["invalid"])).to_numpy(dtype=bool)
    return clock["minute"].to_numpy(dtype="float64")[codes], unreadable[codes] if unreadable.any() else None


def clock_text(minute: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """HH:MM for each minute of the day (<NA> where there is none), by one take from the 1440 possible texts."""
    return _CLOCK_TEXTS.take(np.where(np.isnan(minute), 24 * 60, minute).astype(np.intp))


def _clock(hours: pd.Series, minutes: pd.Series, ampm: pd.Series) -> pd.DataFrame:
    """From matched parts: the minute of the day, and whether the time is impossible (25:00, 13 pm)."""
    hours = pd.to_numeric(hours, errors="coerce")
    minutes = pd.to_numeric(minutes, errors="coerce")
    suffix = ampm.fillna("").str.lower().str.replace(".", "", regex=False)
    twelve = suffix.ne("")
    invalid = ((hours > 23) | (minutes > 59) | (twelve & ((hours < 1) | (hours > 12)))).fillna(False).astype(bool)
    hours = hours.where(~(twelve & hours.eq(12)), 0) + np.where(suffix.eq("pm"), 12, 0)
    valid = ~invalid & hours.notna()
    return pd.DataFrame({"minute": (hours * 60 + minutes).where(valid), "invalid": invalid})


def parse_dates(codes: np.ndarray, text: pd.Series, date_order: str) -> Dates:
    """A date column: each distinct date parsed once, day-first or month-first decided over the whole file."""
    parsed, ambiguous, order = _date_values(text, date_order)
    order_text = "day-first (14/03/2026)" if order == "dayfirst" else "month-first (03/14/2026)"
    problems = tuple(
        (parsed[key].to_numpy(dtype=bool)[codes], reason)
        for key, reason in (
            ("missing", "no date (every entry needs a date)"),
            ("unrecognised", "not a date we recognise (use a date like 2026-03-14)"),
            ("wrong_order", "day and month are the other way round from the file's other dates, read as "
                            f"{order_text}"),
        )
        if parsed[key].any()
    ) + year_typos(parsed["year"].to_numpy()[codes])
    minute = parsed["minute"].to_numpy(dtype="float64")
    return Dates(
        # NaT is the smallest int64: its day stays far in the past, never "in the future".
        day=(parsed["date"].to_numpy(dtype="datetime64[ns]").view("int64") // NS_PER_DAY)[codes],
        minute=None if np.isnan(minute).all() else minute[codes],
        problems=problems,
        ambiguous=ambiguous,
        order=order,
    )


def year_typos(year: np.ndarray) -> tuple[tuple[np.ndarray, str], ...]:
    """From a year per row (0 where the year is fine), a mask and a reason for each year that looks like a typo."""
    if not year.any():
        return ()
    found = np.unique(year[year != 0])
    named = tuple((year == y, f"the year {y} looks like a typo") for y in found[:_LISTED_YEARS])
    if len(found) <= _LISTED_YEARS:
        return named
    return (*named, (np.isin(year, found[_LISTED_YEARS:]), "the year looks like a typo"))


def _date_values(text: pd.Series, date_order: str) -> tuple[pd.DataFrame, bool, str | None]:
    """Parse distinct date cells, tiers from fast to thorough, each vectorised over what the last one left."""
    text = text.str.strip()
    missing = text.eq("")
    # Tier 1: plain ISO dates, what the app itself writes.
    dates = pd.to_datetime(text.where(text.str.len().eq(10)), format="ISO8601", errors="coerce")
    dates = dates.astype(_WIDE)
    minutes = pd.Series(np.nan, index=text.index)
    wrong_order = pd.Series(False, index=text.index)
    ambiguous, order = False, None

    def accept(mask: pd.Series, found: pd.Series, minute: pd.Series | None = None) -> None:
        chosen = mask[mask].index
        dates[chosen] = found[mask]
        if minute is not None:
            minutes[chosen] = minute[mask]

    pending = dates.isna() & ~missing
    if pending.any():
        sub = text[pending]
        # Tier 2: ISO-like with other separators and/or a time.
        iso = sub.str.extract(_ISO)
        iso_dates, iso_clock = _assemble(iso[0], iso[1], iso[2]), _clock(iso[3], iso[4], iso[5])
        iso_ok = iso_dates.notna() & ~iso_clock["invalid"]
        accept(iso_ok, iso_dates, iso_clock["minute"])
        # Tier 3: numeric day/month/year in either order, decided for the whole file.
        rest = sub[~iso_ok]
        dmy = rest.str.extract(_DMY)
        day_first, month_first = _assemble(dmy[2], dmy[1], dmy[0]), _assemble(dmy[2], dmy[0], dmy[1])
        order, ambiguous = _date_order(day_first, month_first, date_order)
        chosen, other = (month_first, day_first) if order == "monthfirst" else (day_first, month_first)
        dmy_clock = _clock(dmy[3], dmy[4], dmy[5])
        dmy_ok = chosen.notna() & ~dmy_clock["invalid"]
        accept(dmy_ok, chosen, dmy_clock["minute"])
        flipped = chosen.isna() & other.notna()
        wrong_order[flipped[flipped].index] = True
        # Tier 4: dates with a month name ("3 Mar 2026", "Tuesday 3 March 2026"): unambiguous by construction.
        rest = rest[~dmy_ok & ~flipped]
        named = rest[rest.str.contains(_MONTH_NAME, regex=True) & rest.str.contains(r"\d{4}", regex=True)]
        if not named.empty:
            parsed = _parse_named_dates(named)
            timed = parsed.notna() & named.str.contains(r"\d:\d\d", regex=True)
            accept(parsed.notna(), parsed.dt.normalize(), (parsed.dt.hour * 60 + parsed.dt.minute).where(timed))
        # Tier 5: Excel serial day numbers, from a spreadsheet whose date cells lost their format.
        serial, serial_minute = excel_serial_dates(rest[~rest.index.isin(named.index)])
        accept(serial.notna(), serial, serial_minute)

    year = dates.dt.year
    out_of_range = dates.notna() & ((year < FIRST_YEAR) | (year > LAST_YEAR))
    dates = dates.where(~out_of_range).dt.normalize().astype("datetime64[ns]")  # in range now: fits nanoseconds
    unrecognised = dates.isna() & ~missing & ~wrong_order & ~out_of_range
    table = pd.DataFrame({"date": dates, "minute": minutes, "missing": missing, "unrecognised": unrecognised,
                          "wrong_order": wrong_order, "out_of_range": out_of_range,
                          "year": year.where(out_of_range, 0).fillna(0).astype("int64")})
    return table, ambiguous, order


def _date_order(day_first: pd.Series, month_first: pd.Series, date_order: str) -> tuple[str | None, bool]:
    """The order for the file's numeric dates and whether it is a guess: the order most dates can only be read in,
    else day-first, flagged as ambiguous when some dates read differently the other way."""
    if date_order != "auto":
        return (date_order if day_first.notna().any() or month_first.notna().any() else None), False
    only_day_first = day_first.notna() & month_first.isna()
    only_month_first = month_first.notna() & day_first.isna()
    if only_month_first.sum() > only_day_first.sum():
        return "monthfirst", False
    if only_day_first.any():
        return "dayfirst", False
    if (day_first.notna() & month_first.notna() & day_first.ne(month_first)).any():
        return "dayfirst", True
    return ("dayfirst" if day_first.notna().any() else None), False


def _assemble(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    year = pd.to_numeric(year, errors="coerce")
    year = year.where(year >= 100, year + 2000)
    parts = pd.DataFrame(
        {"year": year, "month": pd.to_numeric(month, errors="coerce"), "day": pd.to_numeric(day, errors="coerce")}
    )
    return pd.to_datetime(parts, errors="coerce").astype(_WIDE)


def _parse_named_dates(named: pd.Series) -> pd.Series:
    """Dates written with a month name, by dateutil (through pandas); weekday names and commas removed first."""
    cleaned = named.str.replace(_WEEKDAY, " ", regex=True).str.replace(",", " ", regex=False).str.strip()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateutil's "could not infer format" advice, repeated per value
        try:
            parsed = pd.to_datetime(cleaned, format="mixed", dayfirst=True, errors="coerce")
        except (ValueError, OverflowError, TypeError):  # e.g. a mix of time zones: leave these unparsed
            return pd.Series(pd.NaT, index=named.index, dtype=_WIDE)
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_localize(None)  # keep the wall-clock time the person wrote
    return parsed.astype(_WIDE)
