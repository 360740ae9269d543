"""Time entries and the running timer.

A person's entries never overlap (a running timer spans from its start to now), an entry ends
after it starts, at most a week later, and not after now; a refusal names the entry it clashes
with. The running timer is an entry without an end, stored the moment it starts, so it
survives a quit, a crash or a reboot. Starting a timer stops the person's running one at the
same instant, in the same transaction.

Every change to a person's time first takes that person's turn (`take_turn`): two commands,
or the window and a command, changing the same person's time wait for each other instead of
both reading the same running timer. The moment a timer starts or stops is read after that,
inside the transaction.

The reads (an entry, the running timers, a period's entries, a clash) are SQL text in
`entry_reads`, without SQLAlchemy, and are named here too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.model.durations import format_hours
from app.model.enums import Side
from app.model.errors import NotFoundError, ValidationError
from app.model.store import conflicts
from app.model.store.entities import Person, TimeEntry
from app.model.time.entry_reads import clash, entries_between, get_info, long_running, running
from app.model.time.types import MAX_ENTRY, EntryFields, EntryInfo, aware, describe

__all__ = [
    "MAX_ENTRY",
    "EntryFields",
    "EntryInfo",
    "LongTimerError",
    "clash",
    "describe",
    "entries_between",
    "get_info",
    "long_running",
    "running",
]

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class LongTimerError(ValidationError):
    """Stopping a timer now would record more than it should without being told: it has run
    longer than an entry can be (a week), or longer than the long-timer setting. Nothing was
    changed; `sentence(hint)` says so with what the caller offers (a flag, a button)."""

    def __init__(self, entry: EntryInfo, now: datetime, *, too_long: bool) -> None:
        self.entry, self.now, self.too_long = entry, now, too_long
        super().__init__(self.sentence())

    def sentence(self, hint: str = "") -> str:
        entry = self.entry
        category = f" ({entry.category})" if entry.category else ""
        start = entry.start.astimezone()
        this_year = start.year == self.now.astimezone().year
        day = f"{start:%a %d %b}" if this_year else f"{start:%a %d %b %Y}"
        said = (
            f"{entry.person}'s {entry.side.value} timer{category} has been running since "
            f"{day} {start:%H:%M} ({format_hours(entry.hours(self.now))})"
        )
        if self.too_long:
            said += ", longer than an entry can be (a week)"
        return f"{said}; {hint or 'say when it ended'}."


def _words(moment: datetime) -> str:
    """'Tue 01 Jun 2027, 12:00' in local time, for a refusal."""
    return f"{moment.astimezone():%a %d %b %Y, %H:%M}"


def check(
    session: Session,
    fields: EntryFields,
    *,
    ignore_id: int | None = None,
    now: datetime | None = None,
) -> None:
    """Raise ValidationError with a sentence if the entry cannot be stored."""
    moment = now or datetime.now(UTC)
    if (fields.end or fields.start) > moment:
        what = "An entry cannot end" if fields.end is not None else "A timer cannot start"
        raise ValidationError(f"{what} in the future ({_words(fields.end or fields.start)}).")
    if fields.end is not None and fields.end <= fields.start:
        raise ValidationError("An entry must end after it starts.")
    if fields.end is not None and fields.end - fields.start > MAX_ENTRY:
        raise ValidationError("An entry can be at most a week long; split it up.")
    if session.get(Person, fields.person_id) is None:
        raise ValidationError("Choose who the time is for.")
    if len(fields.note) > 2000:
        raise ValidationError("A note can be at most 2,000 characters.")
    other = clash(session, fields, ignore_id=ignore_id, now=moment)
    if other is not None:
        raise ValidationError(f"This overlaps {describe(other, moment)}.")


def stage_entry(
    session: Session,
    fields: EntryFields,
    *,
    now: datetime | None = None,
) -> TimeEntry:
    check(session, fields, now=now)
    entry = TimeEntry(
        person_id=fields.person_id,
        side=fields.side.value,
        category_id=fields.category_id,
        start=fields.start,
        end=fields.end,
        note=fields.note.strip(),
        lead_id=fields.lead_id,
        campaign_id=fields.campaign_id,
    )
    session.add(entry)
    session.flush()
    return entry


def take_turn(session: Session, *person_ids: int) -> None:
    """Wait for, then hold until the end of the transaction, the right to change these
    people's time. On SQLite a writer's BEGIN IMMEDIATE has already made every other writer
    wait; on a server the person's row is locked (FOR NO KEY UPDATE: it does not block the
    rows that merely refer to the person, such as an import's time entries)."""
    for person_id in sorted(set(person_ids)):
        session.execute(
            select(Person.id).where(Person.id == person_id).with_for_update(key_share=True)
        )


