"""Importing leads and touchpoints from nasty real-world files; exporting them back."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.model.enums import Status, Temperature
from app.model.io.csv_reader import ImportRejectedError
from app.model.io.leads import export_leads, import_leads
from app.model.io.touchpoints import export_touchpoints, import_touchpoints
from app.model.leads import create as lead_create
from app.model.leads import status as lead_status
from app.model.leads.service import LeadFields
from app.model.store.db import Store
from app.model.store.entities import Campaign, Deal, Lead, Person, TemperatureChange, Touchpoint

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def write(tmp_path: Path, text: str, name: str = "leads.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(store: Store, path: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    with store.writer() as session:
        return import_leads(session, path, now=NOW, date_order="DMY", **kwargs)  # type: ignore[arg-type]


def count(store: Store, model: type) -> int:  # type: ignore[type-arg]
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def problems(store: Store, path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(ImportRejectedError) as caught:
        run(store, path, **kwargs)
    return [p.format(path) for p in caught.value.problems]


def test_utf8_with_bom_and_semicolons(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "\ufeffName;Company;E-Mail-ignored;Temperature\nZoë Ekström;Café Nord;x;warm\n李雷;;;hot\n",
    )
    report = run(store, path)
    assert (report.created, report.encoding, report.delimiter) == (2, "UTF-8", "semicolon")
    assert report.warnings == [f"{path}:1: ignored unknown column: e-mail-ignored"]
    with store.session() as session:
        rows = session.execute(
            select(Lead.name, Lead.company, Lead.temperature).order_by(Lead.id)
        ).all()
    assert [tuple(r) for r in rows] == [("Zoë Ekström", "Café Nord", "warm"), ("李雷", "", "hot")]


def test_windows_1252_is_read_and_named(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "name,company\nJosé Müller,Bäckerei Grün\n", encoding="cp1252")
    report = run(store, path)
    assert report.encoding == "Windows-1252"
    with store.session() as session:
        assert session.scalar(select(Lead.company)) == "Bäckerei Grün"


def test_quoted_newlines_keep_the_files_own_line_numbers(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'name,notes,temperature\n"Ann","first line\nsecond line\nthird",cold\nBo,,lukewarm\n',
    )
    assert problems(store, path) == [
        f"{path}:5: temperature 'lukewarm' is not one of: cold, warm, hot"
    ]
    assert count(store, Lead) == 0


def test_every_bad_row_is_reported_and_nothing_is_imported(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "name,email,temperature,created_at,status\n"
        "Good One,good@example.com,warm,2026-11-01,open\n"
        ",nobody@example.com,cold,,\n"
        "Bad Temp,bt@example.com,boiling,,\n"
        "Bad Date,bd@example.com,,31.02.2026,\n"
        "Dup,GOOD@example.com,,,\n"
        "Bad Status,bs@example.com,,,pending\n",
    )
    assert problems(store, path) == [
        f"{path}:3: the name is empty",
        f"{path}:4: temperature 'boiling' is not one of: cold, warm, hot",
        f"{path}:5: '31.02.2026' is not a date in day/month/year order: February 2026 has no "
        "day 31",
        f"{path}:6: email 'GOOD@example.com' is also on line 2",
        f"{path}:7: status 'pending' is not one of: open, won, lost",
    ]
    assert count(store, Lead) == 0
    assert count(store, TemperatureChange) == 0


def test_skip_invalid_imports_the_good_rows_and_lists_the_others(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, "name,temperature\nAnn,warm\nBo,boiling\nCy,\n")
    report = run(store, path, skip_invalid=True)
    assert report.created == 2
    assert [p.format(path) for p in report.skipped] == [
        f"{path}:3: temperature 'boiling' is not one of: cold, warm, hot"
    ]
    assert count(store, Lead) == 2


def test_a_missing_name_column_is_reported_at_line_1(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "fullname,email\nAnn,a@example.com\n")
    assert problems(store, path) == [
        f"{path}:1: there is no 'name' column (the columns are: fullname, email)"
    ]


def test_an_existing_email_is_updated_not_duplicated(store: Store, tmp_path: Path) -> None:
    with store.writer() as session:
        lead_create.create(
            session, LeadFields(name="Ann Old", email="ann@example.com", company="Kept Ltd"), at=NOW
        )
    path = write(tmp_path, "name,email,temperature,phone\nAnn New,ANN@example.com,hot,+49 30 1\n")
    report = run(store, path)
    assert (report.created, report.updated) == (0, 1)
    assert report.notes == [f"{path}:2: updated the lead with email ANN@example.com"]
    with store.session() as session:
        lead = session.scalars(select(Lead)).one()
        history = session.scalars(
            select(TemperatureChange.to_temperature).order_by(TemperatureChange.id)
        ).all()
    assert (lead.name, lead.company, lead.phone, lead.temperature) == (
        "Ann New",
        "Kept Ltd",
        "+49 30 1",
        "hot",
    )
    assert history == ["cold", "hot"]


def test_dry_run_writes_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "name,source,owner\nAnn,Spring fair,Maya\n")
    report = run(store, path, dry_run=True)
    assert report.created == 1 and report.dry_run
    assert report.summary().startswith(f"{path}: would import 1 new lead")
    assert count(store, Lead) == count(store, Campaign) == count(store, Person) == 0


def test_unknown_sources_and_owners_are_created_once(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "name,source,owner,status,value,closed_at,created_at\n"
        'Ann,Spring Fair,Maya,won,"1.234,50",05.11.2026 14:30,01.11.2026\n'
        "Bo,spring fair,maya,lost,,,\n",
    )
    report = run(store, path)
    assert report.new_campaigns == ["Spring Fair"] and report.new_people == ["Maya"]
    with store.session() as session:
        deal = session.execute(select(Deal.value, Deal.won_at)).one()
        bo = session.scalars(select(Lead).where(Lead.name == "Bo")).one()
    assert deal.value == Decimal("1234.50")
    assert deal.won_at == datetime(2026, 11, 5, 13, 30, tzinfo=UTC)  # 14:30 in Berlin
    assert (bo.status, bo.lost_reason) == ("lost", "other")


def test_export_then_import_into_an_empty_database_round_trips(
    store: Store,
    tmp_path: Path,
) -> None:
    from app.model.leads import touchpoints
    from app.model.store import db

    with store.writer() as session:
        session.add(Campaign(name="Fair", created_at=NOW))
        session.commit()
        ann = lead_create.create(
            session,
            LeadFields(
                name='=HYPERLINK("http://evil")',
                company="+Plus Co",
                email="ann@example.com",
                phone="-123",
                notes="line one\nline two, with comma",
                tags=("VIP", "local"),
                estimated_value=Decimal("1500.25"),
                source_id=1,
                next_action="@call",
                next_action_due=datetime(2026, 11, 25).date(),
            ),
            temperature=Temperature.WARM,
            at=datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        )
        touchpoints.log_touchpoint(
            session, ann.id, "demo", at=NOW, new_temperature=Temperature.HOT, note="good"
        )
        won = lead_create.create(session, LeadFields(name="Bo"), at=NOW)
        lead_status.mark_won(session, won.id, Decimal("900"), at=NOW)
    first, first_tp = tmp_path / "a.csv", tmp_path / "a-tp.csv"
    with store.session() as session:
        assert export_leads(session, first) == 2
        assert export_touchpoints(session, first_tp) == 1
    cells = list(csv.reader(first.open(encoding="utf-8", newline="")))
    assert cells[1][0] == '\'=HYPERLINK("http://evil")'  # shown as text by spreadsheets
    column = cells[0].index
    assert cells[1][1] == "'+Plus Co" and cells[1][3] == "-123"
    assert cells[1][column("next_action")] == "'@call"
    # Bo was won for 900 with no estimate before: the deal is its value, no estimate
    assert cells[2][column("value")] == "900" and cells[2][column("estimated_value")] == ""

    other = db.open_store(db.sqlite_location(tmp_path / "empty.db"))
    with other.writer() as session:
        import_leads(session, first, now=NOW)
    with other.writer() as session:
        # the creation rows are already there; only the demo's move comes from the file
        report = import_touchpoints(session, first_tp, now=NOW)
    assert report.created == 1
    second, second_tp = tmp_path / "b.csv", tmp_path / "b-tp.csv"
    with other.session() as session:
        export_leads(session, second)
        export_touchpoints(session, second_tp)
        status = session.scalar(select(Lead.status).where(Lead.name == "Bo"))
    other.close()
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    assert second_tp.read_text(encoding="utf-8") == first_tp.read_text(encoding="utf-8")
    assert status == Status.WON.value


def test_touchpoints_import_sets_temperatures_and_reports_lines(
    store: Store, tmp_path: Path
) -> None:
    with store.writer() as session:
        lead_create.create(
            session,
            LeadFields(name="Ann", email="ann@example.com"),
            at=datetime(2026, 11, 1, tzinfo=UTC),
        )
        lead_create.create(session, LeadFields(name="Twin"), at=datetime(2026, 11, 1, tzinfo=UTC))
        lead_create.create(session, LeadFields(name="Twin"), at=datetime(2026, 11, 1, tzinfo=UTC))
    path = write(
        tmp_path,
        "lead;kind;at;temperature;person\n"
        "ann@example.com;meeting;2026-11-10 10:00;hot;Maya\n"
        "Twin;call;2026-11-10;;\n"
        "nobody@example.com;call;2026-11-10;;\n"
        "ann@example.com;call;2026-10-01;;\n",
        name="tp.csv",
    )
    with store.writer() as session, pytest.raises(ImportRejectedError) as caught:
        import_touchpoints(session, path, now=NOW)
    assert [p.format(path) for p in caught.value.problems] == [
        f"{path}:3: 2 leads are called 'Twin' (no email or company, added 2026-11-01; no "
        "email or company, added 2026-11-01); give the one meant an email in Hearth and "
        "write that instead of the name",
        f"{path}:4: there is no lead with the email or name 'nobody@example.com'",
        f"{path}:5: A contact with Ann cannot be before the lead was created.",
    ]
    assert count(store, Touchpoint) == 0
    with store.writer() as session:
        report = import_touchpoints(session, path, now=NOW, skip_invalid=True)
    assert report.created == 1 and len(report.skipped) == 3
    with store.session() as session:
        ann = session.scalars(select(Lead).where(Lead.email == "ann@example.com")).one()
    assert ann.temperature == "hot"
    assert ann.last_contact_at == datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    assert count(store, Touchpoint) == 1
    assert count(store, Person) == 1


PHONES = (
    "+33 6 12 34 56 78",
    "+1 (555) 010-9999",
    "-12.50",
    "(030) 123.45",
    "0049 30 1234",
    "+49 (0)30 123 456-7",
    "12345",
)
FORMULAS = ("=1+2", "+SUM(A1:A9)", "-2+cmd|' /C calc'!A0", "@x", "+", "- (", "+33 6 12\t34")


def test_a_phone_number_exports_as_typed_and_a_formula_stays_guarded(
    store: Store, tmp_path: Path
) -> None:
    with store.writer() as session:
        for n, (phone, formula) in enumerate(zip(PHONES, FORMULAS, strict=True)):
            lead_create.create(
                session,
                LeadFields(name=f"Lead {n}", email=f"{n}@example.com", phone=phone, notes=formula),
                at=NOW,
            )
    exported = tmp_path / "leads.csv"
    with store.session() as session:
        export_leads(session, exported)
    rows = list(csv.DictReader(exported.open(encoding="utf-8", newline="")))
    assert [row["phone"] for row in rows] == list(PHONES)  # as typed, no leading '
    assert [row["notes"] for row in rows] == ["'" + f for f in FORMULAS]
    with store.writer() as session:  # and it reads back as it was
        report = import_leads(session, exported, now=NOW)
    assert report.updated == len(PHONES)
    with store.session() as session:
        stored = session.execute(select(Lead.phone, Lead.notes).order_by(Lead.id)).all()
    assert [tuple(row) for row in stored] == list(zip(PHONES, FORMULAS, strict=True))


def test_a_new_lead_without_an_owner_is_the_importers_and_a_dry_run_says_would(
    set_up_store: Store, tmp_path: Path
) -> None:
    """The window imports as the person it is for: a new lead whose row names no owner is
    theirs, as one typed in is; a row naming one keeps it; an update keeps the lead's."""
    store = set_up_store
    with store.writer() as session:
        lead_create.create(session, LeadFields(name="Old", email="old@example.com"), at=NOW)
        ann = session.scalars(select(Person.id)).one()
    path = write(
        tmp_path,
        "name,email,owner\nNew,new@example.com,\nNamed,named@example.com,Bo\n"
        "Old again,OLD@example.com,\n",
    )
    tried = run(store, path, dry_run=True, person_id=ann, owner_id=ann)
    assert tried.summary().startswith(f"{path}: would import 2 new leads, would update 1 (")
    assert tried.notes == [f"{path}:4: would update the lead with email OLD@example.com"]
    assert count(store, Lead) == 1
    run(store, path, person_id=ann, owner_id=ann)
    with store.session() as session:
        owners = {
            lead.name: (session.get(Person, lead.owner_id).name if lead.owner_id else None)  # type: ignore[union-attr]
            for lead in session.scalars(select(Lead))
        }
    assert owners == {"New": "Ann", "Named": "Bo", "Old again": None}
