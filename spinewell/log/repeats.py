"""Find the exact repeats among a log's entries (the same entry twice, however it was written) without hashing rows."""

from __future__ import annotations

import sys
from collections.abc import Callable

import numpy as np
import pandas as pd

FINGERPRINT_STEP = np.uint64(1_000_003)  # mixes the columns into one number; a test sets 0 to force collisions


def without_repeats(
    keep: np.ndarray,
    day: np.ndarray,
    minute: np.ndarray,
    pain: np.ndarray,
    minutes: np.ndarray,
    exercise: np.ndarray,
    notes: pd.Series | None,
) -> tuple[np.ndarray, int]:
    """The rows to keep, out of the good rows (`keep`), in date order: exact repeats of an entry (all six columns
    equal, the first kept) are dropped, and entries of the same day keep their order in the file. Returns the
    rows and the number of repeats dropped. The rows are a mask when the file was already in date order (picking
    rows by a mask copies text about three times faster than by positions), else their positions in date order.

    `day`, `minute` (of the day, for the time), `pain`, `minutes` and `exercise` (a code per distinct name) are
    NumPy arrays with a value per row of the table; `notes` is the notes text, or None without a notes column.
    """
    positions = np.flatnonzero(keep)
    if len(positions) != len(day):
        day, minute, pain, minutes, exercise = (a[positions] for a in (day, minute, pain, minutes, exercise))
    dropped = 0
    if len(positions) > 1:
        columns = (day, minute, pain, minutes, exercise)
        notes_at = None if notes is None else (lambda rows: notes.array.take(positions[rows]))
        repeated = _repeats(_fingerprint(*columns), columns, notes_at)
        dropped = len(repeated)
        if dropped:
            keep = keep.copy()
            keep[positions[repeated]] = False
    if len(day) > 1 and (np.diff(day) < 0).any():
        if dropped:
            positions, day = np.delete(positions, repeated), np.delete(day, repeated)
        return positions[np.argsort(day, kind="stable")], dropped
    return keep, dropped


def _fingerprint(
    day: np.ndarray, minute: np.ndarray, pain: np.ndarray, minutes: np.ndarray, exercise: np.ndarray
) -> np.ndarray:
    """A uint64 per row, equal for rows with equal day, time, pain, minutes and exercise (and, rarely, for rows
    that differ). Worked in place: on a million rows, fresh temporaries cost more than the arithmetic."""
    fingerprint = day.astype(np.uint64)
    scratch = np.empty(len(day))
    for values in (minute, pain, minutes):
        fingerprint *= FINGERPRINT_STEP  # wraps around: a hash
        fingerprint += _float_bits(values, scratch)
    fingerprint *= FINGERPRINT_STEP
    fingerprint += exercise.astype(np.uint64)
    return fingerprint


def _repeats(
    fingerprint: np.ndarray,
    columns: tuple[np.ndarray, ...],
    notes_at: Callable[[np.ndarray], pd.api.extensions.ExtensionArray] | None,
) -> np.ndarray:
    """The rows (positions, in order) equal in every one of `columns`, and in their notes, to an earlier row.

    Rows are grouped by fingerprint, folded to 32 bits: each is packed with its position into one uint64 and the lot
    sorted, so that each group sits side by side, in file order. NumPy's sort is vectorised: on a million rows it
    is quicker than hashing them with pandas' duplicated(). Only rows in a group of two or more are compared, each
    with the row before it in its group; notes are read for those rows alone. A row equal to the one before it is
    a repeat. A row that differs from the one before it may still repeat an earlier one (A, B, A: entries that
    differ only in their notes, or a collision of fingerprints), so groups of three or more with such a row are
    checked in full with pandas' duplicated(). `fingerprint` is used up (sorted in place).
    """
    key = fingerprint
    key ^= key >> np.uint64(32)
    key <<= np.uint64(32)
    key |= np.arange(len(key), dtype=np.uint64)
    key.sort()
    halves = key.view(np.uint32).reshape(-1, 2)  # views, no copies: [:, 0] the position, [:, 1] the fingerprint
    if sys.byteorder == "big":
        halves = halves[:, ::-1]
    folded = halves[:, 1]
    follows = folded[1:] == folded[:-1]  # follows[i]: sorted row i + 1 is in the group of sorted row i
    grouped = np.zeros(len(key), dtype=bool)
    grouped[1:] = follows
    grouped[:-1] |= follows
    index = np.flatnonzero(grouped)  # sorted positions of the rows in a group of two or more
    if not len(index):
        return index
    rows = halves[index, 0].astype(np.intp)
    later = np.zeros(len(index), dtype=bool)
    later[1:] = follows[index[1:] - 1]  # not the first of its group, so the previous entry is in its group
    current, previous = rows[later], rows[np.flatnonzero(later) - 1]
    same = np.ones(len(current), dtype=bool)
    for values in columns:
        a, b = values[current], values[previous]
        same &= (a == b) | ((a != a) & (b != b))  # NaN equals NaN here, as in pandas' duplicated()
    if notes_at is not None and same.any():
        same[same] = np.asarray(notes_at(current[same]) == notes_at(previous[same]), dtype=bool)
    group = np.cumsum(~later) - 1
    unsure = np.zeros(group[-1] + 1, dtype=bool)
    differs = np.zeros(len(rows), dtype=bool)
    differs[later] = ~same
    unsure[group[differs]] = True
    unsure &= np.bincount(group) >= 3
    repeated = rows[later][same & ~unsure[group[later]]]
    if unsure.any():
        members = np.sort(rows[unsure[group]])
        table = pd.DataFrame({f"c{i}": values[members] for i, values in enumerate(columns)})
        if notes_at is not None:
            table["notes"] = notes_at(members)
        repeated = np.concatenate([repeated, members[table.duplicated(keep="first").to_numpy()]])
    return np.sort(repeated)


def _float_bits(values: np.ndarray, out: np.ndarray) -> np.ndarray:
    """The 64 bits of numbers that are >= 0 or NaN (those of good rows), for hashing, written to `out`: NaN becomes
    -1.0, so that every NaN gives the same bits; equal numbers give equal bits, as numbers read are never -0.0
    (cells.parse_numbers)."""
    return np.fmax(values, -1.0, out=out).view(np.uint64)
