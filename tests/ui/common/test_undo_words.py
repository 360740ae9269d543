"""What an undo says keeps the names and weeks it holds: "Undone: edit Anna Baker.", not
"undone: edit anna baker." (the whole text was lowercased: the walk's "Undone: used the split
20% marketing for 2026-w33.")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.common.undo import DoneCommand, UndoStack


class _Told:
    """An Access as far as a DoneCommand uses it: what it says, work that is never refused."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, message: str) -> None:
        self.said.append(message)

    def refusal(self, work: Callable[[], None], tell: Callable[[str], None]) -> bool:
        work()
        return False


class _Nothing(DoneCommand):
    def do(self) -> None:
        pass

    def back(self) -> None:
        pass


def test_undo_and_redo_keep_the_names_and_weeks_they_say(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    stack = UndoStack(page)
    told = _Told()
    access: Any = told
    stack.push(_Nothing("Used the split 20% marketing for 2026-W33", access))
    stack.push(_Nothing("Edit Anna Baker", access))
    stack.undo()
    stack.undo()
    stack.redo()
    assert told.said == [
        "Undone: edit Anna Baker.",
        "Undone: used the split 20% marketing for 2026-W33.",
        "Redone: used the split 20% marketing for 2026-W33.",
    ]
