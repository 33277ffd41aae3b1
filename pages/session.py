"""The guided session: one step at a time with its drawing, dose and timer; Back, Skip, Next; Done; the check-in."""

import datetime as dt

import streamlit as st

from spinewell.guide import flow as guide_flow
from spinewell.guide import record
from spinewell.guide.flow import Guide
from spinewell.log import source, store
from spinewell.storage import keys
from spinewell.ui import cache, diary, state, timer, widgets

content = cache.content()
session_state = st.session_state
flow = state.assessment_flow(content)
recommendation = flow.current_program()
today = source.today()
CHECK_IN_DRAWN = "session.check_in.drawn"  # the check-in the last run drew
plan = None if recommendation is None else flow.keep_plan(recommendation.program, today)


def moved(transition) -> None:
    """A button's callback: make the move, and let the new step's heading take the focus."""
    transition()
    session_state[guide_flow.MOVED] = True


def back_to_today(kind: str, message: str) -> None:
    session_state[guide_flow.FLASH] = (kind, message)
    st.switch_page("pages/today.py")


def check_in(pending: dict) -> None:
    """Ten seconds: pain now and how the session felt; saved to the check-ins, the pain to the diary too."""
    plan_session = guide_flow.find_session(plan, pending["date"], pending["type"]) if plan else None
    title = plan_session.title if plan_session else "exercise"
    with st.container(key="check-in"):
        st.title("How was it?", anchor=False)
    if session_state.get(CHECK_IN_DRAWN) != pending:  # just arrived from Done or from Today: the focus comes here
        session_state[CHECK_IN_DRAWN] = pending
        widgets.bring_into_view("check-in")
    if (kept := session_state.pop(guide_flow.FLASH, None)) is not None:
        st.success(kept[1], icon=":material/check_circle:")
    st.markdown(f"Two quick taps on your {title.lower()} session help you and your plan keep track.")
    with st.form("session.check_in", border=True):
        pain = st.select_slider(  # one row at any width; the first stop means no rating
            "Your pain right now (0 = none, 10 = the worst you can imagine)", [None, *range(11)], value=None,
            format_func=lambda value: "Not rated" if value is None else str(value), key="session.check_in.pain")
        felt = st.segmented_control("How did the session feel?", list(record.FELT_LABELS),
                                    format_func=record.FELT_LABELS.get, key="session.check_in.felt")
        saved = st.form_submit_button("Save", type="primary", icon=":material/check:")
    if st.button("Skip the check-in", type="tertiary", key="session.check_in.skip"):
        session_state.pop(guide_flow.CHECK_IN, None)
        back_to_today("success", "Your session is ticked off.")
    if not saved:
        return
    if felt is None:
        with st.container(key="check-in-problem"):
            st.error("Pick how the session felt (or skip the check-in): nothing was saved yet.",
                     icon=":material/error:")
        widgets.bring_into_view("check-in-problem")
        return
    now = diary.now(today)
    try:
        if pain is not None:
            diary.keep(diary.own_diary(today), [record.pain_entry(now, pain, title, felt)])
    except store.LogWriteError as error:
        st.error(str(error), icon=":material/error:")
        return
    entry = record.check_in(dt.date.fromisoformat(pending["date"]), pending["type"], pain, felt, pending["guided"])
    session_state[keys.CHECKINS] = [*session_state.get(keys.CHECKINS, []), entry]
    session_state.pop(guide_flow.CHECK_IN, None)
    back_to_today(*after_check_in(felt))


def after_check_in(felt: str) -> tuple[str, str]:
    if felt == "it_hurt":
        rules = content.stop_rules
        signs = "\n".join(f"- {sign}" for sign in rules.signs)
        return "warning", (f"Thank you for saying. {rules.fine} Next time, try the easier version or do a little "
                           f"less.\n\n**{rules.title}**\n{signs}")
    if felt == "too_hard":
        return "info", "Thanks. Next time, try the easier version, or fewer reps or shorter holds. That is fine."
    return "success", "Thanks: your check-in is saved and the session is ticked off."


if (pending := session_state.get(guide_flow.CHECK_IN)) is not None:
    check_in(pending)
    st.stop()

guide = Guide.under_way(session_state, plan)
if guide is None:
    st.title("Guided session")
    st.info("No session is under way. Start one from the Today page.", icon=":material/info:")
    st.page_link("pages/today.py", label="Go to today", icon=":material/today:")
    st.stop()


