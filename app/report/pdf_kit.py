"""The pieces Hearth's PDFs are made of (reportlab platypus): paragraph styles, table cells
from user text, long tables that flow across pages, two tables side by side, and a document
with "page N of M" in its footer.

Text a user typed becomes a cell through `Cells`: a plain string when it fits its column in
the regular font (reportlab lays those out far faster), else a wrapping Paragraph of
`fonts.markup` (escaped, with the CJK fallback font).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from io import BytesIO
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.report import fonts
from app.report.fonts import BOLD, REGULAR, markup

if TYPE_CHECKING:
    from reportlab.platypus.tables import _TableCommand

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
MARGIN = 16 * mm
CHUNK = 150  # rows per table piece: reportlab lays out one huge table very slowly
SIDE_BY_SIDE_ROWS = 25  # longer tables go one under the other
TEXT = colors.HexColor("#222222")
MUTED = colors.HexColor("#6d6a75")
RULE = colors.HexColor("#d9d6de")
HEAD_BG = colors.HexColor("#f1eff3")
ACCENT = colors.HexColor("#b4481b")


@cache
def styles() -> dict[str, ParagraphStyle]:
    # bulletFontName is not taken from fontName: without it bullets are drawn in a Helvetica
    # that is not embedded in the file.
    base = ParagraphStyle(
        "base",
        fontName=REGULAR,
        bulletFontName=REGULAR,
        fontSize=9,
        leading=11.5,
        textColor=TEXT,
    )
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


def cell(text: str, width: float) -> Any:
    """User text as a table cell `width` wide."""
    style = styles()["cell"]
    if (
        len(text) < 80
        and stringWidth(text, REGULAR, style.fontSize) <= width - 6
        and not fonts.needs_fallback(text)
    ):
        return text
    return Paragraph(markup(text), style)


def table(
    header: Sequence[str],
    rows: list[list[Any]],
    widths: Sequence[float],
    *,
    right: Sequence[int] = (),
) -> list[Flowable]:
    """A table cut into chunks of CHUNK rows, each repeating the header row."""
    style: list[_TableCommand] = [
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
        piece = Table(
            [list(header)] + rows[first : first + CHUNK],
            colWidths=list(widths),
            repeatRows=1,
            hAlign="LEFT",
        )
        piece.setStyle(TableStyle(style))
        pieces.append(piece)
    return pieces


def side_by_side(left: list[Flowable], right: list[Flowable], half: float) -> list[Flowable]:
    """Two short tables next to each other; one under the other when either is long (a
    table's cell cannot continue onto the next page)."""
    if len(left) > 1 or len(right) > 1 or max(_rows(left), _rows(right)) > SIDE_BY_SIDE_ROWS:
        return [*left, Spacer(1, 3 * mm), *right]
    return [row_of([left, right], [half + 6 * mm, half])]


def row_of(cells: list[Any], widths: list[float]) -> Table:
    """Flowables laid out side by side, top-aligned, without padding at the sides — in our
    own font (a table's cells otherwise start in a Helvetica that is not embedded)."""
    row = Table([cells], colWidths=widths, hAlign="LEFT")
    row.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return row


def _rows(pieces: list[Flowable]) -> int:
    return sum(len(getattr(piece, "_cellvalues", ())) for piece in pieces)


class _NumberedCanvas(Canvas):
    """Writes the footer and "page N of M" once the number of pages is known."""

    footer = ""  # paragraph markup
    first_page_only = False  # stop (_FirstPageDoneError) once the first page is laid out
    stop: Callable[[], bool] | None = None  # asked after each page: give up (PdfStoppedError)?
    # reportlab's own members that this "page N of M" recipe uses and its stubs leave out
    # (they are private): the page size, and the call that starts the next page.
    _pagesize: tuple[float, float]
    _startPage: Callable[[], None]  # noqa: N815 (reportlab's name)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Every page starts in our own font: reportlab's default start (Helvetica, which is
        # not embedded) would otherwise be named on every page, used or not.
        kwargs["initialFontName"] = kwargs.get("initialFontName") or REGULAR
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        if self.first_page_only:
            raise _FirstPageDoneError
        if self.stop is not None and self.stop():
            raise PdfStoppedError
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            width, _height = self._pagesize
            self.setFont(REGULAR, 7.5)
            self.setFillColor(MUTED)
            footer = Paragraph(self.footer, styles()["small"])
            footer.wrapOn(self, width - 2 * MARGIN - 30 * mm, 10 * mm)
            footer.drawOn(self, MARGIN, 9 * mm - 2)
            of = "…" if self.first_page_only else total
            self.drawRightString(width - MARGIN, 9 * mm, f"page {self.getPageNumber()} of {of}")
            super().showPage()
        super().save()


def render(
    story: list[Flowable],
    *,
    page_size: str,
    title: str,
    author: str,
    footer: str,
    first_page_only: bool = False,
    stop: Callable[[], bool] | None = None,
) -> bytes:
    """The document's bytes; `footer` (markup) goes on every page beside its number.
    `first_page_only`: the first page alone, numbered "page 1 of …" (laid out as in the
    whole document: a preview's first look, #19). `stop`, asked after each page laid out:
    when it says yes, PdfStoppedError (a PDF no longer wanted ends within a page)."""
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZES.get(page_size, A4),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        author=author,
        creator="Hearth",
    )

    made: list[_NumberedCanvas] = []

    class Numbered(_NumberedCanvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    Numbered.footer = footer
    Numbered.first_page_only = first_page_only
    Numbered.stop = staticmethod(stop) if stop is not None else None
    try:
        doc.build(story, canvasmaker=Numbered)
    except _FirstPageDoneError:
        made[-1].save()
    return buffer.getvalue()


class _FirstPageDoneError(Exception):
    """The first page is laid out: the rest of the document is not wanted."""


class PdfStoppedError(Exception):
    """`render`'s `stop` said the document is no longer wanted."""


def text_width(page_size: str) -> float:
    return PAGE_SIZES.get(page_size, A4)[0] - 2 * MARGIN
