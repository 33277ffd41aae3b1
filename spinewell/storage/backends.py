"""Where a profile is kept, behind one small interface: a file on this computer, nothing (this session only), or the
person's own browser (hosted)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from filelock import Timeout

from spinewell import files
from spinewell.storage import browser, profile
from spinewell.storage.profile import ProfileProblem
from spinewell.storage.settings import StorageSettings

LOCK_TIMEOUT = 5.0  # seconds: another window saving at the same moment


class StorageError(Exception):
    """The profile could not be saved or moved (a full disk, no permission, another window holding the lock);
    `message` says so in plain words. Nothing already saved is harmed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Loaded:
    """A profile as loaded: its JSON-safe data (empty when there is none yet), or the problem that keeps it out."""

    data: dict[str, Any] = field(default_factory=dict)
    problem: ProfileProblem | None = None


class Store(Protocol):
    """A place that keeps one person's profile."""

    def load(self) -> Loaded:
        """The profile kept here; a missing one is an empty Loaded, a damaged one carries its problem."""

    def save(self, data: Mapping[str, Any]) -> bool:
        """Keep `data` (JSON-safe, as profile.kept makes it); False when nothing needed writing. Never overwrites
        a damaged profile (raises ProfileProblem); raises StorageError when it cannot write."""

    def save_over(self, base: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
        """Keep what changed from `base` (the profile as this window last loaded or saved it) to `data`, over what
        is kept now: what another window saved in the meantime stays (profile.merged). What is kept afterwards.
        Raises as save does."""

    def start_again(self) -> Path | None:
        """Put a damaged profile aside (kept, never deleted) so that the next load is empty; where it went."""


class LocalStore:
    """profile.json in the data folder, written whole (files.atomic_write) under its lock, only when it changes."""

    def __init__(self, path: Path, clock: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        self.path = path
        self.clock = clock

    def load(self) -> Loaded:
        try:
            payload = self.path.read_bytes()
        except FileNotFoundError:
            return Loaded()
        except OSError as error:
            return Loaded(problem=ProfileProblem(f"It could not be read ({error.strerror or error})."))
        try:
            return Loaded(profile.parse(payload))
        except ProfileProblem as problem:
            return Loaded(problem=problem)

    def save(self, data: Mapping[str, Any]) -> bool:
        return self._write(lambda current: dict(data))[1]

    def save_over(self, base: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
        return self._write(lambda current: dict(data) if current == dict(base) else
                           profile.merged(base, data, current))[0]

    def _write(self, keep: Callable[[dict[str, Any]], dict[str, Any]]) -> tuple[dict[str, Any], bool]:
        """Under the lock: what `keep` makes of the profile kept now, written if it differs; it, and whether it
        was written."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with files.lock(self.path, LOCK_TIMEOUT):
                current = self.load()
                if current.problem is not None:
                    raise current.problem
                data = keep(current.data)
                if current.data == data:
                    return data, False
                files.atomic_write(self.path, profile.dump(data, self.clock()))
                return data, True
        except Timeout:
            raise StorageError("Another Spinewell window was saving at the same moment, so this change is not "
                               "saved yet. It will be saved with your next change.") from None
        except OSError as error:
            raise StorageError(f"Your changes could not be saved in {self.path.parent} "
                               f"({error.strerror or error}). What was saved before is unharmed.") from None

    def start_again(self) -> Path | None:
        try:
            with files.lock(self.path, LOCK_TIMEOUT):
                if not self.path.exists():
                    return None
                aside = self._aside_name()
                os.replace(self.path, aside)
                return aside
        except (Timeout, OSError) as error:
            reason = getattr(error, "strerror", None) or "another Spinewell window is using it"
            raise StorageError(f"The old profile could not be moved aside ({reason}). Nothing was changed; "
                               "try again in a moment.") from None

    def _aside_name(self) -> Path:
        """profile.damaged-YYYYMMDD-HHMM.json beside the profile, numbered on if that name is taken."""
        stem = f"{self.path.stem}.damaged-{self.clock():%Y%m%d-%H%M}"
        aside, number = self.path.with_name(f"{stem}{self.path.suffix}"), 2
        while aside.exists():
            aside, number = self.path.with_name(f"{stem}-{number}{self.path.suffix}"), number + 1
        return aside


class SessionStore:
    """Nothing kept on this computer: the profile lives in the browser session, and the person downloads it."""

    def load(self) -> Loaded:
        return Loaded()

    def save(self, data: Mapping[str, Any]) -> bool:
        return False

    def save_over(self, base: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
        return dict(data)  # one session, one window: nothing else changes it

    def start_again(self) -> Path | None:
        return None


class BrowserStore:
    """The person's own browser (localStorage), for a hosted Spinewell: the server keeps nothing. What the browser
    holds reaches the server only through the page (spinewell.ui.browser_store reads it on a session's first run
    and writes each change), so `held` is the profile's text as the browser reported it, and saving here is
    nothing: the page writes."""

    def __init__(self, held: str | None = None) -> None:
        self.held = held

    def load(self) -> Loaded:
        try:
            return Loaded(browser.decode_profile(self.held))
        except ProfileProblem as problem:
            return Loaded(problem=problem)

    def save(self, data: Mapping[str, Any]) -> bool:
        return False

    def save_over(self, base: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
        return dict(data)  # the page writes, and the browser refuses a write made from older data (browser_store)

    def start_again(self) -> Path | None:
        return None  # the page keeps the damaged value under another key in the browser (browser.aside_key)


BACKENDS: dict[str, Callable[[StorageSettings], Store]] = {
    "local": lambda settings: LocalStore(settings.profile_path),
    "session": lambda settings: SessionStore(),
    "browser": lambda settings: BrowserStore(),
}


def open_store(settings: StorageSettings) -> Store:
    """The store the settings name (settings.BACKENDS and this registry list the same backends)."""
    return BACKENDS[settings.backend](settings)
