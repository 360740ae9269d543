"""Demo data: a realistic history for trying Hearth, for screenshots and for `bench/`.

Two people, campaigns every few weeks, leads that warm up, cool down, buy or walk away with
touchpoints along the way (`app.model.demo.leads`), months of time entries on both sides, and a
monthly revenue goal scaled to the revenue (with next month's own).
The same seed gives the same database. Rows are written with bulk inserts in one transaction,
so a demo database of 50,000 leads takes seconds, not minutes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model.demo.leads import DemoCalendar, LeadHistory, insert_chunks
from app.model.enums import DEFAULT_CATEGORIES, Side
from app.model.errors import HearthError
from app.model.goals import service as goals
from app.model.goals.pacing import month_days
from app.model.store import entities as e
from app.model.store import settings as settings_service
from app.model.store.settings import Settings
from app.model.weeks import local_to_utc

# Who the demo business is, and how each person splits their hours (share on marketing).
PEOPLE = (("Maya Lindqvist", 0.55), ("Tom Okafor", 0.30))
BUSINESS = "Lindqvist & Okafor Design"
CAMPAIGN_THEMES = (
    ("Newsletter", "email"),
    ("Instagram push", "social"),
    ("Local paper ad", "ads"),
    ("Trade fair", "events"),
    ("Postcard mailing", "direct mail"),
    ("Blog & SEO", "website/SEO"),
    ("Referral bonus", "referral"),
    ("Open studio day", "events"),
    ("Search ads", "ads"),
    ("LinkedIn posts", "social"),
)


GOAL_WINDOW = timedelta(weeks=8)  # the recent revenue the demo's goal is set from
DAYS_A_MONTH = Decimal("365") / 12
QUIET_MONTH = Decimal("0.7")  # next month's own goal, of the default


def _two_figures(value: Decimal) -> Decimal:
    """An amount as a person would set a goal: 143,872.10 → 140,000."""
    exponent = value.adjusted() - 1
    return (
        Decimal(int(value.scaleb(-exponent).quantize(Decimal(1), ROUND_HALF_UP)))
        .scaleb(exponent)
        .quantize(Decimal("0.01"))
    )


@dataclass
class DemoSummary:
    people: int = 0
    campaigns: int = 0
    leads: int = 0
    touchpoints: int = 0
    temperature_changes: int = 0
    deals: int = 0
    time_entries: int = 0
    start: date | None = None
    end: date | None = None


Progress = Callable[[str], None]


def fill(
    session: Session,
    *,
    seed: int = 1,
    leads: int = 500,
    weeks: int = 26,
    time_entries: int | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty database with demo data in one transaction; refuse a database in use."""
    if weeks < 1 or leads < 0:
        raise HearthError("Demo data needs at least one week and no negative counts.")
    if time_entries is not None and time_entries < 0:
        raise HearthError("Demo data cannot have a negative number of time entries.")
    in_use = (session.scalar(select(func.count()).select_from(e.Lead)) or 0) + (
        session.scalar(select(func.count()).select_from(e.TimeEntry)) or 0
    )
    if in_use:
        raise HearthError(
            "This database already has leads or time entries; demo data goes "
            "into an empty database only (pick a new file with --db)."
        )
    say = progress or (lambda _message: None)
    builder = _Builder(random.Random(seed), now or datetime.now(UTC), weeks)
    try:
        summary = builder.build(session, leads=leads, time_entries=time_entries, say=say)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return summary


