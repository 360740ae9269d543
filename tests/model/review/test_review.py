"""The weekly review on a hand-made week whose answers are worked out here.

Week 2026-W43 in Europe/Berlin runs Mon 19 Oct 00:00 CEST to Mon 26 Oct 00:00 CET: 169 real
hours, because the clocks go back in the night to Sunday 25 Oct.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from app.model import people
from app.model.campaigns import service as campaigns
from app.model.campaigns.service import CampaignFields
from app.model.enums import LostReason, Side, Temperature
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.leads import touchpoints
from app.model.leads.service import LeadFields
from app.model.review.build import weekly_review
from app.model.store.db import Store
from app.model.time import entries as time_entries
from app.model.time import targets
from app.model.time.types import EntryFields
from app.report.review_json import to_json

BERLIN = ZoneInfo("Europe/Berlin")
WEEK = "2026-W43"
NOW = datetime(2026, 11, 10, 12, 0, tzinfo=BERLIN)  # well after the week


def at(day: int, hour: int = 12, month: int = 10) -> datetime:
    """A local (Berlin) wall-clock time in 2026."""
    return datetime(2026, month, day, hour, 0, tzinfo=BERLIN)


@pytest.fixture
def week(set_up_store: Store) -> Store:
    with set_up_store.writer() as session:
        ann = people.list_people(session)[0].id
        targets.set_week_target(session, WEEK, 0.4, 40)

        def entry(side: Side, start: datetime, end: datetime, campaign: int | None = None) -> None:
            time_entries.add_entry(
                session, EntryFields(ann, side, start, end, campaign_id=campaign)
            )

        fair = campaigns.create(
            session,
            CampaignFields(
                "Fair",
                "events",
                start_date=date(2026, 10, 1),
                end_date=date(2026, 10, 10),
                cost=Decimal("300"),
            ),
        )
        campaigns.create(
            session,
            CampaignFields(
                "Autumn mailing", start_date=date(2026, 10, 20), end_date=date(2026, 10, 30)
            ),
        )
        campaigns.create(
            session,
            CampaignFields("Spring", start_date=date(2026, 3, 1), end_date=date(2026, 3, 31)),
        )
        # Time: 2 h of the first entry fall in the week; the DST night's entry is 6 real hours;
        # 2 h of the last fall in the week. Marketing 4 h, sales 9 h.
        entry(Side.MARKETING, at(18, 22), at(19, 2))
        entry(Side.SALES, at(21, 9), at(21, 12), fair)
        entry(Side.SALES, at(24, 23), at(25, 4))
        entry(Side.MARKETING, at(25, 22), at(26, 1))

        def lead(name: str, when: datetime, source: int | None = None, **kw: object) -> int:
            return lead_create.create(
                session,
                LeadFields(name=name, source_id=source, **kw),
                at=when,  # type: ignore[arg-type]
            ).id

        # Old: created before, warmed in the week, hot after it; follow-up due next week.
        old = lead("Old", at(5), next_action="call", next_action_due=date(2026, 10, 28))
        leads.set_temperature(session, old, Temperature.WARM, at=at(20))
        leads.set_temperature(session, old, Temperature.HOT, at=at(28))
        # Bo: new from the fair, hot and won for 900 in the week.
        bo = lead("Bo", at(20), fair)
        leads.set_temperature(session, bo, Temperature.HOT, at=at(21))
        lead_status.mark_won(session, bo, Decimal("900"), at=at(22))
        # Cy: new, lost for no budget in the week.
        cy = lead("Cy", at(21))
        lead_status.mark_lost(session, cy, LostReason.NO_BUDGET, at=at(23))
        # Hal: hot since early October, last contacted 1 Oct; lost only after the week.
        hal = lead_create.create(
            session, LeadFields(name="Hal"), temperature=Temperature.HOT, at=at(1, 9)
        ).id
        touchpoints.log_touchpoint(session, hal, "call", at=at(1, 10))
        touchpoints.log_touchpoint(session, hal, "call", at=at(29, 10))  # after the week
        lead_status.mark_lost(session, hal, LostReason.NO_RESPONSE, at=at(30))
        # Dee: new and cold. Eve: warm before, cooled in the week.
        lead("Dee", at(22), next_action="send offer", next_action_due=date(2026, 10, 22))
        eve = lead("Eve", at(2))
        leads.set_temperature(session, eve, Temperature.WARM, at=at(3))
        leads.set_temperature(session, eve, Temperature.COLD, at=at(23))
        # Late: created after the week. Won: won the week before for 100.
        lead("Late", at(27))
        won = lead("Won before", at(6))
        lead_status.mark_won(session, won, Decimal("100"), at=at(14))
    return set_up_store


def test_the_time_part(week: Store) -> None:
    with week.session() as session:
        review = weekly_review(session, WEEK, now=NOW)
    assert (review.start, review.end) == (date(2026, 10, 19), date(2026, 10, 25))
    assert (review.ends_at - review.starts_at) == timedelta(hours=169)
    time = review.time
    assert time.marketing == pytest.approx(4) and time.sales == pytest.approx(9)
    assert (time.target_share, time.target_hours) == (0.4, 40)
    assert time.gap_to_split == pytest.approx(0.4 * 13 - 4)  # 1.2 h to move to marketing
    assert dict(((s, c), h) for s, c, h in time.by_category) == pytest.approx(
        {("sales", "uncategorised"): 9, ("marketing", "uncategorised"): 4}
    )
    assert time.by_person == (("Ann", pytest.approx(4), pytest.approx(9)),)
    days = {day: (m, s) for day, m, s in time.by_day}
    assert days[date(2026, 10, 19)] == pytest.approx((2, 0))
    assert days[date(2026, 10, 24)] == pytest.approx((0, 1))  # 23:00 to midnight
    assert days[date(2026, 10, 25)] == pytest.approx((2, 5))  # midnight to 04:00 is 5 h


def test_the_leads_part(week: Store) -> None:
    with week.session() as session:
        leads_part = weekly_review(session, WEEK, now=NOW).leads
    assert leads_part.new == 3  # Bo, Cy, Dee
    assert leads_part.new_by_source == (("no source", 2), ("Fair", 1))
    # open at the week's end: Old warm, Hal hot (lost only later), Dee and Eve cold
    assert dict(leads_part.by_temperature) == {"cold": 2, "warm": 1, "hot": 1}
    assert (leads_part.warmed, leads_part.heated, leads_part.cooled) == (1, 1, 1)
    assert (leads_part.won, leads_part.revenue) == (1, Decimal("900"))
    assert [(d.name, d.value) for d in leads_part.deals] == [("Bo", Decimal("900"))]
    assert leads_part.lost == 1 and leads_part.lost_reasons == (("no budget", 1),)
    assert [ln.name for ln in leads_part.hot] == ["Hal"]
    assert leads_part.hot[0].last_contact == at(1, 10)
    # Old was warmed in the week but never contacted: stale too
    assert [ln.name for ln in leads_part.stale] == ["Old", "Hal"]
    assert [(ln.name, ln.due) for ln in leads_part.follow_ups] == [("Old", date(2026, 10, 28))]
    assert [(ln.name, ln.next_action) for ln in leads_part.due_now] == [("Dee", "send offer")]


def test_the_campaigns_and_the_trend(week: Store) -> None:
    with week.session() as session:
        review = weekly_review(session, WEEK, now=NOW)
    # Fair brought Bo in the week; Autumn mailing runs in it; Spring does not.
    assert [(c.name, c.leads, c.won, c.revenue) for c in review.campaigns] == [
        ("Fair", 1, 1, Decimal("900")),
        ("Autumn mailing", 0, 0, Decimal(0)),
    ]
    fair = review.campaigns[0]
    assert fair.cac == Decimal("300.00") and fair.hours == pytest.approx(3)
    assert [t.week for t in review.trend] == [f"2026-W{n}" for n in range(36, 44)]
    this, before = review.trend[-1], review.trend[-2]
    assert (this.hours, this.new_leads, this.won, this.revenue) == (
        pytest.approx(13),
        3,
        1,
        Decimal("900"),
    )
    assert this.marketing_share == pytest.approx(4 / 13)
    assert (before.new_leads, before.won, before.revenue) == (0, 1, Decimal("100"))
    assert review.trend[-3].new_leads == 2  # Old and Won before, in W41


def test_the_advice_for_the_week(week: Store) -> None:
    with week.session() as session:
        review = weekly_review(session, WEEK, now=NOW)
    assert [a.rule for a in review.advice] == ["stale_hot_leads", "more_marketing"]
    stale, more = review.advice
    assert stale.action == "cool" and len(stale.lead_ids) == 1 and "Hal" in stale.text
    assert "1.2 h more on marketing" in more.text and "Fair brought customers cheapest" in more.text


def test_the_json_has_the_documented_keys(week: Store) -> None:
    with week.session() as session:
        data = to_json(weekly_review(session, WEEK, now=NOW))
    assert data["week"] == WEEK
    assert data["period"] == {"start": "2026-10-19", "end": "2026-10-25"}
    assert data["hours"] == {"marketing": 4.0, "sales": 9.0}
    assert data["target"] == {"marketing_share": 0.4, "hours": 40}
    assert {k: data["leads"][k] for k in ("new", "by_temperature", "won", "lost", "revenue")} == {
        "new": 3,
        "by_temperature": {"cold": 2, "warm": 1, "hot": 1},
        "won": 1,
        "lost": 1,
        "revenue": "900.00",
    }
    assert [
        {k: c[k] for k in ("name", "cost", "leads", "won", "revenue")} for c in data["campaigns"]
    ] == [
        {"name": "Fair", "cost": "300.00", "leads": 1, "won": 1, "revenue": "900.00"},
        {"name": "Autumn mailing", "cost": "0.00", "leads": 0, "won": 0, "revenue": "0.00"},
    ]
    assert all(isinstance(a, str) for a in data["advice"]) and len(data["advice"]) == 2


def test_one_person_of_two(week: Store) -> None:
    with week.writer() as session:
        bea = people.add_person(session, "Bea").id
        time_entries.add_entry(session, EntryFields(bea, Side.SALES, at(20, 9), at(20, 10)))
        assert weekly_review(session, WEEK, now=NOW).time.sales == pytest.approx(10)
        mine = weekly_review(session, WEEK, "bea", now=NOW)
    assert mine.person == "Bea" and mine.time.sales == pytest.approx(1)
    assert mine.leads.new == 0  # Bea owns no leads


def test_a_week_with_nothing_in_it(set_up_store: Store) -> None:
    with set_up_store.session() as session:
        review = weekly_review(session, "2026-W02", now=NOW)
    assert review.time.total == 0 and review.leads.new == 0 and review.campaigns == ()
    assert dict(review.leads.by_temperature) == {"cold": 0, "warm": 0, "hot": 0}
    assert review.advice == ()


def test_the_terminal_text_lists_what_to_act_on(week: Store) -> None:
    from app.report.review_text import review_text

    with week.session() as session:
        text = review_text(weekly_review(session, WEEK, now=NOW))
    assert text.startswith("Test Bakery: weekly review 2026-W43 (Mon 19 Oct – Sun 25 Oct 2026)")
    assert "Open leads at the week's end: 2 cold, 1 warm, 1 hot" in text
    assert "Hot leads (1):\n  Hal — last contact 01 Oct 2026" in text
    assert "Stale leads, no contact for 14 days or more (2):\n  Old — never contacted" in text
    assert "Follow-ups due next week (1):\n  Old — call on Wed 28 Oct" in text
    assert "  Fair: cost 300.00, 1 lead, 1 won, revenue 900.00, CAC 300.00" in text


def test_lost_why_counts_the_reason_not_the_note_given_with_it(set_up_store: Store) -> None:
    with set_up_store.writer() as session:
        lead = lead_create.create(session, LeadFields(name="Bo"), at=at(19)).id
        lead_status.mark_lost(
            session, lead, LostReason.COMPETITOR, at=at(20), note="went with a cheaper agency"
        )
        other = lead_create.create(session, LeadFields(name="Cy"), at=at(19)).id
        lead_status.mark_lost(session, other, LostReason.NO_BUDGET, at=at(21))
    with set_up_store.session() as session:
        review = weekly_review(session, WEEK, now=NOW)
    assert review.leads.lost_reasons == (("chose a competitor", 1), ("no budget", 1))
