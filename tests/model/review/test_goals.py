"""Goals, pacing, the win rates, the weighted pipeline and the 13 weeks' rates on a hand-made
history whose answers are worked out here (PRODUCT.md, "Goals, pacing and the pipeline").

The reviewed week is 2026-W46 (Mon 9 – Sun 15 Nov 2026, Europe/Berlin): T is Mon 16 Nov
00:00. November 2026 starts on a Sunday: 21 working days, 10 of them before 16 Nov.
"""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from app.model import people
from app.model.enums import LostReason, Side, Temperature
from app.model.errors import NotFoundError, ValidationError
from app.model.goals import service as goals
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.leads.service import LeadFields
from app.model.review.build import weekly_review
from app.model.store.db import Store
from app.model.time import entries as time_entries
from app.model.time.types import EntryFields
from app.report.review_json import to_json

BERLIN = ZoneInfo("Europe/Berlin")
WEEK = "2026-W46"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=BERLIN)  # well after the week


def at(month: int, day: int, hour: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=BERLIN)


@pytest.fixture
def history(set_up_store: Store) -> Store:
    with set_up_store.writer() as session:
        ann = people.list_people(session)[0].id

        def lead(
            name: str, when: datetime, temperature: Temperature = Temperature.COLD, value: str = ""
        ) -> int:
            fields = LeadFields(name=name, estimated_value=Decimal(value) if value else None)
            return lead_create.create(session, fields, temperature=temperature, at=when).id

        # Closed in the year before T:
        a = lead("A skipped warm", at(9, 1))  # cold → hot → won 1,000
        leads.set_temperature(session, a, Temperature.HOT, at=at(9, 10))
        lead_status.mark_won(session, a, Decimal("1000"), at=at(10, 1))
        b = lead("B", at(9, 1), Temperature.WARM)  # warm → lost
        lead_status.mark_lost(session, b, LostReason.NO_BUDGET, at=at(10, 5))
        c = lead("C", at(9, 1))  # cold → warm → hot → lost
        leads.set_temperature(session, c, Temperature.WARM, at=at(9, 2))
        leads.set_temperature(session, c, Temperature.HOT, at=at(9, 3))
        lead_status.mark_lost(session, c, LostReason.NO_RESPONSE, at=at(10, 10))
        d = lead("D", at(11, 1), Temperature.HOT)  # created hot, won 3,000 in the month
        lead_status.mark_won(session, d, Decimal("3000"), at=at(11, 10))
        # Closed more than 365 days before T: not in the rates, nor the average deal.
        e = lead("E", at(1, 1, year=2025))
        lead_status.mark_won(session, e, Decimal("500"), at=at(6, 1, year=2025))
        # Open at T: F (cold, no value: the average deal; won only after T), H and L warm
        # (L was hot, cooled before T), I hot with 0 as its value (the average deal), J hot.
        f = lead("F", at(11, 2))
        lead_status.mark_won(session, f, Decimal("700"), at=at(11, 20))
        lead("H", at(11, 1), Temperature.WARM, "5000")
        lead("I", at(11, 3), Temperature.HOT, "0")
        lead("J", at(11, 5), Temperature.HOT, "10000")
        el = lead("L", at(11, 2), Temperature.HOT, "1000")
        leads.set_temperature(session, el, Temperature.WARM, at=at(11, 12))
        lead("K after T", at(11, 17), Temperature.HOT, "99999")
        # Time: an entry crossing the 13 weeks' start (Mon 17 Aug 00:00) counts 2 h of its 4.
        time_entries.add_entry(
            session, EntryFields(ann, Side.MARKETING, at(8, 16, 22), at(8, 17, 2))
        )
        time_entries.add_entry(session, EntryFields(ann, Side.SALES, at(11, 10, 9), at(11, 10, 12)))
        goals.set_default(session, Decimal("25000"))
        goals.set_goal(session, "2026-11", Decimal("30000"))
        session.commit()
    return set_up_store


RATES = {"cold": (1, 2, 0.05), "warm": (0, 2, 0.2), "hot": (2, 3, 0.5)}  # won, closed, start


def rate(t: str) -> float:
    won, closed, start = RATES[t]
    return (won + 5 * start) / (closed + 5)


