"""The one road from the window to the data: every read and write of a page, its dialogs and
the timer bar goes through its feature's `Access`.

On a database server (which can be slow, or gone for the seconds a connection waits) the
session's work runs in a thread while the window keeps drawing; on a local file, where it
takes milliseconds, right here (app.ui.common.responsive). A refusal — any HearthError, the
sentence a user can act on — and the storage's own refusals (a full disk, a file another
program holds) are said once, where the page shows its messages, and the call answers None
(`attempt`), the way git-cola's `cmds.do` turns a command's failure into one
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

    def refused(self, error: BaseException) -> str | None:
        """The sentence for a refusal the page says — any HearthError, or the storage's own
        (the disk is full, another program holds the file) — or None for what the window
        handles instead: the server gone (its question) or a fault in Hearth (the error
        dialog)."""
        if isinstance(error, HearthError):
            return str(error)
        from app.model.safety import storage_errors

        return None if storage_errors.server_away(error) else storage_errors.sentence_for(error)

    def refusal(
        self, work: Callable[[], object], tell: Callable[[str], None] | None = None
    ) -> str | None:
        """Run a read or write: None if it went through, else its sentence, said where the
        page shows its messages (or told to `tell`: a dialog's own label). Nothing was
        changed: each write is one transaction."""
        try:
            work()
        except Exception as exc:
            sentence = self.refused(exc)
            if sentence is None:
                raise
            (tell or self.say)(sentence)
            return sentence
        return None

    def attempt(self, work: Callable[[], T], tell: Callable[[str], None] | None = None) -> T | None:
        """`work`'s answer, or None when it was refused (and the sentence said), so the
        caller only goes on when it went through."""
        answers: list[T] = []
        self.refusal(lambda: answers.append(work()), tell)
        return answers[0] if answers else None

    def went_through(
        self, work: Callable[[], object], tell: Callable[[str], None] | None = None
    ) -> bool:
        """`refusal` for work that answers nothing: True when it went through."""
        return self.refusal(work, tell) is None

    def try_write(self, work: Callable[[Session], T]) -> T | None:
        """`write`, with a refusal said and None answered (see `attempt`)."""
        return self.attempt(lambda: self.write(work))

    def try_read(self, work: Callable[[Session], T]) -> T | None:
        return self.attempt(lambda: self.read(work))
