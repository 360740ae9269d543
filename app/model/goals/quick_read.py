"""The goal and what was won, read with Python's own sqlite3 for `hearth-cli status` (see
app.model.time.quick_read, whose connection it uses): the same rows `service` reads, handed
to the same pure `pacing_of`."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from decimal import Decimal

from app.model.goals.pacing import Goals, Pacing, month_bounds, month_of_week, pacing_of
from app.model.store.money_scale import MONEY_SCALE
from app.model.store.settings import Settings
from app.model.store.stored_time import stored


def goals(connection: sqlite3.Connection, settings: Settings) -> Goals:
    rows = connection.execute("SELECT month, amount FROM monthly_goal")
    months = {month: Decimal(int(amount)).scaleb(-MONEY_SCALE) for month, amount in rows}
    default = settings.default_goal
    return Goals(months, default if default > 0 else None)


def pacing(
    connection: sqlite3.Connection, settings: Settings, week: str, moment: datetime
) -> Pacing | None:
    """As `service.pacing`: the month of `week` as of `moment`, or None without a goal."""
    month = month_of_week(week)
    goal = goals(connection, settings).for_month(month)
    if goal is None:
        return None
    start, end = month_bounds(month)
    won = Decimal(0)
    if min(moment, end) > start:
        (total,) = connection.execute(
            "SELECT SUM(value) FROM deal WHERE won_at >= ? AND won_at < ?",
            (stored(start), stored(min(moment, end))),
        ).fetchone()
        won = Decimal(int(total or 0)).scaleb(-MONEY_SCALE)
    return pacing_of(month, goal, moment, won)
