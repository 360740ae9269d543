"""What hearth-cli prints shows control characters instead of obeying them; printable text
(and a line's end, which print writes apart) passes as it is."""

from __future__ import annotations

import pytest

from app.cli.visible import visible


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Zoë — 12 h", "Zoë — 12 h"),
        ("\n", "\n"),
        ("a\nb\tc", "a\nb\tc"),  # line feed and tab are obeyed
        ("non\xa0breaking", "non\xa0breaking"),  # not printable, not a control either
        ("red\x1b[31m", "red\\u001b[31m"),
        ("\x9bC1", "\\u009bC1"),
        ("right\u202eto left", "right\\u202eto left"),
        ("line\r", "line\\u000d"),
    ],
)
def test_control_characters_are_shown_and_the_rest_is_as_it_is(text: str, shown: str) -> None:
    assert visible(text) == shown
