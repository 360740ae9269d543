"""Hearth's own time limit on every wait for a PostgreSQL server's answer.

The server's limits (`app.model.store.server_limits`) end a request that waits for a lock or
runs too long, and TCP keepalives end a connection whose network vanished. Neither ends a wait
on a server, or a network, that stops answering while the connection stays up: a frozen
server, a relay, tunnel or VPN that stops forwarding but still answers TCP. So every
connection to a PostgreSQL server is an `AnsweringConnection`, and each of its waits for the
server (a statement, a commit, the check that a pooled connection still works) is watched:

- once a request has waited `PROBE_SECONDS`, and as often again, Hearth asks the server on
  another connection whether this connection's session is working on it (pg_stat_activity).
  A server that does not answer that either within its limits, or that says the session has
  been idle all the while (the request never reached it, or its answer never came back), is
  silent; a server busy with the request is waited for, up to its statement limit and
  `ANSWER_GRACE_SECONDS` more, so that a server that is only slow cancels the statement
  itself first and says why;
- the quick check that a pooled connection works waits `PING_SECONDS`.

One watchdog thread shuts the socket of a wait given up on. The wait then ends with
`ServerSilentError`, a psycopg OperationalError on a closed connection (SQLAlchemy throws the
connection away and commits nothing), and the command or the window says so in a sentence
(`app.model.safety.storage_errors`).

Imported only when a server is opened: it imports psycopg.
"""

from __future__ import annotations

import contextlib
import logging
import math
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import psycopg
from sqlalchemy import Engine, event

from app.model.store import server_limits as limits

if TYPE_CHECKING:
    from psycopg.abc import RV, PQGen

log = logging.getLogger(__name__)

# What a connection is waiting for: a request (ordinary work, or an import) from the moment a
# transaction begins until the connection goes back to the pool; between requests, only the
# quick check that it still works (and, once, SQLAlchemy's first look at the server).
WORK = "work"
IMPORT = "import"


def answer_limit(request: str | None) -> float:
    """The longest a connection waits for one answer, even from a server that says it is
    working on it (read when it waits, so a test may shorten the limits)."""
    if request == IMPORT:
        return limits.IMPORT_STATEMENT_TIMEOUT_SECONDS + limits.ANSWER_GRACE_SECONDS
    if request == WORK:
        return limits.SERVER_STATEMENT_TIMEOUT_SECONDS + limits.ANSWER_GRACE_SECONDS
    return limits.PING_SECONDS


class ServerSilentError(psycopg.OperationalError):
    """The server did not answer in time; the connection is closed."""

    def __init__(self, seconds: float, server: str) -> None:
        super().__init__(
            f"the database server at {server} did not answer for {seconds:.1f} s; Hearth "
            "closed the connection"
        )
        # What app.model.safety.storage_errors reads, without importing psycopg or this module.
        self.unanswered_seconds = seconds
        self.server = server


class AnsweringConnection(psycopg.Connection[Any]):
    """A psycopg connection whose every wait for the server is watched (see the module)."""

    request: str | None = None
    # Opens another connection to the same server, as this one was opened (set by the engine).
    reach: Callable[[], AnsweringConnection] | None = None

    def wait(self, gen: PQGen[RV], *args: Any, **kwargs: Any) -> RV:
        started = time.monotonic()
        probe: Callable[[], bool] | None = None
        if self.request is not None and self.reach is not None:
            probe = _working_on(self.reach, self.info.backend_pid, self.pgconn.socket)
        watched = _watchdog.watch(self.pgconn.socket, answer_limit(self.request), probe)
        try:
            return super().wait(gen, *args, **kwargs)
        except psycopg.Error as exc:
            if not watched.ended:
                raise
            server = _server(self)
            self.close()
            raise ServerSilentError(time.monotonic() - started, server) from exc
        finally:
            _watchdog.end(watched)


def _server(conn: psycopg.Connection[Any]) -> str:
    """HOST:PORT of the connection's server, for the sentence."""
    with contextlib.suppress(Exception):
        return f"{conn.info.host}:{conn.info.port}"
    return "the server"


def _working_on(
    reach: Callable[[], AnsweringConnection], pid: int, fileno: int
) -> Callable[[], bool]:
    """Whether the session `pid` is working on a request. While this computer is still
    sending it (a large import's batch on a slow line, the server's session idle until the
    whole statement has arrived) it is, as far as anyone can tell: TCP itself gives up on
    sends the network stops acknowledging (tcp_user_timeout). Else the server is asked, on a
    connection of its own: False when it does not answer within its limits (connect_timeout,
    PING_SECONDS), or says the session has gone, or has been idle for half the time between
    two questions or more (never given the request, or its answer lost on the way back).
    A server that says nothing of its sessions' states is taken at its word that it works."""

    def working() -> bool:
        if _still_sending(fileno):
            return True
        try:
            with reach() as other:
                row = other.execute(
                    "SELECT state, extract(epoch FROM now() - state_change)"
                    " FROM pg_stat_activity WHERE pid = %s",
                    (pid,),
                ).fetchone()
        except psycopg.Error:
            return False
        if row is None:
            return False
        state, idle = row
        if state is None or not str(state).startswith("idle"):
            return True
        return idle is None or float(idle) < limits.PROBE_SECONDS / 2

    return working


