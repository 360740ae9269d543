"""The declarative base, with a constraint naming convention from the first migration on.

Unnamed constraints cannot be dropped or altered by a later migration on SQLite, so every
constraint gets a predictable name.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import MetaData, Table, func, insert, select
from sqlalchemy.orm import DeclarativeBase, Session

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def table_of(model: type[Base]) -> Table:
    """A mapped class's Table, for Core statements (bulk inserts)."""
    return cast(Table, model.__table__)


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows in one batched statement; their new ids, in order.

    SQLite cannot hand back RETURNING ids in the order of a batch (SQLAlchemy then inserts
    row by row, ~5x slower), so there the ids are given: writers hold the write lock from
    their first statement (BEGIN IMMEDIATE), so nobody else can take the same ids. Other
    databases return them in order.
    """
    if not rows:
        return []
    if session.get_bind().dialect.name == "sqlite":
        first = (session.scalar(select(func.max(table.c.id))) or 0) + 1
        ids = list(range(first, first + len(rows)))
        session.execute(insert(table), [{"id": i, **row} for i, row in zip(ids, rows, strict=True)])
        return ids
    result = session.execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
    )
    return list(result.scalars())
