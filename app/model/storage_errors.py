"""A sentence for the storage failures a user can meet while working: a full disk, a disk
that reports errors, a file that became read-only. Used by the window's error handler and the
command line."""

from __future__ import annotations

FULL = (
    "The disk is full, so Hearth could not save the last change; free some space and try "
    "again. Everything saved before is safe."
)
IO_ERROR = (
    "The disk reported an error while Hearth was reading or writing its data; the last change "
    "may not be saved. Check the disk, then run 'hearth-cli check'."
)

READ_ONLY = (
    "Hearth may not write to its database (the file or its folder is read-only); the last "
    "change was not saved. Make the file writable, or choose another with --db."
)


def sentence_for(error: BaseException) -> str | None:
    """The sentence for a full disk or an I/O error anywhere in the exception's chain."""
    seen: BaseException | None = error
    while seen is not None:
        message = f"{seen} {getattr(seen, 'orig', '') or ''}".lower()
        if "database or disk is full" in message or "no space left on device" in message:
            return FULL
        if "disk i/o error" in message:
            return IO_ERROR
        if "readonly database" in message or "read-only" in message:
            return READ_ONLY
        seen = seen.__cause__ or seen.__context__
    return None
