"""Three-way merges of lists, for two windows or tabs that changed one person's data since the copy both started
from: the items each added are kept, and the items each removed are dropped."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Sequence
from typing import Any


def by_value(item: Any) -> Hashable:
    """A JSON-safe item as itself; one with an "id" (a goal) by its id, however it changed."""
    return item["id"] if isinstance(item, dict) and "id" in item else json.dumps(item, sort_keys=True)


def merged_items(base: Sequence, mine: Sequence, theirs: Sequence,
                 identity: Callable[[Any], Hashable] = by_value) -> list:
    """Their items without those removed here, each changed here as it is here, then the items added here.
    `identity` says which items are the same item in another copy; equal items stay as many as they are."""
    base_items, mine_items = _named(base, identity), _named(mine, identity)
    kept = {}
    for name, item in _named(theirs, identity).items():
        if name in base_items and name not in mine_items:
            continue  # removed here
        changed_here = name in mine_items and mine_items[name] != base_items.get(name)
        kept[name] = mine_items[name] if changed_here else item
    for name, item in mine_items.items():
        if name not in kept and item != base_items.get(name):  # added here (or changed here and gone there)
            kept[name] = item
    return list(kept.values())


def _named(items: Sequence, identity: Callable[[Any], Hashable]) -> dict[tuple, Any]:
    """Each item by its identity, numbered so that two equal items stay two."""
    named: dict[tuple, Any] = {}
    for item in items:
        value, number = identity(item), 0
        while (value, number) in named:
            number += 1
        named[(value, number)] = item
    return named
