"""Pain and activity log: pick a source, add an entry, see what was skipped, see the charts."""

import datetime as dt

import pandas as pd
import streamlit as st

from spinewell import analysis, charts, painlog
from spinewell.ui import cache, state, widgets

content = cache.content()
session_state = st.session_state
lookup = tuple(sorted(content.exercise_type_lookup().items()))
targets = analysis.frequency_targets(content.exercise_types)
aerobic_target = analysis.aerobic_minutes_target(content.exercise_types)
log_path = painlog.local_log_path()
today = dt.date.today()
MAX_ROWS_SHOWN = 500
EAGER_DOWNLOAD_ROWS = 20_000  # larger logs are turned into CSV only when the download is clicked

st.title("Pain and activity log")
st.markdown(
    "Keep a diary of your pain (0 = no pain, 10 = the worst you can imagine) and the exercise you do, and see at a "
    "glance whether your pain is going down and whether you move as often as recommended."
)

# --- where the log comes from ---------------------------------------------------------------------------------------

with st.expander("Upload a log from a spreadsheet or another app", icon=":material/upload_file:"):
    upload = st.file_uploader(
        "CSV file",
        type=["csv", "txt", "tsv"],
        key="log.upload",
        help="A row per entry with a date, and a pain rating and/or an exercise. Comma, semicolon or tab "
        "separated; headers like Date, Pain (0-10), Activity, Duration (min), Notes are recognised.",
    )
    st.caption(
        "The file stays in this browser session: it is not saved on the server and nobody else can see it. "
        "Entries you add while it is shown are kept with it, and you can download the updated file."
    )
    st.download_button(
        "Download an empty template", painlog.template_csv(), file_name="spinewell_log_template.csv",
        mime="text/csv", icon=":material/download:", key="log.template.top",
    )

session_rows: dict[str, list[painlog.LogEntry]] = session_state.setdefault(state.LOG_SESSION_ROWS, {})
local_exists = log_path is not None and log_path.exists() and log_path.stat().st_size > 0
if upload is not None:
    source, source_key, data = "upload", f"upload:{upload.file_id}", upload.getvalue()
elif local_exists:
    source, source_key, data = "local", "local", log_path.read_bytes()
elif log_path is None and session_rows.get("session"):
    source, source_key, data = "session", "session", (painlog.HEADER_LINE + "\n").encode()
else:
    source, source_key, data = "sample", "sample", cache.sample_log_bytes()
added = tuple(session_rows.get(source_key, ())) if source in ("upload", "session") else ()

if source == "upload":
    st.info(f"Showing your uploaded file **{widgets.literal(upload.name)}**. To go back, remove it from the upload box "
            "above.",
            icon=":material/upload_file:")
elif source == "local":
    st.caption(f"Showing your log, saved on this computer in `{log_path}`.")
elif source == "session":
    st.info("Showing the entries you added in this session. They are not saved on this server: download them "
            "before you close the page.", icon=":material/info:")
else:
    st.info(
        "**This is a sample log** with made-up entries, so you can see what the charts show. "
        "Add your first entry below or upload your own file to replace it.",
        icon=":material/science:",
    )

flash = session_state.pop(state.LOG_FLASH, None)
if flash is not None:
    kind, message = flash
    if kind == "success":
        st.success(message, icon=":material/check_circle:")
    else:
        st.warning(message, icon=":material/warning:")

# --- reading it -----------------------------------------------------------------------------------------------------

parsed = cache.parsed_log(data, "auto", dt.date.today())
date_order = "auto"
if parsed.ambiguous_dates:
    choice = st.radio(
        "Some dates in this file could be read two ways (is 03/04/2026 the 3rd of April or March 4th?). "
        "How does the file write dates?",
        ["Day first, like 31/12/2026", "Month first, like 12/31/2026"],
        key=f"log.date_order.{source_key}",
        horizontal=True,
    )
    date_order = "monthfirst" if choice.startswith("Month") else "dayfirst"
    parsed = cache.parsed_log(data, date_order, dt.date.today())

if parsed.issues:
    label = f"{parsed.issue_count} row{'s' if parsed.issue_count != 1 else ''} of the file could not be used"
    with st.expander(label, icon=":material/warning:", expanded=parsed.error is not None):
        st.caption("Each row below was left out of the charts; the rest of the file is used. Row numbers are as in "
                   "a spreadsheet, with the header as row 1.")
        issues = pd.DataFrame([vars(i) for i in parsed.issues], columns=["row", "column", "value", "reason"])
        st.dataframe(
            issues, hide_index=True, width="stretch",
            column_config={"row": st.column_config.NumberColumn("Row", format="%d"), "column": "Column",
                           "value": "Value", "reason": "Why it was left out"},
        )
        if parsed.issue_count > len(parsed.issues):
            st.caption(f"Showing the first {len(parsed.issues)} of {parsed.issue_count}.")
        st.download_button("Download this list", painlog.issues_csv_bytes(parsed.issues),
                           file_name="skipped_rows.csv", mime="text/csv", icon=":material/download:",
                           key="log.issues.download")

