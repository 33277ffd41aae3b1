"""Personal goals, measured: up to three things a person's back makes hard, each rated 0-10 over time, and the trend.

This follows the Patient-Specific Functional Scale (Stratford et al. 1995): the person names the activities and rates
how well they can do each, 0 (cannot do it) to 10 (as well as before the pain). A change of about 2 points is one
that matters (Abbott and Schmitt 2014: about 1.3 small, 2.3 medium, 2.7 large), so 2 points or more counts here.

Goals are kept in the session as keys.GOALS: [{"id", "name", "ratings": [{"date": "YYYY-MM-DD", "score"}]}].
Names are the person's own text: data, never markup. Every sentence here that holds one takes a `quote` function
(spinewell.ui.widgets.literal where it goes into Markdown).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

MAX_GOALS = 3
MAX_NAME = 80
LOWEST, HIGHEST = 0, 10
MEANINGFUL = 2  # points: a change this big or bigger is a real one (Abbott and Schmitt 2014, about 2 points)
LOWEST_WORDS, HIGHEST_WORDS = "cannot do it", "as well as before"

Quote = Callable[[str], str]


class GoalProblem(ValueError):
    """A goal that cannot be added, renamed or rated as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Goal:
    """One activity the person named, as typed (stripped), and their ratings of it, one a day, oldest first."""

    id: str
    name: str
    ratings: tuple[tuple[dt.date, int], ...] = ()

    @property
    def latest(self) -> int | None:
        return self.ratings[-1][1] if self.ratings else None

    def rated_on(self, day: dt.date) -> int | None:
        return dict(self.ratings).get(day)


@dataclass(frozen=True)
class Trend:
    """A goal's first rating against its latest: the change and whether it is a real one (2 points or more)."""

    first: int
    latest: int
    since: dt.date
    change: int

    @property
    def meaningful(self) -> bool:
        return abs(self.change) >= MEANINGFUL

    @property
    def words(self) -> str:
        """'Up 3 points since you started: a real change.' or 'Up 1 point since you started: about the same.'"""
        if self.change == 0:
            return "No change since you started: about the same."
        points = f"{abs(self.change)} point{'' if abs(self.change) == 1 else 's'}"
        said = "a real change" if self.meaningful else "about the same"
        return f"{'Up' if self.change > 0 else 'Down'} {points} since you started: {said}."


# --- from and to the session ----------------------------------------------------------------------------------------


def from_stored(stored: object) -> tuple[Goal, ...]:
    """The goals in keys.GOALS; anything not well formed (a damaged or hand-edited profile) is left out."""
    if not isinstance(stored, list):
        return ()
    found = []
    for item in stored:
        if not isinstance(item, Mapping) or not all(isinstance(item.get(field), str) for field in ("id", "name")):
            continue
        ratings: dict[dt.date, int] = {}
        for rating in item.get("ratings") if isinstance(item.get("ratings"), list) else ():
            if isinstance(rating, Mapping) and (day := _day(rating.get("date"))) and _is_score(rating.get("score")):
                ratings[day] = rating["score"]
        found.append(Goal(item["id"], item["name"], tuple(sorted(ratings.items()))))
    return tuple(found[:MAX_GOALS])


def to_stored(goals: Sequence[Goal]) -> list[dict]:
    """keys.GOALS for these goals (JSON-safe: dates as ISO text)."""
    return [{"id": goal.id, "name": goal.name,
             "ratings": [{"date": day.isoformat(), "score": score} for day, score in goal.ratings]}
            for goal in goals]


# --- changes --------------------------------------------------------------------------------------------------------


def clean_name(text: object) -> str:
    """The name as typed, with spaces at either end (and runs of spaces) trimmed; GoalProblem when it is empty or
    too long."""
    name = " ".join(str(text or "").split())
    if not name:
        raise GoalProblem("Type the activity your back makes hard, for example “lifting my grandchild”.")
    if len(name) > MAX_NAME:
        raise GoalProblem(f"Keep it to {MAX_NAME} characters or fewer (it has {len(name)}): a few words are enough.")
    return name


