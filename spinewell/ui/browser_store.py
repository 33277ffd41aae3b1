"""The browser backend's side of the page: a small st.components.v2 component that reads the person's data from their
own browser (localStorage) on a session's first run and writes each change back, so the server keeps nothing and any
server can serve anyone.

Every run, before the page (storage.remember), the component is drawn once with what needs writing: what the
callbacks and the page before this run changed, compared with what was last written. A change a page makes while
it runs is written by one more run (storage.after_page). The browser answers only when it has read (once for each
server session, so a session that reconnects to another server reads the browser again) and when a write fails:
a write that works costs nothing more.

Two tabs of one browser share its data. Each write names the stamp of the data it was made from (`base`), and the
browser refuses a write made from data that another tab has changed since. Then, and whenever another tab changes
the data, the browser reports what it holds now, and this session takes it in place of its own (sync returns it
with `elsewhere`): a refused change merged into it, to be written by the next run, or, when it cannot be merged,
with `refused`, so the page says it was not saved.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import MutableMapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import streamlit as st

from spinewell.storage import browser, profile
from spinewell.storage.browser import Held
from spinewell.storage.merge import merged_items
from spinewell.ui import state

# TOKEN names this server session to the browser; SENT is what the browser holds as far as this session knows
# ({"profile": data, "diary": entries, "sizes": {key: characters}, "stamp": the write or read it came from});
# ATTEMPT the last write ({"id", "before", "payload", "problem"}); FAILED the (profile, diary) a write failed for,
# not tried again until something changes; OPS keys to put aside or clear with the next write; HANDLED the last
# failure report dealt with; TAKEN the last report of another tab's change taken in; RERAN that the run before was
# the one more run of after_page.
TOKEN = "spinewell.browser.session"
SENT = "spinewell.browser.sent"
ATTEMPT = "spinewell.browser.attempt"
FAILED = "spinewell.browser.failed"
OPS = "spinewell.browser.ops"
HANDLED = "spinewell.browser.handled"
TAKEN = "spinewell.browser.taken"
RERAN = "spinewell.browser.reran"
COMPONENT_KEY = "spinewell-browser-store"
OPENING = "Opening your data in this browser…"
UNAVAILABLE = ("**This browser does not let Spinewell keep anything** (its storage is turned off, or this is a "
               "private window that forgets). Spinewell works for this visit; use **Download everything** on the "
               "Your data page to keep a copy.")
ASIDE_FAILED = ("What this browser holds could not be put aside (its storage is full), so nothing was changed. "
                "Use Download everything to keep what you can, or clear some space, and try again.")

_HERE = Path(__file__).parent
_component = st.components.v2.component(
    "spinewell_browser_store", html="", js=(_HERE / "browser_store.js").read_text(encoding="utf-8"),
)


def _ignore() -> None:
    """The browser's reports are read from the component's value; the callbacks only name them."""


def is_loaded(session: MutableMapping[str, Any]) -> bool:
    return state.PROFILE_SAVED in session or state.PROFILE_PROBLEM in session


def diary_now(session: MutableMapping[str, Any]) -> tuple:
    return tuple(session.get(state.LOG_SESSION_ROWS, {}).get("session", ()))


def sync() -> Held | None:
    """Draw the component with what needs writing; on a session's first run, wait (st.stop) until the browser has
    said what it holds, and return it, checked (SENT then records it). None once loaded."""
    session = st.session_state
    token = session.setdefault(TOKEN, secrets.token_hex(8))
    write = _write_now(session, token)
    result = _component(key=COMPONENT_KEY, data={"session": token, "write": write}, on_held_change=_ignore,
                        on_wrote_change=_ignore, height="content")
    _after_failure(session, result.get("wrote"), token)
    held = result.get("held")
    if is_loaded(session):
        return _changed_elsewhere(session, held, token)
    if not isinstance(held, dict) or held.get("session") != token:
        st.caption(OPENING)
        session.pop(state.FIRST_RUN, None)  # the run that shows the page is the session's first, as a person sees it
        st.stop()
    return _take(session, held)


def _changed_elsewhere(session: MutableMapping[str, Any], held: Any, token: str) -> Held | None:
    """Another tab changed what the browser holds (or refused this tab's write for it): what it holds now, checked,
    once for each report; else None."""
    if not isinstance(held, dict) or held.get("session") != token or not held.get("report") or \
            held["report"] == session.get(TAKEN) or not (held.get("elsewhere") or held.get("refused")):
        return None
    session[TAKEN] = held["report"]
    attempt = session.get(ATTEMPT) if isinstance(session.get(ATTEMPT), dict) else {}
    attempt["delivered"] = True  # a write made from the data replaced now is not sent again
    session.pop(FAILED, None)
    session.pop(state.PROFILE_SAVE_PROBLEM, None)
    got = replace(_take(session, held), elsewhere=True, cleared=False)
    if not held.get("refused"):
        return got
    before, payload = attempt.get("before") or {}, attempt.get("payload")
    if got.problem is not None or attempt.get("id") != held["report"] or payload is None or \
            "profile" not in before or "diary" not in before:
        return replace(got, refused=True)  # nothing to merge with: this tab's change is said to be lost
    # This tab's change over what the other tab saved (SENT is now the latter, so the next run writes the merge)
    return replace(got, data=profile.merged(before["profile"], payload[0], got.data),
                   entries=tuple(merged_items(before["diary"], payload[1], got.entries, identity=lambda e: e)))


def _take(session: MutableMapping[str, Any], held: dict[str, Any]) -> Held:
    if held.get("unavailable"):
        session[state.PROFILE_FLASH] = ("error", UNAVAILABLE)
        session[SENT] = {"profile": {}, "diary": (), "sizes": {}}
        return Held()
    values = held.get("values") if isinstance(held.get("values"), dict) else {}
    sizes = held.get("sizes") if isinstance(held.get("sizes"), dict) else {}
    sizes = {str(key): int(size) for key, size in sizes.items() if isinstance(size, int)}
    stamp = held.get("stamp") if isinstance(held.get("stamp"), str) else None
    got = browser.read(values, had_data=held.get("had") is True)
    session[SENT] = {"profile": got.data, "diary": got.entries, "sizes": sizes, "stamp": stamp} \
        if got.problem is None else {"sizes": sizes, "stamp": stamp}
    return got


def pending(session: MutableMapping[str, Any]) -> bool:
    """Whether this session holds a change the browser has not been sent (and has not failed to take). False on
    the run after the one more run, so a page that changes something on every run can't loop."""
    if session.get(RERAN):
        del session[RERAN]
        return False
    if state.PROFILE_SAVED not in session:
        return False
    payload = (profile.kept(session, session[state.PROFILE_SAVED]), diary_now(session))
    sent = session.get(SENT) or {}
    if _same(payload, (sent.get("profile"), sent.get("diary"))) or _same(payload, session.get(FAILED)):
        return False
    session[RERAN] = True
    return True


def _same_entries(now: tuple, sent: tuple | None) -> bool:
    """Whether the diary is the one last sent: the same entry objects in the same order (an added, changed or
    deleted entry is a new or missing object), which every run can check for a diary of years in well under a
    millisecond."""
    return sent is not None and len(now) == len(sent) and all(a is b for a, b in zip(now, sent, strict=True))


def _same(payload: tuple | None, other: tuple | None) -> bool:
    return payload is not None and other is not None and payload[0] == other[0] and _same_entries(payload[1],
                                                                                                   other[1])


def _write_now(session: MutableMapping[str, Any], token: str) -> dict[str, Any] | None:
    """What the browser is to write this run: keys put aside or cleared, and each value that changed."""
    ops = session.pop(OPS, {})
    sets: dict[str, str] = {}
    payload = None
    if state.PROFILE_SAVED in session:
        payload = (profile.kept(session, session[state.PROFILE_SAVED]), diary_now(session))
        sent = session.get(SENT) or {}
        if not _same(payload, session.get(FAILED)):
            if payload[0] != sent.get("profile"):
                sets[browser.PROFILE_KEY] = browser.encode_profile(payload[0], dt.datetime.now())
            if not _same_entries(payload[1], sent.get("diary")):
                sets[browser.DIARY_KEY] = browser.encode_diary(payload[1])
        needed = browser.size(sets, (sent.get("sizes") or {}))
        if sets and needed > browser.LIMIT:
            session[state.PROFILE_SAVE_PROBLEM] = browser.too_big_message(needed)
            session[FAILED], sets = payload, {}
    last = session.get(ATTEMPT) or {}
    carried = last.get("write") if last and not last.get("delivered") else None
    if not sets and not ops:
        return carried  # the last run may have ended before the browser got it: the same write, done once
    if carried:  # one write with what the undelivered one held, and what changed since
        sets = {**carried.get("set", {}), **sets}
        ops = {**{key: value for key, value in carried.items() if key not in ("id", "set", "base")}, **ops}
    number = last.get("number", 0) + 1
    write_id = f"{token}-{number}"
    before = last.get("before", session.get(SENT) or {}) if carried else session.get(SENT) or {}
    # The stamps the browser may hold for this write to go ahead: the one it was made from, or, when it carries a
    # write the browser may or may not have made, that write's own.
    bases = [*carried.get("base", ()), carried["id"]] if carried else [before.get("stamp")]
    write = {"id": write_id, "set": sets, "base": bases,
             **{key: value for key, value in ops.items() if key != "problem"}}
    session[ATTEMPT] = {"id": write_id, "number": number, "before": before, "payload": payload,
                        "problem": ops.get("problem"), "write": write, "delivered": False}
    if sets:
        sizes = dict(before.get("sizes") or {})
        sizes.update({key: len(key) + len(text) for key, text in sets.items()})
        session[SENT] = {"profile": payload[0], "diary": payload[1], "sizes": sizes, "stamp": write_id}
        session[state.PROFILE_SAVED] = payload[0]
        session.pop(state.PROFILE_SAVE_PROBLEM, None)
        session.pop(FAILED, None)
    return write


def delivered(session: MutableMapping[str, Any]) -> None:
    """The run ended normally (after_page): the browser has been sent this run's write, so it is not sent again."""
    if isinstance(attempt := session.get(ATTEMPT), dict):
        attempt["delivered"] = True


def _after_failure(session: MutableMapping[str, Any], wrote: Any, token: str) -> None:
    """A write the browser reported as failed: say so, and go back to what the browser still holds."""
    attempt = session.get(ATTEMPT) or {}
    if not isinstance(wrote, dict) or wrote.get("session") != token or wrote.get("id") != attempt.get("id") or \
            wrote.get("id") == session.get(HANDLED):
        return
    session[HANDLED] = wrote["id"]
    if wrote.get("step") == "aside":  # Start again could not keep the damaged values: they stay, kept out
        session.pop(state.PROFILE_SAVED, None)
        session[state.PROFILE_PROBLEM] = attempt.get("problem") or ""
        session[state.PROFILE_FLASH] = ("error", ASIDE_FAILED)
        return
    session[SENT] = attempt.get("before") or {}
    if attempt.get("payload") is not None:
        session[FAILED] = attempt["payload"]
    session[state.PROFILE_SAVE_PROBLEM] = browser.FULL_MESSAGE if wrote.get("full") else browser.REFUSED_MESSAGE


def put_aside(problem: str, now: dt.datetime) -> list[str]:
    """Start again: the damaged values are kept in the browser under other keys with the next write (never
    deleted), and nothing is remembered; the keys they go to."""
    session = st.session_state
    taken = list(((session.get(SENT) or {}).get("sizes") or {}).keys())
    moves = []
    for key in browser.KEYS:
        aside = browser.aside_key(key, now, taken)
        moves.append([key, aside])
        taken.append(aside)
    session[OPS] = {"aside": moves, "problem": problem}
    session[SENT] = {"profile": {}, "diary": (), "sizes": {}}
    return [aside for _, aside in moves]


def forget_everything() -> None:
    """Delete everything: the next write removes every spinewell.* key from this browser, then it is read again."""
    st.session_state[OPS] = {"clear": True}