if parsed.error is not None and not added:
    st.error(parsed.error, icon=":material/error:")
    st.download_button("Download a template to fill in", painlog.template_csv(), file_name="spinewell_log_template.csv",
                       mime="text/csv", icon=":material/download:", key="log.template.error")
    if source == "local":
        st.warning(f"Spinewell will not add to or change `{log_path}` while it can't be read. Move the file away (or "
                   "fix it) to start a new log.", icon=":material/lock:")

notes = []
if parsed.duplicates_dropped:
    notes.append(f"{parsed.duplicates_dropped} repeated entr{'ies' if parsed.duplicates_dropped > 1 else 'y'} "
                 "counted once")
if parsed.ignored_columns:
    notes.append("columns not used: " + ", ".join(widgets.literal(name) for name in parsed.ignored_columns))
if parsed.encoding and parsed.encoding not in ("utf-8", "utf-8-sig") and source == "upload":
    names = {"cp1252": "Windows-1252", "latin-1": "Latin-1", "utf-16": "UTF-16", "utf-32": "UTF-32"}
    notes.append(f"read as {names.get(parsed.encoding, parsed.encoding.upper().replace('_', '-'))} text")
if notes:
    st.caption("Reading the file: " + "; ".join(notes) + ".")

# --- adding an entry ------------------------------------------------------------------------------------------------

saves_locally = log_path is not None and source in ("local", "sample")
exercise_names = [e.name for e in content.exercises]
adding = st.expander("Add an entry", icon=":material/add_circle:", expanded=source in ("sample", "session"))
FORM_KEYS = ("log.add.date", "log.add.time", "log.add.pain", "log.add.exercise", "log.add.minutes", "log.add.notes")


def entry_saved(message: str) -> None:
    """Show `message` after the rerun and empty the form (only once saved: a refused entry keeps what was typed)."""
    session_state[state.LOG_FLASH] = ("success", message)
    for key in FORM_KEYS:
        session_state.pop(key, None)
    st.rerun()


with adding, st.form("log.add", border=False):
    when, clock = st.columns(2)
    entry_date = when.date_input("Date", value=today, max_value=today, format="DD/MM/YYYY", key="log.add.date")
    entry_time = clock.time_input("Time (optional)", value=None, step=dt.timedelta(minutes=15),
                                  key="log.add.time")
    pain = st.segmented_control(
        "Pain right now (0 = none, 10 = worst imaginable)", list(range(11)), key="log.add.pain",
        help="Leave it unselected to log only an exercise.",
    )
    what, how_long = st.columns([2, 1])
    exercise = what.selectbox(
        "Exercise (optional)", exercise_names, index=None, accept_new_options=True, key="log.add.exercise",
        placeholder="Pick from the library or type your own",
    )
    minutes = how_long.number_input("Minutes", min_value=0, max_value=painlog.MAX_MINUTES, value=None, step=5,
                                    key="log.add.minutes")
    note = st.text_area("Notes (optional)", max_chars=1000, key="log.add.notes", height=80,
                        placeholder="How did it feel? Anything that made it better or worse?")
    if saves_locally:
        st.caption(f"Saved to `{log_path}` on this computer.")
    else:
        st.caption("Kept in this browser session; download the updated log to keep it.")
    submitted = st.form_submit_button("Save entry", type="primary", icon=":material/save:")

if submitted:
    problem = None
    if minutes is not None and not exercise:
        problem = "Say which exercise the minutes were for: the entry was not saved."
    elif pain is None and not exercise and not (note or "").strip():
        problem = "Add a pain rating, an exercise or a note: an empty entry was not saved."
    if problem:
        st.error(problem, icon=":material/error:")
    else:
        entry = painlog.LogEntry(
            date=entry_date, time=entry_time, pain=None if pain is None else float(pain),
            exercise=(exercise or "").strip(), minutes=None if minutes is None else float(minutes),
            notes=(note or "").strip(),
        )
        described = f"{entry.date:%d %b %Y}" + (f", pain {pain}" if pain is not None else "") + (
            f", {widgets.literal(entry.exercise)}" if entry.exercise else "") + (
            f" {minutes:g} min" if minutes is not None else "")
        if saves_locally:
            try:
                session_state[state.LOG_LAST_SAVE] = painlog.append(log_path, [entry])
            except painlog.LogWriteError as error:
                st.error(str(error), icon=":material/error:")
            else:
                entry_saved(f"Saved: {described}.")
        else:
            key = source_key if source in ("upload", "session") else "session"
            session_rows.setdefault(key, []).append(entry)
            entry_saved(f"Added: {described}. Download the updated log below to keep it.")

