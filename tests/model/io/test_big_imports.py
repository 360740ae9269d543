"""Imports read rows one at a time and write them in batches, all in one transaction: a bad
line after many written batches still leaves nothing; overlaps found at the end are taken
out again (issue 16.18). Batches are made small here so a few rows span several."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.model import people
from app.model.io import leads as lead_import
from app.model.io import time as time_import
from app.model.io.csv_reader import ImportRejectedError
from app.model.store.db import Store
from app.model.store.entities import Lead, TemperatureChange, TimeEntry

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lead_import, "BATCH", 2)
    monkeypatch.setattr(time_import, "BATCH", 2)


def count(store: Store, model: type) -> int:  # type: ignore[type-arg]
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_bad_lead_after_several_batches_leaves_nothing(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    rows = "".join(f"Lead {n},lead{n}@x.de,warm\n" for n in range(7))
    path.write_text(f"name,email,temperature\n{rows}Late,late@x.de,boiling\n", encoding="utf-8")
    with store.writer() as session, pytest.raises(ImportRejectedError) as caught:
        lead_import.import_leads(session, path, now=NOW)
    assert [p.format(path) for p in caught.value.problems] == [
        f"{path}:9: temperature 'boiling' is not one of: cold, warm, hot"
    ]
    assert count(store, Lead) == count(store, TemperatureChange) == 0
    with store.writer() as session:
        report = lead_import.import_leads(session, path, now=NOW, skip_invalid=True)
    assert (report.created, len(report.skipped)) == (7, 1)
    assert count(store, Lead) == count(store, TemperatureChange) == 7


def test_a_duplicate_email_batches_apart_is_still_found(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(
        "name,email\nA,a@x.de\nB,b@x.de\nC,c@x.de\nD,d@x.de\nE,A@x.de\n", encoding="utf-8"
    )
    with store.writer() as session, pytest.raises(ImportRejectedError) as caught:
        lead_import.import_leads(session, path, now=NOW)
    assert [p.message for p in caught.value.problems] == ["email 'A@x.de' is also on line 2"]
    assert count(store, Lead) == 0


def test_time_rows_that_overlap_across_batches_are_taken_out_again(
    store: Store, tmp_path: Path
) -> None:
    with store.writer() as session:
        people.add_person(session, "Ann")
    start = datetime(2026, 11, 2, 9, 0)
    lines = [f"sales,{start + timedelta(hours=n):%Y-%m-%d %H:%M},60\n" for n in range(5)]
    lines.append(f"sales,{start + timedelta(minutes=15):%Y-%m-%d %H:%M},30\n")  # in line 2
    path = tmp_path / "time.csv"
    path.write_text("side,start,minutes\n" + "".join(lines), encoding="utf-8")
    with store.writer() as session, pytest.raises(ImportRejectedError) as caught:
        time_import.import_time(session, path, now=NOW)
    assert [p.format(path) for p in caught.value.problems] == [f"{path}:7: it overlaps line 2"]
    assert count(store, TimeEntry) == 0
    with store.writer() as session:
        report = time_import.import_time(session, path, now=NOW, skip_invalid=True)
    assert (report.created, [p.line for p in report.skipped]) == (5, [7])
    with store.session() as session:
        starts = session.scalars(select(TimeEntry.start).order_by(TimeEntry.start)).all()
    assert [s.astimezone().replace(tzinfo=None) for s in starts] == [
        start + timedelta(hours=n) for n in range(5)
    ]
    # Imported again, every row overlaps what the first import stored, and nothing is added.
    with store.writer() as session, pytest.raises(ImportRejectedError) as caught:
        time_import.import_time(session, path, now=NOW)
    assert all("already in Hearth" in p.message for p in caught.value.problems)
    assert len(caught.value.problems) == 6 and count(store, TimeEntry) == 5
