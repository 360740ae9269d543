"""The running timer across days, the future, and two changes at once (issue 16): a running
timer spans from its start to now in every overlap check, no entry is longer than a week or
ends after now, a long timer is not cut without being told, and two starts of one person's
timer take turns. Runs on SQLite and PostgreSQL; clocks are fixed (TZ=Europe/Berlin)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.model import people
from app.model.enums import Side
from app.model.errors import HearthError, ValidationError
from app.model.io.csv_reader import ImportRejectedError
from app.model.io.time import export_time, import_time
from app.model.store.db import Store, open_store, sqlite_location
from app.model.store.entities import TimeEntry
from app.model.time import entries as te
from app.model.time.entries import EntryFields
from app.model.weeks import local_to_utc, week_bounds

NOW = local_to_utc(datetime(2026, 11, 27, 17, 0))


def local(text: str) -> datetime:
    return local_to_utc(datetime.fromisoformat(text))


def at(moment: datetime) -> te.Clock:
    return lambda: moment


@pytest.fixture
def ann(store: Store) -> int:
    with store.writer() as session:
        return people.add_person(session, "Ann").id


def entries(store: Store) -> list[tuple[datetime, datetime | None]]:
    with store.session() as session:
        rows = session.execute(select(TimeEntry.start, TimeEntry.end).order_by(TimeEntry.start))
        return [(start, end) for start, end in rows]


def week_hours(store: Store, week: str, now: datetime) -> float:
    from app.model.time.hours import hours_in

    start, end = week_bounds(week)
    with store.session() as session:
        return hours_in(session, start, end, now=now).total


# ---- 7. a timer across days ------------------------------------------------------------------


def test_a_timer_running_for_a_month_is_not_stopped_into_a_month_long_entry(
    store: Store, ann: int
) -> None:
    started = local("2026-10-28 09:00")
    with store.writer() as session:
        te.start_timer(session, ann, Side.SALES, at=started, clock=at(started))
    assert week_hours(store, "2026-W47", NOW) == 168.0  # it counts up to now
    with store.writer() as session, pytest.raises(te.LongTimerError) as refused:
        te.stop_timer(session, ann, clock=at(NOW))
    assert str(refused.value) == (
        "Ann's sales timer has been running since Wed 28 Oct 09:00 (728 h), longer than an "
        "entry can be (a week); say when it ended."
    )
    with store.writer() as session, pytest.raises(ValidationError, match="at most a week long"):
        te.stop_timer(session, ann, at=local("2026-11-05 09:00"), clock=at(NOW))
    assert entries(store) == [(started, None)]  # still running, nothing changed
    with store.writer() as session:
        stopped = te.stop_timer(session, ann, at=local("2026-10-28 17:30"), clock=at(NOW))
    assert stopped is not None and stopped.hours(NOW) == 8.5
    assert week_hours(store, "2026-W47", NOW) == 0.0
    assert week_hours(store, "2026-W44", NOW) == 8.5


def test_a_timer_past_the_long_timer_setting_is_cut_only_when_told(store: Store, ann: int) -> None:
    started = local("2026-11-26 08:00")
    with store.writer() as session:
        te.start_timer(session, ann, Side.MARKETING, at=started, clock=at(started))
    with store.writer() as session, pytest.raises(te.LongTimerError) as refused:
        te.stop_timer(session, ann, long_after=10, clock=at(NOW))
    assert not refused.value.too_long
    assert "has been running since Thu 26 Nov 08:00 (33 h)" in str(refused.value)
    with store.writer() as session, pytest.raises(te.LongTimerError):
        te.start_timer(session, ann, Side.SALES, long_after=10, clock=at(NOW))  # start cuts too
    assert entries(store) == [(started, None)]
    with store.writer() as session:  # told: "keep" it all (no limit given)
        stopped = te.stop_timer(session, ann, clock=at(NOW))
    assert stopped is not None and stopped.end == NOW


def test_a_running_timer_counts_in_an_import_however_long_ago_it_started(
    store: Store, ann: int, tmp_path: Path
) -> None:
    started = local("2026-11-16 09:00")  # eleven days before NOW
    with store.writer() as session:
        te.start_timer(session, ann, Side.SALES, at=started, clock=at(started))
    path = tmp_path / "time.csv"
    path.write_text(
        "person,side,start,end\n"
        "Ann,marketing,2026-11-10 09:00,2026-11-10 10:00\n"
        "Ann,marketing,2026-11-25 09:00,2026-11-25 10:00\n",
        encoding="utf-8",
    )
    with store.writer() as session, pytest.raises(ImportRejectedError) as refused:
        import_time(session, path, now=NOW)
    assert [p.format(path) for p in refused.value.problems] == [
        f"{path}:3: it overlaps the timer running since 2026-11-16 09:00"
    ]
    assert entries(store) == [(started, None)]


# ---- 8. the future -------------------------------------------------------------------------


def test_an_entry_that_ends_after_now_is_refused_everywhere(store: Store, ann: int) -> None:
    future = EntryFields(ann, Side.SALES, local("2027-06-01 10:00"), local("2027-06-01 12:00"))
    with store.writer() as session, pytest.raises(ValidationError) as refused:
        te.add_entry(session, future, now=NOW)
    assert str(refused.value) == "An entry cannot end in the future (Tue 01 Jun 2027, 12:00)."
    past = EntryFields(ann, Side.SALES, local("2026-11-27 09:00"), local("2026-11-27 10:00"))
    with store.writer() as session:
        entry = te.add_entry(session, past, now=NOW)
    later = EntryFields(ann, Side.SALES, local("2026-11-27 16:00"), local("2026-11-27 18:00"))
    with store.writer() as session, pytest.raises(ValidationError, match="end in the future"):
        te.update_entry(session, entry.id, later, now=NOW)
    with store.writer() as session, pytest.raises(ValidationError, match="start in the future"):
        te.start_timer(session, ann, Side.SALES, at=local("2026-11-28 09:00"), clock=at(NOW))
    with store.writer() as session:
        te.start_timer(session, ann, Side.SALES, at=local("2026-11-27 11:00"), clock=at(NOW))
    with store.writer() as session, pytest.raises(ValidationError, match="stop in the future"):
        te.stop_timer(session, ann, at=local("2026-11-27 18:00"), clock=at(NOW))
    assert entries(store) == [(past.start, past.end), (local("2026-11-27 11:00"), None)]


def test_a_clash_names_the_year_when_it_is_not_this_year(store: Store, ann: int) -> None:
    december = EntryFields(ann, Side.SALES, local("2025-12-01 09:00"), local("2025-12-01 10:00"))
    with store.writer() as session:
        te.add_entry(session, december, now=NOW)
    clashing = EntryFields(
        ann, Side.MARKETING, local("2025-12-01 09:30"), local("2025-12-01 11:00")
    )
    with store.writer() as session, pytest.raises(ValidationError) as refused:
        te.add_entry(session, clashing, now=NOW)
    assert str(refused.value) == "This overlaps Ann's sales entry Mon 01 Dec 2025 09:00–10:00."
    with store.writer() as session, pytest.raises(ValidationError) as refused:
        te.add_entry(session, clashing, now=local("2025-12-20 12:00"))
    assert str(refused.value) == "This overlaps Ann's sales entry Mon 01 Dec 09:00–10:00."


# ---- 12 and 15. two changes at the same moment ------------------------------------------------


def test_twenty_pairs_of_starts_at_once_take_turns(store: Store, ann: int) -> None:
    """Each start reads the running timer, stops it and starts its own: all of them, one
    after the other, however they are interleaved — never a crash, never two running."""
    failures: list[BaseException] = []
    begin = threading.Barrier(40)

    def start(side: Side) -> None:
        try:
            begin.wait(10)
            with store.writer() as session:
                te.start_timer(session, ann, side)
        except HearthError as exc:  # a sentence would do; the turns make even that rare
            failures.append(exc)
        except BaseException as exc:
            failures.append(exc)

    threads = [
        threading.Thread(target=start, args=(side,))
        for _pair in range(20)
        for side in (Side.SALES, Side.MARKETING)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [type(f).__name__ for f in failures] == []
    stored = entries(store)
    assert len(stored) == 40
    assert [end for _start, end in stored].count(None) == 1
    for (_s1, e1), (s2, _e2) in zip(stored, stored[1:], strict=False):
        assert e1 is not None and e1 <= s2  # one after the other, never overlapping


def test_a_start_waiting_for_its_turn_reads_the_moment_once_it_has_it(
    store: Store, ann: int
) -> None:
    """The window holds Ann's turn; a start from elsewhere waits, then starts after the
    window's timer, not 'before' it at the moment it began to wait."""
    window = store.writer()
    te.take_turn(window, ann)
    ticks = iter([NOW - timedelta(minutes=5), NOW])  # the window's start, then the other's
    clock_calls: list[datetime] = []

    def clock() -> datetime:
        clock_calls.append(next(ticks))
        return clock_calls[-1]

    done: list[object] = []

    def other_start() -> None:
        try:
            with store.writer() as session:
                done.append(te.start_timer(session, ann, Side.SALES, clock=clock))
        except BaseException as exc:
            done.append(exc)

    thread = threading.Thread(target=other_start)
    thread.start()
    thread.join(0.5)  # it cannot have its turn: the window holds it
    assert done == [] and clock_calls == []
    window_timer, _ = te.start_timer(window, ann, Side.MARKETING, clock=clock)
    window.close()
    thread.join(30)
    assert len(done) == 1 and isinstance(done[0], tuple), done
    started, stopped = done[0]
    assert stopped is not None and stopped.id == window_timer.id
    assert (stopped.start, stopped.end, started.start) == (NOW - timedelta(minutes=5), NOW, NOW)


