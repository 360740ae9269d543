"""The SQL-text reader (app.model.store.reading) hands back the same Python values as the
entities do, through a session on either database and through sqlite3 alone."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from app.model.store.db import Store
from app.model.store.entities import Deal, Lead
from app.model.store.reading import Reader, ids, reading

WHEN = datetime(2026, 11, 20, 16, 0, 0, 123456, tzinfo=UTC)


def _one_deal(session: Session) -> int:
    lead = Lead(
        name="Ann's 100% café",
        created_at=WHEN,
        next_action_due=date(2026, 11, 23),
        estimated_value=Decimal("1234.5678"),
    )
    session.add(lead)
    session.flush()
    session.add(Deal(lead_id=lead.id, value=Decimal("99.9900"), won_at=WHEN))
    session.flush()
    return lead.id


def _read(reader: Reader, lead_id: int) -> tuple[object, ...]:
    name, created, due, value = reader.one(
        "SELECT name, created_at, next_action_due, estimated_value FROM lead "
        "WHERE id IN (" + ids([lead_id]) + ") AND created_at >= :t AND next_action_due = :d "
        "AND name LIKE '%100%%'",
        {"t": reader.at(WHEN), "d": reader.on(date(2026, 11, 23))},
    )
    total = reader.value("SELECT sum(value) FROM deal")
    return name, reader.time(created), reader.day(due), reader.money(value), reader.money(total)


EXPECTED = ("Ann's 100% café", WHEN, date(2026, 11, 23), Decimal("1234.5678"), Decimal("99.99"))


def test_a_session_reads_times_days_and_money_as_the_entities_do(store: Store) -> None:
    with store.writer() as session:
        lead_id = _one_deal(session)  # not committed: the reader sees the session's own rows
        assert _read(reading(session), lead_id) == EXPECTED
        assert reading(session).value("SELECT count(*) FROM lead WHERE id = -1") == 0


def test_sqlite3_alone_reads_the_same(store: Store, db_path: Path) -> None:
    with store.writer() as session, session.begin():
        lead_id = _one_deal(session)
    with sqlite3.connect(db_path) as connection:
        assert _read(Reader.of_sqlite(connection), lead_id) == EXPECTED


def test_an_empty_id_list_matches_nothing() -> None:
    assert ids([]) == "NULL"
    assert ids([3, 1]) == "3, 1"
