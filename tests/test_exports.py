"""The downloads as text: CSV cells never run as formulas, the .ics follows RFC 5545, the printable page escapes."""

from __future__ import annotations

import csv
import datetime as dt
import html
import html.parser
import io
import re
from dataclasses import replace

import icalendar
import pandas as pd
import pytest

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.log.checks import PLANNED_REASON
from spinewell.log.entry import COLUMNS as LOG_COLUMNS
from spinewell.log.read import read
from spinewell.program import exports
from spinewell.program.plan import Plan, build_plan
from spinewell.spreadsheet import FORMULA_START, neutralise
from tests.answer_sets import MODERATE_WITH_POOL_AND_BIKE, screened

CONTENT = load()
DISCLAIMER = CONTENT.questionnaire.safety.disclaimer
MONDAY = dt.date(2026, 3, 2)
STAMP = dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def fitted_plan() -> Plan:
    """A fitted program with pool and bike access, so the aerobic sessions rotate three activities."""
    return build_plan(recommend(screened(MODERATE_WITH_POOL_AND_BIKE), CONTENT).program, MONDAY, 6)


def with_first_item_named(plan: Plan, name: str) -> Plan:
    """The plan with its first session's first exercise renamed (the rest unchanged)."""
    first = plan.sessions[0]
    renamed = replace(first, items=(replace(first.items[0], name=name), *first.items[1:]))
    return replace(plan, sessions=(renamed, *plan.sessions[1:]))


# --- CSV ----------------------------------------------------------------------------------------------------------


def test_plan_csv_reads_back_one_row_per_exercise_per_session(fitted_plan):
    frame = pd.read_csv(io.BytesIO(exports.plan_csv(fitted_plan)))
    assert list(frame.columns) == ["Week", "Date", "Day", "Session", "Exercise", "Dose", "About (min)"]
    assert len(frame) == sum(len(s.items) for s in fitted_plan.sessions)
    assert frame["Date"].iloc[0] == MONDAY.isoformat()
    assert set(frame["Exercise"]) >= {"Plank", "Walking", "Swimming", "Cycling"}
    assert "3 x 20 seconds" in set(frame["Dose"])  # plain ASCII in the spreadsheet


CSV_EXPORTS = {"plan": exports.plan_csv, "log template": exports.log_template_csv}


@pytest.mark.parametrize("start", FORMULA_START, ids=repr)
@pytest.mark.parametrize("export", CSV_EXPORTS.values(), ids=CSV_EXPORTS.keys())
def test_no_cell_of_any_csv_written_can_run_as_a_formula(fitted_plan, export, start):
    hostile = f'{start}HYPERLINK("http://x","y")'
    rows = list(csv.reader(io.StringIO(export(with_first_item_named(fitted_plan, hostile)).decode("utf-8"))))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]
    assert "'" + hostile in cells  # kept, as text


def test_neutralise_is_the_rule_both_csvs_follow():
    for risky in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(risky) == "'" + risky
    assert neutralise("Plank") == "Plank" and neutralise(None) == "" and neutralise(3) == "3"


