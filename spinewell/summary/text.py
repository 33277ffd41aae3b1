"""The summary as short plain text to paste into a message: the same facts as the page, no markup, no tables."""

from __future__ import annotations

from spinewell.summary.facts import Facts


def _section(heading: str, lines: tuple[str, ...] | list[str]) -> list[str]:
    return ["", heading.upper(), *(f"- {line}" for line in lines)]


def _weekly(facts: Facts) -> list[str]:
    """One line a week: its pain, its days of each exercise type and its aerobic minutes."""
    said: dict[str, list[str]] = {}
    for week, days, average, _ in facts.pain_table().rows:
        said.setdefault(week, []).append(f"average pain {average} ({days} days rated)")
    exercise = facts.sessions_table()
    for row in exercise.rows:
        said.setdefault(row[0], []).extend(f"{column.lower()} {cell}"
                                           for column, cell in zip(exercise.columns[1:], row[1:], strict=True))
    for week, minutes, target in facts.minutes_table().rows:
        said.setdefault(week, []).append(f"aerobic minutes {minutes} of {target}")
    return [f"Week of {week}: {', '.join(parts)}" for week, parts in said.items()]


def _plan_weeks(facts: Facts) -> list[str]:
    """One line a plan week: each type's sessions (and minutes where planned), and whether it was all done."""
    assert facts.plan is not None
    weeks: dict[str, list[tuple[str, ...]]] = {}
    for row in facts.plan.rows:
        weeks.setdefault(row[0], []).append(row)
    return [f"Week of {week}: " + ", ".join(f"{kind.lower()} {sessions}" + (f" ({minutes} minutes)" if minutes else "")
                                            for _, kind, sessions, minutes, _ in rows)
            + ("; all done" if all(row[4] == "yes" for row in rows) else "; not all done")
            for week, rows in weeks.items()]


def render(facts: Facts) -> str:
    """The plain-text summary."""
    lines = ["Back pain summary, for a physiotherapist or doctor",
             f"Made with Spinewell on {facts.made_on.day} {facts.made_on:%B %Y}. Diary: {facts.period}."]
    lines += _section("Key figures", [*facts.key_figures, *((facts.change.text,) if facts.first_day else ())])
    if facts.alerts:
        lines += _section("Alerts", facts.alerts)
    if facts.pain_weeks.size or facts.sessions.size:
        lines += _section("By week (latest weeks)", _weekly(facts))
    if facts.adherence is not None:
        lines += _section("Targets reached (complete weeks)", [
            f"{row[0]}: {row[1]}, reached in {row[2]} weeks, {row[3]} days a week on average"
            for row in facts.adherence.rows])
    if facts.plan is not None:
        lines += _section("Against the plan (sessions done of planned)", _plan_weeks(facts))
    if facts.program is None:
        lines += _section("Program", ["No exercise program yet: the self-assessment has not given one."])
    else:
        program = facts.program
        lines += _section("Program", [f"{program.name}. {program.dates}",
                                      *((f"Support suggested: {program.support}",) if program.support else ()),
                                      *program.reasons, *program.changes,
                                      *(f"Caution: {caution}" for caution in program.cautions)])
    lines += _section("Weekly reviews", facts.reviews or ("No weekly review yet.",))
    lines += _section("Safety check", facts.screen.lines())
    if facts.goals is not None:
        lines += _section("Goals", facts.goals or ("No goals set.",))
    if facts.notes:
        lines += _section("Notes from the diary (most recent first)", [f"{day}: {' '.join(note.split())}"
                                                                       for day, note in facts.notes])
    lines += ["", facts.disclaimer, facts.emergency]
    return "\n".join(lines) + "\n"
