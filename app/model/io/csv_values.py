"""Reading the values in a cell: dates and times (ISO 8601 or the user's order), numbers and
money, choices.

Each parser raises `ValueError` with a short phrase; the importer puts it after `FILE:LINE:`.
A date or time without an offset is local time (PRODUCT.md).

Numbers are read with one decimal mark per file (`DecimalMark`, decided by the CSV reader):
`1.500` is 1500 in a file that writes `1.234,56` and 1.5 in one that writes `1,234.56`. A
value that reads differently under the two marks when nothing decided the file's is refused,
never guessed; so are exponents (`1e20`), `inf` and `nan`, and amounts too large to store.
"""

from __future__ import annotations

import calendar
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from app.model.store.money_scale import MONEY_SCALE
from app.model.store.types import MONEY_LIMIT
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


MARK_WORDS = {",": "decimal comma", ".": "decimal point"}
_MONEY_UNIT = Decimal(1).scaleb(-MONEY_SCALE)
_CURRENCY = re.compile(r"[\s\u00a0€$£¥]|^[A-Za-z]{3}|[A-Za-z]{3}$")
_NUMBER = re.compile(r"[+-]?[0-9.,]*[0-9][0-9.,]*")
_DIGITS = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:X[0-9]{3})+")  # X: the thousands separator

# Languages (and a few places) whose numbers have a decimal comma or a decimal point; a locale
# that is none of these (C, POSIX, unset) does not say.
# fmt: off
_COMMA_LANGUAGES = frozenset(
    (
        "af", "az", "be", "bg", "bs", "ca", "cs", "da", "de", "el", "es", "et", "eu", "fi", "fo",
        "fr", "gl", "hr", "hu", "hy", "id", "is", "it", "ka", "kk", "ky", "lt", "lv", "mk", "mn",
        "nb", "nl", "nn", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "tr", "uk",
        "uz", "vi",
    )
)
_POINT_LANGUAGES = frozenset(
    (
        "en", "ja", "zh", "ko", "he", "th", "hi", "ga", "cy", "ms", "mt", "sw", "ta", "te", "bn",
        "fil", "tl",
    )
)
_POINT_PLACES = frozenset(
    (
        "de_CH", "de_LI", "it_CH", "es_MX", "es_US", "es_PR", "es_DO", "es_GT", "es_HN", "es_NI",
        "es_PA", "es_SV",
    )
)
# fmt: on


@dataclass(frozen=True)
class DecimalMark:
    """How a file writes fractions: `mark` is "," or ".", or None when nothing told (then a
    value that reads differently under the two marks is refused); `why` says what decided."""

    mark: str | None = None
    why: str = ""

    @property
    def words(self) -> str:
        return MARK_WORDS.get(self.mark or "", "")

    def number(self, text: str) -> Decimal:
        """A plain number, '90', '1,5', '1.234,5' (no exponent, no inf or nan)."""
        return _by_mark(text.strip(), text, self, "a number")

    def money(self, text: str) -> Decimal:
        """'1234.5', '1.234,50', '€ 99', '99 EUR' → an exact Decimal that fits the store."""
        cleaned = _CURRENCY.sub("", text.strip())
        amount = _by_mark(cleaned, text, self, "an amount of money")
        if abs(amount) >= MONEY_LIMIT:
            raise ValueError(f"{text!r} is too large an amount (at most {MONEY_LIMIT - 1:,})")
        if amount != amount.quantize(_MONEY_UNIT):  # money is exact: never rounded silently
            raise ValueError(
                f"{text!r} has more decimals than Hearth keeps ({MONEY_SCALE}); round it"
            )
        return amount


def locale_decimal_mark(environ: dict[str, str] | None = None) -> str | None:
    """The decimal mark of the user's locale (LC_ALL, LC_NUMERIC or LANG), when it says."""
    env = os.environ if environ is None else environ
    name = env.get("LC_ALL") or env.get("LC_NUMERIC") or env.get("LANG") or ""
    place = name.split(".", 1)[0].split("@", 1)[0]
    language = place.split("_", 1)[0]
    if place in _POINT_PLACES or language in _POINT_LANGUAGES:
        return "."
    return "," if language in _COMMA_LANGUAGES else None


def decimal_evidence(text: str) -> str | None:
    """The decimal mark a value can be read with and the other cannot ('1.234,56', '1,5',
    '1.234.567' → ','); None when it reads alike with both ('15') or differently ('1.500')."""
    cleaned = _CURRENCY.sub("", text.strip())
    if ("," not in cleaned and "." not in cleaned) or not _NUMBER.fullmatch(cleaned):
        return None
    comma, point = _read(cleaned, ","), _read(cleaned, ".")
    if (comma is None) == (point is None):
        return None
    return "," if point is None else "."


def _read(text: str, mark: str) -> Decimal | None:
    """`text` (a sign, digits, '.' and ',') with `mark` as the decimal mark and the other as
    the thousands separator (groups of three); None when it is not written that way."""
    sign = text[0] if text[:1] in ("+", "-") else ""
    whole, has_mark, fraction = text[len(sign) :].partition(mark)
    if has_mark and not _DIGITS.fullmatch(fraction):
        return None
    if not whole:
        if not has_mark:
            return None
        whole = "0"
    separator = "." if mark == "," else ","
    if separator in whole:
        if not _GROUPED.fullmatch(whole.replace(separator, "X")):
            return None
        whole = whole.replace(separator, "")
    elif not _DIGITS.fullmatch(whole):
        return None
    return Decimal(f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}")


def _by_mark(cleaned: str, text: str, decimal: DecimalMark, noun: str) -> Decimal:
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"{text!r} is not {noun}")
    comma, point = _read(cleaned, ","), _read(cleaned, ".")
    if decimal.mark is not None:
        value, other = (comma, point) if decimal.mark == "," else (point, comma)
        if value is not None:
            return value
        if other is not None:
            other_mark = "." if decimal.mark == "," else ","
            raise ValueError(
                f"{text!r} is written with a {MARK_WORDS[other_mark]}, but this file is read "
                f"with a {decimal.words} ({decimal.why})"
            )
        raise ValueError(f"{text!r} is not {noun}")
    if comma is None or point is None or comma == point:
        found = comma if point is None else point
        if found is None:
            raise ValueError(f"{text!r} is not {noun}")
        return found
    raise ValueError(
        f"{text!r} is {_plain(comma)} with a decimal comma but {_plain(point)} with a decimal "
        "point, and nothing in the file tells which it uses; choose the decimal mark "
        "(--decimal , or --decimal .)"
    )


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"


def money_text(amount: Decimal) -> str:
    """An amount as exports write it, so that it reads back as itself under any of the rules
    above: a decimal point, no thousands separator, and never exactly three digits after the
    point (1.234 would read as 1234 where the locale writes a decimal comma): 1.2340."""
    text = _plain(amount)
    _whole, point, fraction = text.partition(".")
    return f"{text}0" if point and len(fraction) == 3 else text


def parse_choice(text: str, choices: type[E], column: str) -> E:
    value = " ".join(text.strip().lower().split())
    try:
        return choices(value)
    except ValueError:
        allowed = ", ".join(c.value for c in choices)
        raise ValueError(f"{column} {text!r} is not one of: {allowed}") from None
