"""A profile and five weeks of diary for the clinician-summary tests (unit and browser), dated to a fixed day."""

from __future__ import annotations

import datetime as dt
import functools

from spinewell.analysis.days import day_table
from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.log.read import read
from spinewell.program.plan import build_plan
from spinewell.summary.facts import Sources
from tests.answer_sets import MODERATE, screened

TODAY = dt.date(2026, 10, 11)  # a Sunday
START = dt.date(2026, 9, 7)  # a Monday: the plan and the diary start together
HOSTILE_NOTE = "<script>alert(1)</script>"
BOLD_NOTE = "**bold** and <b>tags</b>"


def diary_csv(days: int = 35, start: dt.date = START) -> bytes:
    """A diary whose pain falls from 6 to about 3, with core, stretching and walking most days and a few notes."""
    rows = ["date,time,pain,exercise,minutes,notes"]
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        level = max(2, 6 - offset // 9)
        note = {3: HOSTILE_NOTE, 10: BOLD_NOTE, 20: "Stiff after driving, \"better\" after a walk",
                30: "=SUM(A1) is not a formula here"}.get(offset, "")
        rows.append(f"{day},08:00,{level},,,\"{note.replace(chr(34), chr(34) * 2)}\"")
        if offset % 2 == 0:
            rows.append(f"{day},18:00,,Plank,5,")
        rows.append(f"{day},18:10,,Cat-cow,5,")
        if offset % 7 not in (2, 5):
            rows.append(f"{day},12:00,,Walking,{20 + offset % 3 * 5},")
    return ("\n".join(rows) + "\n").encode("utf-8")


_content = functools.cache(load)


@functools.cache
def _recommendation():
    return recommend(screened(MODERATE), _content())


def sources(goals=None, diary_days: int = 35, **changes) -> Sources:
    """The summary's sources for the MODERATE person with a Foundation plan from START, two weekly reviews and the
    diary above; `changes` replace any field."""
    content = _content()
    recommendation = _recommendation()
    plan = build_plan(recommendation.program, START, 6)
    frame = read(diary_csv(diary_days), date_order="auto", today=TODAY).frame
    values = dict(
        frame=frame, days=day_table(frame, content.exercise_type_lookup()), content=content, today=TODAY,
        recommendation=recommendation, plan=plan,
        reviews=[{"week": 1, "recommended": "progress", "chosen": "progress", "on": "2026-09-14"},
                 {"week": 2, "recommended": "progress", "chosen": "repeat", "on": "2026-09-21"}],
        screen=(), screened_on=dt.date(2026, 9, 6), doctor_checked=False, answers=dict(MODERATE), goals=goals,
    )
    values.update(changes)
    return Sources(**values)
