"""Writing a person's files safely: one lock per file, and a write that readers see whole or not at all."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import stat
import tempfile
import time
from pathlib import Path

from filelock import FileLock

STALE_TEMP_SECONDS = 60  # a temporary file this old was left by a write that was killed, not one in progress
BACKUPS_KEPT = 5


class RefusedWrite(OSError):
    """A file Spinewell will not replace (a folder, a pipe, a read-only file, one with other hard links); its
    strerror says why in plain words."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(code, reason)


def real_path(path: Path) -> Path:
    """The file a path names once symbolic links are followed: the one to read, lock and replace, so that a diary
    linked into a synced folder stays a link and its target gets every entry."""
    return Path(os.path.realpath(path))


def lock(path: Path, timeout: float) -> FileLock:
    """The lock that every writer of `path` takes (a `.lock` file beside the real file, so every link to it shares
    one lock); acquiring it raises filelock.Timeout."""
    return FileLock(str(real_path(path)) + ".lock", timeout=timeout)


def read_existing(path: Path) -> bytes | None:
    """The bytes of the file at `path`, or None when there is none; RefusedWrite when something else is there.

    The path is looked at before it is opened, and opened without blocking, so a pipe put where the diary should
    be is reported instead of waiting forever for someone to write into it.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    _refuse_unless_regular(mode)
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as handle:
        _refuse_unless_regular(os.fstat(handle.fileno()).st_mode)  # it could have been swapped since the stat
        return handle.read()


def check_replaceable(path: Path) -> None:
    """Raise RefusedWrite unless replacing the real file at `path` by a new one loses nothing.

    A folder or pipe is not a diary. A read-only file was made so on purpose. A file with other hard links would
    be split in two by a replace (the other names keep the old bytes and never get another entry), and writing it in
    place can't be made all-or-nothing (a crash halfway would leave half a diary under every name), so it is
    refused with what to do instead.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    _refuse_unless_regular(info.st_mode)
    if info.st_nlink > 1:
        raise RefusedWrite(errno.EMLINK, (
            f"the file has {info.st_nlink} names on this disk (hard links), and saving would split them apart; "
            "keep one name only, or use a shortcut (symbolic link) instead"))
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise RefusedWrite(errno.EACCES, "the file is read-only, so Spinewell leaves it as it is; make it writable "
                                         "to add to it")


def atomic_write(path: Path, payload: bytes) -> None:
    """Write to a temporary file beside the real file, fsync, then os.replace: readers see old or new, never half.

    Symbolic links are followed (the link stays, its target is replaced); a file that can't be replaced without
    loss is refused (check_replaceable); temporary files left by a write that was killed are removed first.
    """
    target = real_path(path)
    check_replaceable(target)
    remove_stale_temps(target)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=_temp_prefix(target), suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp_name, stat.S_IMODE(target.stat().st_mode))
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    with contextlib.suppress(OSError):
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def remove_stale_temps(target: Path, older_than: float = STALE_TEMP_SECONDS) -> None:
    """Remove our own temporary files beside `target` (named as atomic_write names them) older than a minute."""
    prefix, cutoff = _temp_prefix(target), time.time() - older_than
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                    os.unlink(entry.path)


def backup(path: Path, data: bytes, keep: int = BACKUPS_KEPT) -> Path:
    """Keep `data` (the file's bytes before a change) as `NAME.YYYYMMDD-HHMMSS-micro.bak` beside the real file,
    written whole, and remove all but the newest `keep` such backups. Returns the backup's path."""
    target = real_path(path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    copy = target.with_name(f"{target.name}.{stamp}.bak")
    atomic_write(copy, data)
    for old in backups(target)[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
    return copy


def backups(path: Path) -> list[Path]:
    """The backups kept of the file at `path`, oldest first."""
    target = real_path(path)
    return sorted(p for p in target.parent.glob(f"{target.name}.*.bak") if p.is_file())


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def _refuse_unless_regular(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise RefusedWrite(errno.EISDIR, "there is a folder of that name, not a file; move it away or choose "
                                         "another file name")
    if not stat.S_ISREG(mode):
        raise RefusedWrite(errno.EINVAL, "it is not an ordinary file (a pipe or a device); remove it or choose "
                                         "another file name")
