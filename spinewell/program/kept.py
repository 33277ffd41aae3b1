"""What a session makes from its plan and keeps between reruns: the plan itself and its files to take away, each
made again only when something it depends on changes.

Every rerun of Today, the guided session and the Program page asks for the plan; building it (and its calendar file,
the slowest of the files) on each one would cost most of a rerun. Each value is kept in the session beside the
inputs it was made from (the key), and given back only while the inputs asked for equal those, so a changed input
(another start date, a review's decision, another reminder time) always makes a new one: nothing stale is served.
The session is any mutable mapping (Streamlit's session state in the app, a dict in tests), as in choices.py; it
holds one value per kind, and a person's values stay in their own session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any, TypeVar

from spinewell.content.programs import StarterProgram
from spinewell.program import exports
from spinewell.program.plan import Plan, build_plan

KEPT = "spinewell.kept"  # the session key: {kind: (the inputs, the value made from them)}
T = TypeVar("T")


def kept(session: MutableMapping, kind: str, inputs: tuple, make: Callable[[], T]) -> T:
    """The value of `kind` made from `inputs`: the one kept when it was made from equal inputs, else make() kept."""
    held: dict[str, tuple[tuple, Any]] = session.setdefault(KEPT, {})
    if kind in held and held[kind][0] == inputs:
        return held[kind][1]
    value = make()
    held[kind] = (inputs, value)
    return value


def plan(session: MutableMapping, program: StarterProgram, start_date: dt.date, weeks: int | None = None, *,
         decisions: Mapping[int, str] | None = None, full_core: bool = False,
         maintenance_weeks_back: int = 0) -> Plan:
    """build_plan(...) with these arguments, kept in the session until one of them changes."""
    decided = tuple(sorted((decisions or {}).items()))
    inputs = (program, start_date, weeks, decided, full_core, maintenance_weeks_back)
    return kept(session, "plan", inputs, lambda: build_plan(
        program, start_date, weeks, decisions=dict(decided), full_core=full_core,
        maintenance_weeks_back=maintenance_weeks_back))


def calendar(session: MutableMapping, plan: Plan, reminder: dt.time) -> bytes:
    """exports.plan_ics of the plan with its reminder time, kept until either changes (its DTSTAMP, which says when
    the events were last changed, is then the time it was made)."""
    return kept(session, "calendar", (plan, reminder), lambda: exports.plan_ics(plan, reminder=reminder))


def plan_csv(session: MutableMapping, plan: Plan) -> bytes:
    """exports.plan_csv of the plan, kept until it changes."""
    return kept(session, "plan_csv", (plan,), lambda: exports.plan_csv(plan))


def log_template(session: MutableMapping, plan: Plan) -> bytes:
    """exports.log_template_csv of the plan, kept until it changes."""
    return kept(session, "log_template", (plan,), lambda: exports.log_template_csv(plan))
