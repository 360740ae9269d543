"""The review's money reads (win rates, average deal, sales cycle, goals and pacing, campaign
figures) give the same answers through a session and through Python's sqlite3 alone (#19:
the Dashboard's numbers and `hearth-cli status` read without SQLAlchemy)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from app.model import people
from app.model.campaigns import service as campaigns
from app.model.campaigns.figures import figures
from app.model.campaigns.service import CampaignFields
from app.model.enums import LostReason, Side, Temperature
from app.model.goals import service as goals
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.leads.service import LeadFields
from app.model.review import pipeline
from app.model.review.rates import sales_cycle_days
from app.model.store.db import Store
from app.model.store.reading import Reader
from app.model.time import entries as time_entries
from app.model.time.types import EntryFields

# The file itself is read with sqlite3; the session road is also run on PostgreSQL by the
# review's and the campaigns' own tests.
pytestmark = pytest.mark.sqlite_only

BERLIN = ZoneInfo("Europe/Berlin")
T = datetime(2026, 11, 16, tzinfo=BERLIN)  # the end of 2026-W46
START = {"cold": 0.05, "warm": 0.2, "hot": 0.5}


def at(month: int, day: int, hour: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=BERLIN)


@pytest.fixture
def shop(store: Store) -> dict[str, int]:
    """Campaigns (one archived) whose leads warmed, were won (with a repeat deal, and a deal
    of odd cents), lost for reasons, or closed more than a year before T; goals; hours."""
    with store.writer() as session:
        ann = people.add_person(session, "Ann").id
        fair = campaigns.create(session, CampaignFields("Fair", "events", cost=Decimal("300")))
        ads = campaigns.create(session, CampaignFields("Ads", "ads", cost=Decimal("80.55")))
        old = campaigns.create(session, CampaignFields("Old mail", "mail", cost=Decimal("10")))

        def lead(name: str, source: int | None, when: datetime, hot: bool = False) -> int:
            temperature = Temperature.HOT if hot else Temperature.COLD
            fields = LeadFields(name=name, source_id=source)
            return lead_create.create(session, fields, temperature=temperature, at=when).id

        a = lead("A", fair, at(9, 1))
        leads.set_temperature(session, a, Temperature.WARM, at=at(9, 3))
        lead_status.mark_won(session, a, Decimal("1000.10"), at=at(10, 1, 9))
        lead_status.add_deal(session, a, Decimal("250"), at=at(11, 3))
        b = lead("B", fair, at(9, 2))
        lead_status.mark_lost(session, b, LostReason.NO_BUDGET, at=at(10, 5))
        c = lead("C", ads, at(10, 2), hot=True)
        lead_status.mark_won(session, c, Decimal("333.33"), at=at(11, 10, 17))
        d = lead("D", ads, at(10, 3))
        leads.set_temperature(session, d, Temperature.HOT, at=at(10, 4))
        lead_status.mark_lost(session, d, LostReason.NOT_A_FIT, at=at(11, 12))
        lead_status.reopen(session, d, at=at(11, 13))
        e = lead("E", old, at(1, 1, year=2025))
        lead_status.mark_won(session, e, Decimal("500"), at=at(6, 1, year=2025))
        lead("F", None, at(11, 1))
        campaigns.set_archived(session, old)
        time_entries.add_entry(
            session, EntryFields(ann, Side.MARKETING, at(11, 2, 9), at(11, 2, 12), campaign_id=fair)
        )
        goals.set_default(session, Decimal("2000"))
        goals.set_goal(session, "2026-11", Decimal("3000.50"))
        session.commit()
    return {"fair": fair, "ads": ads, "old": old}


@pytest.fixture
def roads(store: Store, db_path: Path, shop: dict[str, int]) -> Iterator[tuple[Session, Reader]]:
    """A session, and a Reader over sqlite3 alone, on the same file."""
    with store.session() as session, sqlite3.connect(db_path) as connection:
        yield session, Reader.of_sqlite(connection)


def test_win_rates_average_deal_and_sales_cycle(roads: tuple[Session, Reader]) -> None:
    for db in roads:
        rates = pipeline.win_rates(db, T, START)
        assert {t: (r.won, r.closed) for t, r in rates.items()} == {
            "cold": (1, 3),
            "warm": (1, 1),
            "hot": (1, 2),
        }
        assert pipeline.average_deal(db, T) == Decimal("1583.43") / 3
        assert pipeline.average_deal(db, at(3, 1, year=2025)) is None
        days = sales_cycle_days(db, at(9, 1), T)
        # A: 30 days less 3 hours; C: 39 days and 5 hours on the clock, 6 in time (the clocks
        # went back on 25 Oct)
        assert days == pytest.approx(((30 - 3 / 24) + (39 + 6 / 24)) / 2)
        assert sales_cycle_days(db, T, T + timedelta(days=7)) is None
    session, reader = roads
    for moment in (T, at(10, 5, 12), at(12, 31)):
        assert pipeline.win_rates(session, moment, START) == pipeline.win_rates(
            reader, moment, START
        )
        assert pipeline.average_deal(session, moment) == pipeline.average_deal(reader, moment)


def test_goals_and_pacing(roads: tuple[Session, Reader]) -> None:
    session, reader = roads
    own = goals.goals(session)
    assert own == goals.goals(reader)
    assert (own.months, own.default) == ({"2026-11": Decimal("3000.5000")}, Decimal("2000"))
    for week, moment in (("2026-W46", T), ("2026-W45", at(11, 9, 0)), ("2026-W41", at(10, 12))):
        paced = goals.pacing(session, own, week, moment)
        assert paced == goals.pacing(reader, goals.goals(reader), week, moment)
    paced = goals.pacing(reader, own, "2026-W46", T)
    assert paced is not None and paced.won == Decimal("583.3300")


def test_campaign_figures(roads: tuple[Session, Reader], shop: dict[str, int]) -> None:
    session, reader = roads
    asked: list[dict[str, object]] = [
        {"end": T, "hourly_rate": Decimal(40)},
        {"end": T, "start": at(10, 1), "include_archived": False},
        {"end": at(10, 31), "campaign_ids": [shop["fair"], shop["old"]]},
        {"end": T, "campaign_ids": []},
    ]
    for kwargs in asked:
        assert figures(session, **kwargs) == figures(reader, **kwargs)
    ads, fair, old = figures(reader, end=T, hourly_rate=Decimal(40))  # by name
    assert (fair.name, fair.won, fair.lost, fair.revenue, fair.hours) == (
        "Fair",
        1,
        1,
        Decimal("1250.1000"),
        3.0,
    )
    assert fair.lost_reasons == {"no budget": 1} and fair.reached_warm == 1
    assert fair.cycle_days == pytest.approx(30 - 0.125)
    assert (ads.name, ads.cost, ads.won, ads.lost, ads.reached_hot) == (
        "Ads",
        Decimal("80.5500"),
        1,
        0,
        2,
    )
    assert old.revenue == Decimal("500.0000")
