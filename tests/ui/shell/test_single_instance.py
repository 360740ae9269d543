"""One window per database: a second start hands over to the first and exits."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot

from app.model.store import location as locate
from app.ui.shell.single_instance import SingleInstance, instance_key
from tests import ROOT


def _key(path: Path) -> str:
    return instance_key(locate.identity(locate.choose(str(path))))


def _start(path: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(path)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _listening(key: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(key)
    connected = socket.waitForConnected(200)
    socket.abort()
    return connected


@pytest.mark.slow
def test_a_second_start_brings_the_first_window_forward_and_exits(
    tmp_path: Path, hermetic_home: Path
) -> None:
    path = tmp_path / "shop.db"
    first = _start(path)
    try:
        deadline = time.monotonic() + 60
        while not _listening(_key(path)):
            assert first.poll() is None, first.communicate()[1]
            assert time.monotonic() < deadline, "the first Hearth never started listening"
            time.sleep(0.1)
        # The same file by another name; HEARTH_BENCH_EXIT would make a window say it showed.
        second = subprocess.run(
            [sys.executable, "-m", "app", "--db", str(tmp_path / "." / "shop.db")],
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HEARTH_BENCH_EXIT": "shown"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 0, second.stderr
        assert "already open on this database" in second.stdout
        assert "HEARTH_SHOWN" not in second.stdout  # it never opened a window of its own
        log = hermetic_home / "logs" / "hearth.log"
        deadline = time.monotonic() + 30
        while "handed over to this window" not in (log.read_text() if log.exists() else ""):
            assert time.monotonic() < deadline, "the first window was not asked to come forward"
            time.sleep(0.1)
        assert first.poll() is None  # the first one is still running
    finally:
        first.terminate()
        first.wait(30)


def test_the_running_instance_answers_a_hand_over(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(_key(tmp_path / "a.db"))
    assert first.claim()
    first.listen()
    try:
        socket = QLocalSocket()
        socket.connectToServer(first.key)
        assert socket.waitForConnected(2000)
        with qtbot.waitSignal(first.activation_requested, timeout=10_000):
            socket.write(b"activate\n")
            socket.flush()
        qtbot.waitUntil(lambda: socket.bytesAvailable() > 0)
        assert bytes(socket.readAll().data()) == b"ok\n"
    finally:
        first.release()


def test_another_database_is_another_instance(tmp_path: Path) -> None:
    one = SingleInstance(_key(tmp_path / "a.db"))
    other = SingleInstance(_key(tmp_path / "b.db"))
    try:
        assert one.claim()
        assert other.claim()
    finally:
        one.release()
        other.release()


def test_a_crashed_instance_does_not_block_the_next_start(tmp_path: Path) -> None:
    """A lock file of a process that no longer runs, and no one listening: start normally."""
    key = _key(tmp_path / "a.db")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    lock_path = Path(QDir(QDir.tempPath()).filePath(f"{key}.lock"))
    lock_path.write_text(f"{dead.stdout.strip()}\nhearth\n{os.uname().nodename}\n")
    instance = SingleInstance(key)
    try:
        assert instance.claim()
        instance.listen()
        assert _listening(key)
    finally:
        instance.release()
    assert not lock_path.exists()  # released on the way out
