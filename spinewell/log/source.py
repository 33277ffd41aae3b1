"""Which diary the log page shows (an upload, the local file, this session's entries, the sample); where entries go."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from spinewell import files
from spinewell.log.entry import LogEntry
from spinewell.log.read import ParsedLog, read
from spinewell.log.store import AppendReceipt, append, entries_frame, new_log_bytes, to_csv_bytes
from spinewell.storage import settings

DOWNLOAD_NAME = "spinewell_log.csv"


def today() -> dt.date:
    """Today's date on this computer: the one clock the log page and its cache read, so a test can move it."""
    return dt.date.today()


def local_log_path(environ: Mapping[str, str] | None = None, app_dir: Path | None = None) -> Path | None:
    """Where the local log lives (spinewell.storage.settings): SPINEWELL_LOG, else pain_log.csv in the data folder
    (SPINEWELL_DATA); None when it is 'off' or the data is kept in the session only."""
    return settings.log_path(environ, app_dir)


@dataclass(frozen=True)
class Upload:
    """A file the person uploaded: its name, a key that tells uploads apart, and its bytes."""

    name: str
    key: str
    data: bytes


@dataclass(frozen=True)
class LogSource:
    """The diary a page shows.

    `kind` is "upload", "local" (the file at `path`), "session" (entries kept in this session only, local saving
    being off) or "sample" (the bundled made-up log, dated to end last week). `key` names it among the session's
    entries and widgets. `data` is the file's bytes. `entries` are the entries this session added to it and keeps
    (for an upload, or the session's own log). `path` is the local log, None when saving is off. `problem` says,
    in words for the person, why the local log could not be read (something other than a file is at its path).
    `in_browser`: the person's own diary is kept in their browser (the hosted backend), not on this server.
    """

    kind: str
    key: str
    data: bytes
    entries: tuple[LogEntry, ...] = ()
    name: str = DOWNLOAD_NAME
    path: Path | None = None
    problem: str | None = None
    in_browser: bool = False

    @property
    def keeps_for_good(self) -> bool:
        """Whether a new entry is kept after this visit: saved to the local log, or to the person's own diary in
        their browser (an upload's entries are kept with it for this visit only)."""
        return self.saves_locally or (self.in_browser and self.kind in ("session", "sample"))

    @property
    def saves_locally(self) -> bool:
        """Whether a new entry is saved to the local log (else it is kept in the session)."""
        return self.path is not None and self.kind in ("local", "sample")

    @property
    def entries_key(self) -> str:
        """Where in the session a new entry is kept when it is not saved locally."""
        return self.key if self.kind in ("upload", "session") else "session"

    @property
    def added(self) -> bytes:
        """The entries added to an upload, as the log file they would make: read after the upload's own rows."""
        return new_log_bytes(self.entries) if self.kind == "upload" and self.entries else b""

    def can_undo(self, last_save: AppendReceipt | None) -> bool:
        """Whether there is an entry to undo: the last one saved to this diary's file, or kept in the session."""
        return self.undoes_save(last_save) or bool(self.entries)

    def undoes_save(self, last_save: AppendReceipt | None) -> bool:
        """Whether "Undo" removes `last_save` from this diary's file (else it drops the last entry kept in the
        session, if any)."""
        return self.kind == "local" and last_save is not None and last_save.path == self.path

    @property
    def updated_name(self) -> str:
        """The updated log's file name: the upload's own name as a CSV ("diary.xlsx" -> "diary.csv"), since what
        is downloaded is always CSV."""
        return f"{Path(self.name).stem or Path(DOWNLOAD_NAME).stem}.csv"

    def updated_file(self, clean_csv: bytes | Callable[[], bytes]) -> bytes | Callable[[], bytes]:
        """The log with this session's entries, to download: the session's own log byte for byte (an entry kept out
        of the figures, such as a planned session, stays in it to be filled in later), else `clean_csv`, the clean
        log in the app's format. Either way, cells a spreadsheet would run as a formula are neutralised."""
        return to_csv_bytes(entries_frame(self.entries)) if self.kind == "session" else clean_csv

    @property
    def kept_up_to_date(self) -> bool:
        """Whether this is a diary kept as the days go by (so a week up to today is over even if nothing was
        logged in it), not a file from elsewhere."""
        return self.kind in ("local", "session")


