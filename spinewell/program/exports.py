"""The plan as files to take away: a CSV table, a log template, an iCalendar file and a printable HTML page."""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterable

import icalendar

from spinewell.log.entry import COLUMNS as LOG_COLUMNS
from spinewell.log.entry import PLANNED_PREFIX
from spinewell.program.plan import Plan
from spinewell.program.sessions import PlanSession
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


def plan_ics(plan: Plan, now: dt.datetime | None = None, reminder: dt.time = dt.time(9, 0)) -> bytes:
    """The plan as an iCalendar file: one timed event a day, holding all that day's sessions, with a reminder.

    The event starts at `reminder` as a floating local time (no time zone): 09:00 means 09:00 wherever the person's
    calendar is, which is what a daily habit wants, and the server (perhaps hosted far away) neither knows their
    zone nor should impose its own. It lasts the day's minutes, shows as free, and its alarm goes off as it starts.
    UIDs come from the program id and the date only, so exporting again after a change (another reminder time,
    a review's decision) updates the same events in a calendar app instead of adding copies.
    """
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Spinewell//Starter exercise plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # An X- property has no known type, so without vText the name would go in unescaped (a comma, or a newline that
    # the writer refuses).
    calendar.add("x-wr-calname", icalendar.vText(f"Spinewell: {one_line(plan.program_name)}"))
    days = sorted({session.date for session in plan.sessions})
    for day in days:
        sessions = plan.sessions_on(day)
        minutes = sum(session.minutes for session in sessions)
        start = dt.datetime.combine(day, reminder.replace(second=0, microsecond=0))
        event = icalendar.Event()
        event.add("uid", f"{_uid_part(plan.program_id)}-{day:%Y%m%d}@spinewell.local")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=max(minutes, 1)))
        event.add("summary", f"Spinewell: {', '.join(one_line(s.title) for s in sessions)} (about {minutes} min)")
        event.add("description", _day_description(plan, sessions))
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Exercise"])
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", "Time for your Spinewell exercises")
        alarm.add("trigger", dt.timedelta(0))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def _day_description(plan: Plan, sessions: tuple[PlanSession, ...]) -> str:
    """Each session of the day with its exercises and doses, then when to stop, and which week of the plan it is."""
    lines = []
    for session in sessions:
        lines.append(f"{one_line(session.title)}, about {session.minutes} min:")
        lines += [f"- {one_line(item.name)}: {item.dose()}" for item in session.items]
    lines += ["", plan.stop_rules.sentence(),
              f"Spinewell plan: {one_line(plan.program_name)}, week {sessions[0].week} of {plan.weeks}."]
    return "\n".join(lines)


def one_line(text: str) -> str:
    """The text with every control character (a newline, a tab, an escape) as a space: safe on one line of a file."""
    return re.sub(r"\s+", " ", "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)).strip()


def _uid_part(text: str) -> str:
    """Letters, digits and hyphens only, so that a UID never carries a character a calendar app might trip on."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-") or "plan"


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
