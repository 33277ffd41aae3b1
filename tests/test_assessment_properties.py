"""Property: any complete set of answers gives a referral, or a valid fitted program whose plan meets the targets."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinewell.assessment.recommend import recommend
from spinewell.content.load import load
from spinewell.content.programs import PLAN_WEEKS
from spinewell.program.plan import build_plan

CONTENT = load()
TRACKED_TYPES = tuple(t.id for t in CONTENT.exercise_types if t.sessions_per_week)  # core, stretching, aerobic
QUESTIONNAIRE = CONTENT.questionnaire
EXERCISES = {e.id: e for e in CONTENT.exercises}
TYPES = {t.id: t for t in CONTENT.exercise_types}
FLAG_IDS = [f.id for f in QUESTIONNAIRE.screen.flags]


def _answer(question):
    if question.kind == "scale":
        return st.integers(question.minimum, question.maximum)
    options = [o.id for o in question.options]
    if question.kind == "choice":
        return st.sampled_from(options)
    return st.lists(st.sampled_from(options), unique=True).map(tuple)


# Mostly a clear screen, so that most examples exercise the program rules; sometimes one or more red flags.
SCREEN = st.one_of(st.just(()), st.just(()), st.just(()), st.lists(st.sampled_from(FLAG_IDS), min_size=1,
                                                                     unique=True).map(tuple))
ANSWERS = st.fixed_dictionaries(
    {QUESTIONNAIRE.screen.id: SCREEN, QUESTIONNAIRE.screen.doctor_checked.id: st.booleans(),
     **{q.id: _answer(q) for q in QUESTIONNAIRE.questions}}
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=ANSWERS,
    start=st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)),
    weeks=st.sampled_from(PLAN_WEEKS),
)
def test_any_complete_answers_give_a_referral_or_a_plan_that_meets_the_targets(answers, start, weeks):
    recommendation = recommend(answers, CONTENT)
    alone = {QUESTIONNAIRE.screen.flag(f).level for f in answers[QUESTIONNAIRE.screen.id]}
    if "emergency" in alone:
        assert recommendation.outcome == "emergency"
    if recommendation.is_referral:
        assert recommendation.program is None and recommendation.referral.level == recommendation.outcome
        return
    # A program: nothing that blocks was ticked, unless an urgent item that a doctor has checked.
    assert not alone & {"emergency", "same_day"}
    assert "urgent" not in alone or answers[QUESTIONNAIRE.screen.doctor_checked.id]
    if alone & {"urgent", "routine"}:
        assert recommendation.cautions  # the caution is carried into the plan

    fitted = recommendation.program
    assert fitted.id in {p.id for p in CONTENT.programs.programs}
    assert recommendation.reasons and recommendation.support is not None

    # The fitted program respects what the person said.
    used = [EXERCISES[e] for e in fitted.exercise_ids()]
    if answers["floor"] == "cannot":
        assert not any(e.needs_floor for e in used)
    access = {dict(CONTENT.programs.tailoring.equipment)[a] for a in answers["access"]}
    assert all(e.equipment == "none" or e.equipment in access for e in used)
    for condition in recommendation.conditions:
        assert not {r.exercise for r in condition.remove} & set(fitted.exercise_ids())

    plan = build_plan(fitted, start, weeks)
    assert plan.start_date == start and plan.weeks == weeks
    most = fitted.day_minutes  # the time the person said they have (issue 9): no day is longer
    for day in {s.date for s in plan.sessions}:
        assert sum(s.minutes for s in plan.sessions_on(day)) <= most
    for week in range(1, weeks + 1):
        sessions = plan.sessions_in_week(week)
        count = {t: sum(s.type_id == t for s in sessions) for t in TRACKED_TYPES}
        assert 3 <= count["core"] <= 4, count
        assert count["stretching"] == 7
        # With only about 10 minutes a day, a core day has no room left for aerobic exercise.
        assert count["aerobic"] == TYPES["aerobic"].sessions_per_week or most < 20
        assert all(s.main_items for s in sessions)
    aerobic = {s.date: s.main_items[0].amount for s in plan.sessions if s.type_id == "aerobic"}
    for day, amount in aerobic.items():  # never fewer minutes than the same day a week before
        assert amount >= aerobic.get(day - dt.timedelta(days=7), 0)
    assert max(aerobic.values()) <= TYPES["aerobic"].minutes_per_session
    if weeks == max(PLAN_WEEKS) and most >= 45:
        assert max(aerobic.values()) == TYPES["aerobic"].minutes_per_session  # building to 30 minutes
    assert sum(t.sessions for t in plan.weekly_targets) == len(plan.sessions)
