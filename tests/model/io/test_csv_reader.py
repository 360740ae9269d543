"""The one CSV reader's rules, through the importers: a quote never closed, one decimal mark
per file, one encoding per file (and never a name replaced by its mojibake), UTF-16."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.model.io.campaigns import import_campaigns
from app.model.io.csv_reader import ImportRejectedError
from app.model.io.leads import export_leads, import_leads
from app.model.leads import create as lead_create
from app.model.leads.service import LeadFields
from app.model.store.db import Store
from app.model.store.entities import Campaign, Lead

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def locale_without_a_decimal_mark(monkeypatch: pytest.MonkeyPatch) -> None:
    """The C locale: it says nothing about decimal marks (a test that wants one sets it)."""
    for name in ("LC_ALL", "LC_NUMERIC", "LANG"):
        monkeypatch.delenv(name, raising=False)


def write(tmp_path: Path, data: str | bytes, name: str = "leads.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def run(store: Store, path: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    with store.writer() as session:
        return import_leads(session, path, now=NOW, date_order="DMY", **kwargs)  # type: ignore[arg-type]


def refused(store: Store, path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(ImportRejectedError) as caught:
        run(store, path, **kwargs)
    return [p.format(path) for p in caught.value.problems]


def leads(store: Store) -> list[tuple[str, str, Decimal | None]]:
    with store.session() as session:
        rows = session.execute(
            select(Lead.name, Lead.email, Lead.estimated_value).order_by(Lead.id)
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def lead_count(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Lead)) or 0)


# A quote never closed ---------------------------------------------------------------------


def test_a_quote_never_closed_is_its_lines_problem_and_nothing_is_imported(
    store: Store, tmp_path: Path
) -> None:
    """Issue 16.2: H and I vanished into G's email, and A and G were imported."""
    path = write(
        tmp_path,
        'name,email,notes\nA,a@x.de,first\nG,"unterminated,note\nH,h@x.de,second\nI,i@x.de,third\n',
    )
    assert refused(store, path) == [
        f'{path}:3: a quote (") opens a field on this line and is never closed: lines 3–5, '
        "to the end of the file, were read as one field"
    ]
    assert lead_count(store) == 0
    # Not even the rows before it, with --skip-invalid: the file's shape is wrong.
    assert len(refused(store, path, skip_invalid=True)) == 1
    assert lead_count(store) == 0


def test_a_quote_that_carries_lines_into_an_email_is_its_lines_problem(
    store: Store, tmp_path: Path
) -> None:
    """Closed again further down, the quote still swallowed a line break and delimiters into
    a column that holds one line."""
    path = write(
        tmp_path,
        'name,email,notes\nA,a@x.de,first\nG,"g@x.de,note\nH,h@x.de,"second\nI,i@x.de,third\n',
    )
    assert refused(store, path) == [
        f'{path}:3: a quote (") on this line is not closed where it should be: the field it '
        "opens runs to line 4, where a quote is followed by other text; a quote inside a "
        'quoted field is written twice ("")'
    ]
    assert lead_count(store) == 0
    # Closed right before a delimiter, the quote reads as valid CSV: the email's line break
    # still tells.
    path = write(
        tmp_path,
        'name,email,notes\nA,a@x.de,first\nG,"g@x.de,note\nH,h@x.de",second\nI,i@x.de,third\n',
    )
    assert refused(store, path) == [
        f'{path}:3: the email runs over lines 3–4, but it holds one line: a quote (") on this '
        "line is probably not closed"
    ]


def test_line_breaks_in_quoted_notes_are_still_welcome(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, 'name,email,notes\nA,a@x.de,"first\nsecond"\nB,b@x.de,\n')
    assert run(store, path).created == 2
    with store.session() as session:
        assert session.scalar(select(Lead.notes).where(Lead.name == "A")) == "first\nsecond"


# One decimal mark per file ---------------------------------------------------------------


def test_a_files_unambiguous_value_decides_how_all_are_read(store: Store, tmp_path: Path) -> None:
    """Issue 16.4: 1.500 was read as 1.5 next to 1.234,56 in the same semicolon file."""
    path = write(tmp_path, "name;value\nA;1.500\nB;1.234,56\nC;12\n")
    report = run(store, path)
    assert [value for _n, _e, value in leads(store)] == [
        Decimal("1500"),
        Decimal("1234.56"),
        Decimal("12"),
    ]
    assert "(read as UTF-8, semicolon-separated, decimal comma)" in report.summary()


def test_a_value_written_with_the_other_mark_is_its_lines_problem(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, "name;value\nA;1.234,56\nB;1,234.56\n")
    assert refused(store, path) == [
        f"{path}:3: '1,234.56' is written with a decimal point, but this file is read with a "
        "decimal comma (as line 2 shows)"
    ]
    assert lead_count(store) == 0


