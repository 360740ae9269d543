"""ISO weeks in the computer's local time zone, and the local ↔ UTC conversions.

A week runs from Monday 00:00 local time to the next Monday 00:00 and is named like
`2026-W47`. Conversions use the operating system's time-zone rules (Python's `astimezone()`
on a naive datetime), so a daylight-saving night is one hour shorter or longer.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from app.model.errors import ValidationError

_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")


def local_to_utc(naive_local: datetime) -> datetime:
    """A wall-clock time here → the aware UTC instant."""
    if naive_local.tzinfo is not None:
        return naive_local.astimezone(UTC)
    return naive_local.astimezone().astimezone(UTC)


def to_local(moment: datetime) -> datetime:
    """An aware instant → aware local time."""
    return moment.astimezone()


def moment_words(moment: datetime) -> str:
    """`Monday 23 November 2026, 09:12` in local time, for messages."""
    return to_local(moment).strftime("%A %d %B %Y, %H:%M")


def week_name(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_of(moment: datetime) -> str:
    return week_name(to_local(moment).date())


def parse_week(name: str) -> date:
    """The Monday of a week named like `2026-W47`."""
    match = _WEEK_RE.match(name.strip())
    if not match:
        raise ValidationError(f"{name!r} is not a week; write it like 2026-W47.")
    year, week = int(match.group(1)), int(match.group(2))
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValidationError(f"{year} has no week {week}.") from None


def week_bounds(name: str) -> tuple[datetime, datetime]:
    """[start, end) of the week as aware UTC instants."""
    monday = parse_week(name)
    start = datetime.combine(monday, datetime.min.time())
    return local_to_utc(start), local_to_utc(start + timedelta(days=7))


def current_week() -> str:
    return week_name(datetime.now().date())
