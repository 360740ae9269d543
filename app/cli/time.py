"""hearth-cli start / stop / status / log: the timer from a terminal (after Watson and
Timewarrior). Each command opens the database, does one unit of work, and says what it did."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.model.errors import ValidationError
    from app.model.people import PersonInfo
    from app.model.store.db import Store
    from app.model.store.reading import Reader
    from app.model.time.entries import LongTimerError
    from app.model.time.targets import Balance
    from app.model.time.types import EntryInfo

SIDES = ("marketing", "sales")


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    open_store: Callable[[argparse.Namespace], Store],
    only: str | None = None,
) -> None:
    """start, stop, status and log; `only` one of them (the one that runs: building the
    others' parsers is ~3 ms of `status`, whose budget is twice Python's start, #19)."""

    def wanted(command: str) -> bool:
        return only in (None, command)

    def person_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--person", metavar="NAME", help="whose time (needed when two people use Hearth)"
        )

    def keep_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--keep",
            action="store_true",
            help="a running timer older than the long-timer setting ends now, all of it "
            "recorded (without --keep or --at it is not cut)",
        )

    if wanted("start"):
        start = commands.add_parser(
            "start",
            help="start a marketing or sales timer (stops the running one)",
            description="Start a timer now (or --at WHEN); a running timer stops at the same "
            "instant. A running timer older than the long-timer setting is not cut without --at "
            "or --keep.",
        )
        start.add_argument("side", choices=SIDES)
        start.add_argument("category", nargs="?", help="a category of that side, e.g. content")
        start.add_argument("-m", "--message", default="", help="a note")
        start.add_argument(
            "--at", metavar="WHEN", help="start time, e.g. 09:15 or '2026-11-23 09:15' (local time)"
        )
        keep_option(start)
        person_option(start)
        start.set_defaults(handler=lambda a: cmd_start(a, open_store))

    if wanted("stop"):
        stop = commands.add_parser(
            "stop",
            help="stop the running timer",
            description="Stop the running timer now (or --at WHEN). A timer running longer than "
            "the long-timer setting (10 h unless changed) is not cut without being told: say when "
            "it ended with --at, or --keep to record all of it. An entry is at most a week long.",
        )
        stop.add_argument("--at", metavar="WHEN", help="stop time (local), default now")
        keep_option(stop)
        person_option(stop)
        stop.set_defaults(handler=lambda a: cmd_stop(a, open_store))

    if wanted("status"):
        status = commands.add_parser("status", help="the running timer and this week's balance")
        status.add_argument("--week", metavar="WEEK", help="another week's balance, e.g. 2026-W47")
        person_option(status)
        status.set_defaults(handler=lambda a: cmd_status(a, open_store))

    if wanted("log"):
        log = commands.add_parser(
            "log",
            help="log time already spent, e.g. 'log sales 1h30 follow-ups'",
            description="Log time already spent. DURATION is 1h30, 90m, 1.5h, or a span like "
            "9:00-10:30 (today, or the day of --at).",
        )
        log.add_argument("side", choices=SIDES)
        log.add_argument("duration")
        log.add_argument("category", nargs="?")
        log.add_argument(
            "--at", metavar="WHEN", help="when it started (local); default: it ended now"
        )
        log.add_argument("-m", "--message", default="", help="a note")
        person_option(log)
        log.set_defaults(handler=lambda a: cmd_log(a, open_store))


def _when(text: str | None) -> datetime | None:
    """'09:15' (today), '2026-11-23 09:15', ISO with offset → a UTC instant; None if not
    given. A local time the clocks skip or show twice is refused with a sentence."""
    if not text:
        return None
    from app.model.errors import ValidationError
    from app.model.io import csv_values
    from app.model.weeks import wall_clock_to_utc

    stripped = text.strip()
    try:
        if len(stripped) <= 5 and ":" in stripped:
            hour, _, minute = stripped.partition(":")
            if hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60:
                today = datetime.now().date()
                return wall_clock_to_utc(
                    datetime(today.year, today.month, today.day, int(hour), int(minute))
                )
        return csv_values.parse_moment(stripped, csv_values.locale_date_order())
    except ValueError as exc:
        raise ValidationError(f"--at: {exc}") from None


