"""Contacts from vCard files (3 and 4) become cold leads."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.model.io.csv_reader import ImportRejectedError
from app.model.io.vcard import import_vcards
from app.model.store.db import Store
from app.model.store.entities import Lead

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Ekström;Zoë;;;\r\nFN:Zoë Ekström\r\n"
    "ORG:Café Nord;Sales\r\nitem1.EMAIL;TYPE=INTERNET:zoe@nord.example\r\n"
    "TEL;TYPE=CELL:+46 70 123\r\nNOTE:Met at the fair\\, liked the\\nsamples\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\nVERSION:4.0\nN:Li;Lei;;;\nEMAIL;PREF=1:lei@example.com\n"
    "TEL;VALUE=uri:tel:+86-10-1234\nNOTE:a very long note that was\n  folded over two lines\n"
    "END:VCARD\n"
    "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Ren=C3=A9e\n"
    "END:VCARD\n"
)


def test_cards_become_cold_leads(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(CARDS, encoding="utf-8")
    with store.writer() as session:
        report = import_vcards(session, path, now=NOW)
    assert report.created == 3
    with store.session() as session:
        rows = session.execute(
            select(
                Lead.name, Lead.company, Lead.email, Lead.phone, Lead.notes, Lead.temperature
            ).order_by(Lead.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        (
            "Zoë Ekström",
            "Café Nord",
            "zoe@nord.example",
            "+46 70 123",
            "Met at the fair, liked the\nsamples",
            "cold",
        ),
        (
            "Lei Li",
            "",
            "lei@example.com",
            "+86-10-1234",
            "a very long note that was folded over two lines",
            "cold",
        ),
        ("Renée", "", "", "", "", "cold"),
    ]


def test_a_contact_already_a_lead_is_skipped(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(CARDS, encoding="utf-8")
    with store.writer() as session:
        import_vcards(session, path, now=NOW)
    with store.writer() as session:
        again = import_vcards(session, path, now=NOW)
    assert again.created == 1  # only the card without an email comes twice
    assert again.notes[0] == f"{path}:1: zoe@nord.example is already a lead; skipped"


def test_a_file_without_cards_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "empty.vcf"
    path.write_text("hello\n", encoding="utf-8")
    with store.writer() as session, pytest.raises(ImportRejectedError, match=":1: there is no"):
        import_vcards(session, path, now=NOW)
