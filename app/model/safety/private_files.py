"""Files only the user may read: the database, its backups, the logs (0600 on POSIX).

SQLite creates the -wal and -shm files with the database file's own permissions, so making the
database file private first makes all three private. On Windows the user's profile folders
are private already and these calls change nothing.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(path: Path) -> None:
    """Create the folder (and parents) if missing; a folder Hearth creates is the user's only."""
    if not path.exists():
        path.mkdir(parents=True, mode=FOLDER_MODE, exist_ok=True)


def create_private(path: Path, *, exclusive: bool = False) -> None:
    """Create an empty file readable by the user only, if there is none yet (FileExistsError
    if there is one and `exclusive`). An empty file that is there already (made by `touch`, or
    by a program that was stopped) is about to be filled by Hearth: it is made private too."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        if exclusive:
            raise
        with contextlib.suppress(OSError):
            if path.is_file() and path.stat().st_size == 0:
                make_private(path)


def make_private(path: Path) -> None:
    """Narrow an existing file to the user (a copy Hearth wrote, a log it rotated)."""
    if os.name == "posix":
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, FILE_MODE)
