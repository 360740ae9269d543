"""Window preferences (geometry, last page) in an INI file in the user config folder.

Data that matters lives in the database; only how the window looks lives here. The folder
comes from `app.model.paths`, so tests (HEARTH_HOME) never touch the real user's settings.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.model import paths


def ui_settings() -> QSettings:
    return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)
