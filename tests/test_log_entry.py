"""Every rule a new entry must meet, in one place, with the words the person typing it reads."""

from __future__ import annotations

import datetime as dt

import pytest

from spinewell.log.entry import EntryError, LogEntry

DAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (dict(pain=11), "Pain must be from 0 to 10."),
        (dict(pain=-1), "Pain must be from 0 to 10."),
        (dict(exercise="walking", minutes=-1), "Minutes must be from 0 to 1440."),
        (dict(exercise="walking", minutes=1441), "Minutes must be from 0 to 1440."),
        (dict(minutes=20, notes="walked the dog"), "Say which exercise the minutes were for: the entry was not saved."),
        (dict(exercise="   ", minutes=20), "Say which exercise the minutes were for: the entry was not saved."),
        (dict(), "Add a pain rating, an exercise or a note: an empty entry was not saved."),
        (dict(notes="  \n "), "Add a pain rating, an exercise or a note: an empty entry was not saved."),
    ],
    ids=["pain too high", "pain negative", "minutes negative", "minutes over a day", "minutes without an exercise",
         "minutes with a blank exercise", "empty", "only spaces"],
)
def test_an_entry_that_breaks_a_rule_is_refused_saying_what_to_change(fields, message):
    with pytest.raises(EntryError) as refused:
        LogEntry(DAY, **fields)
    assert str(refused.value) == message
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize("fields", [dict(pain=0), dict(exercise="plank"), dict(notes="rest day"),
                                    dict(pain=10, exercise="walking", minutes=0), dict(exercise="x", minutes=1440)])
def test_a_rating_an_exercise_or_a_note_is_enough(fields):
    assert LogEntry(DAY, **fields).date == DAY


def test_the_forms_values_become_an_entry_with_its_spaces_trimmed():
    entry = LogEntry.from_form(DAY, dt.time(8, 30), 4, "  Walking ", 30, " felt fine \n")
    assert entry == LogEntry(DAY, dt.time(8, 30), 4.0, "Walking", 30.0, "felt fine")
    assert LogEntry.from_form(DAY, None, None, None, None, "note") == LogEntry(DAY, notes="note")
