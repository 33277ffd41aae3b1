"""The log page under AppTest, through app.py: sources and their labels, uploads good and bad, the date-order question,
adding and undoing entries (locally and in the session), the charts with their summaries, notes shown as data, and
the page on any clock (the sample, midnight)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from spinewell.content.load import load
from spinewell.log import source
from spinewell.log.checks import FUTURE_REASON, PLANNED_REASON
from spinewell.log.entry import HEADER_LINE
from spinewell.log.read import read
from spinewell.program import exports
from spinewell.program.plan import WeekTarget, build_plan
from spinewell.ui import entry_form, log_charts, state
from spinewell.ui.widgets import literal
from tests.apptest import chart, every_chart, figures, open_page, page_text

LOG_PAGE = "pages/log.py"
TODAY = dt.date(2026, 11, 17)  # a Tuesday: the sample (to Sunday 15 November) is shown with its own dates
MESSY = (
    "Date;Pain (0-10);Activity;Duration (min);Comment\n"
    "02.03.2026;6,5;Walking;20;\"stiff, after work\"\n"
    "03.03.2026;abc;;;\n"
    "04.03.2026;6;Plank;5;**bold** <b>html</b> =1+1\n"
    "05.03.2026;5;Walking;25;müde\n"
    "06.03.2026;12;;;\n"
).encode("cp1252")
ALL_CHARTS = {"Pain over time", "Exercise days per week", "Aerobic minutes per week", "Activity calendar",
              "Pain on exercise days and rest days"}


class Clock:
    """The page's clock (log.source.today), set by the test and moved on when it likes."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture()
def clock(monkeypatch) -> Clock:
    frozen = Clock(TODAY)
    monkeypatch.setattr(source, "today", frozen)
    return frozen


def open_log(session: dict | None = None) -> AppTest:
    return open_page(LOG_PAGE, session=session, timeout=60)


def upload(at: AppTest, data: bytes, name: str = "my_log.csv") -> AppTest:
    at.file_uploader(key="log.upload").set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def form_field(at: AppTest, kind: str, name: str, form: str = "log.add"):
    """A field of an entry form (its widgets are named anew after each save: log.add.<round>.<name>)."""
    found = [w for w in getattr(at, kind) if w.key and w.key.startswith(form + ".") and w.key.endswith("." + name)]
    assert len(found) == 1, [w.key for w in getattr(at, kind)]
    return found[0]


def add_entry(at: AppTest, pain: int | None = None, exercise: str | None = None, minutes: int | None = None,
              notes: str = "") -> AppTest:
    if pain is not None:
        form_field(at, "select_slider", "pain").set_value(pain)
    if exercise is not None:
        form_field(at, "selectbox", "exercise").set_value(exercise)
    if minutes is not None:
        form_field(at, "number_input", "minutes").set_value(minutes)
    form_field(at, "text_area", "notes").set_value(notes)
    next(b for b in at.button if b.label == "Save entry").click().run()
    assert not at.exception, at.exception
    return at


def skipped(at: AppTest) -> list[dict]:
    """The rows the page lists as left out (empty when there is no such list)."""
    boxes = [e for e in at.expander if "could not be used" in e.label]
    return boxes[0].dataframe[0].value.to_dict("records") if boxes else []


def entries_shown(at: AppTest) -> list[dict]:
    return at.dataframe[-1].value.to_dict("records")


def pain_points(at: AppTest) -> dict[str, float]:
    spec, _ = chart(at, "Pain over time")
    points = next(t for t in spec["data"] if t["name"].startswith("Daily pain"))
    return {x[:10]: y for x, y in zip(points["x"], points["y"], strict=True)}


# --- sources ----------------------------------------------------------------------------------------------------------


