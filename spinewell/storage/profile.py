"""The profile file: the PROFILE_KEYS values as versioned JSON (dates as ISO text, tuples as lists), checked on load."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, TypeAdapter, ValidationError
from typing_extensions import TypedDict

from spinewell.assessment import steps
from spinewell.storage import keys
from spinewell.storage.merge import merged_items

APP = "spinewell"
VERSION = 1
_log = logging.getLogger(__name__)


class ProfileProblem(Exception):
    """A saved profile that cannot be used as it is; `message` says what is wrong in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _iso_day(value: str) -> str:
    dt.date.fromisoformat(value)  # a ValueError names the text that is not a day
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"not a day written as YYYY-MM-DD: {value!r}")
    return value


def _clock_time(value: str) -> str:
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        raise ValueError(f"not a time written as HH:MM: {value!r}")
    return value


Day = Annotated[str, AfterValidator(_iso_day)]


class Review(TypedDict):
    __pydantic_config__ = ConfigDict(extra="allow")  # type: ignore[misc]  # a field added later is kept
    week: Annotated[int, Field(ge=1)]
    recommended: Literal[keys.DECISIONS]  # type: ignore[valid-type]
    chosen: Literal[keys.DECISIONS]  # type: ignore[valid-type]
    on: Day


class CheckIn(TypedDict):
    __pydantic_config__ = ConfigDict(extra="allow")  # type: ignore[misc]
    date: Day
    type: str
    pain: Annotated[int, Field(ge=0, le=10)] | None
    felt: Literal[keys.FELT]  # type: ignore[valid-type]
    guided: bool


class GoalRating(TypedDict):
    __pydantic_config__ = ConfigDict(extra="allow")  # type: ignore[misc]
    date: Day
    score: Annotated[int, Field(ge=0, le=10)]


class Goal(TypedDict):
    __pydantic_config__ = ConfigDict(extra="allow")  # type: ignore[misc]
    id: Annotated[str, Field(min_length=1)]
    name: Annotated[str, Field(min_length=1, max_length=80)]
    ratings: list[GoalRating]


# What each kept key may hold, as the session holds it: validating the JSON text gives the session's types back
# (a JSON list becomes a tuple where the session keeps a tuple, ISO text a date where it keeps a date).
KINDS: dict[str, Any] = {
    steps.SCREEN: tuple[str, ...],
    steps.CHECKED: bool,
    steps.SCREENED_ON: dt.date,
    steps.ANSWERS: dict[str, str | int | tuple[str, ...] | None],
    steps.STEP: str,
    steps.PLAN_START: dt.date,
    steps.PLAN_LENGTH: int,
    keys.FULL_CORE: bool,
    keys.REMINDER: Annotated[str, AfterValidator(_clock_time)],
    keys.REVIEWS: list[Review],
    keys.CHECKINS: list[CheckIn],
    keys.LESSONS_READ: list[str],
    keys.GOALS: Annotated[list[Goal], Field(max_length=3)],
}
_ADAPTERS = {key: TypeAdapter(kind) for key, kind in KINDS.items()}
assert set(KINDS) == set(keys.PROFILE_KEYS), "every kept key needs its kind here"

# The keys in words, for a message about a wrong value.
NAMES = {
    steps.SCREEN: "the safety check", steps.CHECKED: "the doctor's check", steps.ANSWERS: "the answers",
    steps.SCREENED_ON: "the date of the safety check",
    steps.STEP: "the step of the self-assessment", steps.PLAN_START: "the plan's start date",
    steps.PLAN_LENGTH: "the plan's length", keys.FULL_CORE: "the full or shorter core session",
    keys.REMINDER: "the reminder time", keys.REVIEWS: "the weekly reviews",
    keys.CHECKINS: "the check-ins", keys.LESSONS_READ: "the lessons read", keys.GOALS: "your goals",
}


