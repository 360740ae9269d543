"""Errors a user can cause, each carrying a sentence the user can read."""

from __future__ import annotations


class HearthError(Exception):
    """Base of every error whose message is meant for the user, as is."""


class DatabaseOpenError(HearthError):
    """The database cannot be opened, created or migrated; nothing was changed."""


class ValidationError(HearthError):
    """A value the user gave is not acceptable; the message names the field."""


class NotFoundError(HearthError):
    """Something the user named does not exist."""


class ReadOnlyError(HearthError):
    """A change was asked of a database opened to be looked at only (a server's copy)."""


class LocalTimeError(ValidationError, ValueError):
    """A local wall-clock time that the clocks skip or show twice (daylight saving); a
    ValueError too, so a CSV importer reports it after `FILE:LINE:` like any bad cell.
    `twice`: the time happens twice, and its sentence asks for an offset to say which."""

    def __init__(self, message: str, *, twice: bool = False) -> None:
        super().__init__(message)
        self.twice = twice
