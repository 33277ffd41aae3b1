"""Remembered across sessions, under AppTest: each AppTest is a new browser session over the same data folder."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from spinewell import files
from spinewell.assessment import steps
from spinewell.content.load import load
from spinewell.storage import keys
from spinewell.storage.restore import QUESTIONS_CHANGED
from tests.answer_sets import MODERATE_WITH_POOL
from tests.apptest import click, open_link, open_page, page_text, switch
from tests.assessment_pages import answer, open_assessment, screen, step, walk
from tests.content_edits import edit_yaml

PAGES = ("pages/home.py", "pages/learn.py", "pages/assessment.py", "pages/program.py", "pages/log.py",
         "pages/about.py")


def profile_path() -> Path:
    return Path(os.environ["SPINEWELL_DATA"]) / "profile.json"


def finished_assessment():
    at = walk(screen(open_assessment()), MODERATE_WITH_POOL)
    return click(at, "See my result")


def test_a_plan_made_in_one_session_is_there_in_the_next():
    first = finished_assessment()
    shown = first.session_state[steps.CHOSEN_PLAN]

    again = open_page("pages/program.py")  # a new session: nothing carried over but the data folder
    assert again.title[0].value == "Your program" and again.header[0].value == "Foundation"
    assert len(again.download_button) == 4 and again.date_input[0].value == shown.start_date
    assert "appears here after the self-assessment" not in page_text(again)
    # The start shown is kept: left unset, it would move to the next Monday on every later visit.
    assert json.loads(profile_path().read_bytes())["data"][steps.PLAN_START] == shown.start_date.isoformat()


def test_a_person_with_a_result_comes_back_to_the_result():
    finished_assessment()
    at = open_assessment()
    assert step(at) == steps.RESULT and at.success[0].value.startswith("## Your starter program: Foundation")


def test_a_person_who_left_halfway_comes_back_to_the_same_question_with_their_answers():
    at = screen(open_assessment())
    answer(at, "duration", "2-to-6-weeks")
    click(at, "Next")
    answer(at, "pain_now", 6)
    assert step(at) == "pain_now"

    again = open_assessment()
    assert step(again) == "pain_now" and again.segmented_control(key="assess.q.pain_now").value == 6
    click(again, "Back")
    assert again.radio(key="assess.q.duration").value == "2-to-6-weeks"


def test_a_session_saves_only_when_something_it_keeps_changed():
    finished_assessment()
    before = profile_path().read_bytes()
    at = open_page("pages/about.py")  # (Learn keeps the lessons read, so it is not a page that changes nothing)
    switch(at, "pages/exercises.py")
    assert profile_path().read_bytes() == before


def test_a_damaged_profile_is_shown_on_every_page_and_never_written_over():
    profile_path().parent.mkdir(parents=True)
    profile_path().write_bytes(b'{"app": "spinewell", "version": 1, "data": {')
    at = open_page()
    for page in PAGES:
        switch(at, page)
        assert "could not open what it remembers about you" in at.error[0].value, page
        assert "damaged" in at.error[0].value and [b.label for b in at.button][:1] == ["Start again"]
    switch(at, "pages/assessment.py")
    screen(at)  # what the person does now is not saved over the file
    assert profile_path().read_bytes() == b'{"app": "spinewell", "version": 1, "data": {'


def test_start_again_keeps_the_old_file_aside_and_saves_from_then_on():
    damaged = b'{"app": "another-app"}'
    profile_path().parent.mkdir(parents=True)
    profile_path().write_bytes(damaged)
    at = screen(open_page("pages/assessment.py"))
    click(at, "Start again")

    aside = [p for p in profile_path().parent.glob("profile.damaged-*.json")]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged
    assert f"The old file is kept as `{aside[0].name}`" in page_text(at)
    assert not [e for e in at.error if "could not open" in e.value]
    assert json.loads(profile_path().read_bytes())["data"][steps.SCREEN] == []  # this session's answers kept


def test_after_a_content_edit_only_the_changed_question_is_asked_again_and_the_person_is_told_once(
        content_copy, monkeypatch):
    finished_assessment()

    def without_up_and_down(data: dict) -> None:
        mood = next(q for q in data["questions"] if q["id"] == "mood")
        mood["options"] = [o for o in mood["options"] if o["id"] != "up-and-down"]

    edit_yaml(content_copy, "questionnaire", without_up_and_down)
    monkeypatch.setenv("SPINEWELL_CONTENT", str(content_copy))
    at = open_page()  # the first page of the visit says so, and leads to the question
    assert QUESTIONS_CHANGED in page_text(at)
    assert "assessment" in [link.proto.page for link in at.get("page_link")]
    switch(at, "pages/assessment.py")
    assert QUESTIONS_CHANGED not in page_text(at) and step(at) == "mood"
    answer(at, "mood", "good")
    click(at, "Back to the review")
    click(at, "See my result")
    assert at.success[0].value.startswith("## Your starter program: Foundation")
    assert QUESTIONS_CHANGED not in page_text(open_assessment())  # the next visit: nothing changed since


def test_a_save_that_fails_says_so_and_the_old_profile_stays(monkeypatch):
    at = screen(open_assessment())
    before = profile_path().read_bytes()

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    real_replace = files.os.replace
    monkeypatch.setattr(files.os, "replace", full_disk)
    answer(at, "duration", "2-to-6-weeks")
    at.run()
    assert "could not be saved" in at.warning[0].value and "No space left on device" in at.warning[0].value
    assert profile_path().read_bytes() == before
    monkeypatch.setattr(files.os, "replace", real_replace)
    at.run()
    assert not [w for w in at.warning if "could not be saved" in w.value]
    assert json.loads(profile_path().read_bytes())["data"][steps.ANSWERS] == {"duration": "2-to-6-weeks"}


def test_with_session_storage_nothing_is_written_and_the_data_can_be_downloaded(monkeypatch, downloads):
    monkeypatch.setenv("SPINEWELL_STORAGE", "session")
    at = screen(open_assessment())
    answer(at, "duration", "2-to-6-weeks")
    assert [b.label for b in at.sidebar.get("download_button")] == ["Download everything"]
    everything = json.loads(downloads[f"spinewell-everything-{dt.date.today():%Y-%m-%d}.json"])
    assert everything["app"] == "spinewell" and everything["profile"][steps.ANSWERS] == {"duration": "2-to-6-weeks"}
    assert not profile_path().parent.exists()
    assert step(open_assessment()) == steps.SCREEN_STEP  # a new session starts empty


def test_an_unknown_storage_setting_is_a_message_not_a_traceback(monkeypatch):
    monkeypatch.setenv("SPINEWELL_STORAGE", "cloud")
    at = open_page()
    assert "SPINEWELL_STORAGE is `cloud`" in at.error[0].value and "`local` or `session`" in at.error[0].value


def _stops_after_a_change() -> None:
    import streamlit as st

    from spinewell.assessment import steps
    from spinewell.ui import storage

    storage.remember()
    try:
        st.session_state[steps.PLAN_LENGTH] = 5  # changed by the page itself, not by a callback
        st.stop()
    finally:
        storage.save()


def test_a_change_made_before_st_stop_is_saved_by_the_same_run():
    # After st.stop every use of st.session_state stops the script again; the save must still see the change.
    at = AppTest.from_function(_stops_after_a_change, default_timeout=30)
    at.run()
    assert not at.exception
    assert json.loads(profile_path().read_bytes())["data"][steps.PLAN_LENGTH] == 5


def test_lessons_read_in_one_session_are_marked_read_in_the_next():
    lessons = load().learn
    open_link("pages/learn.py", lesson=lessons[-1].id)
    assert json.loads(profile_path().read_bytes())["data"][keys.LESSONS_READ] == [lessons[-1].id]
    again = open_page("pages/learn.py")  # a new session: the first lesson opens, the last is marked as read
    icons = {b.label: b.proto.icon for b in again.button if b.key and b.key.startswith("learn.open.")}
    assert icons[f"{len(lessons)}. {lessons[-1].title}"] == ":material/visibility:"
    assert icons[f"2. {lessons[1].title}"] == ":material/radio_button_unchecked:"


def test_two_windows_on_one_computer_keep_what_each_saved():
    """A lesson read in one window while a second is open: the second window's own change later keeps it, and
    the second window then knows it too."""
    first = finished_assessment()
    second = open_page("pages/learn.py")
    read_there = set(second.session_state[keys.LESSONS_READ])
    first.session_state[keys.REMINDER] = "07:30"  # changes in the first window, after the second opened
    first.session_state[keys.LESSONS_READ] = [*first.session_state.get(keys.LESSONS_READ, []), "scans"]
    first.run()
    assert json.loads(profile_path().read_bytes())["data"][keys.REMINDER] == "07:30"
    second.session_state[keys.LESSONS_READ] = [*second.session_state[keys.LESSONS_READ], "flare-up-plan"]
    second.run()  # the second window saves its change
    kept = json.loads(profile_path().read_bytes())["data"]
    assert kept[keys.REMINDER] == "07:30"
    assert set(kept[keys.LESSONS_READ]) == read_there | {"scans", "flare-up-plan"}  # each window's lesson
    assert kept[steps.ANSWERS] and second.session_state[keys.REMINDER] == "07:30"
