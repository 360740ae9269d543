"""File → Import: a preview of the file as read, its problems, then the import."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.model.store.db import Store
from app.model.store.entities import Lead
from app.ui.leads.access import LeadAccess
from app.ui.leads.import_dialog import ImportDialog


def _lead_count(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Lead)) or 0)


def test_preview_shows_rows_and_problems_then_imports_the_valid_rows(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(
        "name;company;temperature\nAnn;North;warm\nBo;;boiling\nCy;South;\n", encoding="utf-8"
    )
    dialog = ImportDialog(LeadAccess(store))
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert dialog.rows.rowCount() == 3 and dialog.rows.item(1, 1).text() == "Bo"
    assert dialog.problems.rowCount() == 1
    assert dialog.problems.item(0, 0).text() == "3"
    assert "boiling" in dialog.problems.item(0, 1).text()
    bad = dialog.rows.item(1, 1)  # line 3 is marked where it is read, with why
    assert bad.background().color().name() == "#f8d7d3" and "boiling" in bad.toolTip()
    assert dialog.rows.item(0, 1).toolTip() == ""
    assert dialog.rows.verticalHeader().isHidden()  # one numbering: the file's lines
    assert not dialog.import_button.isEnabled()
    assert _lead_count(store) == 0  # the preview wrote nothing

    dialog.skip_invalid.setChecked(True)
    assert dialog.import_button.isEnabled()
    assert "would import 2 new leads, would skip 1 invalid row" in dialog.verdict.text()
    with qtbot.waitSignal(dialog.imported) as imported:
        dialog.import_button.click()
    assert "imported 2 new leads" in imported.args[0]
    assert _lead_count(store) == 2


def test_the_delimiter_can_be_corrected(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("name\tcompany\nAnn\tNorth\n", encoding="utf-8")
    dialog = ImportDialog(LeadAccess(store))
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert "tab-separated" in dialog.verdict.text()
    dialog.delimiter.setCurrentIndex(1)  # comma: then the header is one column
    assert dialog.rows.columnCount() == 1  # only "line": no known column
    assert not dialog.import_button.isEnabled()


def test_a_vcard_file_is_recognised(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    path = tmp_path / "people.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Zoë\nEND:VCARD\n", encoding="utf-8")
    dialog = ImportDialog(LeadAccess(store))
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert dialog.kind.currentData() == "vcard"
    assert "would import 1 new lead" in dialog.verdict.text()


def test_the_decimal_mark_can_be_chosen(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value the file cannot tell (1.500: 1500 or 1.5?) is its line's problem until the
    owner says which mark the file uses."""
    for name in ("LC_ALL", "LC_NUMERIC", "LANG"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "leads.csv"
    path.write_text("name;value\nAnn;1.500\n", encoding="utf-8")
    dialog = ImportDialog(LeadAccess(store))
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert (
        "1500 with a decimal comma but 1.5 with a decimal point"
        in dialog.problems.item(0, 1).text()
    )
    assert not dialog.import_button.isEnabled()
    dialog.decimal.setCurrentIndex(dialog.decimal.findData(","))
    assert "decimal comma" in dialog.verdict.text()
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    with store.session() as session:
        assert session.scalar(select(Lead.estimated_value)) == 1500


def test_imported_leads_are_the_person_this_computer_is_for(
    qtbot: QtBot, set_up_store: Store, tmp_path: Path
) -> None:
    from app.model import people

    path = tmp_path / "leads.csv"
    path.write_text("name,company\nAnn,North\n", encoding="utf-8")
    access = LeadAccess(set_up_store)
    with set_up_store.session() as session:
        access.person_id = people.list_people(session)[0].id
    dialog = ImportDialog(access)
    qtbot.addWidget(dialog)
    dialog.load(path)
    dialog.import_button.click()
    with set_up_store.session() as session:
        assert session.scalars(select(Lead.owner_id)).one() == access.person_id
