"""One Hearth window per database: a second start hands over to the first and exits.

The first instance holds a lock file and, once its window is drawn, listens on a local socket
named after the user and the database; a later start on the same database finds the lock,
connects, asks the first to come to the front, and quits before it opens a window. The first
start pays only for the lock (QtNetwork is imported after the first paint, or by a second
start). A lock left by a crashed instance is stale (its process is gone) and is taken over;
so is a socket file left behind.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QLockFile, QObject, Signal, Slot

if TYPE_CHECKING:
    import logging

    from PySide6.QtNetwork import QLocalServer


ACTIVATE = b"activate\n"
ACKNOWLEDGED = b"ok\n"
CONNECT_TIMEOUT_MS = 1000
# While another instance holds the lock but is not yet listening (it is starting), ask again.
STARTING_RETRIES = 20


def instance_key(database: str) -> str:
    """A short name for this user's Hearth on this database (a socket name must be short);
    the home folder stands for the user. A checksum is enough: it only has to tell apart
    the few databases one user opens."""
    text = f"{QDir.homePath()}\0{database}".encode()
    return f"hearth-{zlib.crc32(text):08x}{len(text):04x}"


class SingleInstance(QObject):
    activation_requested = Signal()

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.lock = QLockFile(QDir(QDir.tempPath()).filePath(f"{key}.lock"))
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        """True if this is the first instance (call `listen()` once the window is up);
        False if another one took the hand-over, so this start should exit."""
        if self.lock.tryLock(0):
            return True
        for _attempt in range(STARTING_RETRIES):
            if self._hand_over():
                return False
            if self.lock.tryLock(100):
                return True
        # The lock holder neither answers nor lets go: better two windows than none.
        _log().warning("another Hearth holds %s but does not answer; starting anyway", self.key)
        return True

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()

    def _hand_over(self) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.key)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(ACTIVATE)
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        answered = socket.waitForReadyRead(CONNECT_TIMEOUT_MS) and bytes(
            socket.readAll().data()
        ).startswith(ACKNOWLEDGED)
        socket.disconnectFromServer()
        return answered

    def listen(self) -> None:
        """Answer later starts from now on."""
        from PySide6.QtNetwork import QLocalServer

        if self.server is not None:
            return
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.key)  # a socket file a crashed instance left behind
        if not server.listen(self.key):
            _log().warning(
                "cannot listen for other starts on %s: %s", self.key, server.errorString()
            )
            return
        server.newConnection.connect(self._accept)
        self.server = server

    @Slot()
    def _accept(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                socket.readyRead.emit()

    @Slot()
    def _read(self) -> None:
        socket = self.sender()
        from PySide6.QtNetwork import QLocalSocket

        if not isinstance(socket, QLocalSocket):
            return
        if bytes(socket.readAll().data()).startswith(ACTIVATE):
            socket.write(ACKNOWLEDGED)
            socket.flush()
            self.activation_requested.emit()


def _log() -> logging.Logger:
    """The logger, imported only when there is something to say (logging costs ~4 ms, and
    this module runs before the first paint)."""
    import logging

    return logging.getLogger(__name__)
