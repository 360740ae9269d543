"""The funnel and win rates, on a hand-made history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from app.model.campaigns import funnel
from app.model.campaigns import service as campaigns
from app.model.campaigns.service import CampaignFields
from app.model.enums import LostReason, Temperature
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.leads import touchpoints
from app.model.leads.service import LeadFields
from app.model.store.db import Store

T0 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
END = datetime(2026, 11, 30, tzinfo=UTC)


@pytest.fixture
def history(store: Store) -> None:
    with store.writer() as session:
        fair = campaigns.create(session, CampaignFields("Trade fair"))

        def lead(name: str, source: int | None = None, days: int = 0) -> int:
            return lead_create.create(
                session, LeadFields(name=name, source_id=source), at=T0 + timedelta(days=days)
            ).id

        # called while cold, warmed up, then bought
        a = lead("A", fair)
        touchpoints.log_touchpoint(session, a, "cold call", at=T0 + timedelta(days=1))
        leads.set_temperature(session, a, Temperature.HOT, at=T0 + timedelta(days=3))
        lead_status.mark_won(session, a, Decimal("500"), at=T0 + timedelta(days=6))
        # warmed by marketing, called while warm, lost
        b = lead("B", fair)
        leads.set_temperature(session, b, Temperature.WARM, at=T0 + timedelta(days=1))
        touchpoints.log_touchpoint(session, b, "call", at=T0 + timedelta(days=2))
        lead_status.mark_lost(session, b, LostReason.NO_BUDGET, at=T0 + timedelta(days=4))
        # never contacted by sales
        lead("C")
        # created after the end
        lead("D", fair, days=90)


def test_the_funnel_and_its_rates(store: Store, history: None) -> None:
    with store.session() as session:
        result = funnel.funnel(session, end=END)
    assert (result.created, result.warm, result.hot, result.won, result.lost) == (3, 2, 1, 1, 1)
    assert result.to_warm == pytest.approx(2 / 3)
    assert result.warm_to_hot == 0.5 and result.hot_to_won == 1.0 and result.win_rate == 0.5


def test_by_source(store: Store, history: None) -> None:
    with store.session() as session:
        sources = funnel.by_source(session, end=END)
    assert sources["Trade fair"].created == 2 and sources["Trade fair"].win_rate == 0.5
    assert sources["no source"].created == 1 and sources["no source"].win_rate is None


def test_by_the_temperature_at_the_first_sales_contact(store: Store, history: None) -> None:
    with store.session() as session:
        groups = funnel.by_first_sales_temperature(session, end=END)
    assert {k: (f.created, f.won, f.lost) for k, f in groups.items()} == {
        "cold": (1, 1, 0),
        "warm": (1, 0, 1),
        "not contacted by sales": (1, 0, 0),
    }


def test_a_funnel_with_nothing_in_it(store: Store) -> None:
    with store.session() as session:
        empty = funnel.funnel(session, end=END)
    assert empty.created == 0 and empty.to_warm is None and empty.win_rate is None


def test_one_source_and_the_total_of_all_sources(store: Store, history: None) -> None:
    with store.session() as session:
        fair = campaigns.list_names(session)[0].id
        one = funnel.funnel(session, end=END, source_id=fair)
        every = funnel.total(funnel.by_source(session, end=END).values())
        whole = funnel.funnel(session, end=END)
    assert (one.created, one.won, one.lost) == (2, 1, 1)
    assert every == whole


def test_a_cold_call_that_warms_the_lead_counts_as_a_cold_call(store: Store) -> None:
    """The contact's own temperature change (logged with it, at the same moment) is what the
    call did, not what it found: the lead was cold when sales called."""
    with store.writer() as session:
        clara = lead_create.create(session, LeadFields(name="Clara"), at=T0).id
        touchpoints.log_touchpoint(
            session, clara, "cold call", at=T0 + timedelta(days=1), new_temperature=Temperature.WARM
        )
        # created and called in the same instant: still the temperature it was created with
        dan = lead_create.create(
            session, LeadFields(name="Dan"), temperature=Temperature.HOT, at=T0
        ).id
        touchpoints.log_touchpoint(session, dan, "call", at=T0, new_temperature=Temperature.WARM)
    with store.session() as session:
        groups = funnel.by_first_sales_temperature(session, end=END)
    assert groups["cold"].created == 1 and "warm" not in groups
    assert groups["hot"].created == 1
