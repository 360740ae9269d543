"""Leads: create, edit, archive; temperature, won and lost, each recorded in the history.

Temperature changes only through `set_temperature` (and `log_touchpoint` in
`app.model.leads.touchpoints`, which calls it), so every change has its row: from, to, when, who,
why. A lead's current temperature is the temperature of its latest change by time, so a
change recorded for an earlier moment (an import of old contacts) never overrides a newer one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.enums import SUGGESTED_ACTIONS, LostReason, Status, Temperature
from app.model.errors import NotFoundError, ValidationError
from app.model.leads.closes import refresh_held
from app.model.store import conflicts
from app.model.store.entities import Lead, Tag, TemperatureChange

MAX_NAME = 500
# The longest text each of a lead's fields holds (entities.Lead, Tag); a longer one is refused
# with a sentence, never stored on SQLite and a DataError on PostgreSQL.
MAX_LENGTH = {"company": 500, "email": 320, "phone": 100, "next_action": 500}
MAX_TAG = 100
_TAG_CACHE = "hearth_tag_cache"


@dataclass(frozen=True)
class LeadFields:
    """What a user types about a lead (everything but its temperature and status)."""

    name: str
    company: str = ""
    email: str = ""
    phone: str = ""
    owner_id: int | None = None
    source_id: int | None = None
    estimated_value: Decimal | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()
    next_action: str = ""
    next_action_due: date | None = None

    def cleaned(self) -> LeadFields:
        name = " ".join(self.name.split())
        if not name:
            raise ValidationError("A lead needs a name.")
        if len(name) > MAX_NAME:
            raise ValidationError(f"A lead's name must be at most {MAX_NAME} characters.")
        email = self.email.strip()
        if email and ("@" not in email or " " in email):
            raise ValidationError(f"{email!r} is not an email address.")
        value = self.estimated_value
        if value is not None:
            try:
                value = Decimal(value)
            except (InvalidOperation, TypeError):
                raise ValidationError(f"{value!r} is not an amount of money.") from None
            if value < 0:
                raise ValidationError("The estimated value cannot be negative.")
        unique: dict[str, str] = {}
        for tag in (" ".join(t.split()) for t in self.tags):
            if tag:
                unique.setdefault(tag.lower(), tag)  # "VIP" and "vip" are one tag
        tags = tuple(unique.values())
        for tag in tags:
            if len(tag) > MAX_TAG:
                raise ValidationError(
                    f"A tag can be at most {MAX_TAG} characters; {tag[:20] + '…'!r} has {len(tag)}."
                )
        cleaned = dataclasses.replace(
            self,
            name=name,
            company=self.company.strip(),
            email=email,
            phone=self.phone.strip(),
            estimated_value=value,
            tags=tags,
            next_action=self.next_action.strip(),
        )
        for field, longest in MAX_LENGTH.items():
            if len(getattr(cleaned, field)) > longest:
                said = field.replace("_", " ")
                raise ValidationError(f"A lead's {said} can be at most {longest} characters.")
        return cleaned


@dataclass(frozen=True)
class LeadInfo:
    id: int
    fields: LeadFields
    temperature: Temperature
    status: Status
    lost_reason: LostReason | None
    created_at: datetime
    closed_at: datetime | None
    last_contact_at: datetime | None
    archived: bool
    version: int = 1  # of the row, as read (conflicts.py)


def now_or(at: datetime | None) -> datetime:
    if at is None:
        return datetime.now(UTC)
    if at.tzinfo is None:
        raise ValueError("times given to services must be aware")
    return at


def get(session: Session, lead_id: int) -> Lead:
    lead = session.get(Lead, lead_id)
    if lead is None:
        raise NotFoundError(f"There is no lead number {lead_id}.")
    return lead


def info(lead: Lead) -> LeadInfo:
    fields = LeadFields(
        name=lead.name,
        company=lead.company,
        email=lead.email,
        phone=lead.phone,
        owner_id=lead.owner_id,
        source_id=lead.source_id,
        estimated_value=lead.estimated_value,
        notes=lead.notes,
        tags=tuple(sorted((t.name for t in lead.tags), key=str.lower)),
        next_action=lead.next_action,
        next_action_due=lead.next_action_due,
    )
    return LeadInfo(
        id=lead.id,
        fields=fields,
        temperature=Temperature(lead.temperature),
        status=Status(lead.status),
        lost_reason=LostReason(lead.lost_reason) if lead.lost_reason else None,
        created_at=lead.created_at,
        closed_at=lead.closed_at,
        last_contact_at=lead.last_contact_at,
        archived=lead.archived,
        version=lead.version,
    )


def tags_named(session: Session, names: tuple[str, ...]) -> list[Tag]:
    """Tags by name, made when new; cached on the session so an import asks only once."""
    if not names:
        return []
    cache: dict[str, Tag] | None = session.info.get(_TAG_CACHE)
    if cache is None:
        with session.no_autoflush:
            cache = {t.name.lower(): t for t in session.scalars(select(Tag))}
        session.info[_TAG_CACHE] = cache
    tags = []
    for name in names:
        tag = cache.get(name.lower())
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
            cache[name.lower()] = tag
        tags.append(tag)
    return tags


def commit(session: Session) -> None:
    """Commit (a lost race on a lead's version is a ConflictError), and forget what this
    module cached on the session."""
    try:
        conflicts.commit(session, "this lead")
    finally:
        session.info.pop(_TAG_CACHE, None)


def apply_fields(session: Session, lead: Lead, fields: LeadFields) -> None:
    lead.name = fields.name
    lead.company = fields.company
    lead.email = fields.email
    lead.phone = fields.phone
    lead.owner_id = fields.owner_id
    lead.source_id = fields.source_id
    lead.estimated_value = fields.estimated_value
    lead.notes = fields.notes
    lead.tags = tags_named(session, fields.tags)
    lead.next_action = fields.next_action
    lead.next_action_due = fields.next_action_due


def update(
    session: Session, lead_id: int, fields: LeadFields, *, base: LeadFields | None = None
) -> LeadInfo:
    """Save the user's `fields`; `base` is what the user started editing from, and if the
    stored fields no longer equal it, someone else saved first: ConflictError, nothing
    written."""
    lead = get(session, lead_id)
    if base is not None:
        conflicts.refuse_if_changed(f"{lead.name}", base, info(lead).fields)
    apply_fields(session, lead, fields.cleaned())
    commit(session)
    return info(lead)


def set_archived(session: Session, lead_id: int, archived: bool = True) -> LeadInfo:
    lead = get(session, lead_id)
    lead.archived = archived
    commit(session)
    return info(lead)


def temperature_at(session: Session, lead_id: int, moment: datetime) -> Temperature | None:
    """The last temperature set at or before `moment` (None before the lead existed)."""
    value = session.scalar(
        select(TemperatureChange.to_temperature)
        .where(TemperatureChange.lead_id == lead_id, TemperatureChange.at <= moment)
        .order_by(TemperatureChange.at.desc(), TemperatureChange.id.desc())
        .limit(1)
    )
    return Temperature(value) if value else None


def refresh_temperature(session: Session, lead: Lead) -> None:
    """The lead's current temperature and when it first reached warm and hot, from its
    history."""
    refresh_temperatures(session, [lead])


def refresh_temperatures(session: Session, some: Iterable[Lead]) -> None:
    """`refresh_temperature` for many leads, reading their history 500 leads at a time (the
    one place these are worked out)."""
    by_id = {lead.id: lead for lead in some}
    ids = sorted(by_id)
    for first in range(0, len(ids), 500):
        chunk = ids[first : first + 500]
        latest: dict[int, str] = {}
        reached: dict[int, dict[str, datetime]] = {lead_id: {} for lead_id in chunk}
        for lead_id, to, at in session.execute(
            select(
                TemperatureChange.lead_id, TemperatureChange.to_temperature, TemperatureChange.at
            )
            .where(TemperatureChange.lead_id.in_(chunk))
            .order_by(TemperatureChange.lead_id, TemperatureChange.at, TemperatureChange.id)
        ):
            latest[lead_id] = to  # the last row of each lead wins
            if to in REACHED_WARM:
                reached[lead_id].setdefault(Temperature.WARM.value, at)
            if to == Temperature.HOT.value:
                reached[lead_id].setdefault(Temperature.HOT.value, at)
        for lead_id in chunk:
            lead = by_id[lead_id]
            if lead_id in latest:
                lead.temperature = latest[lead_id]
            lead.warm_at = reached[lead_id].get(Temperature.WARM.value)
            lead.hot_at = reached[lead_id].get(Temperature.HOT.value)
    refresh_held(session, ids)  # what the lead's closes knew changes with its temperatures


REACHED_WARM = (Temperature.WARM.value, Temperature.HOT.value)  # warm, or hotter


def stage_temperature(
    session: Session,
    lead: Lead,
    to: Temperature,
    *,
    at: datetime | None = None,
    person_id: int | None = None,
    reason: str = "",
) -> TemperatureChange | None:
    """Record a temperature change (None if the lead already had that temperature then)."""
    moment = now_or(at)
    if moment < lead.created_at:
        raise ValidationError("A lead's temperature cannot change before the lead was created.")
    before = temperature_at(session, lead.id, moment)
    if before is to:
        return None
    change = TemperatureChange(
        lead_id=lead.id,
        at=moment,
        from_temperature=before.value if before else None,
        to_temperature=to.value,
        person_id=person_id,
        reason=reason.strip(),
    )
    session.add(change)
    session.flush()
    refresh_temperature(session, lead)
    return change


def set_temperature(
    session: Session,
    lead_id: int,
    to: Temperature,
    *,
    at: datetime | None = None,
    person_id: int | None = None,
    reason: str = "",
) -> LeadInfo:
    """The one way a lead's temperature changes: the history records from, to, when, who, why."""
    lead = get(session, lead_id)
    stage_temperature(session, lead, to, at=at, person_id=person_id, reason=reason)
    commit(session)
    return info(lead)


def cool_down(session: Session, lead_ids: Iterable[int], *, reason: str = "") -> list[int]:
    """Hot leads nobody followed up cooled to warm, in one transaction (the weekly review's
    one-click action); the ids of the changes made, for undo. Leads no longer hot are left."""
    changes = []
    for lead_id in lead_ids:
        lead = get(session, lead_id)
        if lead.temperature == Temperature.HOT.value and lead.status == "open":
            change = stage_temperature(session, lead, Temperature.WARM, reason=reason)
            if change is not None:
                changes.append(change)
    commit(session)
    return [change.id for change in changes]


def undo_temperature_change(session: Session, change_id: int) -> LeadInfo:
    """Take back a change (Ctrl+Z right after a slip): its history row goes with it."""
    lead = stage_undo_temperature(session, change_id)
    commit(session)
    return info(lead)


def undo_temperature_changes(session: Session, change_ids: Iterable[int]) -> list[LeadInfo]:
    """Take back several changes — a cooling of N leads — in one transaction: all of them,
    or (a failure part way) none."""
    changed = [stage_undo_temperature(session, change_id) for change_id in change_ids]
    commit(session)
    return [info(lead) for lead in changed]


def stage_undo_temperature(session: Session, change_id: int) -> Lead:
    """A change's history row removed and the lead's temperature worked out again, without
    committing; the lead."""
    change = session.get(TemperatureChange, change_id)
    if change is None or change.from_temperature is None:
        raise NotFoundError("That temperature change cannot be undone.")
    lead = get(session, change.lead_id)
    session.delete(change)
    session.flush()
    refresh_temperature(session, lead)
    return lead


def suggested_actions(temperature: Temperature) -> tuple[str, ...]:
    return SUGGESTED_ACTIONS[temperature]


def set_next_action(session: Session, lead_id: int, action: str, due: date | None) -> LeadInfo:
    """Accepting a suggestion (or typing one) makes it the lead's next action."""
    lead = get(session, lead_id)
    lead.next_action = action.strip()
    lead.next_action_due = due
    commit(session)
    return info(lead)
