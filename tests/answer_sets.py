"""Named sets of questionnaire answers shared by the unit, page and browser tests, and the screen answer to add."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from spinewell.content.load import load

SCREEN_ID = load().questionnaire.screen.id

# Answers to every question (the screen is separate: see `screened`), read-only so that no test changes them for
# the next. Each says in its name what kind of person it is and, beside it, what the rules give them.

# Moderate pain for a few weeks, a little worry, light activity, no pool or bike, plenty of time: Foundation, with
# self-management support.
MODERATE: Mapping[str, object] = MappingProxyType({
    "duration": "2-to-6-weeks",
    "pain_now": 5,
    "leg_pain": "no",
    "function": "a-little",
    "worry": "a-little",
    "mood": "up-and-down",
    "bothersome": "somewhat",
    "expectation": "a-bit-better",
    "activity": "light",
    "floor": "easily",
    "access": (),
    "minutes": "45-or-more",
    "conditions": (),
})

# The same person with a pool and half an hour a day: Foundation, swimming taking turns with walking.
MODERATE_WITH_POOL = MappingProxyType({**MODERATE, "access": ("pool",), "minutes": "about-30"})

# The same person with a pool and a bike: Foundation, three aerobic activities in turn.
MODERATE_WITH_POOL_AND_BIKE = MappingProxyType({**MODERATE, "access": ("pool", "bike")})

# Sciatica in one leg for a couple of months, no numbness, a bike at home: Foundation with the sciatica caution,
# cycling among the aerobics.
SCIATICA_WITH_BIKE = MappingProxyType({
    **MODERATE,
    "duration": "6-to-12-weeks",
    "pain_now": 4,
    "leg_pain": "yes",
    "leg_sides": "one",
    "leg_numbness": "no",
    "mood": "good",
    "access": ("bike",),
    "conditions": ("disc-sciatica",),
})

# Cannot get down to the floor, quite worried, 20 minutes a day, a bike: the floor exercises swapped for standing ones.
NO_FLOOR_WITH_BIKE = MappingProxyType({
    **MODERATE,
    "pain_now": 6,
    "worry": "quite-a-lot",
    "floor": "cannot",
    "access": ("bike",),
    "minutes": "about-20",
})


def screened(answers: Mapping[str, object], *flags: str) -> dict[str, object]:
    """`answers` with the safety screen answered: the given red flags ticked, or "none of these" when none are given."""
    return {**answers, SCREEN_ID: flags}
