"""The review's leads part read through sqlite3 alone (the quick road the Dashboard takes
before SQLAlchemy is imported, #19) is what the session reads: the same function, the same
answer, for everyone and for each owner, after the week and while it runs.

Week 2026-W43 in Europe/Berlin: Mon 19 Oct to Mon 26 Oct.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from app.model import people
from app.model.campaigns import service as campaigns
from app.model.campaigns.service import CampaignFields
from app.model.enums import LostReason, Temperature
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.leads import touchpoints
from app.model.leads.service import LeadFields
from app.model.review.leads import OpenLeads, lead_lines, leads_section, open_at
from app.model.review.types import LeadLine, LeadsSection
from app.model.store.db import Store
from app.model.store.reading import Reader
from app.model.weeks import parse_week, week_bounds

BERLIN = ZoneInfo("Europe/Berlin")
WEEK = "2026-W43"
AFTER = datetime(2026, 10, 29, 12, 0, tzinfo=BERLIN)  # the Thursday after the week
DURING = datetime(2026, 10, 23, 12, 0, tzinfo=BERLIN)  # the week's Friday, noon


def at(day: int, hour: int = 12, month: int = 10) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=BERLIN)


@pytest.fixture
def owners(set_up_store: Store) -> dict[str, int]:
    """Leads of two owners (and none) in every state the leads part tells apart."""
    with set_up_store.writer() as session:
        ann = people.list_people(session)[0].id
        bea = people.add_person(session, "Bea").id
        fair = campaigns.create(
            session,
            CampaignFields("Fair", start_date=date(2026, 10, 1), end_date=date(2026, 10, 30)),
        )

        def lead(
            name: str,
            when: datetime,
            owner: int | None = None,
            temperature: Temperature = Temperature.COLD,
            **fields: Any,
        ) -> int:
            made = LeadFields(name=name, owner_id=owner, **fields)
            return lead_create.create(session, made, temperature=temperature, at=when).id

        warm = lead(
            "Warm",
            at(5),
            ann,
            estimated_value=Decimal("500.25"),
            next_action="call",
            next_action_due=date(2026, 10, 28),
        )
        touchpoints.log_touchpoint(session, warm, "call", at=at(15))
        leads.set_temperature(session, warm, Temperature.WARM, at=at(10))
        # Hot since the first, touched on the 2nd and again after the week, lost after it.
        hot = lead("Hot then lost", at(1), bea, temperature=Temperature.HOT)
        touchpoints.log_touchpoint(session, hot, "call", at=at(2))
        touchpoints.log_touchpoint(session, hot, "call", at=at(26, 10))
        lead_status.mark_lost(session, hot, LostReason.NO_RESPONSE, at=at(27))
        won = lead("Won in the week", at(20), ann, source_id=fair)
        leads.set_temperature(session, won, Temperature.HOT, at=at(21))
        lead_status.mark_won(session, won, Decimal("900"), at=at(22))
        lost = lead("Lost in the week", at(21), bea)
        lead_status.mark_lost(session, lost, LostReason.NO_BUDGET, at=at(23, 9))
        cooled = lead("Cooled", at(2), estimated_value=Decimal("40"))
        leads.set_temperature(session, cooled, Temperature.WARM, at=at(3))
        leads.set_temperature(session, cooled, Temperature.COLD, at=at(21))
        leads.set_temperature(session, cooled, Temperature.WARM, at=at(28))
        lead("Late", at(28), ann, temperature=Temperature.HOT)
        lead("Overdue", at(3), bea, next_action="write", next_action_due=date(2026, 10, 20))
        archived = lead("Archived", at(3), next_action="x", next_action_due=date(2026, 10, 22))
        leads.set_archived(session, archived)
        before = lead("Won before", at(6), ann)
        lead_status.mark_won(session, before, Decimal("100"), at=at(14))
        lead("Stale", at(1, 9, month=9), bea, temperature=Temperature.WARM)
        session.commit()
    return {"ann": ann, "bea": bea}


def _read(
    db: Session | Reader, now: datetime, owner_id: int | None
) -> tuple[OpenLeads, list[LeadLine], LeadsSection]:
    start, end = week_bounds(WEEK)
    moment = min(now, end)
    monday = parse_week(WEEK)
    found = open_at(db, moment, owner_id)
    lines = lead_lines(db, found.lines, moment)
    section = leads_section(
        db,
        start=start,
        end=end,
        now=now,
        next_week=(monday + timedelta(days=7), monday + timedelta(days=13)),
        stale_days=14,
        owner_id=owner_id,
    )
    return found, lines, section


@pytest.mark.parametrize("now", [AFTER, DURING], ids=["after", "during"])
@pytest.mark.parametrize("owner", [None, "ann", "bea"])
def test_sqlite3_alone_reads_what_the_session_reads(
    set_up_store: Store,
    db_path: Path,
    owners: dict[str, int],
    now: datetime,
    owner: str | None,
) -> None:
    owner_id = owners[owner] if owner else None
    with set_up_store.session() as session:
        by_session = _read(session, now, owner_id)
    with sqlite3.connect(db_path) as connection:
        assert _read(Reader.of_sqlite(connection), now, owner_id) == by_session


def test_what_the_quick_road_reads(
    set_up_store: Store, db_path: Path, owners: dict[str, int]
) -> None:
    """Not two empty answers alike: the states above, as the sqlite3 road reads them."""
    with sqlite3.connect(db_path) as connection:
        found, lines, section = _read(Reader.of_sqlite(connection), AFTER, None)
    names = {ln.name: ln for ln in lines}
    assert sorted(names) == ["Hot then lost", "Stale", "Warm"]
    # Lost after the week: open at its end, hot, last touched on the 2nd (not the 26th).
    assert names["Hot then lost"].last_contact == at(2)
    assert names["Warm"].due == date(2026, 10, 28)
    assert sorted(found.values.values()) == [Decimal("40"), Decimal("500.25")]
    assert dict(section.by_temperature) == {"cold": 3, "warm": 2, "hot": 1}
    assert (section.new, section.new_by_source) == (2, (("Fair", 1), ("no source", 1)))
    assert (section.warmed, section.heated, section.cooled) == (0, 1, 1)
    assert (section.won, section.revenue, section.lost_reasons) == (
        1,
        Decimal("900"),
        (("no budget", 1),),
    )
    assert [d.at for d in section.deals] == [at(22)]
    assert [ln.name for ln in section.hot] == ["Hot then lost"]
    assert sorted(ln.name for ln in section.stale) == ["Hot then lost", "Stale"]
    assert [ln.name for ln in section.follow_ups] == ["Warm"]
    assert [ln.name for ln in section.due_now] == ["Overdue"]
