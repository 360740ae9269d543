"""Time's road to the data (see app.ui.common.access): the Time page, the entry dialog, the
timer bar and the long-timer question read and write through it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.model import people
from app.model.enums import Side
from app.model.time import entries as time_entries
from app.ui.common.access import Access

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.model.campaigns.service import CampaignName
    from app.model.leads.queries import LeadChoice
    from app.model.people import PersonInfo
    from app.model.time.categories import CategoryInfo
    from app.model.time.targets import Balance, Target
    from app.model.time.types import EntryFields, EntryInfo


Link = tuple[str, int | None]  # ("category_id" | "campaign_id" | "lead_id", the id or None)


@dataclass(frozen=True)
class Week:
    """What the Time page shows of a week."""

    entries: list[EntryInfo]
    balance: Balance
    targets: dict[str, Target]  # each person's, by name
    campaign_names: dict[int, str]
    lead_names: dict[int, str]


@dataclass(frozen=True)
class Timers:
    """What the timer bar shows: every running timer, and this week's balance for a person."""

    running: list[EntryInfo]
    balance: Balance


@dataclass(frozen=True)
class EntryChoices:
    """What the entry dialog offers."""

    people: list[PersonInfo]
    categories: list[CategoryInfo]
    campaigns: list[CampaignName]
    leads: list[LeadChoice]


class TimeAccess(Access):
    # ---- reading --------------------------------------------------------------------------

    def people(self) -> list[PersonInfo]:
        return self.read(people.list_people)

    def week(self, week: str, start: datetime, end: datetime, now: datetime) -> Week:
        from app.model.campaigns import service as campaigns
        from app.model.leads import queries as lead_queries
        from app.model.time import targets

        def work(session: Session) -> Week:
            everyone = people.list_people(session)
            entries = time_entries.entries_between(session, start, end, now=now)
            return Week(
                entries,
                targets.balance(session, week, now=now),
                {p.name: targets.target_for(session, week, p.id) for p in everyone},
                {c.id: c.name for c in campaigns.list_names(session, include_archived=True)},
                lead_queries.names(session, {e.lead_id for e in entries if e.lead_id}),
            )

        return self.read(work)

    def free_span(self, person_id: int, before: datetime) -> tuple[datetime, datetime]:
        return self.read(lambda s: time_entries.free_span(s, person_id, before))

    def timers(self, person_id: int | None, week: str, now: datetime | None = None) -> Timers:
        from app.model.time import targets

        return self.read(
            lambda s: Timers(
                time_entries.running(s), targets.balance(s, week, person_id=person_id, now=now)
            )
        )

    def entry_choices(self, lead_id: int | None) -> EntryChoices:
        from app.model.campaigns import service as campaigns
        from app.model.leads import queries as lead_queries
        from app.model.time import categories

        keep = (lead_id,) if lead_id is not None else ()
        return self.read(
            lambda s: EntryChoices(
                people.list_people(s),
                categories.list_for(s),
                campaigns.list_names(s, include_archived=True),
                lead_queries.choices(s, keep=keep),
            )
        )

    def categories(self, side: Side) -> list[CategoryInfo]:
        from app.model.time import categories

        return self.read(lambda s: categories.list_for(s, side))

    def link_choices(self) -> tuple[list[CampaignName], list[LeadChoice]]:
        """The campaigns and the leads most recently in touch, for a timer's menu."""
        from app.model.campaigns import service as campaigns
        from app.model.leads import queries as lead_queries

        return self.read(lambda s: (campaigns.list_names(s), lead_queries.choices(s, limit=15)))

    def lead_choices(self) -> list[LeadChoice]:
        from app.model.leads import queries as lead_queries

        return self.read(lambda s: lead_queries.choices(s))

    def check(self, fields: EntryFields, entry_id: int | None) -> None:
        """Raise the sentence if the entry cannot be stored (an overlap, say)."""
        self.read(lambda s: time_entries.check(s, fields, ignore_id=entry_id))

    def long_running(self, hours: float) -> list[EntryInfo]:
        return self.read(lambda s: time_entries.long_running(s, hours))

    # ---- writing --------------------------------------------------------------------------

    def add(self, fields: EntryFields) -> EntryInfo:
        return self.write(lambda s: time_entries.add_entry(s, fields))

    def update(self, entry_id: int, fields: EntryFields, base: EntryFields | None) -> EntryInfo:
        return self.write(lambda s: time_entries.update_entry(s, entry_id, fields, base=base))

    def delete(self, entry_id: int) -> EntryInfo:
        return self.write(lambda s: time_entries.delete_entry(s, entry_id))

    def toggle(
        self, person_id: int, side: Side, running: EntryInfo | None
    ) -> tuple[EntryInfo | None, EntryInfo | None]:
        """Start `side` (stopping the running timer at the same instant), or stop it if it is
        the one running: (the timer now running, the one stopped)."""

        def work(session: Session) -> tuple[EntryInfo | None, EntryInfo | None]:
            if running is not None and running.side is side:
                return None, time_entries.stop_timer(session, person_id)
            return time_entries.start_timer(session, person_id, side)

        return self.write(work)

    def start_for(
        self,
        person_id: int,
        side: Side,
        *,
        campaign_id: int | None = None,
        lead_id: int | None = None,
    ) -> tuple[EntryInfo, EntryInfo | None]:
        """A timer of `side` for a campaign or a lead."""
        return self.write(
            lambda s: time_entries.start_timer(
                s, person_id, side, campaign_id=campaign_id, lead_id=lead_id
            )
        )

    def relink(self, running: EntryInfo, link: Link) -> EntryInfo:
        """The running timer for another category, campaign or lead (`link` names which:
        "category_id", "campaign_id" or "lead_id", and the new id, None for none)."""
        key, value = link
        fields = time_entries.fields_of(running)
        fields = fields._replace(
            category_id=value if key == "category_id" else fields.category_id,
            campaign_id=value if key == "campaign_id" else fields.campaign_id,
            lead_id=value if key == "lead_id" else fields.lead_id,
        )
        return self.write(lambda s: time_entries.update_entry(s, running.id, fields))

    def stop(self, person_id: int) -> EntryInfo | None:
        """The person's running timer stopped now (one running longer than an entry can be
        is refused: its end must be said on the Time page)."""
        return self.write(lambda s: time_entries.stop_timer(s, person_id))
