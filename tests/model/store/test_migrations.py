"""Migrations: the shipped schema equals the models, and opening a current database is cheap."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.model.store import db, schema
from app.model.store.base import Base
from app.model.store.db import Store
from app.model.store.migrate import alembic_config
from tests import ROOT


def test_revisions_list_matches_the_migration_files() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    oldest_first = [rev.revision for rev in reversed(list(scripts.walk_revisions()))]
    assert tuple(oldest_first) == schema.REVISIONS
    assert scripts.get_current_head() == schema.HEAD


def test_migrated_schema_equals_the_models(store: Store) -> None:
    import app.model.store.entities  # noqa: F401

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


@pytest.mark.sqlite_only
def test_constraints_are_all_named(store: Store) -> None:
    with store.engine.connect() as conn:
        sql = "\n".join(
            conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL"
            ).scalars()
        )
    assert "CHECK" in sql
    assert sql.count("CHECK") == sql.count("CONSTRAINT ck_")
    assert sql.count("FOREIGN KEY") == sql.count("CONSTRAINT fk_")


PROBE = """
import sys
from pathlib import Path
from app.model.store import db
store = db.open_store(db.sqlite_location(Path(sys.argv[1])))
with store.engine.connect() as conn:
    print(conn.exec_driver_sql("PRAGMA schema_version").scalar())
print("alembic" in sys.modules)
"""


def test_opening_a_current_database_again_is_a_no_op_without_alembic(
    store: Store, db_path: Path
) -> None:
    with store.engine.connect() as conn:
        version_before = conn.exec_driver_sql("PRAGMA schema_version").scalar()
    store.close()
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", PROBE, str(db_path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        schema_version, alembic_loaded = result.stdout.split()
        assert int(schema_version) == version_before
        assert alembic_loaded == "False"


def test_a_brand_new_database_is_created_at_head(tmp_path: Path) -> None:
    store = db.open_store(db.sqlite_location(tmp_path / "fresh.db"))
    with store.engine.connect() as conn:
        assert schema.current_revision(conn) == schema.HEAD
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    store.close()


def test_a_migration_that_leaves_dangling_references_is_rolled_back_after_a_backup(
    store: Store, db_path: Path, hermetic_home: Path
) -> None:
    from app.model.errors import DatabaseOpenError
    from app.model.store import migrate

    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        raw.execute(
            "INSERT INTO lead (name, temperature, status, created_at, owner_id) "
            "VALUES ('Orphan', 'cold', 'open', '2026-01-01 00:00:00', 42)"
        )
        raw.execute("PRAGMA foreign_keys=ON")
    with pytest.raises(
        DatabaseOpenError, match="stopped: 1 row would point to rows that do not exist"
    ):
        migrate.upgrade(store.engine, store.location, from_revision="0001")
    backups = list((hermetic_home / "backups").glob("test-*-before-*.db"))
    assert len(backups) == 1
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
            schema.HEAD
        )


def test_an_oldest_schema_database_with_data_upgrades_and_keeps_every_row(
    tmp_path: Path, hermetic_home: Path
) -> None:
    """Made at revision 0001 with a lead and touchpoints; opened now, it is backed up,
    migrated, and the new last-contact column is filled from the touchpoints."""
    from app.model.store import migrate

    path = tmp_path / "old.db"
    location = db.sqlite_location(path)
    engine = db.make_engine(location)
    migrate.upgrade(engine, location, from_revision=None, target="0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO person (id, name, active, created_at) VALUES (1, 'Ann', 1, '2026-01-01')"
        )
        conn.exec_driver_sql(
            "INSERT INTO lead (id, name, company, email, phone, notes, next_action, temperature,"
            " status, created_at, archived) VALUES (1, 'Bo', '', '', '', '', '', 'warm', 'open',"
            " '2026-01-02 09:00:00.000000', 0)"
        )
        for day, temperature in (("02", "cold"), ("04", "warm"), ("06", "hot")):
            conn.exec_driver_sql(
                "INSERT INTO temperature_change (lead_id, at, to_temperature, reason) VALUES "
                f"(1, '2026-01-{day} 09:00:00.000000', '{temperature}', '')"
            )
        for day in ("05", "09", "07"):
            conn.exec_driver_sql(
                "INSERT INTO touchpoint (lead_id, kind, side, at, person_id, note) VALUES "
                f"(1, 'call', 'sales', '2026-01-{day} 10:00:00.000000', 1, '')"
            )
    engine.dispose()

    store = db.open_store(location)
    with store.engine.connect() as conn:
        assert schema.current_revision(conn) == schema.HEAD
        assert conn.exec_driver_sql("SELECT count(*) FROM touchpoint").scalar() == 3
        assert conn.exec_driver_sql("SELECT name FROM person").scalar() == "Ann"
        assert conn.exec_driver_sql("SELECT last_contact_at FROM lead").scalar() == (
            "2026-01-09 10:00:00.000000"
        )
        assert conn.exec_driver_sql("SELECT warm_at, hot_at FROM lead").one() == (
            "2026-01-04 09:00:00.000000",
            "2026-01-06 09:00:00.000000",
        )
    store.close()
    assert len(list((hermetic_home / "backups").glob("old-*-before-*.db"))) == 1


def test_an_oldest_schema_database_with_rows_in_every_table_keeps_every_row(
    tmp_path: Path, hermetic_home: Path
) -> None:
    """A database made at 0001 holding (what 0001 can hold of) a full demo history — rows in
    every table — opened by this Hearth: backed up, migrated, and every row is found again,
    with the columns added since filled as this Hearth fills them."""
    import sqlite3

    from app.model.store import migrate
    from tests.model.safety.helpers import dump, full_database

    today = full_database(tmp_path / "today.db")
    old = tmp_path / "old.db"
    location = db.sqlite_location(old)
    engine = db.make_engine(location)
    migrate.upgrade(engine, location, from_revision=None, target=schema.REVISIONS[0])
    engine.dispose()
    conn = sqlite3.connect(old)
    conn.execute("ATTACH DATABASE ? AS today", (str(today),))
    conn.execute("PRAGMA foreign_keys=OFF")
    tables = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type='table' AND name != 'alembic_version'"
        )
    ]
    for table in tables:
        columns = ", ".join(
            f'"{row[1]}"' for row in conn.execute(f'PRAGMA main.table_info("{table}")')
        )
        conn.execute(f'DELETE FROM main."{table}"')  # the defaults 0001 seeded
        conn.execute(
            f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM today."{table}"'
        )
    conn.commit()
    conn.close()
    assert all(rows for name, rows in dump(old).items())

    store = db.open_store(location)
    assert store.upgrade is not None and store.upgrade.from_revision == schema.REVISIONS[0]
    store.close()
    # A table added since 0001 (monthly_goal, 0006) starts empty: 0001 had nothing for it.
    added = {name: [] for name in dump(today) if name not in tables and name != "alembic_version"}
    assert added == {"monthly_goal": []}
    assert dump(old) == {**dump(today), **added}
    assert len(list((hermetic_home / "backups").glob("old-*-before-*.db"))) == 1
