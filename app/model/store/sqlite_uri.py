"""The one place that turns a database file's path into an address for SQLite or SQLAlchemy.

A path is plain text, but a `file:` URI and a SQLAlchemy URL are addresses: in them `#` starts
a fragment, `?` a query, `&` and `=` separate options, and `%41` means `A`. Pasted into an
address as it is, the path `/data/my#data.db` names the file `/data/my`, and `?mode=ro` after it
is lost. Every address Hearth gives SQLite is built here, with the path percent-encoded, so a
file is found under its own name whatever characters (and spaces) that name holds.

No SQLAlchemy at import: the quick road (`quick_read`) uses `file_uri` too.
"""

from __future__ import annotations

from pathlib import Path


def file_uri(path: Path, mode: str, *, immutable: bool = False) -> str:
    """`file:///…?mode=…` for `sqlite3.connect(…, uri=True)`; `mode` is `ro`, `rw` or `rwc`.
    `immutable` tells SQLite the file cannot change while it is open (no locks, no -wal)."""
    options = f"mode={mode}" + ("&immutable=1" if immutable else "")
    return f"{path.absolute().as_uri()}?{options}"


def engine_url(path: Path) -> str:
    """The SQLAlchemy URL of the SQLite file at `path` (`sqlite:////…`, its name escaped)."""
    from sqlalchemy.engine import URL

    return URL.create("sqlite", database=str(path.absolute())).render_as_string()
