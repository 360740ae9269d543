"""How figures read in sentences, tables and the PDF: one way for money, shares and hours.
An absent figure (a divisor of 0) reads as "—"."""

from __future__ import annotations

from decimal import Decimal

ABSENT = "—"


def money(value: Decimal | None, currency: str = "") -> str:
    """1234.5 → '1,234.50' (or '1,234.50 EUR' with a currency)."""
    if value is None:
        return ABSENT
    return f"{value:,.2f}" + (f" {currency}" if currency else "")


def percent(share: float | None) -> str:
    """0.625 → '62%'."""
    return ABSENT if share is None else f"{share:.0%}"


def hours(value: float) -> str:
    """2.44 → '2.4 h'; 6.0 → '6 h'."""
    return f"{round(value, 1):g} h"
