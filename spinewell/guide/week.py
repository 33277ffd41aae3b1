"""How the plan's week is going: which day of the plan today is, and how many of the week's sessions are done."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from spinewell.program.plan import Plan, PlanSession

Done = Collection[tuple[dt.date, str]]  # (day, type id) for each day the diary holds a session of that type


@dataclass(frozen=True)
class WeekProgress:
    """The plan's current week as Today shows it."""

    week: int
    day: int  # 1-7: today's day in the plan's week (0 before the plan starts)
    planned: int  # sessions the week holds
    done: int  # of them, done (a session caught up on another day of the week counts)
    missed_days: tuple[dt.date, ...]  # earlier days of the week with planned sessions and no session logged at all


def week_progress(plan: Plan, today: dt.date, done: Done) -> WeekProgress:
    """The week today falls in (week 1 before the start, the last week after the end) and what is done in it."""
    week = plan.current_week(today)
    in_plan = plan.start_date <= today <= plan.end_date
    day = (today - plan.start_date).days % 7 + 1 if in_plan else 0
    sessions = plan.sessions_in_week(week)
    days = set(plan.days_in_week(week))
    done_days = Counter(type_id for day_done, type_id in set(done) if day_done in days and day_done <= today)
    planned = Counter(session.type_id for session in sessions)
    count = sum(min(planned[type_id], done_days[type_id]) for type_id in planned)
    active_days = {day_done for day_done, _ in set(done)}
    missed = sorted({s.date for s in sessions if s.date < today and s.date not in active_days})
    return WeekProgress(week, day, len(sessions), count, tuple(missed))


def is_done(session: PlanSession, done: Done) -> bool:
    """Whether the diary holds a session of this one's type on its day."""
    return (session.date, session.type_id) in set(done)


def next_session_day(plan: Plan, today: dt.date) -> dt.date | None:
    """The first day after today with a planned session, or None when the plan has none left."""
    return next((session.date for session in plan.sessions if session.date > today), None)
