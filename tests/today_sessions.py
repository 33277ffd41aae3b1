"""What the Today and guided-session page tests share: a person with a plan, a frozen clock, the diary file."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.log import source
from spinewell.ui import state
from tests.answer_sets import MODERATE, screened
from tests.apptest import open_page

CONTENT = load()
MONDAY = dt.date(2026, 3, 2)
WEDNESDAY = dt.date(2026, 3, 11)  # week 2, day 3 of a plan that starts on MONDAY (Foundation: core, stretching)


def with_plan(start: dt.date = MONDAY) -> dict:
    """The session of a person whose self-assessment gave them Foundation, their plan starting on `start`."""
    return {state.ANSWERS: dict(MODERATE), state.SCREEN: (), state.PLAN_START: start,
            state.RECOMMENDATION: recommend(screened(MODERATE), CONTENT)}


def open_today(session: dict | None = None) -> AppTest:
    return open_page("pages/today.py", session=session, timeout=60)


def diary_rows(path: Path) -> list[dict[str, str]]:
    """The rows of the diary file the app wrote, as the Log page would read its columns."""
    if not path.exists():
        return []
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture()
def clock(monkeypatch) -> dt.date:
    """The pages' clock (log.source.today), frozen on WEDNESDAY."""
    monkeypatch.setattr(source, "today", lambda: WEDNESDAY)
    return WEDNESDAY


