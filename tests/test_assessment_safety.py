"""Patient vignettes through recommend(): each flag alone, the combinations, a doctor's check, leg pain, surgery."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from spinewell.assessment.recommend import IncompleteAnswers, recommend
from spinewell.content.load import load
from tests.answer_sets import MODERATE, SCREEN_ID, screened

CONTENT = load()
SCREEN = CONTENT.questionnaire.screen
CHECKED = SCREEN.doctor_checked.id
BASELINE = MappingProxyType(screened(MODERATE))
ACTIVE = {"pain_now": 2, "activity": "active", "function": "not-at-all", "worry": "not-at-all"}  # build-up
REFERRALS = ("emergency", "same_day", "urgent", "surgical_team")

# The level each flag gets on its own, written out from the evidence notes (EVIDENCE.md, "Red flags"): the spec,
# not a copy of the YAML. None: no level alone (a combination uses it, or it adds a caution).
ALONE = {
    "both-legs": "emergency", "saddle-numbness": "emergency", "wiping-feels-different": "emergency",
    "trouble-peeing": "emergency", "cannot-feel-full": "emergency", "leaking": "emergency",
    "sexual-change": "emergency", "walking": "emergency", "leg-getting-weaker": "emergency",
    "serious-injury": "emergency", "chest-pain": "emergency", "tearing-pain": "emergency",
    "fainting-or-pulsing": "emergency",
    "fever-unwell": "same_day", "burning-pee": "same_day",
    "weight-loss": "urgent", "night-pain": "urgent", "lump-shape": "urgent", "upper-back": "urgent",
    "steroids": "routine", "first-back-pain-age": "routine",
    "cancer-history": None, "new-or-different": None, "getting-worse": None, "worse-at-night": None,
    "sudden-severe": None, "over-65": None, "osteoporosis": None, "injects-drugs": None, "weak-immune-system": None,
    "recent-infection-or-procedure": None, "band-pain": None, "one-leg": None, "unsteady": None,
}


def answers(*flags: str, checked: bool = False, **changes) -> dict:
    given = {**BASELINE, **changes, SCREEN_ID: flags}
    return {**given, CHECKED: True} if checked else given


def outcome_of(recommendation) -> str:
    """The referral's level, or 'routine' / 'program' for a program with or without a routine caution."""
    if recommendation.is_referral:
        return recommendation.outcome
    return "routine" if recommendation.level == "routine" else "program"


def caution_titles(recommendation) -> list[str]:
    return [caution.title for caution in recommendation.safety_cautions]


# --- every flag alone -----------------------------------------------------------------------------------------------


def test_the_table_names_every_flag_on_the_screen():
    assert set(ALONE) == {flag.id for flag in SCREEN.flags}


@pytest.mark.parametrize(("flag_id", "level"), ALONE.items(), ids=list(ALONE))
def test_each_flag_alone_gets_its_level(flag_id, level):
    recommendation = recommend(answers(flag_id), CONTENT)
    assert outcome_of(recommendation) == (level or "program")
    flag = SCREEN.flag(flag_id)
    if level in REFERRALS:
        assert recommendation.program is None and recommendation.support is None
        assert recommendation.reasons == (f"Because you said {flag.says}.",)
        assert recommendation.referral.level == level and recommendation.referral.steps
    elif level == "routine":  # goes ahead gently, the caution in the result and the plan
        assert recommendation.program.id == "gentle-start"
        assert caution_titles(recommendation) == [SCREEN.advice_for("routine").title]
        assert flag.says in recommendation.cautions[0]
    else:
        assert recommendation.program.id == "foundation" and recommendation.level == ""


@pytest.mark.parametrize("level", ["emergency", "same_day"])
def test_emergency_and_same_day_advice_carry_a_call_link(level):
    advice = SCREEN.advice_for(level)
    expected = {"emergency": "(tel:999)", "same_day": "(tel:111)"}[level]
    assert expected in advice.call
    if level == "emergency":
        assert "112" in advice.call and "911" in advice.call
    else:
        assert any("confused or faint" in step for step in advice.steps)


# --- combinations ---------------------------------------------------------------------------------------------------

