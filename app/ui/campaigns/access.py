"""Campaigns' road to the data (see app.ui.common.access): the Campaigns page, its detail
tab, the business funnel and the campaign dialog read and write through it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from app.ui.common.access import Access

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.model.campaigns.figures import CampaignFigures
    from app.model.campaigns.funnel import Funnel
    from app.model.campaigns.service import CalendarEntry, CampaignFields
    from app.model.leads.queries import LeadRow
    from app.model.review.pipeline import WinRate

LEADS_SHOWN = 500  # a campaign's leads listed on its detail tab


@dataclass(frozen=True)
class CampaignsShown:
    """The page's table and calendar: each campaign's figures over the period, and the
    campaigns that have dates."""

    figures: list[CampaignFigures]
    calendar: list[CalendarEntry]


@dataclass(frozen=True)
class FunnelsShown:
    """The whole business's funnel: by source, and by temperature at first sales contact."""

    by_source: dict[str, Funnel]
    by_temperature: dict[str, Funnel]
    # The win rates of the weighted pipeline (the last 365 days, pulled toward the starting
    # values while few leads have closed): the review's, whatever the period shown.
    win_rates: dict[str, WinRate]


@dataclass(frozen=True)
class OneCampaign:
    """One campaign's funnel and its leads, for its detail tab."""

    steps: Funnel
    leads: list[LeadRow]


class CampaignAccess(Access):
    # ---- reading --------------------------------------------------------------------------

    def shown(
        self, start: datetime | None, end: datetime, hourly_rate: Decimal | None
    ) -> CampaignsShown:
        from app.model.campaigns import service as campaigns
        from app.model.campaigns.figures import figures

        rate = hourly_rate if hourly_rate is not None else Decimal(0)

        def work(session: Session) -> CampaignsShown:
            rows = figures(session, start=start, end=end, hourly_rate=rate, include_archived=False)
            return CampaignsShown(rows, campaigns.calendar(session))

        return self.read(work)

    def business_funnel(self, start: datetime | None, end: datetime) -> FunnelsShown:
        from app.model.campaigns import funnel
        from app.model.review import pipeline
        from app.model.store import settings

        return self.read(
            lambda s: FunnelsShown(
                funnel.by_source(s, end=end, start=start),
                funnel.by_first_sales_temperature(s, end=end, start=start),
                pipeline.win_rates(s, end, pipeline.starting_rates(settings.load(s))),
            )
        )

    def detail(self, campaign_id: int, start: datetime | None, end: datetime) -> OneCampaign:
        """One campaign's funnel and its leads (archived ones too)."""
        from app.model.campaigns import funnel
        from app.model.leads import queries as lead_queries
        from app.model.leads.rules import Clock

        clock = Clock(now=end, today=end.astimezone().date())
        shown = lead_queries.LeadFilter(source_id=campaign_id, include_archived=True)
        return self.read(
            lambda s: OneCampaign(
                funnel.funnel(s, end=end, start=start, source_id=campaign_id),
                lead_queries.page(s, shown, clock, limit=LEADS_SHOWN),
            )
        )

    def channels(self) -> list[str]:
        from app.model.campaigns import service as campaigns

        return self.read(campaigns.channels)

    def fields_of(self, campaign_id: int) -> CampaignFields:
        from app.model.campaigns import service as campaigns

        return self.read(lambda s: campaigns.fields_of(s, campaign_id))

    # ---- writing --------------------------------------------------------------------------

    def create(self, fields: CampaignFields) -> int:
        from app.model.campaigns import service as campaigns

        return self.write(lambda s: campaigns.create(s, fields))

    def update(self, campaign_id: int, fields: CampaignFields, base: CampaignFields) -> None:
        """Save `fields`; refused if someone else changed the campaign since `base`."""
        from app.model.campaigns import service as campaigns

        self.write(lambda s: campaigns.update(s, campaign_id, fields, base=base))

    def set_archived(self, campaign_id: int, archived: bool) -> None:
        from app.model.campaigns import service as campaigns

        self.write(lambda s: campaigns.set_archived(s, campaign_id, archived))
