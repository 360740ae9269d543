"""The Qt binding itself: faults of a PySide6 release that would take the window down."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    said = Signal(int)


def test_emitting_a_signal_keeps_the_references_to_true(qapp: object) -> None:
    """PySide6 6.12.0's emit() returns True without a reference of its own, so each signal
    emitted from Python drops one of True's; on Python 3.11 the interpreter aborts when they
    run out (pyproject.toml excludes that release). Python 3.12 made True immortal: there its
    count never moves and the test holds trivially."""
    sender = _Sender()
    heard: list[int] = []
    sender.said.connect(heard.append)
    before = sys.getrefcount(True)
    for number in range(200):
        sender.said.emit(number)
    assert heard == list(range(200))
    assert sys.getrefcount(True) > before - 100  # 6.12.0 on 3.11: 200 fewer
