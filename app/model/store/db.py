"""Opening the store: which database, the engine with its SQLite settings, and sessions.

Which database, first match wins:
1. an explicit path (`hearth --db PATH`, `hearth-cli --db PATH`);
2. `HEARTH_DATABASE_URL`, any SQLAlchemy URL (for example a PostgreSQL server);
3. `HEARTH_DB`, a path;
4. the server saved in File → Database… (`app.model.store.location.saved_url`);
5. `hearth.db` in the user data folder (see `app.model.paths`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from app.model.errors import DatabaseOpenError, ReadOnlyError
from app.model.safety.private_files import create_private, private_folder
from app.model.store import location as locate
from app.model.store import server_limits as limits
from app.model.store import sqlite_uri
from app.model.store.changes import ChangeCounter

# Defined in a leaf that the schema check and the migrations share; re-exported, as callers of
# open_store name them from here.
from app.model.store.opening import Location as Location
from app.model.store.opening import Upgrade as Upgrade

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# How long a writer waits for another to finish before saying the file is locked, and on a
# server how long a statement may wait for a lock and may run: app.model.store.server_limits.
_WRITE_OPTION = "hearth_write"
_IMPORT_OPTION = "hearth_import"
SQLITE_CACHE_KIB = 32 * 1024  # each connection's page cache (grows as pages are read)
# libpq settings: a server that does not answer is known within seconds — when connecting
# (connect_timeout: server_limits.CONNECT_TIMEOUT_SECONDS, added by make_engine), and on an
# open connection whose server or network vanished without a word (TCP keepalives after 5 s
# idle, 3 probes 2 s apart; unacknowledged sends give up after 10 s).
# A server that stops answering while the connection stays up: app.model.store.server_silence.
SERVER_CONNECTION = {
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
    "tcp_user_timeout": 10_000,
}


def sqlite_location(path: Path, *, is_default: bool = False) -> Location:
    path = path.expanduser().absolute()
    return Location(
        url=sqlite_uri.engine_url(path),
        path=path,
        is_default=is_default,
    )


def resolve_location(
    db: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> Location:
    choice = locate.choose(db, environ)
    if isinstance(choice, locate.Url):
        try:
            parsed = make_url(choice.url)
        except Exception as exc:  # sqlalchemy.exc.ArgumentError; message is technical
            raise DatabaseOpenError(
                f"HEARTH_DATABASE_URL is not a database URL: {choice.url!r}."
            ) from exc
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            return sqlite_location(Path(str(parsed.database)))
        return Location(url=choice.url, path=None)
    return sqlite_location(choice.path, is_default=choice.is_default)


def check_sqlite_path(location: Location) -> None:
    """Refuse, with a sentence, a path that cannot hold a database; create the default folder."""
    path = location.path
    assert path is not None
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder, not a database file.")
    parent = path.parent
    if not parent.exists() and location.is_default:
        try:
            private_folder(parent)
        except OSError as exc:
            raise DatabaseOpenError(
                f"Hearth cannot create its data folder {parent}: {exc.strerror or exc}."
            ) from exc
    if not parent.exists():
        raise DatabaseOpenError(
            f"The folder {parent} does not exist, so {path.name} cannot be created there."
        )
    if not parent.is_dir():
        raise DatabaseOpenError(
            f"{parent} is not a folder, so {path.name} cannot be created in it."
        )
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise DatabaseOpenError(
                f"{path} is read-only or not readable for you; Hearth needs "
                "to write to its database."
            )
    elif not os.access(parent, os.W_OK):
        raise DatabaseOpenError(
            f"You may not create files in {parent}, so {path.name} cannot be created there."
        )


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Per-connection settings only; the write-ahead log is a setting of the file, switched on
    # by app.model.store.schema once the file is known to be Hearth's (never on someone else's).
    # Let SQLAlchemy's "begin" event, not the sqlite3 module, decide when transactions start.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={limits.BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA synchronous=FULL")  # a committed write survives a power cut
        # Up to 32 MiB of pages kept between reads (SQLite's default is 2 MiB): a weekly review
        # of 100,000 leads reads about 20 MiB of them, and a second read finds them here.
        cursor.execute(f"PRAGMA cache_size={-SQLITE_CACHE_KIB}")
    finally:
        cursor.close()


def _on_read_only_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA query_only=ON")


def _on_read_only_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def _on_sqlite_begin(conn: Any) -> None:
    # Writers take the write lock up front, so a second process waits (busy timeout)
    # instead of failing half-way with "database is locked" when it upgrades a read lock.
    if conn.get_execution_options().get(_WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def make_engine(location: Location, *, echo: bool = False) -> Engine:
    if location.is_sqlite and location.read_only:
        assert location.path is not None
        reading = sqlite_uri.file_uri(location.path, "ro")
        engine = create_engine(
            "sqlite://",
            echo=echo,
            creator=lambda: sqlite3.connect(reading, uri=True, timeout=limits.BUSY_TIMEOUT_SECONDS),
        )
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "connect", _on_read_only_connect)
        event.listen(engine, "begin", _on_read_only_begin)  # no write lock to take
        return engine
    if location.is_sqlite:
        engine = create_engine(
            location.url, echo=echo, connect_args={"timeout": limits.BUSY_TIMEOUT_SECONDS}
        )
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    # A server that cannot be reached is said within seconds, never a hung window.
    if not _is_postgres(location):
        return create_engine(location.url, echo=echo, pool_pre_ping=True)
    options = (
        f"-c lock_timeout={_ms(limits.SERVER_LOCK_TIMEOUT_SECONDS)} "
        f"-c statement_timeout={_ms(limits.SERVER_STATEMENT_TIMEOUT_SECONDS)} "
        f"-c idle_in_transaction_session_timeout={_ms(limits.SERVER_STATEMENT_TIMEOUT_SECONDS)}"
    )
    engine = create_engine(
        location.url,
        echo=echo,
        pool_pre_ping=True,
        connect_args={
            **SERVER_CONNECTION,
            "connect_timeout": limits.CONNECT_TIMEOUT_SECONDS,
            "options": options,
        },
    )
    # And a server that stops answering while the connection stays up is given up on.
    from app.model.store import server_silence

    server_silence.answer_in_time(engine, import_option=_IMPORT_OPTION)
    event.listen(engine, "begin", _on_server_begin)
    return engine


def _on_server_begin(conn: Any) -> None:
    # An import waits longer for locks, may run longer statements and stay idle longer between
    # them (for this transaction).
    if conn.get_execution_options().get(_IMPORT_OPTION):
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {_ms(limits.IMPORT_LOCK_TIMEOUT_SECONDS)}")
        statements = _ms(limits.IMPORT_STATEMENT_TIMEOUT_SECONDS)
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {statements}")
        conn.exec_driver_sql(f"SET LOCAL idle_in_transaction_session_timeout = {statements}")


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


def _is_postgres(location: Location) -> bool:
    return make_url(location.url).get_backend_name() == "postgresql"


class Store:
    """An open, migrated database: hands out short-lived sessions.

    `session()` is for reading and ordinary work; `writer()` is for a unit of work that reads
    and then writes (on SQLite it begins with `BEGIN IMMEDIATE`); `importer()` is a writer for
    an import. Both expire nothing on commit,
    so rows handed back stay readable after the session is closed.
    """

    def __init__(self, engine: Engine, location: Location, upgrade: Upgrade | None = None) -> None:
        from sqlalchemy.orm import sessionmaker

        self.engine = engine
        self.location = location
        # Moves on with every committed write (the window keeps its pages up to date by it).
        self.changes = ChangeCounter()
        self.changes.watch(engine)
        # Set when this opening migrated an older database (the window says so, once).
        self.upgrade = upgrade
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self._writers = sessionmaker(
            bind=engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False
        )
        self._importers = sessionmaker(
            bind=engine.execution_options(**{_WRITE_OPTION: True, _IMPORT_OPTION: True}),
            expire_on_commit=False,
        )
        if location.read_only:
            for sessions in (self._sessions, self._writers, self._importers):
                event.listen(sessions, "before_flush", _refuse_flush)
                event.listen(sessions, "do_orm_execute", _refuse_statement)

    @property
    def read_only(self) -> bool:
        return self.location.read_only

    def session(self) -> Session:
        return self._sessions()

    def writer(self) -> Session:
        return self._writers()

    def importer(self) -> Session:
        """A writer for an import: on a server it waits longer for locks and may run longer
        statements (see app.model.store.server_limits)."""
        return self._importers()

    def close(self) -> None:
        self.engine.dispose()


READ_ONLY_SENTENCE = (
    "This is a read-only copy of the server's data: nothing can be changed until Hearth "
    "is connected to the server again."
)


def _refuse_flush(session: Session, _context: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise ReadOnlyError(READ_ONLY_SENTENCE)


def _refuse_statement(state: Any) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        raise ReadOnlyError(READ_ONLY_SENTENCE)


def open_store(location: Location | None = None, *, migrate: bool = True) -> Store:
    """Open (creating and migrating as needed) the database; raise DatabaseOpenError if not."""
    from app.model.store import schema

    location = location or resolve_location()
    if location.is_sqlite and not location.read_only:
        check_sqlite_path(location)
        assert location.path is not None
        # Readable by the user only; SQLite gives its -wal and -shm files the same mode.
        create_private(location.path)
    engine = make_engine(location)
    try:
        upgrade = schema.ensure_current(engine, location, migrate=migrate)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, location, upgrade)
