"""The copy of a server's data on this computer: whole, identical, and opened read-only."""

from __future__ import annotations

import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import OperationalError

from app.model import people
from app.model.errors import ReadOnlyError
from app.model.safety import server_copy
from app.model.store import db
from app.model.store.entities import Lead
from tests.model.safety.test_move_to import every_row, reviews

pytestmark = pytest.mark.postgresql


@pytest.fixture
def server(history_on_server: str) -> Iterator[db.Store]:
    there = db.open_store(db.Location(url=history_on_server, path=None))
    yield there
    there.close()


def test_the_copy_holds_every_row_and_the_same_reviews(server: db.Store) -> None:
    assert server_copy.find(server.location) is None
    made = server_copy.refresh(server)
    assert server_copy.find(server.location) == made
    assert made.path.parent.name == "server-copies"
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    assert not Path(f"{made.path}-wal").exists()  # one self-contained file
    assert not made.path.with_name(made.path.name + ".partial").exists()
    copy = server_copy.open_copy(made)
    try:
        assert copy.read_only
        assert every_row(copy) == every_row(server)
        assert reviews(copy) == reviews(server)
    finally:
        copy.close()


def test_the_copy_refuses_every_change_and_stays_as_it_was(server: db.Store) -> None:
    made = server_copy.refresh(server)
    before = made.path.read_bytes()
    copy = server_copy.open_copy(made)
    try:
        refused = pytest.raises(ReadOnlyError, match="read-only copy of the server's data")
        with refused, copy.writer() as session:
            people.add_person(session, "Someone new")
        with pytest.raises(ReadOnlyError), copy.writer() as session:
            session.execute(update(Lead).values(name="Renamed"))
        with pytest.raises(OperationalError, match="readonly"), copy.engine.begin() as conn:
            conn.execute(text("DELETE FROM lead"))  # even below the store, SQLite refuses
        with copy.session() as session:
            assert len(people.list_people(session)) == 2
    finally:
        copy.close()
    assert made.path.read_bytes() == before


def test_a_copy_that_cannot_be_made_leaves_the_last_one(server: db.Store) -> None:
    made = server_copy.refresh(server)
    before = made.path.read_bytes()
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    away_url = server.location.url.rsplit("@", 1)[0] + f"@127.0.0.1:{port}/gone"
    away = db.Store(db.make_engine(db.Location(url=away_url, path=None)), server.location)
    with pytest.raises(OperationalError):
        server_copy.refresh(away)
    assert made.path.read_bytes() == before
    assert not made.path.with_name(made.path.name + ".partial").exists()


def test_the_copy_is_named_by_server_and_database_not_by_password() -> None:
    def where(url: str) -> Path:
        return server_copy.copy_path(db.Location(url=url, path=None))

    assert where("postgresql+psycopg://ann:one@host/shop") == where(
        "postgresql+psycopg://ann:two@host/shop"
    )
    assert where("postgresql+psycopg://ann@host/shop") != where("postgresql+psycopg://ann@host/x")
