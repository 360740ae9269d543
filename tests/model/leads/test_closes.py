"""What each close held (app.model.leads.closes): after every way a lead's history changes,
each won or lost row keeps exactly the temperatures the lead had before it — worked out here
again from the history rows, by PRODUCT.md's rule, and compared."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.model.enums import LostReason, Status, Temperature
from app.model.io.moves import import_moves
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.leads.closes import BIT, refresh_held
from app.model.leads.create import NewLead
from app.model.leads.service import LeadFields
from app.model.store import db
from app.model.store.db import Store
from app.model.store.entities import StatusChange, TemperatureChange

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def at(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def stored(store: Store) -> dict[int, int | None]:
    """Each status row's `held`, by id."""
    with store.session() as session:
        return {i: bits for i, bits in session.execute(select(StatusChange.id, StatusChange.held))}


def expected(store: Store) -> dict[int, int | None]:
    """The rule, from the history rows: a close held each temperature its lead had at a moment
    before it (its creation's always); a reopening holds nothing (NULL)."""
    with store.session() as session:
        history = session.execute(
            select(
                TemperatureChange.lead_id,
                TemperatureChange.at,
                TemperatureChange.from_temperature,
                TemperatureChange.to_temperature,
            )
        ).all()
        closes = session.execute(
            select(StatusChange.id, StatusChange.lead_id, StatusChange.at, StatusChange.to_status)
        ).all()
    found: dict[int, int | None] = {}
    for change_id, lead_id, moment, to in closes:
        if to == Status.OPEN.value:
            found[change_id] = None
            continue
        had = {
            t
            for lead, when, before, t in history
            if lead == lead_id and (when < moment or before is None)
        }
        found[change_id] = sum(BIT[t] for t in had) if had else None
    return found


def new_lead(session: object, name: str, when: datetime, temperature: Temperature) -> int:
    fields = LeadFields(name=name, email=f"{name.lower()}@example.com")
    return lead_create.create(session, fields, temperature=temperature, at=when).id  # type: ignore[arg-type]


def test_each_close_keeps_what_its_lead_had_before_it_through_every_change(
    set_up_store: Store, tmp_path: Path
) -> None:
    with set_up_store.writer() as session:
        # Warmed, then lost: cold and warm.
        a = new_lead(session, "Ann", at(9, 1), Temperature.COLD)
        leads.set_temperature(session, a, Temperature.WARM, at=at(9, 5))
        lead_status.mark_lost(session, a, LostReason.NO_BUDGET, at=at(9, 10))
        # Won, then a contact before the win is recorded late (made hot on 3 Oct): the win
        # held hot too.
        b = new_lead(session, "Bo", at(9, 1), Temperature.COLD)
        lead_status.mark_won(session, b, Decimal("100"), at=at(10, 5))
        leads.set_temperature(session, b, Temperature.HOT, at=at(10, 3))
        # Lost, made hot after the loss (no: the loss held cold only), reopened, lost again
        # (held cold and hot).
        c = new_lead(session, "Cy", at(9, 1), Temperature.COLD)
        lead_status.mark_lost(session, c, LostReason.NO_RESPONSE, at=at(9, 20))
        lead_status.reopen(session, c, at=at(10, 1))
        leads.set_temperature(session, c, Temperature.HOT, at=at(10, 2))
        lead_status.mark_lost(session, c, LostReason.NO_RESPONSE, at=at(10, 9))
        # Warmed before its win, and the warming taken back afterwards: the win held cold.
        d = new_lead(session, "Di", at(9, 1), Temperature.COLD)
        leads.set_temperature(session, d, Temperature.WARM, at=at(9, 3))
        lead_status.mark_won(session, d, Decimal("50"), at=at(9, 6))
        (warming,) = session.scalars(
            select(TemperatureChange.id).where(
                TemperatureChange.lead_id == d, TemperatureChange.to_temperature == "warm"
            )
        )
        leads.undo_temperature_change(session, warming)
        # Arriving closed (an import): created warm and won at once.
        lead_create.create_many(
            session,
            [
                NewLead(
                    LeadFields(name="Ed", email="ed@example.com"),
                    Temperature.WARM,
                    at(8, 1),
                    status=Status.WON,
                    closed_at=at(8, 1),
                    deal_value=Decimal("10"),
                ),
                NewLead(
                    LeadFields(name="Flo", email="flo@example.com"),
                    Temperature.HOT,
                    at(8, 1),
                    status=Status.LOST,
                    closed_at=at(8, 20),
                ),
            ],
        )
        session.commit()
    # An imported history: Ann was hot before her loss after all; Flo cooled on 10 August
    # (her loss of the 20th held cold too) and an earlier loss on the 9th (hot only) is added.
    moves = tmp_path / "moves.csv"
    moves.write_text(
        "lead,change,at,from,to,person,reason\n"
        "ann@example.com,temperature,2026-09-07 12:00,warm,hot,,\n"
        "flo@example.com,temperature,2026-08-10 12:00,hot,cold,,\n"
        "flo@example.com,status,2026-08-09 12:00,open,lost,,\n",
        encoding="utf-8",
    )
    with set_up_store.writer() as session:
        import_moves(session, moves, now=NOW)
        session.commit()

    found = stored(set_up_store)
    assert found == expected(set_up_store)
    # The cases above, said plainly (cold 1, warm 2, hot 4):
    assert sorted(v for v in found.values() if v is not None) == sorted(
        [1 + 2 + 4, 1 + 4, 1, 1 + 4, 1, 2, 4, 4 + 1]
    )


@pytest.mark.sqlite_only  # the demo database is a SQLite file
def test_the_demo_made_at_once_agrees_with_the_rule(tmp_path: Path) -> None:
    """The demo's way (every lead's closes worked out at once, `refresh_held(None)`) on years
    of made-up history, reopenings included."""
    from tests.model.safety.helpers import full_database

    store = db.open_store(db.sqlite_location(full_database(tmp_path / "full.db")))
    try:
        found = stored(store)
        assert sum(1 for v in found.values() if v is not None) > 50
        assert found == expected(store)
        with store.writer() as session:
            refresh_held(session, None)  # again: nothing changes
            session.commit()
        assert stored(store) == found
    finally:
        store.close()


def test_a_close_made_while_someone_backdates_a_temperature_holds_that_temperature(
    store: Store,
) -> None:
    """Two people on one lead at once (on a server neither sees the other's rows before they
    commit): one backdates a cooling to before the close the other is making. The close
    waits for the first to commit, then holds cold too; without the wait the close kept
    warm and hot only (6), and the cooling's upkeep did not see the close yet."""
    with store.writer() as session:
        ann = new_lead(session, "Ann", at(9, 1), Temperature.HOT)
        leads.set_temperature(session, ann, Temperature.WARM, at=at(9, 10))
    backdating = store.writer()
    leads.stage_temperature(backdating, leads.get(backdating, ann), Temperature.COLD, at=at(9, 5))
    closed = threading.Event()
    errors: list[BaseException] = []

    def close() -> None:
        try:
            with store.writer() as session:
                lead_status.mark_lost(session, ann, LostReason.NO_BUDGET, at=at(10, 1))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        closed.set()

    closing = threading.Thread(target=close)
    closing.start()
    assert not closed.wait(0.5), "the close should wait for the backdating to be committed"
    backdating.commit()
    backdating.close()
    closing.join(10)
    assert errors == []
    assert stored(store) == expected(store) == {1: BIT["cold"] + BIT["warm"] + BIT["hot"]}
