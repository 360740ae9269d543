"""How sales are pacing against the month's goal, as of a moment T (PRODUCT.md, "Goals,
pacing and the pipeline"): the month of a week is the month holding its Thursday; won is the
deal values won in the month up to T; expected is the goal on a straight line through the
month's working days (Monday to Friday); pace = won / expected.

Pure: no SQLAlchemy, no reading; `service.pacing` reads the rows (through a session, or with
sqlite3 alone for hearth-cli status) and computes here."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import NamedTuple

from app.model.formatting import percent, whole_money
from app.model.weeks import local_to_utc, parse_week

_CENT = Decimal("0.01")


class Goals(NamedTuple):
    """Every month's own goal and the default, read once (a review asks for several months)."""

    months: dict[str, Decimal]
    default: Decimal | None

    def for_month(self, month: str) -> Decimal | None:
        """The month's own goal, else the default goal, else None."""
        return self.months.get(month, self.default)


def month_of_week(week: str) -> str:
    """'2026-10' for 2026-W44 (Mon 26 Oct – Sun 1 Nov: its Thursday is 29 Oct)."""
    thursday = parse_week(week) + timedelta(days=3)
    return f"{thursday:%Y-%m}"


def month_days(month: str) -> tuple[date, date]:
    """[first day, first day of the next month) of '2026-10'."""
    first = date(int(month[:4]), int(month[5:7]), 1)
    after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, after


def working_days(first: date, after: date) -> int:
    """Monday–Friday dates in [first, after)."""
    if after <= first:
        return 0
    weeks, extra = divmod((after - first).days, 7)
    return weeks * 5 + sum(1 for n in range(extra) if (first.weekday() + n) % 7 < 5)


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """[start, end) of the month as aware UTC instants (local midnights)."""
    first, after = month_days(month)
    return (
        local_to_utc(datetime.combine(first, datetime.min.time())),
        local_to_utc(datetime.combine(after, datetime.min.time())),
    )


class Pacing(NamedTuple):
    month: str  # "2026-10"
    goal: Decimal
    won: Decimal
    expected: Decimal
    business_days: int
    business_days_gone: int

    @property
    def pace(self) -> float | None:
        """won / expected; None when nothing is expected yet."""
        return float(self.won / self.expected) if self.expected else None

    @property
    def behind(self) -> Decimal:
        """How far won is below expected (negative: ahead)."""
        return self.expected - self.won

    @property
    def left(self) -> Decimal:
        """What is left to win this month (0 once the goal is reached)."""
        return max(self.goal - self.won, Decimal(0))

    def words(self, currency: str) -> str:
        """'Sales pacing: 12,400 EUR of 30,000 EUR — 41% with 55% of the month's working
        days gone: 4,100 EUR behind.'"""
        gone = self.business_days_gone / self.business_days if self.business_days else 0.0
        if self.behind > 0:
            where = f"{whole_money(self.behind, currency)} behind"
        elif self.behind < 0:
            where = f"{whole_money(-self.behind, currency)} ahead"
        else:
            where = "on pace"
        return (
            f"Sales pacing: {whole_money(self.won, currency)} of "
            f"{whole_money(self.goal, currency)} — {percent(float(self.won / self.goal))} "
            f"with {percent(gone)} of the month's working days gone: {where}."
        )


def pacing_of(month: str, goal: Decimal, moment: datetime, won: Decimal) -> Pacing:
    """The figures of `month` as of `moment` (T), given what was won in it by then."""
    first, after = month_days(month)
    days = working_days(first, after)
    today = moment.astimezone().date()
    gone = min(working_days(first, min(max(today, first), after)), days)
    expected = (goal * gone / days).quantize(_CENT, ROUND_HALF_EVEN) if days else Decimal(0)
    return Pacing(month, goal, won, expected, days, gone)
