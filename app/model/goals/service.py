"""A revenue goal per calendar month: a month's own goal, else the default goal (a setting),
else none. Reviews read the goals as they are set now, so changing a past month's goal
re-computes that month's reviews."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from app.model.errors import NotFoundError, ValidationError
from app.model.goals.pacing import Goals, Pacing, month_bounds, month_of_week, pacing_of
from app.model.store import settings as settings_service
from app.model.store.money_scale import MONEY_LIMIT
from app.model.store.reading import Reader, reading
from app.model.weeks import FIRST_YEAR, LAST_YEAR

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Patterns, compiled (and kept by `re`) when first used: reading the goals needs none.
_MONTH = r"^(\d{4})-(\d{2})$"


def month_name(text: str) -> str:
    """'2026-11' checked: a month Hearth keeps, written like 2026-11."""
    match = re.match(_MONTH, text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(f"{text!r} is not a month; write it like 2026-11.")
    if not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        raise ValidationError(
            f"{text.strip()!r} is not a month Hearth keeps; it knows the years {FIRST_YEAR} "
            f"to {LAST_YEAR}."
        )
    return text.strip()


_PLAIN = r"-?[0-9]+(?:\.[0-9]+)?"
_GROUPED = r"[0-9]{1,3}(?:[.,][0-9]{3})+"


def amount(text: str | Decimal) -> Decimal:
    """A goal as typed ('30000', '30000.50'): more than 0, at most cents. Digits and a
    decimal point only: '30.000' or '30,000' (thirty thousand where the point groups
    thousands, thirty where it is the decimal mark) is refused rather than guessed at, and so
    are '1e3', 'inf' and 'nan'."""
    typed = str(text).strip()
    if isinstance(text, str) and re.fullmatch(_GROUPED, typed):
        raise ValidationError(
            f"{typed!r} could be read two ways (a point or comma between thousands, or before "
            "decimals): write the goal without separators, like 30000 or 30000.50."
        )
    not_an_amount = ValidationError(
        f"{text!r} is not an amount; write it with digits and a decimal point, like 30000 "
        "or 30000.50."
    )
    if isinstance(text, str) and not re.fullmatch(_PLAIN, typed):
        raise not_an_amount
    try:
        value = Decimal(typed)
    except InvalidOperation:
        raise not_an_amount from None
    if not value.is_finite() or value <= 0:
        raise ValidationError("A goal must be an amount of more than 0.")
    if value >= MONEY_LIMIT:
        raise ValidationError(f"A goal must be less than {MONEY_LIMIT:,}.")
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError("A goal is in whole cents: at most two decimals.")
    return value


def goals(session: Session | Reader) -> Goals:
    r = reading(session)
    rows = r.rows("SELECT monthly_goal.month, monthly_goal.amount FROM monthly_goal")
    months: dict[str, Decimal] = {}
    for month, stored in rows:
        value = r.money(stored)
        assert value is not None  # the column is NOT NULL
        months[month] = value
    default = settings_service.load(r).default_goal
    return Goals(months, default if default > 0 else None)


def set_goal(session: Session, month: str, value: Decimal) -> Decimal | None:
    """The month's own goal set (in the session's unit of work); the one it had before."""
    from app.model.store.entities import MonthlyGoal

    month, value = month_name(month), amount(value)
    row = session.get(MonthlyGoal, month)
    before = row.amount if row is not None else None
    if row is None:
        session.add(MonthlyGoal(month=month, amount=value))
    else:
        row.amount = value
    session.flush()
    return before


def unset_goal(session: Session, month: str) -> Decimal:
    """The month's own goal removed (the default applies again); the one it had."""
    from app.model.store.entities import MonthlyGoal

    row = session.get(MonthlyGoal, month_name(month))
    if row is None:
        raise NotFoundError(f"{month.strip()} has no goal of its own.")
    before = row.amount
    session.delete(row)
    session.flush()
    return before


def set_default(session: Session, value: Decimal | None) -> None:
    """The default goal of every month without its own; None removes it."""
    settings = settings_service.load(session)
    stored = amount(value) if value is not None else Decimal(0)
    settings_service.stage(session, settings._replace(default_goal=stored))


_WON = "SELECT sum(deal.value) FROM deal WHERE deal.won_at >= :start AND deal.won_at < :end"


def won_between(session: Session | Reader, start: datetime, end: datetime) -> Decimal:
    """The deal values won in [start, end)."""
    if end <= start:
        return Decimal(0)
    r = reading(session)
    return r.money(r.value(_WON, {"start": r.at(start), "end": r.at(end)})) or Decimal(0)


def pacing(session: Session | Reader, goals: Goals, week: str, moment: datetime) -> Pacing | None:
    """The pacing of the month of `week` as of `moment` (T), or None without a goal."""
    month = month_of_week(week)
    goal = goals.for_month(month)
    if goal is None:
        return None
    start, end = month_bounds(month)
    return pacing_of(month, goal, moment, won_between(session, start, min(moment, end)))
