"""Categories inside each side (PRODUCT.md's defaults, editable)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model.enums import Side
from app.model.errors import ValidationError
from app.model.store.entities import Category


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    side: Side
    name: str


def list_for(session: Session, side: Side | None = None) -> list[CategoryInfo]:
    query = (
        select(Category)
        .where(Category.archived.is_(False))
        .order_by(Category.side, Category.position, Category.name)
    )
    if side is not None:
        query = query.where(Category.side == side.value)
    return [CategoryInfo(c.id, Side(c.side), c.name) for c in session.scalars(query)]


def find(session: Session, side: Side, name: str) -> CategoryInfo:
    """The side's category called `name` (any case), or a sentence listing the choices."""
    row = session.scalars(
        select(Category).where(
            Category.side == side.value, func.lower(Category.name) == name.strip().lower()
        )
    ).first()
    if row is None:
        choices = ", ".join(c.name for c in list_for(session, side))
        raise ValidationError(f"{side.value} has no category {name!r}; choose one of: {choices}.")
    return CategoryInfo(row.id, Side(row.side), row.name)
