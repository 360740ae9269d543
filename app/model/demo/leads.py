"""Demo leads: each one's story from first contact to won, lost or still open.

Used by `app.model.demo.business`; kept apart so each module stays short. Names include accents and
apostrophes on purpose: the demo exercises what real customer lists contain.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.model.demo.words import (
    COMPANY_PREFIX,
    COMPANY_WORDS,
    FIRST,
    LAST,
    MARKETING_KINDS,
    TAGS,
)
from app.model.enums import SUGGESTED_ACTIONS, LostReason, Side, Status, Temperature
from app.model.leads.closes import refresh_held
from app.model.store import entities as e
from app.model.weeks import local_to_utc

SALES_KINDS = {
    Temperature.COLD: ("cold call", "follow-up email"),
    Temperature.WARM: ("follow-up email", "sales letter", "call"),
    Temperature.HOT: ("call", "meeting", "demo", "proposal", "discount offer"),
}
CHUNK = 20_000  # rows per executemany


class Counts(Protocol):
    leads: int
    touchpoints: int
    temperature_changes: int
    deals: int


class DemoCalendar:
    """The demo's clock and dice: the weeks it covers, and its random choices."""

    def __init__(self, rng: random.Random, now: datetime, weeks: int) -> None:
        self.rng = rng
        self.now = now.astimezone(UTC)
        today = self.now.astimezone().date()
        first_monday = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
        self.start_day: date = first_monday
        self.start = local_to_utc(datetime.combine(first_monday, datetime.min.time()))
        self.today = today

    def between(self, start: datetime, end: datetime) -> datetime:
        span = max((end - start).total_seconds(), 1.0)
        return start + timedelta(seconds=self.rng.uniform(0, span))

    def money(self, low: int, high: int, step: int = 10) -> Decimal:
        return Decimal(self.rng.randrange(low, high, step))

    def campaign_at(
        self,
        campaigns: list[dict[str, Any]],
        moment: datetime,
    ) -> dict[str, Any] | None:
        day = moment.astimezone().date()
        active = [c for c in campaigns if c["start_date"] <= day <= c["end_date"]]
        if active and self.rng.random() < 0.75:
            return self.rng.choice(active)
        return None


