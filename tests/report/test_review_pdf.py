"""The review PDF: whatever a user typed prints as typed, in embedded fonts, and a failed
write leaves nothing behind."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.model.enums import Temperature
from app.model.errors import HearthError
from app.model.leads import create as lead_create
from app.model.leads import service as leads
from app.model.leads import status as lead_status
from app.model.leads.service import LeadFields
from app.model.review.build import weekly_review
from app.model.safety import atomic_file
from app.model.store.db import Store
from app.report import review_pdf
from app.report.pdf_kit import PdfStoppedError

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # Friday of 2026-W47
LONG = " ".join(["Wolkenkratzerfensterputzer"] * 19)[:500]
NAMES = [
    "<b>Bold</b> Bakery",
    "Tom &amp; Jerry",
    "李雷",
    "محمد",
    "Zoë Ångström",
    "Ωμέγα Кирилл",
    '<img src="/nonexistent/secret.png"/> Ivy',
    "Quote \"double\" and 'single'",
    LONG,
]


def _text(path: Path) -> str:
    reader = PdfReader(path)
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def hostile_week(set_up_store: Store) -> Store:
    with set_up_store.writer() as session:
        for n, name in enumerate(NAMES):
            lead = lead_create.create(
                session,
                LeadFields(name=name, company=name if n % 2 else ""),
                temperature=Temperature.HOT,
                # the first turns warm: it prints as a stale lead, untouched for 20 days; the
                # second stays hot as long, and the advice (with its bullet) asks to call it
                at=NOW - timedelta(days=20 if n < 2 else 2, hours=n),
            ).id
            if n == 0:
                leads.set_temperature(session, lead, Temperature.WARM, at=NOW - timedelta(days=1))
        won = lead_create.create(
            session, LeadFields(name="李雷 & <i>Sons</i>"), at=NOW - timedelta(days=1)
        )
        lead_status.mark_won(session, won.id, Decimal("1234.50"), at=NOW - timedelta(hours=2))
    return set_up_store


def test_every_name_prints_as_typed_in_embedded_fonts(hostile_week: Store, tmp_path: Path) -> None:
    with hostile_week.session() as session:
        review = weekly_review(session, "2026-W47", now=NOW)
    target = review_pdf.write_pdf(review, tmp_path / "review.pdf")
    text = _text(target)
    for name in NAMES + ["李雷 & <i>Sons</i>"]:
        assert "".join(name.split()) in text, name
    assert "1,234.50" in text
    fonts = set()
    for page in PdfReader(target).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            # Every font is embedded: a standard font (Helvetica, say) has no descriptor.
            descriptor = descendant.get("/FontDescriptor")
            assert descriptor is not None, f"{font['/BaseFont']} is not embedded"
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]  # TrueType
            fonts.add(re.sub(r"^/?[A-Z]{6}\+", "", str(font["/BaseFont"])))
    assert {"DejaVuSans", "DejaVuSans-Bold", "DroidSansFallback"} <= fonts
    assert review.advice  # the advice's bullets were drawn too


# Each name, and how it must read back from the PDF: drawn in an embedded font, or (for a
# character no embedded font has) its name in brackets. Never a character silently gone.
EMOJI_NAMES = {
    "Café ☕ party 🎉": "Café ☕ party 🎉",
    "Thumbs 👍🏽 up 🚀 ✅": "Thumbs 👍🏽 up 🚀 ✅",
    "Family 👨\u200d👩\u200d👧 & 🇫🇷": "Family 👨\u200d👩\u200d👧 & 🇫🇷",
    "Melting 🫠 Tear 🥲": "Melting [melting face] Tear [smiling face with tear]",
    "Bell\x07Ring": "Bell[U+0007]Ring",
}


def test_emoji_are_drawn_or_visibly_replaced_never_dropped(
    set_up_store: Store, tmp_path: Path
) -> None:
    with set_up_store.writer() as session:
        for n, name in enumerate(EMOJI_NAMES):
            lead = lead_create.create(
                session,
                LeadFields(name=name, company="Bäckerei 🥨" if n == 0 else ""),
                temperature=Temperature.HOT,
                at=NOW - timedelta(days=2, hours=n),
            )
        lead_status.mark_won(session, lead.id, Decimal("10"), at=NOW - timedelta(hours=1))
        review = weekly_review(session, "2026-W47", now=NOW)
    target = review_pdf.write_pdf(review, tmp_path / "review.pdf")
    text = _text(target)
    assert "\x00" not in text  # a character no font had came out as nothing before
    for printed in [*EMOJI_NAMES.values(), "Bäckerei 🥨"]:
        assert "".join(printed.split()) in text, printed


def test_markup_is_escaped_not_obeyed() -> None:
    from app.report.fonts import markup

    assert markup('<img src="x"/> & 李雷 Li') == (
        '&lt;img src="x"/&gt; &amp; <font face="HearthFallback">李雷 </font>Li'
    )


def test_a_week_with_nothing_still_makes_a_page(set_up_store: Store, tmp_path: Path) -> None:
    with set_up_store.session() as session:
        review = weekly_review(session, "2026-W02", now=NOW)
    target = review_pdf.write_pdf(review, tmp_path / "empty.pdf")
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    text = _text(target)
    assert "Nothingstandsout" in text and "page1of1" in text


def test_long_lists_continue_with_their_header_repeated(
    set_up_store: Store, tmp_path: Path
) -> None:
    with set_up_store.writer() as session:
        lead_create.create_many(
            session,
            [
                lead_create.NewLead(
                    LeadFields(name=f"Lead {n:03d}"), Temperature.HOT, NOW - timedelta(days=1)
                )
                for n in range(400)
            ],
        )
        session.commit()
        review = weekly_review(session, "2026-W47", now=NOW)
    target = review_pdf.write_pdf(review, tmp_path / "long.pdf")
    reader = PdfReader(target)
    pages = [page.extract_text() for page in reader.pages]
    with_list = [p for p in pages if "Lead 2" in p]
    assert len(with_list) >= 3
    assert all("Last contact" in p for p in with_list)  # the header on every page of the list
    assert "Lead 399" in "".join(pages)
    # The first page alone (the Review page's first look) is the whole one's first page.
    first = PdfReader(BytesIO(review_pdf.build(review, first_page_only=True))).pages
    assert len(first) == 1
    assert first[0].extract_text().replace("page 1 of …", "") == pages[0].replace(
        f"page 1 of {len(pages)}", ""
    )
    # A PDF no longer wanted (the Review page moved on) gives up after the page it is on.
    asked: list[int] = []

    def after_two_pages() -> bool:
        asked.append(1)
        return len(asked) >= 2

    with pytest.raises(PdfStoppedError):
        review_pdf.build(review, stop=after_two_pages)
    assert len(asked) == 2 < len(pages)
    assert len(PdfReader(BytesIO(review_pdf.build(review, stop=lambda: False))).pages) == len(pages)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    set_up_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with set_up_store.session() as session:
        review = weekly_review(session, "2026-W47", now=NOW)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "review.pdf"
    target.write_bytes(b"the old review")

    def broken(*_args: object, **_kw: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", broken)
    with pytest.raises(HearthError, match="No space left on device"):
        review_pdf.write_pdf(review, target)
    assert target.read_bytes() == b"the old review"
    assert [p.name for p in folder.iterdir()] == ["review.pdf"]
    with pytest.raises(HearthError, match="does not exist"):
        review_pdf.write_pdf(review, tmp_path / "missing" / "review.pdf")


def test_the_goal_and_pipeline_section_near_the_top(set_up_store: Store, tmp_path: Path) -> None:
    """Before the advice: the pacing in words and as a bar, the pipeline by temperature with
    its rates, next week's split and why; the 8-week trend has the pace."""
    from app.model.goals import service as goals

    with set_up_store.writer() as session:
        goals.set_goal(session, "2026-11", Decimal("30000"))
        session.commit()
        lead_create.create(
            session,
            LeadFields(name="Hal", estimated_value=Decimal("18000")),
            temperature=Temperature.HOT,
            at=NOW - timedelta(days=3),
        )
        won = lead_create.create(session, LeadFields(name="Wo"), at=NOW - timedelta(days=9))
        lead_status.mark_won(session, won.id, Decimal("12400"), at=NOW - timedelta(days=2))
    with set_up_store.session() as session:
        review = weekly_review(session, "2026-W47", now=NOW + timedelta(days=7))
    path = review_pdf.write_pdf(review, tmp_path / "goal.pdf")
    text = _text(path)
    goal = text.index("Goalandpipeline")
    assert goal < text.index("Whattochangenextweek")
    assert "Salespacing:12,400EURof30,000EUR" in text
    assert "won12,400" in text and "expectedbynow21,429" in text and "goal30,000" in text
    # Hal: 18,000 × 0.5 (no closed hot lead yet); Wo (won, began cold) makes cold 1 of 1.
    assert "hot118,000.0050%09,000.00" in text
    assert "Nextweek(2026-W48):" in text
    assert text.count("Pace") >= 1


