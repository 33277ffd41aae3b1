"""Turn a fitted starter program and a start date into a dated week-by-week Plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from spinewell.content.programs import PLAN_WEEKS, OptionsLeftOut, ProgramItem, StarterProgram
from spinewell.content.safety import StopRules
from spinewell.program.sessions import PlanItem, PlanSession
from spinewell.program.timefit import fit_day, steady_aerobic

# Rough timings, only for "about N minutes" estimates of a session's length.
SECONDS_PER_REP = 4
SECONDS_REST_BETWEEN_SETS = 30
SECONDS_TO_SWITCH_SIDES = 5


@dataclass(frozen=True)
class WeekTarget:
    """What the plan asks for in one ISO week (Monday to Sunday) for one exercise type; read by the log page."""

    week_start: dt.date  # the Monday of the ISO week
    type_id: str  # core | stretching | aerobic
    sessions: int
    minutes: int  # total planned minutes that week; 0 where minutes are not tracked (core, stretching)


@dataclass(frozen=True)
class ExerciseDoses:
    """One exercise of a plan and how its dose grows: what the plan's exercise cards show."""

    exercise_id: str
    name: str
    first_week: str  # the dose in words, '3 × 20 seconds'
    last_week: str


@dataclass(frozen=True)
class Plan:
    program_id: str
    program_name: str
    start_date: dt.date
    weeks: int
    sessions: tuple[PlanSession, ...]  # in date order; within a day: core, stretching, aerobic
    weekly_targets: tuple[WeekTarget, ...]
    stop_rules: StopRules  # when to carry on and when to stop (exercises.yaml), for every page and file of the plan
    notes: tuple[tuple[str, str], ...] = ()  # (exercise name, advice just for this person)
    options_left_out: tuple[OptionsLeftOut, ...] = ()  # easier or harder options not offered to this person
    not_in_plan: tuple[tuple[str, str], ...] = ()  # (exercise id, why it was swapped or left out for this person)
    levels: tuple[int, ...] = ()  # the dose level of each week (1 = the first week's doses), after the reviews
    day_minutes: int | None = None  # the most minutes a day the person has (None: no limit)
    full_core: bool = False  # the person chose to keep the full core session even where a day runs longer
    core_cut: bool = False  # fitting the days to day_minutes shortened a core session
    maintenance_weeks_back: int = 0  # the maintenance plan repeats the week this many weeks before the last

    @property
    def end_date(self) -> dt.date:
        return self.start_date + dt.timedelta(days=7 * self.weeks - 1)

    def in_maintenance(self, day: dt.date) -> bool:
        """Whether `day` is after the plan's last week, in the maintenance plan that carries on from it."""
        return day > self.end_date

    def phase(self, day: dt.date) -> str:
        """'before' the start, in the 'plan', or in 'maintenance' after its last week."""
        return "before" if day < self.start_date else "maintenance" if self.in_maintenance(day) else "plan"

    def level_in_week(self, week: int) -> int:
        """The dose level a week of the plan uses (its own number unless a review repeated or stepped back)."""
        return self.levels[week - 1] if self.levels else week

    def sessions_in_week(self, week: int) -> tuple[PlanSession, ...]:
        return tuple(session for session in self.sessions if session.week == week)

    def sessions_on(self, day: dt.date) -> tuple[PlanSession, ...]:
        """The day's sessions; after the last week, the maintenance plan's (the same weekday of a last week)."""
        if not self.in_maintenance(day):
            return tuple(session for session in self.sessions if session.date == day)
        days_in = (day - self.start_date).days
        source = self.start_date + dt.timedelta(days=7 * (max(1, self.weeks - self.maintenance_weeks_back) - 1)
                                                + days_in % 7)
        return tuple(replace(session, date=day, week=days_in // 7 + 1, maintenance=True)
                     for session in self.sessions if session.date == source)

    def exercise_ids(self) -> tuple[str, ...]:
        """Every exercise in the plan, once each, in order of first appearance."""
        return tuple(dict.fromkeys(item.exercise_id for session in self.sessions for item in session.items))

    def days_in_week(self, week: int) -> tuple[dt.date, ...]:
        first = self.start_date + dt.timedelta(days=7 * (week - 1))
        return tuple(first + dt.timedelta(days=offset) for offset in range(7))

    def sessions_a_week(self, type_id: str) -> int:
        """How many sessions of one type a week holds (every week of a plan holds the same number)."""
        return sum(session.type_id == type_id for session in self.sessions_in_week(1))

    def minutes_a_day(self, week: int) -> tuple[int, int]:
        """The fewest and the most minutes a day takes in one week of the plan (every day holds a session)."""
        sessions = self.sessions_in_week(week)
        days = [sum(s.minutes for s in sessions if s.date == day) for day in {s.date for s in sessions}]
        return min(days), max(days)

    def longest_core_day(self) -> int:
        """The most minutes a day holding a core session takes (0 without core sessions)."""
        days = {session.date for session in self.sessions if session.type_id == "core"}
        return max((sum(s.minutes for s in self.sessions_on(day)) for day in days), default=0)

    def current_week(self, today: dt.date) -> int:
        """The week to show on `today`: the week it falls in; week 1 before the start; the last week after the end."""
        return min(max((today - self.start_date).days // 7 + 1, 1), self.weeks)

    def dose_in_week(self, exercise_id: str, week: int) -> str | None:
        """The exercise's dose in words in one week of the plan, or None when that week does not hold it."""
        items = (item for session in self.sessions_in_week(week) for item in session.items)
        return next((item.dose() for item in items if item.exercise_id == exercise_id), None)

    def options_left_out_of(self, exercise_id: str) -> tuple[OptionsLeftOut, ...]:
        return tuple(entry for entry in self.options_left_out if entry.exercise == exercise_id)

    def why_not_in_plan(self, exercise_id: str) -> str | None:
        """Why a library exercise is not in this plan, when it was swapped or left out for this person."""
        return next((text for other, text in self.not_in_plan if other == exercise_id), None)

    def exercise_doses(self) -> tuple[ExerciseDoses, ...]:
        """Each exercise of the first week, in order, with its dose in the first week and in the last."""
        first = {item.exercise_id: item for session in self.sessions_in_week(1) for item in session.items}
        last = {item.exercise_id: item.dose() for s in self.sessions_in_week(self.weeks) for item in s.items}
        return tuple(
            ExerciseDoses(exercise_id, item.name, item.dose(), last.get(exercise_id, item.dose()))
            for exercise_id, item in first.items()
        )


def describe_frequency(sessions_per_week: int) -> str:
    """'Daily' or '3 a week'."""
    return "Daily" if sessions_per_week == 7 else f"{sessions_per_week} a week"


def describe_minutes(least: int, most: int) -> str:
    """'9–10', or '10' when every day takes the same."""
    return f"{most}" if least == most else f"{least}–{most}"


# --- building the plan --------------------------------------------------------------------------------------------


def default_start(today: dt.date) -> dt.date:
    """Today: a person who has just made a plan can start it straight away (they can still pick another day)."""
    return today


def dose_levels(weeks: int, decisions: Mapping[int, str] | None = None) -> tuple[int, ...]:
    """The dose level of each week: one up a week, unless the review of the week before chose otherwise.

    `decisions` maps a reviewed week to the decision chosen for the week after it: progress (the next level),
    repeat (the same level) or step_back (one level down, never below 1).
    """
    levels = [1]
    for week in range(2, weeks + 1):
        decision, level = (decisions or {}).get(week - 1, "progress"), levels[-1]
        levels.append(level + 1 if decision == "progress" else level if decision == "repeat" else max(1, level - 1))
    return tuple(levels)


def spread_days(sessions_per_week: int) -> tuple[int, ...]:
    """Day offsets (0-6) spreading n sessions evenly over a week: 3 -> (0, 2, 4), 4 -> (0, 1, 3, 5), 7 -> all."""
    return tuple(sorted({i * 7 // sessions_per_week for i in range(sessions_per_week)}))


def _days_apart_from(busy: tuple[int, ...], sessions_per_week: int) -> tuple[int, ...]:
    """n day offsets, preferring days not in `busy` so aerobic sessions fall on days without core work."""
    free = [day for day in range(7) if day not in busy]
    return tuple(sorted((free + list(busy))[:sessions_per_week]))


def _estimate_minutes(item: ProgramItem, amount: float) -> float:
    if item.unit == "minutes":
        return amount
    sides = 2 if item.per_side else 1
    work = amount * (SECONDS_PER_REP if item.unit == "reps" else 1) * sides * item.sets
    pauses = SECONDS_REST_BETWEEN_SETS * (item.sets - 1) + SECONDS_TO_SWITCH_SIDES * (sides - 1) * item.sets
    return (work + pauses) / 60


def _plan_item(item: ProgramItem, level: int) -> PlanItem:
    amount = item.amount_in_week(level)
    return PlanItem(
        exercise_id=item.exercise,
        name=item.name,
        type_id=item.type,
        amount=amount,
        unit=item.unit,
        per_side=item.per_side,
        sets=item.sets,
        minutes=_estimate_minutes(item, amount),
    )


def build_plan(
    program: StarterProgram,
    start_date: dt.date,
    weeks: int | None = None,
    *,
    decisions: Mapping[int, str] | None = None,
    full_core: bool = False,
    maintenance_weeks_back: int = 0,
) -> Plan:
    """A dated plan of `weeks` weeks (4-6; default: the program's own) starting on `start_date`.

    Core sessions are spread over the week (3 -> days 1, 3, 5 of each plan week) and start with the warm-up and end
    with the cool-down; stretching is daily; aerobic sessions prefer the days without core work and, where the
    program has several activities, take turns. Doses grow by the program's weekly step, never above its ceiling,
    except where a weekly review chose to repeat a week or step back (`decisions`: week reviewed -> decision).
    A fitted program with the minutes a person has a day gets days no longer than that (program.day_fit says how),
    unless `full_core` keeps the full core session. After the last week comes the maintenance plan (sessions_on).
    """
    weeks = program.weeks if weeks is None else weeks
    if program.stop_rules is None:
        raise ValueError(f"the program {program.id!r} has no stop rules; load it with spinewell.content.load")
    if weeks not in PLAN_WEEKS:
        raise ValueError(f"a plan lasts {min(PLAN_WEEKS)} to {max(PLAN_WEEKS)} weeks; got {weeks}")
    levels = dose_levels(weeks, decisions)
    days = _dated_days(program, start_date, levels)
    core_cut = False
    if program.day_minutes is not None:
        fitted = [fit_day(day, program.day_minutes, program.day_fit, full_core=full_core) for day in days]
        days, core_cut = [day for day, _ in fitted], any(cut for _, cut in fitted)
    sessions = steady_aerobic([s for day in days for s in day], start_date, levels, program.bout_minutes)
    return Plan(
        program_id=program.id,
        program_name=program.name,
        start_date=start_date,
        weeks=weeks,
        sessions=sessions,
        weekly_targets=weekly_targets(sessions, tuple(block.type for block in program.blocks)),
        stop_rules=program.stop_rules,
        notes=tuple((_name(program, exercise_id), text) for exercise_id, text in program.notes),
        options_left_out=program.options_left_out,
        not_in_plan=program.not_in_plan,
        levels=levels,
        day_minutes=program.day_minutes,
        full_core=full_core,
        core_cut=core_cut,
        maintenance_weeks_back=maintenance_weeks_back,
    )


def _dated_days(program: StarterProgram, start_date: dt.date, levels: tuple[int, ...]) -> list[list[PlanSession]]:
    """Each day's sessions at each week's dose level, before fitting them to the time a person has."""
    days_by_type: dict[str, tuple[int, ...]] = {}
    for block in program.blocks:
        if block.type != "aerobic":
            days_by_type[block.type] = spread_days(block.sessions_per_week)
    for block in program.blocks:
        if block.type == "aerobic":
            days_by_type[block.type] = _days_apart_from(days_by_type.get("core", ()), block.sessions_per_week)
    turn = {block.type: 0 for block in program.blocks}
    days = []
    for week, level in enumerate(levels, start=1):
        for offset in range(7):
            day, sessions = start_date + dt.timedelta(days=7 * (week - 1) + offset), []
            for block in program.blocks:  # within a day, sessions come in the program's block order
                if offset not in days_by_type[block.type] or not block.items:
                    continue
                if block.each_session == "one":
                    chosen = (block.items[turn[block.type] % len(block.items)],)
                    turn[block.type] += 1
                else:
                    chosen = block.items
                items = [_plan_item(item, level) for item in chosen]
                if block.type == "core":
                    if program.warm_up is not None:
                        items.insert(0, _plan_item(program.warm_up, level))
                    if program.cool_down is not None:
                        items.append(_plan_item(program.cool_down, level))
                sessions.append(PlanSession(day, week, block.type, block.title, tuple(items)))
            days.append(sessions)
    return days


def _name(program: StarterProgram, exercise_id: str) -> str:
    items = [item for block in program.blocks for item in block.items]
    items += [item for item in (program.warm_up, program.cool_down) if item is not None]
    return next((item.name for item in items if item.exercise == exercise_id), exercise_id)


def weekly_targets(sessions: Iterable[PlanSession], type_ids: tuple[str, ...]) -> tuple[WeekTarget, ...]:
    """Sessions (and aerobic minutes) per ISO week for each of `type_ids` (the program's blocks), zeros included.

    A plan that does not start on a Monday has partial first and last ISO weeks; they count what falls in them.
    """
    sessions = list(sessions)
    mondays = sorted({session.date - dt.timedelta(days=session.date.weekday()) for session in sessions})
    targets = []
    for monday in mondays:
        in_week = [s for s in sessions if monday <= s.date < monday + dt.timedelta(days=7)]
        for type_id in type_ids:
            of_type = [s for s in in_week if s.type_id == type_id]
            minutes = sum(item.amount for s in of_type for item in s.main_items) if type_id == "aerobic" else 0
            targets.append(WeekTarget(monday, type_id, len(of_type), round(minutes)))
    return tuple(targets)
