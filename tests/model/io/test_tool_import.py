"""Time from Toggl Track, Clockify and Watson files, through a project → side mapping."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.model import people
from app.model.io.csv_reader import ImportRejectedError
from app.model.io.tools import import_frames
from app.model.store.db import Store
from app.model.store.entities import Category, TimeEntry

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)

TOGGL = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
    "End time,Duration,Tags,Amount ()\n"
    "Maya L,maya@example.com,,Blog,,Autumn post,No,2026-11-16,09:00:00,2026-11-16,10:30:00,"
    "01:30:00,,\n"
    "Maya L,maya@example.com,Acme,Acme deal,,Call,Yes,2026-11-16,11:00:00,2026-11-16,"
    "11:45:00,00:45:00,call,\n"
    "Maya L,maya@example.com,,Admin,,Taxes,No,2026-11-16,13:00:00,2026-11-16,14:00:00,"
    "01:00:00,,\n"
)
CLOCKIFY = (
    "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,"
    "End Date,End Time,Duration (h),Duration (decimal)\n"
    "Newsletter,,November issue,,Maya L,,m@example.com,,No,11/17/2026,02:30:00 PM,"
    "11/17/2026,03:15:00 PM,00:45:00,0.75\n"
)


@pytest.fixture
def maya(store: Store) -> int:
    with store.writer() as session:
        return people.add_person(session, "Maya").id


def _entries(store: Store) -> list[tuple[str, str | None, datetime, datetime, str]]:
    with store.session() as session:
        names = {c.id: c.name for c in session.scalars(select(Category))}
        return [
            (e.side, names.get(e.category_id) if e.category_id else None, e.start, e.end, e.note)
            for e in session.scalars(select(TimeEntry).order_by(TimeEntry.start))
        ]


def test_toggl_with_a_mapping_file(store: Store, maya: int, tmp_path: Path) -> None:
    export = tmp_path / "toggl.csv"
    export.write_text(TOGGL, encoding="utf-8")
    mapping = tmp_path / "map.txt"
    mapping.write_text(
        "# project or tag = side, category\nBlog = marketing, content\ncall = sales, follow-ups\n",
        encoding="utf-8",
    )
    with store.writer() as session, pytest.raises(ImportRejectedError) as refused:
        import_frames(session, export, "toggl", map_file=mapping, now=NOW)
    assert [p.format(export) for p in refused.value.problems] == [
        f"{export}:4: no side for project 'Admin'; add it to the mapping file (--map)"
    ]
    mapping.write_text(mapping.read_text() + "* = sales\n", encoding="utf-8")
    with store.writer() as session:
        report = import_frames(session, export, "toggl", map_file=mapping, now=NOW, dry_run=True)
    assert report.notes == [
        "Acme deal → sales, follow-ups: 1 entry",
        "Admin → sales: 1 entry",
        "Blog → marketing, content: 1 entry",
    ]
    with store.writer() as session:
        assert import_frames(session, export, "toggl", map_file=mapping, now=NOW).created == 3
    assert _entries(store)[:2] == [
        (
            "marketing",
            "content",
            datetime(2026, 11, 16, 8, 0, tzinfo=UTC),
            datetime(2026, 11, 16, 9, 30, tzinfo=UTC),
            "Blog · Autumn post",
        ),
        (
            "sales",
            "follow-ups",
            datetime(2026, 11, 16, 10, 0, tzinfo=UTC),
            datetime(2026, 11, 16, 10, 45, tzinfo=UTC),
            "Acme deal · Call",
        ),
    ]


def test_clockify_with_its_twelve_hour_clock(store: Store, maya: int, tmp_path: Path) -> None:
    export = tmp_path / "clockify.csv"
    export.write_text(CLOCKIFY, encoding="utf-8")
    mapping = tmp_path / "map.txt"
    mapping.write_text("Newsletter = marketing, email campaign\n", encoding="utf-8")
    with store.writer() as session:
        import_frames(session, export, "clockify", map_file=mapping, now=NOW, date_order="MDY")
    assert _entries(store) == [
        (
            "marketing",
            "email campaign",
            datetime(2026, 11, 17, 13, 30, tzinfo=UTC),
            datetime(2026, 11, 17, 14, 15, tzinfo=UTC),
            "Newsletter · November issue",
        )
    ]


def test_watson_frames_map_by_category_name_without_a_file(
    store: Store, maya: int, tmp_path: Path
) -> None:
    frames = tmp_path / "frames"
    start = datetime(2026, 11, 18, 8, 0, tzinfo=UTC).timestamp()
    frames.write_text(
        json.dumps(
            [
                [start, start + 3600, "networking", "a1", ["breakfast"], start],
                [start + 3600, start + 5400, "misc", "a2", ["sales"], start],
                [start + 7200, start + 9000, "misc", "a3", [], start],
            ],
            indent=1,  # as Watson writes it: a frame over several lines
        ),
        encoding="utf-8",
    )
    with store.writer() as session:
        report = import_frames(session, frames, "watson", now=NOW, skip_invalid=True)
    assert report.created == 2
    # The line frame 3 begins on (#16 round 2, 15: it said line 3, the frame's number)
    assert [p.line for p in report.skipped] == [22]
    assert frames.read_text(encoding="utf-8").splitlines()[21:23] == [" [", f"  {start + 7200},"]
    assert [(side, category) for side, category, *_ in _entries(store)] == [
        ("marketing", "networking"),
        ("sales", None),
    ]


def test_a_bad_mapping_line_is_reported(store: Store, maya: int, tmp_path: Path) -> None:
    export = tmp_path / "toggl.csv"
    export.write_text(TOGGL, encoding="utf-8")
    mapping = tmp_path / "map.txt"
    mapping.write_text("Blog = advertising\n", encoding="utf-8")
    with store.writer() as session, pytest.raises(ImportRejectedError) as refused:
        import_frames(session, export, "toggl", map_file=mapping, now=NOW)
    assert refused.value.problems[0].format(mapping) == (
        f"{mapping}:1: side 'advertising' is not one of: marketing, sales"
    )
