"""Copies of a SQLite database made with SQLite's online backup API (never a file copy).

A copy is written under a temporary name, checked with `PRAGMA integrity_check`, and only then
renamed into place, so a half-written backup never looks like a good one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from app.model.errors import HearthError


def backup_sqlite(source: Path, destination: Path) -> Path:
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            result = dst.execute("PRAGMA integrity_check").fetchone()
        finally:
            dst.close()
    finally:
        src.close()
    if result is None or result[0] != "ok":
        with contextlib.suppress(OSError):
            partial.unlink()
        raise HearthError(
            f"The backup of {source} failed its integrity check; the database was left as it was."
        )
    os.replace(partial, destination)
    return destination


def timestamped_name(stem: str, reason: str, now: datetime | None = None) -> str:
    moment = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"{stem}-{moment}-{reason}.db"