COMBINATIONS = [
    # A history of cancer: not a flag alone, same day with a changed pain, an emergency with a neurological sign.
    (("cancer-history",), "program"),
    (("cancer-history", "new-or-different"), "same_day"),
    (("cancer-history", "getting-worse"), "same_day"),
    (("cancer-history", "worse-at-night"), "same_day"),
    (("cancer-history", "night-pain"), "same_day"),
    (("cancer-history", "upper-back"), "same_day"),
    (("cancer-history", "band-pain"), "emergency"),
    (("cancer-history", "one-leg"), "emergency"),
    (("cancer-history", "unsteady"), "emergency"),
    (("cancer-history", "new-or-different", "one-leg"), "emergency"),
    # A possible fracture: sudden severe pain after little or no injury, with age, thin bones or steroids.
    (("sudden-severe",), "program"),
    (("over-65",), "program"),
    (("sudden-severe", "over-65"), "urgent"),
    (("sudden-severe", "osteoporosis"), "urgent"),
    (("sudden-severe", "steroids"), "urgent"),
    # A possible infection: new pain with drugs, a weak immune system, a recent infection or procedure, steroids.
    (("injects-drugs",), "program"),
    (("new-or-different", "injects-drugs"), "urgent"),
    (("new-or-different", "weak-immune-system"), "urgent"),
    (("new-or-different", "recent-infection-or-procedure"), "urgent"),
    (("new-or-different", "steroids"), "urgent"),
    # Weak markers stay routine together; anything more serious wins.
    (("steroids", "first-back-pain-age"), "routine"),
    (("first-back-pain-age", "weight-loss"), "urgent"),
    (("weight-loss", "fever-unwell"), "same_day"),
    (("fever-unwell", "chest-pain"), "emergency"),
]


@pytest.mark.parametrize(("flags", "expected"), COMBINATIONS, ids=["+".join(f) for f, _ in COMBINATIONS])
def test_combinations(flags, expected):
    recommendation = recommend(answers(*flags), CONTENT)
    assert outcome_of(recommendation) == expected
    if recommendation.is_referral:
        assert all(r.startswith("Because you said ") for r in recommendation.reasons)


def test_a_combination_says_everything_that_made_it_and_adds_its_advice():
    recommendation = recommend(answers("cancer-history", "new-or-different"), CONTENT)
    assert recommendation.reasons[0] == ("Because you said you have had cancer and this back pain is new or "
                                         "different from before.")
    setting = recommendation.safety.setting_level()
    assert any("cancer team" in r.advice for r in setting)


def test_a_history_of_cancer_alone_goes_ahead_with_a_safety_net_caution():
    recommendation = recommend(answers("cancer-history"), CONTENT)
    assert caution_titles(recommendation) == ["After cancer"]
    assert "the same day" in recommendation.cautions[0]


# --- a doctor has checked it ----------------------------------------------------------------------------------------

DOCTOR_CHECKED = [
    (("weight-loss",), "program"),
    (("night-pain", "upper-back"), "program"),
    (("sudden-severe", "over-65"), "program"),
    (("steroids",), "program"),
    (("first-back-pain-age", "weight-loss"), "program"),
    (("fever-unwell",), "same_day"),
    (("cancer-history", "new-or-different"), "same_day"),
    (("weight-loss", "fever-unwell"), "same_day"),
    (("chest-pain",), "emergency"),
    (("weight-loss", "walking"), "emergency"),
]


@pytest.mark.parametrize(("flags", "expected"), DOCTOR_CHECKED, ids=["+".join(f) for f, _ in DOCTOR_CHECKED])
def test_a_doctors_check_lets_urgent_and_routine_through_with_the_caution_never_emergency_or_same_day(flags,
                                                                                                    expected):
    recommendation = recommend(answers(*flags, checked=True), CONTENT)
    assert outcome_of(recommendation) == expected
    offered = recommend(answers(*flags), CONTENT).safety.offers_doctor_check
    assert offered == (expected == "program")
    if expected == "program":
        caution = next(c for c in recommendation.cautions if c.startswith(SCREEN.doctor_checked.title))
        assert all(SCREEN.flag(f).says in caution for f in flags)  # the caution says what was checked
        assert recommendation.program.id == "foundation"  # the doctor's word lifts the routine "start gently"
    else:
        assert recommendation.program is None and not recommendation.safety.doctor_checked


def test_a_doctors_check_without_anything_to_check_changes_nothing():
    assert recommend(answers(checked=True), CONTENT).cautions == ()


def test_a_doctors_check_does_not_clear_an_answer_flag_or_the_surgical_team():
    leg = recommend(answers("weight-loss", checked=True, leg_pain="yes", leg_sides="both"), CONTENT)
    assert leg.outcome == "emergency"
    surgery = recommend(answers("weight-loss", checked=True, conditions=("recent-surgery",),
                                surgery_when="under-3-months"), CONTENT)
    assert surgery.outcome == "surgical_team"


# --- leg pain below the knee ----------------------------------------------------------------------------------------