def json_safe(value: Any) -> Any:
    """`value` with dates and times as ISO text and tuples and sets as lists, all the way down."""
    if value is None or isinstance(value, (str, int, float)):  # bool is an int
        return value
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (dict, Mapping)):  # dict first: the common case, without the slower Mapping check
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(json_safe(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


def _check(key: str, value: Any) -> Any:
    """The session value of one key from its JSON-safe value; raises ValidationError when it is not one."""
    return _ADAPTERS[key].validate_json(json.dumps(value), strict=True)


def kept(session: Mapping[str, Any], fallback: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The JSON-safe values of the PROFILE_KEYS the session holds: what a profile saves and what "changed" compares.

    A value that would not load again (a bug elsewhere, not the person's doing) is not saved: the value from
    `fallback` (the profile as last loaded or saved) is kept instead, so the file still loads next time.
    """
    data = {}
    for key in keys.PROFILE_KEYS:
        if key not in session or session[key] is None:
            continue
        value = json_safe(session[key])
        if fallback and fallback.get(key) == value:
            data[key] = value  # as loaded or saved last time, so already checked: most runs change nothing
            continue
        try:
            _check(key, value)
        except (ValidationError, TypeError, ValueError):
            _log.warning("not saving %s: %r is not a value a profile can hold", key, session[key])
            if fallback and key in fallback:
                data[key] = fallback[key]
            continue
        data[key] = value
    return data


def merged(base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """What to keep when another window saved `theirs` after this one loaded or saved `base`: their profile, with
    what this window changed since `base` (set, changed or removed). A list both changed keeps the items each
    added and drops those each removed (a lesson read, a check-in, a goal: items with an "id" count as one item
    however they changed); any other value both changed is this window's, as is a list whose merge would not be
    a value a profile can hold."""
    kept_now = dict(theirs)
    for key in {*base, *mine}:
        if key not in mine:
            kept_now.pop(key, None)  # removed here
        elif key not in base or mine[key] != base[key]:
            value = mine[key]
            if isinstance(value, list) and isinstance(theirs.get(key), list) and isinstance(base.get(key, []), list):
                both = merged_items(base.get(key, []), value, theirs[key])
                value = both if _holds(key, both) else value
            kept_now[key] = value
    return kept_now


def _holds(key: str, value: Any) -> bool:
    try:
        _check(key, value)
    except (ValidationError, TypeError, ValueError):
        return False
    return True


def to_session(data: Mapping[str, Any]) -> dict[str, Any]:
    """The session values of a profile's JSON-safe data (tuples and dates back). Keys the app does not keep are
    left out; a value of the wrong kind raises ProfileProblem."""
    values = {}
    for key in keys.PROFILE_KEYS:
        if key not in data or data[key] is None:
            continue
        try:
            values[key] = _check(key, data[key])
        except ValidationError as error:
            first = error.errors()[0]
            place = first["loc"][0] if first["loc"] else None
            where = f" (entry {place + 1})" if isinstance(place, int) else f" (“{place}”)" if place else ""
            raise ProfileProblem(f"It holds a value Spinewell cannot use in {NAMES[key]}{where}: "
                                 f"{first['msg'].lower()}.") from None
    return values


def dump(data: Mapping[str, Any], saved_at: dt.datetime) -> bytes:
    """The profile file for JSON-safe `data` (as `kept` makes it), saved at `saved_at`."""
    envelope = {"app": APP, "version": VERSION, "saved_at": saved_at.isoformat(timespec="seconds"), "data": dict(data)}
    return (json.dumps(envelope, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def checked_version(version: Any, newest: int, problem: Callable[[str], Exception], *, which: str, named: str,
                    made: str = "saved", then: str = "open") -> int:
    """A file's `version` when this Spinewell reads it (1 to `newest`); else raises `problem` with the message
    (`which`: "of the profile " or ""; `named`: "profile version"; `made` and `then`: what the person did and does)."""
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise problem(f"It does not say which version {which}it is, so Spinewell cannot read it.")
    if version > newest:
        raise problem(f"It was {made} by a newer version of Spinewell ({named} {version}; this one reads "
                      f"version {newest}). Update Spinewell to {then} it.")
    return version


def parse(payload: bytes) -> dict[str, Any]:
    """The JSON-safe data of a profile file; raises ProfileProblem for anything that is not a profile this version
    of Spinewell can read (not JSON, another app's file, a newer version, a value of the wrong kind)."""
    try:
        envelope = json.loads(payload.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProfileProblem("It is not a text file, so it cannot be a Spinewell profile.") from None
    except json.JSONDecodeError as error:
        raise ProfileProblem(f"It is damaged: it stops making sense at line {error.lineno}, column {error.colno} "
                             "(it may have been cut short or edited by hand).") from None
    if not isinstance(envelope, dict) or envelope.get("app") != APP:
        other = envelope.get("app") if isinstance(envelope, dict) else None
        said = f" (it says it belongs to “{other}”)" if isinstance(other, str) and other else ""
        raise ProfileProblem(f"It is not a Spinewell profile{said}.")
    checked_version(envelope.get("version"), VERSION, ProfileProblem, which="of the profile ", named="profile version")
    data = envelope.get("data")
    if not isinstance(data, dict):
        raise ProfileProblem("It has no data section, so it is not a Spinewell profile Spinewell can read.")
    to_session(data)  # raises for a value of the wrong kind
    return {key: data[key] for key in keys.PROFILE_KEYS if data.get(key) is not None}
