"""One undo for the window: commands whose work is already done when they are pushed.

An action runs first — so a refusal can be said before anything goes on the undo stack — and
is then pushed as a `DoneCommand` onto the page's `UndoStack`: the stack's first redo does
nothing, later redos do the work again (`do`), and undo takes it back (`back`). Each `do` and
`back` is one write of the feature's Access, so one transaction: an undo is whole or not at
all. What was undone or redone is said through the Access ("Undone: archive."); one that is
refused (a partner changed the lead meanwhile, the server is away) is said instead, and the
stack is put back where it was, the data being as they were — Ctrl+Z can be tried again.
`after` runs after each (the page shows the result).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from app.ui.common.access import Access


def _nothing() -> None:
    """No page to tell."""


class DoneCommand(QUndoCommand):
    def __init__(self, text: str, access: Access, after: Callable[[], None] | None = None) -> None:
        super().__init__(text)
        self.access = access
        self.then = after or _nothing
        self.stack: QUndoStack | None = None  # the stack it is on (UndoStack.push)
        self._skip = True  # the next redo or undo is the stack catching up: no work

    def redo(self) -> None:
        if self._skip:  # pushed (the work is done), or put back after a refused undo
            self._skip = False
            return
        self._run(self.do, "redo")

    def undo(self) -> None:
        if self._skip:  # put back after a refused redo
            self._skip = False
            return
        self._run(self.back, "undo")

    def _run(self, work: Callable[[], None], verb: str) -> None:
        text = self.text()  # "Edit Anna Baker": "Undone: edit Anna Baker." (names kept)
        what = text[:1].lower() + text[1:]
        said = self.access.say
        if self.access.refusal(work, lambda why: said(f"Could not {verb} {what}: {why}")):
            self._put_back(verb)
            self.then()
            return
        self.then()
        self.access.say(f"{'Undone' if verb == 'undo' else 'Redone'}: {what}.")

    def _put_back(self, verb: str) -> None:
        """Nothing changed: move the stack back over this command (without doing the work)
        as soon as it has finished moving, so the same Ctrl+Z can be tried again."""
        stack = self.stack
        if stack is None:
            self.setObsolete(True)  # not on an UndoStack: it is let go
            return
        self._skip = True
        QTimer.singleShot(0, stack.redo if verb == "undo" else stack.undo)

    def do(self) -> None:
        """Do the work again (a redo); one transaction."""
        raise NotImplementedError

    def back(self) -> None:
        """Take the work back (an undo); one transaction."""
        raise NotImplementedError


class UndoStack(QUndoStack):
    """A page's undo: its DoneCommands, and the Ctrl+Z (and Ctrl+Shift+Z) that reach them
    while the focus is anywhere on the page."""

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self.page = page

    def push(self, cmd: QUndoCommand) -> None:
        if isinstance(cmd, DoneCommand):
            cmd.stack = self
        super().push(cmd)

    def undo_action(self) -> QAction:
        return self._on_page(
            self.createUndoAction(self.page, "Undo"), QKeySequence.StandardKey.Undo
        )

    def redo_action(self) -> QAction:
        return self._on_page(
            self.createRedoAction(self.page, "Redo"), QKeySequence.StandardKey.Redo
        )

    def _on_page(self, action: QAction, keys: QKeySequence.StandardKey) -> QAction:
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.page.addAction(action)
        return action
