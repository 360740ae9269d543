"""What data safety and the server's offline copy see of the window's DatabaseConnection
(app.ui.database.connection), which makes them: the database in use, and opening, closing
and showing one. A Protocol, so neither imports the connection that imports them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.model.store.db import Store
    from app.model.store.settings import Settings


class Connected(Protocol):
    db_path: str | None  # as given to the window (--db), or None for the usual place
    store: Store | None  # the database in use; None while closed

    def open(self) -> None:
        """Open the database again (after a restore, another choice, or the server back)."""

    def close(self) -> None:
        """Let go of the database."""

    def use(self, store: Store, settings: Settings) -> None:
        """Show `store` (the read-only copy of a server's data)."""
