"""The log page's verdicts and first days under AppTest, through app.py: stable severe pain gets the calm note and
no alert, the rules are on the page, the early-episode sentence follows the assessment, and a 3-day diary shows
days on its axis, no week-on-week change and what will appear when."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from spinewell.content.load import load
from spinewell.log import source
from spinewell.ui import state
from tests.apptest import chart, open_page, page_text

TODAY = dt.date(2026, 3, 20)


@pytest.fixture(autouse=True)
def _clock(monkeypatch) -> None:
    monkeypatch.setattr(source, "today", lambda: TODAY)


def with_upload(pains: list[float], session: dict | None = None, start: dt.date = dt.date(2026, 3, 2)) -> AppTest:
    """The log page showing an uploaded diary of one rating a day from `start`."""
    rows = "".join(f"{start + dt.timedelta(days=n)},{p},walking,20\n" for n, p in enumerate(pains))
    at = open_page("pages/log.py", session=session, timeout=60)
    at.file_uploader(key="log.upload").set_value(("diary.csv", f"date,pain,exercise,minutes\n{rows}".encode(),
                                                  "text/csv")).run()
    assert not at.exception, at.exception
    return at


def test_stable_severe_pain_gets_the_calm_note_not_the_alert():
    at = with_upload([8, 9] * 7)  # 8 and 9 every day for two weeks
    assert not [w for w in at.warning if "looks worse" in w.value]
    (note,) = [i.value for i in at.info if "stayed high" in i.value]
    assert "about 9 out of 10" in note and "GP or physiotherapist can help review the plan" in note
    assert "assessment" not in [link.proto.page for link in at.get("page_link")]  # no emergency route for this


def test_the_page_states_how_a_change_is_judged():
    at = with_upload([8, 9] * 7)
    (rules,) = [e for e in at.expander if e.label == "How Spinewell judges a change in your pain"]
    text = "\n".join(m.value for m in rules.markdown)
    assert "at least 1 point" in text and "Spinewell's own rule" in text
    assert "only if that is new for you" in text


def test_the_worsening_alert_still_comes_with_the_screens_emergency_line_and_the_safety_check():
    at = with_upload([5] * 7 + [8, 8, 9, 8, 8, 9, 8])
    (alert,) = [w.value for w in at.warning if "looks worse" in w.value]
    assert "more often than in your first week" in alert and load().questionnaire.safety.emergency in alert
    assert "assessment" in [link.proto.page for link in at.get("page_link")]
    assert not [i for i in at.info if "stayed high" in i.value]


@pytest.mark.parametrize(("duration", "said"), [("under-2-weeks", True), ("2-to-6-weeks", True),
                                                ("over-3-months", False), (None, False)])
def test_a_fall_early_in_an_episode_says_new_back_pain_often_improves_on_its_own(duration, said):
    session = None if duration is None else {state.ANSWERS: {"duration": duration}}
    at = with_upload([6] * 7 + [4] * 7, session=session)
    text = page_text(at)
    assert "Your pain has fallen by 2.0 points" in text
    assert ("often gets better on its own" in text) is said


def test_a_three_day_diary_shows_days_no_weekly_change_and_what_comes_next():
    at = with_upload([5, 4, 5], start=TODAY - dt.timedelta(days=2))
    spec, _ = chart(at, "Pain over time")
    assert spec["layout"]["xaxis"]["tickformat"] == "%d %b" and spec["layout"]["xaxis"]["dtick"] == 86_400_000
    assert [m.label for m in at.metric] == ["Pain, so far", "Exercise days, so far", "Aerobic, so far"]
    assert [m.proto.delta for m in at.metric] == ["", "", ""]
    (coming,) = [i.value for i in at.info if "As you keep logging" in i.value]
    assert "Log 4 more days to fill your first week" in coming
    assert "Log 11 more days to see how each week compares with the week before" in coming
    calendar, _ = chart(at, "Activity calendar")
    (heatmap,) = calendar["data"]
    assert (heatmap["zmin"], heatmap["zmax"]) == (0, 30)
    assert "No complete week" in page_text(at)
