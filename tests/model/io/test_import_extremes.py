"""Extreme values in every importer are their line's sentence (FILE:LINE: reason), never the
crash message, and nothing is imported (issue 16.14)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.model import people
from app.model.io.csv_reader import ImportRejectedError
from app.model.io.leads import import_leads
from app.model.io.time import import_time
from app.model.io.tools import import_frames
from app.model.io.vcard import import_vcards
from app.model.store.db import Store
from app.model.store.entities import Lead, TimeEntry

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


def count(store: Store, model: type) -> int:  # type: ignore[type-arg]
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def refused(store: Store, importer, path: Path, **kwargs: object) -> list[str]:  # type: ignore[no-untyped-def]
    with store.writer() as session, pytest.raises(ImportRejectedError) as caught:
        importer(session, path, now=NOW, **kwargs)
    return [p.format(path) for p in caught.value.problems]


@pytest.fixture
def ann(store: Store) -> int:
    with store.writer() as session:
        return people.add_person(session, "Ann").id


def test_minutes_beyond_any_entry_are_sentences(store: Store, ann: int, tmp_path: Path) -> None:
    path = tmp_path / "time.csv"
    path.write_text(
        "side,start,minutes\n"
        "sales,2026-11-02 09:00,inf\n"
        "sales,2026-11-03 09:00,1e12\n"
        "sales,2026-11-04 09:00,nan\n"
        "sales,2026-11-05 09:00,99999999999\n"
        "sales,2026-11-06 09:00,90\n",
        encoding="utf-8",
    )
    assert refused(store, import_time, path) == [
        f"{path}:2: minutes 'inf' is not a number",
        f"{path}:3: minutes '1e12' is not a number",
        f"{path}:4: minutes 'nan' is not a number",
        f"{path}:5: the entry is longer than a week",
    ]
    assert count(store, TimeEntry) == 0


def test_watson_frames_out_of_time_are_sentences(store: Store, ann: int, tmp_path: Path) -> None:
    path = tmp_path / "frames"
    path.write_text(
        json.dumps(
            [
                [1e20, 1e20 + 60, "sales", "a", []],
                ["nan", "nan", "sales", "b", []],
                [float("inf"), 1763456400, "sales", "c", []],
                [1763456400, 1763460000, "sales", "d", []],
            ]
        ),
        encoding="utf-8",
    )
    assert refused(store, import_frames, path, tool="watson") == [  # all on line 1
        f"{path}:1: frame 1: 1e+20 is not a time between 1970 and 9999 (seconds since 1970)",
        f"{path}:1: frame 2: 'nan' is not a time (seconds since 1970)",
        f"{path}:1: frame 3: inf is not a time between 1970 and 9999 (seconds since 1970)",
    ]
    assert count(store, TimeEntry) == 0


def test_watson_frames_nested_beyond_reason_are_a_sentence(
    store: Store, ann: int, tmp_path: Path
) -> None:
    path = tmp_path / "frames"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert refused(store, import_frames, path, tool="watson") == [
        f"{path}:1: not a Watson frames file: its lists are nested far too deep"
    ]


def test_a_vcard_in_an_unknown_character_set_is_a_sentence(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "people.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=x-foo:M=FCller\n"
        "END:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Zoë\nEND:VCARD\n",
        encoding="utf-8",
    )
    assert refused(store, import_vcards, path) == [
        f"{path}:3: CHARSET=x-foo is not a character set Hearth knows"
    ]
    assert count(store, Lead) == 0


def test_lead_values_too_large_to_keep_are_sentences(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(
        "name,value\nA,1e20\nB,12345678901234567890123456789\nC,99999999999999\nD,5\n",
        encoding="utf-8",
    )
    assert refused(store, import_leads, path) == [
        f"{path}:2: '1e20' is not an amount of money",
        f"{path}:3: '12345678901234567890123456789' is too large an amount (at most "
        "99,999,999,999,999)",
    ]
    assert count(store, Lead) == 0
    path.write_text("name,value\nC,99999999999999\n", encoding="utf-8")
    with store.writer() as session:
        import_leads(session, path, now=NOW)
    with store.session() as session:
        assert session.scalar(select(Lead.estimated_value)) == 99999999999999


def test_lead_texts_longer_than_their_columns_are_sentences(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(
        f"name,email,phone,tags\nA,{'a' * 320}@x.de,{'1' * 101},{'t' * 101}\n", encoding="utf-8"
    )
    assert refused(store, import_leads, path) == [
        f"{path}:2: the email is longer than 320 characters; the phone is longer than 100 "
        "characters; a tag is longer than 100 characters"
    ]
