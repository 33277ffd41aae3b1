"""Helpers for tests that break a copy of the content: edit one YAML file, then catch the error loading gives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from spinewell.content.load import ContentError, load


def edit_yaml(content_dir: Path, name: str, change: Callable[[dict], object]) -> None:
    """Load content_dir/NAME.yaml, let `change` mutate it in place, and write it back."""
    path = content_dir / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def load_error(content_dir: Path) -> ContentError:
    """The ContentError that loading content_dir raises (the test fails if it loads)."""
    with pytest.raises(ContentError) as caught:
        load(content_dir)
    return caught.value


def rename_key(mapping: dict, old: str, new: str) -> None:
    """Misspell a key in place, as a person editing the file might: `old` becomes `new`, the value kept."""
    mapping[new] = mapping.pop(old)
