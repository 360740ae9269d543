"""Settings → Database…'s "Test connection": can this computer reach that server, and what
is there? One sentence either way; nothing is created or changed."""

from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from app.model.errors import DatabaseOpenError
from app.model.formatting import count
from app.model.store.db import Location, make_engine
from app.model.store.revisions import HEAD, REVISIONS
from app.model.store.schema import explain_db_error


def check_connection(url: str) -> str:
    """What is at `url`, in a sentence; DatabaseOpenError with the reason if it cannot be
    reached or is not usable."""
    location = Location(url=url.strip(), path=None)
    try:
        engine = make_engine(location)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseOpenError(
            f"{url!r} is not a database address; write it like "
            "postgresql+psycopg://user@server/hearth."
        ) from exc
    try:
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
            if not tables:
                return "Connected. The database is empty: Hearth will set it up when you use it."
            if "alembic_version" not in tables:
                raise DatabaseOpenError(
                    "Connected, but that database holds another program's tables; Hearth "
                    "needs an empty database or its own."
                )
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            people = int(conn.execute(text("SELECT count(*) FROM person")).scalar() or 0)
    except DBAPIError as exc:
        raise DatabaseOpenError(explain_db_error(exc, location)) from exc
    finally:
        engine.dispose()
    if revision not in REVISIONS:
        raise DatabaseOpenError(
            f"Connected, but that database was made by a newer Hearth (schema {revision})."
        )
    later = "" if revision == HEAD else f" (Hearth will bring it from {revision} to {HEAD})"
    return f"Connected to a Hearth database with {count(people, 'person', 'people')}{later}."