def add(goals: Sequence[Goal], name: object, score: int | None = None, day: dt.date | None = None) -> tuple[Goal, ...]:
    """The goals with a new one named `name` (and its first rating, when given), at most MAX_GOALS."""
    if len(goals) >= MAX_GOALS:
        raise GoalProblem(f"You already have {MAX_GOALS} goals, the most Spinewell keeps. Remove one to add another.")
    clean = _unused(goals, clean_name(name))
    goal = Goal(_next_id(goals), clean)
    added = (*goals, goal)
    return added if score is None or day is None else rate(added, goal.id, score, day)


def rename(goals: Sequence[Goal], goal_id: str, name: object) -> tuple[Goal, ...]:
    """The goals with `goal_id` named `name`; its ratings stay."""
    clean = _unused([g for g in goals if g.id != goal_id], clean_name(name))
    return tuple(Goal(g.id, clean, g.ratings) if g.id == goal_id else g for g in _known(goals, goal_id))


def remove(goals: Sequence[Goal], goal_id: str) -> tuple[Goal, ...]:
    return tuple(goal for goal in _known(goals, goal_id) if goal.id != goal_id)


def rate(goals: Sequence[Goal], goal_id: str, score: object, day: dt.date) -> tuple[Goal, ...]:
    """The goals with `goal_id` rated `score` (a whole number 0-10) on `day`; a second rating that day replaces
    the first."""
    if not _is_score(score):
        raise GoalProblem(f"A rating is a whole number from {LOWEST} ({LOWEST_WORDS}) to {HIGHEST} "
                          f"({HIGHEST_WORDS}); {score!r} is not one.")
    changed = []
    for goal in _known(goals, goal_id):
        if goal.id == goal_id:
            ratings = dict(goal.ratings)
            ratings[day] = score
            goal = Goal(goal.id, goal.name, tuple(sorted(ratings.items())))
        changed.append(goal)
    return tuple(changed)


# --- in words -------------------------------------------------------------------------------------------------------


def trend(goal: Goal) -> Trend | None:
    """The first rating against the latest; None with fewer than two ratings (one rating is no trend)."""
    if len(goal.ratings) < 2:
        return None
    (since, first), (_, latest) = goal.ratings[0], goal.ratings[-1]
    return Trend(first, latest, since, latest - first)


def sentence(goal: Goal) -> str:
    """What a goal's ratings say, without its name (shown beside it)."""
    if not goal.ratings:
        return "Not rated yet."
    found = trend(goal)
    if found is None:
        day, score = goal.ratings[0]
        return (f"You rated it {score} out of 10 on {day.day} {day:%B %Y}. Rate it again in a week or so to see "
                "how it changes.")
    return f"{found.words} You rated it {found.first} at first and {found.latest} most recently."


def review_reasons(goals: Sequence[Goal], quote: Quote) -> tuple[str, ...]:
    """The weekly review's sentences on the goals: 'You rated “sitting through a film” 6, up from 3: a real change.'
    Goals not rated yet are left out; `quote` makes each name safe where the sentence is shown."""
    reasons = []
    for goal in goals:
        if goal.latest is None:
            continue
        found, name = trend(goal), f"“{quote(goal.name)}”"
        if found is None or found.change == 0:
            tail = "." if found is None else ", the same as when you started."
            reasons.append(f"You rated {name} {goal.latest}{tail}")
            continue
        direction = "up" if found.change > 0 else "down"
        real = ": a real change" if found.meaningful else ""
        reasons.append(f"You rated {name} {found.latest}, {direction} from {found.first}{real}.")
    return tuple(reasons)


# --- inside ---------------------------------------------------------------------------------------------------------


def _is_score(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and LOWEST <= value <= HIGHEST


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _known(goals: Sequence[Goal], goal_id: str) -> Sequence[Goal]:
    if not any(goal.id == goal_id for goal in goals):
        raise GoalProblem("That goal is no longer there (it may have been removed on another page).")
    return goals


def _unused(others: Sequence[Goal], name: str) -> str:
    if any(goal.name.casefold() == name.casefold() for goal in others):
        raise GoalProblem("You already have a goal with that name. Give this one a different name.")
    return name


def _next_id(goals: Sequence[Goal]) -> str:
    """'goal-N', N one more than any goal's now, so never the id of one still there."""
    numbers = [int(goal.id[5:]) for goal in goals if goal.id.startswith("goal-") and goal.id[5:].isdigit()]
    return f"goal-{max(numbers, default=0) + 1}"