last_save = session_state.get(state.LOG_LAST_SAVE)
can_undo_file = source == "local" and last_save is not None and last_save.path == log_path
if (can_undo_file or added) and st.button("Undo the last entry", icon=":material/undo:", key="log.undo"):
    session_state[state.LOG_FLASH] = ("success", "The last entry was removed.")
    if can_undo_file:
        try:
            painlog.undo_last(last_save)
        except painlog.LogWriteError as error:
            session_state[state.LOG_FLASH] = ("warning", str(error))
        session_state.pop(state.LOG_LAST_SAVE, None)
    else:
        session_rows[source_key].pop()
    st.rerun()

# --- the figures ----------------------------------------------------------------------------------------------------

frame, days = cache.log_days(data, date_order, added, lookup)
if frame.empty:
    st.stop()

log_csv = (lambda: painlog.to_csv_bytes(frame)) if len(frame) > EAGER_DOWNLOAD_ROWS else painlog.to_csv_bytes(frame)
if added or source == "session":
    st.download_button(
        "Download the updated log (CSV)", log_csv,
        file_name=(upload.name if upload is not None else "spinewell_log.csv"), mime="text/csv", type="primary",
        icon=":material/download:", key="log.download.updated",
    )

st.header("Your figures")
first, last = days.index[0].date(), days.index[-1].date()
picked = st.date_input("Dates to show", value=(first, last), min_value=first, max_value=last, format="DD/MM/YYYY",
                       key=f"log.range.{source_key}.{date_order}.{first}.{last}")  # new data: show it all again
start, end = (picked[0], picked[-1]) if isinstance(picked, tuple | list) and picked else (first, last)
shown = days[(days.index >= pd.Timestamp(start)) & (days.index <= pd.Timestamp(end))]

daily = analysis.daily_pain(shown)
change = analysis.pain_change(daily)
summary = analysis.summarise(shown)
alert = analysis.worsening_alert(shown, change)

if alert is not None:
    st.warning(
        "**Your pain looks worse lately.** " + " ".join(alert.reasons) + "\n\n" + alert.advice,
        icon=":material/warning:",
    )



def week_on_week(latest: float | None, previous: float | None, digits: int = 0) -> tuple[str | None, str]:
    """The delta text for a metric and whether to colour it (a change of zero is shown grey, not as a rise)."""
    if latest is None or previous is None:
        return None, "off"
    difference = round(latest - previous, digits)
    if difference == 0:
        return "same as last week", "off"
    return f"{difference:+.{digits}f} on last week", "normal"


pain_column, days_column, minutes_column, change_column = st.columns(4)
delta, colour = week_on_week(summary.pain_latest, summary.pain_previous, 1)
pain_column.metric(
    "Pain, last 7 days",
    "No ratings" if summary.pain_latest is None else f"{summary.pain_latest:.1f} / 10",
    delta=delta, delta_color="inverse" if colour == "normal" else "off", border=True,
    delta_arrow="auto" if colour == "normal" else "off",
    help=f"The 7 days up to {summary.end:%d %b %Y}, the last day shown. Lower is better.",
)
delta, colour = week_on_week(summary.exercise_days_latest, summary.exercise_days_previous)
days_column.metric(
    "Exercise days, last 7 days", f"{summary.exercise_days_latest} of 7",
    delta=delta, delta_color=colour, delta_arrow="auto" if colour == "normal" else "off", border=True,
)
delta, colour = week_on_week(summary.aerobic_minutes_latest, summary.aerobic_minutes_previous)
minutes_column.metric(
    "Aerobic, last 7 days", f"{summary.aerobic_minutes_latest:.0f} / {aerobic_target}",
    delta=delta, delta_color=colour, delta_arrow="auto" if colour == "normal" else "off", border=True,
    help=f"Minutes of walking, swimming, cycling and similar. The usual advice is {aerobic_target} minutes a week.",
)
if change.change is not None:
    change_column.metric(
        "Since your first week", f"{change.change:+.1f} points",
        delta={"better": "a real improvement", "worse": "worse", "no_change": "not a real change yet"}[
            change.verdict],
        delta_color={"better": "green", "worse": "red", "no_change": "gray"}[change.verdict],
        delta_arrow="off", border=True,
        help="A fall of 2 points, or of 30% from where you started, is the usual sign of a change that matters.",
    )


