"""The answers of the first-run dialog, stored in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.errors import ValidationError
from app.model.people import stage_person
from app.model.store import settings as settings_service
from app.model.store.entities import Person
from app.model.store.settings import Settings


@dataclass(frozen=True)
class FirstRunAnswers:
    business_name: str
    people: tuple[str, ...]
    currency: str = "EUR"
    marketing_share: float = 0.4
    weekly_hours: float = 40.0
    # The monthly revenue goal of every month (optional: None or 0, no goal).
    monthly_goal: Decimal | None = None


def is_set_up(session: Session) -> bool:
    return settings_service.load(session).set_up


def complete(session: Session, answers: FirstRunAnswers) -> Settings:
    """Store the business settings and the people; all or nothing."""
    names = [" ".join(n.split()) for n in answers.people if n.strip()]
    if not names:
        raise ValidationError("Name at least one person who uses Hearth.")
    if len(names) > 2:
        raise ValidationError("Hearth is made for one or two people; name at most two.")
    if len({n.lower() for n in names}) != len(names):
        raise ValidationError("The two people need different names.")
    current = settings_service.load(session)
    wanted = current._replace(
        business_name=answers.business_name,
        currency=answers.currency,
        marketing_share=answers.marketing_share,
        weekly_hours=answers.weekly_hours,
        default_goal=answers.monthly_goal or Decimal(0),
        set_up=True,
    )
    try:
        existing = {name.lower() for name in session.scalars(select(Person.name))}
        for name in names:
            if name.lower() not in existing:
                stage_person(session, name)
        stored = settings_service.stage(session, wanted)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return stored
