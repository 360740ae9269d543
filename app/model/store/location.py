"""Which database: the one rule, importable without SQLAlchemy.

First match wins: an explicit path (`--db`), `HEARTH_DATABASE_URL` (any SQLAlchemy URL),
`HEARTH_DB` (a path), the server saved in Settings → Database… (the file `database-url` in
the user config folder), else `hearth.db` in the user data folder. `app.model.store.db` turns the
choice into an engine; the command line's fast path reads a SQLite file directly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from app.model import paths


# Plain classes, not dataclasses: the window imports this before its first paint, where the
# ~1.5 ms a dataclass costs to define is worth saving.
class File:
    __slots__ = ("is_default", "path")

    def __init__(self, path: Path, is_default: bool = False) -> None:
        self.path = path
        self.is_default = is_default

    def __repr__(self) -> str:
        return f"File({self.path!r}, is_default={self.is_default})"


class Url:
    __slots__ = ("url",)

    def __init__(self, url: str) -> None:
        self.url = url

    def __repr__(self) -> str:
        return f"Url({self.url!r})"


def choose(
    db: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> File | Url:
    env = os.environ if environ is None else environ
    if db is not None:
        # `--db` takes a server's address too (postgresql+psycopg://…), else it is a file.
        return Url(str(db)) if "://" in str(db) else File(Path(db))
    url = env.get("HEARTH_DATABASE_URL")
    if url:
        return Url(url)
    if env.get("HEARTH_DB"):
        return File(Path(env["HEARTH_DB"]))
    saved = saved_url()
    if saved:
        return Url(saved)
    return File(paths.default_db_path(), is_default=True)


SAVED_URL_FILE = "database-url"


def saved_url() -> str | None:
    """The server chosen in Settings → Database… on this computer, if any."""
    try:
        text = (paths.config_dir() / SAVED_URL_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return text or None


def save_url(url: str | None) -> None:
    """Remember a server for this computer (None: back to the file in the data folder)."""
    target = paths.config_dir() / SAVED_URL_FILE
    if not url:
        target.unlink(missing_ok=True)
        return
    from app.model.safety.atomic_file import write_bytes  # its temporary file is 0600: a password

    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, (url.strip() + "\n").encode())


def identity(choice: File | Url) -> str:
    """The same text for every way of naming the same database (for "is it already open?")."""
    if isinstance(choice, Url):
        return choice.url
    path = choice.path.expanduser()
    try:
        return str(path.resolve())
    except OSError:  # a loop of links: the path as given is the best name there is
        return str(path.absolute())
