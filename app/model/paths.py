"""Where Hearth keeps its files: the one place user paths come from.

`HEARTH_HOME` points every one of them into a single folder (tests use it, and so can a user
who keeps Hearth on a USB stick); otherwise they follow the platform's conventions.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Hearth"
DB_FILE_NAME = "hearth.db"
DEMO_DB_FILE_NAME = "hearth-demo.db"


def _home() -> Path | None:
    value = os.environ.get("HEARTH_HOME")
    return Path(value) if value else None


def data_dir() -> Path:
    home = _home()
    if home is not None:
        return home
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Files Hearth can make again (a review PDF handed to the PDF viewer)."""
    home = _home()
    if home is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def backup_dir() -> Path:
    return data_dir() / "backups"


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def demo_db_path() -> Path:
    """The demo database the first-run dialog offers, kept apart from the user's own."""
    return data_dir() / DEMO_DB_FILE_NAME
