"""A lead's outcome: won (with its deal), repeat deals, lost (with the reason), reopened.

Each change of status is a row in the lead's history; marking won records the deal's value
and date, marking lost the reason sales gives back to marketing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.enums import LostReason, Status
from app.model.errors import NotFoundError, ValidationError
from app.model.leads.closes import refresh_held
from app.model.leads.service import LeadInfo, commit, get, info, now_or
from app.model.store.entities import Deal, Lead, StatusChange


def _set_status(
    session: Session, lead: Lead, to: Status, moment: datetime, person_id: int | None, reason: str
) -> StatusChange:
    change = StatusChange(
        at=moment,
        from_status=lead.status,
        to_status=to.value,
        person_id=person_id,
        reason=reason,
    )
    lead.status_changes.add(change)
    lead.status = to.value
    lead.closed_at = None if to is Status.OPEN else moment
    session.flush()
    refresh_held(session, [lead.id])
    return change


def refresh_statuses(session: Session, some: Iterable[Lead]) -> None:
    """Each lead's status and closing time from its latest change of status (after an import
    of its history), 500 leads at a time; a lead that ends lost keeps its reason, or takes the
    change's."""
    by_id = {lead.id: lead for lead in some}
    ids = sorted(by_id)
    reasons = {r.value for r in LostReason}
    for first in range(0, len(ids), 500):
        chunk = ids[first : first + 500]
        latest: dict[int, tuple[str, datetime, str]] = {}
        for lead_id, to, at, reason in session.execute(
            select(
                StatusChange.lead_id, StatusChange.to_status, StatusChange.at, StatusChange.reason
            )
            .where(StatusChange.lead_id.in_(chunk))
            .order_by(StatusChange.lead_id, StatusChange.at, StatusChange.id)
        ):
            latest[lead_id] = (to, at, reason)  # the last row of each lead wins
        for lead_id in chunk:
            lead = by_id[lead_id]
            to, at, reason = latest.get(lead_id, (Status.OPEN.value, lead.created_at, ""))
            lead.status = to
            lead.closed_at = None if to == Status.OPEN.value else at
            if to != Status.LOST.value:
                lead.lost_reason = None
            elif lead.lost_reason is None:
                lead.lost_reason = reason if reason in reasons else LostReason.OTHER.value
    refresh_held(session, ids)


def _amount(value: Decimal | int | str) -> Decimal:
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(f"{value!r} is not an amount of money.") from None
    if amount < 0 or not amount.is_finite():
        raise ValidationError("A deal's value must be zero or more.")
    return amount


def stage_won(
    session: Session,
    lead: Lead,
    value: Decimal,
    *,
    at: datetime | None = None,
    person_id: int | None = None,
    note: str = "",
) -> Deal:
    moment = now_or(at)
    if moment < lead.created_at:
        raise ValidationError("A lead cannot be won before it was created.")
    if lead.status == Status.WON.value:
        raise ValidationError(f"{lead.name} is already a customer; add a new deal instead.")
    _set_status(session, lead, Status.WON, moment, person_id, note)
    lead.lost_reason = None
    deal = Deal(value=_amount(value), won_at=moment, person_id=person_id, note=note)
    lead.deals.add(deal)
    return deal


def mark_won(
    session: Session,
    lead_id: int,
    value: Decimal,
    *,
    at: datetime | None = None,
    person_id: int | None = None,
    note: str = "",
) -> LeadInfo:
    """The lead became a customer: the deal's value and date are recorded."""
    return close_won(session, lead_id, value, at=at, person_id=person_id, note=note)[0]


def add_deal(
    session: Session,
    lead_id: int,
    value: Decimal,
    *,
    at: datetime | None = None,
    person_id: int | None = None,
    note: str = "",
) -> LeadInfo:
    """Repeat business from a customer."""
    lead = get(session, lead_id)
    if lead.status != Status.WON.value:
        raise ValidationError(f"{lead.name} is not a customer yet; mark the lead won first.")
    moment = now_or(at)
    session.add(
        Deal(lead_id=lead.id, value=_amount(value), won_at=moment, person_id=person_id, note=note)
    )
    commit(session)
    return info(lead)


