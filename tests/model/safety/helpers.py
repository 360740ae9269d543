"""Shared by the safety tests: a database with rows in every table, dumps, and damage."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from app.model.demo import business as demo
from app.model.store import db
from app.model.store.sqlite_uri import file_uri
from app.model.time import targets

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def full_database(path: Path) -> Path:
    """Demo data (leads, touchpoints, deals, time, campaigns, tags…) plus a weekly target,
    so that every table has rows."""
    store = db.open_store(db.sqlite_location(path))
    with store.writer() as session:
        demo.fill(session, leads=150, weeks=10, now=NOW)
    with store.writer() as session:
        targets.set_week_target(session, "2026-W47", 0.5, 30)
        session.commit()
    store.close()
    empty = [name for name, rows in dump(path).items() if not rows]
    assert empty == [], f"tables without rows: {empty}"
    return path


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a stable order."""
    conn = sqlite3.connect(file_uri(path, "ro"), uri=True)
    try:
        names = [
            str(row[0])
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }
    finally:
        conn.close()


def damage(path: Path, page: int = 3) -> None:
    """Overwrite one whole page in the middle of the file with garbage."""
    size = 4096
    with path.open("r+b") as file:
        file.seek(size * (page - 1))
        file.write(b"\xa5" * size)
