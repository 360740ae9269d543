"""Hours by side, category, person and day for a period, following PRODUCT.md exactly.

An entry's hours are real elapsed time (times are UTC instants, so a daylight-saving night is
an hour shorter or longer by itself); an entry crossing the period's edge counts only for the
part inside; a running timer counts up to now; days are local calendar days.

`hours_in` reads the period's entries (an indexed look-up) and clips them in Python — exact
and fast for a week or a month. `side_totals` sums in SQL for long periods (years of entries);
a test holds the two to the same answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.model.enums import Side
from app.model.store.reading import reading
from app.model.time.entry_reads import entries_between, running
from app.model.time.types import MAX_ENTRY, EntryInfo
from app.model.weeks import local_to_utc

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.model.store.reading import Reader


class SideSplit:
    """What follows from hours on each side: their total and marketing's share. Subclasses
    give `marketing` and `sales` (as fields or properties)."""

    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def marketing(self) -> float: ...

        @property
        def sales(self) -> float: ...

    @property
    def total(self) -> float:
        return self.marketing + self.sales

    @property
    def marketing_share(self) -> float | None:
        return marketing_share(self.marketing, self.sales)


class Hours(SideSplit):
    """A period's hours by side, category, person and local day (`hours_of`)."""

    __slots__ = ("by_category", "by_day", "by_person", "by_side", "end", "start")

    def __init__(
        self,
        start: datetime,
        end: datetime,
        by_side: dict[Side, float],
        by_category: dict[tuple[Side, str], float],
        by_person: dict[str, dict[Side, float]],
        by_day: dict[date, dict[Side, float]],
    ) -> None:
        self.start, self.end = start, end
        self.by_side, self.by_category = by_side, by_category
        self.by_person, self.by_day = by_person, by_day

    @property
    def marketing(self) -> float:
        return self.by_side.get(Side.MARKETING, 0.0)

    @property
    def sales(self) -> float:
        return self.by_side.get(Side.SALES, 0.0)


def marketing_share(marketing: float, sales: float) -> float | None:
    """Marketing's share of the hours; None when there are none."""
    total = marketing + sales
    return marketing / total if total else None


def _clip(entry: EntryInfo, start: datetime, end: datetime, now: datetime) -> float:
    stop = min(entry.end or now, end)
    begin = max(entry.start, start)
    return max(0.0, (stop - begin).total_seconds() / 3600)


def _local_midnights(start: datetime, end: datetime) -> list[tuple[date, datetime, datetime]]:
    """The local days touching [start, end): (day, its start, its end) as UTC instants."""
    days = []
    day = start.astimezone().date()
    last = (end - timedelta(microseconds=1)).astimezone().date()
    while day <= last:
        begin = local_to_utc(datetime.combine(day, datetime.min.time()))
        finish = local_to_utc(datetime.combine(day + timedelta(days=1), datetime.min.time()))
        days.append((day, max(begin, start), min(finish, end)))
        day += timedelta(days=1)
    return days


def hours_in(
    session: Session | Reader,
    start: datetime,
    end: datetime,
    *,
    person_id: int | None = None,
    now: datetime | None = None,
) -> Hours:
    moment = now or datetime.now(UTC)
    entries = entries_between(session, start, end, person_id=person_id, now=moment)
    return hours_of(entries, start, end, moment)


def hours_of(entries: list[EntryInfo], start: datetime, end: datetime, now: datetime) -> Hours:
    by_side: dict[Side, float] = defaultdict(float)
    by_category: dict[tuple[Side, str], float] = defaultdict(float)
    by_person: dict[str, dict[Side, float]] = defaultdict(lambda: defaultdict(float))
    by_day: dict[date, dict[Side, float]] = {}
    days = _local_midnights(start, end)
    for day, _b, _e in days:
        by_day[day] = {Side.MARKETING: 0.0, Side.SALES: 0.0}
    # `_clip`, written out: a week's thousand entries are summed seven ways (hearth-cli
    # status answers against Python's own start, #19).
    for entry in entries:
        first, stop, side = entry.start, entry.end or now, entry.side
        hours = (min(stop, end) - max(first, start)).total_seconds() / 3600
        if hours <= 0:
            continue
        by_side[side] += hours
        by_category[(side, entry.category or "uncategorised")] += hours
        by_person[entry.person][side] += hours
        for day, day_start, day_end in days:  # in order: from the entry's first day to its last
            if day_end <= first:
                continue
            if day_start >= stop:
                break
            by_day[day][side] += (min(stop, day_end) - max(first, day_start)).total_seconds() / 3600
    return Hours(
        start,
        end,
        {s: by_side.get(s, 0.0) for s in Side},
        dict(by_category),
        {p: dict(v) for p, v in by_person.items()},
        by_day,
    )