def add_entry(
    session: Session,
    fields: EntryFields,
    *,
    now: datetime | None = None,
) -> EntryInfo:
    take_turn(session, fields.person_id)
    entry = stage_entry(session, fields, now=now)
    session.commit()
    return get_info(session, entry.id)


def update_entry(
    session: Session,
    entry_id: int,
    fields: EntryFields,
    *,
    now: datetime | None = None,
    base: EntryFields | None = None,
) -> EntryInfo:
    """Save `fields`; `base` is what the user started from (ConflictError if someone else
    saved the entry meanwhile)."""
    entry = session.get(TimeEntry, entry_id)
    if entry is None:
        raise NotFoundError(f"There is no time entry number {entry_id}.")
    take_turn(session, entry.person_id, fields.person_id)
    if base is not None:
        stored = get_info(session, entry_id)
        conflicts.refuse_if_changed(f"the time entry {describe(stored)}", base, fields_of(stored))
    check(session, fields, ignore_id=entry_id, now=now)
    entry.person_id = fields.person_id
    entry.side = fields.side.value
    entry.category_id = fields.category_id
    entry.start = fields.start
    entry.end = fields.end
    entry.note = fields.note.strip()
    entry.lead_id = fields.lead_id
    entry.campaign_id = fields.campaign_id
    conflicts.commit(session, "this time entry")
    return get_info(session, entry_id)


def delete_entry(session: Session, entry_id: int) -> EntryInfo:
    """Delete and hand back what was deleted (so it can be put back)."""
    removed = get_info(session, entry_id)
    entry = session.get(TimeEntry, entry_id)
    session.delete(entry)
    session.commit()
    return removed


def fields_of(entry: EntryInfo) -> EntryFields:
    return EntryFields(
        entry.person_id,
        entry.side,
        entry.start,
        entry.end,
        entry.category_id,
        entry.note,
        entry.lead_id,
        entry.campaign_id,
    )


# ---- the running timer --------------------------------------------------------------------


def _running_entry(session: Session, person_id: int) -> TimeEntry | None:
    return session.scalars(
        select(TimeEntry).where(TimeEntry.person_id == person_id, TimeEntry.end.is_(None))
    ).first()


def _may_end(
    session: Session,
    current: TimeEntry,
    moment: datetime,
    *,
    told: bool,
    long_after: float | None,
) -> None:
    """Refuse to end the running timer at `moment` if that records more than it may: more
    than a week (never), or — when nobody said when it ended (`told`) — more than
    `long_after` hours."""
    length = moment - current.start
    if told and length > MAX_ENTRY:
        start = current.start.astimezone()
        latest = (current.start + MAX_ENTRY).astimezone()
        raise ValidationError(
            "An entry can be at most a week long: this timer started "
            f"{start:%a %d %b %Y, %H:%M}, so say an end before {latest:%a %d %b %Y, %H:%M}."
        )
    if not told and (
        length > MAX_ENTRY or (long_after is not None and length > timedelta(hours=long_after))
    ):
        info = get_info(session, current.id)
        raise LongTimerError(info, moment, too_long=length > MAX_ENTRY)


