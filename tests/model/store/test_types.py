"""Money is exact and times are UTC, in Python and in SQL sums."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, StatementError

from app.model.store.db import Store
from app.model.store.entities import Campaign, Person, TimeEntry


def _campaign(name: str, cost: Decimal) -> Campaign:
    return Campaign(name=name, cost=cost, created_at=datetime.now(UTC), start_date=date(2026, 1, 1))


def test_money_sums_exactly_in_sql(store: Store) -> None:
    with store.writer() as session:
        session.add_all(
            [
                _campaign("a", Decimal("0.10")),
                _campaign("b", Decimal("0.20")),
                _campaign("c", Decimal("1234567.8901")),
            ]
        )
        session.commit()
        total = session.scalar(select(func.sum(Campaign.cost)))
    assert total == Decimal("1234568.1901")
    assert isinstance(total, Decimal)


def test_money_refuses_a_float(store: Store) -> None:
    with store.writer() as session:
        session.add(_campaign("f", 0.1))  # type: ignore[arg-type]
        with pytest.raises(StatementError, match="not a float"):
            session.commit()


def test_times_come_back_as_the_same_utc_instant(store: Store) -> None:
    berlin_summer = datetime(2026, 7, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    with store.writer() as session:
        session.add(Person(name="Ann", created_at=berlin_summer))
        session.commit()
    with store.session() as session:
        stored = session.scalars(select(Person.created_at)).one()
    assert stored == berlin_summer
    assert stored.tzinfo == UTC
    assert stored.hour == 7


def test_a_naive_time_is_refused(store: Store) -> None:
    with store.writer() as session:
        session.add(Person(name="Ann", created_at=datetime(2026, 7, 1, 9, 30)))
        with pytest.raises(StatementError, match="naive datetime"):
            session.commit()


def _person(session) -> int:  # type: ignore[no-untyped-def]
    person = Person(name="Ann", created_at=datetime.now(UTC))
    session.add(person)
    session.flush()
    return person.id


def test_an_entry_that_ends_before_it_starts_is_refused(store: Store) -> None:
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with store.writer() as session:
        person_id = _person(session)
        session.add(TimeEntry(person_id=person_id, side="sales", start=start, end=start))
        with pytest.raises(IntegrityError, match="end_after_start"):
            session.commit()


def test_one_running_timer_per_person(store: Store) -> None:
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with store.writer() as session:
        person_id = _person(session)
        session.add(TimeEntry(person_id=person_id, side="sales", start=start))
        session.add(
            TimeEntry(person_id=person_id, side="marketing", start=start + timedelta(hours=1))
        )
        with pytest.raises(IntegrityError, match="(?i)unique"):
            session.commit()


def test_the_default_categories_are_there(store: Store) -> None:
    from app.model.enums import DEFAULT_CATEGORIES
    from app.model.store.entities import Category

    with store.session() as session:
        rows = session.execute(
            select(Category.side, Category.name).order_by(Category.side, Category.position)
        ).all()
    expected = [
        (side.value, name)
        for side in sorted(DEFAULT_CATEGORIES)
        for name in DEFAULT_CATEGORIES[side]
    ]
    assert [tuple(r) for r in rows] == expected
