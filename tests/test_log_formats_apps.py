"""App exports read as diaries: Strava's and Garmin Connect's activities (durations in seconds or h:mm:ss, activity
types as the library's exercise types), and Bearable's long format (a row per thing tracked, severity words)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from spinewell.log.describe import reading_notes
from spinewell.log.formats_apps import ACTIVITY_TYPES, TYPE_LABELS
from spinewell.log.read import ParsedLog, read

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "imports"
TODAY = dt.date(2026, 12, 1)


def read_fixture(name: str) -> ParsedLog:
    return read((FIXTURES / name).read_bytes(), date_order="auto", today=TODAY)


def entries(parsed: ParsedLog) -> list[tuple]:
    frame = parsed.frame
    return [
        (f"{day:%Y-%m-%d}", time if isinstance(time, str) else "", None if pain != pain else pain, exercise,
         None if minutes != minutes else minutes)
        for day, time, pain, exercise, minutes in zip(frame["date"], frame["time"], frame["pain"], frame["exercise"],
                                                      frame["minutes"], strict=True)
    ]


def test_a_strava_export_gives_one_entry_per_activity_with_its_elapsed_seconds_as_minutes():
    parsed = read_fixture("strava_activities.csv")
    assert parsed.ok and not parsed.issues
    assert entries(parsed) == [
        ("2026-11-02", "07:15", None, "Aerobic", 45.2),  # Walk, 2712 s
        ("2026-11-03", "17:40", None, "Stretching", 60.0),  # Yoga
        ("2026-11-05", "12:02", None, "Aerobic", 82.92),  # Ride, 4975 s
        ("2026-11-06", "18:58", None, "Weight Training", 40.0),  # no library type: kept as the app names it
        ("2026-11-08", "09:12", None, "Aerobic", None),  # a run with no elapsed time
    ]
    assert parsed.frame["notes"].tolist()[:2] == ["Walk: Morning Walk", "Yoga: Easy hatha"]
    assert parsed.last_row == 6  # a description holding a line break is still one row


def test_a_garmin_export_reads_its_time_column_as_a_duration_not_a_time_of_day():
    parsed = read_fixture("garmin_activities.csv")
    assert parsed.ok and not parsed.issues
    assert entries(parsed) == [
        ("2026-11-02", "07:15", None, "Aerobic", 45.2),  # Walking, 00:45:12
        ("2026-11-03", "17:40", None, "Stretching", 60.0),  # Yoga
        ("2026-11-05", "12:02", None, "Aerobic", 50.5),  # Indoor Cycling
        ("2026-11-06", "18:58", None, "Strength Training", 40.0),
        ("2026-11-08", "09:12", None, "Aerobic", 27.5),  # Running, 0:27:30
    ]
    assert parsed.frame["notes"].tolist()[:2] == ["Walking: Leeds Walking", "Yoga"]


def test_the_reading_notes_say_what_an_activity_export_was_read_as():
    notes = reading_notes(read_fixture("garmin_activities.csv"), uploaded=True, quote=str)
    assert notes.startswith("Reading the file: read as a Garmin Connect export")
    assert "Time (hours:minutes:seconds) as its minutes" in notes
    notes = reading_notes(read_fixture("strava_activities.csv"), uploaded=True, quote=str)
    assert "Elapsed Time (seconds) as its minutes" in notes


def test_a_bad_duration_in_an_activity_export_is_reported_in_the_apps_own_terms():
    data = (FIXTURES / "strava_activities.csv").read_bytes().replace(b",2400,0.00,", b",about 40 min,0.00,")
    parsed = read(data, date_order="auto", today=TODAY)
    assert [(i.row, i.column, i.value) for i in parsed.issues] == [(5, "Elapsed Time", "about 40 min")]
    assert len(parsed.frame) == 4


def test_activity_types_map_only_to_types_the_library_has():
    exercises = yaml.safe_load((ROOT / "content" / "exercises.yaml").read_text(encoding="utf-8"))
    labels = {t["id"]: t["label"] for t in exercises["types"]}
    assert set(ACTIVITY_TYPES.values()) <= set(labels)
    assert all(labels[type_id] == label for type_id, label in TYPE_LABELS.items())


def test_a_bearable_export_becomes_one_row_per_date_and_time_of_day():
    parsed = read_fixture("bearable_export.csv")
    assert entries(parsed) == [
        ("2026-11-02", "09:00", 5.0, "", None),  # Back (lower) pain (Moderate); the headache and mood left out
        ("2026-11-02", "19:00", 2.0, "Aerobic", 30.0),  # mild back pain, and a 30-minute walk, at "pm"
        ("2026-11-03", "13:00", 8.0, "", None),  # severe lower and moderate mid back pain: the worst counts
        ("2026-11-03", "19:00", None, "Stretching", 20.0),  # "Yoga (20 min)"
        ("2026-11-04", "09:00", 10.0, "", None),  # unbearable
        ("2026-11-05", "19:00", 0.0, "", None),  # none
        ("2026-11-05", "", None, "", None),  # a note for the whole day
    ]
    assert parsed.frame["notes"].tolist()[1:3] == ["better after the walk", "lifted the shopping"]
    assert parsed.frame["notes"].tolist()[-1] == "Physio appointment, new exercises"


def test_a_bearable_rating_it_cannot_read_is_reported_on_the_exports_own_row():
    parsed = read_fixture("bearable_export.csv")
    assert [(i.row, i.column, i.value) for i in parsed.issues] == [(13, "rating/amount", "lots")]


def test_the_reading_notes_state_the_severity_words_0_to_10():
    notes = reading_notes(read_fixture("bearable_export.csv"), uploaded=True, quote=str)
    assert "none 0, mild 2, moderate 5, severe 8 and unbearable 10 out of 10" in notes


def test_an_export_saved_as_a_workbook_is_read_as_that_export(tmp_path):
    from tests.test_log_formats import _xlsx_of

    rows = [["Activity Type", "Date", "Favorite", "Title", "Distance", "Time"],
            ["Walking", "2026-11-02 07:15:02", "false", "Leeds Walking", 3.21, "00:45:12"]]
    parsed = read(_xlsx_of(rows), date_order="auto", today=TODAY)
    assert entries(parsed) == [("2026-11-02", "07:15", None, "Aerobic", 45.2)]
    assert parsed.read_as.startswith("the first sheet of the workbook, “Sheet1”, a Garmin Connect export")


def test_bearable_rows_with_nothing_for_the_diary_make_no_entry_and_factors_can_be_activities():
    data = (
        b"date,date formatted,weekday,time of day,category,rating/amount,detail,notes\n"
        b"2026-11-10T00:00:00.000Z,10th Nov 2026,Tuesday,am,Symptom,1,Headache (Mild),\n"
        b"2026-11-10T00:00:00.000Z,10th Nov 2026,Tuesday,am,Mood,4,,\n"
        b"2026-11-11T00:00:00.000Z,11th Nov 2026,Wednesday,pm,Factors,,Exercise: Swimming (40 min),\n"
        b"2026-11-11T00:00:00.000Z,11th Nov 2026,Wednesday,pm,Factors,,Walking,\n"
        b"2026-11-11T00:00:00.000Z,11th Nov 2026,Wednesday,pm,Factors,,Coffee,\n"
    )
    parsed = read(data, date_order="auto", today=TODAY)
    assert entries(parsed) == [("2026-11-11", "19:00", None, "Aerobic", 40.0), ("2026-11-11", "19:00", None,
                                                                                "Aerobic", None)]


def test_a_short_garmin_time_written_as_minutes_and_seconds_is_not_read_as_hours():
    data = b"Activity Type,Date,Favorite,Title,Distance,Time\nStair Stepper,2026-11-02 07:15:02,false,Stairs,0,5:12.3\n"
    parsed = read(data, date_order="auto", today=TODAY)
    assert entries(parsed) == [("2026-11-02", "07:15", None, "Aerobic", 5.2)]
