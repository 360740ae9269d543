"""Reading the values in a cell: dates and times (ISO 8601 or the user's order), money, choices.

Each parser raises `ValueError` with a short phrase; the importer puts it after `FILE:LINE:`.
A date or time without an offset is local time (PRODUCT.md).
"""

from __future__ import annotations

import calendar
import os
import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

from app.model.weeks import FIRST_YEAR, LAST_YEAR, wall_clock_to_utc

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
        iso = date.fromisoformat(text)
    except ValueError:
        iso = None
    if iso is not None:
        return _in_range(text, iso)
    match = _LOCAL_DATE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date (write 2026-11-23, or 23.11.2026)")
    first, _sep, middle, last = match.groups()
    if len(first) == 4:  # 2026/11/23
        words, year, month, day = "", int(first), int(middle), int(last)
    elif order == "MDY":
        words, month, day, year = " in month/day/year order", int(first), int(middle), int(last)
    else:
        words, day, month, year = " in day/month/year order", int(first), int(middle), int(last)
    if len(first) != 4 and len(last) <= 2:  # 23.11.26 is 2026; a year written 0026 is 26
        year += 2000
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a date{words}: there is no month {month}")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(_out_of_range(text, year))
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(
            f"{text!r} is not a date{words}: {calendar.month_name[month]} {year} has no day {day}"
        )
    return date(year, month, day)


def _out_of_range(text: str, year: int) -> str:
    return f"{text!r} is in the year {year}; Hearth takes dates from {FIRST_YEAR} to {LAST_YEAR}"


def _in_range(text: str, day: date) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(_out_of_range(text, day.year))
    return day


def parse_moment(text: str, order: str = "DMY") -> datetime:
    """A date (midnight, local) or a date and time, local unless it carries an offset.
    A local time the clocks skip or show twice is refused (`weeks.wall_clock_to_utc`)."""
    text = text.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is not None:
        _in_range(text, parsed.date())
        return wall_clock_to_utc(parsed)
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
    return wall_clock_to_utc(datetime.combine(day, clock))


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
