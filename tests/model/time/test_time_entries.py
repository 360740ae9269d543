"""Time entries, the running timer, hours by PRODUCT.md's rules (TZ=Europe/Berlin)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.model import people
from app.model.enums import Side
from app.model.errors import ValidationError
from app.model.store.db import Store
from app.model.time import entries as te
from app.model.time import hours as hours_service
from app.model.time import targets
from app.model.time.entries import EntryFields
from app.model.weeks import local_to_utc, week_bounds


def local(text: str) -> datetime:
    return local_to_utc(datetime.fromisoformat(text))


@pytest.fixture
def ann(store: Store) -> int:
    with store.writer() as session:
        return people.add_person(session, "Ann").id


def add(store: Store, person: int, side: Side, start: str, end: str | None) -> te.EntryInfo:
    with store.writer() as session:
        return te.add_entry(
            session,
            EntryFields(person, side, local(start), local(end) if end else None),
            now=local("2026-12-31 12:00"),
        )


def test_an_entry_that_ends_before_it_starts_is_refused(store: Store, ann: int) -> None:
    with pytest.raises(ValidationError, match="must end after it starts"):
        add(store, ann, Side.SALES, "2026-11-23 10:00", "2026-11-23 09:00")
    with pytest.raises(ValidationError, match="must end after it starts"):
        add(store, ann, Side.SALES, "2026-11-23 10:00", "2026-11-23 10:00")


def test_an_overlap_is_refused_naming_the_clashing_entry(store: Store, ann: int) -> None:
    add(store, ann, Side.SALES, "2026-11-23 09:00", "2026-11-23 10:30")
    with pytest.raises(ValidationError) as refused:
        add(store, ann, Side.MARKETING, "2026-11-23 10:00", "2026-11-23 11:00")
    assert str(refused.value) == "This overlaps Ann's sales entry Mon 23 Nov 09:00–10:30."
    add(store, ann, Side.MARKETING, "2026-11-23 10:30", "2026-11-23 11:00")  # touching is fine


def test_another_persons_entries_do_not_clash(store: Store, ann: int) -> None:
    with store.writer() as session:
        bo = people.add_person(session, "Bo").id
    add(store, ann, Side.SALES, "2026-11-23 09:00", "2026-11-23 10:30")
    add(store, bo, Side.SALES, "2026-11-23 09:00", "2026-11-23 10:30")


def test_starting_the_other_side_stops_the_running_timer_at_the_same_instant(
    store: Store, ann: int
) -> None:
    t1, t2 = local("2026-11-23 09:00"), local("2026-11-23 10:15")
    with store.writer() as session:
        first, stopped = te.start_timer(session, ann, Side.MARKETING, at=t1)
        assert stopped is None
        second, stopped = te.start_timer(session, ann, Side.SALES, at=t2)
        running = te.running(session, ann)
    assert stopped is not None and stopped.id == first.id and stopped.end == t2
    assert second.start == t2 and second.end is None
    assert [e.id for e in running] == [second.id]


def test_stop_and_long_running_timers(store: Store, ann: int) -> None:
    start = local("2026-11-23 08:00")
    with store.writer() as session:
        te.start_timer(session, ann, Side.SALES, at=start)
        late = te.long_running(session, 10, now=start + timedelta(hours=11))
        early = te.long_running(session, 10, now=start + timedelta(hours=9))
        stopped = te.stop_timer(session, ann, at=start + timedelta(hours=2))
        assert te.stop_timer(session, ann) is None
    assert [e.person for e in late] == ["Ann"] and early == []
    assert stopped is not None and stopped.hours(start) == 2.0


def test_a_running_timer_clashes_with_later_entries(store: Store, ann: int) -> None:
    with store.writer() as session:
        te.start_timer(session, ann, Side.SALES, at=local("2026-11-23 09:00"))
    with pytest.raises(ValidationError, match="now \\(running\\)"):
        add(store, ann, Side.MARKETING, "2026-11-23 10:00", "2026-11-23 11:00")


def _week(store: Store, week: str, now: datetime) -> hours_service.Hours:
    start, end = week_bounds(week)
    with store.session() as session:
        return hours_service.hours_in(session, start, end, now=now)


def test_an_entry_crossing_midnight_counts_on_both_days(store: Store, ann: int) -> None:
    add(store, ann, Side.SALES, "2026-11-24 22:00", "2026-11-25 01:30")
    hours = _week(store, "2026-W48", local("2026-11-30 12:00"))
    assert hours.sales == 3.5
    assert hours.by_day[date(2026, 11, 24)][Side.SALES] == 2.0
    assert hours.by_day[date(2026, 11, 25)][Side.SALES] == 1.5


def test_an_entry_crossing_the_week_boundary_counts_in_each_week(store: Store, ann: int) -> None:
    add(store, ann, Side.MARKETING, "2026-11-22 21:00", "2026-11-23 02:00")  # Sun → Mon
    now = local("2026-12-01 12:00")
    assert _week(store, "2026-W47", now).marketing == 3.0
    assert _week(store, "2026-W48", now).marketing == 2.0


def test_the_october_clock_change_night_is_an_hour_longer(store: Store, ann: int) -> None:
    # Berlin, 25 Oct 2026: 03:00 summer time becomes 02:00 winter time.
    with store.writer() as session:
        te.add_entry(
            session,
            EntryFields(
                ann,
                Side.SALES,
                datetime(2026, 10, 24, 22, 0, tzinfo=UTC),  # 00:00
                datetime(2026, 10, 25, 5, 0, tzinfo=UTC),
            ),  # 06:00
            now=local("2026-11-23 12:00"),
        )
    hours = _week(store, "2026-W43", local("2026-11-23 12:00"))
    assert hours.sales == 7.0  # midnight to 06:00 on that night is seven real hours
    assert hours.by_day[date(2026, 10, 25)][Side.SALES] == 7.0


def test_a_running_timer_counts_up_to_now(store: Store, ann: int) -> None:
    with store.writer() as session:
        te.start_timer(session, ann, Side.MARKETING, at=local("2026-11-23 09:00"))
    assert _week(store, "2026-W48", local("2026-11-23 11:15")).marketing == 2.25


def test_sql_totals_agree_with_the_exact_ones(store: Store, ann: int) -> None:
    add(store, ann, Side.MARKETING, "2026-11-22 21:00", "2026-11-23 02:00")
    add(store, ann, Side.SALES, "2026-11-24 22:00", "2026-11-25 01:30")
    add(store, ann, Side.SALES, "2026-10-24 23:30", "2026-10-25 04:00")
    with store.writer() as session:
        te.start_timer(session, ann, Side.MARKETING, at=local("2026-11-26 09:00"))
    now = local("2026-11-26 10:00")
    for week in ("2026-W43", "2026-W47", "2026-W48"):
        start, end = week_bounds(week)
        with store.session() as session:
            exact = hours_service.hours_in(session, start, end, now=now).by_side
            summed = hours_service.side_totals(session, start, end, now=now)
        assert summed == pytest.approx(exact, abs=1e-6), week


def test_the_balance_in_words(store: Store, ann: int) -> None:
    add(store, ann, Side.SALES, "2026-11-23 08:00", "2026-11-23 14:12")
    add(store, ann, Side.MARKETING, "2026-11-23 14:12", "2026-11-23 18:00")
    with store.writer() as session:
        result = targets.balance(session, "2026-W48", now=local("2026-11-29 12:00"))
        targets.set_week_target(session, "2026-W48", 0.5, 10)
        override = targets.balance(session, "2026-W48", now=local("2026-11-29 12:00"))
    assert result.hours.total == pytest.approx(10.0)
    assert result.words() == "Ann: Sales 62% — target 60%; 30 h left to reach 40 h."
    assert override.words() == "Ann: Sales 62% — target 50%; the 10 h target is reached."
    with store.writer() as session:  # whose hours is always said
        people.add_person(session, "Bo")
        assert targets.balance(session, "2026-W48").words().startswith("Together: ")
        assert targets.balance(session, "2026-W48", person_id=ann).words().startswith("Ann: ")
    assert override.gap_to_split == pytest.approx(5.0 - 3.8)


def test_two_peoples_targets_add_up_unless_one_is_set_for_everyone(store: Store, ann: int) -> None:
    with store.writer() as session:
        bo = people.add_person(session, "Bo").id
        targets.set_week_target(session, "2026-W48", 0.8, 20, person_id=bo)
        both = targets.combined_target(session, "2026-W48")
        targets.set_week_target(session, "2026-W48", 0.5, 50)
        shared = targets.combined_target(session, "2026-W48")
    assert both.hours == 60  # Ann's default 40 + Bo's 20
    assert both.marketing_share == pytest.approx((0.4 * 40 + 0.8 * 20) / 60)
    assert (shared.marketing_share, shared.hours) == (0.5, 50)
