"""Write a new Alembic migration by comparing the models with a database at the current head.

    python -m tools.new_migration "add version counters"

Review the file it writes, then add its revision id to `REVISIONS` in app/model/store/revisions.py.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from app.model.store import db, schema
from app.model.store.migrate import alembic_config


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    revision_id = f"{len(schema.REVISIONS) + 1:04d}"
    with tempfile.TemporaryDirectory() as tmp:
        location = db.sqlite_location(Path(tmp) / "head.db")
        store = db.open_store(location) if schema.REVISIONS else None
        engine = store.engine if store else db.make_engine(location)
        config = alembic_config()
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.revision(config, message=argv[0], autogenerate=True, rev_id=revision_id)
        engine.dispose()
    print(f"wrote revision {revision_id}; add it to REVISIONS in app/model/store/revisions.py")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