def start_timer(
    session: Session,
    person_id: int,
    side: Side,
    *,
    category_id: int | None = None,
    note: str = "",
    at: datetime | None = None,
    lead_id: int | None = None,
    campaign_id: int | None = None,
    long_after: float | None = None,
    clock: Clock = _utc_now,
) -> tuple[EntryInfo, EntryInfo | None]:
    """Start a timer at `at` (default: now); a running one of the same person stops at the
    same instant. With `long_after` (hours) and no `at`, a running timer older than that is
    not cut: LongTimerError says so and nothing changes.

    Returns the new timer and the one it stopped (if any). One transaction: a crash leaves
    either the old timer running or the new one running, never both, never neither.
    """
    take_turn(session, person_id)
    now = clock()  # after waiting for the turn: the moment this start really happens
    moment = aware(at, "at") if at is not None else now
    if moment > now:
        raise ValidationError(f"A timer cannot start in the future ({_words(moment)}).")
    stopped = None
    current = _running_entry(session, person_id)
    try:
        if current is not None:
            if moment <= current.start:
                raise ValidationError("The running timer started after that moment; stop it first.")
            _may_end(session, current, moment, told=at is not None, long_after=long_after)
            current.end = moment
            session.flush()
            stopped = current.id
        entry = stage_entry(
            session,
            EntryFields(person_id, side, moment, None, category_id, note, lead_id, campaign_id),
            now=now,
        )
        session.commit()
    except (StaleDataError, IntegrityError):
        session.rollback()
        raise _changed_meanwhile() from None
    return get_info(session, entry.id), get_info(session, stopped) if stopped else None


def _changed_meanwhile() -> conflicts.ConflictError:
    return conflicts.ConflictError(
        "The timer was started or stopped somewhere else at the same moment; nothing was "
        "changed. Look at the running timer and try again."
    )


def stop_timer(
    session: Session,
    person_id: int,
    *,
    at: datetime | None = None,
    long_after: float | None = None,
    clock: Clock = _utc_now,
) -> EntryInfo | None:
    """Stop the person's running timer at `at` (default: now); None if none was running.

    An entry is never longer than a week, so a timer running longer is not stopped without an
    `at` that makes it shorter; with `long_after` (hours) and no `at`, neither is one that
    ran longer than that (LongTimerError; nothing changes). The window asks the person about
    a long timer instead; the command line says `--at` or `--keep`.
    """
    take_turn(session, person_id)
    now = clock()
    moment = aware(at, "at") if at is not None else now
    current = _running_entry(session, person_id)
    if current is None:
        return None
    if moment <= current.start:
        raise ValidationError("A timer cannot stop before it started.")
    if moment > now:
        raise ValidationError(f"A timer cannot stop in the future ({_words(moment)}).")
    _may_end(session, current, moment, told=at is not None, long_after=long_after)
    current.end = moment
    try:
        session.commit()
    except StaleDataError:
        session.rollback()
        raise _changed_meanwhile() from None
    return get_info(session, current.id)


def free_span(
    session: Session,
    person_id: int,
    before: datetime,
    length: timedelta | None = None,
    *,
    now: datetime | None = None,
) -> tuple[datetime, datetime]:
    """Where a new entry of the person goes unless told otherwise: the latest free stretch
    ending at or before `before` (now, say), at most `length` long — it ends where the
    running timer or the next entry begins and starts no earlier than the entry before it,
    so adding an entry never opens on an overlap."""
    moment = now or datetime.now(UTC)
    before = aware(before, "before")
    length = length or timedelta(hours=1)
    window = entries_between(
        session, before - 4 * MAX_ENTRY, before, person_id=person_id, now=moment
    )
    busy: list[tuple[datetime, datetime]] = []
    for entry in window:  # oldest first: the union of the busy stretches
        start, end = entry.start, min(entry.end or moment, before)
        if busy and start <= busy[-1][1]:
            busy[-1] = (busy[-1][0], max(busy[-1][1], end))
        else:
            busy.append((start, end))
    free_until = before
    for start, end in reversed(busy):
        if end < free_until - timedelta(minutes=1):  # a free minute or more after this one
            return max(end, free_until - length), free_until
        free_until = min(free_until, start)
    return free_until - length, free_until
