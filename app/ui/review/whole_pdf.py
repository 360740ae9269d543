"""The whole PDF of a review, made in a thread while the Review page shows its first page
(#19). The thread touches no Qt object (the page may be gone by the time it ends): it leaves
the bytes, or the error, where a timer on the window's thread looks for them."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.ui.review.access import ReviewAccess

if TYPE_CHECKING:
    from app.model.review.types import WeeklyReview

POLL_MS = 30  # how often the window's thread looks whether the thread is done

Made = tuple["WeeklyReview", bytes | BaseException]


class WholePdf(QObject):
    done = Signal()  # the thread has ended: `take` has what it made

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._box: list[Made] = []  # the thread's only output
        self._unwanted = threading.Event()  # set: the thread at work gives up
        self._watch = QTimer(self)
        self._watch.setInterval(POLL_MS)
        self._watch.timeout.connect(self._done_yet)

    def start(self, review: WeeklyReview) -> None:
        """Make `review`'s whole PDF in a thread (after `wait` or `stop`: one PDF is made at
        a time, reportlab's fonts are shared)."""
        box: list[Made] = []
        unwanted = threading.Event()

        def work() -> None:
            made: bytes | BaseException
            try:
                made = ReviewAccess.whole_pdf(review, stop=unwanted.is_set)
            except Exception as exc:  # handed to the window's thread (take)
                made = exc
            box.append((review, made))

        self._box, self._unwanted = box, unwanted
        self._thread = threading.Thread(target=work, name="hearth-review-pdf", daemon=True)
        self._thread.start()
        self._watch.start()

    def stop(self) -> None:
        """The PDF being made is no longer wanted (another week, another person): its thread
        gives up after the page it is on, and `take` then has nothing. Returns once it has
        ended — a page's wait, not the whole PDF's (seconds for a long one)."""
        self._unwanted.set()
        self.wait()
        self._box = []

    def wait(self) -> None:
        """Until the thread making a PDF, if any, has ended."""
        self._watch.stop()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def take(self) -> Made | None:
        """What the thread made, once (waiting for it if it is still at work)."""
        self.wait()
        return self._box.pop() if self._box else None

    def _done_yet(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._watch.stop()
            self.done.emit()