def _long_after(session: Session, keep: bool) -> float | None:
    """The long-timer setting (hours) unless --keep says to record all of a long timer."""
    from app.model.store import settings

    return None if keep else settings.load(session).long_timer_hours


def _category(session: Session, side: str, name: str | None) -> tuple[int | None, str]:
    if not name:
        return None, ""
    from app.model.enums import Side
    from app.model.time import categories

    found = categories.find(session, Side(side), name)
    return found.id, f" ({found.name})"


def cmd_start(
    args: argparse.Namespace,
    open_store: Callable[[argparse.Namespace], Store],
) -> int:
    from app.model import people
    from app.model.durations import format_hours
    from app.model.enums import Side
    from app.model.time import entries as time_entries

    at = _when(args.at)
    store = open_store(args)
    with store.writer() as session:
        person = people.resolve(session, args.person)
        category_id, category = _category(session, args.side, args.category)
        try:
            started, stopped = time_entries.start_timer(
                session,
                person.id,
                Side(args.side),
                category_id=category_id,
                note=args.message,
                at=at,
                long_after=_long_after(session, args.keep),
            )
        except time_entries.LongTimerError as exc:
            hint = "stop it first, saying when it ended: hearth-cli stop --at WHEN"
            raise _refusal(exc, hint) from None
    message = (
        f"Started {args.side}{category} for {person.name} at {started.start.astimezone():%H:%M}."
    )
    if stopped is not None:
        message += (
            f" Stopped {stopped.side.value}"
            f"{f' ({stopped.category})' if stopped.category else ''} after "
            f"{format_hours(stopped.hours(started.start))}."
        )
    print(message)
    store.close()
    return 0


def _refusal(refused: LongTimerError, hint: str) -> ValidationError:
    from app.model.errors import ValidationError

    keep = "" if refused.too_long else " (or add --keep to record all of it)"
    return ValidationError(refused.sentence(hint + keep))


def cmd_stop(
    args: argparse.Namespace,
    open_store: Callable[[argparse.Namespace], Store],
) -> int:
    from app.model import people
    from app.model.durations import format_hours
    from app.model.time import entries as time_entries

    at = _when(args.at)
    store = open_store(args)
    with store.writer() as session:
        person = people.resolve(session, args.person)
        try:
            stopped = time_entries.stop_timer(
                session, person.id, at=at, long_after=_long_after(session, args.keep)
            )
        except time_entries.LongTimerError as exc:
            raise _refusal(exc, "say when it ended with --at WHEN") from None
    store.close()
    if stopped is None:
        print(f"hearth-cli: no timer is running for {person.name}.", file=sys.stderr)
        return 1
    assert stopped.end is not None
    print(
        f"Stopped {stopped.side.value}{f' ({stopped.category})' if stopped.category else ''} "
        f"for {person.name} after {format_hours(stopped.hours(stopped.end))}."
    )
    return 0


def cmd_status(
    args: argparse.Namespace,
    open_store: Callable[[argparse.Namespace], Store],
) -> int:
    from app.model.durations import format_hours
    from app.model.weeks import current_week

    now = datetime.now(UTC)
    week = args.week or current_week()
    found = _status_quickly(args.db, args.person, week, now)
    if found is None:
        found = _status(args, open_store, week, now)
    person, running, balance, pacing_words = found
    if not running:
        print("No timer is running.")
    for entry in running:
        category = f" ({entry.category})" if entry.category else ""
        print(
            f"{entry.person}: {entry.side.value}{category} running for "
            f"{format_hours(entry.hours(now))}, since {_since(entry.start, now)}."
        )
    hours = balance.hours
    who = person.name if person else "everyone"
    print(
        f"{week} ({who}): marketing {format_hours(hours.marketing)}, sales "
        f"{format_hours(hours.sales)}. {balance.words()}"
    )
    if pacing_words:
        print(pacing_words)
    return 0


