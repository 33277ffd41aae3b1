"""Changing and deleting past entries on the log page, through app.py: in the local log (a backup kept, a changed
file refused) and among the entries kept in this session; an uploaded file's rows are not changed."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from spinewell import files
from spinewell.log.entry import HEADER_LINE
from tests import test_page_log
from tests.apptest import click, page_text
from tests.test_page_log import add_entry, entries_shown, form_field, open_log, upload

clock = test_page_log.clock  # the page's clock, frozen on test_page_log.TODAY (a fixture)

ROWS = f"{HEADER_LINE}\n2026-11-10,08:00,6,,,stiff\n2026-11-12,,4,Walking,30,\n2026-11-16,,3,Plank,10,felt good\n"


@pytest.fixture()
def diary(tmp_path, monkeypatch):
    path = tmp_path / "pain_log.csv"
    path.write_text(ROWS, encoding="utf-8")
    monkeypatch.setenv("SPINEWELL_LOG", str(path))
    return path


def pick(at: AppTest, starting: str) -> AppTest:
    """Open "Change or delete a past entry" and pick the entry whose description starts with `starting`."""
    toggle = at.toggle(key="log.edit.open")
    if not toggle.value:
        toggle.set_value(True).run()
    (chooser,) = [s for s in at.selectbox if s.key and s.key.startswith("log.edit.") and s.key.endswith(".pick")]
    (option,) = [o for o in chooser.options if o.startswith(starting)]
    chooser.select(option).run()
    assert not at.exception, at.exception
    return at


def test_the_entries_to_change_are_listed_newest_first(diary, clock):
    at = pick(open_log(), "Mon 16 Nov 2026")
    (chooser,) = [s for s in at.selectbox if s.key.endswith(".pick")]
    assert chooser.options == ["Mon 16 Nov 2026 – Plank 10 min – pain 3 – “felt good”",
                               "Thu 12 Nov 2026 – Walking 30 min – pain 4",
                               "Tue 10 Nov 2026, 08:00 – pain 6 – “stiff”"]


def test_a_past_entry_is_edited_in_a_prefilled_form_and_the_old_file_kept(diary, clock):
    at = pick(open_log(), "Thu 12 Nov 2026")
    assert form_field(at, "selectbox", "exercise", form="log.edit").value == "Walking"
    assert form_field(at, "number_input", "minutes", form="log.edit").value == 30
    assert form_field(at, "select_slider", "pain", form="log.edit").value == 4
    form_field(at, "number_input", "minutes", form="log.edit").set_value(45)
    form_field(at, "text_area", "notes", form="log.edit").set_value("-plank after")
    click(at, "Save changes")
    assert any("The entry was changed." in s.value for s in at.success)
    assert diary.read_text(encoding="utf-8") == ROWS.replace("Walking,30,", "Walking,45,-plank after")
    (kept,) = files.backups(diary)
    assert kept.read_text(encoding="utf-8") == ROWS and kept.name in page_text(at)
    assert [row["Notes"] for row in entries_shown(at)][1] == "-plank after"


def test_an_edit_that_breaks_a_rule_is_refused_and_keeps_what_was_typed(diary, clock):
    at = pick(open_log(), "Tue 10 Nov 2026")
    form_field(at, "number_input", "minutes", form="log.edit").set_value(20)
    form_field(at, "text_area", "notes", form="log.edit").set_value("which one?")
    click(at, "Save changes")
    assert "Say which exercise" in at.error[0].value
    assert form_field(at, "text_area", "notes", form="log.edit").value == "which one?"
    assert diary.read_text(encoding="utf-8") == ROWS and files.backups(diary) == []


def test_a_past_entry_is_deleted_only_after_a_yes(diary, clock):
    at = pick(open_log(), "Tue 10 Nov 2026")
    click(at, "Delete this entry")
    assert any("Delete this entry?" in w.value for w in at.warning)
    click(at, "Keep it")
    assert diary.read_text(encoding="utf-8") == ROWS
    pick(at, "Tue 10 Nov 2026")
    click(at, "Delete this entry")
    click(at, "Yes, delete it")
    assert any("The entry was deleted." in s.value for s in at.success)
    assert diary.read_text(encoding="utf-8") == ROWS.replace("2026-11-10,08:00,6,,,stiff\n", "")
    assert files.backups(diary)[0].read_text(encoding="utf-8") == ROWS


def test_a_file_changed_since_the_entry_was_picked_is_refused_with_a_message(diary, clock):
    at = pick(open_log(), "Thu 12 Nov 2026")
    changed = ROWS.replace("Walking,30", "Walking,35")
    diary.write_text(changed, encoding="utf-8")  # another window, or the file opened in a spreadsheet
    form_field(at, "number_input", "minutes", form="log.edit").set_value(40)
    click(at, "Save changes")
    assert any("nothing was changed" in w.value for w in at.warning)
    assert diary.read_text(encoding="utf-8") == changed and files.backups(diary) == []


def test_entries_kept_in_the_session_are_edited_and_deleted_too(monkeypatch, clock, downloads):
    monkeypatch.setenv("SPINEWELL_LOG", "off")
    at = add_entry(open_log(), pain=5, notes="first")
    add_entry(at, exercise="Plank", minutes=10)
    pick(at, "Tue 17 Nov 2026 – pain 5")
    form_field(at, "select_slider", "pain", form="log.edit").set_value(2)
    click(at, "Save changes")
    assert [(r["Pain"], r["Notes"]) for r in entries_shown(at)] == [("", ""), ("2", "first")]
    pick(at, "Tue 17 Nov 2026 – Plank")
    click(at, "Delete this entry")
    click(at, "Yes, delete it")
    assert [(r["Pain"], r["Exercise"]) for r in entries_shown(at)] == [("2", "")]


def test_an_uploaded_files_rows_are_not_changed_here_and_the_page_says_so(diary, clock):
    at = upload(open_log(), b"date,pain\n2026-11-10,5\n")
    assert "can't be changed here" in page_text(at)
    assert not [t for t in at.toggle if t.key == "log.edit.open"]
    add_entry(at, pain=3, notes="added here")
    pick(at, "Tue 17 Nov 2026")
    click(at, "Delete this entry")
    click(at, "Yes, delete it")
    assert [r["Pain"] for r in entries_shown(at)] == ["5"]
    assert diary.read_text(encoding="utf-8") == ROWS


def test_a_log_in_another_format_is_not_offered_for_changes_and_the_page_says_why(tmp_path, monkeypatch, clock):
    path = tmp_path / "pain_log.csv"
    theirs = b"Date;Pain (0-10)\n10/11/2026;5\n"
    path.write_bytes(theirs)
    monkeypatch.setenv("SPINEWELL_LOG", str(path))
    at = open_log()
    at.toggle(key="log.edit.open").set_value(True).run()
    assert any("isn't in Spinewell's own format" in w.value and "leaves it as it is" in w.value for w in at.warning)
    assert not [s for s in at.selectbox if s.key and s.key.endswith(".pick")]
    assert path.read_bytes() == theirs
