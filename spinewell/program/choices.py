"""What a person chose about their plan, read from and written to their session: the weekly reviews' decisions,
the full core session or a shorter one, and the time of the calendar reminder.

The session is any mutable mapping (Streamlit's session state in the app, a dict in tests), so that the flow and
the pages share these rules without this module importing Streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, MutableMapping

from spinewell.program.review import decisions, with_review
from spinewell.storage.keys import FULL_CORE, REMINDER, REVIEWS

DEFAULT_REMINDER = dt.time(9, 0)


def plan_options(session: Mapping) -> dict[str, object]:
    """The keyword arguments of build_plan that follow the person's choices: the reviews' decisions, full core."""
    return {"decisions": decisions(reviews(session)), "full_core": session.get(FULL_CORE) is True}


def reviews(session: Mapping) -> list[Mapping]:
    """keys.REVIEWS as a list of mappings (anything else, say from an old or damaged profile, as none)."""
    stored = session.get(REVIEWS)
    return [review for review in stored if isinstance(review, Mapping)] if isinstance(stored, list) else []


def record_review(session: MutableMapping, week: int, recommended: str, chosen: str, today: dt.date) -> None:
    session[REVIEWS] = with_review(reviews(session), week, recommended, chosen, today)


def reminder_time(session: Mapping) -> dt.time:
    """The calendar reminder's time of day (keys.REMINDER, "HH:MM"); 09:00 until the person picks one."""
    stored = session.get(REMINDER)
    try:
        return dt.time.fromisoformat(stored) if isinstance(stored, str) else DEFAULT_REMINDER
    except ValueError:
        return DEFAULT_REMINDER


def set_reminder_time(session: MutableMapping, time: dt.time) -> None:
    session[REMINDER] = f"{time:%H:%M}"
