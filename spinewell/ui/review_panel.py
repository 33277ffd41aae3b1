"""The weekly review of one plan week, drawn: the suggestion with its reasons, and buttons to accept it or choose
otherwise. The choice goes into keys.REVIEWS and the plan is rebuilt to follow it. Today and the Program page call
review_panel(); the history of weeks is review_history()."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from spinewell.assessment.flow import AssessmentFlow
from spinewell.content.programs import StarterProgram
from spinewell.program import choices
from spinewell.program.plan import Plan
from spinewell.program.review import DECISION_TITLES, decisions, review_week
from spinewell.storage.keys import CHECKINS
from spinewell.ui import goals_panel, widgets

CHOSEN_NOW = "review.chosen_now"  # the week whose choice was just made: its "You chose" line takes the focus

WHAT_IT_MEANS = {
    "progress": "Next week's doses go up a little, as planned.",
    "repeat": "Next week keeps this week's doses, so you can settle into them.",
    "step_back": "Next week goes back to the doses of the week before, then builds up again.",
}


def checkins() -> list[Mapping]:
    """The check-ins kept in this session (keys.CHECKINS); anything that is not a list of mappings as none."""
    stored = st.session_state.get(CHECKINS)
    return [entry for entry in stored if isinstance(entry, Mapping)] if isinstance(stored, list) else []


def review_panel(
    flow: AssessmentFlow,
    program: StarterProgram,
    plan: Plan,
    week: int,
    days: pd.DataFrame,
    today: dt.date,
    *,
    said: Sequence[Mapping] | None = None,
    key: str = "review",
    primary: bool = True,
) -> None:
    """Draw the review of plan week `week`: what it suggests and why, and Accept / choose-otherwise buttons.

    `days` is the person's own diary as a day table (analysis.days.day_table; empty without one); `said` the
    check-ins (default: keys.CHECKINS from the session). Choosing records the decision and rebuilds the plan.
    `primary` False keeps Accept a plain button, for a page whose one primary button is something else.
    """
    found = review_week(plan, week, days, checkins() if said is None else said,
                        flow.content.programs.review, goals_panel.review_reasons())
    chosen = decisions(choices.reviews(st.session_state)).get(week)
    with st.container(border=True, key=f"{key}.{week}"):
        st.markdown(f"### How did week {week} go?")
        st.markdown(f"**Suggested: {DECISION_TITLES[found.recommended]}.** {WHAT_IT_MEANS[found.recommended]}")
        st.markdown("\n".join(f"- {reason}" for reason in found.reasons))
        goals_panel.review_ratings(f"{key}.{week}.goals")  # saving them updates the reasons above at once
        if chosen is not None:
            with st.container(key=f"review-chosen-{week}"):
                st.success(f"You chose: {DECISION_TITLES[chosen]}. You can change your mind below.",
                           icon=":material/check_circle:")
            if st.session_state.pop(CHOSEN_NOW, None) == week:
                widgets.bring_into_view(f"review-chosen-{week}")
        args = (flow, program, week, found.recommended, today)
        st.button(f"Accept: {DECISION_TITLES[found.recommended]}", type="primary" if primary else "secondary",
                  key=f"{key}.{week}.accept",
                  on_click=_choose, args=(*args, found.recommended), icon=":material/check:")
        st.caption("Or choose otherwise:")
        with st.container(horizontal=True):
            for other in DECISION_TITLES:
                if other != found.recommended:
                    st.button(DECISION_TITLES[other], key=f"{key}.{week}.{other}", on_click=_choose,
                              args=(*args, other), help=WHAT_IT_MEANS[other])


def _choose(flow: AssessmentFlow, program: StarterProgram, week: int, recommended: str, today: dt.date,
            chosen: str) -> None:
    choices.record_review(st.session_state, week, recommended, chosen, today)
    st.session_state[CHOSEN_NOW] = week
    flow.keep_plan(program, today)  # the weeks after this one follow the decision straight away


def review_history(plan: Plan) -> pd.DataFrame | None:
    """The reviewed weeks as a table (week, suggested, chosen, on), or None before the first review."""
    rows = [
        {"Week": review["week"], "Suggested": DECISION_TITLES.get(review.get("recommended"), "-"),
         "You chose": DECISION_TITLES[review["chosen"]], "On": str(review.get("on", ""))}
        for review in choices.reviews(st.session_state)
        if review.get("chosen") in DECISION_TITLES and isinstance(review.get("week"), int)
        and not isinstance(review.get("week"), bool) and 1 <= review["week"] <= plan.weeks
    ]
    return pd.DataFrame(rows) if rows else None
