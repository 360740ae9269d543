"""The PDF's fonts, embedded, and user text made safe for reportlab paragraphs.

DejaVu Sans covers Latin, Greek, Cyrillic, Arabic and Hebrew; Droid Sans Fallback covers
Chinese, Japanese and Korean. reportlab does not fall back from one font to another on its
own, so `markup` escapes the text (reportlab's paragraph markup in a lead's name must print
as typed and never be obeyed — no `<img src=…>` reading a file) and wraps each run of
characters DejaVu lacks in the fallback font.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "HearthSans"
BOLD = "HearthSans-Bold"
FALLBACK = "HearthFallback"
_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}


@cache
def register() -> None:
    """Register the fonts with reportlab once per process."""
    folder = files("hearth_resources") / "fonts"
    for name, filename in _FILES.items():
        with (folder / filename).open("rb") as handle:
            pdfmetrics.registerFont(TTFont(name, handle))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )


@cache
def _covered() -> frozenset[int]:
    register()
    font = pdfmetrics.getFont(REGULAR)
    return frozenset(font.face.charToGlyph)  # type: ignore[attr-defined]


def needs_fallback(text: str) -> bool:
    covered = _covered()
    return any(ord(ch) not in covered for ch in text if not ch.isspace())


def markup(text: str) -> str:
    """User text as safe paragraph markup, with runs of CJK (or anything else DejaVu lacks)
    in the fallback font."""
    covered = _covered()
    out: list[str] = []
    run: list[str] = []
    fallback = False
    for ch in text:
        wants = not ch.isspace() and ord(ch) not in covered
        if ch.isspace():
            wants = fallback  # spaces stay in the run they are in
        if wants != fallback and run:
            out.append(_run("".join(run), fallback))
            run = []
        fallback = wants
        run.append(ch)
    if run:
        out.append(_run("".join(run), fallback))
    return "".join(out)


def _run(text: str, fallback: bool) -> str:
    safe = escape(text)
    return f'<font face="{FALLBACK}">{safe}</font>' if fallback else safe
