"""ISO weeks in the computer's local time zone, and the local ↔ UTC conversions.

A week runs from Monday 00:00 local time to the next Monday 00:00 and is named like
`2026-W47`. Conversions use the operating system's time-zone rules (Python's `astimezone()`
on a naive datetime), so a daylight-saving night is one hour shorter or longer.

A time a person types (on the command line, in a CSV file, in a dialog) is read with
`wall_clock_to_utc`, which refuses a time the clocks skip and asks for an offset when they
show it twice; `local_to_utc` is for times Hearth computes itself (midnights, week starts).
"""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, date, datetime, timedelta

from app.model.errors import LocalTimeError, ValidationError

_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")

# The years Hearth reads in dates and weeks: enough for any business's history and plans, and
# far enough from datetime's own limits that a review's 13 weeks and 365 days back still fit.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def local_to_utc(naive_local: datetime) -> datetime:
    """A wall-clock time here → the aware UTC instant (a skipped or doubled time is taken
    as Python takes it: for Hearth's own midnights and week starts, not for typed times)."""
    if naive_local.tzinfo is not None:
        return naive_local.astimezone(UTC)
    return naive_local.astimezone().astimezone(UTC)


def zone_name() -> str:
    """The local time zone's name for messages: `Europe/Berlin` where the system says it
    (TZ, or the zone /etc/localtime links to), else the names of its offsets (`CET/CEST`)."""
    configured = os.environ.get("TZ", "").lstrip(":")
    if not configured and os.path.islink("/etc/localtime"):
        configured = os.path.realpath("/etc/localtime")
    if "zoneinfo/" in configured:
        return configured.split("zoneinfo/", 1)[1]
    if configured and not configured.startswith("/"):
        return configured
    return "/".join(dict.fromkeys(time.tzname))


def _shown(wall: datetime) -> str:
    return f"{wall:%Y-%m-%d %H:%M}" + (f":{wall:%S}" if wall.second or wall.microsecond else "")


def _offset(moment: datetime) -> str:
    offset = moment.astimezone().utcoffset()
    assert offset is not None  # astimezone() always gives an aware datetime
    minutes = round(offset.total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _change(early: datetime, late: datetime) -> tuple[str, str]:
    """Where the clocks change between two UTC instants: the wall clock just before and at it."""
    before = early.astimezone().utcoffset()
    while late - early > timedelta(seconds=1):
        middle = early + (late - early) / 2
        if middle.astimezone().utcoffset() == before:
            early = middle
        else:
            late = middle
    after = late.astimezone().utcoffset()
    assert before is not None and after is not None
    naive = late.replace(tzinfo=None, microsecond=0)
    return f"{naive + before:%H:%M}", f"{naive + after:%H:%M}"


def wall_clock_to_utc(wall: datetime) -> datetime:
    """A local wall-clock time as a person typed it → the UTC moment it names.

    An aware datetime (typed with an offset) is converted as it is. A time the clocks skip
    (the night daylight saving starts) raises LocalTimeError saying so; a time the clocks
    show twice (the night it ends) raises LocalTimeError naming the offset of each, to be
    added to the time. The one reading of a typed local time: the command line, the CSV
    importers and the window's entry dialog use it.
    """
    if wall.tzinfo is not None:
        return wall.astimezone(UTC)
    try:
        first = wall.replace(fold=0).astimezone()
        second = wall.replace(fold=1).astimezone()
    except (OverflowError, OSError, ValueError):
        raise LocalTimeError(
            f"{_shown(wall)} is outside the times this computer's clock can convert."
        ) from None
    early, late = sorted((first.astimezone(UTC), second.astimezone(UTC)))
    if first.replace(tzinfo=None) != wall or second.replace(tzinfo=None) != wall:
        jump_from, jump_to = _change(early, late)
        raise LocalTimeError(
            f"{_shown(wall)} does not exist in {zone_name()}: clocks jump from {jump_from} "
            f"to {jump_to}"
        )
    if early != late:
        back_from, back_to = _change(early, late)
        raise LocalTimeError(
            f"{_shown(wall)} happens twice in {zone_name()} (clocks go back from {back_from} "
            f"to {back_to}): write {_shown(wall)}{_offset(early)} for the first time or "
            f"{_shown(wall)}{_offset(late)} for the second",
            twice=True,
        )
    return early


def to_local(moment: datetime) -> datetime:
    """An aware instant → aware local time."""
    return moment.astimezone()


def moment_words(moment: datetime) -> str:
    """`Monday 23 November 2026, 09:12` in local time, for messages."""
    return to_local(moment).strftime("%A %d %B %Y, %H:%M")


def week_name(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_of(moment: datetime) -> str:
    return week_name(to_local(moment).date())


def parse_week(name: str) -> date:
    """The Monday of a week named like `2026-W47`."""
    match = _WEEK_RE.match(name.strip())
    if not match:
        raise ValidationError(f"{name!r} is not a week; write it like 2026-W47.")
    year, week = int(match.group(1)), int(match.group(2))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            f"{name.strip()!r} is not a week Hearth keeps; it knows the years {FIRST_YEAR} to "
            f"{LAST_YEAR}."
        )
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
