"""Personal goals, drawn: name up to three things your back makes hard and rate each 0-10 (on the assessment's
result, the Log page and in the weekly review), and each goal's trend on the Log page. The goals live in keys.GOALS;
spinewell.goals holds every rule."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from spinewell import goals
from spinewell.chart_look import CONFIG
from spinewell.content.models import EvidenceNote
from spinewell.goals import MAX_GOALS, Goal, GoalProblem
from spinewell.goals_chart import goal_trend, ratings_table
from spinewell.log import source
from spinewell.storage.keys import GOALS
from spinewell.ui import cache, widgets

EXAMPLES = "for example “lifting my grandchild”, “sitting through a film” or “gardening for an hour”"
ASK = (f"Name up to {MAX_GOALS} everyday things your back makes hard ({EXAMPLES}), and rate how well you can do "
       f"each now, from 0 ({goals.LOWEST_WORDS}) to 10 ({goals.HIGHEST_WORDS}). Rating them again each week shows "
       "what is getting easier.")
EVIDENCE = EvidenceNote(
    text=("Rating a few activities that matter to you is a well-tested way to see change (the Patient-Specific "
          "Functional Scale). A change of about 2 points or more is a real change; a smaller one may be a good or "
          "bad day."),
    sources=("stratford-1995", "abbott-2014"))
SCALE = f"0 = {goals.LOWEST_WORDS}, 10 = {goals.HIGHEST_WORDS}."
END_WORDS = {goals.LOWEST: f"0: {goals.LOWEST_WORDS}", goals.HIGHEST: f"10: {goals.HIGHEST_WORDS}"}


def current() -> tuple[Goal, ...]:
    """This session's goals (keys.GOALS)."""
    return goals.from_stored(st.session_state.get(GOALS))


def review_reasons() -> tuple[str, ...]:
    """The weekly review's sentences on the goals, the names made safe for Markdown."""
    return goals.review_reasons(current(), widgets.literal)


def on_result() -> None:
    """The assessment's result: what the person wants to get back to, named and rated."""
    with st.container(border=True, key="goals-result"):
        st.markdown("### What would you like to get back to?")
        st.caption(ASK)
        editor("goals.result")


def log_section() -> None:
    """The Log page's "Your goals": each goal's chart, its sentence and its numbers, then rating and changing them."""
    st.header("Your goals")
    found = current()
    if not found:
        st.caption(ASK)
        editor("goals.log")
        return
    for number, goal in enumerate(found, start=1):
        with st.container(border=True, key=f"log-{goal.id}"):
            st.markdown(f"**Goal {number}: {widgets.literal(goal.name)}**")
            view = goal_trend(goal, number)
            if goal.ratings:
                st.plotly_chart(view.figure, alt=view.alt, key=f"goals.chart.{goal.id}", config=CONFIG)
            st.markdown(view.summary)
            if goal.ratings:
                st.dataframe(ratings_table(goal), hide_index=True, width="stretch")
    widgets.evidence_note(cache.content(), EVIDENCE)
    with st.expander("Rate, add or change your goals", icon=":material/edit:"):
        editor("goals.log")


def review_ratings(key: str) -> None:
    """The weekly review asks the goals' ratings again (nothing when there are none)."""
    found = current()
    if found:
        st.markdown("**Your goals this week**")
        _ratings_form(found, key)


def editor(key: str) -> None:
    """Rate the goals there are, add one (up to MAX_GOALS), rename or remove one."""
    found = current()
    if (said := st.session_state.pop(f"{key}.said", None)) is not None:
        st.success(said, icon=":material/check_circle:")
    if found:
        _ratings_form(found, key)
    if len(found) < MAX_GOALS:
        with st.form(f"{key}.add", border=True):
            st.text_input("An activity your back makes hard", max_chars=goals.MAX_NAME, key=f"{key}.new.name",
                          placeholder="For example: lifting my grandchild")
            _rating_control("How well can you do it now?", f"{key}.new.score", 5)
            st.caption(SCALE)
            if problem := st.session_state.pop(f"{key}.add.problem", None):
                st.error(problem, icon=":material/error:")
            st.form_submit_button("Add this goal", icon=":material/add:", on_click=_add, args=(key,))
    else:
        st.caption(f"You have {MAX_GOALS} goals, the most Spinewell keeps. Remove one to add another.")
    if found:
        _changes(found, key)


# --- the forms ----------------------------------------------------------------------------------------------------


def _rating_control(label: str, key: str, value: int) -> None:
    """A 0-10 slider on one row, even on a phone, its ends in words."""
    st.select_slider(label, options=list(range(goals.LOWEST, goals.HIGHEST + 1)), value=value, key=key,
                     format_func=lambda score: END_WORDS.get(score, str(score)))


