"""How figures read: hours rounded so that they neither vanish nor grow, and plurals right."""

from __future__ import annotations

import pytest

from app.model.durations import format_hours
from app.model.formatting import count, hours, hours_figure


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (3.5, "3.5 h"),  # not "4 h"
        (3.25, "3.3 h"),  # halves go up
        (6.0, "6 h"),
        (1 / 60, "<0.1 h"),  # one minute is not "0 h"
        (0.0, "0 h"),
        (123.45, "123.5 h"),
    ],
)
def test_hours_in_tables_and_charts(value: float, shown: str) -> None:
    assert hours(value) == shown
    figure = hours_figure(value)  # a table's column: one decimal always
    assert figure == shown.removesuffix(" h") or figure == shown.removesuffix(" h") + ".0"
    assert figure.startswith("<") or "." in figure


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1 / 60, "1 min"),
        (59 / 3600, "1 min"),
        (20 / 3600, "<1 min"),  # not "0 min"
        (0.0, "0 min"),
        (3.5, "3 h 30 min"),
    ],
)
def test_durations_in_words(value: float, shown: str) -> None:
    assert format_hours(value) == shown


def test_counts_say_one_lead_and_two_leads() -> None:
    assert count(1, "lead") == "1 lead"
    assert count(2, "lead") == "2 leads"
    assert count(0, "stale hot lead") == "0 stale hot leads"
    assert count(1234, "person", "people") == "1,234 people"


def test_money_rounds_halves_up_as_people_do() -> None:
    from decimal import Decimal

    from app.model.formatting import money

    assert money(Decimal("10.125")) == "10.13"
    assert money(Decimal("10.135")) == "10.14"
    assert money(Decimal("1234.5"), "EUR") == "1,234.50 EUR"
