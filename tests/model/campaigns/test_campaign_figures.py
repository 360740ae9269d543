"""Campaign figures on a small hand-made history, answers worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from app.model import people
from app.model.campaigns import service as campaigns
from app.model.campaigns.figures import CampaignFigures, figures
from app.model.campaigns.service import CampaignFields
from app.model.enums import LostReason, Side, Temperature
from app.model.errors import ValidationError
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.leads.service import LeadFields
from app.model.store.db import Store
from app.model.time import entries as te
from app.model.time.entries import EntryFields

T0 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
END = datetime(2026, 11, 30, tzinfo=UTC)


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    with store.writer() as session:
        ann = people.add_person(session, "Ann").id
        fair = campaigns.create(
            session,
            CampaignFields(
                "Trade fair", "events", date(2026, 10, 1), date(2026, 10, 3), Decimal("300")
            ),
        )
        quiet = campaigns.create(session, CampaignFields("Quiet ad", "ads", cost=Decimal("80")))
        mail = campaigns.create(
            session, CampaignFields("Postcards", "direct mail", cost=Decimal("120"))
        )

        def lead(
            name: str,
            source: int | None,
            temperature: Temperature = Temperature.COLD,
            days: int = 0,
        ) -> int:
            return lead_create.create(
                session,
                LeadFields(name=name, source_id=source),
                temperature=temperature,
                at=T0 + timedelta(days=days),
            ).id

        buyer = lead("Buyer", fair, Temperature.WARM)
        leads.set_temperature(session, buyer, Temperature.HOT, at=T0 + timedelta(days=5))
        lead_status.mark_won(session, buyer, Decimal("1000"), at=T0 + timedelta(days=10))
        lead_status.add_deal(session, buyer, Decimal("250"), at=T0 + timedelta(days=40))
        lead_status.mark_lost(
            session,
            lead("Skint", fair, Temperature.WARM),
            LostReason.NO_BUDGET,
            at=T0 + timedelta(days=3),
        )
        lead("Browsing", fair)
        lead_status.mark_lost(
            session, lead("Wrong", mail, days=2), LostReason.NOT_A_FIT, at=T0 + timedelta(days=4)
        )
        lead("Later", fair, days=70)  # created after the period ends
        lead("Nobody's", None)
        te.add_entry(
            session,
            EntryFields(ann, Side.MARKETING, T0, T0 + timedelta(hours=2), campaign_id=fair),
            now=END,
        )
    return {"fair": fair, "quiet": quiet, "mail": mail}


def by_name(store: Store, hourly_rate: Decimal = Decimal(0)) -> dict[str, CampaignFigures]:
    with store.session() as session:
        return {f.name: f for f in figures(session, end=END, hourly_rate=hourly_rate)}


def test_a_campaign_with_leads_and_wins(store: Store, ids: dict[str, int]) -> None:
    fair = by_name(store, hourly_rate=Decimal("50"))["Trade fair"]
    assert (fair.leads, fair.reached_warm, fair.reached_hot) == (3, 2, 1)
    assert (fair.won, fair.lost) == (1, 1)
    assert fair.lost_reasons == {"no budget": 1}
    assert fair.revenue == Decimal("1250")
    assert fair.cost_per_lead == Decimal("100.00")
    assert fair.cac == Decimal("300.00")
    assert fair.win_rate == 0.5
    assert fair.average_deal == Decimal("1250.00")
    assert fair.cycle_days == pytest.approx(10)
    assert fair.hours == pytest.approx(2)
    assert fair.hours_cost == Decimal("100.00")
    assert fair.true_cac == Decimal("400.00")


def test_a_campaign_without_leads_has_no_ratios(store: Store, ids: dict[str, int]) -> None:
    quiet = by_name(store)["Quiet ad"]
    assert (quiet.leads, quiet.won, quiet.revenue) == (0, 0, Decimal(0))
    assert quiet.cost_per_lead is None and quiet.cac is None
    assert quiet.win_rate is None and quiet.true_cac is None


def test_a_campaign_with_leads_but_no_wins(store: Store, ids: dict[str, int]) -> None:
    mail = by_name(store)["Postcards"]
    assert (mail.leads, mail.won, mail.lost) == (1, 0, 1)
    assert mail.cost_per_lead == Decimal("120.00") and mail.cac is None
    assert mail.win_rate == 0.0
    assert mail.lost_reasons == {"not a fit": 1}


def test_the_period_edges(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        before_win = {f.name: f for f in figures(session, end=T0 + timedelta(days=7))}
        later = {
            f.name: f
            for f in figures(session, start=T0 + timedelta(days=60), end=T0 + timedelta(days=80))
        }
    fair = before_win["Trade fair"]
    assert (fair.leads, fair.won, fair.lost, fair.reached_hot) == (3, 0, 1, 1)
    assert later["Trade fair"].leads == 1  # only "Later" was created in that period
    assert later["Trade fair"].hours == 0.0


def test_campaign_names_are_unique_and_dates_ordered(store: Store) -> None:
    with store.writer() as session:
        campaigns.create(session, CampaignFields("Spring fair"))
        with pytest.raises(ValidationError, match="already a campaign"):
            campaigns.create(session, CampaignFields("  spring   FAIR "))
        with pytest.raises(ValidationError, match="cannot end before it starts"):
            campaigns.create(
                session,
                CampaignFields("Backwards", start_date=date(2026, 5, 2), end_date=date(2026, 5, 1)),
            )
        with pytest.raises(ValidationError, match="cannot be negative"):
            campaigns.create(session, CampaignFields("Refund", cost=Decimal("-1")))
        assert "events" in campaigns.channels(session)


def test_lead_quality_feedback_warns_when_most_lost_leads_were_a_poor_fit() -> None:
    figures_ = CampaignFigures(
        1,
        "Flyers",
        "direct mail",
        Decimal("90"),
        leads=10,
        lost=4,
        lost_reasons={"no budget": 2, "not a fit": 1, "chose a competitor": 1},
    )
    assert figures_.poor_fit_share == pytest.approx(0.3)
    assert figures_.poor_fit_warning() == (
        "Flyers: 3 of its 4 lost leads had no budget, were not a fit or had no interest — it "
        "may be reaching the wrong people."
    )
    few = CampaignFigures(
        2, "Small", "ads", Decimal(0), leads=2, lost=2, lost_reasons={"no budget": 2}
    )
    assert few.poor_fit_warning() is None  # too few to tell
    mixed = CampaignFigures(
        3,
        "Mixed",
        "ads",
        Decimal(0),
        leads=6,
        lost=4,
        lost_reasons={"no budget": 2, "no response": 2},
    )
    assert mixed.poor_fit_warning() is None  # half is not most
