"""Everything in the person's own hands: download everything as one file, load it back, delete everything."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from spinewell.storage import bundle, bundle_files, keys, profile
from spinewell.storage.bundle import BundleProblem, Contents
from spinewell.storage.bundle_files import BundleError, Kept
from spinewell.storage.restore import restore
from spinewell.storage.settings import HOSTED, StorageSettings, storage_settings
from spinewell.ui import browser_store, cache, diary, state

# ROUND names the uploader anew after a load or a cancel, so the same file is not offered again; LOADED says what
# a load did, shown once beside the uploader (where the person is looking); DELETE_ASKED is True while "Delete
# everything" waits for a yes.
ROUND = "spinewell.bundle.round"
LOADED = "spinewell.bundle.loaded"
DELETE_ASKED = "spinewell.bundle.delete_asked"
PRIVACY_PAGE = "pages/privacy.py"


def settings() -> StorageSettings:
    return storage_settings()  # app.py's storage.remember has already stopped a run with a setting it can't use


def profile_contents() -> str:
    """Everything a profile keeps, in words: "the safety check, the answers, ... and the lessons read"."""
    names = [profile.NAMES.get(key, key) for key in keys.PROFILE_KEYS]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def download_name(today: dt.date) -> str:
    return f"spinewell-everything-{today:%Y-%m-%d}.json"


def everything(settings: StorageSettings) -> bytes:
    """The file of everything Spinewell holds now: the session's profile and the diary (its file, or this session's
    entries, which the browser backend keeps in the browser). Raises BundleError when the diary file cannot be
    read."""
    return everything_later(settings)()


def everything_later(settings: StorageSettings) -> Callable[[], bytes]:
    """everything(), made when it is called: the profile and the session's entries as they are now, the diary file
    read then (a download button calls it on click, so no run builds a file nobody asked for)."""
    profile_now = _profile_now()
    if settings.log_path is not None:
        path = settings.log_path
        return lambda: bundle.dump(profile_now, bundle_files.diary_rows(path), dt.datetime.now())
    entries = tuple(diary.session_rows().get("session", ()))
    return lambda: bundle.dump(profile_now, bundle.rows_from_entries(entries), dt.datetime.now())


def download(settings: StorageSettings, where: Any = st) -> None:
    """The "Download everything" button (`where`: st, or st.sidebar), or why there is none. The file is made when
    the button is clicked."""
    try:
        bundle_files.check_readable(settings.log_path)
    except BundleError as error:
        where.error(error.message, icon=":material/error:")
        return
    where.download_button("Download everything", everything_later(settings), file_name=download_name(dt.date.today()),
                          mime="application/json", on_click="ignore", icon=":material/download:",
                          key=f"bundle.download.{where is st.sidebar}")


def load_back(settings: StorageSettings) -> None:
    """The uploader for a file made by Download everything, what it would replace, and the yes that replaces it."""
    if LOADED in st.session_state:
        st.success(st.session_state.pop(LOADED), icon=":material/check_circle:")
    round_ = st.session_state.get(ROUND, 0)
    upload = st.file_uploader("A file made by Download everything (.json)", key=f"bundle.upload.{round_}")
    if upload is None:
        return
    try:
        contents = bundle.parse(upload.getvalue())
    except BundleProblem as problem:
        st.error(f"**This file can't be loaded.** {problem.message} Nothing was changed.", icon=":material/error:")
        return
    st.warning(_replace_question(settings, contents), icon=":material/warning:")
    yes, cancel, _ = st.columns([2, 1, 3])
    if yes.button("Yes, replace it", type="primary", key=f"bundle.load.yes.{round_}", icon=":material/upload:"):
        _load(settings, contents)
    if cancel.button("Cancel", key=f"bundle.load.cancel.{round_}"):
        st.session_state[ROUND] = round_ + 1
        st.rerun()


def delete_everything(settings: StorageSettings) -> None:
    """"Delete everything", then the question saying what goes, then the yes that deletes it and goes Home."""
    if not st.session_state.get(DELETE_ASKED):
        st.button("Delete everything", key="bundle.delete", icon=":material/delete:",
                  on_click=lambda: st.session_state.update({DELETE_ASKED: True}))
        return
    kept = " A copy of each file is kept beside it, in case you change your mind." if _in_files(settings) else ""
    st.warning(f"This deletes what Spinewell holds now: {_holdings_now(settings)}.{kept} Continue?",
               icon=":material/warning:")
    yes, cancel, _ = st.columns([2, 1, 3])
    if yes.button("Yes, delete everything", type="primary", key="bundle.delete.yes", icon=":material/delete:"):
        try:
            copies = bundle_files.delete(settings)
        except BundleError as error:
            st.error(error.message, icon=":material/error:")
            return
        _new_session()
        if settings.backend == HOSTED:
            browser_store.forget_everything()  # and every copy Spinewell put aside in this browser
        st.session_state[state.PROFILE_FLASH] = ("success", "Everything Spinewell held about you is deleted."
                                                 + _copies_line(copies))
        st.switch_page("pages/home.py")
    if cancel.button("Cancel", key="bundle.delete.cancel"):
        del st.session_state[DELETE_ASKED]
        st.rerun()


def _load(settings: StorageSettings, contents: Contents) -> None:
    """Replace the files (if any), then the session: as a new visit would load them."""
    try:
        copies = bundle_files.load(settings, contents)
    except BundleError as error:
        st.error(error.message, icon=":material/error:")
        return
    entries = _session_entries(settings, contents)
    round_ = st.session_state.get(ROUND, 0) + 1
    _new_session()
    restored = restore(profile.to_session(contents.profile), cache.content(), dt.date.today())
    st.session_state.update(restored.session)
    st.session_state[state.PROFILE_SAVED] = contents.profile
    st.session_state[state.LOG_SESSION_ROWS] = {"session": list(entries)} if entries else {}
    st.session_state[ROUND] = round_
    if restored.notice:  # shown at the top, with its link to the questions to answer again
        st.session_state[state.PROFILE_FLASH] = ("info", restored.notice)
    rows = None if contents.rows is None else len(contents.rows) if settings.log_path is not None else len(entries)
    st.session_state[LOADED] = (f"Loaded. Spinewell now holds {bundle.holdings(contents.profile, rows)}."
                                + _copies_line(copies))
    st.rerun()


def _session_entries(settings: StorageSettings, contents: Contents) -> tuple:
    """The entries a diary kept in the session gets from the file (the session's own entries when it has none)."""
    if settings.log_path is not None:
        return ()
    if contents.rows is None:
        return tuple(diary.session_rows().get("session", ()))
    return bundle.entries_from_rows(contents.rows)[0]


def _replace_question(settings: StorageSettings, contents: Contents) -> str:
    rows = None if contents.rows is None else len(contents.rows)
    when = contents.exported_at
    made = f" (made on {when.day} {when:%B %Y at %H:%M})" if when else ""
    words = [f"This replaces what Spinewell holds now: {_holdings_now(settings, diary_too=rows is not None)}.",
             f"The file{made} holds {bundle.holdings(contents.profile, rows)}."]
    if contents.rows is None:
        words.append("It holds no diary, so your diary stays as it is.")
    elif settings.log_path is None and (left_out := bundle.entries_from_rows(contents.rows)[1]):
        words.append(f"{left_out} of its diary rows can't be read as entries, so they are left out.")
    if _in_files(settings):
        words.append("A copy of what is there now is kept beside it.")
    return " ".join([*words, "Continue?"])


def _holdings_now(settings: StorageSettings, diary_too: bool = True) -> str:
    try:
        rows = len(bundle_files.diary_rows(settings.log_path)) if settings.log_path is not None else \
            len(diary.session_rows().get("session", ()))
    except BundleError:
        rows = None
    return bundle.holdings(_profile_now(), rows if diary_too else None)


def _profile_now() -> dict[str, Any]:
    return profile.kept(st.session_state, st.session_state.get(state.PROFILE_SAVED))


def _in_files(settings: StorageSettings) -> bool:
    return settings.keeps_files or settings.log_path is not None


def _copies_line(copies: Kept) -> str:
    names = [f"`{path.name}` in the folder `{path.parent}`" for path in (copies.profile, copies.diary) if path]
    if not names:
        return ""
    return (f" What was there before is kept as {' and '.join(names)}; delete "
            f"{'that file' if len(names) == 1 else 'those files'} too if you want nothing left.")


def _new_session() -> None:
    """Forget everything this session holds, as a new visit starts."""
    for key in list(st.session_state.keys()):
        del st.session_state[key]