def test_without_a_log_the_page_shows_the_sample_clearly_labelled_with_every_chart(log_file, clock):
    at = open_log()
    assert "This is a sample log" in at.info[0].value
    assert "Your pain has fallen by" in page_text(at)  # under the pain chart, the one shown first
    charts = every_chart(at)  # the others one at a time (ending on exercise and rest days)
    assert set(charts) == ALL_CHARTS
    assert all(len(alt) > 40 for _, alt in charts.values())
    assert "not proof" in page_text(at)
    assert [m.label for m in at.metric][:3] == ["Pain, last 7 days", "Exercise days, last 7 days",
                                                "Aerobic, last 7 days"]
    assert not log_file.exists()


@pytest.mark.parametrize("day", [dt.date(2025, 1, 15), dt.date(2026, 12, 1), dt.date(2031, 6, 30)])
def test_the_sample_ends_in_the_week_before_today_and_charts_on_any_clock(log_file, clock, day):
    clock.day = day
    at = open_log()
    assert "This is a sample log" in at.info[0].value
    assert not at.error and skipped(at) == []
    assert "Your pain has fallen by" in page_text(at)
    assert set(every_chart(at)) == ALL_CHARTS
    last = dt.date.fromisoformat(max(pain_points(at)))
    assert day - dt.timedelta(days=7) <= last < day


def test_an_uploaded_spreadsheet_export_is_charted_and_its_bad_rows_listed(log_file, clock, downloads):
    at = upload(open_log(), MESSY, "export.csv")
    assert f"Showing your uploaded file **{literal('export.csv')}**" in at.info[0].value
    issue_box = next(e for e in at.expander if "could not be used" in e.label)
    assert issue_box.label.startswith("2 rows")
    assert [(r["row"], r["column"]) for r in skipped(at)] == [(3, "Pain (0-10)"), (6, "Pain (0-10)")]
    assert b"pain should be from 0 to 10" in downloads["skipped_rows.csv"]
    assert list(pain_points(at).values()) == [6.5, 6.0, 5.0]
    assert "read as Windows-1252 text" in page_text(at)


def test_notes_are_shown_as_data_never_as_markdown(log_file, clock):
    at = upload(open_log(), MESSY)
    assert "**bold** <b>html</b> =1+1" in [row["Notes"] for row in entries_shown(at)]
    assert not any("<b>html</b>" in str(m.value) or "**bold**" in str(m.value) for m in at.markdown)


def test_a_file_name_and_headers_from_the_file_are_never_markdown(log_file, clock):
    data = b"Date,Pain,**Mood** [x](http://evil.example)\n2026-03-02,4,good\n"
    at = upload(open_log(), data, "[click me](http://evil.example) **now**.csv")
    shown = at.info[0].value
    # The page passes the name through widgets.literal (what that makes of it in a browser: test_user_text_in_browser)
    assert literal("[click me](http://evil.example) **now**.csv") in shown
    assert "](http://evil.example)" not in shown and "**now**" not in shown
    assert "columns not used: " + literal("**Mood** [x](http://evil.example)") in page_text(at)


def test_a_file_with_nothing_usable_gets_one_message_and_a_template(log_file, clock, downloads):
    at = upload(open_log(), bytes(range(256)) * 20, "photo.csv")
    assert len(at.error) == 1 and "doesn't look like a text file" in at.error[0].value
    assert "Expected a CSV file" in at.error[0].value
    assert downloads["spinewell_log_template.csv"].startswith(HEADER_LINE.encode())
    assert figures(at) == {}


@pytest.mark.parametrize("data", [b"", b"date,pain\n", b"name,score\nAnn,3\n"], ids=["empty", "header only",
                                                                                     "no date column"])
def test_empty_and_header_only_files_explain_what_is_expected(log_file, clock, data):
    at = upload(open_log(), data)
    assert len(at.error) == 1 and "Expected a CSV file" in at.error[0].value
    assert figures(at) == {}


