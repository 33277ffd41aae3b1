"""Your program: the fitted starter program week by week, as a calendar and a table, with downloads."""

import datetime as dt

import pandas as pd
import streamlit as st

from spinewell.program import exports
from spinewell.program.plan import build_plan, default_start
from spinewell.ui import cache, state

content = cache.content()
session_state = st.session_state
recommendation = state.current_recommendation(content)

st.title("Your program")
if recommendation is None or recommendation.is_referral:
    # Only a current recommendation with a program opens this page: never stale answers, never past a red flag.
    session_state.pop(state.CHOSEN_PLAN, None)
    st.info(
        "Your week-by-week plan appears here after the self-assessment. It starts with a short safety check, then "
        "a few questions, and takes about three minutes.",
        icon=":material/checklist:",
    )
    st.page_link("pages/assessment.py", label="Go to the self-assessment", icon=":material/arrow_forward:")
    st.stop()

fitted = recommendation.program
TYPE_BADGE = {"core": "blue", "stretching": "green", "aerobic": "orange"}
SHORT_TITLES = {"core": "Core", "stretching": "Stretch", "aerobic": "Aerobic"}


def remember(widget_key: str, session_key: str) -> None:
    """Keep the plan settings in plain session values (widget keys are dropped on a page switch)."""
    session_state[session_key] = session_state[widget_key]


start = session_state.get(state.PLAN_START) or default_start(dt.date.today())
weeks = session_state.get(state.PLAN_WEEKS) or fitted.weeks

st.subheader(fitted.name)
st.markdown(fitted.summary)
if recommendation.see_clinician_first:
    names = ", ".join(c.name.lower() for c in recommendation.conditions)
    st.warning(f"Because of your {names}, check this plan with your doctor, physiotherapist or midwife before you "
               "start. The self-assessment result lists what to ask about.", icon=":material/medical_services:")

settings = st.columns(2)
settings[0].date_input("Start date", value=start, key="plan.start", on_change=remember,
                       args=("plan.start", state.PLAN_START), format="DD/MM/YYYY",
                       help="A Monday keeps the plan's weeks in line with calendar weeks.")
settings[1].segmented_control("How many weeks", [4, 5, 6], default=weeks, key="plan.weeks", required=True,
                              on_change=remember, args=("plan.weeks", state.PLAN_WEEKS),
                              help="Six weeks lets the aerobic sessions build all the way to 30 minutes.")

plan = build_plan(fitted, start, weeks)
session_state[state.CHOSEN_PLAN] = plan  # the Log page compares what you do with this plan

per_week = {block.type: block.sessions_per_week for block in fitted.blocks}


def day_minutes(week_number: int) -> list[int]:
    sessions = plan.sessions_in_week(week_number)
    return [sum(s.minutes for s in sessions if s.date == day) for day in sorted({s.date for s in sessions})]


first_days, last_days = day_minutes(1), day_minutes(plan.weeks)
stretching = per_week.get("stretching", 0)
with st.container(horizontal=True, gap="large"):  # wraps two by two on a phone
    st.metric("Core sessions", f"{per_week.get('core', 0)} a week", width="content")
    st.metric("Stretching", "Daily" if stretching == 7 else f"{stretching} a week", width="content")
    st.metric("Aerobic", f"{per_week.get('aerobic', 0)} a week", width="content")
    st.metric("Week 1", f"{min(first_days)}–{max(first_days)} min", help="Minutes a day in the first week",
              width="content")
st.caption(
    f"{plan.start_date:%A} {plan.start_date.day} {plan.start_date:%B %Y} to {plan.end_date:%A} {plan.end_date.day} "
    f"{plan.end_date:%B %Y}. By week {plan.weeks} a day takes {min(last_days)}–{max(last_days)} minutes. Doses grow a "
    "little each week; if a week feels too hard, repeat it before moving on."
)

# --- the exercises, each linked to its card in the library --------------------------------------------------------

