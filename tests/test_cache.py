"""What the app keeps in memory between reruns: every cache bounded, and no copy of an uploaded diary in the session."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
from streamlit.runtime.caching.cache_utils import CachedFunc

from bench.log_pipeline import generate_log
from spinewell.log import store
from spinewell.log.entry import LogEntry
from spinewell.log.read import read
from spinewell.log.source import with_added
from spinewell.log.store import new_log_bytes
from spinewell.ui import cache
from tests.apptest import open_page

CACHES = {name: value._info for name, value in vars(cache).items() if isinstance(value, CachedFunc)}
TODAY = dt.date(2026, 1, 1)


def test_every_cache_is_bounded_and_a_session_keeps_a_diary_for_an_hour_at_most():
    assert CACHES, "spinewell.ui.cache defines no cached function"
    for name, info in CACHES.items():
        assert info.max_entries is not None, f"{name} keeps any number of entries"
        if info.scope == "session":  # the diaries: a 50 MB one is about 100 MB read
            assert info.max_entries <= 2, name
            assert info.ttl is not None and info.ttl <= dt.timedelta(hours=1), f"{name} keeps entries for ever"


def _big_values(value: object, least: int, seen: set[int]) -> list[str]:
    """Where bytes (or text) of at least `least` characters sit inside `value`."""
    if id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, bytes | bytearray | memoryview | str):
        return [type(value).__name__] if len(value) >= least else []
    if isinstance(value, dict):
        items = value.values()
    elif isinstance(value, list | tuple | set | frozenset):
        items = value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        items = [getattr(value, field.name) for field in dataclasses.fields(value)]
    else:
        return []
    return [found for item in items for found in _big_values(item, least, seen)]


def test_the_session_keeps_no_copy_of_an_uploaded_diary():
    data = generate_log(20_000)
    at = open_page("pages/log.py", timeout=60)
    at.file_uploader(key="log.upload").set_value(("big.csv", data, "text/csv")).run()
    assert not at.exception and "Showing your uploaded file" in " ".join(i.value for i in at.info)
    state = {key: at.session_state[key] for key in at.session_state}
    assert _big_values(state, len(data) // 2, set()) == []


def test_a_large_logs_download_is_made_from_the_bytes_when_clicked_and_matches_the_log():
    data = generate_log(25_000)
    added = new_log_bytes([LogEntry(dt.date(2025, 12, 30), None, 4.0, "walking", 20.0, "added here")])
    make = cache.log_csv_later(data, added, "auto", TODAY)
    assert not any(isinstance(cell.cell_contents, pd.DataFrame) for cell in make.__closure__ or ())
    expected = store.to_csv_bytes(with_added(read(data, date_order="auto", today=TODAY),
                                              read(added, date_order="auto", today=TODAY)).frame)
    assert make() == expected and b"added here" in expected


def _day_tables() -> None:
    import datetime as dt

    import streamlit as st

    from spinewell.ui import cache

    today = dt.date(2026, 1, 1)
    diary = b"date,time,pain,exercise,minutes,notes\n2025-12-30,,4,walking,20,\n"
    longer = diary + b"2025-12-31,,3,walking,30,\n"
    as_aerobic, as_core = (("walking", "aerobic"),), (("walking", "core"),)
    first = cache.log_days(diary, b"", "auto", today, as_aerobic)
    st.session_state["same"] = cache.log_days(diary, b"", "auto", today, as_aerobic) is first
    st.session_state["aerobic"] = int(first["aerobic_sessions"].sum())
    st.session_state["core"] = int(cache.log_days(diary, b"", "auto", today, as_core)["core_sessions"].sum())
    st.session_state["days"] = len(cache.log_days(longer, b"", "auto", today, as_aerobic))
    added = b"date,time,pain,exercise,minutes,notes\n2025-12-31,,3,walking,30,\n"
    st.session_state["with_added"] = len(cache.log_days(diary, added, "auto", today, as_aerobic))


def test_the_day_table_is_kept_for_the_same_diary_and_made_again_when_the_diary_or_the_lookup_changes():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_day_tables, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["same"]  # kept, not copied on every call
    assert at.session_state["aerobic"] == 1 and at.session_state["core"] == 1  # another lookup: another table
    assert at.session_state["days"] == 2 and at.session_state["with_added"] == 2  # another diary: another table
