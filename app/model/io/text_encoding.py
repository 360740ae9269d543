"""Which encoding a text file is in: decided once for the whole file, never line by line.

- A byte-order mark tells: UTF-8, UTF-16 or UTF-32 (what Excel's "Unicode text" writes).
- Without one: UTF-8 when every line is UTF-8; Windows-1252 (what an older Excel writes as
  "CSV") when no line with a letter beyond ASCII is UTF-8.
- A file whose lines disagree — some UTF-8, some not — is not guessed at: each line that is
  not UTF-8 is named. Reading it all as Windows-1252 instead would turn every "Müller" of the
  UTF-8 lines into "MÃ¼ller".
- UTF-16 without a byte-order mark (NUL bytes beside ASCII letters) is named as UTF-16; other
  NUL bytes mean the file is no text at all (a spreadsheet in its own format).

Line numbers count lines as the CSV reader does (a line ends at CR, LF or CRLF).
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# UTF-32-LE's mark begins with UTF-16-LE's, so the longer marks are looked for first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_HEAD = 4096
_CHUNK = 1 << 20
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8 (surrogateescape)
_SAVE_AS_UTF8 = "save the whole file as UTF-8"
# Characters no text of Hearth's holds (C0 and C1 controls and DEL; tab and line breaks are
# text): a NUL cannot be stored on PostgreSQL, an ESC sequence would drive a terminal.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Encoding:
    """How to read a file (`codec` for Python), its name for people, and the lines that are
    not in it — (line, why) — which make the file unreadable as a whole."""

    codec: str
    name: str
    wrong: tuple[tuple[int, str], ...] = ()


UTF8 = Encoding("utf-8-sig", "UTF-8")
WINDOWS_1252 = Encoding("cp1252", "Windows-1252")


def of_file(path: Path) -> Encoding:
    """The file's encoding, read through once (in chunks: any size, little memory)."""
    with path.open("rb") as handle:
        head = handle.read(_HEAD)
        marked = _marked(head)
        if marked is not None and marked.codec != UTF8.codec:
            return _checked(path, marked)  # UTF-16 or UTF-32: each line is, or is named
        if marked is None and b"\x00" in head:
            return _nul(head)
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return UTF8
        except UnicodeDecodeError:
            pass
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as text:
        return _by_lines(text, may_be_1252=marked is None)


def of_bytes(data: bytes) -> Encoding:
    """The same decision for a file already in memory (vCard, Watson frames)."""
    marked = _marked(data[:_HEAD])
    if marked is not None and marked.codec != UTF8.codec:
        return marked
    if marked is None and b"\x00" in data[:_HEAD]:
        return _nul(data[:_HEAD])
    try:
        data.decode("utf-8")
        return UTF8
    except UnicodeDecodeError:
        pass
    text = io.StringIO(data.decode("utf-8-sig", "surrogateescape"), newline="")
    return _by_lines(text, may_be_1252=marked is None)


def _marked(head: bytes) -> Encoding | None:
    for mark, codec, name in _BOMS:
        if head.startswith(mark):
            return Encoding(codec, name)
    return None


_BAD = "hearth-undecodable"
# A byte sequence a codec cannot read becomes a lone surrogate, which no valid UTF-16 or
# UTF-32 text ever decodes to: the line holding one is the line that is not in the encoding.


