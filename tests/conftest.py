"""Shared fixtures: the repository root, a writable copy of the content, and an AppTest of the whole app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.pages_manager import PagesManager

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"


@pytest.fixture()
def content_copy(tmp_path: Path) -> Path:
    """A copy of content/ that a test may break without harming the real files."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(autouse=True)
def _private_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever writes to the developer's own data/pain_log.csv or data/profile.json."""
    monkeypatch.setenv("SPINEWELL_LOG", str(tmp_path / "test_pain_log.csv"))
    monkeypatch.setenv("SPINEWELL_DATA", str(tmp_path / "data"))
    monkeypatch.chdir(ROOT)


@pytest.fixture()
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The local diary a page test reads and writes (SPINEWELL_LOG), empty until the test writes it."""
    path = tmp_path / "pain_log.csv"
    monkeypatch.setenv("SPINEWELL_LOG", str(path))
    return path


@pytest.fixture()
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The bytes behind every download button a page draws, by file name (as the browser would receive them). A
    button whose file is made on click (a callable `data`) gives the bytes its click would make, when looked up."""
    served: dict[str, bytes] = _Served()
    original = MemoryMediaFileStorage.load_and_get_id
    original_deferred = MediaFileManager.add_deferred

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename:
            served[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    def record_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        if file_name:
            served[file_name] = data_callable
        return original_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return served


class _Served(dict):
    def __getitem__(self, name: str) -> bytes:
        value = super().__getitem__(name)
        return value() if callable(value) else value


class _NavigationPagesManager(PagesManager):
    """AppTest re-arms Streamlit's legacy `pages/` flag before every run, which makes a run after switch_page
    execute the page file alone. A real server clears the flag once app.py has called st.navigation (and
    navigation.route_through_app clears it for a first deep link), so every run goes through app.py: do the same."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def _apptest_runs_through_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_test_module, "PagesManager", _NavigationPagesManager)
