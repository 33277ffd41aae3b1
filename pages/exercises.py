"""Exercise library: filter by type and situation; one card per exercise with steps, dose, versions and stop signs."""

import streamlit as st

from spinewell.ui import cache, widgets

content = cache.content()

st.title("Exercise library")
st.caption(
    "Start with the easier version if you are unsure, move slowly, and breathe normally. Mild, short-lived "
    "soreness is common when you start; sharp or worsening pain means stop."
)

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
    widgets.exercise_card(content, exercise, highlighted=exercise.id == requested)
