"""Pain and activity log: pick a source, add an entry, see what was skipped, see the charts."""

import streamlit as st

from spinewell import palette
from spinewell.analysis import pain, tables, weeks
from spinewell.log import describe, source, store
from spinewell.log.entry import EntryError, LogEntry
from spinewell.ui import (
    cache,
    diary,
    entry_form,
    goals_panel,
    log_charts,
    log_figures,
    state,
    summary_download,
    widgets,
)

content = cache.content()
session_state = st.session_state
lookup = tuple(sorted(content.exercise_type_lookup().items()))
targets = weeks.frequency_targets(content.exercise_types)
aerobic_target = weeks.aerobic_minutes_target(content.exercise_types)
styles = palette.type_styles(content)
labels = {type_id: style.label for type_id, style in styles.items()}
today = source.today()
MAX_ROWS_SHOWN = 500
EAGER_DOWNLOAD_ROWS = 20_000  # larger logs are turned into CSV only when the download is clicked
TEMPLATE = dict(data=store.template_csv(), file_name="spinewell_log_template.csv", mime="text/csv",
                icon=":material/download:")
# Short headings and set widths: the target tables fit a 320-390 px phone without scrolling sideways (the full
# heading is the column's tooltip).
ADHERENCE_COLUMNS = {
    "Type": st.column_config.TextColumn("Type", width=80),
    "Target": st.column_config.TextColumn("Target", width=105),
    "Weeks reached": st.column_config.TextColumn("Weeks", help="Weeks reached", width=60),
    "Average days a week": st.column_config.NumberColumn("Average", help="Average days a week", width=70),
}
PLAN_COLUMNS = {
    "Week of": st.column_config.DateColumn("Week of", format="D MMM", width=70),
    "Type": st.column_config.TextColumn("Type", width=80),
    "Sessions": st.column_config.TextColumn("Sessions", width=70),
    "Minutes": st.column_config.TextColumn("Minutes", width=75),
    "Done": st.column_config.TextColumn("Done", width=60),
}
FLASHES = {"success": (st.success, ":material/check_circle:"), "warning": (st.warning, ":material/warning:")}

st.title("Pain and activity log")
st.markdown("Keep a diary of your pain (0 = no pain, 10 = the worst you can imagine) and the exercise you do, and "
            "see at a glance whether your pain is going down and whether you move as often as recommended.")

# --- where the log comes from ---------------------------------------------------------------------------------------

with st.expander("Upload a log from a spreadsheet or another app", icon=":material/upload_file:"):
    upload = st.file_uploader("CSV file or spreadsheet", type=["csv", "txt", "tsv", "xlsx", "ods", "xls"],
                              key="log.upload", help=(
        "A row per entry with a date, and a pain rating and/or an exercise. A CSV (comma, semicolon or tab separated) "
        "or a spreadsheet (.xlsx, .ods, .xls: its first sheet is read); headers like Date, Pain (0-10), Activity, "
        "Duration (min), Notes are recognised. Exports from Strava, Garmin Connect and Bearable work too."))
    st.caption(f"Files up to {st.get_option('server.maxUploadSize')} MB. "  # the limit in the units people see
               "The file stays in this browser session: it is not saved on the server and nobody else can see it. "
               "Entries you add while it is shown are kept with it, and you can download the updated file.")
    st.download_button("Download an empty template", key="log.template.top", **TEMPLATE)

session_rows = diary.session_rows()
uploaded = None if upload is None else source.Upload(upload.name, upload.file_id, upload.getvalue())
log = source.choose(uploaded, source.local_log_path(), session_rows, cache.sample_log_bytes(today))
notice, icon = describe.source_notice(log, widgets.literal)
if icon is None:
    st.caption(notice)
else:
    st.info(notice, icon=icon)
if log.problem is not None:
    st.warning(log.problem, icon=":material/folder_off:")