class _Builder(DemoCalendar):
    def build(
        self, session: Session, *, leads: int, time_entries: int | None, say: Progress
    ) -> DemoSummary:
        summary = DemoSummary(start=self.start_day, end=self.today)
        settings_service.stage(session, Settings(business_name=BUSINESS, set_up=True))
        person_ids = self._people(session)
        summary.people = len(person_ids)
        say("campaigns")
        campaigns = self._campaigns(session)
        summary.campaigns = len(campaigns)
        say(f"{leads} leads")
        LeadHistory(self).write(session, leads, person_ids, campaigns, summary)
        say("time entries")
        summary.time_entries = self._time(session, person_ids, campaigns, time_entries)
        self._goals(session)
        return summary

    def _goals(self, session: Session) -> None:
        """A default goal of the monthly revenue of the last 8 weeks (of the whole history
        when shorter), to two figures — so a growing business's months pace near it, some
        behind and some ahead — and next month its own goal, a quieter one. Nothing won: no
        goal."""
        since = max(self.start, self.now - GOAL_WINDOW)
        won = goals.won_between(session, since, self.now)
        days = Decimal((self.now - since).total_seconds()) / 86400
        if won <= 0 or days <= 0:
            return
        default = _two_figures(won / days * DAYS_A_MONTH)
        goals.set_default(session, default)
        _first, next_month = month_days(f"{self.today:%Y-%m}")
        goals.set_goal(session, f"{next_month:%Y-%m}", _two_figures(default * QUIET_MONTH))

    def _people(self, session: Session) -> list[int]:
        existing = {p.name: p.id for p in session.scalars(select(e.Person))}
        ids = []
        for name, _share in PEOPLE:
            if name not in existing:
                person = e.Person(name=name, created_at=self.start)
                session.add(person)
                session.flush()
                existing[name] = person.id
            ids.append(existing[name])
        return ids

    def _campaigns(self, session: Session) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        day = self.start_day - timedelta(days=14)
        taken = set(session.scalars(select(e.Campaign.name)))
        number = 0
        while day <= self.today + timedelta(days=21):
            theme, channel = CAMPAIGN_THEMES[number % len(CAMPAIGN_THEMES)]
            name = f"{theme} {day:%b %Y}"
            number += 1
            if name in taken:
                day += timedelta(days=7)
                continue
            taken.add(name)
            length = self.rng.choice((7, 14, 21, 28, 42))
            rows.append(
                {
                    "name": name,
                    "channel": channel,
                    "start_date": day,
                    "end_date": day + timedelta(days=length),
                    "cost": self.money(40, 2400),
                    "notes": "",
                    "created_at": local_to_utc(datetime.combine(day, datetime.min.time())),
                    # how well its leads fit: drives the lost reasons ("no budget", "not a fit")
                    "_quality": self.rng.choice((0.2, 0.5, 0.5, 0.8, 0.8)),
                }
            )
            day += timedelta(days=self.rng.choice((14, 21, 28)))
        for row in rows:
            campaign = e.Campaign(**{k: v for k, v in row.items() if not k.startswith("_")})
            session.add(campaign)
            session.flush()
            row["id"] = campaign.id
        return rows

    def _time(
        self,
        session: Session,
        person_ids: list[int],
        campaigns: list[dict[str, Any]],
        target: int | None,
    ) -> int:
        rng = self.rng
        categories: dict[str, list[int]] = {side.value: [] for side in Side}
        for row in session.execute(
            select(e.Category.id, e.Category.side).where(
                e.Category.name.in_([n for names in DEFAULT_CATEGORIES.values() for n in names])
            )
        ):
            categories[row.side].append(row.id)
        workdays = [
            self.start_day + timedelta(days=d)
            for d in range((self.today - self.start_day).days + 1)
            if (self.start_day + timedelta(days=d)).weekday() < 5
        ]
        # With a target, the entries are spread evenly over the finished workdays (today is
        # only partly over), each person's day getting its share to the entry.
        full_days = max(1, len(workdays) - 1)
        slots = full_days * len(person_ids)
        rows: list[dict[str, Any]] = []
        for day_number, day in enumerate(workdays):
            for person_number, (person_id, (_name, share)) in enumerate(
                zip(person_ids, PEOPLE, strict=False)
            ):
                slot = day_number * len(person_ids) + person_number
                if target is None:
                    count = 6
                elif slot < slots:
                    count = (slot + 1) * target // slots - slot * target // slots
                else:
                    count = 0
                if not count:
                    continue
                clock = datetime.combine(day, datetime.min.time()) + timedelta(
                    hours=8, minutes=rng.randrange(0, 60, 5)
                )
                block = timedelta(minutes=max(5, (8 * 60) // count))
                for _ in range(count):
                    length = timedelta(
                        minutes=round(block.total_seconds() / 60 * rng.uniform(0.6, 1.0))
                    )
                    start, end = local_to_utc(clock), local_to_utc(clock + length)
                    clock += block
                    if end > self.now:
                        break
                    side = Side.MARKETING if rng.random() < share else Side.SALES
                    campaign = (
                        self.campaign_at(campaigns, start) if side is Side.MARKETING else None
                    )
                    rows.append(
                        {
                            "person_id": person_id,
                            "side": side.value,
                            "category_id": rng.choice(categories[side.value]),
                            "start": start,
                            "end": end,
                            "note": "",
                            "lead_id": None,
                            "campaign_id": campaign["id"] if campaign else None,
                        }
                    )
        insert_chunks(session, e.TimeEntry.__table__, rows)
        return len(rows)
