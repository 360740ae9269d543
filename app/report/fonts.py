"""The PDF's fonts, embedded, and user text made safe for reportlab paragraphs.

DejaVu Sans covers Latin, Greek, Cyrillic, Arabic and Hebrew; Droid Sans Fallback covers
Chinese, Japanese and Korean; Symbola covers emoji (up to Unicode 9, in black) and many
symbols. reportlab does not fall back from one font to another on its own, so `markup`
escapes the text (reportlab's paragraph markup in a lead's name must print as typed and never
be obeyed — no `<img src=…>` reading a file) and wraps each run of characters DejaVu lacks in
the first font that has them. A character no font has is printed as its name in brackets
(`[melting face]`): every character typed is drawn or visibly replaced, never dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import Protocol
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "HearthSans"
BOLD = "HearthSans-Bold"
FALLBACK = "HearthFallback"
SYMBOLS = "HearthSymbols"
_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
    SYMBOLS: "Symbola_hint.ttf",
}
# The fonts a character is looked for in, in this order (REGULAR: no <font> tag needed).
_CHAIN = (REGULAR, FALLBACK, SYMBOLS)

# reportlab writes a character beyond U+FFFF into a font's ToUnicode map as five or six hex
# digits, which PDF readers reject: the emoji was drawn, but copying the text or searching it
# lost it. The map wants it as UTF-16 (a surrogate pair).
_WIDE = re.compile(r"^<([0-9A-F]{2})> <([0-9A-F]{5,6})>$", re.MULTILINE)


def _as_utf16(match: re.Match[str]) -> str:
    code = chr(int(match[2], 16)).encode("utf-16-be").hex().upper()
    return f"<{match[1]}> <{code}>"


class _ToUnicodeCMap(Protocol):
    """reportlab's `ttfonts.makeToUnicodeCMap`, which it calls with keywords too."""

    def __call__(self, fontname: str, subset: Sequence[int]) -> str: ...


def _wide_characters_as_utf16(make: _ToUnicodeCMap) -> _ToUnicodeCMap:
    def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
        return _WIDE.sub(_as_utf16, make(fontname, subset))

    # A mark on the function itself, so that reportlab's is wrapped once even if this module is
    # loaded again; a function object takes any attribute, which mypy does not model.
    to_unicode_cmap.hearth_utf16 = True  # type: ignore[attr-defined]
    return to_unicode_cmap


@cache
def register() -> None:
    """Register DejaVu Sans (regular and bold) with reportlab once per process. The fallback
    fonts (Droid Sans Fallback and Symbola: megabytes each, most of a first PDF's time to
    parse) are registered the first time a text needs one of their characters (#19)."""
    if not getattr(ttfonts.makeToUnicodeCMap, "hearth_utf16", False):
        ttfonts.makeToUnicodeCMap = _wide_characters_as_utf16(ttfonts.makeToUnicodeCMap)
    for name in (REGULAR, BOLD):
        _load(name)
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )


def _load(name: str) -> None:
    with (files("hearth_resources") / "fonts" / _FILES[name]).open("rb") as handle:
        pdfmetrics.registerFont(TTFont(name, handle))


@cache
def _characters(name: str) -> frozenset[int]:
    """The code points the font `name` of the chain has a glyph for (registered now if it is
    a fallback not needed before)."""
    register()
    if name not in (REGULAR, BOLD):
        _load(name)
    font = pdfmetrics.getFont(name)
    assert isinstance(font, TTFont)  # every font of the chain is one of ours, a TrueType font
    return frozenset(font.face.charToGlyph)


def _font_for(ch: str) -> str | None:
    """The first font of the chain that has `ch` (a later one is loaded only when the ones
    before lack it); None when none has it."""
    code = ord(ch)
    return next((name for name in _CHAIN if code in _characters(name)), None)


def needs_fallback(text: str) -> bool:
    """Does the text hold a character DejaVu lacks (so it needs `markup`, not plain text)?"""
    regular = _characters(REGULAR)
    return any(ord(ch) not in regular for ch in text if not ch.isspace())


def replacement(ch: str) -> str:
    """What prints for a character no embedded font has: its name, or its code point."""
    name = unicodedata.name(ch, "")
    return f"[{name.lower()}]" if name else f"[U+{ord(ch):04X}]"


def markup(text: str) -> str:
    """User text as safe paragraph markup: runs of characters DejaVu lacks in the first font
    that has them, and each character no font has replaced by its name in brackets."""
    out: list[str] = []
    run: list[str] = []
    font = REGULAR
    for ch in text:
        wanted = font if ch.isspace() else _font_for(ch)  # spaces stay in the run they are in
        piece = ch
        if wanted is None:
            piece, wanted = replacement(ch), REGULAR
        if wanted != font and run:
            out.append(_run("".join(run), font))
            run = []
        font = wanted
        run.append(piece)
    if run:
        out.append(_run("".join(run), font))
    return "".join(out)


def _run(text: str, font: str) -> str:
    safe = escape(text)
    return safe if font == REGULAR else f'<font face="{font}">{safe}</font>'
