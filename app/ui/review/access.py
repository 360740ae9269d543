"""The Review page's road to the data (see app.ui.common.access): the week's review with
the PDF it prints as, the one-click cooling of stale hot leads, and "Use this split next
week" (the plan made next week's target override), each with its undo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.ui.common.access import Access

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from app.model.people import PersonInfo
    from app.model.review.types import WeeklyReview
    from app.model.time.targets import Target

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

    def printed(
        self, week: str, person: str | None, now: datetime, *, first_page_only: bool = False
    ) -> Printed:
        """The week's review and its PDF (`first_page_only`: the PDF's first page alone, for
        a first look; `whole_pdf` makes the rest)."""
        from app.model.review.build import weekly_review
        from app.report.review_pdf import build

        def work(session: Session) -> Printed:
            review = weekly_review(session, week, person, now=now)
            return Printed(review, build(review, first_page_only=first_page_only))

        return self.read(work)

    @staticmethod
    def whole_pdf(review: WeeklyReview, stop: Callable[[], bool] | None = None) -> bytes:
        """The whole PDF of a review already read (no database: any thread may make it);
        `stop` is asked after each page (PdfStoppedError once it says yes)."""
        from app.report.review_pdf import build

        return build(review, stop=stop)

    def cool(self, lead_ids: tuple[int, ...]) -> list[int]:
        """Stale hot leads cooled to warm in one transaction; the changes made (for undo)."""
        from app.model.leads import service as leads

        return self.write(lambda s: leads.cool_down(s, lead_ids, reason=COOLED_WHY))

    def undo_cooling(self, change_ids: list[int]) -> None:
        """The leads hot again, in one transaction: all of them or none."""
        from app.model.leads import service as leads

        self.write(lambda s: leads.undo_temperature_changes(s, reversed(change_ids)))

    def use_split(self, week: str, person: str | None, share: float, hours: float) -> Target | None:
        """`week`'s own target (the person's, or everyone's) set to the split, in one
        transaction; the override it had before (None: it had none), for the undo."""
        from app.model.time import targets

        def work(session: Session) -> Target | None:
            person_id = _person_id(session, person)
            before = targets.week_overrides(session, week).get(person_id)
            targets.set_week_target(session, week, share, hours, person_id=person_id)
            return before

        return self.write(work)

    def put_back_target(self, week: str, person: str | None, before: Target | None) -> None:
        """`week`'s own target as it was before the split was used (or none again)."""
        from app.model.time import targets

        def work(session: Session) -> None:
            person_id = _person_id(session, person)
            if before is None:
                targets.remove_week_target(session, week, person_id=person_id)
            else:
                targets.set_week_target(
                    session, week, before.marketing_share, before.hours, person_id=person_id
                )

        self.write(work)


def _person_id(session: Session, person: str | None) -> int | None:
    from app.model import people

    return people.resolve(session, person).id if person else None