def test_a_value_nothing_can_tell_is_its_lines_problem(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "name;value\nA;1.500\nB;20\n")
    assert refused(store, path) == [
        f"{path}:2: '1.500' is 1500 with a decimal comma but 1.5 with a decimal point, and "
        "nothing in the file tells which it uses; choose the decimal mark (--decimal , or "
        "--decimal .)"
    ]
    assert lead_count(store) == 0


def test_the_locale_tells_when_the_file_cannot(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    path = write(tmp_path, "name;value\nA;1.500\n")
    report = run(store, path)
    assert leads(store) == [("A", "", Decimal("1500"))]
    assert report.decimal == "decimal comma"


def test_the_decimal_mark_can_be_chosen(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "name;value\nA;1.500\nB;2.000,5\n")
    assert refused(store, path, decimal=".") == [
        f"{path}:3: '2.000,5' is written with a decimal comma, but this file is read with a "
        "decimal point (as chosen for this import)"
    ]
    path = write(tmp_path, "name;value\nA;1.500\nB;2,5\n")
    assert run(store, path, decimal=",").decimal == "decimal comma"
    assert [value for _n, _e, value in leads(store)] == [Decimal("1500"), Decimal("2.5")]


def test_campaign_costs_follow_the_same_rule(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "name;cost\nFair;1.500\nAds;99,90\n", name="campaigns.csv")
    with store.writer() as session:
        import_campaigns(session, path)
    with store.session() as session:
        costs = {name: cost for name, cost in session.execute(select(Campaign.name, Campaign.cost))}
    assert costs == {"Fair": Decimal("1500"), "Ads": Decimal("99.9")}


# One encoding per file ---------------------------------------------------------------------


def test_one_windows_1252_line_in_a_utf8_file_is_named_not_guessed(
    store: Store, tmp_path: Path
) -> None:
    """Issue 16.5: the whole file was re-read as Windows-1252, and an existing "Müller"
    became "MÃ¼ller"."""
    with store.writer() as session:
        lead_create.create(session, LeadFields(name="Müller", email="m@x.de"), at=NOW)
    data = "name,email\nMüller,m@x.de\n".encode() + "Zürich,z@x.de\n".encode("cp1252")
    path = write(tmp_path, data)
    assert refused(store, path) == [
        f"{path}:3: this line is not UTF-8 (byte 0xFC), though the file's other lines are; "
        "save the whole file as UTF-8"
    ]
    assert leads(store) == [("Müller", "m@x.de", None)]


def test_an_update_to_a_names_mojibake_is_never_silent(store: Store, tmp_path: Path) -> None:
    with store.writer() as session:
        lead_create.create(
            session, LeadFields(name="Müller", email="m@x.de", company="Bäckerei"), at=NOW
        )
    path = write(tmp_path, "name,email,company\nMÃ¼ller,m@x.de,Bäckerei\n")
    assert refused(store, path) == [
        f"{path}:2: this would change the name 'Müller' to 'MÃ¼ller', which is how 'Müller' "
        "looks when UTF-8 is read as Windows-1252; save the file as UTF-8 and import it again"
    ]
    assert leads(store) == [("Müller", "m@x.de", None)]


def test_a_utf16_file_with_its_byte_order_mark_is_read(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "name\tcompany\r\nZoë Ekström\tCafé Nord\r\n".encode("utf-16"))
    report = run(store, path)
    assert (report.created, report.encoding, report.delimiter) == (1, "UTF-16", "tab")
    assert leads(store) == [("Zoë Ekström", "", None)]


def test_a_utf16_file_without_its_mark_is_named_as_such(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "name,company\nZoë,Café\n".encode("utf-16-le"))
    assert refused(store, path) == [
        f"{path}:1: this is UTF-16 text without a byte-order mark, so Hearth cannot tell its "
        "byte order; save it as UTF-8 (or as UTF-16 with a byte-order mark)"
    ]


def test_hearths_own_export_reads_back_whatever_the_locale(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An export never writes a value that a decimal-comma locale would read another way:
    1.234 is written 1.2340, which only a decimal point can read."""
    with store.writer() as session:
        lead_create.create(
            session,
            LeadFields(name="Ann", email="a@x.de", estimated_value=Decimal("1.234")),
            at=NOW,
        )
    exported = tmp_path / "out.csv"
    with store.session() as session:
        export_leads(session, exported)
    assert ",1.2340," in exported.read_text(encoding="utf-8")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert run(store, exported).updated == 1
    assert leads(store) == [("Ann", "a@x.de", Decimal("1.234"))]
