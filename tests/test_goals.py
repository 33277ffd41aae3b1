"""Personal goals: naming (at most three, 1-80 characters), rating (0-10, one a day), the trend and its 2-point rule,
the review's sentences, the chart and its table, all on hand-computed series."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from spinewell import goals, goals_chart, palette
from spinewell.content.load import load
from spinewell.goals import Goal, GoalProblem
from spinewell.program import review
from spinewell.program.plan import build_plan
from spinewell.ui.widgets import literal

MON = dt.date(2026, 12, 7)
WEEK = dt.timedelta(days=7)


def rated(*scores: int, name: str = "sitting through a film") -> Goal:
    """One goal rated `scores`, a week apart from MON."""
    found = goals.add((), name)
    for number, score in enumerate(scores):
        found = goals.rate(found, found[0].id, score, MON + number * WEEK)
    return found[0]


# --- the trend and the meaningful-change rule -------------------------------------------------------------------


@pytest.mark.parametrize(("scores", "change", "meaningful", "words"), [
    ((3, 5), 2, True, "Up 2 points since you started: a real change."),
    ((3, 4), 1, False, "Up 1 point since you started: about the same."),
    ((6, 3), -3, True, "Down 3 points since you started: a real change."),
    ((5, 4), -1, False, "Down 1 point since you started: about the same."),
    ((4, 8, 4), 0, False, "No change since you started: about the same."),  # first against latest, not the best
    ((2, 3, 4, 5), 3, True, "Up 3 points since you started: a real change."),
])
def test_the_trend_compares_the_first_rating_with_the_latest_and_2_points_is_a_real_change(
        scores, change, meaningful, words):
    found = goals.trend(rated(*scores))
    assert (found.first, found.latest, found.change) == (scores[0], scores[-1], change)
    assert found.meaningful is meaningful and found.words == words


def test_a_single_rating_has_no_trend_and_says_to_rate_again():
    goal = rated(4)
    assert goals.trend(goal) is None
    assert goals.sentence(goal) == ("You rated it 4 out of 10 on 7 December 2026. Rate it again in a week or so to "
                                    "see how it changes.")
    assert goals.sentence(rated()) == "Not rated yet."


def test_the_sentence_gives_the_words_and_the_numbers():
    assert goals.sentence(rated(3, 6)) == ("Up 3 points since you started: a real change. You rated it 3 at first and "
                                           "6 most recently.")


# --- rating -----------------------------------------------------------------------------------------------------


def test_a_second_rating_the_same_day_replaces_the_first():
    found = goals.add((), "gardening", 3, MON)
    found = goals.rate(found, "goal-1", 5, MON)
    assert found[0].ratings == ((MON, 5),)
    found = goals.rate(found, "goal-1", 6, MON + WEEK)
    assert found[0].ratings == ((MON, 5), (MON + WEEK, 6))


def test_ratings_are_kept_in_date_order_whatever_order_they_come_in():
    found = goals.add((), "gardening")
    for day, score in ((MON + WEEK, 6), (MON, 2)):
        found = goals.rate(found, "goal-1", score, day)
    assert found[0].ratings == ((MON, 2), (MON + WEEK, 6)) and found[0].latest == 6


@pytest.mark.parametrize("score", [-1, 11, 2.5, "7", True, None])
def test_a_rating_is_a_whole_number_from_0_to_10(score):
    found = goals.add((), "gardening")
    with pytest.raises(GoalProblem, match="whole number from 0 .cannot do it. to 10 .as well as before."):
        goals.rate(found, "goal-1", score, MON)


def test_the_ends_of_the_scale_are_allowed():
    found = goals.rate(goals.rate(goals.add((), "gardening"), "goal-1", 0, MON), "goal-1", 10, MON + WEEK)
    assert [score for _, score in found[0].ratings] == [0, 10]


# --- naming -----------------------------------------------------------------------------------------------------


def test_the_third_goal_is_the_last_allowed():
    found = ()
    for name in ("lifting my grandchild", "sitting through a film", "gardening"):
        found = goals.add(found, name)
    assert [goal.id for goal in found] == ["goal-1", "goal-2", "goal-3"]
    with pytest.raises(GoalProblem, match="already have 3 goals.*Remove one to add another"):
        goals.add(found, "a fourth")
    assert len(goals.add(goals.remove(found, "goal-2"), "a fourth")) == 3


def test_a_new_goal_never_takes_the_id_of_one_still_there():
    found = goals.add(goals.add(goals.add((), "one"), "two"), "three")
    assert [goal.id for goal in goals.add(goals.remove(found, "goal-1"), "four")] == ["goal-2", "goal-3", "goal-4"]


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_a_goal_needs_a_name(typed):
    with pytest.raises(GoalProblem, match="Type the activity your back makes hard"):
        goals.add((), typed)


def test_a_name_is_stripped_and_at_most_80_characters():
    assert goals.add((), "  lifting   my grandchild \n")[0].name == "lifting my grandchild"
    assert goals.add((), "x" * 80)[0].name == "x" * 80
    with pytest.raises(GoalProblem, match="80 characters or fewer .it has 81."):
        goals.add((), "x" * 81)


def test_two_goals_cannot_share_a_name_but_a_rename_to_its_own_name_is_fine():
    found = goals.add(goals.add((), "Gardening"), "walking the dog")
    with pytest.raises(GoalProblem, match="already have a goal with that name"):
        goals.add(found, "gardening")
    with pytest.raises(GoalProblem, match="already have a goal with that name"):
        goals.rename(found, "goal-2", "GARDENING")
    assert goals.rename(found, "goal-1", "gardening")[0].name == "gardening"


def test_a_rename_keeps_the_ratings_and_a_remove_takes_only_that_goal():
    found = goals.add(goals.add((), "gardening", 3, MON), "walking the dog", 5, MON)
    renamed = goals.rename(found, "goal-1", "gardening for an hour")
    assert renamed[0] == Goal("goal-1", "gardening for an hour", ((MON, 3),)) and renamed[1] == found[1]
    assert goals.remove(found, "goal-1") == (found[1],)
    with pytest.raises(GoalProblem, match="no longer there"):
        goals.rate(found, "goal-9", 4, MON)


@pytest.mark.parametrize("typed", ["**bold** <b>lifting</b>", "[a link](https://example.com)", ":material/home: $x$",
                                   "=1+2", "# heading"])
def test_names_with_markdown_or_html_come_back_as_the_text_typed(typed):
    found = goals.add((), typed, 4, MON)
    back = goals.from_stored(goals.to_stored(found))
    assert back[0].name == typed
    assert typed not in str(goals_chart.goal_trend(back[0]).figure.layout)  # Plotly reads tags: not in the figure
    reason = goals.review_reasons(back, literal)[0]
    assert reason == f"You rated “{literal(typed)}” 4."


# --- stored form ------------------------------------------------------------------------------------------------


def test_the_stored_form_is_plain_json_and_reads_back_the_same():
    found = goals.add(goals.add((), "gardening", 3, MON), "walking the dog")
    stored = goals.to_stored(found)
    assert stored == [{"id": "goal-1", "name": "gardening", "ratings": [{"date": "2026-12-07", "score": 3}]},
                      {"id": "goal-2", "name": "walking the dog", "ratings": []}]
    assert goals.from_stored(stored) == found


def test_damaged_stored_goals_are_left_out_not_a_traceback():
    stored = [{"id": "goal-1", "name": "gardening", "ratings": [{"date": "not a day", "score": 3},
                                                                {"date": "2026-12-07", "score": 12},
                                                                {"date": "2026-12-08", "score": 4}, "junk"]},
              {"id": 7, "name": "no id"}, "junk", {"id": "goal-2", "name": "x", "ratings": "none"}]
    assert goals.from_stored(stored) == (Goal("goal-1", "gardening", ((dt.date(2026, 12, 8), 4),)),
                                         Goal("goal-2", "x"))
    assert goals.from_stored(None) == () and goals.from_stored({"a": 1}) == ()


# --- the review's sentences -------------------------------------------------------------------------------------


def test_the_review_says_each_rated_goal_against_its_first_rating():
    film = goals.rate(goals.add((), "sitting through a film", 3, MON), "goal-1", 6, MON + WEEK)
    both = goals.add(film, "lifting my grandchild", 4, MON)
    both = goals.add(both, "gardening")  # not rated yet: left out
    both = goals.rate(both, "goal-2", 3, MON + WEEK)
    assert goals.review_reasons(both, str) == (
        "You rated “sitting through a film” 6, up from 3: a real change.",
        "You rated “lifting my grandchild” 3, down from 4.",
    )
    same = goals.rate(goals.add((), "gardening", 5, MON), "goal-1", 5, MON + WEEK)
    assert goals.review_reasons(same, str) == ("You rated “gardening” 5, the same as when you started.",)


def test_the_goals_sentences_follow_the_reviews_own_reasons_and_change_no_decision():
    content = load()
    plan = build_plan(content.programs.program("foundation"), MON, 6)
    film = goals.rate(goals.add((), "sitting through a film", 3, MON), "goal-1", 6, MON + WEEK)
    said = goals.review_reasons(film, str)
    plain = review.review_week(plan, 1, pd.DataFrame(), [], content.programs.review)
    with_goals = review.review_week(plan, 1, pd.DataFrame(), [], content.programs.review, said)
    assert with_goals.recommended == plain.recommended == review.REPEAT
    assert with_goals.reasons == (*plain.reasons, "You rated “sitting through a film” 6, up from 3: a real change.")


# --- the chart and its numbers ------------------------------------------------------------------------------------


def test_the_chart_draws_each_rating_with_a_title_axes_and_the_band_of_about_the_same():
    view = goals_chart.goal_trend(rated(3, 5, 6))
    figure = view.figure
    band, line = figure.data
    assert list(line.y) == [3, 5, 6] and [str(x) for x in line.x] == ["2026-12-07", "2026-12-14", "2026-12-21"]
    assert line.line.color == palette.PALETTE["goal"] == "#D55E00"
    assert (min(band.y), max(band.y)) == (1, 5)  # within 2 points of the first rating
    assert figure.layout.title.text == "Goal 1: your ratings over time"
    assert figure.layout.xaxis.title.text == "Date"
    assert figure.layout.yaxis.title.text == "Rating (0 to 10)"
    assert view.summary.startswith("Up 3 points since you started: a real change.")
    assert "3 ratings for sitting through a film" in view.alt


def test_the_table_holds_the_charts_numbers():
    table = goals_chart.ratings_table(rated(3, 5, 2))
    assert table.to_dict("list") == {"Date": ["7 Dec 2026", "14 Dec 2026", "21 Dec 2026"],
                                     "Rating (0-10)": [3, 5, 2],
                                     "Change since first": ["-", "+2", "-1"]}
