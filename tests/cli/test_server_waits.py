"""A database server that keeps Hearth waiting (issue 16): a table locked by another
session, or a session holding a lock whose connection stopped answering, is waited for only
so long (lock_timeout; longer for an import), a statement only runs so long (statement_timeout),
and the command says what happened in one sentence. The limits are made short here."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.cli import main as cli
from app.model.enums import Side
from app.model.safety import storage_errors
from app.model.store import db, server_limits
from tests.pg_server import USER, Server
from tests.tcp_relay import Relay

pytestmark = pytest.mark.postgresql

WAITED = (
    "hearth-cli: Another program or session on the database server held the data Hearth needed "
    "and did not let go within 1 s (an import waits 2 s), so Hearth stopped waiting; nothing "
    "was changed. Try again in a moment; if it keeps happening, ask whoever runs the server "
    "which session holds the lock.\n"
)


@pytest.fixture
def url(pg_server: Server, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setattr(server_limits, "SERVER_LOCK_TIMEOUT_SECONDS", 1)
    monkeypatch.setattr(server_limits, "IMPORT_LOCK_TIMEOUT_SECONDS", 2)
    fresh = pg_server.fresh_database()
    assert cli.main(["--db", fresh, "people", "add", "Ann"]) == 0
    yield fresh
    pg_server.drop(fresh)


@pytest.fixture
def table_locked(pg_server: Server, url: str) -> Iterator[None]:
    """Another session: LOCK TABLE time_entry IN ACCESS EXCLUSIVE MODE, held until the end."""
    other = psycopg.connect(
        host="127.0.0.1", port=pg_server.port, user=USER, dbname=url.rsplit("/", 1)[1]
    )
    other.execute("LOCK TABLE time_entry IN ACCESS EXCLUSIVE MODE")
    yield
    other.rollback()
    other.close()


def finished(call: Callable[[], int], within: float = 30) -> int:
    """The command's exit code; it must not hang (the lock is held for the whole test)."""
    said: list[int] = []
    thread = threading.Thread(target=lambda: said.append(call()), daemon=True)
    thread.start()
    thread.join(within)
    assert said, f"still waiting after {within} s"
    return said[0]


def test_status_and_start_wait_for_a_locked_table_only_so_long(
    url: str, table_locked: None, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    for argv in (["status"], ["start", "sales"], ["summary", "--json"]):
        assert finished(lambda a=argv: cli.main(["--db", url, *a])) == 1
        assert capsys.readouterr() == ("", WAITED)


def test_an_import_waits_longer_then_says_so_and_writes_nothing(
    url: str, table_locked: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "time.csv"
    path.write_text("side,start,minutes\nsales,2026-11-20 09:00,30\n", encoding="utf-8")
    capsys.readouterr()
    assert finished(lambda: cli.main(["--db", url, "import", "time", str(path)])) == 1
    assert capsys.readouterr() == ("", WAITED)


def test_a_session_that_stopped_answering_while_holding_a_lock_is_not_waited_for(
    pg_server: Server, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The window on the other computer took Ann's turn to change her time, then its
    connection went silent (the relay holds back everything): a start here waits 1 s."""
    from app.model.time import entries as time_entries

    relay = Relay(pg_server.port)
    window = db.open_store(db.Location(url=relay.url(url), path=None))
    session = window.writer()
    try:
        time_entries.take_turn(session, 1)
        relay.delay = 3600  # no answer from here on
        capsys.readouterr()
        assert finished(lambda: cli.main(["--db", url, "start", "sales"])) == 1
        assert capsys.readouterr() == ("", WAITED)
    finally:
        relay.close()  # the server sees the connection go and lets the lock go
        session.invalidate()
        window.close()
    assert finished(lambda: cli.main(["--db", url, "start", Side.SALES.value])) == 0


def test_a_statement_that_runs_too_long_is_cancelled_and_said(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_limits, "SERVER_STATEMENT_TIMEOUT_SECONDS", 0.5)
    store = db.open_store(db.Location(url=url, path=None))
    try:
        with store.session() as session, pytest.raises(DBAPIError) as cancelled:
            session.execute(text("SELECT pg_sleep(5)"))
    finally:
        store.close()
    assert storage_errors.sentence_for(cancelled.value) == (
        "The database server did not finish Hearth's request within 0.5 s (an import is given "
        "30 min), so Hearth gave up; nothing was changed. Try again; if it keeps happening, the "
        "server is overloaded or stuck — ask whoever runs it."
    )
    assert not storage_errors.server_away(cancelled.value)  # the server answered


def test_an_import_is_given_more_time_than_ordinary_work(url: str) -> None:
    store = db.open_store(db.Location(url=url, path=None))
    try:
        shown = {}
        for name, session in (("work", store.writer()), ("import", store.importer())):
            with session:
                shown[name] = tuple(
                    session.execute(text(f"SHOW {setting}")).scalar()
                    for setting in ("lock_timeout", "statement_timeout")
                )
    finally:
        store.close()
    assert shown == {"work": ("1s", "2min"), "import": ("2s", "30min")}
