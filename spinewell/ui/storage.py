"""Remembering the person between visits: their profile loaded on a session's first run, saved after every run."""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from typing import Any

import streamlit as st
from streamlit.runtime.state.session_state_proxy import get_session_state

from spinewell.assessment import steps
from spinewell.storage import browser, profile
from spinewell.storage.backends import StorageError, open_store
from spinewell.storage.keys import PROFILE_KEYS
from spinewell.storage.profile import ProfileProblem
from spinewell.storage.restore import QUESTIONS_CHANGED, restore
from spinewell.storage.settings import (
    HOSTED,
    SettingsError,
    StorageSettings,
    shared_without_saying,
    storage_settings,
)
from spinewell.ui import browser_store, bundle_panel, cache, diary
from spinewell.ui.state import (
    FLASH_SHOWN,
    LOG_SESSION_ROWS,
    PROFILE_FLASH,
    PROFILE_PROBLEM,
    PROFILE_SAVE_PROBLEM,
    PROFILE_SAVED,
)

SHARED = (
    "**Spinewell is not ready to be shared like this.** It was started so that other computers can open it, but it "
    "would keep one diary and one set of answers for everyone who does: each person would see the others' data.\n\n"
    "Whoever runs it, choose one and start it again:\n"
    "- to host it for several people, set `SPINEWELL_STORAGE=browser`: each person's data then stays in their own "
    "browser;\n"
    "- to use it yourself from your phone at home, set `SPINEWELL_STORAGE=local`: anyone on your network who opens "
    "it then sees your data too."
)


def where_kept_short() -> str:
    """Home's line on where things are kept, by the backend: nothing on a server in hosted mode."""
    backend = storage_settings().backend
    where = {HOSTED: "Everything stays in this browser, on this device",
             "session": "Nothing is kept once this tab closes, unless you download it"}.get(
        backend, "Everything stays on the computer running Spinewell")
    return f"{where}: no account, no tracking."


def where_kept_in_words(settings: StorageSettings) -> str:
    """Where the person's answers, plan and diary are kept, in a sentence for the About page: in hosted mode
    without any server path or file name."""
    if settings.backend == HOSTED:
        return ("Your safety check, answers, plan, progress and diary are kept in this browser, on this device; the "
                "server running Spinewell keeps none of it. Another browser or device does not see it: the Your "
                "data page gives you one file to take it there.")
    if settings.backend == "session":
        return ("Your safety check, answers, plan and progress are kept only while this tab is open, and "
                "\"Download everything\" in the sidebar gives you a copy."
                + (" Your diary is saved in one CSV file on the computer running the app." if settings.log_path
                   else ""))
    diary_kept = (" and your diary in one CSV file beside it" if settings.log_path else
                  "; your diary is kept only while this tab is open (saving it is turned off)")
    return ("Your safety check, answers, plan and progress are kept in one file on the computer running the app "
            f"(`profile.json` in the data folder){diary_kept}, so they are still there when you come back. Whoever "
            "runs the app can keep nothing instead with `SPINEWELL_STORAGE=session`, or keep it in each person's "
            "browser with `SPINEWELL_STORAGE=browser`.")


def remember() -> None:
    """Before the page runs: on a session's first run, put the saved profile into the session (only keys it does not
    hold yet) and make the result again; then say what needs saying: a damaged profile (on every page, with Start
    again), a failed save, answers dropped by a content edit (once). With the session backend, offer the download."""
    settings = _settings()
    if settings.backend == HOSTED:
        held = browser_store.sync()
        if held is not None and held.elsewhere:
            _replace_in_session(held)
        elif held is not None:
            _put_in_session(held.data, held.problem, held.entries)
            if held.cleared:
                st.session_state[PROFILE_FLASH] = ("error", browser.CLEARED_MESSAGE)
    elif PROFILE_SAVED not in st.session_state and PROFILE_PROBLEM not in st.session_state:
        _load(settings)
    save()  # what the callbacks before this run changed (and what a stopped run before could not save)
    if PROFILE_PROBLEM in st.session_state:
        _damaged(settings, st.session_state[PROFILE_PROBLEM])
    if PROFILE_SAVE_PROBLEM in st.session_state:
        st.warning(st.session_state[PROFILE_SAVE_PROBLEM], icon=":material/save:")
    st.session_state.pop(FLASH_SHOWN, None)
    if PROFILE_FLASH in st.session_state:
        kind, message = st.session_state[FLASH_SHOWN] = st.session_state.pop(PROFILE_FLASH)
        {"success": st.success, "error": st.error}.get(kind, st.info)(message, icon=":material/info:")
        if message == QUESTIONS_CHANGED:
            st.page_link("pages/assessment.py", label="Answer them now", icon=":material/arrow_forward:")
    if not settings.keeps_files:
        _download(settings)