def test_log_template_has_the_log_columns_and_the_planned_exercises(fitted_plan):
    frame = pd.read_csv(io.BytesIO(exports.log_template_csv(fitted_plan)), dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == LOG_COLUMNS
    assert len(frame) == sum(len(s.items) for s in fitted_plan.sessions)
    assert (frame["pain"] == "").all() and (frame["minutes"] == "").all()
    assert frame["date"].iloc[0] == MONDAY.isoformat()
    assert set(frame["exercise"]) == {item.name for s in fitted_plan.sessions for item in s.items}
    assert frame["notes"].str.startswith("planned: ").all()


def test_log_template_untouched_counts_nothing_and_a_filled_in_row_counts(fitted_plan):
    template = exports.log_template_csv(fitted_plan)
    rows = list(csv.reader(io.StringIO(template.decode("utf-8"))))
    after_the_plan = MONDAY + dt.timedelta(days=365)

    untouched = read(template, date_order="auto", today=after_the_plan)
    assert untouched.frame.empty
    assert untouched.issue_count == len(rows) - 1
    assert {issue.reason for issue in untouched.issues} == {PLANNED_REASON}

    rows[1][rows[0].index("minutes")] = "12"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    filled = read(buffer.getvalue().encode("utf-8"), date_order="auto", today=after_the_plan)
    assert filled.error is None
    assert len(filled.frame) == 1
    assert filled.frame["date"].iloc[0] == pd.Timestamp(MONDAY)
    assert filled.frame["minutes"].iloc[0] == 12


# --- iCalendar, read as text against RFC 5545 -------------------------------------------------------------------


def content_lines(ics: bytes) -> list[str]:
    """RFC 5545 3.1: unfold (a CRLF followed by one space or tab continues the line), then split into lines."""
    return re.sub(rb"\r\n[ \t]", b"", ics).decode("utf-8").split("\r\n")[:-1]


def escaped(text: str) -> str:
    """RFC 5545 3.3.11: a TEXT value with backslash, semicolon, comma and newline escaped."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def events(lines: list[str]) -> list[list[str]]:
    """Each event's own lines (its alarm's lines left out)."""
    found, current, in_alarm = [], None, False
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif line in ("BEGIN:VALARM", "END:VALARM"):
            in_alarm = line == "BEGIN:VALARM"
        elif current is not None and not in_alarm:
            current.append(line)
    return found


def values(event: list[str], name: str) -> list[str]:
    """The values of every property `name` (with or without parameters) in one event."""
    return [line.split(":", 1)[1] for line in event if re.match(rf"{name}[;:]", line)]


def test_ics_lines_end_with_crlf_and_nothing_else(fitted_plan):
    data = exports.plan_ics(fitted_plan, now=STAMP)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")


@pytest.mark.parametrize("character", ["é", "×", "€", "🌿"], ids=["2 octets", "× 2 octets", "3 octets", "4 octets"])
def test_ics_lines_fold_at_75_octets_without_splitting_a_character(fitted_plan, character):
    # The name sits in the DESCRIPTION after the session's heading: across a whole fold's length of fillers the
    # character lands on every octet around a fold.
    for filler in range(0, 76):
        name = "a" * filler + character + "b" * 70 + character + "c" * 10
        data = exports.plan_ics(with_first_item_named(fitted_plan, name), now=STAMP)
        physical = data.split(b"\r\n")[:-1]
        assert max(len(line) for line in physical) <= 75
        for line in physical:
            line.decode("utf-8")  # a fold inside a multi-octet character would fail here
        first_event = events(content_lines(data))[0]
        assert escaped(f"\n- {name}: ") in values(first_event, "DESCRIPTION")[0]
    assert any(line.startswith(b" ") for line in physical)  # long lines were folded, not left long


def test_ics_text_values_escape_commas_semicolons_backslashes_and_newlines(fitted_plan):
    name = "Stretch, then rest; a\\b\nnext line"
    plan = replace(with_first_item_named(fitted_plan, name), program_name="Mine, really; yes")
    lines = content_lines(exports.plan_ics(plan, now=STAMP))
    first, sessions = events(lines)[0], plan.sessions_on(MONDAY)
    expected = []
    for session in sessions:
        expected += [f"{session.title}, about {session.minutes} min:",
                     *(f"- {item.name}: {item.dose()}" for item in session.items)]
    expected += ["", plan.stop_rules.sentence(), f"Spinewell plan: {plan.program_name}, week 1 of {plan.weeks}."]
    # A newline inside a name would start a line of its own in a calendar app: it becomes a space.
    expected[1] = expected[1].replace("\n", " ")
    assert values(first, "DESCRIPTION") == [escaped("\n".join(expected))]
    assert "Stretch\\, then rest\\; a\\\\b next line" in values(first, "DESCRIPTION")[0]
    minutes = sum(session.minutes for session in sessions)
    titles = ", ".join(session.title for session in sessions)
    assert values(first, "SUMMARY") == [escaped(f"Spinewell: {titles} (about {minutes} min)")]
    assert "X-WR-CALNAME:Spinewell: Mine\\, really\\; yes" in lines


def test_ics_has_one_timed_event_a_day_at_the_reminder_time_with_an_alarm(fitted_plan):
    in_paris = dt.datetime(2026, 2, 1, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    lines = content_lines(exports.plan_ics(fitted_plan, now=in_paris, reminder=dt.time(18, 45)))
    assert lines.count("VERSION:2.0") == 1 and sum(line.startswith("PRODID:") for line in lines) == 1
    found = events(lines)
    days = sorted({session.date for session in fitted_plan.sessions})
    assert len(found) == len(days) == 7 * fitted_plan.weeks  # one event a day, all that day's sessions in it
    for event, day in zip(found, days, strict=True):
        minutes = sum(session.minutes for session in fitted_plan.sessions_on(day))
        end = dt.datetime.combine(day, dt.time(18, 45)) + dt.timedelta(minutes=minutes)
        assert f"DTSTART:{day:%Y%m%d}T184500" in event  # floating local time: no Z, no TZID
        assert f"DTEND:{end:%Y%m%dT%H%M%S}" in event
        assert values(event, "DTSTAMP") == ["20260201T093000Z"]  # 10:30 at UTC+1, written in UTC
        assert len(values(event, "UID")) == 1
        for session in fitted_plan.sessions_on(day):
            assert escaped(f"{session.title}, about {session.minutes} min:") in values(event, "DESCRIPTION")[0]
    alarms = [line for line in lines if line in ("BEGIN:VALARM", "ACTION:DISPLAY")]
    assert alarms == ["BEGIN:VALARM", "ACTION:DISPLAY"] * len(days)  # each event has its alarm
    assert "TRIGGER:P0D" in lines  # at the event's start


def test_ics_reminder_defaults_to_nine_in_the_morning(fitted_plan):
    first = events(content_lines(exports.plan_ics(fitted_plan, now=STAMP)))[0]
    assert f"DTSTART:{MONDAY:%Y%m%d}T090000" in first


def test_ics_stamp_is_utc_when_no_time_is_given(fitted_plan):
    stamps = {s for event in events(content_lines(exports.plan_ics(fitted_plan))) for s in values(event, "DTSTAMP")}
    assert len(stamps) == 1 and re.fullmatch(r"\d{8}T\d{6}Z", stamps.pop())


def uids(plan: Plan, now: dt.datetime = STAMP) -> list[str]:
    return [values(event, "UID")[0] for event in events(content_lines(exports.plan_ics(plan, now=now)))]


def test_ics_uids_are_stable_across_exports_and_differ_between_days(fitted_plan):
    first = uids(fitted_plan)
    assert uids(fitted_plan, now=STAMP + dt.timedelta(days=3)) == first  # re-importing updates the same events
    assert uids(build_plan(recommend(screened(MODERATE_WITH_POOL_AND_BIKE), CONTENT).program, MONDAY, 6)) == first
    later = events(content_lines(exports.plan_ics(fitted_plan, now=STAMP, reminder=dt.time(7, 30))))
    assert [values(event, "UID")[0] for event in later] == first  # a new reminder time updates, not duplicates
    stepped_back = build_plan(recommend(screened(MODERATE_WITH_POOL_AND_BIKE), CONTENT).program, MONDAY, 6,
                              decisions={1: "step_back"})
    assert uids(stepped_back) == first  # so does a review's decision
    assert len(set(first)) == len(first) == 7 * fitted_plan.weeks
    other_program = build_plan(CONTENT.programs.program("gentle-start"), MONDAY, 6)
    assert not set(uids(other_program)) & set(first)


@pytest.mark.parametrize("name", ["Mine\nand yours", "Mine\r\nyours", "Tab\there", "Esc\x1bape", "Nul\x00l"])
def test_ics_with_a_control_character_in_the_program_stays_one_valid_calendar(fitted_plan, name):
    plan = replace(fitted_plan, program_name=name, program_id=name)
    data = exports.plan_ics(plan, now=STAMP)
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", data.replace(b"\r\n", b""))  # no control character left
    lines = content_lines(data)
    found = events(lines)
    assert len(found) == 7 * plan.weeks
    for event in found:
        uid = values(event, "UID")[0]
        assert re.fullmatch(r"[A-Za-z0-9-]+-\d{8}@spinewell\.local", uid)
        assert escaped(f"Spinewell plan: {exports.one_line(name)}, week ") in values(event, "DESCRIPTION")[0]
    assert len({values(event, "UID")[0] for event in found}) == len(found)
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == f"Spinewell: {exports.one_line(name)}"
    assert "\n" not in str(calendar["X-WR-CALNAME"])


def test_ics_reads_back_with_a_calendar_library(fitted_plan):
    calendar = icalendar.Calendar.from_ical(exports.plan_ics(fitted_plan, now=STAMP))
    found = list(calendar.walk("VEVENT"))
    days = sorted({s.date for s in fitted_plan.sessions})
    assert [e.decoded("dtstart") for e in found] == [dt.datetime.combine(day, dt.time(9)) for day in days]
    assert all(e.decoded("dtstart").tzinfo is None for e in found)  # floating: the person's own local time
    assert all(len(list(e.walk("VALARM"))) == 1 for e in found)
    assert all(e.decoded("dtstamp") == STAMP for e in found)


# --- the printable page -----------------------------------------------------------------------------------------

HOSTILE = "<script>alert(\"x\")</script> & 'quoted' <img src=x onerror=alert(1)>"


class _Text(html.parser.HTMLParser):
    """What a browser would show as text, and which tags it would build."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_printable_page_escapes_program_names_cautions_and_notes(fitted_plan):
    plan = replace(with_first_item_named(fitted_plan, HOSTILE), program_name=HOSTILE,
                   notes=(("Plank", HOSTILE),))
    page = exports.plan_html(plan, disclaimer=DISCLAIMER, headline_notes=[HOSTILE], cautions=[HOSTILE]).decode("utf-8")
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quoted&#x27;" in page
    parsed = _Text()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    shown = "".join(parsed.text)
    assert shown.count(HOSTILE) >= 5  # title, heading, caution, note, exercise: shown as the words they are
    assert f"Plank: {HOSTILE}" in shown


def test_printable_page_is_self_contained_and_has_print_styles(fitted_plan):
    page = exports.plan_html(fitted_plan, disclaimer=DISCLAIMER, cautions=["Ask first."]).decode("utf-8")
    assert "@media print" in page
    for outside in ("http://", "https://", "<link", "@import", "src="):
        assert outside not in page
    assert page.count("&#9744;") == len(fitted_plan.sessions)  # a box to tick per session
    assert "Ask first." in page and "Week 6" in page and "Week 7" not in page
    assert DISCLAIMER in html.unescape(page)
