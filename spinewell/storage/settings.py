"""Where the person's data is kept: the backend (SPINEWELL_STORAGE), the data folder (SPINEWELL_DATA), the diary."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# Each backend, and whether it keeps files in the data folder (the diary then defaults to a file there too). Each is
# one line here and one entry in spinewell.storage.backends.BACKENDS. `browser` (hosted) keeps the profile and the
# diary in each person's own browser: the server keeps no file, and SPINEWELL_LOG does not apply to it.
BACKENDS: dict[str, bool] = {"local": True, "session": False, "browser": False}
HOSTED = "browser"
LOOPBACK = ("", "localhost", "127.0.0.1", "::1", "[::1]")
DEFAULT_BACKEND = "local"
DEFAULT_DATA = Path("data")
LOG_NAME = "pain_log.csv"
PROFILE_NAME = "profile.json"
_APP_DIR = Path(__file__).resolve().parents[2]


class SettingsError(ValueError):
    """A setting with a value the app cannot use; the message says which setting and what it may be."""


@dataclass(frozen=True)
class StorageSettings:
    """`backend` keeps the profile; `log_path` is the diary file (None: the diary is kept in the session only)."""

    backend: str
    data_dir: Path
    log_path: Path | None

    @property
    def profile_path(self) -> Path:
        return self.data_dir / PROFILE_NAME

    @property
    def keeps_files(self) -> bool:
        return BACKENDS[self.backend]


def storage_settings(environ: Mapping[str, str] | None = None, app_dir: Path | None = None) -> StorageSettings:
    """The settings from the environment. SPINEWELL_STORAGE names the backend (default `local`, or `session` when
    SPINEWELL_LOG is `off`); SPINEWELL_DATA the folder (default data/); SPINEWELL_LOG, when set, the diary file or
    `off`, and otherwise the diary is pain_log.csv in the data folder for a backend that keeps files.

    Relative paths are taken from the app folder. Raises SettingsError for a backend that does not exist.
    """
    environ = os.environ if environ is None else environ
    app_dir = app_dir or _APP_DIR
    log = environ.get("SPINEWELL_LOG", "").strip()
    log_off = log.lower() == "off"
    chosen = environ.get("SPINEWELL_STORAGE", "").strip()
    backend = chosen.lower() or ("session" if log_off else DEFAULT_BACKEND)
    if backend not in BACKENDS:
        allowed = " or ".join(f"`{name}`" for name in BACKENDS)
        raise SettingsError(f"The setting SPINEWELL_STORAGE is `{chosen}`, which is not a way of keeping your data "
                            f"that Spinewell knows. Set it to {allowed}, or leave it out for `{DEFAULT_BACKEND}`.")
    data_dir = _in_app_dir(environ.get("SPINEWELL_DATA", "").strip() or DEFAULT_DATA, app_dir)
    if log_off or backend == HOSTED:  # hosted: one diary file would be shared by everyone who opens the app
        log_path = None
    elif log:
        log_path = _in_app_dir(log, app_dir)
    else:
        log_path = data_dir / LOG_NAME if BACKENDS[backend] else None
    return StorageSettings(backend, data_dir, log_path)


def is_loopback(address: str | None) -> bool:
    """Whether the server address (server.address) can be reached from this computer only: unset, localhost or
    a loopback address (127.x.x.x, ::1)."""
    address = (address or "").strip().lower()
    return address in LOOPBACK or address.startswith("127.")


def shared_without_saying(address: str | None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether the app would keep one diary for everyone who can reach it without anyone having chosen that: the
    local backend by default (SPINEWELL_STORAGE not set) on an address other computers can reach. Set to `local`
    explicitly (your own phone at home), or to `browser` or `session`, it is a choice made, and this is False."""
    environ = os.environ if environ is None else environ
    if environ.get("SPINEWELL_STORAGE", "").strip():
        return False
    return storage_settings(environ).backend == "local" and not is_loopback(address)


def log_path(environ: Mapping[str, str] | None = None, app_dir: Path | None = None) -> Path | None:
    """The diary file (see storage_settings), None when the diary is kept in the session only."""
    return storage_settings(environ, app_dir).log_path


def _in_app_dir(setting: str | Path, app_dir: Path) -> Path:
    path = Path(setting).expanduser()
    return path if path.is_absolute() else app_dir / path
