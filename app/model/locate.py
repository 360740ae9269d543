"""Which database: the one rule, importable without SQLAlchemy.

First match wins: an explicit path (`--db`), `HEARTH_DATABASE_URL` (any SQLAlchemy URL),
`HEARTH_DB` (a path), else `hearth.db` in the user data folder. `app.model.db` turns the
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
        return File(Path(db))
    url = env.get("HEARTH_DATABASE_URL")
    if url:
        return Url(url)
    if env.get("HEARTH_DB"):
        return File(Path(env["HEARTH_DB"]))
    return File(paths.default_db_path(), is_default=True)


def identity(choice: File | Url) -> str:
    """The same text for every way of naming the same database (for "is it already open?")."""
    if isinstance(choice, Url):
        return choice.url
    path = choice.path.expanduser()
    try:
        return str(path.resolve())
    except OSError:  # a loop of links: the path as given is the best name there is
        return str(path.absolute())