@pytest.mark.sqlite_only  # the probe opens the file in a process of its own
def test_the_fallback_fonts_are_read_only_when_a_text_needs_them(set_up_store: Store) -> None:
    """Parsing Droid Sans Fallback and Symbola was most of a first PDF's time (#19): a week
    written in DejaVu's characters alone never reads them; a name in Chinese does."""
    import subprocess
    import sys

    from tests import ROOT

    path = set_up_store.location.path
    assert path is not None
    set_up_store.close()
    probe = f"""
from datetime import datetime, UTC
from reportlab.pdfbase import pdfmetrics
from app.model.review.build import weekly_review
from pathlib import Path
from app.model.store.db import open_store, sqlite_location
from app.report import review_pdf
from app.report.fonts import markup
store = open_store(sqlite_location(Path({str(path)!r})))
with store.session() as session:
    review = weekly_review(session, "2026-W47", now=datetime(2026, 11, 20, 15, tzinfo=UTC))
assert review_pdf.build(review).startswith(b"%PDF")
print("AFTER_PLAIN", sorted(pdfmetrics.getRegisteredFontNames()))
markup("李雷")
print("AFTER_CHINESE", sorted(pdfmetrics.getRegisteredFontNames()))
"""
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    plain, chinese = result.stdout.splitlines()[-2:]
    assert "HearthSans" in plain and "HearthFallback" not in plain and "HearthSymbols" not in plain
    assert "HearthFallback" in chinese and "HearthSymbols" not in chinese
