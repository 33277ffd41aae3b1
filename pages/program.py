"""Your program: the fitted starter program week by week, as a calendar and a table, with downloads."""

import datetime as dt

import pandas as pd
import streamlit as st

from spinewell import program, ui

content = ui.content()
state = st.session_state
recommendation = ui.current_recommendation(content)

st.title("Your program")
if recommendation is None or recommendation.is_referral:
    # Only a current recommendation with a program opens this page: never stale answers, never past a red flag.
    state.pop(ui.CHOSEN_PLAN, None)
    st.info(
        "Your week-by-week plan appears here after the self-assessment. It starts with a short safety check, then "
        "a few questions, and takes about three minutes.",
        icon=":material/checklist:",
    )
    st.page_link("pages/assessment.py", label="Go to the self-assessment", icon=":material/arrow_forward:")
    st.stop()

fitted = recommendation.program
TYPE_BADGE = {"core": "blue", "stretching": "green", "aerobic": "orange"}


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(7 - today.weekday()) % 7)


def remember(widget_key: str, session_key: str) -> None:
    """Keep the plan settings in plain session values (widget keys are dropped on a page switch)."""
    state[session_key] = state[widget_key]


start = state.get(ui.PLAN_START) or next_monday(dt.date.today())
weeks = state.get(ui.PLAN_WEEKS) or fitted.weeks

st.subheader(fitted.name)
st.markdown(fitted.summary)
if recommendation.see_clinician_first:
    names = ", ".join(c.name.lower() for c in recommendation.conditions)
    st.warning(f"Because of your {names}, check this plan with your doctor, physiotherapist or midwife before you "
               "start. The self-assessment result lists what to ask about.", icon=":material/medical_services:")

settings = st.columns(2)
settings[0].date_input("Start date", value=start, key="plan.start", on_change=remember,
                       args=("plan.start", ui.PLAN_START), format="DD/MM/YYYY",
                       help="A Monday keeps the plan's weeks in line with calendar weeks.")
settings[1].segmented_control("How many weeks", [4, 5, 6], default=weeks, key="plan.weeks", required=True,
                              on_change=remember, args=("plan.weeks", ui.PLAN_WEEKS),
                              help="Six weeks lets the aerobic sessions build all the way to 30 minutes.")

plan = program.build_plan(fitted, start, weeks)
state[ui.CHOSEN_PLAN] = plan  # the Log page compares what you do with this plan

per_week = {block.type: block.sessions_per_week for block in fitted.blocks}
last_aerobic = max((t.minutes for t in plan.weekly_targets if t.type_id == "aerobic" and t.sessions), default=0)
summary = st.columns(4)
summary[0].metric("Core sessions", f"{per_week.get('core', 0)} a week")
summary[1].metric("Stretching", "Every day" if per_week.get("stretching") == 7 else f"{per_week.get('stretching', 0)}"
                  " a week")
summary[2].metric("Aerobic", f"{per_week.get('aerobic', 0)} a week")
summary[3].metric("Busiest day", f"about {plan.busiest_day_minutes()} min")
st.caption(f"{plan.start_date:%A %d %B %Y} to {plan.end_date:%A %d %B %Y}. Doses grow a little each week; if a "
           "week feels too hard, repeat it before moving on.")

# --- the exercises, each linked to its card in the library --------------------------------------------------------

st.markdown("#### Your exercises")
st.caption("Open an exercise to see how to do it, easier and harder versions, and when to stop.")
first_week, last_week = plan.sessions_in_week(1), plan.sessions_in_week(plan.weeks)
doses: dict[str, tuple[str, str, str]] = {}
for session in first_week:
    for item in session.items:
        doses.setdefault(item.exercise_id, (item.name, item.dose(), item.dose()))
for session in last_week:
    for item in session.items:
        if item.exercise_id in doses:
            name, first, _ = doses[item.exercise_id]
            doses[item.exercise_id] = (name, first, item.dose())
link_columns = st.columns(2)
for index, (exercise_id, (name, first, last)) in enumerate(doses.items()):
    growth = first if first == last else f"{first} in week 1, building to {last}"
    with link_columns[index % 2]:
        st.page_link("pages/exercises.py", label=f"{name}: {growth}", icon=":material/open_in_new:",
                     query_params={"exercise": exercise_id})
for name, note in plan.notes:
    st.caption(f"**{name}:** {note}")

# --- calendar and table -------------------------------------------------------------------------------------------

st.markdown("#### Week by week")
if state.get("plan.week", 1) > plan.weeks:
    state["plan.week"] = plan.weeks  # the plan got shorter: show its last week
week = st.segmented_control("Week", list(range(1, plan.weeks + 1)), default=1, key="plan.week", required=True,
                            format_func=lambda n: f"Week {n}")
calendar_tab, table_tab = st.tabs(["Calendar", "Table"])
with calendar_tab:
    days = [plan.start_date + dt.timedelta(days=7 * (week - 1) + offset) for offset in range(7)]
    for row in (days[:4], days[4:]):
        columns = st.columns(4)
        for column, day in zip(columns, row, strict=False):
            with column.container(border=True):
                st.markdown(f"**{day:%a %d %b}**")
                for session in plan.sessions_on(day):
                    st.badge(f"{session.title} · {session.minutes} min", color=TYPE_BADGE[session.type_id])
                    st.caption(", ".join(item.name for item in session.main_items))
with table_tab:
    rows = [row for row in program.plan_rows(plan) if row["Week"] == week]
    table = pd.DataFrame(rows).drop(columns=["exercise_id", "Week"])
    st.dataframe(table, hide_index=True, width="stretch")

# --- downloads ----------------------------------------------------------------------------------------------------

st.markdown("#### Take it with you")
cautions = [f"{c.name}: {c.caution}" for c in recommendation.conditions]
downloads = st.columns(2)
with downloads[0]:
    st.download_button("Printable plan (HTML)", program.plan_html(plan, headline_notes=recommendation.changes,
                                                                  cautions=cautions),
                       file_name="spinewell-plan.html", mime="text/html", on_click="ignore",
                       icon=":material/print:", width="stretch")
    st.caption("Open it in your browser and print it, or save it as a PDF. Each session has a box to tick.")
    st.download_button("Calendar (.ics)", program.plan_ics(plan), file_name="spinewell-plan.ics",
                       mime="text/calendar", on_click="ignore", icon=":material/event:", width="stretch")
    st.caption("Each session as an all-day event, for Google, Apple or Outlook calendars.")
with downloads[1]:
    st.download_button("Plan as a spreadsheet (CSV)", program.plan_csv(plan), file_name="spinewell-plan.csv",
                       mime="text/csv", on_click="ignore", icon=":material/table:", width="stretch")
    st.caption("One row per exercise per session.")
    st.download_button("Log template (CSV)", program.log_template_csv(plan), file_name="spinewell-log-template.csv",
                       mime="text/csv", on_click="ignore", icon=":material/edit_note:", width="stretch")
    st.caption("The Log page's columns with your planned exercises filled in. Add your pain and minutes as you go, "
               "delete the rows you skip, then upload it on the Log page.")

st.page_link("pages/assessment.py", label="Back to your self-assessment result", icon=":material/arrow_back:")
