"""Any Unicode in any text field comes back exactly: markup-like text, control characters,
right-to-left and joined emoji, and 10,000-character notes — through the window, a CSV round
trip and the PDF. (Short identifying fields have limits, refused with a sentence: a name of
at most 500 characters.)"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.model import first_run
from app.model.enums import Temperature
from app.model.io.csv_reader import read_csv
from app.model.io.leads import export_leads, import_leads
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import touchpoints
from app.model.leads.service import LeadFields
from app.model.store import db
from app.model.store.db import Store
from app.model.store.entities import Lead

AT = datetime(2026, 11, 17, 10, 0, tzinfo=UTC)
MARKUP = "<b>bold</b> & <script>alert('x')</script> &amp; <img src=x onerror=y>"
CONTROL = "bell\x07 escape\x1b[31m back\x08space tab\tend"
SCRIPTS = "\u202eevil\u202c Zoë 李雷 محمد Ελένη Юлия 👩\u200d👩\u200d👧 e\u0301"
FORMULA = '=HYPERLINK("http://x")'
LONG = ("Notes that go on and on — ünïcödé, 李, محمد. " * 300)[:10_000]
NAMES = [MARKUP[:200], CONTROL, SCRIPTS, FORMULA, "x" * 500]


@pytest.fixture
def hostile(set_up_store: Store) -> dict[str, int]:
    made = {}
    with set_up_store.writer() as session:
        for name in NAMES:
            lead = lead_create.create(
                session,
                LeadFields(name=name, company=SCRIPTS, notes=LONG + MARKUP + CONTROL),
                temperature=Temperature.HOT,
                at=AT,
            )
            touchpoints.log_touchpoint(session, lead.id, "call", at=AT, note=MARKUP + LONG)
            made[name] = lead.id
    return made


def stored(store: Store, lead_id: int) -> tuple[str, str, str]:
    with store.session() as session:
        lead = leads.get(session, lead_id)
        return lead.name, lead.company, lead.notes


def test_the_store_returns_every_character(set_up_store: Store, hostile: dict[str, int]) -> None:
    for name, lead_id in hostile.items():
        # a name's runs of spaces and tabs are folded into one space; the rest is kept
        assert stored(set_up_store, lead_id) == (
            " ".join(name.split()),
            SCRIPTS,
            LONG + MARKUP + CONTROL,
        )


def test_a_name_over_the_limit_is_refused_with_a_sentence(set_up_store: Store) -> None:
    with set_up_store.writer() as session, pytest.raises(Exception, match="at most 500"):
        lead_create.create(session, LeadFields(name="y" * 501))


def test_a_csv_round_trip_keeps_every_character(
    set_up_store: Store, hostile: dict[str, int], tmp_path: Path
) -> None:
    exported = tmp_path / "leads.csv"
    with set_up_store.session() as session:
        export_leads(session, exported)
    other = db.open_store(db.sqlite_location(tmp_path / "other.db"))
    with other.writer() as session:
        first_run.complete(session, first_run.FirstRunAnswers("Other", ("Ann",)))
    with other.writer() as session:
        report = import_leads(session, exported)
    assert report.created == len(NAMES)
    with other.session() as session:
        back = sorted(session.execute(select(Lead.name, Lead.company, Lead.notes)).all())
    with set_up_store.session() as session:
        here = sorted(session.execute(select(Lead.name, Lead.company, Lead.notes)).all())
    other.close()
    assert back == here
    again = tmp_path / "again.csv"
    with set_up_store.session() as session:
        export_leads(session, again)
    assert again.read_bytes() == exported.read_bytes()
    assert read_csv(exported, known=("name",)).problems == []


def test_the_window_shows_and_saves_every_character(
    qtbot: QtBot, set_up_store: Store, hostile: dict[str, int]
) -> None:
    from app.model.store import settings as settings_service
    from app.ui.leads.page import LeadsPage

    page = LeadsPage()
    qtbot.addWidget(page)
    with set_up_store.session() as session:
        page.set_access(page.access_type(set_up_store), settings_service.load(session))
    page.show()
    lead_id = hostile[SCRIPTS]
    page.select_lead(lead_id)
    assert page.detail.notes.toPlainText() == LONG + MARKUP + CONTROL
    assert page.detail.company.text() == SCRIPTS
    page.detail.company.setText(MARKUP + CONTROL)
    page.detail.company.editingFinished.emit()
    page.detail.notes.setPlainText(SCRIPTS + LONG)
    page.detail.notes.editing_finished.emit()
    assert stored(set_up_store, lead_id)[1:] == (MARKUP + CONTROL, SCRIPTS + LONG)
    page.select_lead(hostile[NAMES[0]])
    page.select_lead(lead_id)  # shown again from the store
    assert page.detail.company.text() == MARKUP + CONTROL


def test_the_pdf_prints_them_without_obeying_them(
    set_up_store: Store, hostile: dict[str, int], tmp_path: Path
) -> None:
    from app.model.review.build import weekly_review
    from app.report.review_pdf import write_pdf

    with set_up_store.session() as session:
        review = weekly_review(session, "2026-W47", now=datetime(2026, 11, 23, 9, tzinfo=UTC))
    path = tmp_path / "week.pdf"
    write_pdf(review, path)
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    for expected in ("<b>bold</b>", "<script>alert('x')</script>", "李雷", "Zoë", "HYPERLINK"):
        assert expected in text