def _since(start: datetime, now: datetime) -> str:
    """'Mon 09:00' within the last six days, else with the date (and the year if another)."""
    local = start.astimezone()
    if now - start < timedelta(days=6):
        return f"{local:%a %H:%M}"
    if local.year == now.astimezone().year:
        return f"{local:%a %d %b %H:%M}"
    return f"{local:%a %d %b %Y %H:%M}"


# Who, the running timers, the week's balance, and the sales pacing in words (no goal: "").
Status = tuple["PersonInfo | None", "list[EntryInfo]", "Balance", str]


def _figures(db: Session | Reader, name: str | None, week: str, now: datetime) -> Status:
    """Who, the running timers, the week's balance and the sales pacing: the same reads
    through a session (any database) and through sqlite3 alone."""
    from app.model import people
    from app.model.goals import service as goals
    from app.model.store import settings
    from app.model.store.reading import reading
    from app.model.time import entry_reads, targets
    from app.model.weeks import week_bounds

    r = reading(db)
    person = people.resolve(r, name) if name else None
    person_id = person.id if person else None
    running = entry_reads.running(r, person_id)
    balance = targets.balance(r, week, person_id=person_id, now=now)
    pacing = goals.pacing(r, goals.goals(r), week, min(now, week_bounds(week)[1]))
    words = pacing.words(settings.load(r).currency) if pacing else ""
    return person, running, balance, words


def _status(
    args: argparse.Namespace,
    open_store: Callable[[argparse.Namespace], Store],
    week: str,
    now: datetime,
) -> Status:
    """Through the services (any database, any schema: it migrates first)."""
    store = open_store(args)
    try:
        with store.session() as session:
            return _figures(session, args.person, week, now)
    finally:
        store.close()


def _status_quickly(
    db: str | None,
    name: str | None,
    week: str,
    now: datetime,
) -> Status | None:
    """The same figures read with sqlite3 alone (no SQLAlchemy import, ~10x faster); None
    when the database is not a current SQLite file."""
    from app.cli.place import read_quickly
    from app.model.weeks import week_bounds

    week_bounds(week)  # a bad week name is refused before any file is opened
    return read_quickly(db, lambda reader: _figures(reader, name, week, now))


def cmd_log(
    args: argparse.Namespace,
    open_store: Callable[[argparse.Namespace], Store],
) -> int:
    from app.model import people
    from app.model.durations import format_hours, parse_duration, parse_span
    from app.model.enums import Side
    from app.model.errors import LocalTimeError
    from app.model.time import entries as time_entries
    from app.model.time.entries import EntryFields

    now = datetime.now(UTC)
    store = open_store(args)
    with store.writer() as session:
        person = people.resolve(session, args.person)
        category_id, category = _category(session, args.side, args.category)
        at = _when(args.at)
        try:
            span = parse_span(args.duration, (at or now).astimezone().date())
        except LocalTimeError as exc:
            if not exc.twice:
                raise
            raise LocalTimeError(  # a span has no room for the offset the sentence asks
                f"{exc}; a span cannot say which, so give the start with --at, with its "
                "offset as above, and the length: hearth-cli log SIDE 30m --at 'WHEN'."
            ) from None
        if span is not None:
            start, end = span
        else:
            duration = parse_duration(args.duration)
            start = at if at is not None else now - duration
            end = start + duration
        entry = time_entries.add_entry(
            session,
            EntryFields(person.id, Side(args.side), start, end, category_id, args.message),
            now=now,
        )
    store.close()
    assert entry.end is not None
    print(
        f"Logged {format_hours(entry.hours(entry.end))} of {args.side}{category} for "
        f"{person.name}, {entry.start.astimezone():%a %d %b %H:%M}–"
        f"{entry.end.astimezone():%H:%M}."
    )
    return 0
