"""The summary for a physiotherapist or doctor: two download buttons (a page to print, text to paste), built from the
session and the diary only when one is clicked."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from spinewell.analysis.days import day_table
from spinewell.assessment import steps
from spinewell.log.source import LogSource
from spinewell.program import choices
from spinewell.storage import keys
from spinewell.summary import facts, page, text
from spinewell.ui import cache, state

HELP = ("Your diary, your program and why, your weekly reviews and your safety check on one page, to take to an "
        "appointment. Open it in a browser to print it or save it as a PDF. It needs no internet connection.")


def _diary(log: LogSource, today: dt.date, lookup: tuple[tuple[str, str], ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The diary's clean entries and day table; empty for the sample (nobody's diary) and a diary that can't be
    read (the Log page says what is wrong with it)."""
    parsed = None if log.kind == "sample" else cache.parsed_log(log.data, log.added, "auto", today)
    if parsed is None or parsed.error is not None or parsed.frame.empty:
        empty = pd.DataFrame(columns=["date", "time", "pain", "exercise", "minutes", "notes"])
        return empty, day_table(empty, dict(lookup))
    return parsed.frame, cache.log_days(log.data, log.added, "auto", today, lookup)


def summary_downloads(log: LogSource, today: dt.date, key: str) -> None:
    """Draw the two download buttons for the summary of `log` and this session's profile (goals included)."""
    content = cache.content()
    session = st.session_state
    frame, days = _diary(log, today, tuple(sorted(content.exercise_type_lookup().items())))
    sources = facts.Sources(
        frame=frame, days=days, content=content, today=today,
        recommendation=state.assessment_flow(content).current_program(), plan=session.get(state.CHOSEN_PLAN),
        reviews=tuple(choices.reviews(session)), screen=session.get(state.SCREEN),
        screened_on=session.get(steps.SCREENED_ON), doctor_checked=bool(session.get(steps.CHECKED)),
        answers=dict(session.get(state.ANSWERS) or {}), goals=session.get(keys.GOALS),
        kept_up_to_date=log.kept_up_to_date,
    )
    name = f"spinewell_summary_{today.isoformat()}"
    st.caption("Going to an appointment? Take a summary of your diary, your program and your safety check.")
    with st.container(horizontal=True, key=f"{key}.summary"):
        st.download_button("Summary for your physio or doctor", lambda: page.render(facts.build(sources), content),
                           file_name=f"{name}.html", mime="text/html", key=f"{key}.summary.html", on_click="ignore",
                           icon=":material/clinical_notes:", help=HELP)
        st.download_button("The summary as text", lambda: text.render(facts.build(sources)), file_name=f"{name}.txt",
                           mime="text/plain", key=f"{key}.summary.text", on_click="ignore",
                           icon=":material/description:", help="The same facts as plain text, to paste into a "
                                                                "message or an e-mail.")
