"""The diary as Today and the Log page write to it: the one saving rule, and which sessions the diary holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from spinewell.analysis.days import MAIN_TYPES
from spinewell.content.models import Content
from spinewell.log import describe, source
from spinewell.log.entry import LogEntry
from spinewell.log.source import LogSource
from spinewell.ui import cache, state, widgets


def now(today: dt.date) -> dt.datetime:
    """The time of an entry made now, to the minute, on the pages' day (source.today, which a test can move)."""
    return dt.datetime.combine(today, dt.datetime.now().time().replace(second=0, microsecond=0))


def session_rows() -> dict[str, list[LogEntry]]:
    """This session's entries that are not saved to a file, by diary (state.LOG_SESSION_ROWS)."""
    return st.session_state.setdefault(state.LOG_SESSION_ROWS, {})


def own_diary(today: dt.date) -> LogSource:
    """The person's own diary when nothing is uploaded: the local file, this session's entries, or the sample."""
    return source.choose(None, source.local_log_path(), session_rows(), cache.sample_log_bytes(today))


def keep(log: LogSource, entries: Sequence[LogEntry]) -> None:
    """Save entries to the local diary when `log` saves locally (remembered for the Log page's Undo), else keep them
    in this session with the diary shown. Raises store.LogWriteError, with a message for the person, when the
    file can't be written; nothing is changed then."""
    if not entries:
        return
    receipt = source.save_entries(log, entries, session_rows())
    if receipt is not None:
        st.session_state[state.LOG_LAST_SAVE] = receipt


def kept_message(log: LogSource, entries: Sequence[LogEntry]) -> str:
    """What a page confirms once entries are kept: saved to the local diary, or kept for this visit only."""
    words = "; ".join(describe.describe_entry(entry, widgets.literal) for entry in entries)
    return (f"Saved to your diary: {words}." if log.keeps_for_good
            else f"Added to your diary for this visit: {words}. Download it from the Log page to keep it.")


def where_kept(log: LogSource) -> str:
    """Where a new entry goes, as the entry form says it: never a server path in hosted mode."""
    if log.in_browser and log.keeps_for_good:
        return "Saved in this browser, with the rest of your diary."
    if log.saves_locally:
        return f"Saved to `{log.path}` on this computer."
    return "Kept in this browser session; download the updated log to keep it."


def sessions_done(log: LogSource, content: Content, today: dt.date) -> set[tuple[dt.date, str]] | None:
    """(day, type id) for each day the diary holds a core, stretching or aerobic session; empty for the sample
    (nobody's diary), None when the diary can't be read."""
    if log.kind == "sample":
        return set()
    parsed = cache.parsed_log(log.data, log.added, "auto", today)
    if parsed.error is not None:
        return None
    days = cache.log_days(log.data, log.added, "auto", today, tuple(sorted(content.exercise_type_lookup().items())))
    return {(day.date(), type_id) for type_id in MAIN_TYPES
            for day in days.index[days[f"{type_id}_sessions"].fillna(0) > 0]}


def own_days(log: LogSource, content: Content, today: dt.date) -> pd.DataFrame:
    """The person's own diary as a day table (analysis.days), empty for the sample (nobody's diary) and for a diary
    that can't be read: what the weekly review looks at."""
    if log.kind == "sample" or not log.data or cache.parsed_log(log.data, log.added, "auto", today).error is not None:
        return pd.DataFrame()
    return cache.log_days(log.data, log.added, "auto", today, tuple(sorted(content.exercise_type_lookup().items())))
