"""The Streamlit settings that carry the privacy and safety promises: no statistics, no outside calls, no tracebacks;
and the upload limit as people see it."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from spinewell.log.read import MAX_BYTES, read
from tests.apptest import open_page

CONFIG = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_no_usage_statistics_leave_the_machine():
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_server_listens_locally_so_it_never_looks_up_its_public_ip():
    # In headless mode without an address, Streamlit asks checkip.amazonaws.com for the public IP at start-up.
    assert CONFIG["server"]["headless"] is True
    assert CONFIG["server"]["address"] == "localhost"


def test_users_never_see_tracebacks():
    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["client"]["toolbarMode"] == "minimal"


def test_upload_limit_fits_logs_not_anything():
    assert 10 <= CONFIG["server"]["maxUploadSize"] <= 100


def test_a_file_windows_calls_50_mb_gets_past_streamlit_and_our_reader():
    # Streamlit's server takes maxUploadSize x 1,048,576 bytes (its uploader counts a MB as the person's system does:
    # 1,048,576 bytes on Windows, 1,000,000 elsewhere), and the reader's own limit must not be stricter.
    windows_50_mb = 50 * 1024 * 1024
    assert CONFIG["server"]["maxUploadSize"] * 1024 * 1024 >= windows_50_mb
    assert "larger than" not in read(b"\n" * windows_50_mb, date_order="auto", today=dt.date(2026, 1, 1)).error
    assert "larger than 50 MB" in read(b"x" * (MAX_BYTES + 1), date_order="auto", today=dt.date(2026, 1, 1)).error


def test_the_log_page_says_the_upload_limit_under_the_uploader():
    at = open_page("pages/log.py", timeout=60)
    captions = [caption.value for caption in at.caption]
    limit = f"Files up to {CONFIG['server']['maxUploadSize']} MB."
    assert any(caption.startswith(limit) for caption in captions), captions


def test_the_script_health_check_is_on_and_cached_tables_have_a_budget():
    assert CONFIG["server"]["scriptHealthCheckEnabled"] is True  # /_stcore/script-health-check (tests/e2e)
    assert CONFIG["server"]["maxCacheDataSize"] == "256mb"