def insert_chunks(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Core executemany (a Table, not a mapped class: the ORM's bulk path is ~4× slower)."""
    for start in range(0, len(rows), CHUNK):
        if rows[start : start + CHUNK]:
            session.execute(insert(table), rows[start : start + CHUNK])


class LeadHistory:
    """Writes leads with their temperature history, touchpoints, statuses and deals."""

    def __init__(self, calendar: DemoCalendar) -> None:
        self.calendar = calendar
        self.rng = calendar.rng
        self.now = calendar.now
        self.today = calendar.today
        # The rows being written, one list per table.
        self.temps: list[dict[str, Any]] = []
        self.statuses: list[dict[str, Any]] = []
        self.touches: list[dict[str, Any]] = []
        self.deals: list[dict[str, Any]] = []

    def _money(self, low: int, high: int, step: int = 10) -> Decimal:
        return self.calendar.money(low, high, step)

    def write(
        self,
        session: Session,
        count: int,
        person_ids: list[int],
        campaigns: list[dict[str, Any]],
        summary: Counts,
    ) -> None:
        rng = self.rng
        first_id = (session.scalar(select(func.max(e.Lead.id))) or 0) + 1
        tag_ids = []
        for name in TAGS:
            tag = e.Tag(name=name)
            session.add(tag)
            session.flush()
            tag_ids.append(tag.id)
        lead_rows: list[dict[str, Any]] = []
        temps, statuses, touches, deals = self.temps, self.statuses, self.touches, self.deals
        lead_tags: list[dict[str, Any]] = []
        span_end = self.now - timedelta(hours=1)
        for n in range(count):
            lead_id = first_id + n
            created = self.calendar.between(self.calendar.start, span_end)
            campaign = self.calendar.campaign_at(campaigns, created)
            owner = rng.choice(person_ids)
            first, last = rng.choice(FIRST), rng.choice(LAST)
            company = f"{rng.choice(COMPANY_PREFIX)} {rng.choice(COMPANY_WORDS)}"
            domain = company.lower().replace(" ", "")
            local_part = f"{first}.{last}".lower().replace("'", "").replace(" ", "")
            temperature = rng.choices(list(Temperature), weights=(70, 25, 5))[0]
            lead: dict[str, Any] = {
                "id": lead_id,
                "name": f"{first} {last}",
                "company": company,
                "email": f"{local_part}.{lead_id}@{domain}.example",
                "phone": "",
                "owner_id": owner,
                "source_id": campaign["id"] if campaign else None,
                "estimated_value": self._money(300, 15000, 50),
                "notes": "",
                "next_action": "",
                "next_action_due": None,
                "temperature": temperature.value,
                "status": Status.OPEN.value,
                "lost_reason": None,
                "created_at": created,
                "closed_at": None,
                "archived": False,
            }
            temps.append(
                {
                    "lead_id": lead_id,
                    "at": created,
                    "from_temperature": None,
                    "to_temperature": temperature.value,
                    "person_id": owner,
                    "reason": "created",
                }
            )
            touches.append(
                {
                    "lead_id": lead_id,
                    "kind": rng.choice(MARKETING_KINDS),
                    "side": Side.MARKETING.value,
                    "at": created,
                    "person_id": owner,
                    "campaign_id": lead["source_id"],
                    "note": "first contact",
                    "new_temperature": None,
                }
            )
            if rng.random() < 0.3:
                lead_tags.append({"lead_id": lead_id, "tag_id": rng.choice(tag_ids)})
            quality = campaign["_quality"] if campaign else 0.6
            first_touch, first_change = len(touches) - 1, len(temps) - 1
            self._story(lead, temperature, quality)
            lead["last_contact_at"] = max(t["at"] for t in touches[first_touch:])
            changes = temps[first_change:]  # in time order
            lead["warm_at"] = next(
                (c["at"] for c in changes if c["to_temperature"] in ("warm", "hot")), None
            )
            lead["hot_at"] = next((c["at"] for c in changes if c["to_temperature"] == "hot"), None)
            lead_rows.append(lead)
        summary.leads = len(lead_rows)
        summary.touchpoints = len(touches)
        summary.temperature_changes = len(temps)
        summary.deals = len(deals)
        tables: tuple[tuple[Any, list[dict[str, Any]]], ...] = (
            (e.Lead.__table__, lead_rows),
            (e.TemperatureChange.__table__, temps),
            (e.StatusChange.__table__, statuses),
            (e.Touchpoint.__table__, touches),
            (e.Deal.__table__, deals),
            (e.lead_tag, lead_tags),
        )
        for table, rows in tables:
            insert_chunks(session, table, rows)
        refresh_held(session, None)

    def _story(self, lead: dict[str, Any], temperature: Temperature, quality: float) -> None:
        """Walk one lead through contacts until it is won, lost or caught up with now."""
        rng = self.rng
        at: datetime = lead["created_at"]
        owner = lead["owner_id"]
        lead_id = lead["id"]
        for _step in range(rng.randint(1, 9)):
            at = at + timedelta(days=rng.expovariate(1 / 6), hours=rng.uniform(0, 8))
            if at >= self.now:
                break
            lead["temperature"] = temperature.value
            roll = rng.random()
            new: Temperature | None = None
            if temperature is Temperature.HOT and roll < 0.30:
                self._close(lead, Status.WON, at, quality)
                return
            if roll > 1 - (0.04 + 0.10 * (1 - quality)):
                self._close(lead, Status.LOST, at, quality)
                return
            if temperature is Temperature.COLD and roll < 0.40:
                new = Temperature.WARM
            elif temperature is Temperature.WARM and roll < 0.35:
                new = Temperature.HOT
            elif temperature is Temperature.HOT and roll > 0.90:
                new = Temperature.WARM
            side = (
                Side.MARKETING
                if (temperature is Temperature.COLD and rng.random() < 0.6)
                else Side.SALES
            )
            kind = (
                rng.choice(MARKETING_KINDS)
                if side is Side.MARKETING
                else rng.choice(SALES_KINDS[temperature])
            )
            self.touches.append(
                {
                    "lead_id": lead_id,
                    "kind": kind,
                    "side": side.value,
                    "at": at,
                    "person_id": owner,
                    "campaign_id": None,
                    "note": "",
                    "new_temperature": new.value if new else None,
                }
            )
            if new is not None:
                self.temps.append(
                    {
                        "lead_id": lead_id,
                        "at": at,
                        "from_temperature": temperature.value,
                        "to_temperature": new.value,
                        "person_id": owner,
                        "reason": f"after {kind}",
                    }
                )
                temperature = new
        lead["temperature"] = temperature.value
        quiet_since = at + timedelta(days=45)
        if quiet_since < self.now:  # the lead went quiet long ago: written off
            self._close(
                lead,
                Status.LOST,
                quiet_since,
                1.0,
                reason=LostReason.NO_RESPONSE,
            )
            return
        if temperature is not Temperature.COLD:
            lead["next_action"] = rng.choice(SUGGESTED_ACTIONS[temperature])
            lead["next_action_due"] = self.today + timedelta(days=rng.randint(-10, 10))

    def _close(
        self,
        lead: dict[str, Any],
        status: Status,
        at: datetime,
        quality: float,
        reason: LostReason | None = None,
    ) -> None:
        rng = self.rng
        owner = lead["owner_id"]
        lead["status"] = status.value
        lead["closed_at"] = at
        if status is Status.WON:
            value = (
                lead["estimated_value"] * Decimal(str(round(rng.uniform(0.6, 1.3), 2)))
            ).quantize(Decimal("1"))
            self.deals.append(
                {
                    "lead_id": lead["id"],
                    "value": value,
                    "won_at": at,
                    "person_id": owner,
                    "note": "",
                }
            )
            kind = "contract"
            if rng.random() < 0.12:  # repeat business
                later = at + timedelta(days=rng.uniform(20, 120))
                if later < self.now:
                    self.deals.append(
                        {
                            "lead_id": lead["id"],
                            "value": self._money(200, 4000, 50),
                            "won_at": later,
                            "person_id": owner,
                            "note": "repeat order",
                        }
                    )
        else:
            weights = {
                LostReason.NO_BUDGET: 3 * (1 - quality) + 0.3,
                LostReason.NOT_A_FIT: 3 * (1 - quality) + 0.3,
                LostReason.NO_INTEREST: 1.0,
                LostReason.COMPETITOR: 0.8,
                LostReason.NO_RESPONSE: 1.2,
                LostReason.OTHER: 0.2,
            }
            lost = reason or rng.choices(list(weights), weights=list(weights.values()))[0]
            lead["lost_reason"] = lost.value
            kind = "call"
        self.touches.append(
            {
                "lead_id": lead["id"],
                "kind": kind,
                "side": Side.SALES.value,
                "at": at,
                "person_id": owner,
                "campaign_id": None,
                "note": lead["lost_reason"] or "",
                "new_temperature": None,
            }
        )
        self.statuses.append(
            {
                "lead_id": lead["id"],
                "at": at,
                "from_status": Status.OPEN.value,
                "to_status": status.value,
                "person_id": owner,
                "reason": lead["lost_reason"] or "",
            }
        )
