"""The summary as one self-contained HTML file: every number as text and in tables, the charts drawn by the plotly.js
that ships with plotly (inlined once), a print stylesheet; no request to any other host, every user text escaped."""

from __future__ import annotations

import json
from html import escape
from importlib import resources

import plotly.graph_objects as go

from spinewell import palette
from spinewell.content.models import Content
from spinewell.summary import figures
from spinewell.summary.facts import WEEKS_SHOWN, Facts, Table

TITLE = "Back pain summary"
_CONFIG = {"staticPlot": True, "displayModeBar": False, "responsive": False}
_NUMBER = {"Days rated", "Average pain", "Highest rating", "Aerobic minutes", "Usual advice",
           "Average days a week"}


def plotly_js() -> str:
    """The plotly.js bundled with the plotly package (no copy is fetched from anywhere)."""
    return (resources.files("plotly") / "package_data" / "plotly.min.js").read_text(encoding="utf-8")


def _style() -> str:
    return (resources.files("spinewell.summary") / "summary.css").read_text(encoding="utf-8")


def table_html(table: Table, caption: str = "") -> str:
    """A table with every cell escaped; number columns right-aligned."""
    numbers = [column in _NUMBER for column in table.columns]
    head = "".join(f'<th{_number(n)} scope="col">{escape(c)}</th>' for c, n in zip(table.columns, numbers, strict=True))
    body = "".join("<tr>" + "".join(f"<td{_number(n)}>{escape(cell)}</td>" for cell, n in zip(row, numbers,
                                                                                             strict=True)) + "</tr>"
                   for row in table.rows)
    said = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{said}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _number(is_number: bool) -> str:
    return ' class="number"' if is_number else ""


