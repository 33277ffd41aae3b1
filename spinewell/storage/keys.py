"""The session keys that make up the person's profile: what the app remembers about them between visits.

The assessment's keys are defined beside the flow that reads and writes them (spinewell.assessment.steps); the keys
of following the program are defined here. A storage backend keeps exactly the keys in PROFILE_KEYS; everything
else in a session (the recommendation, the dated plan, widget values) is derived from them again.
"""

from __future__ import annotations

from spinewell.assessment import steps

# [{"date": "YYYY-MM-DD", "type": type id or "", "pain": 0-10 or None, "felt": one of FELT, "guided": bool}, ...]
CHECKINS = "spinewell.checkins"
FELT = ("too_easy", "about_right", "too_hard", "it_hurt")
# [{"week": plan week reviewed, "recommended": decision, "chosen": decision, "on": "YYYY-MM-DD"}, ...]
REVIEWS = "spinewell.reviews"
DECISIONS = ("progress", "repeat", "step_back")
FULL_CORE = "spinewell.plan.full_core"  # True: the full core session even where a day runs past the time said
REMINDER = "spinewell.plan.reminder"  # "HH:MM", local time, for the calendar file's daily reminder
LESSONS_READ = "spinewell.lessons_read"  # [lesson id, ...] in the order first read
# Up to three personal goals (spinewell.goals): [{"id", "name", "ratings": [{"date": "YYYY-MM-DD", "score": 0-10}]}]
GOALS = "spinewell.goals"

PROFILE_KEYS = (
    steps.SCREEN,
    steps.CHECKED,
    steps.SCREENED_ON,
    steps.ANSWERS,
    steps.STEP,
    steps.PLAN_START,
    steps.PLAN_LENGTH,
    FULL_CORE,
    REMINDER,
    REVIEWS,
    CHECKINS,
    LESSONS_READ,
    GOALS,
)
