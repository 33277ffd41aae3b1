"""The summary for a physiotherapist or doctor: what it says, that it stands alone, and that user text stays text."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from spinewell.analysis import alerts, pain, weeks
from spinewell.analysis.days import day_table
from spinewell.assessment import steps
from spinewell.summary import facts, page, text
from tests import summary_sources
from tests.assessment_sessions import new_flow, tick_screen
from tests.summary_sources import BOLD_NOTE, HOSTILE_NOTE

GOALS = [{"id": "walk", "name": "Walk to the shops <b>and back</b>",
          "ratings": [{"date": "2026-09-07", "score": 3}, {"date": "2026-10-05", "score": 7}]}]


@pytest.fixture(scope="module")
def built():
    sources = summary_sources.sources(goals=GOALS)
    summary = facts.build(sources)
    return sources, summary, page.render(summary, sources.content).decode("utf-8"), text.render(summary)


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of every <script> and <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "style") else None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)

    def handle_endtag(self, tag):
        self._in = None


def _tags(document: str) -> _Tags:
    parser = _Tags()
    parser.feed(document)
    return parser


def _visible(document: str) -> str:
    """The page's text without its scripts and style (what a reader sees without any script running)."""
    without = re.sub(r"<(script|style)\b.*?</\1>", " ", document, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", without))


def test_the_summary_builds_from_a_profile_and_diary_with_every_section(built):
    _, summary, document, _ = built
    visible = _visible(document)
    for heading in ("Key figures", "Alerts", "Pain by week", "Exercise by week", "Aerobic exercise by week",
                    "Targets reached", "Against the plan", "Program and why", "Weekly reviews", "Safety check",
                    "Goals", "Notes from the diary"):
        assert f"<h2>{heading}</h2>" in document, heading
    assert "Diary: 7 Sep 2026 to 11 Oct 2026." in visible
    assert "Foundation" in visible
    assert "“Repeat this week”, where Spinewell suggested “Move on to the next week”" in visible
    assert "Answered on 6 Sep 2026." in visible and "None of these apply to me" in visible
    assert "Spinewell is for education and self-help. It does not diagnose" in visible


def test_the_page_asks_nothing_of_another_host(built):
    _, _, document, _ = built
    parsed = _tags(document)
    for tag, attributes in parsed.tags:
        assert tag != "link", attributes
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = attributes.get(name) or ""
            assert "http" not in value and "//" not in value, (tag, name, value)
    style = re.search(r"<style>(.*?)</style>", document, flags=re.S).group(1)
    assert "url(" not in style and "@import" not in style
    scripts = [tag for tag, _ in parsed.tags if tag == "script"]
    assert len(scripts) == 2, "plotly.js inlined once, then the script that draws the charts"
    assert document.count(page.plotly_js()[:200]) == 1


def test_a_note_with_markup_comes_out_as_text(built):
    _, _, document, plain = built
    assert HOSTILE_NOTE not in document and "<b>tags</b>" not in document and "<b>and back</b>" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert "**bold** and &lt;b&gt;tags&lt;/b&gt;" in document  # shown as typed, not made bold
    assert "<strong>bold</strong>" not in document
    assert f"10 Sep 2026: {HOSTILE_NOTE}" in plain and f"17 Sep 2026: {BOLD_NOTE}" in plain


def test_a_note_cannot_close_the_charts_script():
    """A type label or note that reaches a chart is JSON inside a script: "</script>" in it must not end the script."""
    figure_json = page._chart("x", page.figures.go.Figure(page.figures.go.Bar(x=["</script><b>"], y=[1])), "alt")[1]
    assert "</script>" not in figure_json and "<\\/script>" in figure_json


def test_the_pain_table_matches_the_analysis(built):
    sources, summary, document, _ = built
    daily = pain.daily_pain(sources.days)
    by_week = daily.groupby(daily.index - (pd.to_timedelta(daily.index.day_of_week, unit="D"))).agg(["mean", "count"])
    rows = summary.pain_table().rows
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (f"{week.day} {week:%b %Y}", str(int(count)), f"{mean:.1f}") for week, (mean, count) in by_week.iterrows()]
    change = pain.pain_change(daily, early_episode=True)
    assert change.verdict == "better"
    assert f"{change.baseline:.1f} out of 10" in _visible(document) and f"{change.latest:.1f} out of 10" in document
    chart = json.loads(re.search(r'Plotly.newPlot\("chart-pain", (\[.*?\]), \{', document).group(1))
    assert chart[0]["y"] == [float(r[2]) for r in rows], "the chart draws the table's numbers"


