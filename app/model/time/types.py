"""Time entries as plain data (no SQLAlchemy here: the command line's fast path uses them)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from app.model.enums import Side

MAX_ENTRY = timedelta(days=7)  # the longest entry; lets period queries use the start index


class EntryFields(NamedTuple):
    """What a user gives for a time entry; `end` None means the timer is running."""

    person_id: int
    side: Side
    start: datetime
    end: datetime | None = None
    category_id: int | None = None
    note: str = ""
    lead_id: int | None = None
    campaign_id: int | None = None


class EntryInfo(NamedTuple):
    id: int
    person_id: int
    person: str
    side: Side
    category_id: int | None
    category: str
    start: datetime
    end: datetime | None
    note: str
    lead_id: int | None
    campaign_id: int | None

    def hours(self, now: datetime) -> float:
        return ((self.end or now) - self.start).total_seconds() / 3600


def aware(moment: datetime, what: str) -> datetime:
    """`moment` in UTC; a naive one is refused (ValueError naming `what`)."""
    if moment.tzinfo is None:
        raise ValueError(f"{what} must be an aware datetime")
    return moment.astimezone(UTC)


def describe(entry: EntryInfo, now: datetime | None = None) -> str:
    """'Maya's sales entry Mon 23 Nov 09:00–10:30 (meetings)' in local time; the year is
    named too ('Tue 01 Jun 2027 10:00–12:00') when it is not the year of `now` (default:
    the clock's)."""
    start = entry.start.astimezone()
    end = entry.end.astimezone().strftime("%H:%M") if entry.end else "now (running)"
    category = f" ({entry.category})" if entry.category else ""
    this_year = (now or datetime.now(UTC)).astimezone().year
    day = f"{start:%a %d %b}" if start.year == this_year else f"{start:%a %d %b %Y}"
    return f"{entry.person}'s {entry.side.value} entry {day} {start:%H:%M}–{end}{category}"
