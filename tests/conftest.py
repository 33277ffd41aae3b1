"""Shared fixtures: the repository root, a writable copy of the content, and an AppTest of the whole app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

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
    """No test ever writes to the developer's own data/pain_log.csv."""
    monkeypatch.setenv("SPINEWELL_LOG", str(tmp_path / "test_pain_log.csv"))
    monkeypatch.chdir(ROOT)


@pytest.fixture()
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The bytes behind every download button a page draws, by file name (as the browser would receive them)."""
    served: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename:
            served[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return served
