"""Your program: the fitted starter program week by week, as a calendar and a table, with downloads."""

import datetime as dt

import pandas as pd
import streamlit as st

from spinewell.content.programs import PLAN_WEEKS
from spinewell.log import source
from spinewell.program import choices, exports, kept, review
from spinewell.program.plan import build_plan, describe_frequency, describe_minutes
from spinewell.ui import cache, cards, diary, review_panel, state

TABLE_ORDER = ("Day", "Exercise", "Dose", "About (min)", "Session", "Date")

content = cache.content()
flow = state.assessment_flow(content)
recommendation = flow.current_program()  # never stale answers, never past a red flag

st.title("Your program")
if recommendation is None:
    st.info(
        "Your week-by-week plan appears here after the self-assessment. It starts with a short safety check, then "
        "a few questions, and takes about three minutes.",
        icon=":material/checklist:",
    )
    st.page_link("pages/assessment.py", label="Go to the self-assessment", icon=":material/arrow_forward:")
    st.stop()

fitted = recommendation.program
today = source.today()
start, weeks = flow.plan_settings(fitted, today)

st.header(fitted.name, anchor=False)
st.markdown(fitted.summary)
if recommendation.safety_cautions:
    st.warning("\n".join(f"- **{c.title}.** {c.text} *{c.reason}*" for c in recommendation.safety_cautions),
               icon=":material/medical_services:")
if recommendation.see_clinician_first:
    names = ", ".join(c.name.lower() for c in recommendation.conditions)
    st.warning(f"Because of your {names}, check this plan with your doctor, physiotherapist or midwife before you "
               "start. The self-assessment result lists what to ask about.", icon=":material/medical_services:")

settings = st.columns(2)
settings[0].date_input("Start date", value=start, key="plan.start", on_change=state.keep_widget_value,
                       args=("plan.start", state.PLAN_START), format="DD/MM/YYYY",
                       help="Your plan starts today unless you pick another day. Its weeks run from this day.")
settings[1].segmented_control("How many weeks", list(PLAN_WEEKS), default=weeks, key="plan.weeks", required=True,
                              on_change=state.keep_widget_value, args=("plan.weeks", state.PLAN_LENGTH),
                              help="Six weeks lets the aerobic sessions build all the way to 30 minutes.")

plan = flow.keep_plan(fitted, today)  # kept for the Log page, which compares what you do with it

# --- the time a day takes -----------------------------------------------------------------------------------------

if plan.day_minutes is not None:
    other = build_plan(fitted, plan.start_date, plan.weeks, decisions=choices.plan_options(st.session_state)[
        "decisions"], full_core=not plan.full_core, maintenance_weeks_back=plan.maintenance_weeks_back)
    shorter, full = (other, plan) if plan.full_core else (plan, other)
    if shorter.core_cut and full.longest_core_day() > plan.day_minutes:
        core_days = plan.sessions_a_week("core")
        st.info(f"The full core session does not fit in the {plan.day_minutes} minutes a day you said you have. "
                "You can keep it on the days it falls, and they take longer, or do a shorter version that fits.",
                icon=":material/schedule:")
        labels = {False: f"A shorter version: every day takes at most {plan.day_minutes} minutes",
                  True: f"Keep the full core session on {core_days} days a week (about {full.longest_core_day()} "
                        "minutes on those days)"}
        st.radio("Which suits you?", [False, True], index=int(plan.full_core), format_func=labels.get,
                 key="plan.full_core", on_change=state.keep_widget_value, args=("plan.full_core", choices.FULL_CORE))
    else:
        st.caption(f"Every day fits in the {plan.day_minutes} minutes you said you have, warm-up and cool-down "
                   "included.")
first_week, last_week = (describe_minutes(*plan.minutes_a_day(week)) for week in (1, plan.weeks))
with st.container(horizontal=True, gap="large"):  # wraps two by two on a phone
    for block in fitted.blocks:
        st.metric(content.type(block.type).label, describe_frequency(plan.sessions_a_week(block.type)),
                  width="content")
    st.metric("Week 1", f"{first_week} min", help="Minutes a day in the first week", width="content")
st.caption(
    f"{plan.start_date:%A} {plan.start_date.day} {plan.start_date:%B %Y} to {plan.end_date:%A} {plan.end_date.day} "
    f"{plan.end_date:%B %Y}. By week {plan.weeks} a day takes {last_week} minutes. Doses grow a "
    "little each week; at the end of each week a short review suggests whether to move on, repeat the week or "
    f"step back. After week {plan.weeks} the plan carries on as a maintenance plan: the same days each week, at "
    "the doses you reached."
)
if plan.phase(today) == "maintenance":
    st.success(f"You have finished the {plan.weeks}-week plan. Keep going with the maintenance plan: today holds "
               f"{len(plan.sessions_on(today))} sessions, the same as the same day of your last week.",
               icon=":material/verified:")

# --- the exercises, each linked to its card in the library --------------------------------------------------------

