"""One Hearth window per database: a second start hands over to the first and exits.

The first instance holds a lock file and listens on a local socket named after the user and
the database; a later start on the same database connects, asks the first to come to the
front, and quits before it opens a window. A lock left by a crashed instance is stale (its
process is gone) and is taken over; so is a socket file left behind.
"""

from __future__ import annotations

import getpass
import hashlib
import logging

from PySide6.QtCore import QDir, QLockFile, QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
ACKNOWLEDGED = b"ok\n"
CONNECT_TIMEOUT_MS = 1000
# While another instance holds the lock but is not yet listening (it is starting), ask again.
STARTING_RETRIES = 20


def instance_key(database: str) -> str:
    """A short name for this user's Hearth on this database (a socket name must be short)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = "user"
    digest = hashlib.sha256(f"{user}\0{database}".encode()).hexdigest()[:20]
    return f"hearth-{digest}"


class SingleInstance(QObject):
    activation_requested = Signal()

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.lock = QLockFile(QDir(QDir.tempPath()).filePath(f"{key}.lock"))
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        """True if this is the first instance (now listening); False if another one took
        the hand-over, so this start should exit."""
        for _attempt in range(STARTING_RETRIES):
            if self._hand_over():
                return False
            if self.lock.tryLock(100):
                self._listen()
                return True
        # The lock holder neither answers nor lets go: better two windows than none.
        log.warning("another Hearth holds %s but does not answer; starting anyway", self.key)
        self._listen()
        return True

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()

    def _hand_over(self) -> bool:
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

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.key)  # a socket file a crashed instance left behind
        if not server.listen(self.key):
            log.warning("cannot listen for other starts on %s: %s", self.key, server.errorString())
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
        if not isinstance(socket, QLocalSocket):
            return
        if bytes(socket.readAll().data()).startswith(ACTIVATE):
            socket.write(ACKNOWLEDGED)
            socket.flush()
            self.activation_requested.emit()
