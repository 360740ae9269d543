"""How figures read in sentences, tables and the PDF: one way for money, shares and hours.
An absent figure (a divisor of 0) reads as "—"."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

ABSENT = "—"


def money(value: Decimal | None, currency: str = "") -> str:
    """1234.5 → '1,234.50' (or '1,234.50 EUR' with a currency)."""
    if value is None:
        return ABSENT
    cents = value.quantize(Decimal("0.01"), ROUND_HALF_UP)  # 10.125 → 10.13, as people round
    return f"{cents:,.2f}" + (f" {currency}" if currency else "")


def percent(share: float | None) -> str:
    """0.625 → '62%'."""
    return ABSENT if share is None else f"{share:.0%}"


def hours_figure(value: float) -> str:
    """Hours in a table's column: always one decimal, halves up (2.44 → '2.4', 3.25 → '3.3',
    12 → '12.0', so a column reads alike); time that rounds to nothing but is not nothing
    reads '<0.1' (one minute is never '0.0')."""
    if value and abs(value) < 0.05:
        return "<0.1" if value > 0 else "-<0.1"
    tenths = Decimal(repr(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{tenths:f}"


def hours(value: float) -> str:
    """Hours in a sentence or on a chart: 2.44 → '2.4 h'; 6.0 → '6 h'; 1 min → '<0.1 h'."""
    return f"{hours_figure(value).removesuffix('.0')} h"


def short_day(day: date) -> str:
    """'Wed 2 Dec': a day in lists and cards, the same everywhere (no leading zero)."""
    return f"{day:%a} {day.day} {day:%b}"


def count(number: int, noun: str, plural: str | None = None) -> str:
    """'1 lead', '2 leads', '1,234 people' (with `plural` for the irregular ones)."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def whole_money(value: Decimal, currency: str = "") -> str:
    """Money in a sentence, to the whole unit: 12400.5 → '12,401' (or '12,401 EUR')."""
    whole = value.quantize(Decimal(1), ROUND_HALF_UP)
    return f"{whole:,.0f}" + (f" {currency}" if currency else "")
