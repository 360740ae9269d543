"""The business's own rates over the 13 ISO weeks ending with the reviewed week (PRODUCT.md,
"Goals, pacing and the pipeline"): revenue, wins, new leads and hours on each side, and what
follows from them — revenue per hour worked, marketing hours per new lead, sales hours per
win — and the sales cycle of the leads won in those weeks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from app.model.store.reading import Reader, reading

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

RATE_WEEKS = 13


@dataclass(frozen=True)
class WeekFigures:
    """One week's figures, as the review counts them."""

    week: str
    marketing_hours: float
    sales_hours: float
    new_leads: int
    wins: int
    revenue: Decimal


@dataclass(frozen=True)
class Rates:
    revenue: Decimal
    wins: int
    new_leads: int
    marketing_hours: float
    sales_hours: float
    sales_cycle_days: float | None = None  # creation to win, averaged over the weeks' wins

    @property
    def hours(self) -> float:
        return self.marketing_hours + self.sales_hours

    @property
    def revenue_per_hour(self) -> Decimal | None:
        """Revenue per hour worked; None without revenue or without hours."""
        if not self.revenue or self.hours <= 0:
            return None
        return self.revenue / Decimal(repr(self.hours))

    @property
    def marketing_hours_per_lead(self) -> float | None:
        return self.marketing_hours / self.new_leads if self.new_leads else None

    @property
    def sales_hours_per_win(self) -> float | None:
        return self.sales_hours / self.wins if self.wins else None


def summed(weeks: list[WeekFigures], cycle_days: float | None) -> Rates:
    return Rates(
        revenue=sum((w.revenue for w in weeks), Decimal(0)),
        wins=sum(w.wins for w in weeks),
        new_leads=sum(w.new_leads for w in weeks),
        marketing_hours=sum(w.marketing_hours for w in weeks),
        sales_hours=sum(w.sales_hours for w in weeks),
        sales_cycle_days=cycle_days,
    )


_WINS = """
SELECT lead.created_at, status_change.at
FROM status_change JOIN lead ON lead.id = status_change.lead_id
WHERE status_change.to_status = 'won'
  AND status_change.at >= :start AND status_change.at < :end
"""


def sales_cycle_days(session: Session | Reader, start: datetime, end: datetime) -> float | None:
    """Days from creation to win, averaged over the leads won in [start, end)."""
    r = reading(session)
    spans = []
    for created, won in r.rows(_WINS, {"start": r.at(start), "end": r.at(end)}):
        spans.append((r.when(won) - r.when(created)).total_seconds())  # both NOT NULL
    return sum(spans) / 86400 / len(spans) if spans else None
