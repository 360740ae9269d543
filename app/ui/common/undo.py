"""One undo for the window: commands whose work is already done when they are pushed.

An action runs first — so a refusal can be said before anything goes on the undo stack — and
is then pushed as a `DoneCommand`: the stack's first redo does nothing, later redos do the
work again (`do`), and undo takes it back (`back`). Each `do` and `back` is one write of the
feature's Access, so one transaction: an undo is whole or not at all. One that is refused (a
partner changed the lead meanwhile, say) is said through the Access and leaves the stack, the
data as it was. `after` runs after each (the page shows the result).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from app.model.errors import HearthError

if TYPE_CHECKING:
    from app.ui.common.access import Access


def _nothing() -> None:
    """No page to tell."""


class DoneCommand(QUndoCommand):
    def __init__(self, text: str, access: Access, after: Callable[[], None] | None = None) -> None:
        super().__init__(text)
        self.access = access
        self.then = after or _nothing
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # already done before it was pushed
            self._pushed = True
            return
        self._run(self.do, "redo")

    def undo(self) -> None:
        self._run(self.back, "undo")

    def _run(self, work: Callable[[], None], verb: str) -> None:
        try:
            work()
        except HearthError as exc:
            self.setObsolete(True)  # the stack lets it go: nothing was changed
            self.access.say(f"Could not {verb} {self.text().lower()}: {exc}")
        self.then()

    def do(self) -> None:
        """Do the work again (a redo); one transaction."""
        raise NotImplementedError

    def back(self) -> None:
        """Take the work back (an undo); one transaction."""
        raise NotImplementedError