def test_the_exercise_tables_match_the_analysis(built):
    sources, summary, document, _ = built
    weekly, minutes = weeks.weekly_sessions(sources.days), weeks.weekly_minutes(sources.days)
    planned = {(t.week_start, t.type_id): t.sessions for t in sources.plan.weekly_targets}
    expected = [
        (f"{week.day} {week:%b %Y}",
         *(f"{int(weekly.at[week, t])} of {planned[(week.date(), t)]}" for t in ("core", "stretching", "aerobic")))
        for week in weekly.index
    ]
    assert list(summary.sessions_table().rows) == expected
    assert [row[1] for row in summary.minutes_table().rows] == [f"{m:.0f}" for m in minutes["aerobic"]]
    for row in expected:
        assert "<td>" + "</td><td>".join(row) + "</td>" in document
    plan_rows = weeks.plan_adherence(weekly, minutes, sources.plan.weekly_targets, summary_sources.TODAY)
    assert len(summary.plan.rows) == len(plan_rows)
    assert [row[4] for row in summary.plan.rows] == ["yes" if met else "not yet" for met in plan_rows["met"]]


def test_the_plain_text_says_the_same_verdict_without_markup(built):
    _, summary, document, plain = built
    assert summary.change.text in plain
    assert summary.change.text in _visible(document)
    assert "<" not in plain.replace(HOSTILE_NOTE, "").replace(BOLD_NOTE, "").replace("<b>and back</b>", "")
    assert "Walk to the shops <b>and back</b>: 3 on 7 Sep 2026, 7 on 5 Oct 2026 (up 4)." in plain
    assert "Week of 14 Sep 2026: average pain 5.3 (7 days rated), core days 3 of 3" in plain


def test_the_alert_is_in_both_versions_when_pain_rises():
    sources = summary_sources.sources()
    worse = sources.frame.copy()
    latest = worse["date"] >= worse["date"].max() - dt.timedelta(days=6)
    worse.loc[latest & worse["pain"].notna(), "pain"] = 8.0
    days = day_table(worse, sources.content.exercise_type_lookup())
    alert = alerts.worsening_alert(days)
    assert alert is not None
    summary = facts.build(summary_sources.sources(frame=worse, days=days))
    document, plain = page.render(summary, sources.content).decode(), text.render(summary)
    for reason in alert.reasons:
        assert reason in plain and reason in _visible(document)
    assert "Pain looks worse lately." in plain


def test_without_goals_kept_there_is_no_goals_section_and_with_none_set_it_says_so():
    sources = summary_sources.sources(goals=None)
    without = facts.build(sources)
    assert "<h2>Goals</h2>" not in page.render(without, sources.content).decode()
    assert "GOALS" not in text.render(without)
    empty = facts.build(summary_sources.sources(goals=[]))
    assert "No goals set." in text.render(empty)


def test_a_ticked_screen_says_what_was_ticked_and_the_result_in_the_screens_words():
    screen = summary_sources.sources().content.questionnaire.screen
    flag = next((f for f in screen.flags if f.level == "routine"), None)
    assert flag is not None
    summary = facts.build(summary_sources.sources(screen=(flag.id,), screened_on=None))
    plain = text.render(summary)
    assert f"Ticked: {flag.label}." in plain
    assert f"Result: {screen.advice_for('routine').title}." in plain
    assert "The date it was answered is not recorded." in plain


def test_an_empty_diary_still_gives_a_summary_of_the_program_and_screen():
    sources = summary_sources.sources()
    empty = sources.frame.iloc[0:0]
    summary = facts.build(summary_sources.sources(frame=empty, days=day_table(empty, {})))
    document, plain = page.render(summary, sources.content).decode(), text.render(summary)
    assert "No diary entries yet" in plain and "Foundation" in plain
    assert "<script>" not in document, "no chart, so no plotly.js"
    assert "No notes in the diary." in document


def test_the_day_the_safety_check_is_answered_is_kept_for_the_summary_and_forgotten_on_starting_again():
    flow = tick_screen(new_flow())
    assert flow.session[steps.SCREENED_ON] == dt.date.today()
    flow.start_again()
    assert steps.SCREENED_ON not in flow.session


def test_a_week_still_in_progress_says_so_rather_than_look_like_a_missed_target():
    midweek = facts.build(summary_sources.sources(diary_days=31, today=dt.date(2026, 10, 8)))  # a Thursday
    assert midweek.sessions_table().rows[-1][0] == "5 Oct 2026 (so far)"
    assert "Week of 5 Oct 2026 (so far):" in text.render(midweek)
    ended = facts.build(summary_sources.sources(diary_days=31))  # on Sunday that week is over, logged or not
    assert ended.sessions_table().rows[-1][0] == "5 Oct 2026"


def test_goals_that_are_not_well_formed_are_passed_over_not_a_traceback():
    kept = [{"name": "Lift the shopping", "ratings": [{"date": "not a day", "score": 5}, None,
                                                     {"date": "2026-09-08", "score": "7"}]},
            "not a goal", {"name": None, "ratings": [{"date": "2026-09-08", "score": 4}]}]
    summary = facts.build(summary_sources.sources(goals=kept))
    assert summary.goals == ("Lift the shopping: not rated yet.", "A goal: 4 on 8 Sep 2026 (rated once so far).")
