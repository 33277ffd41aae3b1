"""Where a person is in a guided session and where Back, Skip and Next lead: a small state machine over a mapping."""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from spinewell.guide.steps import Step, steps_of
from spinewell.program.plan import Plan, PlanSession

# Session keys, defined here because the guide is what reads them (spinewell.ui.state names them for the pages).
# GUIDE holds the session under way: {"date": "YYYY-MM-DD", "type": type id, "at": step index, "done": [index, ...]}.
# "at" equal to the number of steps means every step is behind: the page offers Done.
GUIDE = "spinewell.guide"
# CHECK_IN holds the session waiting for its check-in: {"date": "YYYY-MM-DD", "type": type id, "guided": bool}.
CHECK_IN = "spinewell.guide.check_in"
MOVED = "spinewell.guide.moved"  # True after Back, Skip or Next: the new step's heading takes the focus
FLASH = "spinewell.today.flash"  # (kind, message) for Today to show once: what was saved, or what went wrong


@dataclass(frozen=True)
class Place:
    """The step to draw, its number, and what the buttons may do there."""

    step: Step | None  # None once every step is behind (the page shows Done)
    number: int  # 1-based; total + 1 at the end
    total: int
    can_go_back: bool

    @property
    def at_end(self) -> bool:
        return self.step is None


class Guide:
    """One planned session's steps over `session`: every transition only reads and writes `session[GUIDE]`."""

    def __init__(self, session: MutableMapping[str, Any], plan_session: PlanSession) -> None:
        self.session = session
        self.plan_session = plan_session
        self.steps = steps_of(plan_session)

    @classmethod
    def under_way(cls, session: MutableMapping[str, Any], plan: Plan | None) -> Guide | None:
        """The session the person started and has not finished, if it is still in their plan."""
        kept = session.get(GUIDE)
        if not isinstance(kept, dict) or plan is None:
            return None
        found = find_session(plan, kept.get("date"), kept.get("type"))
        return None if found is None else cls(session, found)

    def _names(self) -> tuple[str, str]:
        return self.plan_session.date.isoformat(), self.plan_session.type_id

    def start(self) -> None:
        """Begin at the first step, with nothing done yet (starting again forgets an earlier try)."""
        date, type_id = self._names()
        self.session[GUIDE] = {"date": date, "type": type_id, "at": 0, "done": []}

    @property
    def _state(self) -> dict[str, Any]:
        return self.session[GUIDE]

    @property
    def at(self) -> int:
        return min(max(int(self._state.get("at", 0)), 0), len(self.steps))

    def place(self) -> Place:
        at = self.at
        step = self.steps[at] if at < len(self.steps) else None
        return Place(step, at + 1, len(self.steps), at > 0)

    def done(self) -> tuple[int, ...]:
        """The indexes of the steps done (passed with Next), in order."""
        return tuple(sorted(set(self._state.get("done", ())) & set(range(len(self.steps)))))

    def next(self) -> None:
        """The step is done: mark it and move on (at the end, stay at the end)."""
        if self.at < len(self.steps):
            self._move(self.at + 1, done=self.at)

    def skip(self) -> None:
        """Move on without counting this step as done."""
        if self.at < len(self.steps):
            self._move(self.at + 1, undone=self.at)

    def back(self) -> None:
        """Go to the step before; what was marked done stays done until it is skipped."""
        if self.at > 0:
            self._move(self.at - 1)

    def _move(self, at: int, done: int | None = None, undone: int | None = None) -> None:
        marked = set(self.done())
        if done is not None:
            marked.add(done)
        if undone is not None:
            marked.discard(undone)
        self.session[GUIDE] = {**self._state, "at": at, "done": sorted(marked)}

    def finish(self, guided: bool = True) -> None:
        """Close the session and ask for its check-in next (another session under way is left as it is)."""
        kept = self.session.get(GUIDE)
        if isinstance(kept, dict) and (kept.get("date"), kept.get("type")) == self._names():
            self.session.pop(GUIDE)
        date, type_id = self._names()
        self.session[CHECK_IN] = {"date": date, "type": type_id, "guided": guided}


def find_session(plan: Plan, date: object, type_id: object) -> PlanSession | None:
    """The plan's session on `date` (ISO text or a date) of `type_id`, or None."""
    try:
        day = date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date))
    except ValueError:
        return None
    return next((s for s in plan.sessions_on(day) if s.type_id == type_id), None)