def test_goals_default_and_a_months_own(history: Store) -> None:
    with history.writer() as session:
        found = goals.goals(session)
        assert found.for_month("2026-11") == Decimal("30000")
        assert found.for_month("2026-10") == Decimal("25000")  # the default
        assert goals.unset_goal(session, "2026-11") == Decimal("30000")
        assert goals.goals(session).for_month("2026-11") == Decimal("25000")
        with pytest.raises(NotFoundError, match="2026-11 has no goal of its own"):
            goals.unset_goal(session, "2026-11")
        goals.set_default(session, None)
        assert goals.goals(session).for_month("2026-11") is None


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("2026-13", "is not a month"),
        ("Nov", "is not a month"),
        ("1899-11", "not a month Hearth keeps"),
    ],
)
def test_a_wrong_month_is_a_sentence(history: Store, text: str, sentence: str) -> None:
    with history.writer() as session, pytest.raises(ValidationError, match=sentence):
        goals.set_goal(session, text, Decimal("1"))


@pytest.mark.parametrize(
    ("text", "sentence"),
    [("-5", "more than 0"), ("0", "more than 0"), ("12.3456", "two decimals"), ("x", "digits")],
)
def test_a_wrong_amount_is_a_sentence(text: str, sentence: str) -> None:
    with pytest.raises(ValidationError, match=sentence):
        goals.amount(text)


def test_pacing_of_a_month_with_its_own_goal(history: Store) -> None:
    with history.session() as session:
        review = weekly_review(session, WEEK, now=NOW)
    assert to_json(review)["goal"] == {
        "month": "2026-11",
        "amount": "30000.00",
        "won": "3000.00",  # D; F was won after T
        "expected": "14285.71",  # 30,000 × 10 / 21
        "business_days": 21,
        "business_days_gone": 10,
        "pace": round(3000 / 14285.71, 4),
    }
    assert review.goal is not None
    assert review.goal.words("EUR") == (
        "Sales pacing: 3,000 EUR of 30,000 EUR — 10% with 48% of the month's working days "
        "gone: 11,286 EUR behind."
    )


def test_a_week_straddling_two_months_on_the_default_goal(history: Store) -> None:
    """2026-W44 (Mon 26 Oct – Sun 1 Nov) is October's (its Thursday is 29 Oct): A's deal of
    1 Oct counts, nothing of November does; every working day of October is gone."""
    with history.session() as session:
        data = to_json(weekly_review(session, "2026-W44", now=NOW))["goal"]
    assert data == {
        "month": "2026-10",
        "amount": "25000.00",
        "won": "1000.00",
        "expected": "25000.00",
        "business_days": 22,
        "business_days_gone": 22,
        "pace": 0.04,
    }


def test_a_month_not_yet_begun(history: Store) -> None:
    """2026-W40 (Mon 28 Sep – Sun 4 Oct) is October's; on Tue 29 Sep October has not begun:
    nothing won, nothing expected, no pace. At the week's end, 1 and 2 Oct are gone."""
    with history.session() as session:
        early = to_json(weekly_review(session, "2026-W40", now=at(9, 29)))["goal"]
        later = to_json(weekly_review(session, "2026-W40", now=NOW))["goal"]
    assert early == {
        "month": "2026-10",
        "amount": "25000.00",
        "won": "0.00",
        "expected": "0.00",
        "business_days": 22,
        "business_days_gone": 0,
        "pace": None,
    }
    assert (later["business_days_gone"], later["expected"], later["won"]) == (
        2,
        "2272.73",  # 25,000 × 2 / 22 = 2,272.7272…
        "1000.00",
    )


def test_no_goal_is_null(set_up_store: Store) -> None:
    with set_up_store.session() as session:
        data = to_json(weekly_review(session, WEEK, now=NOW))
    assert data["goal"] is None
    assert data["plan"]["coverage_weeks"] is None and data["plan"]["hours_needed"] is None


