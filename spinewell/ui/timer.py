"""The guided session's timer and rep counter: a small st.components.v2 component that counts in the browser."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

_HERE = Path(__file__).parent
# role="timer" is not announced as it ticks; the separate live region says only "Time's up" and "Paused".
_HTML = """
<div class="sw-timer" role="group" aria-label="Timer">
  <p class="sw-label"></p>
  <p class="sw-count" role="timer" aria-atomic="true"></p>
  <p class="sw-caption"></p>
  <div class="sw-buttons"><button type="button" class="sw-main"></button>
  <button type="button" class="sw-again"></button></div>
  <p class="sw-said" aria-live="assertive"></p>
</div>
"""
_component = st.components.v2.component(
    "spinewell_timer", html=_HTML, css=(_HERE / "timer.css").read_text(encoding="utf-8"),
    js=(_HERE / "timer.js").read_text(encoding="utf-8"),
)


def _key(key: str) -> str:
    if not re.fullmatch(r"[a-z0-9-]+", key):
        raise ValueError(f"not a timer key: {key!r}")
    return f"timer-{key}"


def countdown(seconds: int, label: str, key: str, caption: str = "Press Start when you are in position") -> None:
    """A countdown of `seconds` with Start and Pause, shown large; `caption` says what to do before Start; it says
    when the time is up."""
    _component(key=_key(key), data={
        "id": key, "mode": "timer", "seconds": int(seconds), "label": label,
        "caption": caption,
        "end": "Time's up. Press Next when you are ready.",
    })


def rep_counter(reps: int, label: str, key: str, each_side: bool = False) -> None:
    """A count of reps: a large number and a button to count each one; it says when the last is reached.

    Reps on each side are counted together (10 on each side: a count of 20), as the person swaps sides."""
    total = int(reps) * (2 if each_side else 1)
    _component(key=_key(key), data={
        "id": key, "mode": "reps", "reps": total, "label": label,
        "of": f"of {total} ({int(reps)} on each side)" if each_side else f"of {total} reps",
        "end": f"That is all {total}. Press Next when you are ready.",
    })
