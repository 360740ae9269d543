"""A sentence for the two storage failures a user can meet while working: a full disk and a
disk that reports errors. Used by the window's error handler and the command line."""

from __future__ import annotations

FULL = (
    "The disk is full, so Hearth could not save the last change; free some space and try "
    "again. Everything saved before is safe."
)
IO_ERROR = (
    "The disk reported an error while Hearth was reading or writing its data; the last change "
    "may not be saved. Check the disk, then run 'hearth-cli check'."
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
        seen = seen.__cause__ or seen.__context__
    return None
