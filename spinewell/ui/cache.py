"""What pages derive once and reuse across reruns: the validated content and the parsed diary."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from spinewell.analysis.days import day_table
from spinewell.content.load import CONTENT_DIR, ContentError, load
from spinewell.content.models import Content
from spinewell.log.read import ParsedLog, read
from spinewell.log.source import dated_sample, with_added
from spinewell.ui import navigation

SAMPLE_LOG = CONTENT_DIR / "sample_log.csv"


@st.cache_resource(show_spinner=False)
def _load_content(content_dir: str) -> Content:
    return load(Path(content_dir))


def content() -> Content:
    """The validated content for a page (every page starts here); on a content error, show what is wrong and stop."""
    navigation.route_through_app()
    try:
        return _load_content(os.environ.get("SPINEWELL_CONTENT") or str(CONTENT_DIR))
    except ContentError as error:
        st.error(
            f"The app's content could not be loaded.\n\n**File:** `{error.file}`  \n**Field:** `{error.field}`  \n"
            f"**Problem:** {error.problem}\n\nFix the file in the `content/` folder and reload the page."
        )
        st.stop()


@st.cache_data(scope="session", show_spinner="Reading the log…", max_entries=6)
def parsed_log(data: bytes, added: bytes, date_order: str, today: dt.date) -> ParsedLog:
    """A diary read (log.read), with the entries this session added to it read after its rows (source.with_added);
    cached per session on the bytes and today's date.

    A person's own data never leaves their session. The date is part of the key so that after midnight a row dated
    the new day is no longer kept out as "in the future".
    """
    parsed = read(data, date_order=date_order, today=today)
    return with_added(parsed, read(added, date_order="auto", today=today)) if added else parsed


@st.cache_data(scope="session", show_spinner="Working out your weekly figures…", max_entries=6)
def log_days(data: bytes, added: bytes, date_order: str, today: dt.date,
             lookup: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """The day table (analysis.days.day_table) of parsed_log(): keyed on today's date like it, so that the charts
    follow the rows it lets in after midnight."""
    return day_table(parsed_log(data, added, date_order, today).frame, dict(lookup))


@st.cache_data(show_spinner=False, max_entries=2)
def sample_log_bytes(today: dt.date) -> bytes:
    """The bundled sample log (made-up entries, the same for everyone, so cached globally), dated to end last week."""
    return dated_sample(SAMPLE_LOG.read_bytes(), today)