def _mark_undecodable(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return "\udcff", error.end


codecs.register_error(_BAD, _mark_undecodable)


def _checked(path: Path, encoding: Encoding) -> Encoding:
    """A UTF-16 or UTF-32 file read through once: the first line that is not, named."""
    with path.open(encoding=encoding.codec, errors=_BAD, newline="") as text:
        for number, line in enumerate(text, start=1):
            if "\udcff" in line:
                why = f"this line is not {encoding.name} text"
                return Encoding(encoding.codec, encoding.name, ((number, why),))
    return encoding


def _nul(head: bytes) -> Encoding:
    """NUL bytes: UTF-16 without its mark (every other byte NUL in ASCII text, or text that
    reads as UTF-16 in one byte order: letters, not controls), or no text."""
    even, odd = head[0::2], head[1::2]
    for halves in ((even, odd), (odd, even)):
        nul_half, text_half = halves
        if nul_half.count(0) >= 0.6 * len(nul_half) and text_half.count(0) <= 0.1 * len(text_half):
            return _UTF16_UNMARKED
    if any(_reads_as_text(head, codec) for codec in ("utf-16-le", "utf-16-be")):
        return _UTF16_UNMARKED
    why = (
        "this is not a text file (it has NUL bytes); save it as CSV first — or, if it is "
        "UTF-16 text without a byte-order mark, as UTF-8"
    )
    return Encoding("", "", ((1, why),))


_UTF16_UNMARKED = Encoding(
    "",
    "UTF-16",
    (
        (
            1,
            "this is UTF-16 text without a byte-order mark, so Hearth cannot tell its byte "
            "order; save it as UTF-8 (or as UTF-16 with a byte-order mark)",
        ),
    ),
)


def _reads_as_text(head: bytes, codec: str) -> bool:
    """Does `head` read in `codec` as text — printable characters and line breaks, no NUL?"""
    try:
        text = head[: len(head) // 4 * 4].decode(codec)
    except UnicodeDecodeError:
        return False
    letters = sum(ch.isprintable() or ch in "\t\r\n" for ch in text)
    return bool(text) and "\x00" not in text and letters >= 0.95 * len(text)


def _by_lines(lines: Iterable[str], *, may_be_1252: bool) -> Encoding:
    """Lines read as UTF-8 with undecodable bytes kept as surrogates: UTF-8 with some bad
    lines (named), or — when no line beyond ASCII is UTF-8 — Windows-1252."""
    utf8_lines = 0
    not_utf8: list[tuple[int, int]] = []
    not_1252: list[tuple[int, int]] = []
    for number, line in enumerate(lines, start=1):
        if line.isascii():
            continue
        found = _UNDECODED.search(line)
        if found is None:
            utf8_lines += 1
            continue
        not_utf8.append((number, ord(found.group()) - 0xDC00))
        raw = line.encode("utf-8", "surrogateescape")
        try:
            raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            not_1252.append((number, raw[exc.start]))
    if not not_utf8:
        return UTF8
    if may_be_1252 and not utf8_lines:
        why = "the file is neither UTF-8 nor Windows-1252 text (byte 0x{:02X} on this line)"
        return _with_wrong(WINDOWS_1252, why, not_1252)
    if utf8_lines:
        why = "this line is not UTF-8 (byte 0x{:02X}), though the file's other lines are"
    else:
        why = "this line is not UTF-8 (byte 0x{:02X}), though the file begins with UTF-8's mark"
    return _with_wrong(UTF8, why, not_utf8)


def _with_wrong(encoding: Encoding, why: str, lines: list[tuple[int, int]]) -> Encoding:
    wrong = tuple((line, f"{why.format(byte)}; {_SAVE_AS_UTF8}") for line, byte in lines)
    return Encoding(encoding.codec, encoding.name, wrong)


def misread(text: str) -> set[str]:
    """How `text` looks after its UTF-8 was read as Windows-1252 (or Latin-1) — "Müller" as
    "MÃ¼ller" — to recognise such mojibake before it replaces the real thing."""
    raw = text.encode("utf-8")
    if raw.isascii():
        return set()
    # Windows-1252 leaves five bytes undefined; tools show them as Latin-1 does.
    as_1252 = "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in raw)
    return {as_1252, raw.decode("latin-1")}


def control_problem(text: str, what: str) -> str:
    """Why `text` (`what`: "the name") cannot be kept: a control character in it; else ""."""
    found = CONTROL.search(text)
    if found is None:
        return ""
    code = ord(found.group())
    kind = "a NUL byte" if code == 0 else "a control character"
    return f"{what} has {kind} (U+{code:04X}) in it; Hearth keeps no control characters: remove it"
