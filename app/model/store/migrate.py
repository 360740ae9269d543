"""Bringing a database to the current schema with the Alembic migrations shipped in the package.

Migrations run on one connection with foreign keys off (a batch table rebuild with them on
would silently cascade deletes), inside one transaction that ends with `PRAGMA
foreign_key_check`: a migration that would leave a dangling reference is rolled back whole.
An existing SQLite database is backed up before it is touched. Alembic's `fileConfig` is never
called: it would disable the application's loggers.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from app.model.errors import DatabaseOpenError
from app.model.safety.backup import take_backup
from app.model.store.opening import Location
from app.model.store.revisions import HEAD

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


def upgrade(
    engine: Engine, location: Location, *, from_revision: str | None, target: str = "head"
) -> Path | None:
    """Migrate to `target` (tests name older revisions); return the backup taken first."""
    from alembic import command

    backup: Path | None = None
    if from_revision is not None and location.path is not None:
        backup = take_backup(location.path, f"before-{HEAD}")
        log.info("backed up %s to %s before migrating", location.path, backup)
    config = alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        # PRAGMA foreign_keys is a no-op inside a transaction: set it on the raw connection,
        # outside SQLAlchemy's autobegin.
        raw = conn.connection.dbapi_connection
        assert raw is not None
        if sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, target)
                if sqlite:
                    problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if problems:
                        rows = f"{len(problems)} row{'s' if len(problems) != 1 else ''}"
                        raise DatabaseOpenError(
                            f"Upgrading {location.describe()} stopped: {rows} would point to "
                            "rows that do not exist. The database was left as it was."
                        )
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")
    log.info("migrated %s from %s to %s", location.describe(), from_revision, HEAD)
    return backup
