"""The Dashboard's glance: this week's review and the running timers, in one read — and the
window's first look at them, read with Python's sqlite3 alone, before SQLAlchemy is imported
(#19: the numbers are on screen at about twice a bare Qt window's start instead of seven)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from app.model.errors import HearthError
from app.model.people import PersonInfo, list_people
from app.model.review.build import weekly_review
from app.model.store import settings as settings_service
from app.model.store.reading import Reader, reading
from app.model.store.settings import Settings
from app.model.time.entry_reads import running

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session

    from app.model.review.types import WeeklyReview
    from app.model.time.types import EntryInfo


class Glance(NamedTuple):
    """What the Dashboard shows: the week's review (the one the Review page and the PDF
    show) and every running timer."""

    review: WeeklyReview
    running: list[EntryInfo]


def glance(db: Session | Reader, week: str, now: datetime) -> Glance:
    reader = reading(db)
    return Glance(weekly_review(reader, week, now=now), running(reader))


class FirstLook(NamedTuple):
    """What the window shows before it opens the database: the Dashboard's glance, the
    settings, and the people for the toolbar's person picker (so the timer buttons are where
    they will stay), with the file named as the opened database will name it."""

    glance: Glance
    settings: Settings
    people: list[PersonInfo]
    database: str


def first_look(db: str | None, week: str, now: datetime) -> FirstLook | None:
    """The first look at the database `db` names (as `--db` does), if it is a SQLite file at
    the current schema whose first-run questions are answered; else None, and the window
    takes its ordinary road (which creates, migrates, asks, or says what is wrong)."""
    from app.model.store import quick_read

    def look(reader: Reader, path: Path) -> FirstLook | None:
        settings = settings_service.load(reader)
        if not settings.set_up:
            return None
        # The file as the opened database names it (Store.location.describe()).
        return FirstLook(glance(reader, week, now), settings, list_people(reader), str(path))

    try:
        return quick_read.read(db, look)
    except (sqlite3.Error, HearthError):  # locked, damaged: the ordinary road says what it is
        return None
