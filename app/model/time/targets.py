"""The intended split: the default from Settings, and per-week overrides (per person too).

The balance puts the week's hours next to it, in numbers and in words:
"Maya: Sales 62% — target 60%; 6 h left to reach 40 h".
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

from app.model.errors import ValidationError
from app.model.formatting import hours as hours_text
from app.model.people import PersonInfo, list_people
from app.model.store.reading import reading
from app.model.time.hours import Hours, hours_in
from app.model.weeks import parse_week, week_bounds

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.model.store.reading import Reader
    from app.model.store.settings import Settings


class Target(NamedTuple):
    marketing_share: float
    hours: float
    overridden: bool = False


def choose_target(
    overrides: dict[int | None, Target], defaults: Settings, person_id: int | None = None
) -> Target:
    """The week's override for the person, else for everyone, else the default."""
    for who in [person_id, None] if person_id is not None else [None]:
        if who in overrides:
            return overrides[who]
    return Target(defaults.marketing_share, defaults.weekly_hours)


def combine(shared: Target, each: list[Target]) -> Target:
    """Everyone's target: an override for everyone if set, else each person's target added
    up (the split weighted by their hours)."""
    if shared.overridden or len(each) < 2:
        return shared
    hours = sum(t.hours for t in each)
    share = sum(t.marketing_share * t.hours for t in each) / hours if hours else 0.0
    return Target(share, hours, overridden=any(t.overridden for t in each))


def week_overrides(session: Session | Reader, week: str) -> dict[int | None, Target]:
    parse_week(week)
    rows = reading(session).rows(
        "SELECT weekly_target.person_id, weekly_target.marketing_share, weekly_target.hours "
        "FROM weekly_target WHERE weekly_target.week = :week",
        {"week": week},
    )
    return {
        person_id: Target(float(share), float(hours), overridden=True)
        for person_id, share, hours in rows
    }


def target_for(session: Session | Reader, week: str, person_id: int | None = None) -> Target:
    from app.model.store import settings as settings_service

    r = reading(session)
    return choose_target(week_overrides(r, week), settings_service.load(r), person_id)


def set_week_target(
    session: Session,
    week: str,
    marketing_share: float,
    hours: float,
    *,
    person_id: int | None = None,
) -> Target:
    from sqlalchemy import select

    from app.model.store.entities import WeeklyTarget

    parse_week(week)
    if not 0 <= marketing_share <= 1:
        raise ValidationError("The target marketing share must be between 0% and 100%.")
    if not 0 < hours <= 168:
        raise ValidationError("The target hours must be more than 0 and at most 168.")
    row = session.scalars(
        select(WeeklyTarget).where(
            WeeklyTarget.week == week,
            WeeklyTarget.person_id.is_(None)
            if person_id is None
            else WeeklyTarget.person_id == person_id,
        )
    ).first()
    if row is None:
        row = WeeklyTarget(week=week, person_id=person_id)
        session.add(row)
    row.marketing_share, row.hours = marketing_share, hours
    session.commit()
    return Target(marketing_share, hours, overridden=True)


def remove_week_target(session: Session, week: str, *, person_id: int | None = None) -> None:
    """The week's own target (everyone's, or a person's) removed: the default applies again.
    Nothing to remove is no error (an undo may find it gone)."""
    from sqlalchemy import delete

    from app.model.store.entities import WeeklyTarget

    parse_week(week)
    session.execute(
        delete(WeeklyTarget).where(
            WeeklyTarget.week == week,
            WeeklyTarget.person_id.is_(None)
            if person_id is None
            else WeeklyTarget.person_id == person_id,
        )
    )
    session.commit()


class Balance(NamedTuple):
    week: str
    hours: Hours
    target: Target
    whose: str = ""  # "Maya", or "Together" for everyone's hours (`whose`)

    @property
    def marketing_share(self) -> float | None:
        return self.hours.marketing_share

    @property
    def hours_left(self) -> float:
        return max(0.0, self.target.hours - self.hours.total)

    @property
    def gap_to_split(self) -> float:
        """Hours to move to marketing (positive) or to sales (negative) to hit the split."""
        return self.target.marketing_share * self.hours.total - self.hours.marketing

    def words(self) -> str:
        """'Maya: Sales 62% — target 60%; 6 h left to reach 40 h.' (whose hours, always said)."""
        said = f"{self.whose}: " if self.whose else ""
        return said + self._words()

    def _words(self) -> str:
        if self.hours.total <= 0:  # nothing logged: nothing to compare yet
            return (
                f"No hours yet this week — target {self.target.marketing_share:.0%} "
                f"marketing, {self.target.hours:g} h."
            )
        share = self.hours.marketing_share or 0.0
        if share >= self.target.marketing_share:
            lead = f"Marketing {share:.0%} — target {self.target.marketing_share:.0%}"
        else:
            lead = f"Sales {1 - share:.0%} — target {1 - self.target.marketing_share:.0%}"
        left = round(self.target.hours - self.hours.total, 1)
        if left > 0:
            rest = f"{hours_text(left)} left to reach {self.target.hours:g} h"
        elif left == 0:
            rest = f"the {self.target.hours:g} h target is reached"
        else:
            rest = f"{hours_text(-left)} over the {self.target.hours:g} h target"
        return f"{lead}; {rest}."


def combined_target(session: Session | Reader, week: str) -> Target:
    from app.model.store import settings as settings_service

    r = reading(session)
    overrides = week_overrides(r, week)
    defaults = settings_service.load(r)
    each = [choose_target(overrides, defaults, p.id) for p in list_people(r)]
    return combine(choose_target(overrides, defaults), each)


def say_whose(active: list[PersonInfo], person: PersonInfo | None) -> str:
    """Whose hours a balance is about, in words: the person's name; for everyone (`person`
    None), "Together" when two or more people use Hearth, else the one person's name."""
    if person is not None:
        return person.name
    return active[0].name if len(active) == 1 else "Together"


def whose(session: Session | Reader, person_id: int | None) -> str:
    everyone = list_people(session, include_inactive=True)
    person = next((p for p in everyone if p.id == person_id), None)
    return say_whose([p for p in everyone if p.active], person)


def balance(
    session: Session | Reader,
    week: str,
    *,
    person_id: int | None = None,
    now: datetime | None = None,
) -> Balance:
    start, end = week_bounds(week)
    r = reading(session)
    hours = hours_in(r, start, end, person_id=person_id, now=now or datetime.now(UTC))
    target = target_for(r, week, person_id) if person_id is not None else combined_target(r, week)
    return Balance(week, hours, target, whose(r, person_id))
