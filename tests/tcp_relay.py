"""A loopback relay in front of the test database server, to take the server away mid-test:
`break_off()` drops every connection and answers new ones by hanging up (what a client sees
when the server or the network goes away); `restore()` relays again. `delay` (seconds) holds
back every answer from the server, like a slow network. `go_silent(after=N)` lets N more bytes
through from the clients and from then on swallows everything both ways without a word, the
connections kept open (a server or a network that stops answering while TCP stays up, which
no keepalive notices); new connections are accepted and swallowed alike."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

_SLOW_WINDOW = 8192


class Relay:
    def __init__(self, target_port: int, *, upload_bytes_per_second: int | None = None) -> None:
        """`upload_bytes_per_second`: the clients' bytes reach the server at that rate, a slow
        line's upload (a small receive window, so what is not through yet waits on the
        client's side, unacknowledged, as it does on a real slow line)."""
        self.target_port = target_port
        self.upload_rate = upload_bytes_per_second
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if self.upload_rate is not None:
            self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, _SLOW_WINDOW)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen()
        self.port = int(self.listener.getsockname()[1])
        self.broken = False
        self.delay = 0.0
        self.silent = False
        self._silent_after: int | None = None
        self.open: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, server_url: str) -> str:
        """`server_url` (on the test server's port) through this relay."""
        return server_url.replace(f":{self.target_port}/", f":{self.port}/")

    def break_off(self) -> None:
        with self.lock:
            self.broken = True
            for sock in self.open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.open.clear()

    def go_silent(self, after: int = 0) -> None:
        with self.lock:
            self._silent_after = after
            self.silent = after <= 0

    def restore(self) -> None:
        with self.lock:
            self.broken = False
            self.silent = False
            self._silent_after = None

    def close(self) -> None:
        self.break_off()
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            with self.lock:
                if self.broken:
                    client.close()
                    continue
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
                self.open += [client, upstream]
            for source, sink, slow in ((client, upstream, False), (upstream, client, True)):
                threading.Thread(target=self._pump, args=(source, sink, slow), daemon=True).start()

    def _count(self, sent: int) -> None:
        with self.lock:
            if self._silent_after is not None and not self.silent:
                self._silent_after -= sent
                self.silent = self._silent_after <= 0

    def _pump(self, source: socket.socket, sink: socket.socket, slow: bool) -> None:
        with contextlib.suppress(OSError):
            limited = not slow and self.upload_rate is not None
            while data := source.recv(_SLOW_WINDOW if limited else 65536):
                if not slow:
                    self._count(len(data))
                if limited and self.upload_rate:
                    time.sleep(len(data) / self.upload_rate)
                if self.silent:
                    continue  # swallowed
                if slow and self.delay:
                    time.sleep(self.delay)
                sink.sendall(data)
        if self.silent:
            return  # not a word of it either: the other side's connection stays up
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
