"""Typing time the quick way: "1h30", "90m", "1.5h", "45" (minutes), "9:00-10:30"."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from app.model.errors import ValidationError
from app.model.weeks import wall_clock_to_utc

# Patterns, compiled (and kept by `re`) when first used: most commands never parse a duration.
_HM = r"^(?:(\d+(?:[.,]\d+)?)\s*h)?\s*(?:(\d+)\s*(?:m|min)?)?$"
_SPAN = r"^(\d{1,2})[:.h](\d{2})\s*[-–]\s*(\d{1,2})[:.h](\d{2})$"


def parse_duration(text: str) -> timedelta:
    """'1h30', '1h 30m', '90m', '90', '1.5h', '2h' → a duration (more than zero)."""
    cleaned = text.strip().lower()
    match = re.match(_HM, cleaned, re.IGNORECASE) if cleaned else None
    if not match or not (match.group(1) or match.group(2)):
        raise ValidationError(f"{text!r} is not a duration; write 1h30, 90m or 1.5h.")
    hours = float(match.group(1).replace(",", ".")) if match.group(1) else 0.0
    minutes = int(match.group(2)) if match.group(2) else 0
    try:
        duration = timedelta(hours=hours, minutes=minutes)
    except OverflowError:  # billions of minutes: no clock goes that far
        raise ValidationError(f"{text!r} is longer than a day; log it day by day.") from None
    if duration <= timedelta(0):
        raise ValidationError("A duration must be more than zero.")
    if duration > timedelta(hours=24):
        raise ValidationError(f"{text!r} is longer than a day; log it day by day.")
    return duration


def parse_span(text: str, day: date) -> tuple[datetime, datetime] | None:
    """'9:00-10:30' on `day` (local) → (start, end) as UTC instants; None if not a span. An
    end of 00:00 (or 24:00) is the midnight that ends `day`. A time the clocks skip or show
    twice that day is refused (LocalTimeError)."""
    match = re.match(_SPAN, text.strip())
    if not match:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59:
        raise ValidationError(f"{text!r} has no such time of day.")
    start = datetime.combine(day, time(h1, m1))
    if (h2, m2) == (0, 0):
        h2 = 24  # "22:00-00:00" ends at the midnight after, like "22:00-24:00"
    end = datetime.combine(day, time(0, 0)) + timedelta(hours=h2, minutes=m2)
    if end <= start:
        raise ValidationError(f"In {text!r} the end is not after the start.")
    return wall_clock_to_utc(start), wall_clock_to_utc(end)


def format_hours(hours: float) -> str:
    """2.25 → '2 h 15 min'; 0.5 → '30 min'; under half a minute (but not nothing) →
    '<1 min', never '0 min'."""
    minutes = round(hours * 60)
    if minutes == 0 and hours > 0:
        return "<1 min"
    whole, rest = divmod(minutes, 60)
    if whole and rest:
        return f"{whole} h {rest:02d} min"
    return f"{whole} h" if whole else f"{rest} min"


def elapsed(hours: float, *, seconds: bool = False) -> str:
    """A running clock, h:mm (h:mm:ss with `seconds`: the button's, so it is seen to run), in
    whole units gone (the float error of seconds not counted)."""
    total = int(round(hours * 3600, 3))
    minutes = total // 60
    clock = f"{minutes // 60}:{minutes % 60:02d}"
    return f"{clock}:{total % 60:02d}" if seconds else clock
