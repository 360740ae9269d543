"""Time entries from CSV: all or nothing, overlaps per line, and the export round trip."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.model import people
from app.model.enums import Side
from app.model.io.csv_reader import ImportRejectedError
from app.model.io.time import export_time, import_time
from app.model.store.db import Store, open_store, sqlite_location
from app.model.store.entities import TimeEntry
from app.model.time import entries as te
from app.model.time.entries import EntryFields

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "time.csv"
    path.write_text(text, encoding="utf-8")
    return path


def count(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(TimeEntry)) or 0)


@pytest.fixture
def ann(store: Store) -> int:
    with store.writer() as session:
        person = people.add_person(session, "Ann").id
        te.add_entry(
            session,
            EntryFields(
                person,
                Side.SALES,
                datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
                datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
            ),
            now=NOW,
        )
    return person


def test_overlaps_and_bad_rows_are_reported_per_line(
    store: Store, ann: int, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "person;side;category;start;end;minutes;note\n"
        "Ann;marketing;content;2026-11-19 09:00;2026-11-19 10:00;;blog\n"
        "Ann;sales;;2026-11-19 09:30;;45;overlaps line 2\n"
        "Ann;sales;;2026-11-20 09:30;2026-11-20 10:30;;overlaps stored\n"
        "Ann;lunch;;2026-11-19 12:00;;30;\n"
        "Ann;sales;;2026-11-19 14:00;2026-11-19 13:00;;\n"
        "Ann;sales;;2026-11-19 15:00;;;\n",
    )
    with store.writer() as session, pytest.raises(ImportRejectedError) as refused:
        import_time(session, path, now=NOW)
    assert [p.format(path) for p in refused.value.problems] == [
        f"{path}:3: it overlaps line 2",
        f"{path}:4: it overlaps an entry already in Hearth (2026-11-20 09:00–10:00)",
        f"{path}:5: side 'lunch' is not one of: marketing, sales",
        f"{path}:6: the entry does not end after it starts",
        f"{path}:7: give an end or minutes",
    ]
    assert count(store) == 1
    with store.writer() as session:
        report = import_time(session, path, now=NOW, skip_invalid=True)
    assert report.created == 1 and count(store) == 2


def test_minutes_categories_and_the_export_round_trip(
    store: Store, ann: int, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "start,minutes,side,category,person,note\n"
        "2026-11-18 09:00,90,marketing,Podcast,Ann,episode 3\n"
        "18.11.2026 14:00,30,sales,follow-ups,,\n",
    )
    with store.writer() as session:
        report = import_time(session, path, now=NOW, date_order="DMY")
    assert report.created == 2
    assert report.notes == ["new marketing category: Podcast"]
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    with store.session() as session:
        assert export_time(session, first) == 3
    other = open_store(sqlite_location(tmp_path / "other.db"))
    with other.writer() as session:
        assert import_time(session, first, now=NOW).created == 3
    with other.session() as session:
        export_time(session, second)
    other.close()
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
