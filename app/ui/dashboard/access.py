"""The Dashboard's road to the data (see app.ui.common.access): this week's glance (the
review and the running timers) in one read, and its first look before the database opens."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from app.ui.common.access import Access

if TYPE_CHECKING:
    from app.model.review.glance import FirstLook, Glance


class DashboardAccess(Access):
    def glance(self, week: str, now: datetime) -> Glance:
        from app.model.review.glance import glance

        return self.read(lambda session: glance(session, week, now))

    @staticmethod
    def first_look(db: str | None, week: str, now: datetime) -> FirstLook | None:
        """The glance read from the SQLite file alone, before the window opens the database
        (app.model.review.glance.first_look); None where the ordinary road must open it."""
        from app.model.review.glance import first_look

        return first_look(db, week, now)
