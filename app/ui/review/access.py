"""The Review page's road to the data (see app.ui.common.access): the week's review with
the PDF it prints as, and the one-click cooling of stale hot leads with its undo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.ui.common.access import Access

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.model.people import PersonInfo
    from app.model.review.types import WeeklyReview

COOLED_WHY = "cooled from the weekly review"


@dataclass(frozen=True)
class Printed:
    """A week's review and its PDF, built from the same reading."""

    review: WeeklyReview
    pdf: bytes


class ReviewAccess(Access):
    def people(self) -> list[PersonInfo]:
        from app.model import people

        return self.read(people.list_people)

    def printed(self, week: str, person: str | None, now: datetime) -> Printed:
        from app.model.review.build import weekly_review
        from app.report.review_pdf import build

        def work(session: Session) -> Printed:
            review = weekly_review(session, week, person, now=now)
            return Printed(review, build(review))

        return self.read(work)

    def cool(self, lead_ids: tuple[int, ...]) -> list[int]:
        """Stale hot leads cooled to warm in one transaction; the changes made (for undo)."""
        from app.model.leads import service as leads

        return self.write(lambda s: leads.cool_down(s, lead_ids, reason=COOLED_WHY))

    def undo_cooling(self, change_ids: list[int]) -> None:
        """The leads hot again, in one transaction: all of them or none."""
        from app.model.leads import service as leads

        self.write(lambda s: leads.undo_temperature_changes(s, reversed(change_ids)))
