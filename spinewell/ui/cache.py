"""What pages derive once and reuse across reruns: the validated content and the parsed diary."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.errors import FragmentHandledException

from spinewell.analysis.days import day_table
from spinewell.content.load import CONTENT_DIR, ContentError, load
from spinewell.content.models import Content
from spinewell.log.read import ParsedLog, read
from spinewell.log.source import dated_sample, with_added
from spinewell.log.store import to_csv_bytes
from spinewell.ui import navigation

SAMPLE_LOG = CONTENT_DIR / "sample_log.csv"
LOGS_KEPT = 2  # per session: the diary shown and the one before it (the other date order, or before an entry)
KEPT_FOR = dt.timedelta(hours=1)  # a session left open longer reads its diary again; an idle one lets it go
BIG_READ_BYTES = 5_000_000
# Reading a file takes several times its size for a moment, and Arrow's reader already uses every core: big files
# are read one at a time, so that sessions uploading at once do not add up their peaks.
_big_reads = threading.Lock()


@st.cache_resource(show_spinner=False, max_entries=2)  # content/, or the copy SPINEWELL_CONTENT names
def _load_content(content_dir: str) -> Content:
    return load(Path(content_dir))


def content() -> Content:
    """The validated content for a page (every page starts here); on a content error, show what is wrong and stop."""
    try:
        loaded = _load_content(os.environ.get("SPINEWELL_CONTENT") or str(CONTENT_DIR))
    except ContentError as error:
        st.error(
            f"The app's content could not be loaded.\n\n**File:** `{error.file}`  \n**Field:** `{error.field}`  \n"
            f"**Problem:** {error.problem}\n\nFix the file in the `content/` folder and reload the page."
        )
        # Stops the page as st.stop() does, but Streamlit counts the run as failed, so that the script health check
        # (/_stcore/script-health-check, on in .streamlit/config.toml) answers 503 while the content is broken.
        raise FragmentHandledException from None  # (before the one rerun below: the check's first run must fail)
    navigation.route_through_app()
    return loaded


@st.cache_resource(scope="session", show_spinner="Reading the log…", max_entries=LOGS_KEPT, ttl=KEPT_FOR)
def _parsed(digest: str, added_digest: str, date_order: str, today: dt.date, _data: bytes, _added: bytes) -> ParsedLog:
    # Keyed on the digests: the underscored bytes are not hashed by Streamlit, and a cached resource keeps no argument.
    with _big_reads if len(_data) > BIG_READ_BYTES else contextlib.nullcontext():
        return _read_with_added(_data, _added, date_order, today)


def parsed_log(data: bytes, added: bytes, date_order: str, today: dt.date) -> ParsedLog:
    """A diary read (log.read), with the entries this session added to it read after its rows (source.with_added);
    cached per session on a hash of the bytes and today's date.

    A person's own data never leaves their session. The date is part of the key so that after midnight a row dated
    the new day is no longer kept out as "in the future". The session keeps no copy of the bytes, and the log comes
    back as it is, not copied (a 50 MB diary's frame is about 100 MB): read it, never change it.
    """
    return _parsed(_digest(data), _digest(added), date_order, today, data, added)


@st.cache_resource(scope="session", show_spinner="Working out your weekly figures…", max_entries=LOGS_KEPT,
                   ttl=KEPT_FOR)
def _days(digest: str, added_digest: str, date_order: str, today: dt.date, lookup_digest: str,
          _lookup: tuple[tuple[str, str], ...], _frame: pd.DataFrame) -> pd.DataFrame:
    # Kept, not copied, like the parsed log (a copy on every call cost Today about 3 ms a call, three calls a run):
    # keyed on the digests, which stand for the underscored arguments.
    return day_table(_frame, dict(_lookup))


def log_days(data: bytes, added: bytes, date_order: str, today: dt.date,
             lookup: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """The day table (analysis.days.day_table) of parsed_log(): keyed on today's date like it, so that the charts
    follow the rows it lets in after midnight. It comes back as it is kept, not copied: read it, never change it
    (what is made from it, a filtered or grouped table, is a frame of its own)."""
    digests = _digest(data), _digest(added)
    frame = _parsed(*digests, date_order, today, data, added).frame
    return _days(*digests, date_order, today, _digest(repr(lookup).encode()), lookup, frame)


def log_csv_later(data: bytes, added: bytes, date_order: str, today: dt.date) -> Callable[[], bytes]:
    """The clean log as CSV, made when a download button is clicked, by reading the bytes again.

    For a large log: Streamlit keeps a deferred download's function as long as it keeps the session's uploaded files
    (for an ended session, until the server stops), so it holds only the bytes, which Streamlit keeps for the
    upload anyway, and not the frame read from them, about twice their size.
    """
    return lambda: to_csv_bytes(_read_with_added(data, added, date_order, today).frame)


def _read_with_added(data: bytes, added: bytes, date_order: str, today: dt.date) -> ParsedLog:
    parsed = read(data, date_order=date_order, today=today)
    return with_added(parsed, read(added, date_order="auto", today=today)) if added else parsed


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@st.cache_data(show_spinner=False, max_entries=2)
def sample_log_bytes(today: dt.date) -> bytes:
    """The bundled sample log (made-up entries, the same for everyone, so cached globally), dated to end last week."""
    return dated_sample(SAMPLE_LOG.read_bytes(), today)
