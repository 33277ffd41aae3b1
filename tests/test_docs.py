"""The README tells the truth: its commands are the ones CI runs, its tables match the files, every setting is in it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _code_files() -> list[Path]:
    return [*ROOT.glob("spinewell/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]


def _table_first_column(heading: str) -> set[str]:
    """The backticked names in the first column of the Markdown table under `heading`."""
    section = README.split(heading, 1)[1].split("\n## ", 1)[0]
    return {name for row in re.findall(r"^\| `([^`]+)`", section, re.M) for name in re.split(r"`?\s*,\s*`?", row)}


def test_every_setting_the_code_reads_is_documented():
    settings = {name for path in _code_files() for name in re.findall(r"SPINEWELL_[A-Z_]+", path.read_text("utf-8"))}
    assert settings, "no SPINEWELL_ setting found: the scan is broken"
    assert sorted(name for name in settings if name not in README) == []


def test_the_content_table_lists_exactly_the_content_files():
    on_disk = {path.name for path in (ROOT / "content").iterdir() if path.is_file()}
    on_disk |= {"illustrations/*.svg"} if any((ROOT / "content" / "illustrations").glob("*.svg")) else set()
    assert _table_first_column("## Editing the content") == on_disk


def test_the_readme_commands_are_the_ones_ci_runs():
    assert "pip install -r requirements.txt && streamlit run app.py" in README
    assert "pip install -r requirements-dev.txt && pytest" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-r requirements-dev.txt" in ci
    assert re.search(r"^REQUIRE_BROWSER=1 pytest$", ci, re.M)


def test_every_picture_the_readme_shows_is_in_the_repository():
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert pictures, "no picture found: the scan is broken"
    tracked = set(subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True,
                                 check=True).stdout.split())
    assert [picture for picture in pictures if picture not in tracked] == []
