"""PRODUCT.md's rules on a lead at a moment that the Leads page and the weekly review share,
without SQLAlchemy (the review reads with SQL text, app.model.store.reading, before the ORM
is imported: #19): the clock they are judged by, stale, and due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.model.enums import Status


@dataclass(frozen=True)
class Clock:
    """`today` and `now` for the overdue and stale rules, and how many days make stale."""

    now: datetime
    today: date
    stale_days: int = 14

    @property
    def stale_before(self) -> datetime:
        return self.now - timedelta(days=self.stale_days)


def quiet_since(created_at: datetime, last_contact: datetime | None) -> datetime:
    """Since when nobody has contacted a lead: its last contact, or its creation when it has
    had none yet (or was created later, as an imported lead with older contacts can be)."""
    return created_at if last_contact is None else max(created_at, last_contact)


def went_stale(created_at: datetime, last_contact: datetime | None, stale_before: datetime) -> bool:
    """PRODUCT.md's stale rule for one warm or hot open lead: quiet since before
    `stale_before` (now minus the stale days). `queries.is_stale` is the same rule in SQL."""
    return quiet_since(created_at, last_contact) < stale_before


# A follow-up: an open lead's next action due by the day `:due_by`. SQL text on the `lead`
# table, for the review's reader and (through `queries.is_due`) the Leads page's follow-ups.
DUE = (
    f"(NOT lead.archived AND lead.status = '{Status.OPEN.value}'"
    " AND lead.next_action_due <= :due_by)"
)
