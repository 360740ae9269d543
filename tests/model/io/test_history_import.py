"""A lead's moves (temperature and status changes) and its deals, from and to CSV: the rules
every importer follows (all or nothing, FILE:LINE: reason) and what a merge keeps."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.model.enums import LostReason, Temperature
from app.model.io.csv_reader import ImportRejectedError
from app.model.io.deals import export_deals, import_deals
from app.model.io.moves import export_moves, import_moves
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.leads.service import LeadFields
from app.model.store.db import Store
from app.model.store.entities import Deal, Lead, StatusChange, TemperatureChange

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
CREATED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # 10:00 in Berlin


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def count(store: Store, model: type) -> int:  # type: ignore[type-arg]
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def ann(store: Store) -> Lead:
    with store.session() as session:
        return session.scalars(select(Lead).where(Lead.email == "ann@example.com")).one()


@pytest.fixture
def two_leads(set_up_store: Store) -> Store:
    """Ann (cold, open, an email) and Bo (warm, won for 500 on 10 November, no email)."""
    with set_up_store.writer() as session:
        lead_create.create(session, LeadFields(name="Ann", email="ann@example.com"), at=CREATED)
        bo = lead_create.create(
            session, LeadFields(name="Bo"), temperature=Temperature.WARM, at=CREATED
        )
        lead_status.mark_won(
            session, bo.id, Decimal("500"), at=datetime(2026, 11, 10, 15, tzinfo=UTC)
        )
    return set_up_store


def test_bad_moves_are_reported_by_line_and_nothing_is_imported(
    two_leads: Store, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "moves.csv",
        "lead,change,at,from,to,person,reason\n"
        "ann@example.com,temperature,2026-11-05 10:00,cold,warm,Ann,after a call\n"
        "nobody@example.com,temperature,2026-11-05 10:00,cold,warm,,\n"
        "ann@example.com,mood,2026-11-05 10:00,,happy,,\n"
        "ann@example.com,temperature,2026-11-05 11:00,cold,boiling,,\n"
        "ann@example.com,status,2026-12-24 10:00,open,won,,\n"
        "ann@example.com,status,2026-11-01 10:00,open,lost,,\n"
        "ann@example.com,temperature,2026-11-03 10:00,,hot,,\n"
        "ann@example.com,temperature,2026-11-05 10:00,warm,warm,,twice\n"
        "Bo,status,,open,lost,,\n",
    )
    before = count(two_leads, TemperatureChange), count(two_leads, StatusChange)
    with two_leads.writer() as session, pytest.raises(ImportRejectedError) as refused:
        import_moves(session, path, now=NOW)
    assert [p.format(path) for p in refused.value.problems] == [
        f"{path}:3: there is no lead with the email or name 'nobody@example.com'",
        f"{path}:4: change 'mood' is not one of: temperature, status",
        f"{path}:5: to 'boiling' is not one of: cold, warm, hot",
        f"{path}:6: the time is in the future",
        f"{path}:7: it is before Ann was created (Monday 02 November 2026, 10:00)",
        f"{path}:8: an empty 'from' is the temperature the lead was created with, so the "
        "time must be its creation, 2026-11-02T10:00:00+01:00",
        f"{path}:9: the same change is also on line 2",
        f"{path}:10: the time is empty",
    ]
    assert (count(two_leads, TemperatureChange), count(two_leads, StatusChange)) == before
    assert ann(two_leads).temperature == "cold"


def test_moves_merge_with_the_history_and_the_lead_follows_it(
    two_leads: Store, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "moves.csv",
        "lead;change;at;from;to;person;reason\n"
        "ann@example.com;temperature;2026-11-02 10:00;;warm;Maya;created\n"
        "ann@example.com;temperature;2026-11-06 10:00;warm;hot;Maya;board\n"
        "ann@example.com;status;2026-11-12 10:00;open;lost;Maya;chose a competitor\n"
        "Bo;status;2026-11-10 16:00;open;won;Maya;signed\n",
    )
    with two_leads.writer() as session:
        report = import_moves(session, path, now=NOW)
    # Ann's creation temperature and Bo's win were there: they take the file's details
    assert (report.created, report.updated) == (2, 2)
    lead = ann(two_leads)
    assert (lead.temperature, lead.status) == ("hot", "lost")
    assert lead.lost_reason == "chose a competitor"
    assert lead.closed_at == datetime(2026, 11, 12, 9, tzinfo=UTC)
    assert lead.warm_at == CREATED and lead.hot_at == datetime(2026, 11, 6, 9, tzinfo=UTC)
    with two_leads.session() as session:
        assert leads.temperature_at(session, lead.id, datetime(2026, 11, 3, tzinfo=UTC)) == (
            Temperature.WARM
        )
        bo_won = session.scalars(select(StatusChange).where(StatusChange.to_status == "won")).one()
    assert (bo_won.reason, bo_won.person_id is not None) == ("signed", True)
    with two_leads.writer() as session:
        again = import_moves(session, path, now=NOW)
    assert (again.created, again.updated) == (0, 4)  # importing twice adds nothing
    exported = tmp_path / "out.csv"
    with two_leads.session() as session:
        assert export_moves(session, exported) == 5
    assert exported.read_text(encoding="utf-8").splitlines()[1:] == [
        "ann@example.com,temperature,2026-11-02T10:00:00+01:00,,warm,Maya,created",
        "Bo,temperature,2026-11-02T10:00:00+01:00,,warm,,created",
        "ann@example.com,temperature,2026-11-06T10:00:00+01:00,warm,hot,Maya,board",
        "Bo,status,2026-11-10T16:00:00+01:00,open,won,Maya,signed",
        "ann@example.com,status,2026-11-12T10:00:00+01:00,open,lost,Maya,chose a competitor",
    ]


def test_a_move_to_lost_without_a_reason_on_the_lead_takes_the_moves(
    two_leads: Store, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "moves.csv",
        "lead,change,at,from,to,person,reason\n"
        "ann@example.com,status,2026-11-12 10:00,open,lost,,no budget\n",
    )
    with two_leads.writer() as session:
        import_moves(session, path, now=NOW)
    assert (ann(two_leads).status, ann(two_leads).lost_reason) == ("lost", "no budget")


def test_bad_deals_are_reported_by_line_and_nothing_is_imported(
    two_leads: Store, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "deals.csv",
        "lead,at,value,person,note\n"
        "Bo,2026-11-15 10:00,120.50,Maya,repeat order\n"
        "ann@example.com,2026-11-15 10:00,100,,\n"
        "Bo,2026-11-09 10:00,100,,\n"
        "Bo,2026-11-16 10:00,-5,,\n"
        "Bo,2026-11-17 10:00,,,\n"
        "Bo,2026-11-15 10:00,99,,\n"
        "nobody,2026-11-15 10:00,1,,\n"
        "Bo,2026-11-18 10:00,100000000000000,,\n",
    )
    with two_leads.writer() as session, pytest.raises(ImportRejectedError) as refused:
        import_deals(session, path, now=NOW)
    assert [p.format(path) for p in refused.value.problems] == [
        f"{path}:3: Ann was not won by Sunday 15 November 2026, 10:00; import the leads' "
        "moves first (or mark the lead won)",
        f"{path}:4: Bo was not won by Monday 09 November 2026, 10:00; import the leads' "
        "moves first (or mark the lead won)",
        f"{path}:5: the value cannot be negative",
        f"{path}:6: the value is empty",
        f"{path}:7: Bo has a deal at that time on line 2",
        f"{path}:8: there is no lead with the email or name 'nobody'",
        f"{path}:9: '100000000000000' is too large an amount (at most 99,999,999,999,999)",
    ]
    assert count(two_leads, Deal) == 1


def test_deals_merge_and_export_in_time_order(two_leads: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "deals.csv",
        "lead,at,value,person,note\n"
        "Bo,2026-11-10 16:00,480,Maya,first order\n"
        "Bo,2026-11-15 10:00,120.50,Maya,repeat order\n",
    )
    with two_leads.writer() as session:
        report = import_deals(session, path, now=NOW)
    assert (report.created, report.updated, report.new_people) == (1, 1, ["Maya"])
    with two_leads.writer() as session:
        assert import_deals(session, path, now=NOW).created == 0
    exported = tmp_path / "out.csv"
    with two_leads.session() as session:
        assert export_deals(session, exported) == 2
        total = session.scalar(select(func.sum(Deal.value)))
    assert total == Decimal("600.50")
    assert exported.read_text(encoding="utf-8").splitlines() == [
        "lead,at,value,person,note",
        "Bo,2026-11-10T16:00:00+01:00,480,Maya,first order",
        "Bo,2026-11-15T10:00:00+01:00,120.5,Maya,repeat order",
    ]


def test_a_reopened_customer_keeps_its_deals_through_a_round_trip(
    two_leads: Store, tmp_path: Path
) -> None:
    with two_leads.writer() as session:
        bo = session.scalar(select(Lead.id).where(Lead.name == "Bo"))
        assert bo is not None
        lead_status.reopen(session, bo, at=datetime(2026, 11, 11, tzinfo=UTC))
        lead_status.mark_lost(
            session, bo, LostReason.NO_BUDGET, at=datetime(2026, 11, 12, tzinfo=UTC)
        )
    moves, deals = tmp_path / "moves.csv", tmp_path / "deals.csv"
    with two_leads.session() as session:
        export_moves(session, moves)
        export_deals(session, deals)
    with two_leads.writer() as session:
        assert import_moves(session, moves, now=NOW).created == 0
        assert import_deals(session, deals, now=NOW).created == 0
    with two_leads.session() as session:
        lead = session.scalars(select(Lead).where(Lead.name == "Bo")).one()
    assert (lead.status, lead.lost_reason) == ("lost", "no budget")
