"""Files written whole or not at all: under a temporary name beside the target, synced, then
renamed into place. A failure (a full disk, a crash, an error while writing) leaves any old
file as it was and no temporary file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from app.model.errors import HearthError


@contextlib.contextmanager
def replaced(path: Path, *, text: bool = False) -> Iterator[IO[Any]]:
    """A file to write `path`'s new content into (UTF-8 text when `text`, else bytes)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise HearthError(f"Cannot write {path}: the folder {folder} does not exist.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
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
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise HearthError(
                f"Cannot write {path}: {exc.strerror or exc}; any old file is unchanged."
            ) from None
        raise


def write_bytes(path: Path, data: bytes) -> Path:
    with replaced(path) as out:
        out.write(data)
    return path
