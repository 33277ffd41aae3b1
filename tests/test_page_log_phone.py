"""The Log page on a phone, under AppTest: one chart at a time behind a clear choice (each reachable, with its
sentence and its numbers), the pain scale a slider (one row at any width) with words at its ends, and a rerun that
builds no figure again."""

from __future__ import annotations

import datetime as dt

import pytest

from spinewell import charts
from spinewell.log import source
from spinewell.ui import log_charts
from tests.apptest import figures, open_page, page_text

TODAY = dt.date(2026, 11, 17)


@pytest.fixture()
def log_page(log_file, monkeypatch):
    monkeypatch.setattr(source, "today", lambda: TODAY)
    return open_page("pages/log.py", timeout=60)


def test_the_page_shows_one_chart_and_a_choice_that_reaches_each_of_the_others(log_page):
    at = log_page
    (choice,) = [w for w in at.button_group if w.key == log_charts.KEY]
    assert choice.label == "Chart to show" and list(choice.options) == list(log_charts.CHOICES)
    assert choice.value == "Pain"
    assert list(figures(at)) == ["Pain over time"]  # one chart, not five one after another
    for option, title in log_charts.TITLES.items():
        choice.set_value(option).run()
        assert not at.exception
        assert list(figures(at)) == [title]
        (choice,) = [w for w in at.button_group if w.key == log_charts.KEY]
        numbers = [e for e in at.expander if e.label == "The numbers in this chart"]
        assert len(numbers) == 1 and len(numbers[0].dataframe[0].value) > 0, option


def test_the_pain_scale_is_a_slider_from_no_rating_through_0_to_10_with_words_at_its_ends(log_page):
    at = log_page
    (scale,) = [w for w in at.select_slider if w.key and w.key.startswith("log.add.") and w.key.endswith(".pain")]
    assert not [w for w in at.button_group if w.key and w.key.endswith(".pain")]  # not a row of 11 buttons
    assert scale.options[0] == "No rating" and scale.options[1] == "0: none" and scale.options[-1] == "10: worst"
    assert scale.options[2:-1] == [str(n) for n in range(1, 10)]
    assert scale.value == -1  # nothing rated until the person moves it


def test_typing_in_the_form_or_choosing_a_chart_builds_no_figure_again(log_file, monkeypatch):
    # A diary of its own (AppTests share one session id, so one session's cache: no other test's figures)
    rows = [f"2026-11-{day:02d},08:00,{day % 7},Walking,{20 + day},{log_file.parent.name}" for day in range(1, 17)]
    log_file.write_text("date,time,pain,exercise,minutes,notes\n" + "\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(source, "today", lambda: TODAY)
    at = open_page("pages/log.py", timeout=60)
    built: list[str] = []
    for name in ("pain_trend", "weekly_sessions", "aerobic_minutes", "activity_calendar", "exercise_vs_rest"):
        original = getattr(charts, name)
        monkeypatch.setattr(charts, name, lambda *a, _f=original, _n=name, **k: (built.append(_n), _f(*a, **k))[1])
    at.button_group(key=log_charts.KEY).set_value("Calendar").run()
    at.button_group(key=log_charts.KEY).set_value("Pain").run()
    assert built == ["activity_calendar"]  # the pain chart was kept from the first run
    at.toggle(key="log.only_notes").set_value(True).run()
    at.button_group(key=log_charts.KEY).set_value("Calendar").run()
    assert built == ["activity_calendar"] and "You logged exercise on" in page_text(at)
