"""What opening a database is given and hands back: where the database is (`Location`) and
what opening did to an older one (`Upgrade`).

A leaf: `app.model.store.db` opens the database and calls the schema check
(`app.model.store.schema`), which calls the migrations (`app.model.store.migrate`); all three
name these, and none of the lower two imports `db` back. Callers of `open_store` take both from
`db`, which re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url


@dataclass(frozen=True)
class Location:
    """Where the database is: a URL, and for SQLite the file it names."""

    url: str
    path: Path | None
    is_default: bool = False
    # A copy opened to be looked at only (app.model.safety.server_copy): SQLite opens the file
    # read-only and the store refuses every change with a sentence.
    read_only: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def describe(self) -> str:
        if self.path is not None:
            return str(self.path)
        return make_url(self.url).render_as_string(hide_password=True)

    def server(self) -> str:
        """HOST:PORT of a PostgreSQL server (its default port if the URL names none); the
        whole URL, its password hidden, when it names no host."""
        url = make_url(self.url)
        if not url.host:
            return self.describe()
        return f"{url.host}:{url.port or 5432}"


@dataclass(frozen=True)
class Upgrade:
    """What opening the database did to an older one: the schema it was at, and the copy of
    the file taken before (None when there was no file to copy, as on a server)."""

    from_revision: str
    to_revision: str
    backup: Path | None
