"""The Dashboard's road to the data (see app.ui.common.access): this week's review and the
running timers, in one read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.ui.common.access import Access

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.model.review.types import WeeklyReview
    from app.model.time.types import EntryInfo


@dataclass(frozen=True)
class Glance:
    """What the Dashboard shows: the week's review (the one the Review page and the PDF
    show) and every running timer."""

    review: WeeklyReview
    running: list[EntryInfo]


class DashboardAccess(Access):
    def glance(self, week: str, now: datetime) -> Glance:
        from app.model.review.build import weekly_review
        from app.model.time import entries as time_entries

        def work(session: Session) -> Glance:
            return Glance(weekly_review(session, week, now=now), time_entries.running(session))

        return self.read(work)