def test_ambiguous_dates_ask_which_order_and_the_answer_changes_the_dates(log_file, clock):
    data = b"Date,Pain\n01/02/2026,6\n02/02/2026,6\n03/02/2026,5\n"
    at = upload(open_log(), data)
    question = at.radio(key=f"log.date_order.upload:{at.file_uploader(key='log.upload').value.file_id}")
    assert "could be read two ways" in question.label and question.value.startswith("Day first")
    assert min(pain_points(at)) == "2026-02-01"
    question.set_value("Month first, like 12/31/2026").run()
    assert min(pain_points(at)) == "2026-01-02"


def test_a_worsening_log_shows_the_alert_with_calm_advice(log_file, clock):
    rows = [f"2026-03-{d:02d},3\n" for d in range(1, 8)] + [f"2026-03-{d:02d},8\n" for d in range(8, 15)]
    at = upload(open_log(), ("date,pain\n" + "".join(rows)).encode())
    (alert,) = [w.value for w in at.warning if "looks worse" in w.value]
    assert "Ease off" in alert and "GP or physiotherapist" in alert
    assert "bladder" not in alert  # the emergency wording comes from the questionnaire, not from this alert


def test_an_unclosed_quote_keeps_the_rows_around_it_and_names_the_row(log_file, clock):
    at = upload(open_log(), b'date,pain,notes\n2026-03-02,5,fine\n2026-03-03,4,"never closed\n2026-03-04,3,x\n')
    (issue,) = skipped(at)
    assert issue["row"] == 3 and "never closed" in issue["reason"]
    assert pain_points(at) == {"2026-03-02": 5.0, "2026-03-04": 3.0}


def test_the_untouched_plan_template_gets_one_message_and_its_planned_rows_listed(log_file, clock):
    plan = build_plan(load().programs.program("foundation"), dt.date(2026, 3, 2), 6)
    at = upload(open_log(), exports.log_template_csv(plan), "spinewell-log-template.csv")
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "planned session" in errors[0]
    assert {row["reason"] for row in skipped(at)} == {PLANNED_REASON}
    assert len(skipped(at)) == sum(len(session.items) for session in plan.sessions)
    assert not at.get("plotly_chart")


# --- the clock --------------------------------------------------------------------------------------------------------


def test_after_midnight_an_entry_dated_the_new_day_is_charted_and_no_longer_skipped(log_file, clock):
    clock.day = dt.date(2026, 3, 16)
    rows = "".join(f"2026-03-{d:02d},,5,,,\n" for d in range(2, 17)) + "2026-03-17,,9,,,typed a day early\n"
    log_file.write_text(f"{HEADER_LINE}\n{rows}", encoding="utf-8")
    at = open_log()
    assert [(r["row"], r["reason"]) for r in skipped(at)] == [(17, FUTURE_REASON)]
    assert max(pain_points(at)) == "2026-03-16"
    clock.day = dt.date(2026, 3, 17)  # midnight passes while the page is open
    at.run()
    assert skipped(at) == []
    assert pain_points(at)["2026-03-17"] == 9.0
    assert entries_shown(at)[0]["Notes"] == "typed a day early"


# --- adding and undoing -----------------------------------------------------------------------------------------------


def test_an_entry_is_saved_to_the_local_log_and_can_be_undone(log_file, clock):
    at = open_log()
    add_entry(at, pain=4, exercise="Walking", minutes=30, notes="felt fine")
    assert any("Saved: 17 Nov 2026, pain 4, Walking 30 min." in s.value for s in at.success)
    row = read(log_file.read_bytes(), date_order="auto", today=TODAY).frame.iloc[0]
    assert (row["date"].date(), row["pain"], row["exercise"], row["minutes"], row["notes"]) == (
        TODAY, 4.0, "Walking", 30.0, "felt fine")
    assert "Showing your log, saved on this computer" in page_text(at)
    add_entry(at, exercise="Plank")
    assert len(read(log_file.read_bytes(), date_order="auto", today=TODAY).frame) == 2
    at.button(key="log.undo").click().run()
    assert any("The last entry was removed." in s.value for s in at.success)
    assert read(log_file.read_bytes(), date_order="auto", today=TODAY).frame["exercise"].tolist() == ["Walking"]


