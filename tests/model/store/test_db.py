"""Opening the store: which file, the SQLite settings, and one-sentence refusals."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from app.model import paths
from app.model.errors import DatabaseOpenError
from app.model.store import db
from app.model.store.db import Store
from app.model.store.entities import Lead
from tests.pg_server import Server


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_explicit_path_wins_over_the_environment(tmp_path: Path) -> None:
    env = {"HEARTH_DATABASE_URL": "postgresql+psycopg://u@h/db", "HEARTH_DB": "/x/y.db"}
    location = db.resolve_location(tmp_path / "mine.db", env)
    assert location.path == tmp_path / "mine.db"


def test_database_url_comes_before_hearth_db() -> None:
    env = {"HEARTH_DATABASE_URL": "postgresql+psycopg://u:secret@h/db", "HEARTH_DB": "/x/y.db"}
    location = db.resolve_location(None, env)
    assert location.path is None
    assert location.url.startswith("postgresql+psycopg://")
    assert "secret" not in location.describe()


def test_hearth_db_then_the_user_data_folder(hermetic_home: Path) -> None:
    assert db.resolve_location(None, {"HEARTH_DB": "/x/y.db"}).path == Path("/x/y.db")
    default = db.resolve_location(None, {})
    assert default.path == hermetic_home / paths.DB_FILE_NAME
    assert default.is_default


def test_a_sqlite_database_url_is_treated_as_its_file(tmp_path: Path) -> None:
    env = {"HEARTH_DATABASE_URL": f"sqlite:///{tmp_path}/u.db"}
    assert db.resolve_location(None, env).path == tmp_path / "u.db"


def test_the_default_folder_is_created(hermetic_home: Path) -> None:
    (hermetic_home).rmdir()
    store = db.open_store(db.resolve_location(None, {}))
    store.close()
    assert (hermetic_home / paths.DB_FILE_NAME).exists()


@pytest.mark.sqlite_only
def test_new_database_uses_wal_foreign_keys_full_sync_and_a_busy_timeout(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        # 32 MiB of pages (negative: in KiB), not SQLite's 2 MiB: the review's reads fit
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -32 * 1024


def test_foreign_keys_are_enforced(store: Store) -> None:
    with store.writer() as session, pytest.raises(IntegrityError):
        session.execute(
            insert(Lead).values(
                name="Ghost",
                owner_id=999,
                temperature="cold",
                status="open",
                created_at=datetime.now(UTC),
            )
        )
        session.commit()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda tmp: tmp, "is a folder, not a database file"),
        (lambda tmp: tmp / "missing" / "x.db", "does not exist"),
        (lambda tmp: _file(tmp / "plain.txt") / "x.db", "is not a folder"),
    ],
)
def test_bad_paths_are_refused_with_a_sentence(tmp_path: Path, make, expected: str) -> None:
    with pytest.raises(DatabaseOpenError, match=expected) as caught:
        db.open_store(db.sqlite_location(make(tmp_path)))
    assert "\n" not in str(caught.value)


def _file(path: Path) -> Path:
    path.write_text("not a folder")
    return path


def test_a_file_that_is_not_a_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Dear diary,\n" * 200)
    before = _digest(path)
    with pytest.raises(DatabaseOpenError, match="not a Hearth database, or it is damaged"):
        db.open_store(db.sqlite_location(path))
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "notes.txt"]


def test_another_programs_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(DatabaseOpenError, match="not a Hearth database; Hearth leaves it alone"):
        db.open_store(db.sqlite_location(path))
    assert _digest(path) == before


def test_a_database_from_a_newer_hearth_is_refused(store: Store, db_path: Path) -> None:
    with store.writer() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        session.commit()
    store.close()
    with pytest.raises(DatabaseOpenError, match="newer version of Hearth"):
        db.open_store(db.sqlite_location(db_path))


def test_a_writer_waits_for_another_writer_instead_of_failing(store: Store, db_path: Path) -> None:
    """BEGIN IMMEDIATE: the second writer queues behind the first (busy timeout)."""
    other = db.open_store(db.sqlite_location(db_path))
    first = store.writer()
    first.execute(text("SELECT count(*) FROM person"))  # holds the write lock from here
    finished = threading.Event()
    errors: list[BaseException] = []

    def second_writer() -> None:
        try:
            with other.writer() as session:
                session.execute(text("SELECT count(*) FROM person"))
                session.execute(
                    text(
                        "INSERT INTO person (name, active, created_at) "
                        "VALUES ('Bo', 1, '2026-01-01 00:00:00')"
                    )
                )
                session.commit()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finished.set()

    thread = threading.Thread(target=second_writer)
    thread.start()
    assert not finished.wait(0.3), "the second writer should be waiting for the lock"
    first.execute(
        text(
            "INSERT INTO person (name, active, created_at) VALUES ('Al', 1, '2026-01-01 00:00:00')"
        )
    )
    first.commit()
    first.close()
    thread.join(10)
    other.close()
    assert errors == []
    with store.session() as session:
        names = session.execute(text("SELECT name FROM person ORDER BY name")).scalars().all()
    assert names == ["Al", "Bo"]


def test_readers_are_not_blocked_by_a_writer(store: Store) -> None:
    writer = store.writer()
    writer.execute(text("SELECT 1 FROM person"))
    with store.session() as reader:
        assert reader.execute(text("SELECT count(*) FROM category")).scalar() == 15
    writer.rollback()
    writer.close()


@pytest.mark.postgresql
def test_a_server_connection_gives_up_on_a_silent_server_within_seconds(
    pg_server: Server,
) -> None:
    """A server that vanished without closing the connection (a pulled cable) is noticed by
    TCP keepalives and a send timeout, not after the operating system's hours."""
    url = pg_server.fresh_database()
    store = db.open_store(db.Location(url=url, path=None))
    try:
        with store.engine.connect() as conn:
            dsn = conn.connection.dbapi_connection.info.dsn  # type: ignore[union-attr]
    finally:
        store.close()
        pg_server.drop(url)
    from psycopg.conninfo import conninfo_to_dict

    settings = {key: str(value) for key, value in conninfo_to_dict(dsn).items()}
    assert settings["connect_timeout"] == "5"
    assert settings["keepalives"] == "1"
    assert int(settings["keepalives_idle"]) + 3 * int(settings["keepalives_interval"]) <= 15
    assert int(settings["tcp_user_timeout"]) <= 15_000
