"""The weekly review as a printable PDF (reportlab platypus). It renders a `WeeklyReview`
and computes nothing of its own.

Every piece of text a user typed goes through `fonts.markup` (escaped, with a CJK fallback
font) before it reaches a Paragraph; short names that fit go into tables as plain strings,
which reportlab lays out far faster. Long tables are cut into chunks, each repeating its
header, so they flow across pages. The file is written next to its destination and renamed
into place: a failure never leaves a half-written PDF.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.model.errors import HearthError
from app.model.formatting import money, percent
from app.model.hours import marketing_share
from app.model.review_types import LeadLine, WeeklyReview
from app.report import charts, fonts
from app.report.fonts import BOLD, REGULAR, markup

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
MARGIN = 16 * mm
CHUNK = 150  # rows per table piece: reportlab lays out one huge table very slowly
TEXT = colors.HexColor("#222222")
MUTED = colors.HexColor("#6d6a75")
RULE = colors.HexColor("#d9d6de")
HEAD_BG = colors.HexColor("#f1eff3")
ACCENT = colors.HexColor("#b4481b")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=REGULAR, fontSize=9, leading=11.5, textColor=TEXT)
    return {
        "base": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, textColor=MUTED),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=17, leading=21),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=10, leading=13, textColor=MUTED
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=BOLD,
            fontSize=11.5,
            leading=14,
            spaceBefore=9,
            spaceAfter=4,
            textColor=ACCENT,
        ),
        "advice": ParagraphStyle(
            "advice",
            parent=base,
            fontSize=9.5,
            leading=12.5,
            leftIndent=10,
            bulletIndent=0,
            spaceAfter=1,
        ),
        "numbers": ParagraphStyle(
            "numbers",
            parent=base,
            fontSize=7.5,
            leading=9.5,
            leftIndent=10,
            textColor=MUTED,
            spaceAfter=4,
        ),
    }


def _date(moment: datetime | None) -> str:
    return "never" if moment is None else f"{moment.astimezone():%d %b %Y}"


class _Cells:
    """Table cells from user text: a plain string when it fits its column in the regular
    font, else a wrapping Paragraph."""

    def __init__(self, style: ParagraphStyle) -> None:
        self.style = style

    def __call__(self, text: str, width: float) -> Any:
        if (
            len(text) < 80
            and stringWidth(text, REGULAR, self.style.fontSize) <= width - 6
            and not fonts.needs_fallback(text)
        ):
            return text
        return Paragraph(markup(text), self.style)


def _table(
    header: Sequence[str],
    rows: list[list[Any]],
    widths: Sequence[float],
    *,
    right: Sequence[int] = (),
) -> list[Flowable]:
    """A table cut into chunks of CHUNK rows, each repeating the header row."""
    style = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8),
        ("FONT", (0, 0), (-1, 0), BOLD, 8),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
    ]
    style += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right]
    pieces: list[Flowable] = []
    for first in range(0, max(len(rows), 1), CHUNK):
        chunk = [list(header)] + rows[first : first + CHUNK]
        table = Table(chunk, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(style))
        pieces.append(table)
    return pieces


class _NumberedCanvas(Canvas):
    """Writes "page N of M" once the number of pages is known."""

    footer_left = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            width, _height = self._pagesize
            self.setFont(REGULAR, 7.5)
            self.setFillColor(MUTED)
            footer = Paragraph(self.footer_left, _styles()["small"])
            footer.wrapOn(self, width - 2 * MARGIN - 30 * mm, 10 * mm)
            footer.drawOn(self, MARGIN, 9 * mm - 2)
            self.drawRightString(width - MARGIN, 9 * mm, f"page {self._pageNumber} of {total}")
            super().showPage()
        super().save()


def build(review: WeeklyReview) -> bytes:
    """The PDF's bytes, on the review's page size."""
    fonts.register()
    size = PAGE_SIZES.get(review.page_size, A4)
    width = size[0] - 2 * MARGIN
    s = _styles()
    cell = _Cells(s["cell"])
    story: list[Flowable] = []
    time, leads = review.time, review.leads

    who = f" — {review.person}" if review.person else ""
    story.append(Paragraph(markup(review.business_name or "Hearth"), s["title"]))
    story.append(
        Paragraph(
            f"Weekly review {review.week}{markup(who)} · "
            f"{review.start:%a %d %b} – {review.end:%a %d %b %Y}",
            s["subtitle"],
        )
    )

    story.append(Paragraph("What to change next week", s["h2"]))
    if review.advice:
        for advice in review.advice:
            story.append(Paragraph(markup(advice.text), s["advice"], bulletText="•"))
            numbers = " · ".join(f"{label}: {value}" for label, value in advice.numbers)
            story.append(Paragraph(markup(numbers), s["numbers"]))
    else:
        story.append(Paragraph("Nothing stands out: keep the plan.", s["advice"]))

    story.append(Paragraph("Time: the balance", s["h2"]))
    story.append(Paragraph(markup(time.words), s["base"]))
    story.append(Spacer(1, 2 * mm))
    story.append(charts.balance(time, width))
    half = (width - 6 * mm) / 2
    by_category = [
        [cell(category, half * 0.5), side, f"{hours:.1f}"]
        for side, category, hours in time.by_category
    ]
    by_person = [
        [cell(name, half * 0.37), f"{m:.1f}", f"{sv:.1f}", percent(marketing_share(m, sv))]
        for name, m, sv in time.by_person
    ]
    left = _table(
        ["Category", "Side", "Hours"],
        by_category or [["no hours logged", "", ""]],
        [half * 0.5, half * 0.3, half * 0.2],
        right=(2,),
    )
    right = _table(
        ["Person", "Marketing", "Sales", "Mkt. share"],
        by_person or [["—", "", "", ""]],
        [half * 0.37, half * 0.21, half * 0.21, half * 0.21],
        right=(1, 2, 3),
    )
    story.append(Spacer(1, 3 * mm))
    story += _side_by_side(left, right, half)

    story.append(CondPageBreak(50 * mm))
    story.append(Paragraph("Leads", s["h2"]))
    temps = dict(leads.by_temperature)
    funnel_rows = [
        [
            str(leads.new),
            str(temps.get("cold", 0)),
            str(temps.get("warm", 0)),
            str(temps.get("hot", 0)),
            str(leads.warmed),
            str(leads.heated),
            str(leads.cooled),
            str(leads.won),
            str(leads.lost),
            money(leads.revenue),
        ]
    ]
    col = width / 10
    story += _table(
        [
            "New",
            "Cold",
            "Warm",
            "Hot",
            "Warmed",
            "To hot",
            "Cooled",
            "Won",
            "Lost",
            f"Revenue ({review.currency})",
        ],
        funnel_rows,
        [col * 0.85] * 9 + [width - col * 0.85 * 9],
        right=tuple(range(10)),
    )
    story.append(
        Paragraph(
            "Cold, warm and hot: open leads at the week's end. Warmed, to hot, cooled: moves "
            "in the week. Won, lost and revenue: in the week.",
            s["small"],
        )
    )
    sources = [[cell(name, half * 0.75), str(count)] for name, count in leads.new_by_source]
    reasons = [[cell(reason, half * 0.75), str(count)] for reason, count in leads.lost_reasons]
    story.append(Spacer(1, 3 * mm))
    story += _side_by_side(
        _table(
            ["New leads by source", "Leads"],
            sources or [["none this week", ""]],
            [half * 0.75, half * 0.25],
            right=(1,),
        ),
        _table(
            ["Lost: why", "Leads"],
            reasons or [["none this week", ""]],
            [half * 0.75, half * 0.25],
            right=(1,),
        ),
        half,
    )
    if leads.deals:
        story.append(CondPageBreak(35 * mm))
        story.append(Paragraph("Won in the week", s["h2"]))
        story += _table(
            ["Customer", "Date", f"Value ({review.currency})"],
            [
                [cell(d.name, width * 0.6), f"{d.at.astimezone():%a %d %b}", money(d.value)]
                for d in leads.deals
            ],
            [width * 0.6, width * 0.2, width * 0.2],
            right=(2,),
        )

    stale_ids = {line.id for line in leads.stale}

    def lead_rows(lines: tuple[LeadLine, ...], with_due: bool) -> list[list[Any]]:
        rows = []
        for line in lines:
            row = [
                cell(line.name, width * 0.34),
                cell(line.company, width * 0.24),
                line.temperature,
            ]
            if with_due:
                row += [
                    f"{line.due:%a %d %b}" if line.due else "",
                    cell(line.next_action, width * 0.18),
                ]
            else:
                hot_and_stale = line.temperature == "hot" and line.id in stale_ids
                row += [_date(line.last_contact), "stale" if hot_and_stale else ""]
            rows.append(row)
        return rows

    stale_warm = tuple(line for line in leads.stale if line.temperature != "hot")
    widths = [width * 0.34, width * 0.24, width * 0.08, width * 0.16, width * 0.18]
    stale_note = (
        f"No contact for {review.stale_days} days or more. Stale hot leads are marked in the "
        "list above."
    )
    for heading, lines, with_due, header, note in (
        (
            "Hot leads to act on",
            leads.hot,
            False,
            ["Lead", "Company", "Temp.", "Last contact", ""],
            "",
        ),
        (
            "Stale warm leads",
            stale_warm,
            False,
            ["Lead", "Company", "Temp.", "Last contact", ""],
            stale_note,
        ),
        (
            "Follow-ups due next week",
            leads.follow_ups,
            True,
            ["Lead", "Company", "Temp.", "Due", "Next action"],
            "",
        ),
    ):
        story.append(CondPageBreak(30 * mm))
        story.append(Paragraph(f"{heading}: {len(lines)}", s["h2"]))
        if note:
            story.append(Paragraph(note, s["small"]))
        if lines:
            story += _table(header, lead_rows(lines, with_due), widths)
        else:
            story.append(Paragraph("None.", s["small"]))

    story.append(CondPageBreak(40 * mm))
    story.append(Paragraph("Campaigns", s["h2"]))
    if review.campaigns:
        c_widths = [width * 0.2] + [width * 0.1] * 8
        story += _table(
            [
                "Campaign",
                "Cost",
                "Leads",
                "Won",
                "Revenue",
                "Cost/lead",
                "CAC",
                "Hours",
                "True CAC",
            ],
            [
                [
                    cell(c.name, c_widths[0]),
                    money(c.cost),
                    str(c.leads),
                    str(c.won),
                    money(c.revenue),
                    money(c.cost_per_lead),
                    money(c.cac),
                    f"{c.hours:.1f}",
                    money(c.true_cac),
                ]
                for c in review.campaigns
            ],
            c_widths,
            right=tuple(range(1, 9)),
        )
        story.append(
            Paragraph(
                "Campaigns running in the week or that brought leads in it; leads, wins and "
                "revenue up to the week's end. True CAC counts your hours at your hourly rate.",
                s["small"],
            )
        )
    else:
        story.append(Paragraph("No campaign ran or brought leads this week.", s["small"]))

    story.append(CondPageBreak(45 * mm))
    story.append(Paragraph("The last 8 weeks", s["h2"]))
    small = charts.trend(review.trend, width)
    row = Table(
        [small], colWidths=[d.width + 4 * mm for d in small[:-1]] + [small[-1].width], hAlign="LEFT"
    )
    row.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    )
    story.append(KeepTogether([row]))

    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=f"Weekly review {review.week}",
        author=review.business_name or "Hearth",
        creator="Hearth",
    )
    footer = (
        f"{markup(review.business_name or 'Hearth')} · weekly review {review.week} · "
        f"made {review.made_at.astimezone():%d %b %Y %H:%M}"
    )

    class Numbered(_NumberedCanvas):
        footer_left = footer

    doc.build(story, canvasmaker=Numbered)
    return buffer.getvalue()


def _side_by_side(left: list[Flowable], right: list[Flowable], half: float) -> list[Flowable]:
    """Two short tables next to each other; one under the other when either is long (a
    table's cell cannot continue onto the next page)."""
    if len(left) > 1 or len(right) > 1 or max(_rows(left), _rows(right)) > 25:
        return [*left, Spacer(1, 3 * mm), *right]
    table = Table([[left, right]], colWidths=[half + 6 * mm, half], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table]


def _rows(pieces: list[Flowable]) -> int:
    return sum(len(getattr(piece, "_cellvalues", ())) for piece in pieces)


def write_pdf(review: WeeklyReview, target: Path) -> Path:
    """Write the review's PDF to `target` atomically."""
    return write_bytes(build(review), target)


def write_bytes(data: bytes, target: Path) -> Path:
    """Write a file atomically: a temporary file beside it, synced, renamed into place."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise HearthError(f"Cannot write {target}: the folder {folder} does not exist.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".hearth-", suffix=".pdf", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise HearthError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    return target
