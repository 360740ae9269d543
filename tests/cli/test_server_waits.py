"""A database server that keeps Hearth waiting (issue 16): a table locked by another
session, or a session holding a lock whose connection stopped answering, is waited for only
so long (lock_timeout; longer for an import), a statement only runs so long (statement_timeout),
and the command says what happened in one sentence. The limits are made short here."""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
                    for setting in (
                        "lock_timeout",
                        "statement_timeout",
                        "idle_in_transaction_session_timeout",
                    )
                )
    finally:
        store.close()
    assert shown == {"work": ("1s", "2min", "2min"), "import": ("2s", "30min", "30min")}


@pytest.fixture
def quick_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A request that has waited 1 s is asked about (connecting for the question waits 3 s,
    the question 3 s); connecting at all waits 3 s. The statement limits stay as they are."""
    monkeypatch.setattr(server_limits, "PROBE_SECONDS", 1)
    # A question that cannot connect and answer in time counts as silence: on two cores busy
    # with the whole suite, 1 s was sometimes too little for the server to fork a session.
    monkeypatch.setattr(server_limits, "PING_SECONDS", 3)
    monkeypatch.setattr(server_limits, "CONNECT_TIMEOUT_SECONDS", 3)


def silent(server: str) -> re.Pattern[str]:
    """The sentence for a server that stopped answering, whatever the seconds waited."""
    return re.compile(
        f"The PostgreSQL server at {re.escape(server)} stopped answering \\(nothing came back "
        "for (\\d+) s\\), so Hearth gave up waiting: check that this computer is on the network "
        "and the server is running, then try again. What was saved before is on the server; "
        "the last change may not have reached it."
    )


def test_status_on_a_server_gone_silent_ends_with_a_sentence(
    pg_server: Server, url: str, quick_questions: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """The relay stops forwarding halfway through the command (a status sends ~3 kB) and
    swallows everything from then on, the connection kept open: TCP keepalives are answered
    and no limit of the server's can end that. The server is asked about the request on
    another connection (swallowed too) and the command ends with one sentence."""
    relay = Relay(pg_server.port)
    try:
        relay.go_silent(after=2500)
        capsys.readouterr()
        started = time.monotonic()
        assert finished(lambda: cli.main(["--db", relay.url(url), "status"])) == 1
        took = time.monotonic() - started
        assert relay.silent  # it went silent halfway, not before the command began
    finally:
        relay.close()
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"hearth-cli: The PostgreSQL server at 127.0.0.1:{relay.port} stopped ")
    assert err.count("\n") == 1
    assert took < 1 + 3 + 3  # asked after 1 s, the question's connecting 3 s, the opening


def two_thousand_leads(folder: Path) -> Path:
    """A leads file whose import sends ~1.4 MB to the server."""
    path = folder / "leads.csv"
    rows = "".join(f"Lead {number},lead{number}@example.com\n" for number in range(2000))
    path.write_text("name,email\n" + rows, encoding="utf-8")
    return path


def leads_on(pg_server: Server, url: str) -> int:
    """How many leads the server holds, asked directly (not through the relay)."""
    with psycopg.connect(
        host="127.0.0.1", port=pg_server.port, user=USER, dbname=url.rsplit("/", 1)[1]
    ) as conn:
        row = conn.execute("SELECT count(*) FROM lead").fetchone()
    assert row is not None
    return int(row[0])


def test_an_import_through_a_network_that_goes_silent_ends_with_a_sentence(
    pg_server: Server,
    url: str,
    quick_questions: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An import is given 30 min a statement, and a server that is working on it is waited
    for that long; a server that is not (its answers swallowed) is given up on in seconds,
    and nothing is written."""
    path = two_thousand_leads(tmp_path)
    relay = Relay(pg_server.port)
    try:
        relay.go_silent(after=100_000)  # opening takes ~3 kB; the import sends ~1.4 MB
        capsys.readouterr()
        started = time.monotonic()
        argv = ["--db", relay.url(url), "import", "leads", str(path)]
        assert finished(lambda: cli.main(argv)) == 1
        took = time.monotonic() - started
        assert relay.silent
    finally:
        relay.close()
    out, err = capsys.readouterr()
    assert out == ""
    assert silent(f"127.0.0.1:{relay.port}").fullmatch(err.removeprefix("hearth-cli: ")[:-1])
    assert took < 1 + 3 + 5  # asked after 1 s, the question's connecting 3 s, the file read
    assert leads_on(pg_server, url) == 0


