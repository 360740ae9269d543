"""One rule for the lead a row names, in every importer that takes one (README, "Importing"):
its email first (trimmed, ignoring case), then its whole name only when no other lead has
it; several or none is that line's problem, naming the candidates so the owner can tell
them apart. The lead and vCard imports decide "update" and "already known" by the same
email rule. People and campaigns are found by name ignoring case and extra spaces."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from app.model.io.csv_reader import ImportRejectedError
from app.model.io.deals import import_deals
from app.model.io.import_report import ImportReport
from app.model.io.leads import import_leads
from app.model.io.moves import import_moves
from app.model.io.resolve import LeadFinder
from app.model.io.time import import_time
from app.model.io.touchpoints import import_touchpoints
from app.model.io.vcard import import_vcards
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.leads.service import LeadFields
from app.model.store.db import Store
from app.model.store.entities import (
    Campaign,
    Deal,
    Lead,
    Person,
    TemperatureChange,
    TimeEntry,
    Touchpoint,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
CREATED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
WON = datetime(2026, 11, 11, 9, 0, tzinfo=UTC)
TWINS = (
    "2 leads are called 'Sam Twin' (sam@one.example; Twin Bakery, no email); write the email "
    "of the one meant instead of the name"
)


@dataclass(frozen=True)
class Importer:
    """An importer that takes a lead: its file (one row naming `{lead}`), and the table its
    row lands in."""

    header: str
    row: str
    run: Callable[..., ImportReport]
    table: Any


IMPORTERS = {
    "touchpoints": Importer(
        "lead,kind,at", "{lead},call,2026-11-10 10:00", import_touchpoints, Touchpoint
    ),
    "time": Importer(
        "person,side,start,minutes,lead",
        "Ann,sales,2026-11-10 10:00,30,{lead}",
        import_time,
        TimeEntry,
    ),
    "moves": Importer(
        "lead,change,at,from,to",
        "{lead},temperature,2026-11-10 10:00,cold,warm",
        import_moves,
        TemperatureChange,
    ),
    "deals": Importer("lead,at,value", "{lead},2026-11-12 10:00,100", import_deals, Deal),
}


@pytest.fixture
def known(set_up_store: Store) -> dict[str, int]:
    """Anna Berg (anna@north.example), two leads called Sam Twin (one with an email, one at
    Twin Bakery without), Cleo Solo (cleo@solo.example: the only Cleo Solo); all won on 11
    November, so a deal after it is theirs. Their ids by first name (Sam: the one with the
    email, Sam2: the other)."""
    ids = {}
    with set_up_store.writer() as session:
        for key, fields in (
            ("Anna", LeadFields(name="Anna Berg", email="anna@north.example", company="North")),
            ("Sam", LeadFields(name="Sam Twin", email="sam@one.example")),
            ("Sam2", LeadFields(name="Sam Twin", company="Twin Bakery")),
            ("Cleo", LeadFields(name="Cleo Solo", email="cleo@solo.example")),
        ):
            lead = lead_create.create(session, fields, at=CREATED)
            lead_status.mark_won(session, lead.id, Decimal("500"), at=WON)
            ids[key] = lead.id
    return ids


def run(store: Store, tmp_path: Path, importer: Importer, lead: str, **options: Any) -> Any:
    """Import one row naming `lead`; the lead id of the row it wrote."""
    path = tmp_path / "file.csv"
    row = importer.row.format(lead=lead)
    path.write_text(f"{importer.header}\n{row}\n", encoding="utf-8")
    with store.writer() as session:
        importer.run(session, path, now=NOW, **options)
    with store.session() as session:
        table = importer.table
        return session.scalar(select(table.lead_id).order_by(table.id.desc()).limit(1))


def refused(store: Store, tmp_path: Path, importer: Importer, lead: str) -> list[str]:
    with pytest.raises(ImportRejectedError) as caught:
        run(store, tmp_path, importer, lead)
    return [p.message for p in caught.value.problems]


@pytest.mark.parametrize("kind", IMPORTERS)
def test_a_padded_differently_cased_email_finds_its_lead(
    kind: str, known: dict[str, int], set_up_store: Store, tmp_path: Path
) -> None:
    # Quoted, so the spaces reach the importer.
    found = run(set_up_store, tmp_path, IMPORTERS[kind], '"  ANNA@North.example "')
    assert found == known["Anna"]


@pytest.mark.parametrize("kind", IMPORTERS)
def test_a_unique_name_finds_its_lead_even_when_it_has_an_email(
    kind: str, known: dict[str, int], set_up_store: Store, tmp_path: Path
) -> None:
    assert run(set_up_store, tmp_path, IMPORTERS[kind], "cleo  SOLO") == known["Cleo"]


@pytest.mark.parametrize("kind", IMPORTERS)
def test_a_name_two_leads_have_is_that_lines_error_naming_both(
    kind: str, known: dict[str, int], set_up_store: Store, tmp_path: Path
) -> None:
    with set_up_store.session() as session:
        before = session.scalar(select(func.count()).select_from(IMPORTERS[kind].table))
    assert refused(set_up_store, tmp_path, IMPORTERS[kind], "Sam Twin") == [TWINS]
    with set_up_store.session() as session:
        after = session.scalar(select(func.count()).select_from(IMPORTERS[kind].table))
    assert after == before
    # The email tells them apart.
    assert run(set_up_store, tmp_path, IMPORTERS[kind], "SAM@one.example") == known["Sam"]


@pytest.mark.parametrize("kind", IMPORTERS)
def test_an_unknown_lead_is_that_lines_error(
    kind: str, known: dict[str, int], set_up_store: Store, tmp_path: Path
) -> None:
    assert refused(set_up_store, tmp_path, IMPORTERS[kind], "nobody@north.example") == [
        "there is no lead with the email or name 'nobody@north.example'"
    ]


def test_the_candidates_are_named_by_email_else_company_else_when_added(
    set_up_store: Store,
) -> None:
    with set_up_store.writer() as session:
        for n in range(7):
            fields = LeadFields(
                name="Kim Lee",
                email=f"kim{n}@x.example" if n < 2 else "",
                company="Lee & Co" if n == 2 else "",
            )
            lead = lead_create.create(session, fields, at=CREATED)
            if n == 0:
                leads.set_archived(session, lead.id)
    with set_up_store.session() as session, pytest.raises(ValueError) as caught:
        LeadFinder(session).find("kim lee")
    assert str(caught.value) == (
        "7 leads are called 'kim lee' (kim0@x.example (archived); kim1@x.example; Lee & Co, "
        "no email; no email or company, added 2026-11-02; no email or company, added "
        "2026-11-02; and 2 more); write the email of the one meant instead of the name"
    )


def test_an_email_two_leads_share_is_refused_naming_them(set_up_store: Store) -> None:
    with set_up_store.writer() as session:
        lead_create.create(
            session, LeadFields(name="Ann Old", email="ann@example.com", company="Kept"), at=CREATED
        )
        lead_create.create(session, LeadFields(name="Ann New", email="Ann@Example.com"), at=CREATED)
        lead_create.create(session, LeadFields(name="ann@example.com"), at=CREATED)
    with set_up_store.session() as session, pytest.raises(ValueError) as caught:
        LeadFinder(session).find(" ANN@example.com")
    assert str(caught.value) == (
        "2 leads have the email ' ANN@example.com' (Ann Old, Kept; Ann New), so Hearth cannot "
        "tell which one is meant; change or remove the email of the others in Hearth"
    )


# The lead import: "update or create" by the email rule, and only by it.


def import_lead_rows(store: Store, tmp_path: Path, text: str, **options: Any) -> ImportReport:
    path = tmp_path / "leads.csv"
    path.write_text(text, encoding="utf-8")
    with store.writer() as session:
        return import_leads(session, path, now=NOW, **options)


def test_the_lead_import_updates_the_lead_a_padded_differently_cased_email_names(
    known: dict[str, int], set_up_store: Store, tmp_path: Path
) -> None:
    report = import_lead_rows(
        set_up_store, tmp_path, 'name,email,phone\nAnna B.,"  ANNA@North.example ",+49 30 1\n'
    )
    assert (report.created, report.updated) == (0, 1)
    with set_up_store.session() as session:
        anna = session.get(Lead, known["Anna"])
        assert anna is not None
        assert (anna.name, anna.email, anna.phone) == ("Anna B.", "anna@north.example", "+49 30 1")
        assert session.scalar(select(func.count()).select_from(Lead)) == 4


def test_the_lead_import_refuses_an_email_two_stored_leads_share(
    set_up_store: Store, tmp_path: Path
) -> None:
    with set_up_store.writer() as session:
        lead_create.create(
            session, LeadFields(name="Ann Old", email="ann@example.com", company="Kept"), at=CREATED
        )
        lead_create.create(session, LeadFields(name="Ann New", email="ANN@example.com"), at=CREATED)
    text = "name,email,phone\nAnn,Ann@Example.com,+49 1\nBo,bo@example.com,\n"
    with pytest.raises(ImportRejectedError) as caught:
        import_lead_rows(set_up_store, tmp_path, text)
    assert [p.format(caught.value.path) for p in caught.value.problems] == [
        f"{tmp_path / 'leads.csv'}:2: 2 leads have the email 'Ann@Example.com' (Ann Old, Kept; "
        "Ann New), so Hearth cannot tell which one is meant; change or remove the email of the "
        "others in Hearth"
    ]
    report = import_lead_rows(set_up_store, tmp_path, text, skip_invalid=True)
    assert (report.created, report.updated, len(report.skipped)) == (1, 0, 1)
    with set_up_store.session() as session:
        assert session.scalars(select(Lead.phone).order_by(Lead.id)).all() == ["", "", ""]


def test_the_lead_import_creates_a_lead_a_row_names_without_an_email(
    known: dict[str, int], set_up_store: Store, tmp_path: Path
) -> None:
    """Only an email says "update": a name may be another person's, so a row without an
    email is a new lead even when a stored lead has its name."""
    report = import_lead_rows(set_up_store, tmp_path, "name,company\nCleo Solo,Elsewhere\n")
    assert (report.created, report.updated) == (1, 0)


def test_a_vcard_whose_padded_differently_cased_email_is_known_is_skipped(
    known: dict[str, int], set_up_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "cards.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:4.0\nFN:Anna Berg\nEMAIL: ANNA@North.example \nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:Cleo Solo\nEND:VCARD\n",
        encoding="utf-8",
    )
    with set_up_store.writer() as session:
        report = import_vcards(session, path, now=NOW)
    assert report.created == 1  # the card without an email is new, whatever its name
    assert report.notes == [f"{path}:1: ANNA@North.example is already a lead; skipped"]


# People and campaigns: one way to find or make them, in every importer.


def test_people_and_campaigns_are_found_ignoring_case_and_extra_spaces(
    set_up_store: Store, tmp_path: Path
) -> None:
    with set_up_store.writer() as session:
        session.add(Person(name="Maya Lind", created_at=CREATED))
        session.add(Campaign(name="Spring Fair", channel="events", created_at=CREATED))
        session.commit()
    path = tmp_path / "leads.csv"
    path.write_text(
        "name,owner,source,created_at\nZoe,Maya  Lind, spring   FAIR,2026-11-02\n", encoding="utf-8"
    )
    with set_up_store.writer() as session:
        report = import_leads(session, path, now=NOW)
    assert (report.new_people, report.new_campaigns) == ([], [])
    path = tmp_path / "tp.csv"
    path.write_text("lead,kind,at,person\nZoe,call,2026-11-10,MAYA LIND\n", encoding="utf-8")
    with set_up_store.writer() as session:
        assert import_touchpoints(session, path, now=NOW).new_people == []
    with set_up_store.session() as session:
        assert _names(session, Person) == ["Ann", "Maya Lind"]
        assert _names(session, Campaign) == ["Spring Fair"]


def _names(session: Session, table: Any) -> list[str]:
    return list(session.scalars(select(table.name).order_by(table.id)))


# Finding leads costs no query per row: one read of every lead's email and name, then one
# query for the leads of each batch of rows.


@pytest.mark.parametrize("kind", IMPORTERS)
def test_the_leads_of_a_file_are_read_in_batches_not_row_by_row(
    kind: str, set_up_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.model.io import deals, moves, touchpoints

    monkeypatch.setattr(touchpoints, "BATCH", 5)
    monkeypatch.setattr(moves, "_CHUNK", 5)
    monkeypatch.setattr(deals, "_CHUNK", 5)
    rows = 12
    ids = set()
    with set_up_store.writer() as session:
        for n in range(rows):
            email = f"lead{n}@x.example" if n % 2 else ""
            lead = lead_create.create(
                session, LeadFields(name=f"Lead {n}", email=email), at=CREATED
            )
            lead_status.mark_won(session, lead.id, Decimal("500"), at=WON)
            ids.add(lead.id)
    importer = IMPORTERS[kind]
    lines = [
        importer.row.format(lead=f"LEAD{n}@x.example" if n % 2 else f"lead {n}")
        for n in range(rows)
    ]
    # One row per lead, each at its own time (time entries may not overlap).
    lines = [line.replace("10:00", f"{8 + n:02d}:00") for n, line in enumerate(lines)]
    path = tmp_path / "file.csv"
    path.write_text("\n".join([importer.header, *lines]) + "\n", encoding="utf-8")
    reads: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # (a lock of leads whose history changed, on a server, is not a read of them)
        if (
            statement.lstrip().upper().startswith("SELECT")
            and re.search(r"\bFROM lead\b", statement)
            and "FOR NO KEY UPDATE" not in statement
        ):
            reads.append(statement)

    event.listen(set_up_store.engine, "before_cursor_execute", note)
    try:
        with set_up_store.writer() as session:
            report = importer.run(session, path, now=NOW)
    finally:
        event.remove(set_up_store.engine, "before_cursor_execute", note)
    assert report.created == rows
    batches = 0 if kind == "time" else -(-rows // 5)  # the time import needs ids only
    assert len(reads) <= 1 + batches, reads
    with set_up_store.session() as session:
        table = importer.table
        assert set(session.scalars(select(table.lead_id))) >= ids
