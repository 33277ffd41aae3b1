"""What a finished session writes: its diary entry (minutes of the steps done, the exercises named) and its check-in."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from spinewell.guide.steps import Step, steps_of
from spinewell.log.entry import LogEntry
from spinewell.program.plan import PlanSession

# How each answer to "How did it feel?" reads (the keys are storage.keys.FELT, in the same order).
FELT_LABELS = {"too_easy": "Too easy", "about_right": "About right", "too_hard": "Too hard", "it_hurt": "It hurt"}


def minutes_done(steps: Iterable[Step]) -> int:
    """The minutes the done steps took, to the nearest whole minute (at least 1 when any was done)."""
    total = sum(step.minutes for step in steps)
    return max(1, math.floor(total + 0.5)) if total > 0 else 0


def session_entries(session: PlanSession, done: Iterable[int], *, guided: bool, when: dt.datetime
                    ) -> tuple[LogEntry, ...]:
    """The diary entry for a session in which the steps at `done` (indexes into steps_of(session)) were done.

    One entry per session: the Log page counts a day's core, stretching or aerobic session once, and one row reads
    best in the diary. Its exercise is the exercise itself when the session has one (Walking), else the session's
    type (Core strengthening), which the Log page matches to the type; the notes name what was done and skipped.
    Nothing done: no entry.
    """
    steps = steps_of(session)
    done_steps = [steps[index] for index in sorted(set(done)) if 0 <= index < len(steps)]
    exercise_steps = [step for step in done_steps if not step.is_rest]
    if not exercise_steps:
        return ()
    names_done = list(dict.fromkeys(step.name for step in exercise_steps))
    skipped = [name for name in dict.fromkeys(s.name for s in steps if not s.is_rest) if name not in names_done]
    main = list(dict.fromkeys(item.name for item in session.main_items))
    exercise = main[0] if len(main) == 1 else session.title
    notes = ("Guided session: " if guided else "Done without the guide: ") + ", ".join(names_done)
    if skipped:
        notes += f". Skipped: {', '.join(skipped)}"
    return (LogEntry(date=when.date(), time=when.time().replace(second=0, microsecond=0), exercise=exercise,
                     minutes=float(minutes_done(exercise_steps)), notes=notes + "."),)


def every_step(session: PlanSession) -> tuple[int, ...]:
    """All step indexes: what "I did it without the guide" counts as done."""
    return tuple(range(len(steps_of(session))))


def check_in(day: dt.date, type_id: str, pain: int | None, felt: str, guided: bool) -> dict:
    """One check-in in the shape storage.keys.CHECKINS keeps."""
    if felt not in FELT_LABELS:
        raise ValueError(f"felt must be one of {tuple(FELT_LABELS)}; got {felt!r}")
    if pain is not None and not 0 <= pain <= 10:
        raise ValueError(f"pain must be from 0 to 10; got {pain!r}")
    return {"date": day.isoformat(), "type": type_id, "pain": pain, "felt": felt, "guided": guided}


def pain_entry(when: dt.datetime, pain: int, session_title: str, felt: str) -> LogEntry:
    """The diary's pain rating from a check-in, with a note saying when it was given."""
    return LogEntry(date=when.date(), time=when.time().replace(second=0, microsecond=0), pain=float(pain),
                    notes=f"Check-in after the {session_title.lower()} session: {FELT_LABELS[felt].lower()}.")