def test_an_empty_entry_or_minutes_without_an_exercise_are_refused_and_what_was_typed_stays(log_file, clock):
    at = open_log()
    add_entry(at)
    assert "an empty entry was not saved" in at.error[0].value
    add_entry(at, minutes=20, notes="walked the dog")
    assert "Say which exercise" in at.error[0].value
    assert form_field(at, "text_area", "notes").value == "walked the dog"
    assert not log_file.exists()


def test_the_form_is_emptied_once_an_entry_is_saved(log_file, clock):
    at = add_entry(open_log(), pain=3, notes="saved once")
    assert form_field(at, "text_area", "notes").value == ""
    assert form_field(at, "select_slider", "pain").value == entry_form.NO_RATING  # "No rating", as it starts


def test_an_unreadable_local_log_is_reported_and_never_changed(log_file, clock):
    log_file.write_bytes(b"\x00\x01garbage" * 50)
    before = log_file.read_bytes()
    at = add_entry(open_log(), pain=3)
    assert any("will not add to or change" in w.value for w in at.warning)
    assert any("won't add to it" in e.value for e in at.error)
    assert log_file.read_bytes() == before


def test_a_log_in_another_format_is_shown_but_not_added_to(log_file, clock):
    log_file.write_bytes(b"Date;Pain (0-10)\n02/03/2026;5\n13/03/2026;4\n")
    at = add_entry(open_log(), pain=3)
    assert any("isn't in Spinewell's own format" in e.value for e in at.error)
    assert log_file.read_bytes() == b"Date;Pain (0-10)\n02/03/2026;5\n13/03/2026;4\n"


def test_with_local_saving_off_entries_stay_in_the_session_and_download(monkeypatch, tmp_path, clock, downloads):
    monkeypatch.setenv("SPINEWELL_LOG", "off")
    at = open_log()
    assert "Kept in this browser session" in page_text(at)
    add_entry(at, pain=5, notes="=HYPERLINK(\"http://evil.example\")")
    assert "Showing the entries you added in this session" in at.info[0].value
    saved = read(downloads["spinewell_log.csv"], date_order="auto", today=TODAY)
    assert saved.frame["pain"].tolist() == [5.0]
    # Checked in the bytes: reading a download back strips the escape again.
    assert downloads["spinewell_log.csv"].endswith(b',"\'=HYPERLINK(""http://evil.example"")"\n')
    assert saved.frame["notes"].tolist() == ["=HYPERLINK(\"http://evil.example\")"]  # ...and it reads back as typed
    assert list(tmp_path.iterdir()) == []
    at.button(key="log.undo").click().run()
    assert "This is a sample log" in at.info[0].value


SAME_ENTRIES = [
    dict(pain=6, notes="stiff"),
    dict(exercise="Walking", notes="planned: 20 minutes"),  # a plan, not a session: kept out either way
    dict(exercise="Plank", minutes=5),
    dict(pain=6, notes="stiff"),  # the same entry twice: counted once either way
]


def test_entries_kept_in_the_session_and_saved_to_a_file_give_the_same_log(log_file, clock, monkeypatch):
    saved = open_log()
    for entry in SAME_ENTRIES:
        add_entry(saved, **entry)
    monkeypatch.setenv("SPINEWELL_LOG", "off")
    kept = open_log()
    for entry in SAME_ENTRIES:
        add_entry(kept, **entry)
    assert "Showing your log, saved on this computer" in page_text(saved)
    assert "Showing the entries you added in this session" in kept.info[0].value
    assert skipped(kept) == skipped(saved) == [
        {"row": 3, "column": "exercise", "value": "Walking", "reason": PLANNED_REASON}]
    assert entries_shown(kept) == entries_shown(saved)
    assert [(r["Pain"], r["Exercise"]) for r in entries_shown(kept)] == [("", "Plank"), ("6", "")]
    assert "1 repeated entry counted once" in page_text(kept)


