"""Who this computer's Hearth is for: each installation remembers, per database, which of
the people it is. New time, contacts and leads are that person's by default; the toolbar's
person picker changes it (and is remembered)."""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from app.ui.common.preferences import ui_settings

if TYPE_CHECKING:
    from app.ui.settings.access import SettingsAccess


def current(access: SettingsAccess) -> int | None:
    """The person this computer's Hearth is for: as remembered, else the first one."""
    everyone = [p.id for p in access.people()]
    chosen = remembered(access.database)
    return chosen if chosen in everyone else (everyone[0] if everyone else None)


def _key(database: str) -> str:
    return f"me/{zlib.crc32(database.encode()):08x}"


def remembered(database: str) -> int | None:
    value = ui_settings().value(_key(database))
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def remember(database: str, person_id: int) -> None:
    prefs = ui_settings()
    prefs.setValue(_key(database), person_id)
    prefs.sync()
