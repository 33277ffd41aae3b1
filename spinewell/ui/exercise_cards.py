"""The exercise library's cards, and the links into them from lessons, Today, Program and the guided session, each
with its way back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from spinewell.content.models import Content, Exercise
from spinewell.content.programs import OptionsLeftOut
from spinewell.content.safety import DIRECTIONS, StopRules
from spinewell.program.plan import Plan
from spinewell.ui.widgets import evidence_note


def exercise_links(content: Content, exercise_ids: Sequence[str], came_from: str) -> None:
    """A row of links, one per exercise, each opening its card in the exercise library with the way back to
    `came_from` (a key of WAYS_BACK: the page the links are on)."""
    with st.container(horizontal=True, gap="small"):  # wraps in reading order on a phone
        for exercise_id in exercise_ids:
            exercise = content.exercise(exercise_id)
            st.page_link(
                "pages/exercises.py",
                label=f"{exercise.name} ({exercise.dose.describe()})",
                icon=":material/arrow_forward:",
                query_params={"exercise": exercise.id, "from": came_from},
            )


# Where a link into the library can come from (its `from=`), and the way back the card then offers.
WAYS_BACK = {
    "lesson": ("pages/learn.py", "Back to your lesson"),
    "session": ("pages/session.py", "Back to your session"),
    "today": ("pages/today.py", "Back to Today"),
    "program": ("pages/program.py", "Back to your program"),
}


def ways_back(came_from: str | None) -> tuple[tuple[str, str], ...]:
    """(page, label) links an open card offers: the whole library, then the page the person came from, if known."""
    back = ("pages/exercises.py", "Back to all exercises")
    return (back, WAYS_BACK[came_from]) if came_from in WAYS_BACK else (back,)


def _links_back(links: Sequence[tuple[str, str]], key: str) -> None:
    # A link to the page it is on is drawn shaded as "you are here"; the ways back all look alike instead.
    st.html(f"<style>.st-key-{key} [data-testid=stPageLink] a {{ background: transparent; }}</style>")
    with st.container(horizontal=True, gap="medium", key=key):
        for page, label in links:
            st.page_link(page, label=label, icon=":material/arrow_back:")


EQUIPMENT_NOTES = {"none": "No equipment", "pool": "Needs a pool", "bike": "Needs a bike or exercise bike"}


def exercise_card(
    content: Content, exercise: Exercise, plan: Plan | None = None, today: dt.date | None = None,
    ways_back: Sequence[tuple[str, str]] = (),
) -> None:
    """One exercise as a card: picture, dose, numbered steps, easier and harder versions, mistakes, when to stop,
    with the `ways_back` (page, label) links under its heading and again at its foot.

    With a plan, the card also shows this week's dose from it, and leaves out the options the plan does not offer.
    """
    in_plan = plan is not None and exercise.id in plan.exercise_ids()
    with st.container(border=True, key=f"card-{exercise.id}"):
        st.header(exercise.name, anchor=False)  # no hidden link to tab past
        where = "on the floor" if exercise.needs_floor else "no floor needed"
        st.caption(f"{content.type(exercise.type).name} · {where} · {EQUIPMENT_NOTES[exercise.equipment]}")
        _links_back(ways_back, key=f"card-{exercise.id}-back-top")
        if plan is not None and not in_plan and plan.why_not_in_plan(exercise.id):
            st.info(f"**Not in your plan.** {plan.why_not_in_plan(exercise.id)}", icon=":material/info:")
        picture, words = st.columns([1, 2])
        with picture:
            if exercise.illustration is not None:
                # at most 320 px: when the columns stack (a phone, a zoomed screen) the drawing stays modest
                st.image(str(exercise.illustration), width=320, alt=f"Drawing of the {exercise.name}")
            st.markdown("**Works:** " + ", ".join(exercise.muscles))
        with words:
            st.markdown(exercise.summary)
            dose = f"**Starting dose:** {exercise.dose.describe()}"
            if exercise.dose.note:
                dose += f" ({exercise.dose.note})"
            if in_plan:
                dose += "  \n" + _dose_this_week(plan, exercise.id, today or dt.date.today())
            st.success(dose, icon=":material/timer:")
            st.markdown("\n".join(f"{number}. {step}" for number, step in enumerate(exercise.steps, start=1)))
        left_out = plan.options_left_out_of(exercise.id) if in_plan else ()
        for column, direction in zip(st.columns(2), DIRECTIONS, strict=True):
            with column:
                _options(exercise, direction, next((e for e in left_out if e.direction == direction), None))
        mistakes, stop = st.columns(2)
        with mistakes:
            st.markdown("**Common mistakes**")
            st.markdown("\n".join(f"- {item}" for item in exercise.mistakes))
        with stop:
            st.warning(_stop_rules_text(content.stop_rules, exercise.stop_if), icon=":material/front_hand:")
        if exercise.evidence is not None:
            evidence_note(content, exercise.evidence)
        _links_back(ways_back, key=f"card-{exercise.id}-back-foot")


def _dose_this_week(plan: Plan, exercise_id: str, today: dt.date) -> str:
    """'Your dose this week (week 2 of 6): ...', or the first or last week's when today is outside the plan."""
    week = plan.current_week(today)
    dose = plan.dose_in_week(exercise_id, week) or plan.dose_in_week(exercise_id, 1)
    if today < plan.start_date:
        when = f"Your dose in week 1 (your plan starts {plan.start_date:%A} {plan.start_date.day} {plan.start_date:%B})"
    elif today > plan.end_date:
        when = f"Your dose in the last week of your plan (week {week})"
    else:
        when = f"Your dose this week (week {week} of {plan.weeks})"
    return f"**{when}:** {dose}"


def _options(exercise: Exercise, direction: str, left_out: OptionsLeftOut | None) -> None:
    """The easier or harder options the person may use, and a line saying which are left out and why."""
    hidden = set(left_out.indexes) if left_out else set()
    shown = [option.text for index, option in enumerate(exercise.options(direction)) if index not in hidden]
    label = f"**{direction.capitalize()}:**"
    if len(shown) == 1:
        st.markdown(f"{label} {shown[0]}")
    elif shown:
        st.markdown(label + "\n" + "\n".join(f"- {text}" for text in shown))
    if left_out is not None:
        st.caption(f":material/block: {left_out.sentence}")


def _stop_rules_text(rules: StopRules, extra: tuple[str, ...] = ()) -> str:
    """The shared stop rules as Markdown (what is fine, then the signs), with any signs for one exercise after them."""
    text = f"{rules.fine}\n\n**{rules.title}**\n" + "\n".join(f"- {sign}" for sign in rules.signs)
    if extra:
        text += "\n\n**Also with this exercise**\n" + "\n".join(f"- {sign}" for sign in extra)
    return text