def test_undiagnosed_leg_pain_gets_the_sciatica_tailoring_and_caution_and_caps_at_foundation():
    recommendation = recommend(answers(**ACTIVE, leg_pain="yes", leg_sides="one", leg_numbness="no"), CONTENT)
    assert recommendation.selected_program == "build-up" and recommendation.program.id == "foundation"
    assert [c.answer for c in recommendation.conditions] == ["disc-sciatica"]
    assert any("pain spreads down your leg below the knee, Foundation is the most we suggest" in r
               for r in recommendation.reasons)
    assert recommendation.program.notes and recommendation.cautions
    assert recommendation.support.id == "physiotherapist"


@pytest.mark.parametrize(
    ("follow_ups", "expected"),
    [({"leg_sides": "both"}, "emergency"),
     ({"leg_sides": "one", "leg_numbness": "getting-worse"}, "emergency"),
     ({"leg_sides": "one", "leg_numbness": "steady"}, "routine"),
     ({"leg_sides": "one", "leg_numbness": "no"}, "program")],
    ids=["both-legs", "numbness-getting-worse", "numbness-steady", "one-leg-no-numbness"],
)
def test_the_leg_pain_follow_ups(follow_ups, expected):
    recommendation = recommend(answers(leg_pain="yes", **follow_ups), CONTENT)
    assert outcome_of(recommendation) == expected
    if expected == "routine":
        caution = next(c for c in recommendation.cautions if c.startswith("Numbness or weakness in your leg"))
        assert "if it has not settled in a few weeks" in caution


def test_both_legs_is_an_emergency_before_the_rest_is_answered():
    partial = {SCREEN_ID: (), "duration": "2-to-6-weeks", "pain_now": 4, "leg_pain": "yes", "leg_sides": "both"}
    recommendation = recommend(partial, CONTENT)
    assert recommendation.outcome == "emergency"
    assert recommendation.reasons == ("Because you said the pain below the knee is in both legs.",)


def test_follow_up_answers_are_ignored_when_the_follow_up_is_not_asked():
    stale = answers(leg_pain="no", leg_sides="both", leg_numbness="getting-worse")
    assert outcome_of(recommend(stale, CONTENT)) == "program"


def test_leg_pain_needs_its_follow_ups_answered():
    with pytest.raises(IncompleteAnswers) as caught:
        recommend(answers(leg_pain="yes"), CONTENT)
    assert caught.value.missing == ("leg_sides", "leg_numbness")


# --- inflammatory back pain (NICE NG65) -----------------------------------------------------------------------------

LONG = {"duration": "over-3-months"}
INFLAMMATORY = [
    ("one-feature", {**LONG, "pain_began_age": "35-to-44", "inflammatory_signs": ("morning-stiffness",)}, False),
    ("onset-before-35-only", {**LONG, "pain_began_age": "under-35", "inflammatory_signs": ()}, False),
    ("two-features", {**LONG, "pain_began_age": "35-to-44", "inflammatory_signs": ("morning-stiffness", "uveitis")},
     True),
    ("onset-before-35-and-one", {**LONG, "pain_began_age": "under-35", "inflammatory_signs": ("better-moving",)},
     True),
    ("began-after-45-not-asked", {**LONG, "pain_began_age": "45-or-over",
                                  "inflammatory_signs": ("morning-stiffness", "uveitis", "psoriasis")}, False),
    ("short-spell-not-asked", {"pain_began_age": "under-35", "inflammatory_signs": ("uveitis", "psoriasis")}, False),
    ("diagnosed-not-asked", {**LONG, "conditions": ("inflammatory-arthritis",), "pain_began_age": "under-35",
                             "inflammatory_signs": ("uveitis", "psoriasis")}, False),
]


@pytest.mark.parametrize(("changes", "flagged"), [v[1:] for v in INFLAMMATORY], ids=[v[0] for v in INFLAMMATORY])
def test_inflammatory_back_pain_two_features_give_a_routine_ask_your_gp_that_never_blocks(changes, flagged):
    recommendation = recommend(answers(**ACTIVE, **changes), CONTENT)
    assert not recommendation.is_referral
    assert ("Possible inflammatory back pain" in caution_titles(recommendation)) == flagged
    if flagged:
        caution = next(c for c in recommendation.cautions if c.startswith("Possible inflammatory back pain"))
        assert "Ask your GP whether this could be inflammatory back pain" in caution and "keep going" in caution
        assert recommendation.program.id == "build-up"  # not capped: exercise helps it


def test_the_inflammatory_questions_are_only_asked_when_they_apply():
    with pytest.raises(IncompleteAnswers) as caught:
        recommend(answers(**LONG), CONTENT)
    assert caught.value.missing == ("pain_began_age",)
    with pytest.raises(IncompleteAnswers) as caught:
        recommend(answers(**LONG, pain_began_age="35-to-44"), CONTENT)
    assert caught.value.missing == ("inflammatory_signs",)
    assert recommend(answers(**LONG, pain_began_age="45-or-over"), CONTENT).program is not None


