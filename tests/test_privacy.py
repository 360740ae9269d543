"""Hearth makes no network connection, ever: not while the window shows every page, not in
any command of hearth-cli. Python's audit hooks see every socket connect and name lookup."""

from __future__ import annotations

import argparse
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.cli import main as cli
from tests.model.safety.helpers import full_database

NETWORK_EVENTS = {
    "socket.connect",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.sendto",
    "http.client.connect",
    "urllib.Request",
}
_attempts: list[str] = []
_recording = [False]


def _audit(event: str, args: tuple[object, ...]) -> None:
    if not _recording[0] or event not in NETWORK_EVENTS:
        return
    if event == "socket.connect":
        sock = args[0]
        if isinstance(sock, socket.socket) and sock.family == getattr(socket, "AF_UNIX", None):
            return  # a local socket on this computer (the one-window hand-over)
    _attempts.append(f"{event} {args!r}"[:300])


if not getattr(sys, "_hearth_privacy_hook", False):
    sys.addaudithook(_audit)  # an audit hook cannot be removed: install it once
    sys._hearth_privacy_hook = True  # type: ignore[attr-defined]


@pytest.fixture
def network_watch() -> Iterator[list[str]]:
    _attempts.clear()
    _recording[0] = True
    try:
        yield _attempts
    finally:
        _recording[0] = False


def test_the_watch_sees_a_connection_attempt(network_watch: list[str]) -> None:
    """The control: without this, a silent watch would pass every test below."""
    with socket.socket() as sock, pytest.raises(OSError):
        sock.settimeout(0.5)
        sock.connect(("127.0.0.1", 9))
    assert network_watch and network_watch[0].startswith("socket.connect")


def test_every_page_of_the_window_stays_offline(
    qtbot: QtBot, tmp_path: Path, network_watch: list[str]
) -> None:
    from app.ui.shell.main_window import MainWindow

    main = MainWindow(db_path=str(full_database(tmp_path / "shop.db")))
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.database_opened, timeout=20_000):
        main.open_database()
    for index in range(len(main.pages)):
        main.show_page(index)
        qtbot.wait(50)
    checks = main.safety().start_checks()  # the integrity check and the day's backup
    assert checks is not None
    checks.join()
    assert network_watch == []


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    names: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                inner = _commands(sub)
                names |= {f"{name} {child}" for child in inner} or {name}
    return names


def test_every_command_line_command_stays_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, network_watch: list[str]
) -> None:
    db = str(full_database(tmp_path / "shop.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "map.txt").write_text("Blog = marketing, content\n", encoding="utf-8")
    (tmp_path / "toggl.csv").write_text(
        "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
        "End time,Duration,Tags,Amount ()\nMaya L,m@example.com,,Blog,,Post,No,2026-11-16,"
        "09:00:00,2026-11-16,10:30:00,01:30:00,,\n",
        encoding="utf-8",
    )
    (tmp_path / "contacts.vcf").write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Zoë Offline\nEMAIL:zoe@example.com\nEND:VCARD\n",
        encoding="utf-8",
    )
    (tmp_path / "frames").write_text("[]", encoding="utf-8")
    runs = {
        "init": ["init"],
        "people": ["people"],
        "people add": ["people", "add", "Private Person"],
        "demo": ["--db", str(tmp_path / "demo.db"), "demo", "--leads", "20", "--weeks", "2"],
        "export leads": ["export", "leads", str(out / "leads.csv")],
        "export touchpoints": ["export", "touchpoints", str(out / "tp.csv")],
        "export time": ["export", "time", str(out / "time.csv")],
        "export campaigns": ["export", "campaigns", str(out / "campaigns.csv")],
        "export moves": ["export", "moves", str(out / "moves.csv")],
        "export deals": ["export", "deals", str(out / "deals.csv")],
        "import leads": ["import", "leads", str(out / "leads.csv"), "--dry-run"],
        "import touchpoints": ["import", "touchpoints", str(out / "tp.csv"), "--dry-run"],
        "import time": ["import", "time", str(out / "time.csv"), "--dry-run"],
        "import campaigns": ["import", "campaigns", str(out / "campaigns.csv"), "--dry-run"],
        "import moves": ["import", "moves", str(out / "moves.csv"), "--dry-run"],
        "import deals": ["import", "deals", str(out / "deals.csv"), "--dry-run"],
        "import vcard": ["import", "vcard", str(tmp_path / "contacts.vcf"), "--dry-run"],
        "import toggl": ["import", "toggl", str(tmp_path / "toggl.csv"), "--dry-run",
                         "--map", str(tmp_path / "map.txt")],
        "import clockify": ["import", "clockify", str(tmp_path / "toggl.csv"), "--dry-run"],
        "import watson": ["import", "watson", str(tmp_path / "frames"), "--dry-run"],
        "start": ["start", "marketing", "--person", "Maya Lindqvist"],
        "stop": ["stop", "--person", "Maya Lindqvist"],
        "status": ["status"],
        "log": ["log", "sales", "1h", "--person", "Tom Okafor"],
        "summary": ["summary", "--json"],
        "goal set": ["goal", "set", "--default", "25000"],
        "goal list": ["goal", "list"],
        "goal plan": ["goal", "plan"],
        "goal unset": ["goal", "unset", "--default"],
        "report": ["report", "-o", str(out / "week.pdf")],
        "backup": ["backup", "-o", str(out / "copy.db")],
        "check": ["check"],
        "restore": ["restore", str(out / "copy.db")],
        # the one connection Hearth makes on request: to the server the user names (here a
        # closed port on this computer; libpq's C socket is outside Python's audit hooks)
        "move-to": ["move-to", "postgresql+psycopg://nobody@127.0.0.1:9/none"],
        "install-desktop": ["install-desktop"],
        "uninstall-desktop": ["uninstall-desktop"],
    }  # fmt: skip
    assert set(runs) >= _commands(cli.build_parser())  # a new command must be added here
    for name, args in runs.items():
        full = args if args[0] == "--db" else ["--db", db, *args]
        assert cli.main(full) in (0, 1), name
    assert network_watch == []
