"""Remembering the person between visits: their profile loaded on a session's first run, saved after every run."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from spinewell.assessment import steps
from spinewell.storage import profile
from spinewell.storage.backends import StorageError, open_store
from spinewell.storage.profile import ProfileProblem
from spinewell.storage.restore import restore
from spinewell.storage.settings import SettingsError, StorageSettings, storage_settings
from spinewell.ui import cache
from spinewell.ui.state import PROFILE_FLASH, PROFILE_PROBLEM, PROFILE_SAVE_PROBLEM, PROFILE_SAVED

DOWNLOAD_NAME = "spinewell-profile.json"


def remember() -> None:
    """Before the page runs: on a session's first run, put the saved profile into the session (only keys it does not
    hold yet) and make the result again; then say what needs saying: a damaged profile (on every page, with Start
    again), a failed save, answers dropped by a content edit (once). With the session backend, offer the download."""
    settings = _settings()
    if PROFILE_SAVED not in st.session_state and PROFILE_PROBLEM not in st.session_state:
        _load(settings)
    if PROFILE_PROBLEM in st.session_state:
        _damaged(settings, st.session_state[PROFILE_PROBLEM])
    if PROFILE_SAVE_PROBLEM in st.session_state:
        st.warning(st.session_state[PROFILE_SAVE_PROBLEM], icon=":material/save:")
    if PROFILE_FLASH in st.session_state:
        kind, message = st.session_state.pop(PROFILE_FLASH)
        (st.success if kind == "success" else st.info if kind == "info" else st.error)(message,
                                                                                      icon=":material/info:")
    if not settings.keeps_files:
        _download()


def save() -> None:
    """After every run (app.py calls it in a `finally`, so also after st.stop and st.rerun): save the profile if
    any of its values changed. It draws nothing, since after st.stop any element would stop the script again; a
    failure is kept in the session and shown at the top of the next run."""
    saved = st.session_state.get(PROFILE_SAVED)
    if saved is None:
        return  # not loaded yet, or a damaged profile is kept out: nothing may be written over it
    plan = st.session_state.get(steps.CHOSEN_PLAN)
    if plan is not None and steps.PLAN_START not in st.session_state:
        # Keep the start the person was shown: left unset, it would move to the next Monday on every visit.
        st.session_state[steps.PLAN_START] = plan.start_date
    data = profile.kept(st.session_state, saved)
    if data == saved:
        return
    try:
        open_store(storage_settings()).save(data)
    except ProfileProblem as problem:  # the file was damaged since it was loaded: show it, keep it
        del st.session_state[PROFILE_SAVED]
        st.session_state[PROFILE_PROBLEM] = problem.message
        return
    except (StorageError, SettingsError) as error:
        st.session_state[PROFILE_SAVE_PROBLEM] = str(error)
        return
    st.session_state[PROFILE_SAVED] = data
    st.session_state.pop(PROFILE_SAVE_PROBLEM, None)


def _settings() -> StorageSettings:
    try:
        return storage_settings()
    except SettingsError as error:
        st.error(f"{error}\n\nWhoever runs the app can change the setting and start it again.",
                 icon=":material/settings:")
        st.stop()


def _load(settings: StorageSettings) -> None:
    loaded = open_store(settings).load()
    if loaded.problem is not None:
        st.session_state[PROFILE_PROBLEM] = loaded.problem.message
        return
    restored = restore(profile.to_session(loaded.data), cache.content(), dt.date.today())
    for key, value in restored.session.items():
        if key not in st.session_state:
            st.session_state[key] = value
    st.session_state[PROFILE_SAVED] = loaded.data  # as loaded: the fitted answers differ, so they get saved
    if restored.notice:
        st.session_state[PROFILE_FLASH] = ("info", restored.notice)


def _damaged(settings: StorageSettings, message: str) -> None:
    """The damaged profile, what it means, and the two ways on: put a good copy back, or start again."""
    where = f"`{settings.profile_path.name}` in the folder `{settings.data_dir}`"
    st.error(
        f"**Spinewell could not open what it remembers about you.** The file that keeps your answers and your plan, "
        f"{where}, cannot be used. {message}\n\n"
        "Nothing you do now will be saved, so the file stays exactly as it is. If you have a good copy of it, put "
        "it back in its place and reload the page. Or start again: the old file is kept beside it under a new name, "
        "and Spinewell starts with nothing remembered.",
        icon=":material/error:",
    )
    st.button("Start again", key="storage.start_again", on_click=_start_again, args=(settings,),
              icon=":material/restart_alt:")


def _start_again(settings: StorageSettings) -> None:
    try:
        aside = open_store(settings).start_again()
    except StorageError as error:
        st.session_state[PROFILE_FLASH] = ("error", error.message)
        return
    del st.session_state[PROFILE_PROBLEM]
    st.session_state[PROFILE_SAVED] = {}
    kept = f" The old file is kept as `{aside.name}` in `{aside.parent}`." if aside else ""
    st.session_state[PROFILE_FLASH] = ("success", f"Started again with nothing remembered.{kept}")


def _download() -> None:
    """The session backend keeps nothing once the tab closes: the profile as a file to keep."""
    data = profile.dump(profile.kept(st.session_state), dt.datetime.now())
    st.sidebar.download_button("Download your data", data, file_name=DOWNLOAD_NAME, mime="application/json",
                               on_click="ignore", icon=":material/download:")
    st.sidebar.caption("Your answers and plan are kept only while this tab is open. Download them to keep a copy.")
