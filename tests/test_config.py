"""The Streamlit settings that carry the privacy and safety promises: no statistics, no outside calls, no tracebacks."""

from __future__ import annotations

import tomllib
from pathlib import Path

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