def test_win_rates_pulled_toward_the_starting_values(history: Store) -> None:
    """A skipped warm: it counts for cold and hot, not warm. C counts for all three; E closed
    too long ago, F after T."""
    with history.session() as session:
        by_t = to_json(weekly_review(session, WEEK, now=NOW))["pipeline"]["by_temperature"]
    assert {t: (v["win_rate"], v["closed"]) for t, v in by_t.items()} == {
        "cold": (round(1.25 / 7, 4), 2),
        "warm": (round(1 / 7, 4), 2),
        "hot": (round(4.5 / 8, 4), 3),
    }


def test_the_weighted_pipeline_and_its_80_percent_range(history: Store) -> None:
    """Average deal (A and D) 2,000: F (cold, no value) and I (hot, 0) are worth it; H 5,000
    and L 1,000 warm; J 10,000 hot; K was created after T."""
    values = {"cold": [2000.0], "warm": [5000.0, 1000.0], "hot": [2000.0, 10000.0]}
    weighted = sum(v * rate(t) for t, vs in values.items() for v in vs)
    sd = math.sqrt(sum(v * v * rate(t) * (1 - rate(t)) for t, vs in values.items() for v in vs))
    with history.session() as session:
        data = to_json(weekly_review(session, WEEK, now=NOW))["pipeline"]
    assert data["weighted"] == f"{weighted:.2f}" == "7964.29"
    assert data["low"] == f"{max(0.0, weighted - 1.2816 * sd):.2f}"
    assert data["high"] == f"{weighted + 1.2816 * sd:.2f}"
    assert data["without_value"] == 0
    assert {t: (v["open"], v["value"]) for t, v in data["by_temperature"].items()} == {
        "cold": (1, "2000.00"),
        "warm": (2, "6000.00"),
        "hot": (2, "12000.00"),
    }


def test_a_lead_without_a_value_in_a_business_without_wins(set_up_store: Store) -> None:
    """No wins: no average deal, the starting rates as they are; the hot lead without a
    value adds nothing and is counted; the low end stops at 0."""
    with set_up_store.writer() as session:
        lead_create.create(
            session, LeadFields(name="No value"), temperature=Temperature.HOT, at=at(11, 2)
        )
        lead_create.create(
            session,
            LeadFields(name="Valued", estimated_value=Decimal("1000")),
            temperature=Temperature.WARM,
            at=at(11, 2),
        )
    with set_up_store.session() as session:
        data = to_json(weekly_review(session, "2026-W48", now=NOW))["pipeline"]
    assert data["weighted"] == "200.00" and data["without_value"] == 1
    assert data["low"] == "0.00"
    assert data["high"] == f"{200 + 1.2816 * math.sqrt(1000**2 * 0.2 * 0.8):.2f}"
    assert data["by_temperature"]["hot"] == {
        "open": 1,
        "value": "0.00",
        "win_rate": 0.5,
        "closed": 0,
    }


def test_the_13_weeks_rates_and_the_plan(history: Store) -> None:
    with history.session() as session:
        data = to_json(weekly_review(session, WEEK, now=NOW))["plan"]
    assert data["rates"] == {
        "revenue": "4000.00",  # A and D
        "wins": 2,
        "new_leads": 9,  # A B C D F H I J L
        "marketing_hours": 2.0,  # of the entry crossing the period's start
        "sales_hours": 3.0,
    }
    weekly = 30000 * 12 / 52
    assert data["coverage_weeks"] == round(7964.29 / weekly, 4)
    assert data["hours_needed"] == round(weekly / (4000 / 5), 4)
    # Sales cycle (30 + 9) / 2 days = 2.8 weeks: the pipeline holds 0.41 of one: thin.
    assert data["suggested_marketing_share"] == 0.55  # the target 40 % + 15 points
    assert data["reason"].startswith(
        "Pipeline covers 1.2 weeks of your goal and your sales cycle is 2.8 weeks: feed "
        "marketing — 55% marketing next week (target 40%)"
    )


def test_changing_a_past_months_goal_recomputes_its_review(history: Store) -> None:
    with history.writer() as session:
        before = to_json(weekly_review(session, "2026-W44", now=NOW))["goal"]["amount"]
        goals.set_goal(session, "2026-10", Decimal("20000"))
        session.commit()
    with history.session() as session:
        after = to_json(weekly_review(session, "2026-W44", now=NOW))["goal"]["amount"]
    assert (before, after) == ("25000.00", "20000.00")