if (flash := session_state.pop(state.LOG_FLASH, None)) is not None:
    say, flash_icon = FLASHES[flash[0]]
    with st.container(key="log-flash"):  # what was just saved or removed: the focus goes to it
        say(flash[1], icon=flash_icon)
    widgets.bring_into_view("log-flash")

# --- reading it -----------------------------------------------------------------------------------------------------

date_order = "auto"
parsed = cache.parsed_log(log.data, log.added, date_order, today)
if parsed.ambiguous_dates:
    choice = st.radio(describe.DATE_ORDER_QUESTION, list(describe.DATE_ORDERS), key=f"log.date_order.{log.key}",
                      horizontal=True)
    date_order = describe.DATE_ORDERS[choice]
    parsed = cache.parsed_log(log.data, log.added, date_order, today)

if parsed.issues:
    with st.expander(describe.issues_heading(parsed), icon=":material/warning:", expanded=parsed.error is not None):
        st.caption(describe.issues_caption(log, parsed))
        st.dataframe(describe.issues_table(parsed.issues), hide_index=True, width="stretch", column_config={
            **describe.ISSUE_HEADINGS, "row": st.column_config.NumberColumn("Row", format="%d")})
        st.download_button("Download this list", store.issues_csv_bytes(parsed.issues), file_name="skipped_rows.csv",
                           mime="text/csv", icon=":material/download:", key="log.issues.download")
if parsed.error is not None:
    st.error(parsed.error, icon=":material/error:")
    st.download_button("Download a template to fill in", key="log.template.error", **TEMPLATE)
    if log.kind == "local":
        st.warning(f"Spinewell will not add to or change `{log.path}` while it can't be read. Move the file away (or "
                   "fix it) to start a new log.", icon=":material/lock:")
if (reading := describe.reading_notes(parsed, uploaded=log.kind == "upload", quote=widgets.literal)) is not None:
    st.caption(reading)

# --- adding an entry ------------------------------------------------------------------------------------------------

with st.expander("Add an entry", icon=":material/add_circle:", expanded=log.kind in ("sample", "session")), \
        st.form(add_key := entry_form.form_key("log.add"), border=False):
    values = entry_form.fields(add_key, [e.name for e in content.exercises], today)
    st.caption(diary.where_kept(log))
    submitted = st.form_submit_button("Save entry", type="primary", icon=":material/save:")

if submitted:
    try:
        entry = LogEntry.from_form(*values)
        diary.keep(log, [entry])
    except (EntryError, store.LogWriteError) as error:
        st.error(str(error), icon=":material/error:")  # what was typed stays in the form, to correct it
    else:
        session_state[state.LOG_FLASH] = ("success", describe.kept_message(entry, saved=log.keeps_for_good,
                                                                           quote=widgets.literal))
        entry_form.next_round("log.add")  # new widgets: a browser shows them empty
        st.rerun()

last_save = session_state.get(state.LOG_LAST_SAVE)
if log.can_undo(last_save) and st.button("Undo the last entry", icon=":material/undo:", key="log.undo"):
    session_state[state.LOG_FLASH] = ("success", "The last entry was removed.")
    if log.undoes_save(last_save):
        try:
            store.undo_last(last_save)
        except store.LogWriteError as error:
            session_state[state.LOG_FLASH] = ("warning", str(error))
        session_state.pop(state.LOG_LAST_SAVE, None)
    else:
        session_rows[log.key].pop()
    st.rerun()
entry_form.past_entries(log, session_rows, [e.name for e in content.exercises], today)

# --- the figures ----------------------------------------------------------------------------------------------------

goals_panel.log_section()  # the person's own goals, whichever diary is shown and even when it can't be read
if (frame := parsed.frame).empty:
    st.stop()
diary_key = log_charts.data_key(log.data, log.added, date_order, today)
days = log_figures.days(diary_key, log.data, log.added, date_order, today, lookup)
log_csv = (cache.log_csv_later(log.data, log.added, date_order, today) if len(frame) > EAGER_DOWNLOAD_ROWS
           else log_charts.csv_bytes(diary_key, frame))
