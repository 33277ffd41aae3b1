"""The plan as files to take away: a CSV table, a log template, an iCalendar file and a printable HTML page."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable

import icalendar

from spinewell.log.entry import COLUMNS as LOG_COLUMNS
from spinewell.log.entry import PLANNED_PREFIX
from spinewell.program.plan import Plan
from spinewell.spreadsheet import csv_bytes


def _plain(text: str) -> str:
    """ASCII stand-ins for the few typographic characters in dose text, so any spreadsheet shows them right."""
    return text.replace("×", "x").replace("–", "-")


def plan_rows(plan: Plan) -> list[dict[str, object]]:
    """One row per exercise per session: what the table view, the CSV and the printable page show."""
    rows = []
    for session in plan.sessions:
        for item in session.items:
            rows.append({
                "Week": session.week,
                "Date": session.date.isoformat(),
                "Day": session.date.strftime("%A"),
                "Session": session.title,
                "Exercise": item.name,
                "Dose": item.dose(),
                "About (min)": max(1, round(item.minutes)),
                "exercise_id": item.exercise_id,
            })
    return rows


def plan_csv(plan: Plan) -> bytes:
    """The plan as CSV (UTF-8, one row per exercise per session), cells neutralised against spreadsheet formulas."""
    columns = ("Week", "Date", "Day", "Session", "Exercise", "Dose", "About (min)")
    return csv_bytes(columns, ([_plain(str(row[c])) for c in columns] for row in plan_rows(plan)))


def log_template_csv(plan: Plan) -> bytes:
    """A log to fill in: the Log page's columns, one row per planned exercise with its date and the planned dose.

    Time, pain and minutes are left empty for the person to fill in; the planned dose sits in the notes.
    """
    rows = (
        (session.date.isoformat(), "", "", item.name, "", _plain(f"{PLANNED_PREFIX} {item.dose()}"))
        for session in plan.sessions
        for item in session.items
    )
    return csv_bytes(LOG_COLUMNS, rows)


def plan_ics(plan: Plan, now: dt.datetime | None = None) -> bytes:
    """The plan as an iCalendar file: one all-day event per session.

    All-day events rather than timed ones: we do not know when in the day a person exercises, an all-day event
    shows on the right date in every time zone without a VTIMEZONE, and it does not block the calendar as busy.
    UIDs are stable (program, date, session type), so importing an updated plan again updates the same events.
    """
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Spinewell//Starter exercise plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # An X- property has no known type, so without vText the name would go in unescaped (a comma, or a newline that
    # the writer refuses).
    calendar.add("x-wr-calname", icalendar.vText(f"Spinewell: {plan.program_name}"))
    for session in plan.sessions:
        event = icalendar.Event()
        event.add("uid", f"{plan.program_id}-{session.date:%Y%m%d}-{session.type_id}@spinewell.local")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.date)
        event.add("dtend", session.date + dt.timedelta(days=1))
        event.add("summary", f"{session.title} (week {session.week}, about {session.minutes} min)")
        lines = [f"- {item.name}: {item.dose()}" for item in session.items]
        lines += ["", plan.stop_rules.sentence(),
                  f"Spinewell plan: {plan.program_name}, week {session.week} of {plan.weeks}."]
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Exercise"])
        calendar.add_component(event)
    return calendar.to_ical()


_PRINT_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1F2933; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.2rem; margin-top: 1.6rem; }
.meta { color: #52606D; }
.box { border: 1px solid #9AA5B1; border-radius: 6px; padding: 0.6rem 0.9rem; margin: 1rem 0; }
.warn { border-color: #CC79A7; background: #FDF2F8; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; margin-bottom: 0.5rem; }
th, td { border: 1px solid #CBD2D9; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #F1F5F4; } td.tick { width: 2.2rem; }
.week { break-inside: avoid; page-break-inside: avoid; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  .noprint { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def plan_html(
    plan: Plan, *, disclaimer: str, headline_notes: Iterable[str] = (), cautions: Iterable[str] = ()
) -> bytes:
    """A printable, self-contained HTML page of the plan (inline styles, no outside resources, all text escaped).

    `disclaimer` is the app's education-not-diagnosis sentence (questionnaire.yaml, safety.disclaimer).
    """
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Spinewell plan: {e(plan.program_name)}</title>",
        f"<style>{_PRINT_STYLE}</style></head><body>",
        f"<h1>Your Spinewell plan: {e(plan.program_name)}</h1>",
        f'<p class="meta">{plan.weeks} weeks, {plan.start_date:%A %d %B %Y} to {plan.end_date:%A %d %B %Y}. '
        f"Tick each session as you do it.</p>",
        '<p class="noprint">Print this page, or save it as a PDF from your browser\'s print menu.</p>',
    ]
    cautions = list(cautions)
    if cautions:
        parts.append('<div class="box warn"><strong>Before you start</strong><ul>')
        parts += [f"<li>{e(text)}</li>" for text in cautions]
        parts.append("</ul></div>")
    notes = list(headline_notes) + [f"{name}: {text}" for name, text in plan.notes]
    if notes:
        parts.append('<div class="box"><strong>Fitted to you</strong><ul>')
        parts += [f"<li>{e(text)}</li>" for text in notes]
        parts.append("</ul></div>")
    for week in range(1, plan.weeks + 1):
        parts.append(f'<div class="week"><h2>Week {week}</h2><table><thead><tr><th>Done</th><th>Day</th>'
                     "<th>Session</th><th>Exercises</th><th>About</th></tr></thead><tbody>")
        for session in plan.sessions_in_week(week):
            exercises = "<br>".join(f"{e(item.name)}: {e(item.dose())}" for item in session.items)
            parts.append(
                f'<tr><td class="tick">&#9744;</td><td>{session.date:%a %d %b}</td><td>{e(session.title)}</td>'
                f"<td>{exercises}</td><td>{session.minutes} min</td></tr>"
            )
        parts.append("</tbody></table></div>")
    parts += [
        f'<div class="box">{e(plan.stop_rules.fine)}<br><strong>{e(plan.stop_rules.title)}</strong><ul>',
        *(f"<li>{e(sign)}</li>" for sign in plan.stop_rules.signs),
        "</ul></div>",
        f'<p class="meta">{e(disclaimer)}</p>',
        "</body></html>",
    ]
    return "\n".join(parts).encode("utf-8")
