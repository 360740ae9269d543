"""No lost updates: two people saving the same lead — the second save is refused with what
the first changed. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from app.model import first_run
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import touchpoints
from app.model.leads.service import LeadFields
from app.model.store import db
from app.model.store.conflicts import ConflictError
from app.model.store.db import Store
from app.model.store.entities import Lead
from tests.pg_server import Server

AT = datetime(2026, 11, 16, 9, tzinfo=UTC)


@pytest.fixture
def lead_id(set_up_store: Store) -> int:
    with set_up_store.writer() as session:
        return lead_create.create(
            session, LeadFields(name="Anna Baker", company="North Bakery"), at=AT
        ).id


def test_the_second_save_is_refused_with_the_first_ones_change(
    set_up_store: Store, lead_id: int
) -> None:
    with set_up_store.session() as session:
        mine = leads.info(leads.get(session, lead_id))  # I open the lead
    with set_up_store.writer() as session:  # my partner saves first
        theirs = dataclasses.replace(mine.fields, company="South Bakery")
        leads.update(session, lead_id, theirs, base=mine.fields)
    my_edit = dataclasses.replace(mine.fields, phone="+44 20 7946 0000")
    with set_up_store.writer() as session, pytest.raises(ConflictError) as refused:
        leads.update(session, lead_id, my_edit, base=mine.fields)
    assert "Someone else changed Anna Baker while you were editing it" in str(refused.value)
    assert "company: “North Bakery” → “South Bakery”" in str(refused.value)
    with set_up_store.session() as session:
        stored = leads.info(leads.get(session, lead_id))
    assert (stored.fields.company, stored.fields.phone) == ("South Bakery", "")


def test_a_contact_logged_meanwhile_does_not_block_an_edit(
    set_up_store: Store, lead_id: int
) -> None:
    with set_up_store.session() as session:
        mine = leads.info(leads.get(session, lead_id))
    with set_up_store.writer() as session:
        touchpoints.log_touchpoint(session, lead_id, "call", at=AT)
    with set_up_store.writer() as session:
        saved = leads.update(
            session, lead_id, dataclasses.replace(mine.fields, company="Anna's"), base=mine.fields
        )
    assert saved.fields.company == "Anna's"
    assert saved.version > mine.version  # every change counts


@pytest.fixture
def pg_store(pg_server: Server) -> Iterator[Store]:
    url = pg_server.fresh_database()
    opened = db.open_store(db.Location(url=url, path=None))
    with opened.writer() as session:
        first_run.complete(session, first_run.FirstRunAnswers("Shop", ("Ann", "Bo")))
    yield opened
    opened.close()
    pg_server.drop(url)


@pytest.mark.postgresql
def test_two_saves_in_the_same_instant_on_postgresql_one_is_refused(pg_store: Store) -> None:
    """Both read the lead, both write: the row's version makes the second write miss."""
    with pg_store.writer() as session:
        lead_id = lead_create.create(session, LeadFields(name="Anna Baker"), at=AT).id
    first, second = pg_store.session(), pg_store.session()
    try:
        first.get(Lead, lead_id).company = "First"  # type: ignore[union-attr]
        second.get(Lead, lead_id).company = "Second"  # type: ignore[union-attr]
        leads.commit(first)
        with pytest.raises(ConflictError, match="Someone else saved this lead at the same moment"):
            leads.commit(second)
    finally:
        first.close()
        second.close()
    with pg_store.session() as session:
        assert leads.get(session, lead_id).company == "First"


def test_a_campaign_and_a_time_entry_are_guarded_the_same_way(set_up_store: Store) -> None:
    from datetime import timedelta

    from app.model import people
    from app.model.campaigns import service as campaigns
    from app.model.enums import Side
    from app.model.time import entries as time_entries

    with set_up_store.writer() as session:
        campaign_id = campaigns.create(session, campaigns.CampaignFields(name="Newsletter"))
    with set_up_store.session() as session:
        mine = campaigns.fields_of(session, campaign_id)
    with set_up_store.writer() as session:
        campaigns.update(session, campaign_id, dataclasses.replace(mine, channel="social"))
    with set_up_store.writer() as session, pytest.raises(ConflictError, match="channel"):
        campaigns.update(session, campaign_id, dataclasses.replace(mine, notes="x"), base=mine)

    with set_up_store.session() as session:
        ann = people.list_people(session)[0].id
    fields = time_entries.EntryFields(ann, Side.SALES, AT, AT + timedelta(hours=1))
    with set_up_store.writer() as session:
        entry = time_entries.add_entry(session, fields)
    with set_up_store.writer() as session:
        time_entries.update_entry(session, entry.id, fields._replace(note="theirs"))
    with set_up_store.writer() as session, pytest.raises(ConflictError, match="note"):
        time_entries.update_entry(
            session, entry.id, fields._replace(side=Side.MARKETING), base=fields
        )