if log.entries:
    st.download_button("Download the updated log (CSV)", log.updated_file(log_csv), file_name=log.updated_name,
                       mime="text/csv", type="primary", icon=":material/download:", key="log.download.updated")

st.header("Your figures")
first, last = days.index[0].date(), days.index[-1].date()
picked = st.date_input("Dates to show", value=(first, last), min_value=first, max_value=last, format="DD/MM/YYYY",
                       key=f"log.range.{log.key}.{date_order}.{first}.{last}")  # new data: show it all again
start, end = (picked[0], picked[-1]) if isinstance(picked, tuple | list) and picked else (first, last)
early_episode = pain.is_early_episode(session_state.get(state.ANSWERS) or {})
plan = session_state.get(state.CHOSEN_PLAN)
found = log_figures.figures(diary_key, days, start, end, early_episode=early_episode, today=today,
                            weeks_over=weeks.weeks_over_by(end, last, today, log.kept_up_to_date), targets=targets,
                            plan=None if plan is None else plan.weekly_targets, aerobic_target=aerobic_target,
                            labels=labels)
if (alert := found.alert) is not None:
    questionnaire = content.questionnaire
    st.warning(f"**Your pain looks worse lately.** {' '.join(alert.reasons)}\n\n{alert.advice}\n\n"
               f"{widgets.emergency_line(questionnaire.screen, questionnaire.safety.emergency)}",
               icon=":material/warning:")
    st.page_link("pages/assessment.py", label="Go through the safety check again", icon=":material/checklist:")
elif found.steady is not None:
    st.info(found.steady.text, icon=":material/info:")
for column, metric in zip(st.columns(4), found.metrics, strict=False):
    column.metric(metric.label, metric.value, delta=metric.delta, delta_color=metric.colour, border=True,
                  delta_arrow="auto" if metric.arrow else "off", help=metric.help)
if found.coming:
    st.info("**As you keep logging**\n\n" + "\n".join(f"- {note}" for note in found.coming),
            icon=":material/event:")
with st.expander("How Spinewell judges a change in your pain", icon=":material/help:"):
    st.markdown("\n".join(f"- {rule}" for rule in tables.HOW_CHANGE_IS_JUDGED))

log_charts.chosen_chart(log_charts.Shown(f"{diary_key}|{start}|{end}", found.shown, found.daily, found.change,
                                         early_episode, start, end, targets,
                                         None if plan is None else plan.weekly_targets, aerobic_target, styles))

st.subheader("How often you reach the targets")
if found.adherence is None:
    st.caption("No complete week (Monday to Sunday) in the dates shown yet.")
else:
    st.dataframe(found.adherence, hide_index=True, width="stretch", column_config=ADHERENCE_COLUMNS)
    st.caption("Counted over complete weeks, Monday to Sunday. A day with any core exercise counts once for core.")
if found.planned is not None:
    if found.planned.empty:
        st.caption("Your plan's first week has not started in the dates shown.")
    else:
        st.markdown("**Against your plan**")
        st.dataframe(found.planned, hide_index=True, width="stretch", column_config=PLAN_COLUMNS)

# --- the entries themselves (as data, never as formatted text) --------------------------------------------------

st.subheader("Entries")
entries, total = log_figures.entries(diary_key, frame, start, end, MAX_ROWS_SHOWN,
                                     st.toggle("Only entries with notes", key="log.only_notes"))
st.dataframe(entries, hide_index=True, width="stretch", column_config={
    name: st.column_config.TextColumn(name, width=width) for name, width in describe.ENTRY_WIDTHS.items()})
if total > MAX_ROWS_SHOWN:
    st.caption(f"Showing the latest {MAX_ROWS_SHOWN} of {total:,} entries. The download has them all.")
st.download_button("Download this log (CSV)", log_csv, file_name=source.DOWNLOAD_NAME, mime="text/csv",
                   icon=":material/download:", key="log.download.all", help=describe.DOWNLOAD_HELP)
summary_download.summary_downloads(log, today, key="log")