def test_an_import_on_a_slow_line_is_not_taken_for_silence(
    pg_server: Server,
    url: str,
    quick_questions: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """While a large batch is still on its way up a slow line, the server's session is idle
    (the statement has not fully arrived) — but this computer is still sending, so the
    import is not given up on: asked about after 1 s, it takes several and succeeds."""
    path = two_thousand_leads(tmp_path)
    relay = Relay(pg_server.port, upload_bytes_per_second=400_000)
    try:
        capsys.readouterr()
        started = time.monotonic()
        argv = ["--db", relay.url(url), "import", "leads", str(path)]
        assert finished(lambda: cli.main(argv)) == 0, capsys.readouterr().err
        took = time.monotonic() - started
    finally:
        relay.close()
    assert took > 2  # long enough to have been asked about more than once
    assert leads_on(pg_server, url) == 2000


def test_a_command_on_a_server_silent_from_the_start_ends_with_a_sentence(
    pg_server: Server, url: str, quick_questions: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """Silent from the first byte: connecting gives up after its 3 s, one sentence."""
    relay = Relay(pg_server.port)
    try:
        relay.go_silent()
        capsys.readouterr()
        assert finished(lambda: cli.main(["--db", relay.url(url), "status"])) == 1
    finally:
        relay.close()
    assert capsys.readouterr() == (
        "",
        f"hearth-cli: The PostgreSQL server at 127.0.0.1:{relay.port} did not answer within "
        "3 s, so Hearth gave up waiting: check that this computer is on the network and the "
        "server is running, then try again. Nothing was changed.\n",
    )


@contextmanager
def frozen(backend: int, after: float = 0) -> Iterator[threading.Timer]:
    """The server's process for one connection stops `after` seconds from now (SIGSTOP), so
    that it neither answers nor keeps its own time limits, until the block ends."""
    freeze = threading.Timer(after, os.kill, (backend, signal.SIGSTOP))
    freeze.start()
    try:
        yield freeze
    finally:
        freeze.cancel()
        freeze.join()
        os.kill(backend, signal.SIGCONT)


def test_a_frozen_server_is_asked_about_and_given_up_on(url: str, quick_questions: None) -> None:
    """The connection's server process stops between two statements: the next one never
    reaches it. Asked after 1 s, the server says the session has been idle all along."""
    store = db.open_store(db.Location(url=url, path=None))
    try:
        with store.session() as session:
            backend = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with frozen(backend) as freeze, pytest.raises(DBAPIError) as given_up:
                freeze.join()
                started = time.monotonic()
                session.execute(text("SELECT count(*) FROM lead"))
            took = time.monotonic() - started
    finally:
        store.close()
    assert 1 <= took < 3  # asked after 1 s; the question itself is quick
    sentence = storage_errors.sentence_for(given_up.value)
    assert sentence is not None
    assert silent(f"127.0.0.1:{url.split(':')[-1].split('/')[0]}").fullmatch(sentence)
    assert storage_errors.server_away(given_up.value)
    assert given_up.value.connection_invalidated  # thrown away, never used again


def test_a_server_working_on_a_request_is_waited_for_up_to_its_limit(
    url: str, quick_questions: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow statement (2.5 s) is asked about twice and waited for; one whose server process
    stops while it runs is waited for until its statement limit (1 s) and the grace (1 s),
    the server saying all the while that it is working on it."""
    store = db.open_store(db.Location(url=url, path=None))
    try:
        with store.session() as session:
            started = time.monotonic()
            session.execute(text("SELECT pg_sleep(2.5)"))
            assert time.monotonic() - started >= 2.5
        monkeypatch.setattr(server_limits, "SERVER_STATEMENT_TIMEOUT_SECONDS", 1)
        monkeypatch.setattr(server_limits, "ANSWER_GRACE_SECONDS", 1)
        with store.session() as session:
            backend = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with frozen(backend, after=0.3), pytest.raises(DBAPIError) as given_up:
                started = time.monotonic()
                session.execute(text("SELECT pg_sleep(5)"))
            took = time.monotonic() - started
    finally:
        store.close()
    assert 2 <= took < 3.5
    assert storage_errors.server_silent(given_up.value) is not None