def kept_in_browser(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the person's own diary is kept in their browser (SPINEWELL_STORAGE=browser), not on this server."""
    try:
        return settings.storage_settings(environ).backend == settings.HOSTED
    except settings.SettingsError:
        return False


def choose(
    upload: Upload | None, path: Path | None, session_entries: Mapping[str, Sequence[LogEntry]], sample: bytes,
    in_browser: bool | None = None,
) -> LogSource:
    """The diary to show: an upload first, then the local log if it has anything in it, then the entries kept in
    this session (when local saving is off, or kept in the browser), else the sample. `in_browser`: None reads the
    setting (kept_in_browser)."""
    in_browser = kept_in_browser() if in_browser is None else in_browser
    if upload is not None:
        key = f"upload:{upload.key}"
        return LogSource("upload", key, upload.data, tuple(session_entries.get(key, ())), upload.name, path,
                         in_browser=in_browser)
    try:
        data = files.read_existing(path) if path is not None else None
    except OSError as error:
        return LogSource("sample", "sample", sample, path=path, problem=(
            f"Your log file {path} can't be opened ({error.strerror or error}), so the sample is shown instead. "
            "Nothing can be saved there until that is fixed."))
    if data:
        return LogSource("local", "local", data, path=path)
    if path is None and session_entries.get("session"):
        entries = tuple(session_entries["session"])
        return LogSource("session", "session", new_log_bytes(entries), entries, in_browser=in_browser)
    return LogSource("sample", "sample", sample, path=path, in_browser=in_browser)


def save_entries(
    log: LogSource, entries: Sequence[LogEntry], session_entries: MutableMapping[str, list[LogEntry]]
) -> AppendReceipt | None:
    """Save new entries to the diary `log` shows, by the one rule every page follows: appended to the local log
    when it saves locally (the receipt says what "Undo" removes), else kept in the session with the diary shown.

    Raises store.LogWriteError (nothing saved) when the local log can't take them.
    """
    if log.saves_locally:
        return append(log.path, entries)
    session_entries.setdefault(log.entries_key, []).extend(entries)
    return None


def dated_sample(data: bytes, today: dt.date) -> bytes:
    """The sample log moved by whole weeks so that its last entry falls in the week that ended yesterday.

    Whole weeks keep each entry on its weekday (the sample's core days stay Monday, Wednesday and Friday), and
    ending before today keeps every entry out of the future, whatever the clock says.
    """
    frame = read(data, date_order="auto", today=dt.date.max).frame
    if frame.empty:
        return data
    last = frame["date"].max().date()
    weeks = ((today - dt.timedelta(days=1)) - last).days // 7
    return to_csv_bytes(frame.assign(date=frame["date"] + pd.Timedelta(weeks=weeks)))


def with_added(base: ParsedLog, added: ParsedLog) -> ParsedLog:
    """The log of `base` with the entries of `added` read after its last row, as if appended to its file.

    Their rows are numbered on from the file's last row, an entry that repeats one of the file's counts once,
    and entries of a day follow the file's own.
    """
    if added.frame.empty and not added.issues:
        return base
    offset = max(base.last_row - 1, 0)
    old, new = base.frame, added.frame
    same_days = old[old["date"].isin(new["date"].unique())]
    repeats = pd.concat([same_days, new], ignore_index=True).duplicated(keep="first").to_numpy()[len(same_days):]
    frame = pd.concat([old, new[~repeats]], ignore_index=True).sort_values("date", kind="stable")
    shifted = tuple(dataclasses.replace(issue, row=issue.row + offset) for issue in added.issues)
    return dataclasses.replace(
        base,
        frame=frame.reset_index(drop=True),
        issues=base.issues + shifted,
        issue_count=base.issue_count + added.issue_count,
        error=None if len(frame) else (base.error or added.error),
        rows_read=base.rows_read + added.rows_read,
        duplicates_dropped=base.duplicates_dropped + added.duplicates_dropped + int(repeats.sum()),
        last_row=offset + added.last_row,
    )

