"""Exercise library: an index of the exercises by type (filtered by type and floor) leading to one card at a time.

`?exercise=<id>` opens that exercise's card; `&from=lesson|session|today|program` adds the way back to where the
person came from. An unknown id gets a message and the index.
"""

import streamlit as st

from spinewell.program.plan import Plan
from spinewell.ui import cache, cards, exercise_cards, state, widgets

content = cache.content()
plan = st.session_state.get(state.CHOSEN_PLAN)
plan = plan if isinstance(plan, Plan) else None  # anything else left under the key is not a plan to show

requested = st.query_params.get("exercise")
came_from = st.query_params.get("from")
known = {e.id for e in content.exercises}

st.title("Exercise library")
if requested in known:
    exercise = content.exercise(requested)
    exercise_cards.exercise_card(content, exercise, plan=plan, ways_back=exercise_cards.ways_back(came_from))
    widgets.bring_into_view(f"card-{exercise.id}")
    st.stop()

st.caption(
    f"Start with the easier version if you are unsure, move slowly, and breathe normally. {content.stop_rules.fine} "
    "Each card says when to stop."
)
if plan is not None:
    st.caption(f"You have a plan ({plan.program_name}): each card in it shows your dose this week, and leaves out "
               "any easier or harder option your plan does not offer you.")
if requested is not None:
    st.warning("That exercise is not in the library. Here is the whole list: pick one to see how to do it.",
               icon=":material/search_off:")

type_names = {t.id: t.name for t in content.exercise_types}
chosen_types = st.pills(
    "Type of exercise",
    list(type_names),
    selection_mode="multi",
    format_func=type_names.get,
    key="library.types",
    persist_state="session",  # kept while a card is open, so "Back to all exercises" returns to the same list
    help="Pick one or more types; pick none to see them all.",
)
no_floor = st.toggle(
    "Only exercises that don't need the floor",
    key="library.no_floor",
    persist_state="session",
    help="For when getting down to the floor and up again is hard.",
)

exercises = [
    e
    for e in content.exercises
    if (not chosen_types or e.type in chosen_types) and not (no_floor and e.needs_floor)
]
st.caption(f"Showing {len(exercises)} of {len(content.exercises)} exercises. Pick one to see how to do it.")
if not exercises:
    st.info("No exercise matches these filters. Clear a filter to see more.")

in_plan = set(plan.exercise_ids()) if plan is not None else set()
for kind in content.exercise_types:
    of_kind = [e for e in exercises if e.type == kind.id]
    if not of_kind:
        continue
    st.header(kind.name, anchor=False)
    with cards.card_row(f"library-{kind.id}"):
        for exercise in of_kind:
            where = "on the floor" if exercise.needs_floor else "no floor needed"
            mine = " · in your plan" if exercise.id in in_plan else ""
            cards.card_link(f"exercise-{exercise.id}", "pages/exercises.py", exercise.name,
                            f"{exercise.dose.describe()} · {where}{mine}", query={"exercise": exercise.id})
