"""What hearth-cli prints, with every control character shown instead of obeyed.

Stored text (a lead's name, a category, a note) goes to the terminal in summaries, reports
of an import and sentences; an ESC sequence in it would change the terminal's title, clear
the screen or colour everything after it. Each control character (C0 but tab and line feed,
carriage return, DEL, C1) and each bidirectional override is written as its escape, \\u001b,
which reads the same in a terminal and in JSON.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"


def visible(text: str) -> str:
    """`text` with each control character written as its \\uXXXX escape. Printable text (no
    control or format character at all) and a line's end are as they are, without the
    pattern (compiling it is ~1 ms of `hearth-cli status`, #19)."""
    if text == "\n" or text.isprintable():
        return text
    unsafe = re.compile(_UNSAFE)  # (re keeps it compiled)
    if unsafe.search(text) is None:
        return text
    return unsafe.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


class VisibleStream:
    """A text stream that writes `visible` text to the stream it wraps (the rest, such as
    `fileno` and `buffer`, is the wrapped stream's own)."""

    def __init__(self, stream: TextIO) -> None:
        self.wrapped = stream

    def write(self, text: str) -> int:
        return self.wrapped.write(visible(text))

    def writelines(self, lines: list[str]) -> None:
        self.wrapped.writelines(visible(line) for line in lines)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)
