"""The summary's downloads on the Log page and Today under AppTest: both offered, and built only when clicked."""

from __future__ import annotations

import datetime as dt

import pytest

from spinewell.storage import keys
from spinewell.summary import facts
from tests import today_sessions
from tests.apptest import open_page
from tests.summary_sources import diary_csv
from tests.today_sessions import open_today, with_plan

clock = today_sessions.clock  # the fixture these tests use (log_file is in conftest.py)
LABELS = ["Summary for your physio or doctor", "The summary as text"]


def summary_buttons(at) -> list:
    return [button for button in at.get("download_button") if button.proto.label in LABELS]


@pytest.fixture()
def diary(clock, log_file):
    log_file.write_bytes(diary_csv(start=clock - dt.timedelta(days=34)))  # five weeks up to today
    return log_file


def test_the_log_page_offers_the_summary_as_a_page_and_as_text(clock, diary):
    at = open_page("pages/log.py", session=with_plan(), timeout=60)
    buttons = summary_buttons(at)
    assert [b.proto.label for b in buttons] == LABELS
    assert all(b.proto.ignore_rerun for b in buttons), "a download does not rerun the page"
    assert "take to an appointment" in buttons[0].proto.help


def test_today_offers_the_summary_too(clock, diary):
    at = open_today(with_plan())
    assert [b.proto.label for b in summary_buttons(at)] == LABELS


def test_the_summary_is_built_only_when_a_download_is_clicked(clock, diary, monkeypatch):
    """Building it inlines 4.8 MB of plotly.js: a page run must not pay for that (nor keep it in memory)."""
    def not_now(sources):
        raise AssertionError("the summary was built while the page ran")

    monkeypatch.setattr(facts, "build", not_now)
    at = open_today(with_plan())
    buttons = summary_buttons(at)
    assert len(buttons) == 2 and all(b.proto.deferred_file_id for b in buttons)


def test_the_summary_is_made_from_this_persons_goals(clock, diary, monkeypatch):
    made = []
    real_sources = facts.Sources
    monkeypatch.setattr(facts, "Sources", lambda **given: made.append(given) or real_sources(**given))
    goals = [{"id": "goal-1", "name": "Sitting through a film", "ratings": [{"date": "2026-03-02", "score": 3}]}]
    open_page("pages/log.py", session={**with_plan(), keys.GOALS: goals}, timeout=60)
    assert made and made[-1]["goals"] == goals