def test_entries_added_to_an_uploaded_file_are_kept_with_it_and_offered_as_a_download(log_file, clock, downloads):
    at = upload(open_log(), MESSY, "export.csv")
    add_entry(at, pain=2, notes="added in the app")
    assert not log_file.exists()
    updated = read(downloads["export.csv"], date_order="auto", today=TODAY)
    assert updated.frame["notes"].tolist()[-1] == "added in the app" and len(updated.frame) == 4


def test_an_entry_added_to_an_upload_follows_the_upload_rules_and_rows(log_file, clock):
    at = upload(open_log(), MESSY, "export.csv")
    add_entry(at, exercise="Walking", notes="planned: tomorrow")
    assert skipped(at)[-1] == {"row": 7, "column": "exercise", "value": "Walking", "reason": PLANNED_REASON}
    at.button(key="log.undo").click().run()
    assert len(skipped(at)) == 2


# --- plan and filtering -----------------------------------------------------------------------------------------------


def test_the_chosen_plan_adds_its_targets_and_an_adherence_table(log_file, clock):
    plan = SimpleNamespace(weekly_targets=(
        WeekTarget(dt.date(2026, 9, 7), "core", 2, 0), WeekTarget(dt.date(2026, 9, 7), "aerobic", 3, 60),
        WeekTarget(dt.date(2026, 9, 14), "core", 3, 0),
    ))
    # The chart is chosen with the plan: a rerun would draw the plan the profile holds, none (the page's own test of
    # a plan that is kept: test_page_program_plan).
    at = open_log({state.CHOSEN_PLAN: plan, log_charts.KEY: "Exercise days"})
    assert "**Against your plan**" in page_text(at) and not at.warning
    table = next(d.value for d in at.dataframe if "Sessions" in d.value.columns)  # (the chart's numbers come first)
    assert table["Type"].tolist() == ["Core", "Aerobic", "Core"] and table["Sessions"].tolist()[0] == "2 of 2"
    spec, _ = figures(at)["Exercise days per week"]
    assert any(t["name"] == "Core: your plan" for t in spec["data"])


def test_the_date_range_narrows_every_figure(log_file, clock):
    at = open_log()
    (picker,) = [d for d in at.date_input if d.label == "Dates to show"]
    picker.set_value((dt.date(2026, 10, 5), dt.date(2026, 10, 18))).run()
    spec, _ = chart(at, "Exercise days per week")
    assert [x[:10] for x in spec["data"][0]["x"]] == ["2026-10-05", "2026-10-12"]
    days = sorted(pain_points(at))
    assert days[0] >= "2026-10-05" and days[-1] <= "2026-10-18"


def test_the_worsening_alert_gives_the_screens_emergency_line_and_a_way_back_to_the_safety_check(log_file, clock):
    first_week = [f"2026-02-{day:02d},3" for day in range(2, 9)]
    latest_week = [f"2026-02-{day:02d},7" for day in range(16, 23)]
    at = upload(open_log(), ("date,pain\n" + "\n".join(first_week + latest_week) + "\n").encode())
    (alert,) = [w.value for w in at.warning if "worse lately" in w.value]
    questionnaire = load().questionnaire
    assert questionnaire.safety.emergency in alert
    assert questionnaire.screen.advice_for("emergency").call in alert  # the tel: link, as on the screen's result
    assert "assessment" in [link.proto.page for link in at.get("page_link")]


def test_a_folder_where_the_log_should_be_is_explained_and_saving_refused_without_a_traceback(tmp_path, monkeypatch,
                                                                                             clock):
    folder = tmp_path / "pain_log.csv"
    folder.mkdir()
    monkeypatch.setenv("SPINEWELL_LOG", str(folder))
    at = open_log()
    assert any("can't be opened" in w.value and "a folder of that name" in w.value for w in at.warning)
    add_entry(at, pain=3, notes="lost?")
    assert any("a folder of that name, not a file" in e.value and "Your entry was not saved" in e.value
               for e in at.error)
    assert folder.is_dir() and list(folder.iterdir()) == []