def after_page() -> None:
    """After a page ran to its end (app.py): with the browser backend, what the page itself changed (an entry
    saved on Today, the end of a guided session, the assessment's result) is written by one more run, since the
    component was drawn before the page; so a reload straight after loses nothing."""
    session = st.session_state
    if PROFILE_SAVED in session:
        _keep_plan_start(session)
    if storage_settings().backend != HOSTED:
        return
    if browser_store.pending(session):
        if FLASH_SHOWN in session:
            session[PROFILE_FLASH] = session.pop(FLASH_SHOWN)  # the one more run shows it too
        st.rerun()
    browser_store.delivered(session)


def save() -> None:
    """After every run (app.py calls it in a `finally`, so also after st.stop and st.rerun): save the profile if
    any of its values changed. It draws nothing, since after st.stop any element would stop the script again; a
    failure is kept in the session and shown at the top of the next run."""
    session = _state_underneath()
    saved = _get(session, PROFILE_SAVED)
    if saved is None:
        return  # not loaded yet, or a damaged profile is kept out: nothing may be written over it
    _keep_plan_start(session)
    data = profile.kept(session, saved)
    if data == saved:
        return
    try:
        settings = storage_settings()
        if settings.backend == HOSTED:
            return  # the browser is written at the top of the next run (browser_store.sync), and by after_page
        kept_now = open_store(settings).save_over(saved, data)
    except ProfileProblem as problem:  # the file was damaged since it was loaded: show it, keep it
        del session[PROFILE_SAVED]
        session[PROFILE_PROBLEM] = problem.message
        return
    except (StorageError, SettingsError) as error:
        session[PROFILE_SAVE_PROBLEM] = str(error)
        return
    if kept_now != data:
        _take_from_another_window(session, data, kept_now)
    session[PROFILE_SAVED] = kept_now
    if PROFILE_SAVE_PROBLEM in session:
        del session[PROFILE_SAVE_PROBLEM]


def _take_from_another_window(session: MutableMapping[str, Any], data: dict[str, Any], kept_now: dict[str, Any]) \
        -> None:
    """The values another window saved since this one loaded (storage.save kept them): into this session too, so
    its next save keeps them, and what was made from the old ones is made again."""
    for key in [*(key for key in data if key not in kept_now), *steps.MADE_FROM_ANSWERS]:
        if key in session:
            del session[key]
    for key, value in profile.to_session({key: value for key, value in kept_now.items()
                                          if data.get(key) != value}).items():
        session[key] = value


def _keep_plan_start(session: MutableMapping[str, Any]) -> None:
    start = getattr(_get(session, steps.CHOSEN_PLAN), "start_date", None)
    if isinstance(start, dt.date) and steps.PLAN_START not in session:
        # Keep the start the person was shown: left unset, it would move to the next Monday on every visit.
        session[steps.PLAN_START] = start


def _state_underneath() -> MutableMapping[str, Any]:
    """The session state as the save after the page must read it.

    st.stop leaves its stop request in place until the run ends, and st.session_state checks for one on every read
    and write (SafeSessionState calls the script runner's yield callback), so after st.stop any use of it raises
    StopException again and nothing would be saved. The state underneath holds the same values without that check.
    Should a later Streamlit not have it, st.session_state is used, and remember() saves at the start of the next
    run what a stopped run could not.
    """
    safe = get_session_state()
    underneath = vars(safe).get("_state")
    return underneath if underneath is not None else st.session_state


def _get(session: MutableMapping[str, Any], key: str) -> Any:
    return session[key] if key in session else None  # noqa: SIM401 (the state underneath has no .get)


def _settings() -> StorageSettings:
    try:
        settings = storage_settings()
    except SettingsError as error:
        st.error(f"{error}\n\nWhoever runs the app can change the setting and start it again.",
                 icon=":material/settings:")
        st.stop()
    if shared_without_saying(st.get_option("server.address")):
        st.error(SHARED, icon=":material/lan:")
        st.stop()
    return settings