def buttons(guide: Guide, place: guide_flow.Place) -> None:
    """Back, Skip and Next under the step (on a phone, straight under its timer); Done at the end."""
    step = place.step
    with st.container(horizontal=True, key="guide-buttons"):
        st.button("Back", icon=":material/arrow_back:", disabled=not place.can_go_back, key="guide.back",
                  on_click=moved, args=(guide.back,))
        if step is not None:
            st.button("Skip", icon=":material/skip_next:", key="guide.skip", on_click=moved, args=(guide.skip,))
            st.button("Next", icon=":material/arrow_forward:", icon_position="right", type="primary", key="guide.next",
                      on_click=moved, args=(guide.next,))
        elif st.button("Done", icon=":material/check:", type="primary", key="guide.done"):
            entries = record.session_entries(guide.plan_session, guide.done(), guided=True, when=diary.now(today))
            log = diary.own_diary(today)
            try:
                diary.keep(log, entries)
            except store.LogWriteError as error:
                st.error(str(error), icon=":material/error:")
            else:
                guide.finish()
                session_state[guide_flow.FLASH] = ("success", diary.kept_message(log, entries) if entries else
                                                   "Nothing was marked as done, so nothing went into your diary.")
                st.rerun()


def where(step) -> str:
    """Under the step's heading: its set and side; in a rest, what comes next."""
    if not step.is_rest:
        return step.where()
    return f"Next: {step.name}, {step.where().lower()}" if step.where() else f"Next: {step.name}"


def label(step) -> str:
    """The timer's own line: the step, its set and side; a rest says what it comes before."""
    named = f"Rest before the {step.name.lower()}" if step.is_rest else step.heading
    return f"{named}, {step.where().lower()}" if step.where() else named


place = guide.place()
step = place.step
st.title(guide.plan_session.title)
st.progress(min(place.number - 1, place.total) / place.total,
            text=f"Step {place.number} of {place.total}" if step else "Every step is done")
jump = session_state.pop(guide_flow.MOVED, False)

with st.container(key=f"guide-step-{guide.at}"):  # a new container per step, so the browser meets a new heading
    if step is None:
        st.header("That is the session", anchor=False)
        done = guide.done()
        st.markdown(f"You did {len([i for i in done if not guide.steps[i].is_rest])} of "
                    f"{len([s for s in guide.steps if not s.is_rest])} exercise steps. Press **Done** to put the "
                    "session in your diary.")
    else:
        st.header(step.heading, anchor=False)
        if where(step):
            st.caption(where(step))
    if jump:
        widgets.bring_into_view(f"guide-step-{guide.at}")
    if step is None:
        buttons(guide, place)
    else:
        exercise = content.exercise(step.exercise_id)
        step_key = f"{guide.plan_session.date}-{guide.plan_session.type_id}-{guide.at}"  # a fresh timer per step
        words, picture = st.columns([3, 2])  # on a phone the dose and the timer come first, then the drawing
        with words:
            st.success(step.what_to_do(), icon=":material/timer:")
            if step.is_rest:
                timer.countdown(step.seconds, label(step), key=step_key, caption="Press Start to time your rest")
            elif step.seconds is not None:
                timer.countdown(step.seconds, label(step), key=step_key)
            else:
                timer.rep_counter(int(step.amount), label(step), key=step_key, each_side=step.per_side)
            buttons(guide, place)
        with picture:  # in a rest, the drawing of what comes next
            if exercise.illustration is not None:
                st.image(str(exercise.illustration), width="stretch", alt=f"Drawing of the {exercise.name}")
        if not step.is_rest:
            with st.expander("How to do it", icon=":material/list:", expanded=step.set_number == 1):
                st.markdown("\n".join(f"{n}. {line}" for n, line in enumerate(exercise.steps, start=1)))
                st.page_link("pages/exercises.py", label="The whole card: easier and harder versions, mistakes",
                             icon=":material/arrow_forward:", query_params={"exercise": exercise.id, "from": "session"})

with st.expander("When to stop", icon=":material/health_and_safety:"):
    rules = plan.stop_rules
    st.markdown(f"{rules.fine}\n\n**{rules.title}**\n" + "\n".join(f"- {sign}" for sign in rules.signs))
if st.button("Leave for now", type="tertiary", icon=":material/logout:", key="guide.leave",
             help="Your place is kept: Start on the Today page carries on from here."):
    st.switch_page("pages/today.py")