# ---- 18. an entry shorter than a second --------------------------------------------------------


def test_an_import_keeps_the_fraction_of_a_second_so_the_export_imports_back(
    store: Store, ann: int, tmp_path: Path
) -> None:
    """#16 round 2: the import cut every time to whole seconds, so a timer's 0.68 s entry
    exported (with its fraction) and did not import back, and a re-export was not the same."""
    path = tmp_path / "time.csv"
    path.write_text(
        "person,side,start,minutes,end\n"
        "Ann,sales,2026-11-20 09:00,0.0001,\n"
        "Ann,sales,2026-11-20 10:00:00.2,,2026-11-20 10:00:00.9\n"
        "Ann,sales,2026-11-20T11:00:00.595279+01:00,0.5,\n"
        "Ann,sales,2026-11-20 12:00,0.000000001,\n",
        encoding="utf-8",
    )
    with store.writer() as session, pytest.raises(ImportRejectedError) as refused:
        import_time(session, path, now=NOW)
    assert [p.format(path) for p in refused.value.problems] == [
        f"{path}:5: minutes '0.000000001' is shorter than Hearth keeps (a microsecond)"
    ]
    with store.writer() as session:
        assert import_time(session, path, now=NOW, skip_invalid=True).created == 3
    exported = tmp_path / "export.csv"
    with store.session() as session:
        export_time(session, exported)
    assert exported.read_text("utf-8").splitlines()[1:] == [
        "Ann,sales,,2026-11-20T09:00:00+01:00,2026-11-20T09:00:00.006000+01:00,,,,",
        "Ann,sales,,2026-11-20T10:00:00.200000+01:00,2026-11-20T10:00:00.900000+01:00,,,,",
        "Ann,sales,,2026-11-20T11:00:00.595279+01:00,2026-11-20T11:00:30.595279+01:00,,,,",
    ]
    other = open_store(sqlite_location(tmp_path / "other.db"))
    again = tmp_path / "again.csv"
    try:
        with other.writer() as session:
            people.add_person(session, "Ann")
            assert import_time(session, exported, now=NOW).created == 3
        with other.session() as session:
            export_time(session, again)
    finally:
        other.close()
    assert again.read_bytes() == exported.read_bytes()
