"""Files written whole or not at all: under a temporary name beside the target, synced, then
renamed into place. A failure (a full disk, a crash, an error while writing) leaves any old
file as it was and no temporary file behind.

A link is followed: the file it names is replaced (atomically, in that file's folder) and the
link stays a link. A terminal or a pipe (`-o /dev/stdout`, a named pipe, `/dev/null`) cannot be
replaced; it is written to as it is.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from app.model.errors import HearthError


def streams(path: Path) -> bool:
    """Is `path` (or what it links to) a terminal, a device like /dev/null, or a pipe — written
    to as it is, never replaced?"""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def target_of(path: Path) -> Path:
    """The file that writing `path` changes: `path` itself, or the file a link leads to."""
    if not path.is_symlink():
        return path
    try:
        os.stat(path)
    except FileNotFoundError:
        pass  # a link to a file not there yet: the file is made where the link points
    except OSError as exc:  # a loop of links
        raise HearthError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    return Path(os.path.realpath(path))


@contextlib.contextmanager
def replaced(path: Path, *, text: bool = False) -> Iterator[IO[Any]]:
    """A file to write `path`'s new content into (UTF-8 text when `text`, else bytes)."""
    if streams(path):
        with _written_directly(path, text=text) as out:
            yield out
        return
    final = target_of(path)
    folder = final.parent if str(final.parent) else Path(".")
    if not folder.is_dir():
        raise HearthError(f"Cannot write {path}: the folder {folder} does not exist.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{final.name}.", dir=folder)
    except OSError as exc:
        raise HearthError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    try:
        out = (
            os.fdopen(handle, "w", encoding="utf-8", newline="")
            if text
            else os.fdopen(handle, "wb")
        )
        with out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, final)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise HearthError(
                f"Cannot write {path}: {exc.strerror or exc}; any old file is unchanged."
            ) from None
        raise


@contextlib.contextmanager
def _written_directly(path: Path, *, text: bool) -> Iterator[IO[Any]]:
    try:
        out = open(path, "w", encoding="utf-8", newline="") if text else open(path, "wb")  # noqa: SIM115
    except OSError as exc:
        raise HearthError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    try:
        with out:
            yield out
    except OSError as exc:
        raise HearthError(f"Cannot write {path}: {exc.strerror or exc}.") from None


def write_bytes(path: Path, data: bytes) -> Path:
    with replaced(path) as out:
        out.write(data)
    return path
