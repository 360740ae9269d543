"""The store counts committed writes (the window refreshes its pages by it)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select, text

from app.model import people
from app.model.errors import ValidationError
from app.model.leads import create as lead_create
from app.model.leads.service import LeadFields
from app.model.store.db import Store
from app.model.store.entities import Lead, Person

AT = datetime(2026, 11, 2, 9, tzinfo=UTC)


def test_a_committed_write_moves_the_counter_and_tells_the_listeners(set_up_store: Store) -> None:
    heard: list[int] = []
    set_up_store.changes.listen(heard.append)
    before = set_up_store.changes.generation
    with set_up_store.writer() as session:
        lead_create.create(session, LeadFields(name="Anna Baker"))
    assert set_up_store.changes.generation == before + 1
    assert heard == [before + 1]


def test_reading_and_a_write_that_is_rolled_back_do_not(set_up_store: Store) -> None:
    before = set_up_store.changes.generation
    with set_up_store.session() as session:
        people.list_people(session)
        session.execute(select(Lead)).all()
        session.commit()
    with set_up_store.writer() as session, pytest.raises(ValidationError):
        session.add(Person(name="Bo", created_at=AT))
        session.flush()
        raise ValidationError("changed my mind")
    with set_up_store.writer() as session:
        session.add(Person(name="Cy", created_at=AT))
        session.flush()
        session.rollback()
    assert set_up_store.changes.generation == before


def test_a_bulk_insert_and_a_statement_of_its_own_count_too(set_up_store: Store) -> None:
    before = set_up_store.changes.generation
    with set_up_store.writer() as session:
        session.execute(
            insert(Person), [{"name": "Bo", "created_at": AT}, {"name": "Cy", "created_at": AT}]
        )
        session.commit()
    with set_up_store.writer() as session:
        session.execute(text("UPDATE person SET name = 'Bea' WHERE name = 'Bo'"))
        session.commit()
    assert set_up_store.changes.generation == before + 2


def test_a_change_from_outside_is_counted_when_noted(set_up_store: Store) -> None:
    before = set_up_store.changes.generation
    set_up_store.changes.outside()
    assert set_up_store.changes.generation == before + 1