def _ratings_form(found: Sequence[Goal], key: str) -> None:
    today = source.today()
    with st.form(f"{key}.ratings", border=True):
        st.caption(f"How well can you do each now? {SCALE}")
        for goal in found:
            last = "" if goal.latest is None else f" (last time: {goal.latest})"
            _rating_control(f"{widgets.literal(goal.name)}{last}", _rating_key(key, goal),
                            goal.latest if goal.latest is not None else 5)
        if any(goal.rated_on(today) is not None for goal in found):
            st.caption("You have rated today already: saving again replaces today's ratings.")
        st.form_submit_button("Save my ratings", icon=":material/save:", on_click=_save_ratings,
                              args=(key, tuple((goal.id, _rating_key(key, goal)) for goal in found)))


def _rating_key(key: str, goal: Goal) -> str:
    """A goal's slider, named anew whenever its ratings change (here or on another page, or a new goal given a
    removed one's id), so that it starts from the latest rating rather than from what it showed before."""
    return f"{key}.rate.{goal.id}.{len(goal.ratings)}.{goal.latest}"


def _changes(found: Sequence[Goal], key: str) -> None:
    """Rename or remove a goal; removing asks first, as its ratings go with it."""
    with st.expander("Rename or remove a goal", icon=":material/edit_note:"):
        pending = st.session_state.get(f"{key}.remove.pending")
        for number, goal in enumerate(found, start=1):
            name_key = f"{key}.rename.{goal.id}"
            st.text_input(f"Goal {number}", value=goal.name, max_chars=goals.MAX_NAME, key=name_key)
            if problem := st.session_state.pop(f"{name_key}.problem", None):
                st.error(problem, icon=":material/error:")
            with st.container(horizontal=True):
                st.button("Rename", key=f"{name_key}.go", on_click=_rename, args=(key, goal.id),
                          icon=":material/edit:")
                if pending == goal.id:
                    count = len(goal.ratings)
                    st.warning(f"Remove this goal and its {count} rating{'' if count == 1 else 's'}? "
                               "This cannot be undone.", icon=":material/warning:")
                    st.button("Yes, remove it", key=f"{key}.remove.{goal.id}.yes", on_click=_remove,
                              args=(key, goal.id), icon=":material/delete:")
                    st.button("Keep it", key=f"{key}.remove.{goal.id}.no", on_click=st.session_state.pop,
                              args=(f"{key}.remove.pending", None))
                else:
                    st.button("Remove", key=f"{key}.remove.{goal.id}", on_click=_ask_remove,
                              args=(key, goal.id), icon=":material/delete:")


# --- what the buttons do (callbacks: they run before the page is drawn again, so it shows the change at once) ------


def _keep(found: Sequence[Goal]) -> None:
    st.session_state[GOALS] = goals.to_stored(found)


def _add(key: str) -> None:
    try:
        added = goals.add(current(), st.session_state.get(f"{key}.new.name"),
                          st.session_state.get(f"{key}.new.score"), source.today())
    except GoalProblem as problem:
        st.session_state[f"{key}.add.problem"] = str(problem)  # what was typed stays in the box, to correct it
        return
    _keep(added)
    st.session_state[f"{key}.new.name"] = ""
    st.session_state[f"{key}.said"] = "Goal added. Rate it again each week to see how it changes."


def _save_ratings(key: str, sliders: tuple[tuple[str, str], ...]) -> None:
    found, today = current(), source.today()
    known = {goal.id for goal in found}
    for goal_id, slider in sliders:
        score = st.session_state.get(slider)
        if goal_id in known and score is not None:
            found = goals.rate(found, goal_id, score, today)
    _keep(found)
    st.session_state[f"{key}.said"] = "Ratings saved for today."


def _rename(key: str, goal_id: str) -> None:
    name_key = f"{key}.rename.{goal_id}"
    try:
        _keep(goals.rename(current(), goal_id, st.session_state.get(name_key)))
    except GoalProblem as problem:
        st.session_state[f"{name_key}.problem"] = str(problem)
        return
    st.session_state[f"{key}.said"] = "Goal renamed; its ratings stay with it."


def _ask_remove(key: str, goal_id: str) -> None:
    st.session_state[f"{key}.remove.pending"] = goal_id


def _remove(key: str, goal_id: str) -> None:
    st.session_state.pop(f"{key}.remove.pending", None)
    st.session_state.pop(f"{key}.rename.{goal_id}", None)  # a new goal may be given this id: its box starts afresh
    try:
        _keep(goals.remove(current(), goal_id))
    except GoalProblem:
        return  # already gone
    st.session_state[f"{key}.said"] = "Goal removed."