def show(view: charts.ChartView, key: str) -> None:
    st.plotly_chart(view.figure, alt=view.alt, key=key, config={"displaylogo": False})
    st.caption(view.summary)


show(charts.pain_trend(daily, analysis.rolling_pain(daily), change), "log.chart.pain")

weekly = analysis.weekly_sessions(shown)
plan = session_state.get(state.CHOSEN_PLAN)
plan_weeks = analysis.plan_targets(plan.weekly_targets, weekly.index) if plan is not None else None
with_plan = plan_weeks is not None and plan_weeks.notna().any().any()
show(charts.weekly_sessions(weekly, plan_weeks if with_plan else targets, through=end), "log.chart.sessions")
show(charts.aerobic_minutes(analysis.weekly_minutes(shown)["aerobic"], aerobic_target, through=end),
     "log.chart.aerobic")

st.subheader("How often you reach the targets")
# In a log kept up to date (local or this session), weeks up to today are over even if nothing was logged in them.
live = source in ("local", "session") and end == last
complete = analysis.complete_weeks(weekly, max(end, today) if live else end)
if complete.empty:
    st.caption("No complete week (Monday to Sunday) in the dates shown yet.")
else:
    table = analysis.adherence(complete, targets)
    st.dataframe(
        pd.DataFrame({
            "Type": [charts.TYPE_LABELS[t] for t in table["type"]],
            "Target": [f"{n} days a week" for n in table["target"]],
            "Weeks reached": [f"{m} of {w}" for m, w in zip(table["weeks_met"], table["weeks"], strict=True)],
            "Average days a week": table["mean_per_week"].round(1),
        }),
        hide_index=True, width="stretch",
    )
    st.caption("Counted over complete weeks, Monday to Sunday. A day with any core exercise counts once for core.")
if plan is not None:
    planned = analysis.plan_adherence(weekly, analysis.weekly_minutes(shown), plan.weekly_targets, min(end, today))
    if planned.empty:
        st.caption("Your plan's first week has not started in the dates shown.")
    else:
        st.markdown("**Against your plan**")
        st.dataframe(
            pd.DataFrame({
                "Week of": planned["week"].dt.date,
                "Type": [charts.TYPE_LABELS.get(t, t) for t in planned["type"]],
                "Sessions": [f"{d} of {p}" for d, p in
                             zip(planned["done_sessions"], planned["planned_sessions"], strict=True)],
                "Minutes": [f"{d:.0f} of {p}" if p else "" for d, p in
                            zip(planned["done_minutes"], planned["planned_minutes"], strict=True)],
                "Done": ["yes" if met else "not yet" for met in planned["met"]],
            }),
            hide_index=True, width="stretch",
        )

show(charts.activity_calendar(shown), "log.chart.calendar")

comparison = analysis.exercise_vs_rest(shown)
if comparison.enough:
    show(charts.exercise_vs_rest(comparison), "log.chart.rest")
else:
    st.caption(comparison.text)

# --- the entries themselves (as data, never as formatted text) --------------------------------------------------

st.subheader("Entries")
entries = frame[(frame["date"] >= pd.Timestamp(start)) & (frame["date"] <= pd.Timestamp(end))]
with_notes = st.toggle("Only entries with notes", key="log.only_notes")
if with_notes:
    entries = entries[entries["notes"].str.len() > 0]
latest = entries.iloc[::-1].head(MAX_ROWS_SHOWN)


def number_text(values: pd.Series) -> list[str]:
    return ["" if pd.isna(v) else f"{v:g}" for v in values]


st.dataframe(
    pd.DataFrame({
        "Date": latest["date"].dt.strftime("%a %d/%m/%Y"), "Time": latest["time"].fillna(""),
        "Pain": number_text(latest["pain"]), "Exercise": latest["exercise"], "Minutes": number_text(latest["minutes"]),
        "Notes": latest["notes"],
    }),
    hide_index=True, width="stretch",
    column_config={
        "Date": st.column_config.TextColumn("Date", width=120),
        "Time": st.column_config.TextColumn("Time", width=60),
        "Pain": st.column_config.TextColumn("Pain", width=50),
        "Exercise": st.column_config.TextColumn("Exercise", width=170),
        "Minutes": st.column_config.TextColumn("Minutes", width=70),
    },
)
if len(entries) > MAX_ROWS_SHOWN:
    st.caption(f"Showing the latest {MAX_ROWS_SHOWN} of {len(entries):,} entries. The download has them all.")
st.download_button(
    "Download this log (CSV)", log_csv, file_name="spinewell_log.csv", mime="text/csv",
    icon=":material/download:", key="log.download.all",
    help="UTF-8, comma separated, ISO dates. Cells that a spreadsheet would run as a formula start with '.",
)
