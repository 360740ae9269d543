"""Demo data is realistic, repeatable, and only goes into an empty database."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import text

from app.model.demo import business as demo
from app.model.errors import HearthError
from app.model.goals import service as goals
from app.model.goals.pacing import Goals
from app.model.store.db import Store
from app.model.weeks import week_bounds

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def _fill(store: Store, **kwargs: object) -> demo.DemoSummary:
    with store.writer() as session:
        return demo.fill(session, now=NOW, **kwargs)  # type: ignore[arg-type]


def _rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    with store.session() as session:
        return [tuple(r) for r in session.execute(text(sql)).all()]


def test_the_same_seed_gives_the_same_history(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.model.store import db

    other = db.open_store(db.sqlite_location(tmp_path / "other.db"))
    first = _fill(store, seed=7, leads=150, weeks=8)
    second = _fill(other, seed=7, leads=150, weeks=8)
    other.close()
    assert first == second
    assert first.leads == 150
    assert first.people == 2


def test_the_story_follows_the_rules(store: Store) -> None:
    _fill(store, seed=3, leads=400, weeks=20)
    # every lead's history starts with its temperature at creation...
    assert _rows(
        store,
        """
        SELECT count(*) FROM lead WHERE NOT EXISTS (
          SELECT 1 FROM temperature_change t WHERE t.lead_id = lead.id
          AND t.from_temperature IS NULL AND t.at = lead.created_at)""",
    ) == [(0,)]
    # ...and its current temperature is the last one set
    assert _rows(
        store,
        """
        SELECT count(*) FROM lead WHERE temperature != (
          SELECT to_temperature FROM temperature_change t WHERE t.lead_id = lead.id
          ORDER BY t.at DESC, t.id DESC LIMIT 1)""",
    ) == [(0,)]
    # ...and when it first reached warm and hot is kept on the lead
    assert _rows(
        store,
        """
        SELECT count(*) FROM lead WHERE warm_at IS DISTINCT FROM (
          SELECT min(at) FROM temperature_change t WHERE t.lead_id = lead.id
          AND t.to_temperature IN ('warm', 'hot'))
        OR hot_at IS DISTINCT FROM (SELECT min(at) FROM temperature_change t
          WHERE t.lead_id = lead.id AND t.to_temperature = 'hot')""",
    ) == [(0,)]
    # won leads have a deal at their close; lost leads have a reason
    assert _rows(
        store,
        """SELECT count(*) FROM lead WHERE status = 'won' AND NOT EXISTS
        (SELECT 1 FROM deal WHERE deal.lead_id = lead.id AND deal.won_at = lead.closed_at)
        """,
    ) == [(0,)]
    assert _rows(
        store, "SELECT count(*) FROM lead WHERE status = 'lost' AND lost_reason IS NULL"
    ) == [(0,)]
    statuses = dict(_rows(store, "SELECT status, count(*) FROM lead GROUP BY status"))
    assert set(statuses) == {"open", "won", "lost"}
    # nothing happens after now
    latest = _rows(store, "SELECT max(at) FROM touchpoint")[0][0]  # text on SQLite
    assert str(latest) < "2026-11-20 15:00"
    if store.location.is_sqlite:  # PostgreSQL never lets a dangling reference in
        assert _rows(store, "PRAGMA foreign_key_check") == []


def test_a_persons_time_entries_never_overlap(store: Store) -> None:
    summary = _fill(store, seed=5, leads=20, weeks=6)
    assert summary.time_entries > 100
    assert _rows(
        store,
        """
        SELECT count(*) FROM time_entry a JOIN time_entry b
          ON a.person_id = b.person_id AND a.id < b.id
         AND a.start < b."end" AND b.start < a."end" """,
    ) == [(0,)]


def test_a_target_number_of_time_entries_is_met(store: Store) -> None:
    summary = _fill(store, seed=1, leads=10, weeks=4, time_entries=1000)
    assert summary.time_entries == 1000


def test_demo_data_never_goes_into_a_database_in_use(store: Store) -> None:
    _fill(store, leads=5, weeks=2)
    with pytest.raises(HearthError, match="empty database only"):
        _fill(store, leads=5, weeks=2)
    assert _rows(store, "SELECT count(*) FROM lead") == [(5,)]


def test_the_demo_has_a_goal_scaled_to_its_revenue(store: Store) -> None:
    """A default goal near the business's recent monthly revenue, to two figures (so the
    Dashboard's pacing and the review's Goal and pipeline show numbers close to the line),
    and next month's own, lower goal; the months' pace is neither absurd nor always met."""
    _fill(store, seed=1, leads=800, weeks=26)  # the README's screenshots' demo
    with store.session() as session:
        own = goals.goals(session)
        assert own.default is not None and list(own.months) == ["2026-12"]
        for goal in (own.default, own.months["2026-12"]):  # 150,000, not 147,213.27
            assert len(goal.normalize().as_tuple().digits) <= 2
        assert own.months["2026-12"] == pytest.approx(own.default * 7 / 10, rel=Decimal("0.1"))
        paces = []
        # September and October near their ends, November now
        for week in ("2026-W39", "2026-W43", "2026-W47"):
            pacing = goals.pacing(session, own, week, min(week_bounds(week)[1], NOW))
            assert pacing is not None and pacing.pace is not None
            paces.append(pacing.pace)
    assert all(0.5 < pace < 2 for pace in paces)
    assert min(paces) < 1 < max(paces)  # behind once, ahead once


def test_a_demo_that_won_nothing_has_no_goal(store: Store) -> None:
    _fill(store, leads=0, weeks=2)
    with store.session() as session:
        assert goals.goals(session) == Goals({}, None)