def side_totals(
    session: Session | Reader,
    start: datetime,
    end: datetime,
    *,
    person_id: int | None = None,
    now: datetime | None = None,
) -> dict[Side, float]:
    """Hours by side over any period, summed by the database (for long periods)."""
    totals = summed_hours(session, start, end, by="side", person_id=person_id, now=now)
    return {s: totals.get(s.value, 0.0) for s in Side}


def summed_hours(
    session: Session | Reader,
    start: datetime | None,
    end: datetime,
    *,
    by: str,
    person_id: int | None = None,
    now: datetime | None = None,
    keys: Collection[Any] | None = None,
) -> dict[Any, float]:
    """Hours inside [start, end) summed in SQL and grouped by a time-entry column ("side",
    "campaign_id", "category_id", "person_id"); `start` None means since the beginning;
    `keys`, when given, are the only values of that column wanted."""
    first = start or datetime(1970, 1, 1, tzinfo=UTC)
    return summed_hours_per_period(
        session,
        [(first, end)],
        by=by,
        person_id=person_id,
        now=now,
        keys=keys,
        since_the_beginning=start is None,
    )[0]


# The time-entry columns hours can be grouped by.
GROUPINGS = frozenset({"side", "campaign_id", "category_id", "person_id"})


def summed_hours_per_period(
    session: Session | Reader,
    periods: Sequence[tuple[datetime, datetime]],
    *,
    by: str,
    person_id: int | None = None,
    now: datetime | None = None,
    keys: Collection[Any] | None = None,
    since_the_beginning: bool = False,
) -> list[dict[Any, float]]:
    """`summed_hours` for several periods in one statement (the review's weeks): one dict per
    period, in order; a key found in any period is in every period's dict."""
    if by not in GROUPINGS:
        raise ValueError(f"hours cannot be grouped by {by!r}")
    r = reading(session)
    moment = now or datetime.now(UTC)
    group = f"time_entry.{by}"
    stop = 'coalesce(time_entry."end", :now)'
    # An entry's start and stop as seconds since 1970, so that clipping it to a period (whose
    # edges are numbers too) is plain arithmetic.
    if r.on_sqlite:
        least, greatest = "min", "max"  # their two-argument forms

        def epoch(column: str) -> str:
            return f"(julianday({column}) - 2440587.5) * 86400.0"
    else:
        least, greatest = "least", "greatest"

        def epoch(column: str) -> str:
            return f"EXTRACT(epoch FROM {column})"

    params: dict[str, object] = {"now": r.at(moment)}
    # Rows without the grouping value (no campaign, say) are left out before any arithmetic;
    # a timer started after `now` counts nothing (its stop, now, is before its start).
    rows = f"WHERE {group} IS NOT NULL AND {stop} > time_entry.start"
    if person_id is not None:
        rows += " AND time_entry.person_id = :person"
        params["person"] = person_id
    if keys is not None:
        wanted = [f":key{n}" for n in range(len(keys))]
        rows += f" AND {group} IN ({', '.join(wanted) or 'NULL'})"
        params.update((name[1:], key) for name, key in zip(wanted, keys, strict=True))
    if not since_the_beginning:
        # Finished entries only; the running timers (one a person at most) through their own
        # small index, below.
        rows += ' AND time_entry."end" IS NOT NULL'

    def meeting(number: int, begin: datetime, end: datetime) -> str:
        """The entries meeting [begin, end), each clipped to it, summed by key: one range of
        the start index a period (none of them began more than MAX_ENTRY before it), so each
        entry is read for the one or two periods it can meet, not compared with all of them."""
        params[f"begin{number}"], params[f"end{number}"] = r.at(begin), r.at(end)
        query = rows + f" AND time_entry.start < :end{number} AND {stop} > :begin{number}"
        if not since_the_beginning:
            query += f" AND time_entry.start >= :earliest{number}"
            params[f"earliest{number}"] = r.at(begin - MAX_ENTRY)
        params[f"b{number}"], params[f"e{number}"] = begin.timestamp(), end.timestamp()
        seconds = (
            f"{least}({epoch(stop)}, :e{number}) "
            f"- {greatest}({epoch('time_entry.start')}, :b{number})"
        )
        return f"SELECT {group}, {number}, sum({seconds}) FROM time_entry {query} GROUP BY {group}"

    sql = " UNION ALL ".join(meeting(n, begin, end) for n, (begin, end) in enumerate(periods))
    totals: list[dict[Any, float]] = [defaultdict(float) for _ in periods]
    for key, number, seconds_in in r.rows(sql, params):
        for total in totals:
            total[key] += 0.0  # every period has every key, as the sums of all its entries
        totals[number][key] += float(seconds_in or 0) / 3600
    if since_the_beginning:
        return [dict(t) for t in totals]
    for timer in running(r, person_id):
        key = getattr(timer, by)
        if key is None or (keys is not None and key not in keys):
            continue
        for total, (begin, end) in zip(totals, periods, strict=True):
            hours = _clip(timer, begin, end, moment)
            if hours > 0:
                total[key] += hours
    return [dict(t) for t in totals]
