"""Where the person's data is kept: the backend (SPINEWELL_STORAGE), the data folder (SPINEWELL_DATA), the diary."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# Each backend, and whether it keeps files in the data folder (the diary then defaults to a file there too). Another
# backend (browser storage) is one more line here and one more entry in spinewell.storage.backends.BACKENDS.
BACKENDS: dict[str, bool] = {"local": True, "session": False}
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
    if log_off:
        log_path = None
    elif log:
        log_path = _in_app_dir(log, app_dir)
    else:
        log_path = data_dir / LOG_NAME if BACKENDS[backend] else None
    return StorageSettings(backend, data_dir, log_path)


def log_path(environ: Mapping[str, str] | None = None, app_dir: Path | None = None) -> Path | None:
    """The diary file (see storage_settings), None when the diary is kept in the session only."""
    return storage_settings(environ, app_dir).log_path


def _in_app_dir(setting: str | Path, app_dir: Path) -> Path:
    path = Path(setting).expanduser()
    return path if path.is_absolute() else app_dir / path
