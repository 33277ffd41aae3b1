"""What pages derive once and reuse across reruns: the validated content and the parsed diary."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import streamlit as st

from spinewell import analysis, painlog
from spinewell.content.load import CONTENT_DIR, ContentError, load
from spinewell.content.models import Content
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
def parsed_log(data: bytes, date_order: str = "auto", today: dt.date | None = None):
    """painlog.read() cached per session on the file's bytes and today's date.

    A person's own data never leaves their session. The date is part of the key so that after midnight a row dated
    the new day is no longer kept out as "in the future".
    """
    return painlog.read(data, date_order=date_order, today=today or dt.date.today())


@st.cache_data(scope="session", show_spinner="Working out your weekly figures…", max_entries=6)
def log_days(data: bytes, date_order: str, added: tuple, lookup: tuple[tuple[str, str], ...]):
    """The day table (analysis.day_table) of a log plus the entries added in this session, and the combined log."""
    frame = painlog.with_entries(parsed_log(data, date_order, dt.date.today()).frame, added)
    return frame, analysis.day_table(frame, dict(lookup))


@st.cache_data(show_spinner=False)
def sample_log_bytes() -> bytes:
    """The bundled sample log (made-up entries, the same for everyone, so cached globally)."""
    return SAMPLE_LOG.read_bytes()