def _list(items: tuple[str, ...] | list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _block(heading: str, body: str, kind: str = "") -> str:
    return f'<section class="block{" " + kind if kind else ""}"><h2>{escape(heading)}</h2>{body}</section>'


def _chart(chart_id: str, figure: go.Figure, alt: str) -> tuple[str, str]:
    """The chart's place on the page and the script line that draws it (its JSON made safe inside a script)."""
    spec = figure.to_plotly_json()
    data = json.dumps(spec["data"], cls=_PlotlyEncoder).replace("</", "<\\/")
    layout = json.dumps(spec["layout"], cls=_PlotlyEncoder).replace("</", "<\\/")
    place = f'<div class="chart" id="{chart_id}" role="img" aria-label="{escape(alt)}"></div>'
    return place, f'Plotly.newPlot("{chart_id}", {data}, {layout}, {json.dumps(_CONFIG)});'


class _PlotlyEncoder(json.JSONEncoder):
    def default(self, value):  # numpy numbers and arrays from the figure
        if hasattr(value, "tolist"):
            return value.tolist()
        return super().default(value)


def _charts(facts: Facts, content: Content) -> tuple[list[str], list[str]]:
    """The three weekly blocks (chart and table) and the script lines that draw them."""
    if facts.pain_weeks.empty and facts.sessions.empty:
        return [], []
    styles = palette.type_styles(content)
    older = (f" The {facts.weeks_left_out} earlier weeks are left out." if facts.weeks_left_out else "")
    blocks, scripts = [], []
    for chart_id, heading, figure, table, alt in (
        ("chart-pain", "Pain by week", figures.pain_weeks(facts.pain_weeks, facts.change), facts.pain_table(),
         "Line chart of the average pain of each week; the table below gives the same numbers."),
        ("chart-exercise", "Exercise by week", figures.exercise_weeks(facts.sessions, facts.session_targets, styles),
         facts.sessions_table(), "Bar chart of the days with each type of exercise each week, against the targets; "
                                 "the table below gives the same numbers."),
        ("chart-aerobic", "Aerobic exercise by week",
         figures.aerobic_weeks(facts.aerobic_minutes, facts.aerobic_target, styles["aerobic"]), facts.minutes_table(),
         "Bar chart of the aerobic minutes of each week; the table below gives the same numbers."),
    ):
        if not table.rows:
            continue
        place, script = _chart(chart_id, figure, alt)
        caption = f"The latest {min(len(table.rows), WEEKS_SHOWN)} weeks, each named by its Monday.{older}"
        if chart_id == "chart-pain" and facts.change.threshold is not None:
            caption += (" The dotted line is the average of the first 7 days with a rating; a week under the dashed "
                        "line is a real improvement on it.")
        if chart_id == "chart-exercise":
            caption += " A dash marks each week's target; “2 of 3” is exercise on 2 days against a target of 3."
        blocks.append(_block(heading, place + table_html(table, caption), "weekly"))
        scripts.append(script)
    return blocks, scripts


def _program(facts: Facts) -> str:
    program = facts.program
    if program is None:
        return _block("Program", "<p>No exercise program yet: the self-assessment has not given one.</p>")
    parts = [f"<p><strong>{escape(program.name)}</strong>. {escape(program.dates)}</p>"]
    if program.support:
        parts.append(f"<p>Support suggested: {escape(program.support)}</p>")
    for heading, items in (("Why this program", program.reasons), ("Changed for this person", program.changes),
                           ("Cautions", program.cautions)):
        if items:
            parts.append(f"<h3>{heading}</h3>{_list(items)}")
    return _block("Program and why", "".join(parts))


def _targets(facts: Facts) -> str:
    """How often the targets were reached, and the plan's weeks against the diary: a block each."""
    parts = []
    if facts.adherence is not None:
        parts.append(_block("Targets reached", table_html(
            facts.adherence, "Counted over complete weeks, Monday to Sunday. A day with any core exercise counts once "
                             "for core.")))
    if facts.plan is not None:
        parts.append(_block("Against the plan", table_html(facts.plan, "Each week of the plan so far, against the "
                                                                       "diary.")))
    return "".join(parts)


def _notes(facts: Facts) -> str:
    if not facts.notes:
        return _block("Notes from the diary", "<p>No notes in the diary.</p>")
    rows = "".join(f'<tr><td>{escape(day)}</td><td class="note">{escape(note)}</td></tr>' for day, note in facts.notes)
    return _block("Notes from the diary", f"<table><caption>The {len(facts.notes)} most recent, newest first, as "
                                          "written.</caption><thead><tr><th scope=\"col\">Day</th>"
                                          f"<th scope=\"col\">Note</th></tr></thead><tbody>{rows}</tbody></table>")


def render(facts: Facts, content: Content) -> bytes:
    """The summary page as UTF-8 bytes."""
    blocks, scripts = _charts(facts, content)
    verdict = f'<p class="verdict">{escape(facts.change.text)}</p>' if facts.first_day else ""
    body = [
        f"<header class=\"block\"><h1>{TITLE}</h1><p class=\"meta\">For a physiotherapist or doctor. Made with "
        f"Spinewell on {facts.made_on.day} {facts.made_on:%B %Y}. Diary: {escape(facts.period)}.</p>"
        '<p class="noprint">Print this page, or save it as a PDF from your browser\'s print menu.</p></header>',
        _block("Key figures", _list(facts.key_figures) + verdict),
        _block("Alerts", _list(facts.alerts)) if facts.alerts else "",
        *blocks,
        _targets(facts),
        _program(facts),
        _block("Weekly reviews", _list(facts.reviews) if facts.reviews else "<p>No weekly review yet.</p>"),
        _block("Safety check", _list(facts.screen.lines())),
        _block("Goals", _list(facts.goals) if facts.goals else "<p>No goals set.</p>") if facts.goals is not None
        else "",
        _notes(facts),
        f'<footer class="block"><p class="meta">{escape(facts.disclaimer)} {escape(facts.emergency)}</p></footer>',
    ]
    script = ""
    if scripts:
        script = f"<script>{plotly_js()}</script>\n<script>{''.join(scripts)}</script>"
    page = (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{TITLE}, {escape(facts.period)}</title><style>{_style()}</style></head><body>"
        + "\n".join(part for part in body if part) + f"\n{script}</body></html>\n"
    )
    return page.encode("utf-8")
