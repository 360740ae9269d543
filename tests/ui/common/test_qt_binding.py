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


def test_pyproject_excludes_6_12_0_and_its_respins() -> None:
    """Qt publishes some releases again as 6.x.y.1, .2 (6.8.0.1, 6.8.2.1 …); a respin of
    6.12.0 would most likely carry its emit() fault, and a bare '!=6.12.0' lets pip choose
    6.12.0.1 (PEP 440: a fourth number makes another version)."""
    import tomllib

    from packaging.requirements import Requirement

    from tests import ROOT

    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pyside = next(Requirement(r) for r in listed if Requirement(r).name == "PySide6")
    assert "6.11.3" in pyside.specifier
    assert not [v for v in ("6.12.0", "6.12.0.1", "6.12.0.140") if v in pyside.specifier]
