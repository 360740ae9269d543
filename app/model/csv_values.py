"""Reading the values in a cell: dates and times (ISO 8601 or the user's order), money, choices.

Each parser raises `ValueError` with a short phrase; the importer puts it after `FILE:LINE:`.
A date or time without an offset is local time (PRODUCT.md).
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

from app.model.weeks import local_to_utc

E = TypeVar("E", bound=StrEnum)

_LOCAL_DATE = re.compile(r"^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def locale_date_order(environ: dict[str, str] | None = None) -> str:
    """'MDY' where the locale writes month first (the United States), else 'DMY'."""
    env = os.environ if environ is None else environ
    name = env.get("LC_ALL") or env.get("LC_TIME") or env.get("LANG") or ""
    return "MDY" if name.startswith(("en_US", "en_PH", "es_US")) else "DMY"


def parse_date(text: str, order: str = "DMY") -> date:
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = _LOCAL_DATE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date (write 2026-11-23, or 23.11.2026)")
    first, _sep, middle, last = match.groups()
    if len(first) == 4:  # 2026/11/23
        year, month, day = int(first), int(middle), int(last)
    elif order == "MDY":
        month, day, year = int(first), int(middle), int(last)
    else:
        day, month, year = int(first), int(middle), int(last)
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        words = "month/day/year" if order == "MDY" else "day/month/year"
        raise ValueError(f"{text!r} is not a date in {words} order") from None


def parse_moment(text: str, order: str = "DMY") -> datetime:
    """A date (midnight, local) or a date and time, local unless it carries an offset."""
    text = text.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is not None:
        return parsed.astimezone(UTC) if parsed.tzinfo else local_to_utc(parsed)
    day_part, _, time_part = text.partition(" ")
    day = parse_date(day_part, order)
    clock = time()
    if time_part.strip():
        match = _TIME.match(time_part.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date and time (write 2026-11-23 14:30)")
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        if hour > 23 or minute > 59 or second > 59:
            raise ValueError(f"{text!r} has no such time of day")
        clock = time(hour, minute, second)
    return local_to_utc(datetime.combine(day, clock))


def parse_money(text: str) -> Decimal:
    """'1234.5', '1,234.50', '1.234,50', '€ 99', '99 EUR' → an exact Decimal."""
    cleaned = re.sub(r"[\s\u00a0€$£¥]|^[A-Za-z]{3}|[A-Za-z]{3}$", "", text.strip())
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in cleaned:
        whole, _, fraction = cleaned.rpartition(",")
        if cleaned.count(",") == 1 and len(fraction) in (1, 2):
            cleaned = f"{whole}.{fraction}"
        else:
            cleaned = cleaned.replace(",", "")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not an amount of money") from None
    if not amount.is_finite():
        raise ValueError(f"{text!r} is not an amount of money")
    return amount


def parse_choice(text: str, choices: type[E], column: str) -> E:
    value = " ".join(text.strip().lower().split())
    try:
        return choices(value)
    except ValueError:
        allowed = ", ".join(c.value for c in choices)
        raise ValueError(f"{column} {text!r} is not one of: {allowed}") from None
