"""The diary's entry form, for a new entry and for changing a past one (the same fields, the same rules), and the
way to pick a past entry to change or delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from spinewell.log import edits, source, store
from spinewell.log.entry import MAX_MINUTES, EntryError, LogEntry
from spinewell.ui import state, widgets

FormValues = tuple[dt.date, dt.time | None, float | None, str | None, float | None, str | None]


def form_key(prefix: str) -> str:
    """The key of a form and its widgets for this round: it moves on after each save, so the browser draws new,
    empty widgets (popping widget keys from the session does not clear what a browser already shows)."""
    return f"{prefix}.{st.session_state.get(state.LOG_FORM_ROUNDS, {}).get(prefix, 0)}"


def next_round(prefix: str) -> None:
    """Move the form `prefix` on to new widgets: empty ones for a new entry, none picked for a change."""
    rounds = st.session_state.setdefault(state.LOG_FORM_ROUNDS, {})
    rounds[prefix] = rounds.get(prefix, 0) + 1


def fields(key: str, exercises: Sequence[str], today: dt.date, entry: LogEntry | None = None) -> FormValues:
    """The entry's fields inside the caller's form, empty or holding `entry`; their values as LogEntry.from_form
    takes them."""
    when, clock = st.columns(2)
    day = entry.date if entry else today
    date = when.date_input("Date", value=day, max_value=max(day, today), format="DD/MM/YYYY", key=f"{key}.date")
    time = clock.time_input("Time (optional)", value=entry.time if entry else None, step=dt.timedelta(minutes=15),
                            key=f"{key}.time")
    pain = _pain_scale(key, entry.pain if entry else None)
    what, how_long = st.columns([2, 1])
    names = _with(list(exercises), entry.exercise if entry and entry.exercise else None)
    exercise = what.selectbox("Exercise (optional)", names, accept_new_options=True, key=f"{key}.exercise",
                              index=names.index(entry.exercise) if entry and entry.exercise else None,
                              placeholder="Pick from the library or type your own")
    minutes = _whole(entry.minutes) if entry else None
    fractional = isinstance(minutes, float)
    minutes = how_long.number_input("Minutes", min_value=0.0 if fractional else 0,
                                    max_value=float(MAX_MINUTES) if fractional else MAX_MINUTES, value=minutes,
                                    step=5.0 if fractional else 5, key=f"{key}.minutes")
    notes = st.text_area("Notes (optional)", value=entry.notes if entry else "", max_chars=1000, height=80,
                         key=f"{key}.notes", placeholder="How did it feel? Anything that made it better or worse?")
    return date, time, pain, exercise, minutes, notes


NO_RATING = -1  # the pain scale's first stop: no rating, to log only an exercise
PAIN_WORDS = {NO_RATING: "No rating", 0: "0: none", 10: "10: worst"}


def _pain_scale(key: str, pain: float | None) -> float | None:
    """The 0-10 pain scale on one row at every width (a slider: a row of 11 buttons wraps on a phone), its ends in
    words, starting at "No rating"; a past entry's rating that is not a whole number is kept as a stop of its own."""
    stops = sorted({NO_RATING, *range(11), *(() if pain is None else (_whole(pain),))})
    chosen = st.select_slider("Pain right now (0 = none, 10 = worst imaginable)", stops, key=f"{key}.pain",
                              value=NO_RATING if pain is None else _whole(pain),
                              format_func=lambda stop: PAIN_WORDS.get(stop, str(stop)),
                              help="Leave it at “No rating” to log only an exercise.")
    return None if chosen == NO_RATING else chosen


@dataclass(frozen=True)
class Pick:
    """A past entry offered to change: a key naming it as it is now, and how to change it (to an entry, or None to
    delete it), which returns what to tell the person."""

    key: str
    entry: LogEntry
    change: Callable[[LogEntry | None], str]
    kept: str = ""  # what is kept of the diary as it was, said before a delete


def local_picks(log: source.LogSource) -> list[Pick]:
    """The local log's most recent entries, each changed in the file with a backup kept."""
    path = log.path  # (not the whole LogSource, which holds the file's bytes: a picked entry stays in the session)

    def change(row: edits.StoredRow) -> Callable[[LogEntry | None], str]:
        def apply(entry: LogEntry | None) -> str:
            kept = edits.replace_row(path, row, entry)
            st.session_state.pop(state.LOG_LAST_SAVE, None)  # "Undo" no longer knows what the file ends with
            done = "The entry was deleted." if entry is None else "The entry was changed."
            return f"{done} The file as it was before is kept as `{kept.name}`, next to it."
        return apply

    kept = "A copy of the file as it is now is kept next to it."
    return [Pick(f"row-{row.number}", row.entry, change(row), kept) for row in edits.stored_rows(path)]


