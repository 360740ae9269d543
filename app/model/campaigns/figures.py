"""What each campaign brought, what sales closed, and what a customer cost — in SQL.

For a period [start, end) (start None: since the beginning; the weekly review uses that with
end = the week's end, as PRODUCT.md says):
- leads: leads with the campaign as source, created in the period;
- reached warm / hot: of them, those whose history reached that temperature before `end`;
- won and revenue: those of them with a deal before `end` (revenue counts repeat deals too);
- lost: those of them lost before `end`, with the reasons;
- cost per lead = cost / leads; CAC = cost / won; win rate = won / (won + lost);
  average deal = revenue / won; sales cycle = days from creation to the first deal, averaged;
- the owner's own hours logged against the campaign in the period, their cost at the hourly
  rate, and true CAC = (cost + hours × rate) / won.
A figure whose divisor is 0 is None (absent), never 0 or infinity.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.model.store.entities import Campaign, Deal, Lead
from app.model.time.hours import summed_hours

_CENT = Decimal("0.01")


def _cents(value: Decimal) -> Decimal:
    """A figure in cents, halves up (10.125 → 10.13), as people round."""
    return value.quantize(_CENT, ROUND_HALF_UP)


POOR_FIT = ("no budget", "not a fit", "no interest")


@dataclass(frozen=True)
class CampaignFigures:
    id: int
    name: str
    channel: str
    cost: Decimal
    leads: int = 0
    reached_warm: int = 0
    reached_hot: int = 0
    won: int = 0
    lost: int = 0
    lost_reasons: dict[str, int] = field(default_factory=dict)
    revenue: Decimal = Decimal(0)
    cycle_days: float | None = None
    hours: float = 0.0
    hourly_rate: Decimal = Decimal(0)

    @property
    def cost_per_lead(self) -> Decimal | None:
        return _cents(self.cost / self.leads) if self.leads else None

    @property
    def cac(self) -> Decimal | None:
        return _cents(self.cost / self.won) if self.won else None

    @property
    def win_rate(self) -> float | None:
        decided = self.won + self.lost
        return self.won / decided if decided else None

    @property
    def average_deal(self) -> Decimal | None:
        return _cents(self.revenue / self.won) if self.won else None

    @property
    def hours_cost(self) -> Decimal:
        return _cents(Decimal(str(round(self.hours, 4))) * self.hourly_rate)

    @property
    def poor_fit_lost(self) -> int:
        """Leads lost as no budget, not a fit or no interest: sales telling marketing the
        campaign reached the wrong people."""
        return sum(self.lost_reasons.get(reason, 0) for reason in POOR_FIT)

    @property
    def poor_fit_share(self) -> float | None:
        """Of the campaign's leads, the share lost as a poor fit."""
        return self.poor_fit_lost / self.leads if self.leads else None

    def poor_fit_warning(self) -> str | None:
        """A sentence when most of the campaign's lost leads were a poor fit (3 or more)."""
        poor = self.poor_fit_lost
        if self.lost < 3 or poor * 2 <= self.lost:
            return None
        return (
            f"{self.name}: {poor} of its {self.lost} lost leads had no budget, were not a fit "
            "or had no interest — it may be reaching the wrong people."
        )

    @property
    def true_cac(self) -> Decimal | None:
        return _cents((self.cost + self.hours_cost) / self.won) if self.won else None


def _days(later: Any, earlier: Any, dialect: str) -> Any:
    if dialect == "sqlite":
        return func.julianday(later) - func.julianday(earlier)
    return func.extract("epoch", later - earlier) / 86400.0


def figures(
    session: Session,
    *,
    end: datetime,
    start: datetime | None = None,
    hourly_rate: Decimal = Decimal(0),
    include_archived: bool = True,
    campaign_ids: Collection[int] | None = None,
) -> list[CampaignFigures]:
    """Every campaign's figures for the period, by name (campaigns without leads too);
    only those in `campaign_ids` when it is given."""
    dialect = session.get_bind().dialect.name
    created = [Lead.source_id.is_not(None), Lead.created_at < end]
    if campaign_ids is not None:
        created.append(Lead.source_id.in_(list(campaign_ids)))
    if start is not None:
        created.append(Lead.created_at >= start)
    deals_won = select(
        Deal.lead_id,
        func.min(Deal.won_at).label("first"),
        func.sum(Deal.value).label("revenue"),
    ).where(Deal.won_at < end)
    if campaign_ids is not None:
        # A few campaigns' leads: their deals by lead, rather than every deal grouped.
        deals_won = deals_won.where(Deal.lead_id.in_(select(Lead.id).where(*created)))
    deals = deals_won.group_by(Deal.lead_id).subquery()

    is_lost = and_(Lead.status == "lost", Lead.closed_at < end)
    # Two passes, each driven by the smaller side: the leads by source, then the deals
    # (joined to their lead by primary key) — a left join from leads to grouped deals makes
    # SQLite build a temporary index on every call.
    counts = (
        select(
            Lead.source_id,
            func.count(Lead.id),
            func.sum(case((Lead.warm_at < end, 1), else_=0)),
            func.sum(case((Lead.hot_at < end, 1), else_=0)),
            func.sum(case((is_lost, 1), else_=0)),
        )
        .where(*created)
        .group_by(Lead.source_id)
    )
    found: dict[int, dict[str, Any]] = {}
    for source, leads, warm, hot, lost in session.execute(counts):
        found[source] = {
            "leads": leads,
            "reached_warm": int(warm or 0),
            "reached_hot": int(hot or 0),
            "lost": int(lost or 0),
            "lost_reasons": {},
        }
    won = (
        select(
            Lead.source_id,
            func.count(deals.c.lead_id),
            func.sum(deals.c.revenue),
            func.avg(_days(deals.c.first, Lead.created_at, dialect)),
        )
        .select_from(deals)
        .join(Lead, Lead.id == deals.c.lead_id)
        .where(*created)
        .group_by(Lead.source_id)
    )
    for source, count, revenue, cycle in session.execute(won):
        found[source].update(
            won=count,
            revenue=Decimal(revenue or 0),
            cycle_days=float(cycle) if cycle is not None else None,
        )
    reasons = (
        select(Lead.source_id, Lead.lost_reason, func.count())
        .where(*created, is_lost)
        .group_by(Lead.source_id, Lead.lost_reason)
    )
    for source, reason, count in session.execute(reasons):
        if source is not None:
            found[source]["lost_reasons"][reason or "other"] = count
    hours = summed_hours(session, start, end, by="campaign_id", keys=campaign_ids)
    query = select(Campaign).order_by(Campaign.name)
    if campaign_ids is not None:
        query = query.where(Campaign.id.in_(list(campaign_ids)))
    if not include_archived:
        query = query.where(Campaign.archived.is_(False))
    return [
        CampaignFigures(
            c.id,
            c.name,
            c.channel,
            c.cost,
            hours=hours.get(c.id, 0.0),
            hourly_rate=hourly_rate,
            **found.get(c.id, {}),
        )
        for c in session.scalars(query)
    ]
