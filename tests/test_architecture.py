"""The layout contracts: logic modules stay free of Streamlit, YAML is read safely, every page is in the navigation."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from spinewell.ui import navigation

ROOT = Path(__file__).resolve().parents[1]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_ui_package_imports_streamlit():
    modules = sorted((ROOT / "spinewell").rglob("*.py"))
    assert len(modules) > 10, "the package was not found"
    offenders = [
        str(path.relative_to(ROOT))
        for path in modules
        if "ui" not in path.relative_to(ROOT / "spinewell").parts[:1] and "streamlit" in _imported_modules(path)
    ]
    assert offenders == []


def test_yaml_is_only_read_with_safe_load():
    for path in [*ROOT.glob("spinewell/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"yaml\.load\(", source), f"{path.name} uses yaml.load instead of yaml.safe_load"


def test_every_page_file_is_in_the_navigation_and_exists():
    listed = {entry.path for entry in navigation.PAGES}
    on_disk = {f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py")}
    assert listed == on_disk


def test_no_unsafe_html_in_app_code():
    for path in [*ROOT.glob("spinewell/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]:
        assert "unsafe_allow_html=True" not in path.read_text(encoding="utf-8"), path.name
