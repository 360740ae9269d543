"""hearth-cli move-to: a demo database copied to PostgreSQL with identical weekly reviews."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.cli import main as cli
from app.model.errors import HearthError
from app.model.review.build import weekly_review
from app.model.safety import move_to
from app.model.store import db
from app.model.store.base import Base
from app.model.weeks import week_of
from app.report import review_json
from tests.model.safety.helpers import NOW, full_database
from tests.pg_server import Server

pytestmark = pytest.mark.postgresql


@pytest.fixture
def server_url(pg_server: Server) -> Iterator[str]:
    fresh = pg_server.fresh_database(migrated=False)
    yield fresh
    pg_server.drop(fresh)


def every_row(store: db.Store) -> dict[str, list[tuple[Any, ...]]]:
    import app.model.store.entities  # noqa: F401

    with store.engine.connect() as conn:
        return {
            table.name: sorted(tuple(row) for row in conn.execute(select(table)))
            for table in Base.metadata.sorted_tables
        }


def reviews(store: db.Store) -> list[dict[str, Any]]:
    with store.session() as session:
        return [
            review_json.to_json(
                weekly_review(session, week_of(NOW - timedelta(weeks=back)), now=NOW)
            )
            for back in range(10)
        ]


def test_move_to_copies_everything_and_the_reviews_are_identical(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = full_database(tmp_path / "shop.db")
    assert cli.main(["--db", str(path), "move-to", server_url]) == 0
    out = capsys.readouterr().out
    assert "rows in 14 tables" in out and f"HEARTH_DATABASE_URL={server_url}" in out
    here = db.open_store(db.sqlite_location(path))
    there = db.open_store(db.Location(url=server_url, path=None))
    try:
        assert every_row(there) == every_row(here)
        assert reviews(there) == reviews(here)
        from app.model import people

        with there.writer() as session:  # new rows continue after the copied ids
            added = people.add_person(session, "After the move")
        assert added.id == 3
    finally:
        here.close()
        there.close()


def test_move_to_refuses_a_server_database_in_use(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = full_database(tmp_path / "shop.db")
    assert cli.main(["--db", str(path), "move-to", server_url]) == 0
    capsys.readouterr()
    there = db.open_store(db.Location(url=server_url, path=None))
    before = every_row(there)
    assert cli.main(["--db", str(path), "move-to", server_url]) == 1
    err = capsys.readouterr().err
    assert "already holds data" in err and "Nothing was changed." in err
    assert every_row(there) == before
    there.close()


def test_move_to_refuses_a_copy_whose_weeks_read_differently(
    tmp_path: Path, server_url: str
) -> None:
    """The weeks are compared as the caller views them (hearth-cli: the review's JSON); a
    view that differs between the file and the server stops the move, naming the week."""
    here = db.open_store(db.sqlite_location(full_database(tmp_path / "shop.db")))
    there = db.open_store(db.Location(url=server_url, path=None))
    try:
        with pytest.raises(HearthError, match=f"weekly review of {week_of(NOW)} differs"):
            move_to.move(
                here,
                there,
                week_view=lambda session, week, now: session.get_bind().dialect.name,
                now=NOW,
            )
    finally:
        here.close()
        there.close()