# --- surgery --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("when", ["under-3-months", "still-on-team-plan"])
def test_surgery_in_the_last_3_months_or_under_the_team_means_no_program_and_the_post_operative_signs(when):
    recommendation = recommend(answers(conditions=("recent-surgery",), surgery_when=when), CONTENT)
    assert recommendation.outcome == "surgical_team" and recommendation.program is None
    steps = " ".join(recommendation.referral.steps)
    for sign in ("red, hot, swollen or leaking", "high temperature", "new pain, numbness or weakness in your legs"):
        assert sign in steps
    assert "today" in steps


def test_surgery_3_to_12_months_ago_is_a_gentle_start():
    recommendation = recommend(answers(**ACTIVE, conditions=("recent-surgery",), surgery_when="3-to-12-months"),
                               CONTENT)
    assert recommendation.program.id == "gentle-start"
    assert [c.answer for c in recommendation.conditions] == ["recent-surgery"]
    assert recommendation.support.id == "physiotherapist"


def test_surgery_needs_its_follow_up():
    with pytest.raises(IncompleteAnswers) as caught:
        recommend(answers(conditions=("recent-surgery",)), CONTENT)
    assert caught.value.missing == ("surgery_when",)


# --- support level (NICE stratified care, our own thresholds) -------------------------------------------------------

CALM = {"worry": "not-at-all", "mood": "good", "bothersome": "hardly", "expectation": "much-better"}
SUPPORT = [
    ("calm", CALM, "self-management"),
    ("a-little-of-everything", {}, "self-management"),
    ("unsure-of-recovery", {"expectation": "not-sure"}, "self-management"),
    # A moderate level, not only the extremes: one answer of "quite a lot" with the rest mild.
    ("quite-a-lot-of-worry", {"worry": "quite-a-lot"}, "physiotherapist-plus"),
    ("bothered-a-lot", {"bothersome": "a-lot"}, "physiotherapist-plus"),
    ("expects-no-better", {"expectation": "same-or-worse"}, "physiotherapist-plus"),
    ("low-mood-most-days", {"mood": "low-most-days"}, "physiotherapist-plus"),
    ("low-mood-otherwise-calm", {**CALM, "mood": "low-most-days"}, "self-management"),
    ("daily-life-a-great-deal", {"function": "a-great-deal", "bothersome": "a-lot", "mood": "good"},
     "physiotherapist"),
    # A condition whose advice says to check with a clinician first.
    ("pregnant", {**CALM, "conditions": ("pregnancy",)}, "physiotherapist"),
    ("osteoporosis", {**CALM, "conditions": ("osteoporosis",)}, "physiotherapist"),
    ("leg-pain", {**CALM, "leg_pain": "yes", "leg_sides": "one", "leg_numbness": "no"}, "physiotherapist"),
]


def _said(answers: dict) -> list[str]:
    """Every "says" of the answers given, longest first (so no fragment is found inside a longer one)."""
    said = []
    for question in CONTENT.questionnaire.questions:
        value = answers.get(question.id)
        if question.kind == "choice" and value is not None:
            said.append(question.option(value).says)
        elif question.kind == "multi" and value is not None:
            said += [question.option(v).says for v in value] or [question.none_says]
    return sorted(said, key=len, reverse=True)


@pytest.mark.parametrize(("changes", "level"), [s[1:] for s in SUPPORT], ids=[s[0] for s in SUPPORT])
def test_support_level_and_reasons_drawn_from_the_answers(changes, level):
    given = answers(**changes)
    recommendation = recommend(given, CONTENT)
    assert recommendation.support.id == level
    for reason in recommendation.support_reasons:
        assert reason.startswith("Because you said ") and reason.endswith(".")
        rest = reason.removeprefix("Because you said ").removesuffix(".")
        for fragment in _said(given):
            rest = rest.replace(fragment, "")
        assert set(rest.replace(" and ", ",").replace(",", "").strip()) == set(), reason  # nothing but the answers


@pytest.mark.parametrize("mood", ["good", "up-and-down", "low-most-days", "low-almost-always"])
@pytest.mark.parametrize("rest", [{}, CALM], ids=["a-little-of-everything", "calm"])
def test_low_mood_on_most_days_always_adds_the_gp_and_a_helpline(mood, rest):
    recommendation = recommend(answers(**{**rest, "mood": mood}), CONTENT)
    notes = " ".join(recommendation.support_notes)
    low = mood in ("low-most-days", "low-almost-always")
    assert ("worth talking to your GP about" in notes) == low
    assert ("Samaritans" in notes and "116 123" in notes) == low
