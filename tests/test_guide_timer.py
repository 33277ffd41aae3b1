"""The guided session's timer and rep counter, each mounted alone in a tiny script: what they hand the browser."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest


def timers() -> None:
    from spinewell.ui import timer

    timer.countdown(90, "Plank, set 1 of 3", key="2026-03-09-core-2")
    timer.rep_counter(7, "Bird-dog", key="2026-03-09-core-7", each_side=True)


def mounted(at: AppTest) -> list[dict]:
    """The data of each timer component on the page, as the browser receives it."""
    found = []
    for node in at.get("bidi_component"):
        found.append(json.loads(node.proto.json))
    return found


def test_a_countdown_and_a_rep_count_reach_the_browser_with_their_numbers_and_words():
    at = AppTest.from_function(timers)
    at.run()
    assert not at.exception
    countdown, reps = mounted(at)
    assert (countdown["mode"], countdown["seconds"], countdown["label"]) == ("timer", 90, "Plank, set 1 of 3")
    assert countdown["end"] == "Time's up. Press Next when you are ready."
    assert (reps["mode"], reps["reps"], reps["of"]) == ("reps", 14, "of 14 (7 on each side)")


def test_a_timer_key_is_one_of_ours_never_text_a_person_typed():
    from spinewell.ui import timer

    with pytest.raises(ValueError):
        timer.countdown(30, "Plank", key="<script>")
