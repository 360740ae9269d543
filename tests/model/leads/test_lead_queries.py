"""Search, filters, sorting and paging of the lead list, done in SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from app.model import people
from app.model.enums import LostReason, Status, Temperature
from app.model.leads import create as lead_create
from app.model.leads import queries as q
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.leads import touchpoints
from app.model.leads.service import LeadFields
from app.model.store.db import Store
from app.model.store.entities import Campaign

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
CLOCK = q.Clock(now=NOW, today=date(2026, 11, 20), stale_days=14)


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    """Six leads with known properties."""
    made: dict[str, int] = {}
    with store.writer() as session:
        maya = people.add_person(session, "Maya").id
        fair = Campaign(name="Trade fair", created_at=NOW)
        session.add(fair)
        session.commit()

        def lead(key: str, temperature: Temperature, days_ago: int, **fields: object) -> int:
            made[key] = lead_create.create(
                session,
                LeadFields(name=key, **fields),  # type: ignore[arg-type]
                temperature=temperature,
                at=NOW - timedelta(days=days_ago),
            ).id
            return made[key]

        lead(
            "Anna Baker",
            Temperature.COLD,
            40,
            company="North Bakery",
            email="anna@nb.example",
            owner_id=maya,
            source_id=fair.id,
            estimated_value=Decimal("500"),
        )
        lead(
            "Ben Cole",
            Temperature.WARM,
            30,
            notes="met at the 50% off_sale fair",
            tags=("VIP",),
            next_action="sales letter",
            next_action_due=date(2026, 11, 10),
        )
        lead(
            "Chloé Dubois",
            Temperature.HOT,
            20,
            company="Dubois Law",
            estimated_value=Decimal("9000"),
            next_action="call",
            next_action_due=date(2026, 11, 20),
        )
        touchpoints.log_touchpoint(
            session, made["Chloé Dubois"], "call", at=NOW - timedelta(days=2)
        )
        lead("David Berg", Temperature.HOT, 10)
        lead_status.mark_won(
            session,
            lead("Elif Won", Temperature.HOT, 15),
            Decimal("100"),
            at=NOW - timedelta(days=1),
        )
        lead_status.mark_lost(
            session,
            lead("Farid Lost", Temperature.WARM, 25),
            LostReason.NO_BUDGET,
            at=NOW - timedelta(days=1),
        )
        leads.set_archived(session, lead("Gone Archived", Temperature.COLD, 5))
    return made


def names(store: Store, f: q.LeadFilter, **kwargs: object) -> list[str]:
    with store.session() as session:
        return [r.name for r in q.page(session, f, CLOCK, **kwargs)]  # type: ignore[arg-type]


def test_search_matches_name_company_email_and_notes(store: Store, ids: dict[str, int]) -> None:
    assert names(store, q.LeadFilter(text="bak")) == ["Anna Baker"]  # name and company
    assert names(store, q.LeadFilter(text="NB.EXAMPLE")) == ["Anna Baker"]
    assert names(store, q.LeadFilter(text="law")) == ["Chloé Dubois"]
    assert names(store, q.LeadFilter(text="50% off_")) == ["Ben Cole"]  # wildcards are text
    assert names(store, q.LeadFilter(text="50%x")) == []
    assert names(store, q.LeadFilter(text="ben fair")) == ["Ben Cole"]  # every word


def test_archived_leads_are_left_out_unless_asked_for(store: Store, ids: dict[str, int]) -> None:
    assert "Gone Archived" not in names(store, q.LeadFilter())
    assert "Gone Archived" in names(store, q.LeadFilter(include_archived=True))
    with store.session() as session:
        assert q.count(session, q.LeadFilter(), CLOCK) == 6


def test_filters(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        maya = people.list_people(session)[0].id
    hot = q.LeadFilter(temperatures=frozenset({Temperature.HOT}), statuses=frozenset({Status.OPEN}))
    assert sorted(names(store, hot)) == ["Chloé Dubois", "David Berg"]
    assert names(store, q.LeadFilter(statuses=frozenset({Status.LOST}))) == ["Farid Lost"]
    assert names(store, q.LeadFilter(owner_id=maya)) == ["Anna Baker"]
    assert names(store, q.LeadFilter(source_id=1)) == ["Anna Baker"]
    assert names(store, q.LeadFilter(tag="vip")) == ["Ben Cole"]
    assert names(store, q.LeadFilter(overdue=True)) == ["Ben Cole"]  # due today is not overdue
    # stale: warm or hot, open, no touchpoint in 14 days (Chloé was called 2 days ago), counted
    # from its creation when it has had none (David Berg, created 10 days ago, is not yet)
    assert names(store, q.LeadFilter(stale=True)) == ["Ben Cole"]


def test_rows_carry_the_overdue_and_stale_marks(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        rows = {r.name: r for r in q.page(session, q.LeadFilter(), CLOCK)}
    assert rows["Ben Cole"].overdue and rows["Ben Cole"].stale
    assert not rows["Chloé Dubois"].overdue and not rows["Chloé Dubois"].stale
    assert rows["Anna Baker"].source == "Trade fair" and rows["Anna Baker"].owner == "Maya"


@pytest.mark.parametrize(
    ("key", "descending", "expected"),
    [
        (
            q.SortKey.NAME,
            False,
            ["Anna Baker", "Ben Cole", "Chloé Dubois", "David Berg", "Elif Won", "Farid Lost"],
        ),
        (
            q.SortKey.TEMPERATURE,
            True,
            ["Elif Won", "David Berg", "Chloé Dubois", "Farid Lost", "Ben Cole", "Anna Baker"],
        ),
        (q.SortKey.VALUE, True, ["Chloé Dubois", "Anna Baker"]),  # then the empty ones, last
        (
            q.SortKey.CREATED,
            False,
            ["Anna Baker", "Ben Cole", "Farid Lost", "Chloé Dubois", "Elif Won", "David Berg"],
        ),
    ],
)
def test_sorting_is_done_by_the_database(
    store: Store, ids: dict[str, int], key: q.SortKey, descending: bool, expected: list[str]
) -> None:
    got = names(store, q.LeadFilter(), sort=key, descending=descending)
    assert got[: len(expected)] == expected


def test_pages_neither_overlap_nor_skip(store: Store, ids: dict[str, int]) -> None:
    f = q.LeadFilter()
    whole = names(store, f, sort=q.SortKey.TEMPERATURE)
    pages = [names(store, f, sort=q.SortKey.TEMPERATURE, offset=o, limit=2) for o in (0, 2, 4)]
    assert [n for p in pages for n in p] == whole


def test_follow_ups_are_due_today_or_overdue(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        due = [r.name for r in q.follow_ups(session, CLOCK)]
    assert due == ["Ben Cole", "Chloé Dubois"]


def test_the_board_counts_each_column(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        board = q.board(session, q.LeadFilter(statuses=frozenset({Status.OPEN})), CLOCK)
        with_lost = q.board(session, q.LeadFilter(statuses=frozenset({Status.LOST})), CLOCK)
        everything = q.board(session, q.LeadFilter(), CLOCK)  # "All"
        hot_only = q.board(session, q.LeadFilter(temperatures=frozenset({Temperature.HOT})), CLOCK)
        shown = q.count(session, q.LeadFilter(), CLOCK)
    assert {k: v[0] for k, v in board.items()} == {"cold": 1, "warm": 1, "hot": 2, "won": 1}
    assert with_lost["lost"][0] == 1
    assert {k: v[0] for k, v in everything.items()} == {
        "cold": 1,
        "warm": 1,
        "hot": 2,
        "won": 1,
        "lost": 1,
    }
    assert sum(total for total, _rows in everything.values()) == shown  # as the table counts
    assert hot_only["hot"][0] == 2 and hot_only["cold"][0] == 0  # the filter, on every column
    assert [r.name for r in board["hot"][1]] == ["Chloé Dubois", "David Berg"]
