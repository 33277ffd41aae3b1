"""Exact repeats of an entry are counted once, however they were written, and only exact repeats."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from spinewell.log import repeats
from spinewell.log.entry import COLUMNS
from spinewell.log.read import ParsedLog, read

TODAY = dt.date(2026, 11, 17)


def read_text(text: str | bytes) -> ParsedLog:
    return read(text.encode("utf-8") if isinstance(text, str) else text, date_order="auto", today=TODAY)


def test_exact_repeats_are_counted_once_and_rows_are_sorted_by_date():
    parsed = read_text(
        "date,time,pain,exercise,minutes,notes\n"
        "2026-03-05,,4,,,\n"
        "2026-03-02,09:00,,walking,30,\n"
        "2026-03-02,09:00,,walking,30,\n"  # exact repeat
        "2026-03-02,09:00,,walking,30,different note\n"  # not a repeat
        "2026-03-01,,6,,,\n"
        "2026-03-05,,4,,,\n"  # exact repeat, out of order
    )
    assert parsed.duplicates_dropped == 2
    assert [f"{d:%Y-%m-%d}" for d in parsed.frame["date"]] == ["2026-03-01", "2026-03-02", "2026-03-02", "2026-03-05"]
    assert parsed.frame["notes"].tolist()[1:3] == ["", "different note"]  # same-day order kept from the file


def test_entries_written_two_ways_that_mean_the_same_are_repeats():
    parsed = read_text("date,pain,exercise\n2026-03-02,4, walking\n02/03/2026,4.0,walking \n")
    assert parsed.duplicates_dropped == 1 and parsed.frame["exercise"].tolist() == ["walking"]


def test_repeats_that_differ_only_in_their_notes_are_all_kept():
    parsed = read_text(
        "date,pain,notes\n"
        "2026-03-02,4,a\n2026-03-02,4,b\n2026-03-02,4,a\n"  # A B A: the second A repeats the first
        "2026-03-02,4,b\n2026-03-02,4,c\n"
    )
    assert parsed.duplicates_dropped == 2
    assert parsed.frame["notes"].tolist() == ["a", "b", "c"]


def many_entries(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "date": [f"2026-0{m}-1{d}" for m, d in zip(rng.integers(1, 4, rows), rng.integers(0, 10, rows), strict=True)],
        "time": rng.choice(["", "08:00"], rows), "pain": rng.choice(["", "4", "7"], rows),
        "exercise": rng.choice(["", "walking", "plank"], rows), "minutes": rng.choice(["", "20"], rows),
        "notes": rng.choice(["", "", "ok", "x, y"], rows),
    })[list(COLUMNS)]


def test_repeats_are_found_exactly_even_when_every_fingerprint_collides(monkeypatch):
    written = many_entries(3_000, 6)
    expected = len(written) - len(written.drop_duplicates())
    data = written.to_csv(index=False).encode()
    assert read_text(data).duplicates_dropped == expected > 100
    monkeypatch.setattr(repeats, "FINGERPRINT_STEP", np.uint64(0))  # only the exercise is left to tell rows apart
    colliding = read_text(data)
    assert colliding.duplicates_dropped == expected
    assert colliding.frame["notes"].tolist() == read_text(data).frame["notes"].tolist()
