"""Export every kind, import the files into an empty database, export again: the files are
the same byte for byte and every weekly review of the copy is the review of the original.

The original is a demo history plus what the app's own actions write that the demo does not:
a board move (a temperature change without a contact), a lead reopened and won again, a
repeat deal, a loss with a note, a phone number and a channel written in capitals.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.campaigns import service as campaigns
from app.model.demo import business as demo
from app.model.enums import LostReason, Temperature
from app.model.io import campaigns as campaign_import
from app.model.io import deals as deal_import
from app.model.io import leads as lead_import
from app.model.io import moves as move_import
from app.model.io import time as time_import
from app.model.io import touchpoints as touchpoint_import
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.review.build import weekly_review
from app.model.store import db
from app.model.store import settings as settings_service
from app.model.store.db import Store
from app.model.store.entities import Lead, Person
from app.model.weeks import week_name
from app.report.review_json import to_json
from tests import pg_server as pg_server_module

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # Friday of 2026-W47
WEEKS = 6

# The files of a full restore, in the order they are imported (README, "Moving your data").
Exporter = Callable[[Session, Path], int]
EXPORTS: dict[str, Exporter] = {
    "campaigns": campaign_import.export_campaigns,
    "leads": lambda session, path: lead_import.export_leads(session, path, include_archived=True),
    "moves": move_import.export_moves,
    "deals": deal_import.export_deals,
    "touchpoints": touchpoint_import.export_touchpoints,
    "time": time_import.export_time,
}


def _import_all(session: Session, folder: Path) -> None:
    campaign_import.import_campaigns(session, folder / "campaigns.csv")
    lead_import.import_leads(session, folder / "leads.csv", now=NOW)
    move_import.import_moves(session, folder / "moves.csv", now=NOW)
    deal_import.import_deals(session, folder / "deals.csv", now=NOW)
    touchpoint_import.import_touchpoints(session, folder / "touchpoints.csv", now=NOW)
    time_import.import_time(session, folder / "time.csv", now=NOW)


def _export_all(store: Store, folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    with store.session() as session:
        for kind, export in EXPORTS.items():
            export(session, folder / f"{kind}.csv")
    return {kind: (folder / f"{kind}.csv").read_bytes() for kind in EXPORTS}


@pytest.fixture
def empty_store(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    """A second, empty database on the same backend as `store`."""
    if backend == "sqlite":
        opened = db.open_store(db.sqlite_location(tmp_path / "copy.db"))
        yield opened
        opened.close()
        return
    server: pg_server_module.Server = request.getfixturevalue("pg_server")
    url = server.fresh_database()
    opened = db.open_store(db.Location(url=url, path=None))
    yield opened
    opened.close()
    server.drop(url)


def _what_the_app_adds(session: Session) -> None:
    """Changes made the way the window makes them, at moments inside the demo's weeks."""
    maya = session.scalar(select(Person.id).where(Person.name == "Maya Lindqvist"))
    rows = session.scalars(
        select(Lead).where(Lead.created_at < NOW - timedelta(days=14)).order_by(Lead.id)
    ).all()
    open_ones = [lead for lead in rows if lead.status == "open"]
    won = [
        lead
        for lead in rows
        if lead.status == "won" and lead.closed_at and lead.closed_at < NOW - timedelta(days=10)
    ]
    board, lost, phoned, reopened = open_ones[0], open_ones[1], open_ones[2], won[0]
    # a board move: no touchpoint, just the drag from one column to another
    to = Temperature.HOT if board.temperature != "hot" else Temperature.WARM
    moved_at = board.created_at + timedelta(days=2)
    leads.set_temperature(session, board.id, to, at=moved_at, person_id=maya)
    # repeat business, then the customer reopened (a slip) and won again
    won_at = reopened.closed_at
    assert won_at is not None
    lead_status.add_deal(
        session,
        reopened.id,
        Decimal("1500.00"),
        at=won_at + timedelta(days=3),
        person_id=maya,
        note="repeat order",
    )
    lead_status.reopen(session, reopened.id, at=won_at + timedelta(days=5))
    lead_status.mark_won(session, reopened.id, Decimal("99.95"), at=won_at + timedelta(days=6))
    lead_status.mark_lost(
        session,
        lost.id,
        LostReason.COMPETITOR,
        at=NOW - timedelta(days=2),
        person_id=maya,
        note="went with their cousin",
    )
    campaigns.create(
        session,
        campaigns.CampaignFields(
            "Blog & SEO", "website/SEO", NOW.date() - timedelta(days=20), None, Decimal("350.5")
        ),
    )
    fields = dataclasses.replace(leads.info(phoned).fields, phone="+33 6 12 34 56 78")
    leads.update(session, phoned.id, fields)


def _reviews(store: Store) -> dict[tuple[str, str | None], object]:
    # the demo's first campaign starts two weeks before its first week
    this_monday = NOW.date() - timedelta(days=NOW.weekday())
    weeks = [week_name(this_monday - timedelta(weeks=n)) for n in range(WEEKS + 2)]
    found: dict[tuple[str, str | None], object] = {}
    with store.session() as session:
        people = [None, *session.scalars(select(Person.name).order_by(Person.name))]
        for week in weeks:
            for person in people:
                found[week, person] = to_json(weekly_review(session, week, person, now=NOW))
    return found


def test_a_full_export_imports_into_an_empty_database_as_it_was(
    store: Store, empty_store: Store, tmp_path: Path
) -> None:
    with store.writer() as session:
        demo.fill(session, seed=4, leads=60, weeks=WEEKS, time_entries=120, now=NOW)
    with store.writer() as session:
        _what_the_app_adds(session)
    first = _export_all(store, tmp_path / "first")
    assert b",website/SEO," in first["campaigns"]  # a channel with capitals is in the test
    assert first["deals"].count(b"\n") > first["leads"].count(b",won,") + 1  # repeat deals
    with store.session() as source, empty_store.writer() as copy:
        settings_service.save(copy, settings_service.load(source))
        _import_all(copy, tmp_path / "first")
    second = _export_all(empty_store, tmp_path / "second")
    for kind in EXPORTS:
        assert second[kind] == first[kind], kind
    original, copied = _reviews(store), _reviews(empty_store)
    assert len(original) == (WEEKS + 2) * 3  # each week, for everyone and for each person
    for key, review in original.items():
        assert copied[key] == review, key
