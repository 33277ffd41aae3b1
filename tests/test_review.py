"""The weekly review: a table of weeks (done of planned, pain, check-ins) and the decision and reasons each gets."""

from __future__ import annotations

import datetime as dt

import pytest

from spinewell.analysis.days import day_table
from spinewell.content.load import load
from spinewell.log.read import read
from spinewell.program import review
from spinewell.program.choices import plan_options, record_review, reminder_time, set_reminder_time
from spinewell.program.plan import build_plan
from spinewell.storage.keys import DECISIONS, REMINDER, REVIEWS

CONTENT = load()
RULES = CONTENT.programs.review
MONDAY = dt.date(2026, 3, 2)
PLAN = build_plan(CONTENT.programs.program("foundation"), MONDAY, 6)  # 3 core, 7 stretching, 5 aerobic a week
WEEK_2 = PLAN.days_in_week(2)
NAMES = {"core": "Bridge", "stretching": "Cat-cow", "aerobic": "Walking"}
ALL = {"core": 3, "stretching": 7, "aerobic": 5}


def diary(done: dict[str, int], pain_1: float | None = 4, pain_2: float | None = 4):
    """The day table of a diary with a pain rating every day of weeks 1 and 2, and in week 2 each type logged on
    its first `done[type]` days."""
    rows = ["date,pain,exercise,minutes"]
    for day in PLAN.days_in_week(1) + WEEK_2:
        pain = pain_1 if day < WEEK_2[0] else pain_2
        rows.append(f"{day.isoformat()},{'' if pain is None else pain},,")
    for type_id, count in done.items():
        rows += [f"{day.isoformat()},,{NAMES[type_id]},10" for day in WEEK_2[:count]]
    frame = read("\n".join(rows).encode(), date_order="auto", today=dt.date(2026, 12, 31)).frame
    return day_table(frame, CONTENT.exercise_type_lookup())


def checkins(*felt: str, type_id: str = "core") -> list[dict]:
    return [{"date": WEEK_2[i].isoformat(), "type": type_id, "pain": None, "felt": f, "guided": True}
            for i, f in enumerate(felt)]


EVERYTHING = ("You did 3 of 3 core sessions, 7 of 7 stretching sessions and 5 of 5 aerobic sessions, and said they "
              "felt about right.")
SAME_PAIN = "Your pain was about the same as in your first week."

WEEKS = [
    # (what happened, diary, check-ins, decision, reasons)
    ("all done, felt right", diary(ALL), checkins("about_right", "about_right", "too_easy"), "progress",
     (EVERYTHING, SAME_PAIN)),
    ("4 in 5 done", diary({"core": 3, "stretching": 5, "aerobic": 4}), [], "progress",
     ("You did 3 of 3 core sessions, 5 of 7 stretching sessions and 4 of 5 aerobic sessions.", SAME_PAIN)),
    ("pain two lower", diary(ALL, 6, 4), [], "progress",
     (EVERYTHING.removesuffix(", and said they felt about right.") + ".",
      "Your pain was 2 points lower than in your first week.")),
    ("two thirds done", diary({"core": 2, "stretching": 5, "aerobic": 3}), [], "repeat",
     ("You did 2 of 3 core sessions, 5 of 7 stretching sessions and 3 of 5 aerobic sessions.",)),
    ("nothing logged", diary({}), [], "repeat", ("No sessions were logged or checked in this week.",)),
    ("one hurt", diary(ALL), checkins("about_right", "it_hurt"), "repeat", ("You said one session hurt.",)),
    ("two too hard", diary(ALL), checkins("too_hard", "too_hard", "about_right"), "repeat",
     ("You said two sessions felt too hard.",)),
    ("pain up two", diary(ALL, 3, 5), checkins("about_right"), "step_back",
     ("Your pain rose 2 points above your first week.",)),
    ("pain up 1.5", diary(ALL, 3, 4.5), [], "progress",
     (EVERYTHING.removesuffix(", and said they felt about right.") + ".",
      "Your pain rose 1.5 points above your first week.")),
    ("two hurt", diary(ALL), checkins("it_hurt", "it_hurt"), "step_back", ("You said two sessions hurt.",)),
    ("flare and little done", diary({"core": 1}, 3, 6), [], "step_back",
     ("Your pain rose 3 points above your first week.",)),
]


@pytest.mark.parametrize(("days", "said", "decision", "reasons"), [week[1:] for week in WEEKS],
                         ids=[week[0] for week in WEEKS])
