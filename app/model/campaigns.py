"""Campaigns: the marketing efforts a lead's source names. (The campaign figures come later.)"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.entities import Campaign


@dataclass(frozen=True)
class CampaignName:
    id: int
    name: str


def list_names(session: Session, *, include_archived: bool = False) -> list[CampaignName]:
    query = select(Campaign.id, Campaign.name).order_by(Campaign.name)
    if not include_archived:
        query = query.where(Campaign.archived.is_(False))
    return [CampaignName(row.id, row.name) for row in session.execute(query)]
