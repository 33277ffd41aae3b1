"""The safe write under every odd thing a diary path can be: a symbolic link, a hard link, a read-only file, a folder,
a pipe; and the temporary files a killed write leaves behind."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from pathlib import Path

import pytest

from spinewell import files
from spinewell.log.entry import LogEntry
from spinewell.log.source import choose
from spinewell.log.store import LogWriteError, append, undo_last

DAY = dt.date(2026, 3, 2)
HEADER = b"date,time,pain,exercise,minutes,notes\n"


def entry(notes: str) -> LogEntry:
    return LogEntry(DAY, pain=4.0, notes=notes)


def test_a_symlinked_diary_stays_a_link_and_its_target_gets_every_entry(tmp_path):
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "pain_log.csv"
    target.write_bytes(HEADER)
    link = tmp_path / "pain_log.csv"
    link.symlink_to(target)
    append(link, [entry("first")])
    receipt = append(link, [entry("second")])
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == HEADER + b"2026-03-02,,4,,,first\n2026-03-02,,4,,,second\n"
    undo_last(receipt)
    assert link.is_symlink() and target.read_bytes() == HEADER + b"2026-03-02,,4,,,first\n"
    assert not list(tmp_path.glob(".pain_log.csv.*"))  # the temporary file was made in the target's folder


def test_a_relative_symlink_into_another_folder_is_followed(tmp_path):
    (tmp_path / "cloud").mkdir()
    (tmp_path / "cloud" / "diary.csv").write_bytes(HEADER)
    (tmp_path / "app").mkdir()
    link = tmp_path / "app" / "pain_log.csv"
    link.symlink_to(Path("..") / "cloud" / "diary.csv")
    append(link, [entry("via a relative link")])
    assert link.is_symlink()
    assert (tmp_path / "cloud" / "diary.csv").read_bytes().endswith(b",via a relative link\n")


def test_a_hard_linked_diary_is_refused_and_both_names_keep_their_bytes(tmp_path):
    path = tmp_path / "pain_log.csv"
    path.write_bytes(HEADER)
    other = tmp_path / "copy_in_backup_folder.csv"
    os.link(path, other)
    with pytest.raises(LogWriteError, match="hard links.*Your entry was not saved"):
        append(path, [entry("split?")])
    assert path.read_bytes() == other.read_bytes() == HEADER
    assert os.stat(path).st_ino == os.stat(other).st_ino


def test_a_read_only_diary_is_refused_not_replaced(tmp_path):
    path = tmp_path / "pain_log.csv"
    path.write_bytes(HEADER)
    path.chmod(0o444)
    inode = os.stat(path).st_ino
    with pytest.raises(LogWriteError, match="read-only.*Your entry was not saved"):
        append(path, [entry("sneaked in")])
    assert path.read_bytes() == HEADER and os.stat(path).st_ino == inode


def test_a_folder_at_the_diary_path_gets_a_clear_message(tmp_path):
    path = tmp_path / "pain_log.csv"
    path.mkdir()
    with pytest.raises(LogWriteError, match="a folder of that name, not a file"):
        append(path, [entry("x")])
    assert path.is_dir() and list(path.iterdir()) == []
    shown = choose(None, path, {}, b"sample")
    assert shown.kind == "sample" and "a folder of that name" in shown.problem


def _in_thread(work, seconds: float = 5.0):
    """Run work() in a thread and fail (instead of hanging the test run) if it does not finish in time."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "it hung"
    return outcome


def test_a_pipe_at_the_diary_path_is_reported_never_waited_on(tmp_path):
    path = tmp_path / "pain_log.csv"
    os.mkfifo(path)
    outcome = _in_thread(lambda: append(path, [entry("x")]))
    assert isinstance(outcome.get("error"), LogWriteError)
    assert "not an ordinary file" in str(outcome["error"])
    shown = _in_thread(lambda: choose(None, path, {}, b"sample"))["value"]
    assert shown.kind == "sample" and "not an ordinary file" in shown.problem
    assert path.exists() and not path.is_file()


def test_temp_files_of_a_killed_write_are_removed_on_the_next_write_and_only_ours(tmp_path):
    path = tmp_path / "pain_log.csv"
    path.write_bytes(HEADER)
    old = time.time() - 3600
    left_behind = tmp_path / ".pain_log.csv.k1ll3d__.tmp"
    in_progress = tmp_path / ".pain_log.csv.wr1t1ng_.tmp"  # another writer's, a second old
    not_ours = [tmp_path / ".profile.json.abcdefgh.tmp", tmp_path / "pain_log.csv.tmp", tmp_path / "notes.tmp"]
    for stray in (left_behind, in_progress, *not_ours):
        stray.write_bytes(b"half a diary")
    for stray in (left_behind, *not_ours):
        os.utime(stray, (old, old))
    append(path, [entry("next write")])
    assert not left_behind.exists()
    assert in_progress.exists() and all(p.exists() for p in not_ours)


def test_a_backup_keeps_the_old_bytes_and_only_the_newest_few(tmp_path):
    path = tmp_path / "pain_log.csv"
    made = [files.backup(path, f"version {n}".encode(), keep=3) for n in range(5)]
    assert files.backups(path) == made[-3:]
    assert [p.read_bytes() for p in files.backups(path)] == [b"version 2", b"version 3", b"version 4"]
