"""Lead services: every temperature change recorded, won and lost, repeat deals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.model.enums import LostReason, Side, Status, Temperature
from app.model.errors import ValidationError
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.leads import touchpoints
from app.model.leads.service import LeadFields
from app.model.store.db import Store
from app.model.store.entities import Deal, StatusChange, TemperatureChange

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _history(store: Store, lead_id: int) -> list[tuple[str | None, str, datetime, str]]:
    with store.session() as session:
        rows = session.scalars(
            select(TemperatureChange)
            .where(TemperatureChange.lead_id == lead_id)
            .order_by(TemperatureChange.at, TemperatureChange.id)
        )
        return [(r.from_temperature, r.to_temperature, r.at, r.reason) for r in rows]


@pytest.fixture
def lead_id(store: Store) -> int:
    with store.writer() as session:
        return lead_create.create(
            session,
            LeadFields(
                name=" Zoë  Ekström ", email="zoe@example.com", tags=("VIP", "vip", " local ")
            ),
            temperature=Temperature.WARM,
            at=T0,
        ).id


def test_a_new_lead_starts_its_history_with_its_temperature(store: Store, lead_id: int) -> None:
    assert _history(store, lead_id) == [(None, "warm", T0, "created")]
    with store.session() as session:
        created = leads.info(leads.get(session, lead_id))
    assert created.fields.name == "Zoë Ekström"
    assert created.fields.tags == ("local", "VIP")
    assert created.status is Status.OPEN


def test_every_temperature_change_is_recorded(store: Store, lead_id: int) -> None:
    with store.writer() as session:
        leads.set_temperature(
            session, lead_id, Temperature.HOT, at=T0 + timedelta(days=1), reason="asked for a quote"
        )
        leads.set_temperature(session, lead_id, Temperature.WARM, at=T0 + timedelta(days=3))
        same = leads.set_temperature(session, lead_id, Temperature.WARM, at=T0 + timedelta(days=4))
    assert same.temperature is Temperature.WARM
    assert _history(store, lead_id) == [
        (None, "warm", T0, "created"),
        ("warm", "hot", T0 + timedelta(days=1), "asked for a quote"),
        ("hot", "warm", T0 + timedelta(days=3), ""),
    ]


def test_a_change_recorded_for_the_past_does_not_override_a_newer_one(
    store: Store, lead_id: int
) -> None:
    with store.writer() as session:
        leads.set_temperature(session, lead_id, Temperature.HOT, at=T0 + timedelta(days=5))
        now = leads.set_temperature(session, lead_id, Temperature.COLD, at=T0 + timedelta(days=2))
        assert now.temperature is Temperature.HOT
        assert leads.temperature_at(session, lead_id, T0 + timedelta(days=3)) is Temperature.COLD
        assert leads.temperature_at(session, lead_id, T0 - timedelta(seconds=1)) is None


def test_undo_takes_the_change_back_with_its_history_row(store: Store, lead_id: int) -> None:
    with store.writer() as session:
        leads.set_temperature(session, lead_id, Temperature.HOT, at=T0 + timedelta(hours=1))
        change_id = session.scalar(select(func.max(TemperatureChange.id)))
        assert change_id is not None
        after = leads.undo_temperature_change(session, change_id)
    assert after.temperature is Temperature.WARM
    assert _history(store, lead_id) == [(None, "warm", T0, "created")]


def test_won_records_the_deal_value_and_date_and_repeat_deals_follow(
    store: Store, lead_id: int
) -> None:
    won_at = T0 + timedelta(days=7)
    with store.writer() as session:
        won = lead_status.mark_won(session, lead_id, Decimal("1200.50"), at=won_at)
        lead_status.add_deal(session, lead_id, Decimal("300"), at=won_at + timedelta(days=30))
        with pytest.raises(ValidationError, match="already a customer"):
            lead_status.mark_won(session, lead_id, Decimal("1"))
        deals = session.execute(select(Deal.value, Deal.won_at).order_by(Deal.won_at)).all()
        statuses = session.execute(
            select(StatusChange.from_status, StatusChange.to_status, StatusChange.at)
        ).all()
    assert (won.status, won.closed_at) == (Status.WON, won_at)
    assert [tuple(d) for d in deals] == [
        (Decimal("1200.5"), won_at),
        (Decimal("300"), won_at + timedelta(days=30)),
    ]
    assert [tuple(s) for s in statuses] == [("open", "won", won_at)]


def test_lost_records_the_reason_and_date(store: Store, lead_id: int) -> None:
    lost_at = T0 + timedelta(days=2)
    with store.writer() as session:
        lost = lead_status.mark_lost(session, lead_id, LostReason.NO_BUDGET, at=lost_at)
        with pytest.raises(ValidationError, match="not a customer"):
            lead_status.add_deal(session, lead_id, Decimal("5"))
        reopened = lead_status.reopen(session, lead_id, at=lost_at + timedelta(days=1))
    assert (lost.status, lost.lost_reason, lost.closed_at) == (
        Status.LOST,
        LostReason.NO_BUDGET,
        lost_at,
    )
    assert (reopened.status, reopened.lost_reason, reopened.closed_at) == (Status.OPEN, None, None)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (LeadFields(name="   "), "needs a name"),
        (LeadFields(name="x" * 501), "at most 500"),
        (LeadFields(name="A", email="not an email"), "not an email address"),
        (LeadFields(name="A", estimated_value=Decimal("-1")), "cannot be negative"),
        # #16 round 2 (12): stored on SQLite, a DataError on PostgreSQL (varchar)
        (LeadFields(name="A", company="c" * 501), "A lead's company can be at most 500 "),
        (LeadFields(name="A", email="a@" + "x" * 319), "A lead's email can be at most 320 "),
        (LeadFields(name="A", phone="1" * 101), "A lead's phone can be at most 100 "),
        (LeadFields(name="A", next_action="n" * 501), "A lead's next action can be at most 500 "),
        (LeadFields(name="A", tags=("t" * 101,)), "A tag can be at most 100 characters; 'tt"),
    ],
)
def test_bad_fields_are_refused_naming_the_field(
    store: Store, fields: LeadFields, message: str
) -> None:
    with store.writer() as session, pytest.raises(ValidationError, match=message):
        lead_create.create(session, fields)


def test_nothing_happens_before_a_lead_exists(store: Store, lead_id: int) -> None:
    with store.writer() as session:
        with pytest.raises(ValidationError, match="before the lead was created"):
            leads.set_temperature(session, lead_id, Temperature.HOT, at=T0 - timedelta(days=1))
        with pytest.raises(ValidationError, match="before the lead was created"):
            touchpoints.log_touchpoint(session, lead_id, "call", at=T0 - timedelta(days=1))


def test_a_touchpoint_can_set_the_temperature_in_the_same_step(store: Store, lead_id: int) -> None:
    at = T0 + timedelta(days=2)
    with store.writer() as session:
        logged = touchpoints.log_touchpoint(
            session, lead_id, "Demo", at=at, note="went well", new_temperature=Temperature.HOT
        )
        lead = leads.info(leads.get(session, lead_id))
    assert logged.side is Side.SALES  # defaulted from the kind
    assert logged.temperature_change_id is not None
    assert lead.temperature is Temperature.HOT
    assert lead.last_contact_at == at
    assert _history(store, lead_id)[-1] == ("warm", "hot", at, "after demo")


def test_the_side_defaults_from_the_kind_and_can_be_overridden(store: Store, lead_id: int) -> None:
    with store.writer() as session:
        ad = touchpoints.log_touchpoint(session, lead_id, "ad", at=T0)
        call = touchpoints.log_touchpoint(session, lead_id, "call", at=T0, side=Side.MARKETING)
    assert (ad.side, call.side) == (Side.MARKETING, Side.MARKETING)
    assert touchpoints.default_side("seminar/event") is Side.MARKETING
    assert touchpoints.default_side("proposal") is Side.SALES


def test_the_timeline_is_newest_first(store: Store, lead_id: int) -> None:
    with store.writer() as session:
        touchpoints.log_touchpoint(
            session, lead_id, "call", at=T0 + timedelta(days=1), new_temperature=Temperature.HOT
        )
        lead_status.mark_won(session, lead_id, Decimal("900"), at=T0 + timedelta(days=2))
        items = touchpoints.timeline(session, lead_id)
    assert [(i.kind, i.title) for i in items] == [
        ("deal", "deal 900.00"),
        ("status", "open → won"),
        ("touchpoint", "call (sales)"),
        ("temperature", "warm → hot"),
        ("temperature", "created warm"),
    ]


def test_suggested_actions_follow_the_temperature(store: Store, lead_id: int) -> None:
    assert "sales letter" in leads.suggested_actions(Temperature.WARM)
    assert "one-to-one call" in leads.suggested_actions(Temperature.HOT)
    due = (T0 + timedelta(days=3)).date()
    with store.writer() as session:
        lead = leads.set_next_action(session, lead_id, "sales letter", due)
    assert (lead.fields.next_action, lead.fields.next_action_due) == ("sales letter", due)


def test_archive_hides_without_deleting(store: Store, lead_id: int) -> None:
    with store.writer() as session:
        archived = leads.set_archived(session, lead_id)
        restored = leads.set_archived(session, lead_id, False)
    assert archived.archived and not restored.archived


def test_a_won_mark_made_by_mistake_is_undone_with_its_deal(store: Store, lead_id: int) -> None:
    with store.writer() as session:
        won, change_id = lead_status.close_won(
            session, lead_id, Decimal("50"), at=T0 + timedelta(days=1)
        )
        assert won.status is Status.WON
        back = lead_status.undo_status_change(session, change_id)
        assert session.scalar(select(func.count()).select_from(Deal)) == 0
        assert session.scalar(select(func.count()).select_from(StatusChange)) == 0
    assert (back.status, back.closed_at, back.lost_reason) == (Status.OPEN, None, None)


def test_a_lost_mark_made_by_mistake_is_undone(store: Store, lead_id: int) -> None:
    with store.writer() as session:
        _lost, change_id = lead_status.close_lost(
            session, lead_id, LostReason.NO_INTEREST, at=T0 + timedelta(days=1)
        )
        back = lead_status.undo_status_change(session, change_id)
    assert (back.status, back.lost_reason) == (Status.OPEN, None)


def test_when_a_lead_first_reached_warm_and_hot_follows_its_history(
    store: Store, lead_id: int
) -> None:
    hot_at = T0 + timedelta(days=2)
    with store.writer() as session:
        leads.set_temperature(session, lead_id, Temperature.COLD, at=T0 + timedelta(days=1))
        leads.set_temperature(session, lead_id, Temperature.HOT, at=hot_at)
        lead = leads.get(session, lead_id)
        assert (lead.warm_at, lead.hot_at) == (T0, hot_at)  # created warm
        change_id = session.scalar(select(func.max(TemperatureChange.id)))
        assert change_id is not None
        leads.undo_temperature_change(session, change_id)
        assert leads.get(session, lead_id).hot_at is None
