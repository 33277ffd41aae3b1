"""recommend(): red flags always block, answers choose and fit the program, and every result says why."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path
from types import MappingProxyType

import pytest

from spinewell.assessment.answers import describe_answer, missing_answers, ticked_answer
from spinewell.assessment.recommend import IncompleteAnswers, is_current, recommend
from spinewell.assessment.rules import because, scores
from spinewell.content.load import load
from tests.answer_sets import MODERATE, SCREEN_ID, screened

CONTENT = load()
QUESTIONNAIRE = CONTENT.questionnaire
FLAGS = QUESTIONNAIRE.screen.flags
URGENT_FLAGS = [f.id for f in FLAGS if f.level == "urgent"]
LEVELS = ("emergency", "same_day", "urgent", "surgical_team", "routine", None)  # most serious first

# The scenarios start from a complete set of answers in the middle of every range, with a clear screen.
BASELINE = MappingProxyType(screened(MODERATE))
# What a build-up candidate says: low pain, active, little interference, no worry.
ACTIVE = {"pain_now": 2, "activity": "active", "function": "not-at-all", "worry": "not-at-all"}


def answers(**changes) -> dict:
    return {**BASELINE, **changes}


def exercises_in(recommendation) -> set[str]:
    return set(recommendation.program.exercise_ids())


# Each scenario: an id, the answers that differ from BASELINE, and what must come out.
# expected keys: outcome (emergency|urgent|program), program, support, has / lacks (exercise ids in the fitted
# program), conditions (answer ids with cautions), reason (a phrase one of the reasons must contain).
SCENARIOS = [
    ("moderate-pain-walker", {}, {"program": "foundation", "support": "self-management", "lacks": {"swimming"}}),
    ("saddle-numbness", {SCREEN_ID: ("saddle-numbness",)}, {"outcome": "emergency"}),
    ("fever", {SCREEN_ID: ("fever-unwell",)}, {"outcome": "same_day"}),
    ("night-pain", {SCREEN_ID: ("night-pain",)}, {"outcome": "urgent"}),
    ("urgent-and-emergency", {SCREEN_ID: ("weight-loss", "leaking")}, {"outcome": "emergency"}),
    ("surgery-last-month", {"conditions": ("recent-surgery",), "surgery_when": "under-3-months"},
     {"outcome": "surgical_team"}),
    ("high-pain", {"pain_now": 8}, {"program": "gentle-start", "reason": "8 out of 10"}),
    ("great-worry", {"worry": "a-great-deal"}, {"program": "gentle-start", "reason": "worry a great deal"}),
    ("flare-up", {"duration": "under-2-weeks", "pain_now": 6}, {"program": "gentle-start",
                                                                 "reason": "less than 2 weeks"}),
    ("new-but-mild", {"duration": "under-2-weeks", "pain_now": 3}, {"program": "foundation"}),
    ("resting-most-of-the-day", {"activity": "mostly-resting"}, {"program": "gentle-start"}),
    ("low-pain-active", ACTIVE, {"program": "build-up", "reason": "2 out of 10"}),
    ("active-but-worried", {**ACTIVE, "worry": "quite-a-lot"}, {"program": "foundation"}),
    ("active-with-sciatica", {**ACTIVE, "conditions": ("disc-sciatica",), "leg_pain": "yes", "leg_sides": "one",
                              "leg_numbness": "no"},
     {"program": "foundation", "conditions": {"disc-sciatica"}, "reason": "slipped disc or sciatica",
      "support": "physiotherapist"}),
    ("active-and-pregnant", {**ACTIVE, "conditions": ("pregnancy",)},
     {"program": "foundation", "conditions": {"pregnancy"}, "has": {"wall-plank", "sit-to-stand"},
      "lacks": {"plank", "bridge"}, "support": "physiotherapist", "reason": "you are pregnant"}),
    ("surgery-this-year", {**ACTIVE, "conditions": ("recent-surgery",), "surgery_when": "3-to-12-months"},
     {"program": "gentle-start", "conditions": {"recent-surgery"}, "support": "physiotherapist",
      "reason": "back surgery in the past 12 months"}),
    ("osteoporosis", {"conditions": ("osteoporosis",)},
     {"program": "foundation", "conditions": {"osteoporosis"}, "lacks": {"childs-pose"}}),
    ("inflammatory-arthritis", {"conditions": ("inflammatory-arthritis",)},
     {"program": "foundation", "conditions": {"inflammatory-arthritis"}, "has": {"plank", "childs-pose"}}),
    ("no-floor", {"floor": "cannot"},
     {"program": "foundation", "has": {"wall-plank", "sit-to-stand", "seated-cat-cow"},
      "lacks": {"plank", "bridge", "bird-dog", "cat-cow", "childs-pose"}}),
    ("floor-with-support", {"floor": "with-support"}, {"program": "foundation", "has": {"plank", "cat-cow"}}),
    ("pool-and-bike", {"access": ("pool", "bike")}, {"program": "foundation", "has": {"swimming", "cycling",
                                                                                        "walking"}}),
    ("low-mood-and-worry", {"mood": "low-almost-always", "worry": "quite-a-lot", "bothersome": "a-lot"},
     {"program": "foundation", "support": "physiotherapist-plus", "reason": "low almost all the time"}),
    # Quite a lot of worry and bother with good mood: a moderate level, which now reaches the psychologically
    # informed support (it took a great deal of each before).
    ("moderate-worry-and-bother", {"leg_pain": "yes", "leg_sides": "one", "leg_numbness": "no",
                                   "function": "quite-a-lot", "worry": "quite-a-lot", "bothersome": "a-lot",
                                   "mood": "good"},
     {"program": "foundation", "support": "physiotherapist-plus", "conditions": {"disc-sciatica"}}),
    ("affecting-daily-life", {"function": "a-great-deal", "bothersome": "a-lot", "mood": "good"},
     {"program": "gentle-start", "support": "physiotherapist", "reason": "a great deal"}),
    ("ten-minutes-a-day", {"minutes": "about-10"}, {"program": "foundation", "has": {"bridge", "plank"},
                                                    "lacks": {"bird-dog"}}),
]


@pytest.mark.parametrize(("answer_changes", "expected"), [s[1:] for s in SCENARIOS], ids=[s[0] for s in SCENARIOS])
def test_scenario(answer_changes, expected):
    recommendation = recommend(answers(**answer_changes), CONTENT)
    assert recommendation.outcome == expected.get("outcome", "program")
    if recommendation.is_referral:
        assert recommendation.program is None
        assert recommendation.referral.level == recommendation.outcome
        return
    assert recommendation.selected_program in {p.id for p in CONTENT.programs.programs}
    assert recommendation.program.id == expected["program"]
    if "support" in expected:
        assert recommendation.support.id == expected["support"]
    assert expected.get("has", set()) <= exercises_in(recommendation)
    assert not expected.get("lacks", set()) & exercises_in(recommendation)
    assert {c.answer for c in recommendation.conditions} == expected.get("conditions", set())
    if "reason" in expected:
        assert any(expected["reason"] in reason for reason in recommendation.reasons + recommendation.support_reasons)


def test_the_scenario_table_reaches_every_program_every_support_level_and_every_referral():
    outcomes = [recommend(answers(**changes), CONTENT) for _, changes, _ in SCENARIOS]
    assert {r.program.id for r in outcomes if not r.is_referral} == {p.id for p in CONTENT.programs.programs}
    assert {r.support.id for r in outcomes if not r.is_referral} == {s.id for s in CONTENT.programs.support}
    assert {r.outcome for r in outcomes if r.is_referral} == {"emergency", "same_day", "urgent", "surgical_team"}
    assert len(SCENARIOS) >= 15


# --- red flags (each flag alone, the combinations and a doctor's check: test_assessment_safety.py) ---------------


def test_emergency_advice_calls_999_and_urgent_advice_names_a_doctor_within_a_day_or_two():
    emergency = QUESTIONNAIRE.screen.advice_for("emergency")
    urgent = QUESTIONNAIRE.screen.advice_for("urgent")
    assert "[Call 999 now](tel:999)" in emergency.call
    assert "day or two" in urgent.title.lower() or "day or two" in " ".join(urgent.steps).lower()


def _alone(flag_id: str) -> int:
    return LEVELS.index(QUESTIONNAIRE.screen.flag(flag_id).level)


def _combined(pair) -> bool:
    return any(combination.holds(frozenset(pair)) for combination in QUESTIONNAIRE.screen.combinations)


@pytest.mark.parametrize("pair", list(itertools.combinations([f.id for f in FLAGS], 2)), ids="+".join)
def test_every_pair_of_flags_is_at_least_as_serious_as_the_more_serious_alone(pair):
    recommendation = recommend(answers(**{SCREEN_ID: pair}), CONTENT)
    got = LEVELS.index(recommendation.level or None)
    assert got <= min(_alone(f) for f in pair)
    if not _combined(pair):  # with no combination between them, the more serious one alone decides
        assert got == min(_alone(f) for f in pair)
    if recommendation.is_referral:
        assert recommendation.program is None and recommendation.referral.level == recommendation.outcome
        first = recommendation.safety.setting_level()[0]
        assert recommendation.reasons[0] == first.reason  # what set the level comes first


def test_all_red_flags_together_and_all_urgent_ones_together():
    assert recommend(answers(**{SCREEN_ID: tuple(f.id for f in FLAGS)}), CONTENT).outcome == "emergency"
    assert recommend(answers(**{SCREEN_ID: tuple(URGENT_FLAGS)}), CONTENT).outcome == "urgent"


def test_a_red_flag_blocks_even_before_any_question_is_answered():
    recommendation = recommend({SCREEN_ID: ("chest-pain",)}, CONTENT)
    assert recommendation.outcome == "emergency"


def test_a_routine_flag_needs_the_questions_answered():
    with pytest.raises(IncompleteAnswers):
        recommend({SCREEN_ID: ("steroids",)}, CONTENT)


def test_there_is_no_result_without_the_safety_screen():
    without_screen = {k: v for k, v in BASELINE.items() if k != SCREEN_ID}
    with pytest.raises(IncompleteAnswers) as caught:
        recommend(without_screen, CONTENT)
    assert caught.value.missing == (SCREEN_ID,)
    with pytest.raises(IncompleteAnswers):
        recommend(answers(**{SCREEN_ID: ("not-a-flag",)}), CONTENT)


# --- missing and invalid answers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question_id", "value"),
    [("pain_now", None), ("pain_now", 11), ("pain_now", "7"), ("pain_now", True), ("worry", "sometimes"),
     ("access", "pool"), ("conditions", ("flu",)), ("duration", None)],
)
def test_a_missing_or_invalid_answer_is_named(question_id, value):
    with pytest.raises(IncompleteAnswers) as caught:
        recommend(answers(**{question_id: value}), CONTENT)
    assert caught.value.missing == (question_id,)


def test_missing_answers_come_in_the_order_they_are_asked_follow_ups_only_when_asked():
    partial = {SCREEN_ID: (), "pain_now": 4, "floor": "easily"}
    missing = missing_answers(partial, QUESTIONNAIRE)
    assert missing == tuple(q.id for q in QUESTIONNAIRE.questions if q.id not in partial and not q.asked_when)
    with_leg_pain = missing_answers({**partial, "leg_pain": "yes"}, QUESTIONNAIRE)
    assert with_leg_pain[with_leg_pain.index("duration") + 1:][:2] == ("leg_sides", "leg_numbness")


def test_describe_answer_reads_like_the_choice_made():
    questions = {q.id: q for q in QUESTIONNAIRE.questions}
    assert describe_answer(questions["pain_now"], 7) == "7 out of 10"
    assert describe_answer(questions["access"], ()) == "Neither of these"
    both = "A swimming pool; A bike or an exercise bike"
    assert describe_answer(questions["access"], ("pool", "bike")) == both
    assert describe_answer(questions["worry"], None) == "Not answered yet"


# --- reasons, purity, staleness -----------------------------------------------------------------------------------


def test_every_program_recommendation_gives_reasons_in_words():
    for _, changes, _ in SCENARIOS:
        recommendation = recommend(answers(**changes), CONTENT)
        assert recommendation.reasons and all(r.startswith("Because ") for r in recommendation.reasons)
        if not recommendation.is_referral:
            assert recommendation.support_reasons[0].startswith("Because ")


def test_fitting_changes_say_which_answer_caused_them():
    recommendation = recommend(answers(floor="cannot", access=("pool",), minutes="about-10"), CONTENT)
    text = [change.sentence() for change in recommendation.changes]
    floor = next(t for t in text if "cannot get down to the floor" in t)
    assert "Plank is swapped for Wall plank" in floor
    assert any("swimming pool" in t and "Swimming takes turns with walking" in t for t in text)
    assert any("about 10 minutes" in t and "bouts of up to 10 minutes" in t for t in text)


def test_a_condition_that_caps_the_program_says_so():
    recommendation = recommend(answers(**ACTIVE, conditions=("pregnancy",)), CONTENT)
    assert recommendation.selected_program == "build-up"
    assert any("Foundation is the most we suggest for now rather than Build-up" in r for r in recommendation.reasons)
    assert recommendation.see_clinician_first


def test_recommend_is_pure_and_does_not_touch_the_answers():
    frozen = MappingProxyType(answers(floor="cannot", conditions=("osteoporosis",)))
    first = recommend(frozen, CONTENT)
    assert recommend(frozen, CONTENT) == first


def test_any_changed_answer_makes_a_recommendation_stale():
    current = answers()
    recommendation = recommend(current, CONTENT)
    assert is_current(recommendation, current)
    assert is_current(recommendation, {**current, "access": []})  # a list and a tuple are the same answer
    assert not is_current(recommendation, {**current, "pain_now": 6})
    assert not is_current(recommendation, {**current, SCREEN_ID: ("steroids",)})
    assert not is_current(None, current)


# --- the pieces recommend() is made of --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ticked", "none_ticked", "expected"),
    [(["pool"], False, ("pool",)), (["pool", "bike"], False, ("pool", "bike")), ([], True, ()), ([], False, None),
     (["pool"], True, None)],
    ids=["one", "two", "none-of-these", "nothing-ticked", "both"],
)
def test_boxes_with_a_none_of_these_box_give_an_answer_only_when_they_agree(ticked, none_ticked, expected):
    assert ticked_answer(ticked, none_ticked) == expected


def test_because_joins_what_was_said_once_each_into_one_sentence():
    assert because(["your pain is 8 out of 10"]) == "Because you said your pain is 8 out of 10."
    assert because(["a", "b", "a", "c"]) == "Because you said a, b and c."
    assert because(["a"], ", then x") == "Because you said a, then x."
    assert because(["it ends with a full stop."]) == "Because you said it ends with a full stop."


def test_scores_add_up_the_points_of_the_answers_to_their_questions():
    totals = scores(answers(), QUESTIONNAIRE)
    assert set(totals) == {score.id for score in QUESTIONNAIRE.scores}
    higher = scores(answers(worry="a-great-deal", mood="low-almost-always"), QUESTIONNAIRE)
    assert any(higher[score_id] > totals[score_id] for score_id in totals)
    assert all(higher[score_id] >= totals[score_id] for score_id in totals)


def test_cautions_list_each_condition_then_the_changes_it_asks_for():
    recommendation = recommend(answers(conditions=("pregnancy", "osteoporosis")), CONTENT)
    names = [c.name for c in recommendation.conditions]
    modifications = [m for c in recommendation.conditions for m in c.modifications]
    assert modifications, "the content lists no modification for these conditions"
    assert recommendation.cautions[: len(names)] == tuple(f"{c.name}: {c.caution}" for c in recommendation.conditions)
    assert recommendation.cautions[len(names):] == tuple(modifications)
    assert recommend(answers(), CONTENT).cautions == ()


def test_the_assessment_package_holds_no_code_of_its_own_so_each_name_has_one_home():
    import spinewell.assessment as package

    source = Path(package.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr)  # the docstring, nothing imported or defined
