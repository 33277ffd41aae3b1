"""Everything on this computer put back from a file, or deleted: each file replaced whole under its lock, the old one
kept beside it first, and nothing left half changed when a step fails."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from filelock import Timeout

from spinewell import files
from spinewell.log.layout import LogWriteError
from spinewell.log.store import locked
from spinewell.storage.backends import LOCK_TIMEOUT, StorageError, open_store
from spinewell.storage.bundle import Contents, Row, csv_from_rows, rows_from_csv
from spinewell.storage.settings import StorageSettings

Clock = Callable[[], dt.datetime]


class BundleError(Exception):
    """A file could not be read, written or moved; `message` says so in plain words, and what was kept."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Kept:
    """The copies kept of what was there before (None: there was nothing to keep)."""

    profile: Path | None = None
    diary: Path | None = None


def diary_rows(path: Path | None) -> tuple[Row, ...]:
    """The rows of the diary file at `path` (none when there is no file); BundleError when it cannot be read."""
    if path is None:
        return ()
    try:
        return rows_from_csv(files.read_existing(path) or b"")
    except OSError as error:
        raise BundleError(f"Your diary file {path} cannot be read ({error.strerror or error}), so it cannot be put "
                          "in the download. Fix that, or download your profile alone.") from None


def check_readable(path: Path | None) -> None:
    """Raise BundleError (as diary_rows would) when the diary file at `path` exists but cannot be opened: checked
    before a download is offered, without reading the file."""
    if path is None:
        return
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        reason = error.strerror or str(error)
    else:
        if stat.S_ISREG(mode) and os.access(path, os.R_OK):
            return
        reason = "it is not a file Spinewell may read"
    raise BundleError(f"Your diary file {path} cannot be read ({reason}), so it cannot be put in the download. "
                      "Fix that, or download your profile alone.")


def load(settings: StorageSettings, contents: Contents) -> Kept:
    """Make the files hold what `contents` holds: the diary file (when the file has a diary and the diary is kept
    in a file) and the profile (through its backend). The old files are kept as backups first; if the profile
    cannot be saved, the diary is put back as it was."""
    diary_path = settings.log_path if contents.rows is not None else None
    before, diary_backup = _replace_diary(diary_path, csv_from_rows(contents.rows) if contents.rows else None)
    try:
        profile_backup = _replace_profile(settings, contents)
    except BundleError:
        if diary_path is not None:
            _put_back(diary_path, before)
        raise
    return Kept(profile_backup, diary_backup)


def delete(settings: StorageSettings, clock: Clock = dt.datetime.now) -> Kept:
    """Remove the diary file and the profile file, keeping each beside where it was: the diary as its usual
    backup, the profile as profile.deleted-YYYYMMDD-HHMM.json. If the profile cannot be moved, the diary is put
    back."""
    before, diary_backup = _replace_diary(settings.log_path, None)
    try:
        profile_aside = _move_profile_aside(settings, clock) if settings.keeps_files else None
    except BundleError:
        if settings.log_path is not None:
            _put_back(settings.log_path, before)
        raise
    return Kept(profile_aside, diary_backup)


def _replace_diary(path: Path | None, payload: bytes | None) -> tuple[bytes | None, Path | None]:
    """Write `payload` as the diary (None removes the file), after a backup of the old one: (old bytes, backup)."""
    if path is None:
        return None, None
    try:
        with locked(path, LOCK_TIMEOUT):
            old = files.read_existing(path)
            backup = files.backup(path, old) if old else None
            if payload is not None:
                files.real_path(path).parent.mkdir(parents=True, exist_ok=True)
                files.atomic_write(path, payload)
            elif old is not None:
                os.unlink(files.real_path(path))
            return old, backup
    except LogWriteError as error:
        raise BundleError(f"{error} Nothing was changed.") from None
    except OSError as error:
        raise BundleError(f"Your diary file {path} could not be changed ({error.strerror or error}). "
                          "Nothing was changed.") from None


def _put_back(path: Path, old: bytes | None) -> None:
    with contextlib.suppress(OSError, LogWriteError), locked(path, LOCK_TIMEOUT):
        if old is None:
            os.unlink(files.real_path(path))
        else:
            files.atomic_write(path, old)


def _replace_profile(settings: StorageSettings, contents: Contents) -> Path | None:
    """Save the file's profile through the backend, keeping the old profile file as a backup (a damaged one is
    moved aside as the damaged-profile message describes)."""
    store, backup = open_store(settings), None
    try:
        if settings.keeps_files:
            if store.load().problem is not None:
                backup = store.start_again()
            else:
                with files.lock(settings.profile_path, LOCK_TIMEOUT):
                    old = files.read_existing(settings.profile_path)
                    backup = files.backup(settings.profile_path, old) if old else None
        store.save(contents.profile)
    except StorageError as error:
        raise BundleError(f"{error.message} Nothing was changed.") from None
    except (Timeout, OSError) as error:
        reason = getattr(error, "strerror", None) or "another Spinewell window is using it"
        raise BundleError(f"Your profile could not be saved ({reason}). Nothing was changed.") from None
    return backup


def _move_profile_aside(settings: StorageSettings, clock: Clock) -> Path | None:
    path = settings.profile_path
    try:
        with files.lock(path, LOCK_TIMEOUT):
            if not path.exists():
                return None
            aside = _deleted_name(path, clock())
            os.replace(path, aside)
            return aside
    except (Timeout, OSError) as error:
        reason = getattr(error, "strerror", None) or "another Spinewell window is using it"
        raise BundleError(f"Your profile could not be deleted ({reason}). Nothing was deleted; try again in a "
                          "moment.") from None


def _deleted_name(path: Path, now: dt.datetime) -> Path:
    """profile.deleted-YYYYMMDD-HHMM.json beside the profile, numbered on if that name is taken."""
    stem = f"{path.stem}.deleted-{now:%Y%m%d-%H%M}"
    aside, number = path.with_name(f"{stem}{path.suffix}"), 2
    while aside.exists():
        aside, number = path.with_name(f"{stem}-{number}{path.suffix}"), number + 1
    return aside
