"""Window preferences (geometry, last page) in an INI file in the user config folder.

Data that matters lives in the database; only how the window looks lives here. The folder
comes from `app.model.paths`, so tests (HEARTH_HOME) never touch the real user's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from app.model import paths


def ui_settings() -> QSettings:
    return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)


def last_folder(key: str) -> Path:
    """The folder a file dialog of this kind ("import", "export", "pdf") was last used in,
    if it is still there; else the home folder."""
    saved = ui_settings().value(f"folders/{key}")
    folder = Path(str(saved)) if saved else None
    return folder if folder is not None and folder.is_dir() else Path.home()


def remember_folder(key: str, chosen: str | Path) -> None:
    """After a file dialog: its next opening starts where this one ended."""
    path = Path(chosen)
    prefs = ui_settings()
    prefs.setValue(f"folders/{key}", str(path if path.is_dir() else path.parent))
    prefs.sync()