def _load(settings: StorageSettings) -> None:
    loaded = open_store(settings).load()
    _put_in_session(loaded.data, None if loaded.problem is None else loaded.problem.message)


def _put_in_session(data: dict[str, Any], problem: str | None, entries: tuple = ()) -> None:
    """A profile (and, from the browser, a diary) as loaded, into the session; a problem keeps them out."""
    if problem is not None:
        st.session_state[PROFILE_PROBLEM] = problem
        return
    restored = restore(profile.to_session(data), cache.content(), dt.date.today())
    for key, value in restored.session.items():
        if key not in st.session_state:
            st.session_state[key] = value
    if entries:
        diary.session_rows().setdefault("session", []).extend(entries)
    st.session_state[PROFILE_SAVED] = data  # as loaded: the fitted answers differ, so they get saved
    if restored.notice:
        st.session_state[PROFILE_FLASH] = ("info", restored.notice)


def _replace_in_session(held: browser.Held) -> None:
    """What another tab of this browser saved, in place of what this session held, and why the page changed."""
    session = st.session_state
    for key in (*PROFILE_KEYS, *steps.MADE_FROM_ANSWERS, PROFILE_SAVED, PROFILE_PROBLEM):
        session.pop(key, None)
    session[LOG_SESSION_ROWS] = {}
    _put_in_session(held.data, held.problem, held.entries)
    session[PROFILE_FLASH] = ("error", browser.OVERTAKEN_MESSAGE) if held.refused else \
        ("info", browser.ELSEWHERE_MESSAGE)


def _damaged(settings: StorageSettings, message: str) -> None:
    """The damaged profile, what it means, and the two ways on: put a good copy back, or start again."""
    if settings.backend == HOSTED:  # no file and no server folder to name: it is in the person's own browser
        st.error(
            "**Spinewell could not open what it remembers about you.** What this browser keeps for Spinewell "
            f"cannot be used. {message}\n\n"
            "Nothing you do now will be saved, so it stays exactly as it is. If you have a file made by Download "
            "everything, load it back on the Your data page. Or start again: the old data is kept in this browser "
            "under another name, and Spinewell starts with nothing remembered.",
            icon=":material/error:",
        )
    else:
        where = f"`{settings.profile_path.name}` in the folder `{settings.data_dir}`"
        st.error(
            f"**Spinewell could not open what it remembers about you.** The file that keeps your answers and your "
            f"plan, {where}, cannot be used. {message}\n\n"
            "Nothing you do now will be saved, so the file stays exactly as it is. If you have a good copy of it, "
            "put it back in its place and reload the page. Or start again: the old file is kept beside it under a "
            "new name, and Spinewell starts with nothing remembered.",
            icon=":material/error:",
        )
    st.button("Start again", key="storage.start_again", on_click=_start_again, args=(settings,),
              icon=":material/restart_alt:")


def _start_again(settings: StorageSettings) -> None:
    if settings.backend == HOSTED:
        browser_store.put_aside(st.session_state[PROFILE_PROBLEM], dt.datetime.now())
        kept = " The old data is kept in this browser under another name, in case it can be mended."
    else:
        try:
            aside = open_store(settings).start_again()
        except StorageError as error:
            st.session_state[PROFILE_FLASH] = ("error", error.message)
            return
        kept = f" The old file is kept as `{aside.name}` in `{aside.parent}`." if aside else ""
    del st.session_state[PROFILE_PROBLEM]
    st.session_state[PROFILE_SAVED] = {}
    st.session_state[PROFILE_FLASH] = ("success", f"Started again with nothing remembered.{kept}")


def _download(settings: StorageSettings) -> None:
    """The session and browser backends keep no file: everything as a file to keep, and where it is said."""
    bundle_panel.download(settings, st.sidebar)
    st.sidebar.caption("Your answers, plan and diary are kept in this browser, not on the server. Download them to "
                       "keep a copy." if settings.backend == HOSTED else
                       "Your answers, plan and diary are kept only while this tab is open. Download them to keep a "
                       "copy.")
    st.sidebar.page_link(bundle_panel.PRIVACY_PAGE, label="Your data and privacy", icon=":material/shield_person:")
