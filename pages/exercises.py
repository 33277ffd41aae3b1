"""Exercise library: filter by type and situation; one card per exercise with steps, dose, versions and stop signs."""

import streamlit as st

from spinewell.program.plan import Plan
from spinewell.ui import cache, state, widgets

content = cache.content()
plan = st.session_state.get(state.CHOSEN_PLAN)
plan = plan if isinstance(plan, Plan) else None  # anything else left under the key is not a plan to show

st.title("Exercise library")
st.caption(
    f"Start with the easier version if you are unsure, move slowly, and breathe normally. {content.stop_rules.fine} "
    "Each card says when to stop."
)
if plan is not None:
    st.caption(f"You have a plan ({plan.program_name}): each card in it shows your dose this week, and leaves out "
               "any easier or harder option your plan does not offer you.")

requested = st.query_params.get("exercise")
if requested is not None and requested not in {e.id for e in content.exercises}:
    st.warning("That exercise is not in the library; here is the whole list instead.")
    requested = None

type_names = {t.id: t.name for t in content.exercise_types}
chosen_types = st.pills(
    "Type of exercise",
    list(type_names),
    selection_mode="multi",
    format_func=type_names.get,
    key="library.types",
    help="Pick one or more types; pick none to see them all.",
)
no_floor = st.toggle(
    "Only exercises that don't need the floor",
    key="library.no_floor",
    help="For when getting down to the floor and up again is hard.",
)

exercises = [
    e
    for e in content.exercises
    if (not chosen_types or e.type in chosen_types) and not (no_floor and e.needs_floor)
]
if requested:
    # A link from a lesson or a plan opens that exercise's card first.
    exercises.sort(key=lambda e: e.id != requested)

st.caption(f"Showing {len(exercises)} of {len(content.exercises)} exercises.")
if not exercises:
    st.info("No exercise matches these filters. Clear a filter to see more.")

for exercise in exercises:
    widgets.exercise_card(content, exercise, highlighted=exercise.id == requested, plan=plan)
