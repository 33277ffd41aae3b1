"""Goals in the profile: kept as typed through a save and a load, checked on load with a message in words, and left
untouched when a profile is fitted to edited content."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from spinewell.assessment import steps
from spinewell.content.load import load
from spinewell.storage import keys, profile
from spinewell.storage.profile import ProfileProblem
from spinewell.storage.restore import restore
from tests.answer_sets import MODERATE_WITH_POOL
from tests.content_edits import edit_yaml
from tests.test_storage_restore import without_option

TODAY = dt.date(2026, 12, 1)
GOALS = [{"id": "goal-1", "name": "lifting my grandchild <b>*</b>", "ratings": [
    {"date": "2026-11-02", "score": 2}, {"date": "2026-11-09", "score": 4}]},
    {"id": "goal-2", "name": "sitting through a film", "ratings": []}]


def payload(goals: object) -> bytes:
    return json.dumps({"app": "spinewell", "version": 1, "data": {keys.GOALS: goals}}).encode()


def test_goals_are_a_kept_key_and_come_back_from_a_profile_as_typed():
    assert keys.GOALS in keys.PROFILE_KEYS
    saved = profile.dump(profile.kept({keys.GOALS: GOALS}), dt.datetime(2026, 12, 1, 9))
    assert profile.to_session(profile.parse(saved)) == {keys.GOALS: GOALS}


@pytest.mark.parametrize(("goals", "says"), [
    ([{"id": "goal-1", "name": "gardening", "ratings": [{"date": "2026-11-02", "score": 11}]}], "your goals (entry 1)"),
    ([{"id": "goal-1", "name": "", "ratings": []}], "your goals (entry 1)"),
    ([{"id": "goal-1", "name": "x" * 81, "ratings": []}], "your goals (entry 1)"),
    ([{"id": f"goal-{n}", "name": f"goal {n}", "ratings": []} for n in range(4)], "your goals"),
    ("gardening", "your goals"),
])
def test_goals_that_are_not_well_formed_are_reported_in_words(goals, says):
    with pytest.raises(ProfileProblem, match=says.replace("(", r"\(").replace(")", r"\)")):
        profile.parse(payload(goals))


def test_a_content_edit_leaves_the_goals_untouched(content_copy):
    edit_yaml(content_copy, "questionnaire", without_option("mood", "up-and-down"))
    session = {steps.SCREEN: (), steps.ANSWERS: dict(MODERATE_WITH_POOL), steps.STEP: steps.RESULT,
               keys.GOALS: GOALS}
    restored = restore(session, load(content_copy), TODAY)
    assert restored.dropped == ("mood",) and restored.session[keys.GOALS] == GOALS
