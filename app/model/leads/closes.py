"""What each close knew: the temperatures a lead had been at before it was won or lost.

A won or lost row of `status_change` keeps them in `held` as bits (cold 1, warm 2, hot 4), so
the win rates (app.model.review.pipeline) read a year's closes from one index instead of
looking through every closed lead's temperature history. A close "held" a temperature when the
lead had it at any moment before the close; its creation temperature always counts (PRODUCT.md,
"Win rate of a temperature"). Rows of a reopening (to open) keep NULL.

`refresh_held` is the one place this is worked out; it runs wherever a lead's history changes:
a close recorded (`status`), a temperature changed or taken back and an imported history
(`refresh_temperatures`, `refresh_statuses`), new leads that arrive closed (`create`), the demo,
and migration 0007 for the rows made before it (the same statement, written out there).

Two people may change the same lead's history at once on a server, where neither sees the
other's rows until they commit: a close made while someone backdates a temperature (or takes
one back) would keep what its lead held without that change, and the change's own upkeep
would not yet see the close. So `refresh_held` first takes each lead's turn (its row locked
FOR NO KEY UPDATE until the commit, as app.model.time.entries.take_turn does for a person):
the second one waits, and its statement then sees the first one's rows. On SQLite a writer's
BEGIN IMMEDIATE has already made every other writer wait.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.model.enums import TEMPERATURES

if TYPE_CHECKING:
    from collections.abc import Collection

    from sqlalchemy.orm import Session

BIT = {t: 1 << number for number, t in enumerate(TEMPERATURES)}  # cold 1, warm 2, hot 4
CLOSED = ("won", "lost")
_CHUNK = 500


def held(bits: int | None, temperature: str) -> bool:
    """Did a close with these bits hold `temperature`?"""
    return bits is not None and bool(bits & BIT[temperature])


def _held_before_the_close() -> Any:
    """The bits of the temperatures the row's lead had before the row's moment (the
    creation's always), as a subquery of the `status_change` row being updated."""
    from sqlalchemy import case, func, literal, or_, select

    from app.model.store.entities import StatusChange, TemperatureChange

    return (
        select(
            sum(
                (
                    func.max(case((TemperatureChange.to_temperature == t, BIT[t]), else_=0))
                    for t in TEMPERATURES
                ),
                start=literal(0),
            )
        )
        .where(
            TemperatureChange.lead_id == StatusChange.lead_id,
            or_(
                TemperatureChange.at < StatusChange.at,
                TemperatureChange.from_temperature.is_(None),
            ),
        )
        .scalar_subquery()
    )


def refresh_held(session: Session, lead_ids: Collection[int] | None) -> None:
    """Work out `held` again for the closes of these leads (None: of every lead, for the
    demo, which fills a new database alone), once it is their turn (see above)."""
    from sqlalchemy import select, update

    from app.model.store.entities import Lead, StatusChange

    statement = (
        update(StatusChange)
        .where(StatusChange.to_status.in_(CLOSED))
        .values(held=_held_before_the_close())
        .execution_options(synchronize_session=False)
    )
    if lead_ids is None:
        session.execute(statement)
        return
    ids = sorted(set(lead_ids))
    on_a_server = session.get_bind().dialect.name != "sqlite"  # SQLite's writers take turns
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first : first + _CHUNK]
        if on_a_server:
            turn = select(Lead.id).where(Lead.id.in_(chunk)).with_for_update(key_share=True)
            session.execute(turn)
        session.execute(statement.where(StatusChange.lead_id.in_(chunk)))