def test_a_week_gets_the_decision_and_reasons_the_rules_give(days, said, decision, reasons):
    found = review.review_week(PLAN, 2, days, said, RULES)
    assert (found.recommended, found.reasons) == (decision, reasons)
    assert found.recommended in DECISIONS


def test_guided_sessions_checked_in_count_as_done_without_a_diary():
    said = [{"date": day.isoformat(), "type": t, "pain": 3, "felt": "about_right", "guided": True}
            for t, count in ALL.items() for day in WEEK_2[:count]]
    found = review.review_week(PLAN, 2, diary({}, None, None), said, RULES)
    assert found.recommended == "progress" and found.reasons[0] == EVERYTHING
    assert found.summary.pain == 3 and found.summary.pain_rise is None  # no rating in week 1 to compare with


def test_check_ins_of_other_weeks_and_damaged_ones_are_not_counted():
    said = [{"date": "2020-01-01", "type": "core", "felt": "it_hurt"}, {"date": "not a date", "felt": "it_hurt"},
            {"felt": "it_hurt"}, {"date": WEEK_2[0].isoformat(), "type": "core", "pain": "high", "felt": 3}]
    found = review.review_week(PLAN, 2, diary(ALL), said, RULES)
    assert found.recommended == "progress"


def test_week_one_has_no_pain_comparison():
    found = review.review_week(PLAN, 1, diary({}, 4, 4), [], RULES)
    assert found.summary.pain_rise is None


def test_the_thresholds_are_read_from_programs_yaml():
    stricter = RULES.model_copy(update={"repeat": RULES.repeat.model_copy(update={"done_below_percent": 90.0})})
    days = diary({"core": 3, "stretching": 5, "aerobic": 4})  # 12 of 15: 80%
    assert review.review_week(PLAN, 2, days, [], RULES).recommended == "progress"
    assert review.review_week(PLAN, 2, days, [], stricter).recommended == "repeat"


def test_a_review_is_due_from_the_last_day_of_a_week_until_it_is_done():
    assert review.due_week(PLAN, [], MONDAY + dt.timedelta(days=5)) is None
    assert review.due_week(PLAN, [], MONDAY + dt.timedelta(days=6)) == 1  # the week's last day
    assert review.due_week(PLAN, [], MONDAY + dt.timedelta(days=20)) == 1  # the first visit after it
    done = [{"week": 1, "recommended": "progress", "chosen": "progress", "on": "2026-03-08"}]
    assert review.due_week(PLAN, done, MONDAY + dt.timedelta(days=10)) is None
    assert review.due_week(PLAN, done, MONDAY + dt.timedelta(days=13)) == 2
    every_week = [{**done[0], "week": week} for week in range(1, 7)]
    assert review.due_week(PLAN, every_week, PLAN.end_date + dt.timedelta(days=40)) is None


def test_a_chosen_decision_is_stored_once_per_week_and_the_plan_follows_it():
    session: dict = {REVIEWS: [{"week": 1, "recommended": "progress", "chosen": "progress", "on": "2026-03-08"}]}
    record_review(session, 2, "progress", "repeat", dt.date(2026, 3, 15))
    record_review(session, 1, "progress", "step_back", dt.date(2026, 3, 15))  # chose again: replaces the first
    assert session[REVIEWS] == [
        {"week": 1, "recommended": "progress", "chosen": "step_back", "on": "2026-03-15"},
        {"week": 2, "recommended": "progress", "chosen": "repeat", "on": "2026-03-15"},
    ]
    options = plan_options(session)
    assert options == {"decisions": {1: "step_back", 2: "repeat"}, "full_core": False}
    assert build_plan(CONTENT.programs.program("foundation"), MONDAY, 6, **options).levels == (1, 1, 1, 2, 3, 4)


@pytest.mark.parametrize("stored", [None, "junk", [1, "x", {"week": "2", "chosen": "repeat"},
                                                   {"week": 1, "chosen": "jump"}, {"week": True, "chosen": "repeat"}]])
def test_a_damaged_reviews_list_counts_as_no_reviews(stored):
    assert plan_options({REVIEWS: stored}) == {"decisions": {}, "full_core": False}


def test_the_reminder_time_defaults_to_nine_and_is_kept_as_hours_and_minutes():
    session: dict = {}
    assert reminder_time(session) == dt.time(9, 0)
    set_reminder_time(session, dt.time(18, 5))
    assert session[REMINDER] == "18:05" and reminder_time(session) == dt.time(18, 5)
    assert reminder_time({REMINDER: "25:99"}) == dt.time(9, 0)
    assert reminder_time({REMINDER: 7}) == dt.time(9, 0)
