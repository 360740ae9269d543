"""A sentence for the storage failures a user can meet while working: a full disk, a disk
that reports errors, a file that became read-only, a database server that went away or stopped
answering, a file name the system refuses. Used by the window's error handler and the command
line."""

from __future__ import annotations

import errno
import os

from app.model.store import server_limits as limits

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


def kind(message: str) -> str | None:
    """ "full", "io", "read_only" or "locked" for a storage failure's message (any case); else
    None. The one reading of these messages: the open-time sentences (schema.explain_db_error)
    use it too."""
    text = message.lower()
    if "database is locked" in text or "database table is locked" in text:
        return "locked"
    if "disk is full" in text or "no space left on device" in text:
        return "full"
    if "disk i/o error" in text:
        return "io"
    if "readonly" in text or "read-only" in text:
        return "read_only"
    return None


# SQLite's extended result codes that mean "no room" (sqlite3 errors carry them), although the
# message of the second is only "disk I/O error": it is a failure to grow the -shm file, which
# the first reading of a write-ahead-log database makes — on a full disk, before any write.
FULL_CODES = ("SQLITE_FULL", "SQLITE_IOERR_SHMSIZE")


def kind_of(error: BaseException) -> str | None:
    """`kind` for an error: SQLite's own code when the error (or the driver's error that
    SQLAlchemy wraps) carries one, else its message."""
    for seen in (error, getattr(error, "orig", None)):
        if getattr(seen, "sqlite_errorname", None) in FULL_CODES:
            return "full"
    return kind(f"{error} {getattr(error, 'orig', '') or ''}")


SERVER_AWAY = (
    "Hearth lost its connection to the database server: check that this computer is on the "
    "network and the server is running. What was saved before is on the server; the last "
    "change may not have reached it."
)

SENTENCES = {"full": FULL, "io": IO_ERROR, "read_only": READ_ONLY}


def locked(where: str) -> str:
    """A SQLite file another program (or a long import) kept locked past the busy timeout."""
    return f"{where} is locked by another program; close it and try again."


def _server_waited(sqlstate: str) -> str | None:
    """The sentence for a statement the server cancelled on Hearth's own time limits."""
    if sqlstate == "55P03":  # lock_not_available: lock_timeout
        return (
            "Another program or session on the database server held the data Hearth needed "
            f"and did not let go within {limits.SERVER_LOCK_TIMEOUT_SECONDS} s (an import waits "
            f"{limits.IMPORT_LOCK_TIMEOUT_SECONDS} s), so Hearth stopped waiting; nothing was "
            "changed. Try again in a moment; if it keeps happening, ask whoever runs the server "
            "which session holds the lock."
        )
    if sqlstate == "57014":  # query_canceled: statement_timeout
        return (
            "The database server did not finish Hearth's request within "
            f"{limits.SERVER_STATEMENT_TIMEOUT_SECONDS} s (an import is given "
            f"{limits.IMPORT_STATEMENT_TIMEOUT_SECONDS // 60} min), so Hearth gave up; nothing was "
            "changed. Try again; if it keeps happening, the server is overloaded or stuck — ask "
            "whoever runs it."
        )
    return None


def _chain(error: BaseException) -> list[BaseException]:
    """The error, the driver's error SQLAlchemy wraps in it, and what caused each, in turn."""
    found: list[BaseException] = []
    waiting: list[BaseException | None] = [error]
    while waiting:
        seen = waiting.pop(0)
        if seen is None or any(seen is known for known in found):
            continue
        found.append(seen)
        orig = getattr(seen, "orig", None)  # SQLAlchemy's wrapper of the driver's error
        if isinstance(orig, BaseException):
            waiting.append(orig)
        waiting.append(seen.__cause__ or seen.__context__)
    return found


def server_waited(error: BaseException) -> str | None:
    """The sentence for a statement the server cancelled on Hearth's time limits (waiting for
    a lock, or running too long) anywhere in the exception's chain; else None."""
    for seen in _chain(error):
        waited = _server_waited(str(getattr(seen, "sqlstate", "") or ""))
        if waited is not None:
            return waited
    return None


def server_silent(error: BaseException) -> str | None:
    """The sentence for a connection Hearth gave up because the server stopped answering
    (app.model.store.server_silence) anywhere in the exception's chain; else None."""
    for seen in _chain(error):
        seconds = getattr(seen, "unanswered_seconds", None)
        if isinstance(seconds, int | float):
            server = getattr(seen, "server", None) or "the server"
            return (
                f"The PostgreSQL server at {server} stopped answering (nothing came back for "
                f"{max(1, round(seconds))} s), so Hearth gave up waiting: check that this "
                "computer is on the network and the server is running, then try again. What was "
                "saved before is on the server; the last change may not have reached it."
            )
    return None


def server_away(error: BaseException) -> bool:
    """Did the database server stop answering (refused, timed out, closed the connection)?
    A statement it cancelled on Hearth's time limits is an answer, not an absence."""
    if server_waited(error) is not None:
        return False
    if server_silent(error) is not None:
        return True
    for seen in _chain(error):
        if type(seen).__module__.split(".")[0] == "psycopg":
            import psycopg

            if isinstance(seen, psycopg.OperationalError):
                return True
    return False


def about_file(error: BaseException) -> str | None:
    """The sentence for a file the system refused (an OSError that names it: a name too long,
    a missing folder, no permission, a full disk) anywhere in the chain; else None."""
    for seen in _chain(error):
        if not isinstance(seen, OSError) or seen.filename is None:
            continue
        name = os.fsdecode(seen.filename)
        if seen.errno == errno.ENAMETOOLONG:
            return (
                f"{name} cannot be used: the name is too long for the file system (at most 255 "
                "bytes for each name in a path); choose a shorter one."
            )
        if seen.errno in (errno.ENOSPC, errno.EDQUOT):
            return f"Cannot write {name}: the disk is full; free some space and try again."
        return f"Cannot use {name}: {seen.strerror or seen}."
    return None


def sentence_for(error: BaseException, where: str = "The database") -> str | None:
    """The sentence for a storage failure anywhere in the exception's chain; `where` names
    the database in the sentence for a locked file."""
    waited = server_waited(error) or server_silent(error)
    if waited is not None:
        return waited
    if server_away(error):
        return SERVER_AWAY
    named = about_file(error)
    if named is not None:
        return named
    for seen in _chain(error):
        found = kind_of(seen)
        if found == "locked":
            return locked(where)
        if found is not None:
            return SENTENCES[found]
    return None
