"""Which automatic backups to keep: the last 7 daily copies and the last 8 weekly ones.

Daily: the newest backup of each of the 7 most recent local days that have one. Weekly: the
newest backup of each of the 8 most recent ISO weeks that have one. A backup in both sets is
kept once; everything else automatic goes. Pure: the caller lists the files and deletes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TypeVar

from app.model.weeks import to_local, week_name

DAILY_COPIES = 7
WEEKLY_COPIES = 8

T = TypeVar("T")


def to_keep(backups: Iterable[tuple[datetime, T]]) -> set[T]:
    """`backups` are (when taken, in UTC; an id); return the ids to keep."""
    newest_first = sorted(backups, key=lambda item: item[0], reverse=True)
    keep: set[T] = set()
    for key_of, copies in (
        (lambda at: to_local(at).date(), DAILY_COPIES),
        (lambda at: week_name(to_local(at).date()), WEEKLY_COPIES),
    ):
        seen: list[object] = []
        for taken_at, ident in newest_first:
            period = key_of(taken_at)
            if period in seen:
                continue
            if len(seen) == copies:
                break
            seen.append(period)
            keep.add(ident)
    return keep