def session_picks(entries: list[LogEntry]) -> list[Pick]:
    """The entries kept in this session, newest first, each changed in the session (after checking it is still
    the one that was picked)."""
    def change(index: int, picked: LogEntry) -> Callable[[LogEntry | None], str]:
        def apply(entry: LogEntry | None) -> str:
            if index >= len(entries) or entries[index] != picked:
                raise store.LogChangedError("That entry has changed since you picked it, so nothing was changed. "
                                            "Pick it again from the list.")
            if entry is None:
                del entries[index]
                return "The entry was deleted."
            entries[index] = entry
            return "The entry was changed."
        return apply

    return [Pick(f"kept-{i}", e, change(i, e)) for i, e in reversed(list(enumerate(entries)))]


def past_entries(log: source.LogSource, session_entries: dict[str, list[LogEntry]], exercises: Sequence[str],
                 today: dt.date) -> None:
    """Change or delete a past entry: of the local log (in the file, a backup kept) or kept in this session; the
    rows of an uploaded file are the person's own file, changed in their spreadsheet."""
    if log.kind == "upload":
        st.caption("The rows of an uploaded file can't be changed here: change them in your spreadsheet and upload "
                   "it again." + (" The entries you added here can be changed." if log.entries else ""))
    if (log.kind != "local" and not log.entries) or not st.toggle("Change or delete a past entry",
                                                                  key="log.edit.open"):
        return
    try:
        picks = local_picks(log) if log.kind == "local" else session_picks(session_entries[log.entries_key])
    except store.UnreadableLogError:
        st.warning("Past entries can't be changed here: this file isn't in Spinewell's own format, or can't be "
                   "read, so Spinewell leaves it as it is. Change it in the program that made it.",
                   icon=":material/lock:")
        return
    except (store.LogWriteError, OSError) as error:
        st.warning(f"Past entries can't be changed here ({getattr(error, 'strerror', None) or error}).",
                   icon=":material/lock:")
        return
    if not picks:
        st.caption("There is no entry here that Spinewell can change yet.")
        return
    key = form_key("log.edit")
    by_key = {pick.key: pick for pick in picks}
    chosen = st.selectbox(f"Entry to change (the latest {len(picks)}, newest first)", list(by_key), index=None,
                          format_func=lambda k: edits.describe(by_key[k].entry), key=f"{key}.pick",
                          placeholder="Pick an entry")
    if chosen is None:
        return
    # The entry as it was when picked: a change is checked against it, so an entry that another window or program
    # changed meanwhile is refused rather than overwritten.
    picked = st.session_state.get(state.LOG_EDIT_PICKED)
    if picked is None or picked.key != chosen:
        picked = st.session_state[state.LOG_EDIT_PICKED] = by_key[chosen]
    if picked.entry != by_key[chosen].entry:
        _done("That entry was changed by another window or program since you picked it, so nothing was changed. "
              "Pick it again from the list.", "warning")
    if st.session_state.get(state.LOG_DELETE_PENDING) == chosen:
        _confirm_delete(picked, key)
    else:
        _change_form(picked, f"{key}.{chosen}", exercises, today)


def _change_form(pick: Pick, key: str, exercises: Sequence[str], today: dt.date) -> None:
    with st.form(key):
        values = fields(key, exercises, today, pick.entry)
        save, delete = st.columns(2)
        saved = save.form_submit_button("Save changes", type="primary", icon=":material/save:")
        deleting = delete.form_submit_button("Delete this entry", icon=":material/delete:")
    if deleting:
        st.session_state[state.LOG_DELETE_PENDING] = pick.key
        st.rerun()
    if saved:
        try:
            message = pick.change(LogEntry.from_form(*values))
        except store.LogChangedError as error:
            _done(str(error), "warning")
        except (EntryError, store.LogWriteError) as error:
            st.error(str(error), icon=":material/error:")  # what was typed stays in the form, to correct it
        else:
            _done(message)


def _confirm_delete(pick: Pick, key: str) -> None:
    st.warning(f"Delete this entry? {widgets.literal(edits.describe(pick.entry))}. {pick.kept}".rstrip(),
               icon=":material/delete:")
    yes, no = st.columns(2)
    if yes.button("Yes, delete it", type="primary", key=f"{key}.delete.yes"):
        try:
            message = pick.change(None)
        except store.LogChangedError as error:
            _done(str(error), "warning")
        except store.LogWriteError as error:
            st.error(str(error), icon=":material/error:")
        else:
            _done(message)
    if no.button("Keep it", key=f"{key}.delete.no"):
        st.session_state.pop(state.LOG_DELETE_PENDING, None)
        st.rerun()


def _done(message: str, kind: str = "success") -> None:
    """Say what happened once the page is drawn again, with nothing picked and new, empty widgets."""
    st.session_state[state.LOG_FLASH] = (kind, message)
    st.session_state.pop(state.LOG_DELETE_PENDING, None)
    st.session_state.pop(state.LOG_EDIT_PICKED, None)
    next_round("log.edit")
    st.rerun()


def _whole(value: float | None) -> int | float | None:
    return int(value) if value is not None and value == int(value) else value


def _with(options: list, value: object) -> list:
    return options if value is None or value in options else [*options, value]