st.markdown("#### Your exercises")
st.caption("Open an exercise to see how to do it, easier and harder versions, and when to stop.")
first_doses = {item.exercise_id: (item.name, item.dose()) for s in plan.sessions_in_week(1) for item in s.items}
last_doses = {item.exercise_id: item.dose() for s in plan.sessions_in_week(plan.weeks) for item in s.items}
with st.container(horizontal=True):  # cards wrap in reading order at any width
    for exercise_id, (name, first) in first_doses.items():
        last = last_doses.get(exercise_id, first)
        with st.container(border=True, width=260):
            st.page_link("pages/exercises.py", label=name, icon=":material/open_in_new:",
                         query_params={"exercise": exercise_id})
            st.caption(first if first == last else f"Week 1: {first}  \nWeek {plan.weeks}: {last}")
for name, note in plan.notes:
    st.caption(f"**{name}:** {note}")

# --- calendar and table -------------------------------------------------------------------------------------------

st.markdown("#### Week by week")
if session_state.get("plan.week", 1) > plan.weeks:
    session_state["plan.week"] = plan.weeks  # the plan got shorter: show its last week
week = st.segmented_control("Week", list(range(1, plan.weeks + 1)), default=1, key="plan.week", required=True,
                            format_func=lambda n: f"Week {n}")
calendar_tab, table_tab = st.tabs(["Calendar", "Table"])
with calendar_tab:
    days = [plan.start_date + dt.timedelta(days=7 * (week - 1) + offset) for offset in range(7)]
    for row in (days[:4], days[4:]):
        columns = st.columns(4)
        for column, day in zip(columns, row, strict=False):
            with column.container(border=True):
                st.markdown(f"**{day:%a} {day.day} {day:%b}**")
                for session in plan.sessions_on(day):
                    st.badge(f"{SHORT_TITLES[session.type_id]} · {session.minutes} min",
                             color=TYPE_BADGE[session.type_id])
                    st.caption(", ".join(item.name for item in session.main_items))
with table_tab:
    rows = [row for row in exports.plan_rows(plan) if row["Week"] == week]
    table = pd.DataFrame(rows).drop(columns=["exercise_id", "Week"])
    st.dataframe(table, hide_index=True, width="stretch")

# --- downloads ----------------------------------------------------------------------------------------------------

st.markdown("#### Take it with you")
cautions = [f"{c.name}: {c.caution}" for c in recommendation.conditions]
cautions += [modification for c in recommendation.conditions for modification in c.modifications]
html_plan = exports.plan_html(plan, headline_notes=[change.sentence() for change in recommendation.changes],
                              cautions=cautions)
files = [
    ("Printable plan", html_plan, "spinewell-plan.html", "text/html", ":material/print:",
     "A page to print or save as a PDF, with a box to tick for each session."),
    ("Calendar (.ics)", exports.plan_ics(plan), "spinewell-plan.ics", "text/calendar", ":material/event:",
     "Each session as an all-day event for Google, Apple or Outlook calendars."),
    ("Plan (CSV)", exports.plan_csv(plan), "spinewell-plan.csv", "text/csv", ":material/table:",
     "One row per exercise per session, for a spreadsheet."),
    ("Log template (CSV)", exports.log_template_csv(plan), "spinewell-log-template.csv", "text/csv",
     ":material/edit_note:",
     "The Log page's columns with your planned exercises filled in. Add pain and minutes as you go, delete the "
     "rows you skip, then upload it on the Log page."),
]
for row in (files[:2], files[2:]):
    for column, (label, data, file_name, mime, icon, description) in zip(st.columns(2), row, strict=True):
        with column.container(border=True):
            st.download_button(label, data, file_name=file_name, mime=mime, on_click="ignore", icon=icon,
                               width="stretch")
            st.caption(description)

st.page_link("pages/assessment.py", label="Back to your self-assessment result", icon=":material/arrow_back:")
