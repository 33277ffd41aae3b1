"""The log page under AppTest: sources and their labels, uploads good and bad, the date-order question, adding and
undoing entries (locally and in the session), the charts with their summaries, notes shown as data."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from spinewell import painlog
from spinewell.program.plan import WeekTarget
from spinewell.ui import state
from spinewell.ui.widgets import literal

ROOT = Path(__file__).resolve().parents[1]
MESSY = (
    "Date;Pain (0-10);Activity;Duration (min);Comment\n"
    "02.03.2026;6,5;Walking;20;\"stiff, after work\"\n"
    "03.03.2026;abc;;;\n"
    "04.03.2026;6;Plank;5;**bold** <b>html</b> =1+1\n"
    "05.03.2026;5;Walking;25;müde\n"
    "06.03.2026;12;;;\n"
).encode("cp1252")


@pytest.fixture()
def log_file(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "pain_log.csv"
    monkeypatch.setenv("SPINEWELL_LOG", str(path))
    return path


def open_log(session: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    for key, value in (session or {}).items():
        at.session_state[key] = value
    at.switch_page("pages/log.py")
    at.run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, data: bytes, name: str = "my_log.csv") -> AppTest:
    at.file_uploader(key="log.upload").set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def page_text(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.title, *at.subheader, *at.header)]
    parts += [e.value for e in (*at.info, *at.success, *at.warning, *at.error)]
    return "\n".join(str(p) for p in parts)


def figures(at: AppTest) -> dict[str, tuple[dict, str]]:
    """Every Plotly chart on the page by title: (figure JSON with arrays decoded to lists, alt text)."""
    found = {}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        for trace in spec["data"]:
            for axis in ("x", "y", "z"):
                if isinstance(trace.get(axis), dict) and "bdata" in trace[axis]:
                    packed = trace[axis]
                    trace[axis] = np.frombuffer(base64.b64decode(packed["bdata"]), dtype=packed["dtype"]).tolist()
        found[spec["layout"]["title"]["text"]] = (spec, chart.proto.alt)
    return found


def add_entry(at: AppTest, pain: int | None = None, exercise: str | None = None, minutes: int | None = None,
              notes: str = "") -> AppTest:
    if pain is not None:
        at.button_group(key="log.add.pain").set_value(pain)
    if exercise is not None:
        at.selectbox(key="log.add.exercise").set_value(exercise)
    if minutes is not None:
        at.number_input(key="log.add.minutes").set_value(minutes)
    at.text_area(key="log.add.notes").set_value(notes)
    next(b for b in at.button if b.label == "Save entry").click().run()
    assert not at.exception, at.exception
    return at


# --- sources ----------------------------------------------------------------------------------------------------------


def test_without_a_log_the_page_shows_the_sample_clearly_labelled_with_every_chart(log_file):
    at = open_log()
    assert "This is a sample log" in at.info[0].value
    charts = figures(at)
    assert set(charts) == {"Pain over time", "Exercise days per week", "Aerobic minutes per week",
                           "Activity calendar", "Pain on exercise days and rest days"}
    assert all(len(alt) > 40 for _, alt in charts.values())
    text = page_text(at)
    assert "Your pain has fallen by" in text and "not proof" in text
    assert [m.label for m in at.metric][:3] == ["Pain, last 7 days", "Exercise days, last 7 days",
                                                "Aerobic, last 7 days"]
    assert not log_file.exists()


def test_an_uploaded_spreadsheet_export_is_charted_and_its_bad_rows_listed(log_file, downloads):
    at = upload(open_log(), MESSY, "export.csv")
    assert f"Showing your uploaded file **{literal('export.csv')}**" in at.info[0].value
    issue_box = next(e for e in at.expander if "could not be used" in e.label)
    assert issue_box.label.startswith("2 rows")
    (issues,) = [d.value for d in issue_box.dataframe]
    assert issues["row"].tolist() == [3, 6] and issues["column"].tolist() == ["Pain (0-10)", "Pain (0-10)"]
    assert b"pain should be from 0 to 10" in downloads["skipped_rows.csv"]
    spec, _ = figures(at)["Pain over time"]
    points = next(t for t in spec["data"] if t["name"].startswith("Daily pain"))
    assert points["y"] == [6.5, 6.0, 5.0]
    assert "read as Windows-1252 text" in page_text(at)


def test_notes_are_shown_as_data_never_as_markdown(log_file):
    at = upload(open_log(), MESSY)
    entries = at.dataframe[-1].value
    assert "**bold** <b>html</b> =1+1" in entries["Notes"].tolist()
    assert not any("<b>html</b>" in str(m.value) or "**bold**" in str(m.value) for m in at.markdown)


def test_a_file_name_and_headers_from_the_file_are_never_markdown(log_file):
    data = b"Date,Pain,**Mood** [x](http://evil.example)\n2026-03-02,4,good\n"
    at = upload(open_log(), data, "[click me](http://evil.example) **now**.csv")
    shown = at.info[0].value
    # The page passes the name through widgets.literal (what that makes of it in a browser: test_user_text_in_browser)
    assert literal("[click me](http://evil.example) **now**.csv") in shown
    assert "](http://evil.example)" not in shown and "**now**" not in shown
    assert "columns not used: " + literal("**Mood** [x](http://evil.example)") in page_text(at)


def test_a_file_with_nothing_usable_gets_one_message_and_a_template(log_file, downloads):
    at = upload(open_log(), bytes(range(256)) * 20, "photo.csv")
    assert len(at.error) == 1 and "doesn't look like a text file" in at.error[0].value
    assert "Expected a CSV file" in at.error[0].value
    assert downloads["spinewell_log_template.csv"].startswith(painlog.HEADER_LINE.encode())
    assert figures(at) == {}


@pytest.mark.parametrize("data", [b"", b"date,pain\n", b"name,score\nAnn,3\n"], ids=["empty", "header only",
                                                                                     "no date column"])
def test_empty_and_header_only_files_explain_what_is_expected(log_file, data):
    at = upload(open_log(), data)
    assert len(at.error) == 1 and "Expected a CSV file" in at.error[0].value
    assert figures(at) == {}


def test_ambiguous_dates_ask_which_order_and_the_answer_changes_the_dates(log_file):
    data = b"Date,Pain\n01/02/2026,6\n02/02/2026,6\n03/02/2026,5\n"
    at = upload(open_log(), data)
    question = at.radio(key=f"log.date_order.upload:{at.file_uploader(key='log.upload').value.file_id}")
    assert "could be read two ways" in question.label and question.value.startswith("Day first")
    first = figures(at)["Pain over time"][0]["data"][0]["x"][0]
    assert first.startswith("2026-02-01")
    question.set_value("Month first, like 12/31/2026").run()
    first = figures(at)["Pain over time"][0]["data"][0]["x"][0]
    assert first.startswith("2026-01-02")


def test_a_worsening_log_shows_the_alert_with_advice(log_file):
    rows = [f"2026-03-{d:02d},3\n" for d in range(1, 8)] + [f"2026-03-{d:02d},8\n" for d in range(8, 15)]
    at = upload(open_log(), ("date,pain\n" + "".join(rows)).encode())
    (alert,) = [w.value for w in at.warning if "looks worse" in w.value]
    assert "Ease off" in alert and "GP or physiotherapist" in alert


# --- adding and undoing -----------------------------------------------------------------------------------------------


def test_an_entry_is_saved_to_the_local_log_and_can_be_undone(log_file):
    at = open_log()
    add_entry(at, pain=4, exercise="Walking", minutes=30, notes="felt fine")
    assert any("Saved:" in s.value for s in at.success)
    parsed = painlog.read(log_file.read_bytes())
    row = parsed.frame.iloc[0]
    assert (row["date"].date(), row["pain"], row["exercise"], row["minutes"], row["notes"]) == (
        dt.date.today(), 4.0, "Walking", 30.0, "felt fine")
    assert "Showing your log, saved on this computer" in page_text(at)
    add_entry(at, exercise="Plank")
    assert len(painlog.read(log_file.read_bytes()).frame) == 2
    at.button(key="log.undo").click().run()
    assert any("The last entry was removed." in s.value for s in at.success)
    assert painlog.read(log_file.read_bytes()).frame["exercise"].tolist() == ["Walking"]


def test_an_empty_entry_or_minutes_without_an_exercise_are_refused_and_what_was_typed_stays(log_file):
    at = open_log()
    add_entry(at)
    assert "an empty entry was not saved" in at.error[0].value
    add_entry(at, minutes=20, notes="walked the dog")
    assert "Say which exercise" in at.error[0].value
    assert at.text_area(key="log.add.notes").value == "walked the dog"
    assert not log_file.exists()


def test_the_form_is_emptied_once_an_entry_is_saved(log_file):
    at = add_entry(open_log(), pain=3, notes="saved once")
    assert at.text_area(key="log.add.notes").value == ""
    assert at.button_group(key="log.add.pain").value is None


def test_an_unreadable_local_log_is_reported_and_never_changed(log_file):
    log_file.write_bytes(b"\x00\x01garbage" * 50)
    before = log_file.read_bytes()
    at = open_log()
    assert any("will not add to or change" in w.value for w in at.warning)
    at = open_log()
    assert log_file.read_bytes() == before


def test_a_log_in_another_format_is_shown_but_not_added_to(log_file):
    log_file.write_bytes(b"Date;Pain (0-10)\n02/03/2026;5\n13/03/2026;4\n")
    at = open_log()
    add_entry(at, pain=3)
    assert any("isn't in Spinewell's own format" in e.value for e in at.error)
    assert log_file.read_bytes() == b"Date;Pain (0-10)\n02/03/2026;5\n13/03/2026;4\n"


def test_with_local_saving_off_entries_stay_in_the_session_and_download(monkeypatch, tmp_path, downloads):
    monkeypatch.setenv("SPINEWELL_LOG", "off")
    at = open_log()
    assert "Kept in this browser session" in page_text(at)
    add_entry(at, pain=5, notes="=HYPERLINK(\"http://evil.example\")")
    assert "Showing the entries you added in this session" in at.info[0].value
    saved = painlog.read(downloads["spinewell_log.csv"])
    assert saved.frame["pain"].tolist() == [5.0]
    assert saved.frame["notes"].tolist() == ["'=HYPERLINK(\"http://evil.example\")"]
    assert list(tmp_path.iterdir()) == []
    at.button(key="log.undo").click().run()
    assert "This is a sample log" in at.info[0].value


def test_entries_added_to_an_uploaded_file_are_kept_with_it_and_offered_as_a_download(log_file, downloads):
    at = upload(open_log(), MESSY, "export.csv")
    add_entry(at, pain=2, notes="added in the app")
    assert not log_file.exists()
    updated = painlog.read(downloads["export.csv"])
    assert updated.frame["notes"].tolist()[-1] == "added in the app" and len(updated.frame) == 4


# --- plan and filtering -----------------------------------------------------------------------------------------------


def test_the_chosen_plan_adds_its_targets_and_an_adherence_table(log_file):
    plan = SimpleNamespace(weekly_targets=(
        WeekTarget(dt.date(2026, 9, 7), "core", 2, 0), WeekTarget(dt.date(2026, 9, 7), "aerobic", 3, 60),
        WeekTarget(dt.date(2026, 9, 14), "core", 3, 0),
    ))
    at = open_log({state.CHOSEN_PLAN: plan})
    assert "**Against your plan**" in page_text(at)
    table = at.dataframe[1].value
    assert table["Type"].tolist() == ["Core", "Aerobic", "Core"] and table["Sessions"].tolist()[0] == "2 of 2"
    spec, _ = figures(at)["Exercise days per week"]
    assert any(t["name"] == "Core: your plan" for t in spec["data"])


def test_the_date_range_narrows_every_figure(log_file):
    at = open_log()
    (picker,) = [d for d in at.date_input if d.label == "Dates to show"]
    picker.set_value((dt.date(2026, 10, 5), dt.date(2026, 10, 18))).run()
    spec, _ = figures(at)["Exercise days per week"]
    assert [x[:10] for x in spec["data"][0]["x"]] == ["2026-10-05", "2026-10-12"]
    points = figures(at)["Pain over time"][0]["data"][0]["x"]
    assert points[0][:10] >= "2026-10-05" and points[-1][:10] <= "2026-10-18"