def stage_lost(
    session: Session,
    lead: Lead,
    reason: LostReason,
    *,
    at: datetime | None = None,
    person_id: int | None = None,
    note: str = "",
) -> None:
    moment = now_or(at)
    if moment < lead.created_at:
        raise ValidationError("A lead cannot be lost before it was created.")
    if lead.status == Status.LOST.value:
        raise ValidationError(f"{lead.name} is already marked lost.")
    _set_status(session, lead, Status.LOST, moment, person_id, note or reason.value)
    lead.lost_reason = reason.value


def mark_lost(
    session: Session,
    lead_id: int,
    reason: LostReason,
    *,
    at: datetime | None = None,
    person_id: int | None = None,
    note: str = "",
) -> LeadInfo:
    """Sales' feedback to marketing: why the lead did not buy."""
    return close_lost(session, lead_id, reason, at=at, person_id=person_id, note=note)[0]


def reopen(
    session: Session,
    lead_id: int,
    *,
    at: datetime | None = None,
    person_id: int | None = None,
    reason: str = "",
) -> LeadInfo:
    """Back to open (a lost lead came back, or a won/lost mark was a slip)."""
    lead = get(session, lead_id)
    if lead.status == Status.OPEN.value:
        return info(lead)
    _set_status(session, lead, Status.OPEN, now_or(at), person_id, reason)
    lead.lost_reason = None
    commit(session)
    return info(lead)


def close_won(
    session: Session,
    lead_id: int,
    value: Decimal,
    *,
    at: datetime | None = None,
    person_id: int | None = None,
    note: str = "",
) -> tuple[LeadInfo, int]:
    """`mark_won`, also handing back the history row's id (for undo)."""
    lead = get(session, lead_id)
    stage_won(session, lead, value, at=at, person_id=person_id, note=note)
    return _committed_change(session, lead)


def close_lost(
    session: Session,
    lead_id: int,
    reason: LostReason,
    *,
    at: datetime | None = None,
    person_id: int | None = None,
    note: str = "",
) -> tuple[LeadInfo, int]:
    """`mark_lost`, also handing back the history row's id (for undo)."""
    lead = get(session, lead_id)
    stage_lost(session, lead, reason, at=at, person_id=person_id, note=note)
    return _committed_change(session, lead)


def _committed_change(session: Session, lead: Lead) -> tuple[LeadInfo, int]:
    """Commit the staged change of status; the lead and the id of its history row."""
    session.flush()
    change_id = session.scalar(
        select(StatusChange.id)
        .where(StatusChange.lead_id == lead.id)
        .order_by(StatusChange.id.desc())
        .limit(1)
    )
    assert change_id is not None
    commit(session)
    return info(lead), change_id


def undo_status_change(session: Session, change_id: int) -> LeadInfo:
    """Take back a won or lost mark made by mistake: its history row and its deal go."""
    change = session.get(StatusChange, change_id)
    if change is None:
        raise NotFoundError("That change of status cannot be undone.")
    lead = get(session, change.lead_id)
    if change.to_status == Status.WON.value:
        for deal in session.scalars(
            select(Deal).where(Deal.lead_id == lead.id, Deal.won_at == change.at)
        ):
            session.delete(deal)
    previous = session.scalars(
        select(StatusChange)
        .where(StatusChange.lead_id == lead.id, StatusChange.id != change.id)
        .order_by(StatusChange.at.desc(), StatusChange.id.desc())
        .limit(1)
    ).first()
    session.delete(change)
    lead.status = change.from_status or Status.OPEN.value
    lead.closed_at = previous.at if previous and lead.status != Status.OPEN.value else None
    if lead.status != Status.LOST.value:
        lead.lost_reason = None
    commit(session)
    return info(lead)