st.markdown("### Your exercises")
st.caption("Open an exercise to see how to do it, easier and harder versions, and when to stop.")
with cards.card_row("plan-exercises"):  # cards wrap in reading order at any width; each is one link as a whole
    for doses in plan.exercise_doses():
        grows = doses.first_week != doses.last_week
        cards.card_link(f"plan-{doses.exercise_id}", "pages/exercises.py", doses.name,
                        f"Week 1: {doses.first_week}  \nWeek {plan.weeks}: {doses.last_week}" if grows
                        else doses.first_week, icon=":material/arrow_forward:",
                        query={"exercise": doses.exercise_id, "from": "program"})
for name, note in plan.notes:
    st.caption(f"**{name}:** {note}")

# --- calendar and table -------------------------------------------------------------------------------------------

st.markdown("### Week by week")
if st.session_state.get("plan.week", 1) > plan.weeks:
    st.session_state["plan.week"] = plan.weeks  # the plan got shorter: show its last week
week = st.segmented_control("Week", list(range(1, plan.weeks + 1)), default=1, key="plan.week", required=True,
                            format_func=lambda n: f"Week {n}")
calendar_tab, table_tab = st.tabs(["Calendar", "Table"])
with calendar_tab:
    done = diary.sessions_done(diary.own_diary(today), content, today) or set()  # the diary's sessions tick days off
    with cards.card_row("plan-calendar", card_width_rem=12):  # one day a line on a phone, four on a computer
        for day in plan.days_in_week(week):
            with st.container(border=True):
                st.markdown(f"**{day:%a} {day.day} {day:%b}**")
                for session in plan.sessions_on(day):
                    kind = content.type(session.type_id)
                    ticked = (day, session.type_id) in done
                    st.badge(f"{kind.label} · {session.minutes} min" + (" · done" if ticked else ""),
                             color=kind.badge, icon=":material/check_circle:" if ticked else None)
                    st.caption(", ".join(item.name for item in session.main_items))
with table_tab:
    rows = [row for row in exports.plan_rows(plan) if row["Week"] == week]
    st.dataframe(pd.DataFrame(rows).drop(columns=["exercise_id", "Week"]), hide_index=True, width="stretch",
                 column_order=TABLE_ORDER)  # what to do first: on a phone the later columns are a swipe away

# --- the weekly reviews -------------------------------------------------------------------------------------------

st.markdown("### Your weekly reviews")
finished = [week for week in range(1, plan.weeks + 1) if plan.days_in_week(week)[-1] <= today]
history = review_panel.review_history(plan)
if history is not None:
    st.dataframe(history, hide_index=True, width="stretch")
if not finished:
    st.caption(f"At the end of week 1 ({plan.days_in_week(1)[-1]:%A %d %B}) a short review looks at what you did and "
               "how it felt, and suggests what to do next.")
else:
    due = review.due_week(plan, choices.reviews(st.session_state), today)
    with st.expander("Review a finished week", expanded=due is not None, icon=":material/rate_review:"):
        reviewed = st.selectbox("Week", finished, index=finished.index(due) if due in finished else len(finished) - 1,
                                format_func=lambda n: f"Week {n}", key="plan.review_week")
        days = diary.own_days(diary.own_diary(today), content, today)
        review_panel.review_panel(flow, fitted, plan, reviewed, days, today, key="plan.review")

# --- downloads ----------------------------------------------------------------------------------------------------

st.markdown("### Take it with you")
reminder = st.time_input("Calendar reminder", value=choices.reminder_time(st.session_state), key="plan.reminder",
                         step=dt.timedelta(minutes=15), on_change=lambda: choices.set_reminder_time(
                             st.session_state, st.session_state["plan.reminder"] or choices.DEFAULT_REMINDER),
                         help="The time of day your calendar reminds you, in your own time zone.")
reminder = reminder or choices.DEFAULT_REMINDER
html_plan = exports.plan_html(plan, disclaimer=content.questionnaire.safety.disclaimer,
                              headline_notes=[change.sentence() for change in recommendation.changes],
                              cautions=recommendation.cautions)
files = [
    ("Printable plan", html_plan, "spinewell-plan.html", "text/html", ":material/print:",
     "A page to print or save as a PDF, with a box to tick for each session."),
    ("Calendar (.ics)", kept.calendar(st.session_state, plan, reminder), "spinewell-plan.ics", "text/calendar",
     ":material/event:",
     f"One event a day at {reminder:%H:%M} with a reminder, for Google, Apple or Outlook calendars. Download it "
     "again after a change: your calendar updates the same events."),
    ("Plan (CSV)", kept.plan_csv(st.session_state, plan), "spinewell-plan.csv", "text/csv", ":material/table:",
     "One row per exercise per session, for a spreadsheet."),
    ("Log template (CSV)", kept.log_template(st.session_state, plan), "spinewell-log-template.csv", "text/csv",
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
