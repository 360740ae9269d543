"""The people who use Hearth (usually one or two)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

from app.model.errors import ValidationError
from app.model.store.reading import reading

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.model.store.entities import Person
    from app.model.store.reading import Reader


class PersonInfo(NamedTuple):
    id: int
    name: str
    active: bool


def list_people(session: Session | Reader, *, include_inactive: bool = False) -> list[PersonInfo]:
    only_active = "" if include_inactive else "WHERE person.active "
    rows = reading(session).rows(
        "SELECT person.id, person.name, person.active FROM person "
        + only_active
        + "ORDER BY person.id"
    )
    return [PersonInfo(i, name, bool(active)) for i, name, active in rows]


def add_person(session: Session, name: str) -> PersonInfo:
    """Add a person and commit; a blank or taken name is refused with a sentence."""
    from sqlalchemy.exc import IntegrityError

    try:
        person = stage_person(session, name)
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise ValidationError(f"There is already a person called {name.strip()!r}.") from exc
    return PersonInfo(person.id, person.name, person.active)


def stage_person(session: Session, name: str) -> Person:
    """Add a person to the session's unit of work (flushed, not committed)."""
    from sqlalchemy import func, select

    from app.model.store.entities import Person

    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("A person needs a name.")
    if len(clean) > 200:
        raise ValidationError("A person's name must be at most 200 characters.")
    taken = session.scalar(select(Person.id).where(func.lower(Person.name) == clean.lower()))
    if taken is not None:
        raise ValidationError(f"There is already a person called {clean!r}.")
    person = Person(name=clean, created_at=datetime.now(UTC))
    session.add(person)
    session.flush()
    return person


def stage_rename(session: Session, person_id: int, name: str) -> PersonInfo:
    """A person's new name (their time, contacts and leads stay theirs), in the session's
    unit of work; a blank or taken name is refused with a sentence."""
    from sqlalchemy import func, select

    from app.model.store.entities import Person

    person = session.get(Person, person_id)
    if person is None:
        raise ValidationError(f"There is no person number {person_id}.")
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("A person needs a name.")
    if len(clean) > 200:
        raise ValidationError("A person's name must be at most 200 characters.")
    taken = session.scalar(
        select(Person.id).where(func.lower(Person.name) == clean.lower(), Person.id != person_id)
    )
    if taken is not None:
        raise ValidationError(f"There is already a person called {clean!r}.")
    person.name = clean
    session.flush()
    return PersonInfo(person.id, person.name, person.active)


def resolve(session: Session | Reader, name: str | None) -> PersonInfo:
    """The person called `name`; with no name, the only person (two need a name)."""
    return choose(list_people(session), name)


def choose(everyone: list[PersonInfo], name: str | None) -> PersonInfo:
    if name:
        wanted = " ".join(name.split()).lower()
        for person in everyone:
            if person.name.lower() == wanted:
                return person
        known = ", ".join(p.name for p in everyone) or "nobody yet"
        raise ValidationError(f"There is no person called {name!r} (people: {known}).")
    if len(everyone) == 1:
        return everyone[0]
    if not everyone:
        raise ValidationError(
            "Nobody uses Hearth yet; add yourself with: hearth-cli people add NAME"
        )
    raise ValidationError(f"{len(everyone)} people use Hearth; say who with --person NAME.")
