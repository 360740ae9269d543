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
from typing import TYPE_CHECKING, Any

from app.model.store.reading import Reader, ids, reading
from app.model.time.hours import summed_hours

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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


# Days from the lead's creation to its first deal.
_DAYS = {
    "sqlite": "julianday(deals.first) - julianday(lead.created_at)",
    "postgresql": (
        "EXTRACT(EPOCH FROM deals.first - lead.created_at) / CAST(86400 AS DOUBLE PRECISION)"
    ),
}
_IS_LOST = "lead.status = 'lost' AND lead.closed_at < :end"


def figures(
    session: Session | Reader,
    *,
    end: datetime,
    start: datetime | None = None,
    hourly_rate: Decimal = Decimal(0),
    include_archived: bool = True,
    campaign_ids: Collection[int] | None = None,
) -> list[CampaignFigures]:
    """Every campaign's figures for the period, by name (campaigns without leads too);
    only those in `campaign_ids` when it is given."""
    r = reading(session)
    params = {"end": r.at(end)}
    created = "lead.source_id IS NOT NULL AND lead.created_at < :end"
    if campaign_ids is not None:
        created += f" AND lead.source_id IN ({ids(campaign_ids)})"
    if start is not None:
        created += " AND lead.created_at >= :start"
        params["start"] = r.at(start)
    deals_won = (
        "SELECT deal.lead_id AS lead_id, min(deal.won_at) AS first, sum(deal.value) AS revenue "
        "FROM deal WHERE deal.won_at < :end"
    )
    if campaign_ids is not None:
        # A few campaigns' leads: their deals by lead, rather than every deal grouped.
        deals_won += f" AND deal.lead_id IN (SELECT lead.id FROM lead WHERE {created})"
    deals = deals_won + " GROUP BY deal.lead_id"

    # Two passes, each driven by the smaller side: the leads by source, then the deals
    # (joined to their lead by primary key) — a left join from leads to grouped deals makes
    # SQLite build a temporary index on every call.
    counts = (
        "SELECT lead.source_id, count(lead.id), "
        "sum(CASE WHEN lead.warm_at < :end THEN 1 ELSE 0 END), "
        "sum(CASE WHEN lead.hot_at < :end THEN 1 ELSE 0 END), "
        f"sum(CASE WHEN {_IS_LOST} THEN 1 ELSE 0 END) "
        f"FROM lead WHERE {created} GROUP BY lead.source_id"
    )
    found: dict[int, dict[str, Any]] = {}
    for source, leads, warm, hot, lost in r.rows(counts, params):
        found[source] = {
            "leads": leads,
            "reached_warm": int(warm or 0),
            "reached_hot": int(hot or 0),
            "lost": int(lost or 0),
            "lost_reasons": {},
        }
    won = (
        "SELECT lead.source_id, count(deals.lead_id), sum(deals.revenue), "
        f"avg({_DAYS[r.dialect]}) "
        f"FROM ({deals}) AS deals JOIN lead ON lead.id = deals.lead_id "
        f"WHERE {created} GROUP BY lead.source_id"
    )
    for source, count, revenue, cycle in r.rows(won, params):
        found[source].update(
            won=count,
            revenue=r.money(revenue) or Decimal(0),
            cycle_days=float(cycle) if cycle is not None else None,
        )
    reasons = (
        "SELECT lead.source_id, lead.lost_reason, count(*) "
        f"FROM lead WHERE {created} AND {_IS_LOST} GROUP BY lead.source_id, lead.lost_reason"
    )
    for source, reason, count in r.rows(reasons, params):
        if source is not None:
            found[source]["lost_reasons"][reason or "other"] = count
    hours = summed_hours(r, start, end, by="campaign_id", keys=campaign_ids)
    chosen = "SELECT campaign.id, campaign.name, campaign.channel, campaign.cost FROM campaign"
    where = []
    if campaign_ids is not None:
        where.append(f"campaign.id IN ({ids(campaign_ids)})")
    if not include_archived:
        where.append("NOT campaign.archived")
    if where:
        chosen += " WHERE " + " AND ".join(where)
    figures_of = []
    for campaign_id, name, channel, cost in r.rows(chosen + " ORDER BY campaign.name"):
        amount = r.money(cost)
        assert amount is not None  # the column is NOT NULL
        figures_of.append(
            CampaignFigures(
                campaign_id,
                name,
                channel,
                amount,
                hours=hours.get(campaign_id, 0.0),
                hourly_rate=hourly_rate,
                **found.get(campaign_id, {}),
            )
        )
    return figures_of
