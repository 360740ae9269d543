"""The one road from the window to the data: every read and write of a page, its dialogs and
the timer bar goes through its feature's `Access`.

On a database server (which can be slow, or gone for the seconds a connection waits) the
session's work runs in a thread while the window keeps drawing; on a local file, where it
takes milliseconds, right here (app.ui.common.responsive). A refusal — any HearthError, the
sentence a user can act on — is said once, where the page shows its messages, and the call
answers None (`attempt`), the way git-cola's `cmds.do` turns a command's failure into one
dialog. Each feature's Access (leads, time, campaigns, review, dashboard) adds the reads and
writes its pages need, each one short session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from app.model.errors import HearthError
from app.ui.common import responsive

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.model.store.db import Store

T = TypeVar("T")


def _silent(_sentence: str) -> None:
    """Where nothing is listening, a refusal is still caught (and not shown)."""


class Access:
    def __init__(self, store: Store, say: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.say = say or _silent
        # Who this computer's Hearth is for (who_am_i): new leads, contacts, time are theirs.
        self.person_id: int | None = None

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def generation(self) -> int:
        """The store's change counter (a page that read at an older one is stale)."""
        return self.store.changes.generation

    def read(self, work: Callable[[Session], T]) -> T:
        """`work` in one short reading session."""
        return responsive.read(self.store, work)

    def write(self, work: Callable[[Session], T]) -> T:
        """`work` in one short writing session (it commits what it changes)."""
        return responsive.write(self.store, work)

    def attempt(self, work: Callable[[], T]) -> T | None:
        """Run a read or write; a refusal is said (the page's message) and the answer is
        None, so the caller only goes on when it went through."""
        try:
            return work()
        except HearthError as exc:
            self.say(str(exc))
            return None

    def went_through(self, work: Callable[[], object]) -> bool:
        """`attempt` for work that answers nothing: True when it went through."""
        try:
            work()
        except HearthError as exc:
            self.say(str(exc))
            return False
        return True

    def try_write(self, work: Callable[[Session], T]) -> T | None:
        """`write`, with a refusal said and None answered (see `attempt`)."""
        return self.attempt(lambda: self.write(work))

    def try_read(self, work: Callable[[Session], T]) -> T | None:
        return self.attempt(lambda: self.read(work))
