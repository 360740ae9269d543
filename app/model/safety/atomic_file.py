"""Files written whole or not at all: under a temporary name beside the target, synced, then
renamed into place. A failure (a full disk, a crash, an error while writing) leaves any old
file as it was and no temporary file behind; one a killed process left
(`.NAME.XXXXXXXX.hearth-tmp`) is removed by the next write to that folder once it is an hour
old.

A link is followed: the file it names is replaced (atomically, in that file's folder) and the
link stays a link. A terminal or a pipe (`-o /dev/stdout`, a named pipe, `/dev/null`) cannot be
replaced; it is written to as it is. Nor is a file reached through one of this process's open
descriptors (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`, as in `… /dev/stdout >> log.txt`):
it is written through that descriptor, where it stands, so what the shell put there before
(and the append it asked for) is kept.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from app.model.errors import HearthError

# A temporary file's name: `.NAME.` + mkstemp's eight characters + this suffix.
TEMPORARY_SUFFIX = ".hearth-tmp"
# One this old is a killed process's leftover (a file being written grows, then is renamed).
STALE_SECONDS = 3600
_LEFTOVER = re.compile(r"^\..+\.[a-z0-9_]{8}" + re.escape(TEMPORARY_SUFFIX) + "$")
# What /dev/stdout, /dev/stderr and /dev/fd/N are on Linux: this process's descriptors.
_DESCRIPTOR = re.compile(r"^/(?:dev/fd|proc/self/fd|proc/(?P<pid>\d+)/fd)/(?P<fd>\d+)$")
_STANDARD = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


def streams(path: Path | str) -> bool:
    """Is `path` (or what it links to) a terminal, a device like /dev/null, a pipe, or one
    of this process's open descriptors — written to as it is, never replaced?"""
    if descriptor(path) is not None:
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def descriptor(path: Path | str) -> int | None:
    """The open descriptor of this process that `path` names — /dev/stdout, /dev/fd/N,
    /proc/self/fd/N, or a link that leads to one — else None."""
    seen = os.path.abspath(os.fspath(path))
    for _hop in range(40):  # as many links as the system follows
        folder, name = os.path.split(seen)
        with contextlib.suppress(OSError):
            seen = os.path.join(os.path.realpath(folder), name)  # /dev/fd is /proc/PID/fd
        if seen in _STANDARD:
            return _STANDARD[seen]
        match = _DESCRIPTOR.match(seen)
        if match is not None and match["pid"] in (None, str(os.getpid())):
            return int(match["fd"])
        try:
            link = os.readlink(seen)
        except OSError:
            return None
        seen = os.path.normpath(os.path.join(os.path.dirname(seen), link))
    return None


def fit(text: str, most_bytes: int) -> str:
    """`text` cut to at most `most_bytes` bytes of UTF-8, never inside a character: a part of
    a file name made from another name (a file name may have at most 255 bytes)."""
    return text.encode()[:most_bytes].decode(errors="ignore")


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
    _sweep(folder, final.name)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{fit(final.name, 200)}.", suffix=TEMPORARY_SUFFIX, dir=folder
        )
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


def _sweep(folder: Path, name: str) -> None:
    """Remove the temporary files killed writers left in `folder` (ours by their name, an
    hour old): any `.…hearth-tmp`, and `.NAME.XXXXXXXX`, what an earlier Hearth named them."""
    earlier = re.compile(r"^\." + re.escape(name) + r"\.[a-z0-9_]{8}$")
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (_LEFTOVER.match(entry.name) or earlier.match(entry.name)):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and (
                    time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
                ):
                    os.unlink(entry.path)


@contextlib.contextmanager
def _written_directly(path: Path, *, text: bool) -> Iterator[IO[Any]]:
    """`path` written as it is: through this process's descriptor when it names one (after
    what Python holds for it is flushed, so the order stays), else opened."""
    number = descriptor(path)
    try:
        if number is not None:
            _flush_own(number)
            handle = os.dup(number)
            out = (
                os.fdopen(handle, "w", encoding="utf-8", newline="")
                if text
                else os.fdopen(handle, "wb")
            )
        else:
            out = open(path, "w", encoding="utf-8", newline="") if text else open(path, "wb")  # noqa: SIM115
    except OSError as exc:
        raise HearthError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    try:
        with out:
            yield out
    except OSError as exc:
        raise HearthError(f"Cannot write {path}: {exc.strerror or exc}.") from None


def _flush_own(number: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, OSError, ValueError):
            if stream.fileno() == number:
                stream.flush()


def write_bytes(path: Path, data: bytes) -> Path:
    with replaced(path) as out:
        out.write(data)
    return path
