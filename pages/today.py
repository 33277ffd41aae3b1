"""Today: where the plan is up to, today's sessions with this week's doses, the week so far, and Start."""

import datetime as dt

import streamlit as st

from spinewell.guide import flow as guide_flow
from spinewell.guide import record, week
from spinewell.guide.flow import Guide
from spinewell.log import source, store
from spinewell.log.entry import MAX_MINUTES, EntryError, LogEntry
from spinewell.program import choices, review
from spinewell.ui import cache, diary, review_panel, state, summary_download, widgets

content = cache.content()
session_state = st.session_state
flow = state.assessment_flow(content)
recommendation = flow.current_program()  # never stale answers, never past a red flag
FLASHES = {"success": (st.success, ":material/check_circle:"), "warning": (st.warning, ":material/warning:"),
           "info": (st.info, ":material/info:")}

st.title("Today")
if recommendation is None:
    st.info("Your sessions for each day appear here once you have a plan. The self-assessment makes one: a short "
            "safety check, then a few questions, about three minutes in all.", icon=":material/checklist:")
    st.page_link("pages/assessment.py", label="Go to the self-assessment", icon=":material/arrow_forward:")
    st.stop()

today = source.today()
plan = flow.keep_plan(recommendation.program, today)
log = diary.own_diary(today)
done = diary.sessions_done(log, content, today)
if (flash := session_state.pop(guide_flow.FLASH, None)) is not None:  # what was just saved: the focus goes to it
    say, icon = FLASHES[flash[0]]
    with st.container(key="today-flash"):
        say(flash[1], icon=icon)
    widgets.bring_into_view("today-flash")
if done is None:
    st.warning("Your diary can't be read just now, so sessions can't be ticked off here. The Log page says what is "
               "wrong with it and how to fix it.", icon=":material/warning:")
    st.page_link("pages/log.py", label="Open the Log page", icon=":material/monitoring:")
    done = set()


def when(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def start(plan_session) -> None:
    """Open the guided session, carrying on where the person left it if it is this one."""
    session_state.pop(guide_flow.CHECK_IN, None)  # a check-in left unanswered earlier: the person has moved on
    under_way = Guide.under_way(session_state, plan)
    if under_way is None or under_way.plan_session != plan_session:
        Guide(session_state, plan_session).start()
    st.switch_page("pages/session.py")


def done_without_guide(plan_session) -> None:
    """Log a planned session in one tap, as if every step was done, then ask for the check-in."""
    entries = record.session_entries(plan_session, record.every_step(plan_session), guided=False,
                                     when=diary.now(today))
    try:
        diary.keep(log, entries)
    except store.LogWriteError as error:
        st.error(str(error), icon=":material/error:")
        return
    Guide(session_state, plan_session).finish(guided=False)
    session_state[guide_flow.FLASH] = ("success", diary.kept_message(log, entries))
    st.switch_page("pages/session.py")


def session_card(plan_session, is_done: bool) -> None:
    kind = content.type(plan_session.type_id)
    with st.container(border=True, key=f"today-{plan_session.type_id}"):
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(f"**{plan_session.title}**")
            st.badge(f"about {plan_session.minutes} min", color=kind.badge)
            if is_done:
                st.badge("Done", icon=":material/check:", color="green")
        st.markdown("\n".join(f"- {item.name}: {item.dose()}" for item in plan_session.items))
        if not is_done and st.button("I did it without the guide", key=f"today.did.{plan_session.type_id}",
                                     icon=":material/task_alt:", help="Writes it to your diary in one tap."):
            done_without_guide(plan_session)


if today < plan.start_date:
    st.header(f"Your plan starts on {when(plan.start_date)}", anchor=False)
    st.markdown("You can wait until then, or start today: the plan's weeks then count from today.")
    if st.button("Start my plan today", type="primary", icon=":material/play_arrow:", key="today.start_plan"):
        session_state[state.PLAN_START] = today
        session_state.pop("plan.start", None)  # the program page's date widget shows the new date too
        st.rerun()
else:
    if plan.phase(today) == "maintenance":
        st.header("Keeping it up", anchor=False)
        st.caption(f"{when(today)} · {plan.program_name}: your {plan.weeks}-week plan ended on {when(plan.end_date)}. "
                   "The maintenance plan carries on with the same sessions each week.")
        st.page_link("pages/program.py", label="Start a new plan from a date you choose",
                     icon=":material/calendar_month:")
    else:
        progress = week.week_progress(plan, today, done)
        st.header(f"Week {progress.week}, day {progress.day} of your plan", anchor=False)
        st.caption(f"{when(today)} · {plan.program_name}, week {progress.week} of {plan.weeks}")
    if (due := review.due_week(plan, choices.reviews(session_state), today)) is not None:
        review_panel.review_panel(flow, recommendation.program, plan, due,
                                  diary.own_days(log, content, today), today, key="today.review",
                                  primary=False)  # Start stays the page's one primary button
    sessions = plan.sessions_on(today)
    to_do = [s for s in sessions if not week.is_done(s, done)]
    if to_do:
        first = to_do[0]
        if st.button("Start", type="primary", icon=":material/play_arrow:", key="today.start",
                     help="One step at a time, with a timer for holds and a count for reps."):
            start(first)
        st.caption(f"Starts your {first.title.lower()} session, about {first.minutes} minutes.")
    elif sessions:
        st.success("Everything planned for today is done. Well done.", icon=":material/celebration:")
    else:
        upcoming = week.next_session_day(plan, today)
        next_day = f" Your next session is on {when(upcoming)}." if upcoming else ""
        st.info("Today is a rest day in your plan. Gentle movement such as a short walk is still good for your "
                f"back.{next_day}", icon=":material/bedtime:")
    for plan_session in sessions:
        session_card(plan_session, week.is_done(plan_session, done))

    if plan.phase(today) == "plan":
        st.markdown("### This week")
        st.progress(progress.done / progress.planned if progress.planned else 0.0,
                    text=f"{progress.done} of {progress.planned} sessions done this week")
        if progress.missed_days:
            days = ", ".join(f"{day:%A}" for day in progress.missed_days)
            st.caption(f"No entry yet for {days}. That is fine: some days don't go to plan. Carry on from today, and "
                       "if you did something on those days, you can add it on the Log page.")

with st.expander("I did something anyway", icon=":material/add_circle:"), st.form("today.other", border=False):
    st.caption("A walk, a swim or some stretches outside your plan all count. It goes into your diary for today.")
    what, how_long = st.columns([2, 1])
    activity = what.selectbox("What did you do?", [e.name for e in content.exercises], index=None,
                              accept_new_options=True, placeholder="Pick one or type your own", key="today.other.what")
    minutes = how_long.number_input("Minutes", min_value=0, max_value=MAX_MINUTES, value=None, step=5,
                                    key="today.other.minutes")
    if st.form_submit_button("Save to my diary", icon=":material/save:"):
        try:
            entry = LogEntry.from_form(today, diary.now(today).time(), None,
                                       activity, minutes, None)
            if not entry.exercise:
                raise EntryError("Say what you did: nothing was saved.")
            diary.keep(log, [entry])
        except (EntryError, store.LogWriteError) as error:
            st.error(str(error), icon=":material/error:")
        else:
            session_state[guide_flow.FLASH] = ("success", diary.kept_message(log, [entry]))
            st.rerun()

with st.container(horizontal=True):
    st.page_link("pages/program.py", label="Your whole plan", icon=":material/calendar_month:")
    st.page_link("pages/log.py", label="Your diary and charts", icon=":material/monitoring:")
summary_download.summary_downloads(log, today, key="today")