def _still_sending(fileno: int) -> bool:
    """Bytes written to the socket `fileno` that the other end has not acknowledged yet
    (Linux's SIOCOUTQ; False where the system does not say)."""
    if not sys.platform.startswith("linux"):
        return False
    import fcntl
    import termios

    try:
        queued = fcntl.ioctl(fileno, termios.TIOCOUTQ, b"\0\0\0\0")
    except OSError:
        return False
    return int(struct.unpack("i", queued)[0]) > 0


def answer_in_time(engine: Engine, *, import_option: str) -> None:
    """Make every connection of `engine` (a PostgreSQL one) an AnsweringConnection; a
    transaction begun with the execution option `import_option` waits an import's limit."""

    def connect(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> AnsweringConnection:
        def reach() -> AnsweringConnection:
            # The probe's own connecting waits no longer than its question may.
            timeout = max(2, math.ceil(limits.PING_SECONDS))
            return AnsweringConnection.connect(*cargs, **{**cparams, "connect_timeout": timeout})

        conn = AnsweringConnection.connect(*cargs, **cparams)
        conn.reach = reach
        return conn

    def begin(conn: Any) -> None:
        raw = conn.connection.dbapi_connection
        if isinstance(raw, AnsweringConnection):
            raw.request = IMPORT if conn.get_execution_options().get(import_option) else WORK

    def checkin(raw: Any, _record: Any) -> None:
        if isinstance(raw, AnsweringConnection):
            raw.request = None

    event.listen(engine, "do_connect", connect)
    # First among the "begin" listeners, so that what they send is waited for as the request.
    event.listen(engine, "begin", begin, insert=True)
    event.listen(engine.pool, "checkin", checkin)


@dataclass(eq=False)
class _Wait:
    fileno: int
    deadline: float  # given up on then, whatever the server says
    probe: Callable[[], bool] | None  # is the server working on it? (None: not asked)
    next_probe: float
    probing: bool = False
    ended: bool = False  # the watchdog shut the connection's socket


class _Watchdog:
    """One thread for the whole process: it sleeps until the nearest moment one of the waits
    under way is to be given up on or asked about, shuts the socket of each wait given up on,
    and asks about the others each in a thread of its own (the question takes seconds)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._waits: set[_Wait] = set()
        self._wake_at = math.inf
        self._thread: threading.Thread | None = None

    def watch(self, fileno: int, seconds: float, probe: Callable[[], bool] | None) -> _Wait:
        now = time.monotonic()
        wait = _Wait(fileno, now + seconds, probe, now + limits.PROBE_SECONDS)
        with self._changed:
            self._waits.add(wait)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="hearth-server-watchdog", daemon=True
                )
                self._thread.start()
            elif _moment(wait) < self._wake_at:
                self._changed.notify()
        return wait

    def end(self, wait: _Wait) -> None:
        with self._changed:
            self._waits.discard(wait)

    def _give_up(self, wait: _Wait) -> None:
        """Under the lock, while the wait is still under way (its socket still open)."""
        self._waits.discard(wait)
        wait.ended = True
        _shut(wait.fileno)

    def _run(self) -> None:
        with self._changed:
            while True:
                now = time.monotonic()
                for wait in list(self._waits):
                    if wait.deadline <= now:
                        self._give_up(wait)
                    elif _moment(wait) <= now:
                        wait.probing = True
                        threading.Thread(
                            target=self._ask, args=(wait,), name="hearth-server-probe", daemon=True
                        ).start()
                self._wake_at = min((_moment(wait) for wait in self._waits), default=math.inf)
                self._changed.wait(None if self._wake_at == math.inf else self._wake_at - now)

    def _ask(self, wait: _Wait) -> None:
        assert wait.probe is not None
        try:
            working = wait.probe()
        except Exception:  # not an answer either way: wait on, up to the deadline
            log.exception("could not ask the database server whether it is working")
            working = True
        with self._changed:
            wait.probing = False
            if wait not in self._waits:  # answered meanwhile, or given up on
                return
            if working:
                wait.next_probe = time.monotonic() + limits.PROBE_SECONDS
                self._changed.notify()
            else:
                self._give_up(wait)


def _moment(wait: _Wait) -> float:
    """When the watchdog is next to look at the wait: its deadline, or its next question."""
    if wait.probe is None or wait.probing:
        return wait.deadline
    return min(wait.deadline, wait.next_probe)


def _shut(fileno: int) -> None:
    """End both directions of the connection's socket: the wait on it wakes at once and
    reads the end of the connection. The socket itself stays the connection's to close."""
    with contextlib.suppress(OSError):
        sock = socket.socket(fileno=fileno)
        try:
            sock.shutdown(socket.SHUT_RDWR)
        finally:
            sock.detach()


_watchdog = _Watchdog()
