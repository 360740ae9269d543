"""A throw-away PostgreSQL server on loopback for the tests, started with initdb and pg_ctl.

The server's binaries come from the system's packages (`.ci/run` installs Debian's
postgresql). One server runs for the whole test session in a temporary folder; a template
database is migrated once, and each test gets a fresh copy of it (CREATE DATABASE … TEMPLATE,
a few milliseconds). initdb refuses to run as root, so as root the server runs as the
`postgres` user the package creates.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

USER = "hearth"
TEMPLATE = "hearth_template"


def find_binaries() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(versions[0]).parent if versions else None


class Server:
    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="hearth-pg-"))
        self.port = _free_port()
        self._numbers = itertools.count(1)
        self._as: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            self._as = ["runuser", "-u", "postgres", "--"]

    def run(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self._as, str(self.binaries / tool), *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def start(self) -> None:
        data = str(self.folder / "data")
        self.run("initdb", "-D", data, "-A", "trust", "-U", USER, "-E", "UTF8", "--no-sync")
        log = str(self.folder / "server.log")
        for attempt in range(3):
            options = f"-k {self.folder} -p {self.port} -c listen_addresses=127.0.0.1 -F"
            try:
                self.run("pg_ctl", "-D", data, "-o", options, "-l", log, "-w", "start")
                break
            except subprocess.CalledProcessError:
                # The free port was taken meanwhile (another test process starts its own
                # server at the same moment): another one
                if attempt == 2 or "could not bind" not in Path(log).read_text():
                    raise
                self.port = _free_port()
        self.sql(f"CREATE DATABASE {TEMPLATE}")

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=USER, dbname=database, autocommit=True
        ) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def fresh_database(self, *, migrated: bool = True, copy_of: str | None = None) -> str:
        """A new, empty database (a copy of the migrated template, or truly empty), or a copy
        of the database `copy_of` (no one may be connected to it)."""
        name = f"test_{next(self._numbers)}"
        template = copy_of or (TEMPLATE if migrated else "template0")
        self.sql(f"CREATE DATABASE {name} TEMPLATE {template}")
        return self.url(name)

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running() -> Iterator[Server | None]:
    """A started server, or None when this machine has no PostgreSQL binaries."""
    binaries = find_binaries()
    if binaries is None:
        yield None
        return
    server = Server(binaries)
    server.start()
    try:
        yield server
    finally:
        server.stop()
