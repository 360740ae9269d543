"""Is the database at the current schema? The fast path, without importing Alembic.

Opening a database that is already current costs one read of `alembic_version`. Only when
the database is new or older does `app.model.store.migrate` (and with it Alembic) get imported.
On a server, the check is made again and the migration run under an advisory lock, so that two
first starts at the same moment do not both create the tables.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from app.model.errors import DatabaseOpenError
from app.model.safety import storage_errors
from app.model.store import server_limits
from app.model.store.opening import Location, Upgrade
from app.model.store.revisions import HEAD, REVISIONS

__all__ = ["HEAD", "REVISIONS", "current_revision", "ensure_current", "explain_db_error"]


def explain_db_error(exc: BaseException, location: Location) -> str:
    """One sentence for a database error that the user's situation (not our code) caused."""
    where = location.describe()
    message = str(getattr(exc, "orig", exc) or exc).lower()
    if "file is not a database" in message or "malformed" in message:
        return f"{where} is not a Hearth database, or it is damaged."
    waited = storage_errors.server_waited(exc)
    if waited is not None:
        return waited
    if not location.is_sqlite and storage_errors.server_silent(exc) is not None:
        return (
            f"The PostgreSQL server at {location.server()} stopped answering, so Hearth gave up "
            "waiting: check that this computer is on the network and the server is running, "
            "then try again. Nothing was changed."
        )
    if not location.is_sqlite and "connection timeout expired" in message:  # connect_timeout
        return (
            f"The PostgreSQL server at {location.server()} did not answer within "
            f"{server_limits.CONNECT_TIMEOUT_SECONDS} s, so Hearth gave up waiting: check that "
            "this computer is on the network and the server is running, then try again. Nothing "
            "was changed."
        )
    if not location.is_sqlite and (
        "connection" in message or "timeout" in message or "could not" in message
    ):
        return (
            f"Hearth cannot reach the database server {where}: check that this computer is on "
            "the network and the server is running, then try again. Nothing was changed."
        )
    storage = storage_errors.kind_of(exc)
    if storage == "locked":
        return storage_errors.locked(where)
    if storage == "read_only":
        return f"{where} is read-only; Hearth needs to write to its database."
    if storage == "full":
        return f"The disk holding {where} is full; free some space and try again."
    if storage == "io":
        return f"The disk reported an error reading or writing {where}."
    if "unable to open" in message:
        return f"Hearth cannot open {where}: check that the folder exists and you may write there."
    return f"Hearth cannot open {where}: {getattr(exc, 'orig', exc)}."


class NotHearthError(DatabaseOpenError):
    """The file is a database, but another program's (said with its path by the caller)."""


def current_revision(conn: Connection) -> str | None:
    """The revision the database is at; None for a brand-new, empty database."""
    if conn.dialect.has_table(conn, "alembic_version"):
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        if len(rows) == 1:
            return str(rows[0])
        raise DatabaseOpenError("The database's version table is damaged.")
    if conn.dialect.get_table_names(conn):
        raise NotHearthError("tables, but no Hearth version table")
    return None


def _use_write_ahead_log(engine: Engine, location: Location) -> None:
    """WAL lets the window read while the command line writes; it is stored in the file."""
    try:
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            mode = raw.execute("PRAGMA journal_mode").fetchone()
            if mode is None or str(mode[0]).lower() != "wal":
                raw.execute("PRAGMA journal_mode=WAL")
    except DBAPIError as exc:
        raise DatabaseOpenError(explain_db_error(exc, location)) from exc


# The key of the PostgreSQL advisory lock that one Hearth at a time holds while it checks and
# migrates a server's schema ("Hearth" in ASCII).
SCHEMA_LOCK = 0x486561727468


def _revision(conn: Connection, location: Location) -> str | None:
    try:
        return current_revision(conn)
    except NotHearthError:
        raise DatabaseOpenError(
            f"{location.describe()} is a database, but not a Hearth database; "
            "Hearth leaves it alone."
        ) from None


def ensure_current(engine: Engine, location: Location, *, migrate: bool = True) -> Upgrade | None:
    """Bring the database to HEAD; say what was upgraded (None if it was new or current)."""
    try:
        with engine.connect() as conn:
            revision = _revision(conn, location)
    except DBAPIError as exc:
        raise DatabaseOpenError(explain_db_error(exc, location)) from exc
    if location.is_sqlite and not location.read_only:
        _use_write_ahead_log(engine, location)
    if revision == HEAD:
        return None
    if location.is_sqlite:
        return _bring_up_to_date(engine, location, revision, migrate=migrate)
    # On a server two Hearths may start on a new (or older) database at the same moment — two
    # computers, or the window and a command. One at a time holds the lock (until this
    # transaction ends), looks again and migrates; the other waits, then finds it done.
    try:
        with engine.connect() as conn, conn.begin():
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
            revision = _revision(conn, location)
            if revision == HEAD:
                return None
            return _bring_up_to_date(engine, location, revision, migrate=migrate)
    except DBAPIError as exc:
        raise DatabaseOpenError(explain_db_error(exc, location)) from exc


def _bring_up_to_date(
    engine: Engine, location: Location, revision: str | None, *, migrate: bool
) -> Upgrade | None:
    if revision is not None and revision not in REVISIONS:
        raise DatabaseOpenError(
            f"{location.describe()} was made by a newer version of Hearth (schema {revision}); "
            "install that version to open it."
        )
    if not migrate or location.read_only:
        raise DatabaseOpenError(f"{location.describe()} needs upgrading before it can be opened.")
    from app.model.store import migrate as migrate_module

    try:
        backup = migrate_module.upgrade(engine, location, from_revision=revision)
    except DBAPIError as exc:
        raise DatabaseOpenError(explain_db_error(exc, location)) from exc
    return None if revision is None else Upgrade(revision, HEAD, backup)
