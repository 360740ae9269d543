"""The time reads run the same SQL through a session and through Python's sqlite3 alone
(`Reader.of_sqlite`, the road of `hearth-cli status` and the window's first numbers, #19):
both roads give the same hours, sums, targets and balances (TZ=Europe/Berlin)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.model import people
from app.model.enums import Side
from app.model.store import settings
from app.model.store.db import Store
from app.model.store.reading import Reader
from app.model.time import categories, targets
from app.model.time import entries as te
from app.model.time.entries import EntryFields
from app.model.time.hours import Hours, hours_in, summed_hours, summed_hours_per_period
from app.model.weeks import local_to_utc, week_bounds

NOW = local_to_utc(datetime(2026, 11, 25, 15, 30))  # Wednesday of 2026-W48


def local(text: str) -> datetime:
    return local_to_utc(datetime.fromisoformat(text))


def _fill(session: Session) -> tuple[int, int]:
    ann = people.add_person(session, "Ann").id
    bo = people.add_person(session, "Bo").id
    meetings = categories.find(session, Side.SALES, "meetings").id
    spans = [
        (ann, Side.SALES, "2026-11-10 09:00", "2026-11-10 11:00", meetings),
        (ann, Side.MARKETING, "2026-11-15 22:00", "2026-11-16 01:30", None),  # across weeks
        (ann, Side.SALES, "2026-11-17 09:00", "2026-11-17 11:30", meetings),
        (bo, Side.MARKETING, "2026-11-22 22:00", "2026-11-23 00:45", None),
        (bo, Side.SALES, "2026-11-24 08:15", "2026-11-24 12:00", meetings),
    ]
    for person, side, start, end, category in spans:
        fields = EntryFields(person, side, local(start), local(end), category)
        te.add_entry(session, fields, now=NOW)
    te.start_timer(session, ann, Side.MARKETING, at=local("2026-11-25 13:00"), clock=lambda: NOW)
    targets.set_week_target(session, "2026-W48", 0.5, 30, person_id=bo)
    targets.set_week_target(session, "2026-W47", 0.3, 70)
    settings.save(session, settings.load(session)._replace(weekly_hours=35, currency="USD"))
    return ann, bo


def _hours(found: Hours) -> tuple[object, ...]:
    return found.by_side, found.by_category, found.by_person, found.by_day


def _read(db: Session | Reader, ann: int, bo: int) -> list[object]:
    weeks = [week_bounds(w) for w in ("2026-W46", "2026-W47", "2026-W48")]
    start, end = weeks[0][0], weeks[-1][1]
    read: list[object] = [
        summed_hours_per_period(db, weeks, by="side", now=NOW),
        summed_hours_per_period(db, weeks, by="person_id", keys=[bo], now=NOW),
        summed_hours_per_period(db, weeks, by="category_id", person_id=ann, now=NOW),
        summed_hours(db, None, end, by="side", now=NOW),
        _hours(hours_in(db, start, end, now=NOW)),
        _hours(hours_in(db, *weeks[2], person_id=ann, now=NOW)),
        te.entries_between(db, *weeks[1], now=NOW),
        te.running(db, ann),
        people.list_people(db, include_inactive=True),
        settings.load(db),
    ]
    for week in ("2026-W47", "2026-W48"):
        read += [
            targets.week_overrides(db, week),
            targets.target_for(db, week, bo),
            targets.combined_target(db, week),
        ]
        for person in (None, ann, bo):
            balance = targets.balance(db, week, person_id=person, now=NOW)
            read.append((balance.target, balance.whose, balance.words(), _hours(balance.hours)))
    return read


def test_sqlite3_alone_reads_what_the_session_reads(store: Store, db_path: Path) -> None:
    with store.writer() as session:
        ann, bo = _fill(session)
    with store.session() as session:
        through_the_session = _read(session, ann, bo)
    with sqlite3.connect(db_path) as connection:
        alone = _read(Reader.of_sqlite(connection), ann, bo)
    assert alone == through_the_session
    assert through_the_session[0] == [
        pytest.approx({"sales": 2.0, "marketing": 2.0}),  # W46: Ann's Sunday night to midnight
        pytest.approx({"sales": 2.5, "marketing": 1.5 + 2.0}),  # W47: its rest, Bo's Sunday
        pytest.approx({"sales": 3.75, "marketing": 0.75 + 2.5}),  # W48: Bo's Monday, the timer
    ]
