"""Shared fixtures: the repository root, a writable copy of the content, and an AppTest of the whole app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
