"""What the rows of an import name, found the same way by every importer.

A lead is found by one rule: its email first (trimmed, ignoring case), then its whole name
(ignoring case and extra spaces) — but a name only when exactly one lead has it. A key that
names several leads, or none, is its line's problem, and the sentence names the candidates
(each by its email, else its company) so the owner can tell them apart. The lead and vCard
imports, which match emails only, decide "update" or "already known" by the same email rule;
an export writes each lead as `lead_keys` says (its email, or its name when it has none).

People, campaigns and categories are found by name (ignoring case and extra spaces) and made
on first mention, each new one noted in the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model.enums import Side
from app.model.io import text_encoding
from app.model.io.import_report import ImportReport
from app.model.store.entities import Campaign, Category, Lead, Person, Tag
from app.model.weeks import to_local

_CHUNK = 500  # ids or emails per query (well below every database's limit on parameters)
_SHOWN = 5  # candidates named in a sentence; the rest are counted


def email_key(text: str) -> str:
    """An email as leads are matched by it: trimmed, in lower case."""
    return text.strip().lower()


def name_key(text: str) -> str:
    """A name as it is matched: single spaces, lower case ("  Anna  BERG " is "anna berg")."""
    return " ".join(text.split()).lower()


def lead_keys(session: Session) -> dict[int, str]:
    """What an export writes for each lead (by id): its email, or its name when it has none —
    what `LeadFinder.find` reads back."""
    return {
        row.id: (row.email or row.name)
        for row in session.execute(select(Lead.id, Lead.email, Lead.name))
    }


@dataclass(frozen=True)
class Candidate:
    """What tells one of several leads apart in a sentence."""

    name: str
    email: str
    company: str
    archived: bool
    created_at: datetime

    @classmethod
    def of(cls, lead: Lead) -> Candidate:
        return cls(lead.name, lead.email, lead.company, lead.archived, lead.created_at)

    def words(self, column: str) -> str:
        """The lead as the owner tells it from the others that share its `column`."""
        if column == "email":
            said = ", ".join(p for p in (self.name, self.company) if p)
        elif self.email:
            said = self.email
        elif self.company:
            said = f"{self.company}, no email"
        else:
            said = f"no email or company, added {to_local(self.created_at):%Y-%m-%d}"
        return said + (" (archived)" if self.archived else "")


def several(key: str, column: str, candidates: Sequence[Candidate], total: int) -> str:
    """Why `key` finds no lead: `total` leads share it ("2 leads are called 'Twin' (…; …)")."""
    shown = "; ".join(c.words(column) for c in candidates[:_SHOWN])
    if total > _SHOWN:
        shown += f"; and {total - _SHOWN} more"
    if column == "email":
        return (
            f"{total} leads have the email {key!r} ({shown}), so Hearth cannot tell which "
            "one is meant; change or remove the email of the others in Hearth"
        )
    if any(c.email for c in candidates):
        advice = "write the email of the one meant instead of the name"
    else:
        advice = "give the one meant an email in Hearth and write that instead of the name"
    return f"{total} leads are called {key!r} ({shown}); {advice}"


def the_one_with_email(email: str, leads: Sequence[Lead]) -> Lead | None:
    """The lead among `leads` (those with that email) the lead and vCard imports mean; None
    when there is none; ValueError when there are several."""
    if len(leads) > 1:
        raise ValueError(several(email, "email", [Candidate.of(c) for c in leads], len(leads)))
    return leads[0] if leads else None


def _add(index: dict[str, int | list[int]], key: str, lead_id: int) -> None:
    found = index.get(key)
    if found is None:
        index[key] = lead_id
    elif isinstance(found, list):
        found.append(lead_id)
    else:
        index[key] = [found, lead_id]


class LeadFinder:
    """The leads an import's rows name, by the one rule (the module's docstring).

    `find` reads a prepared index — every lead's email and name, read once on first use —
    so a row costs no query; `prefetch` loads the leads a batch of rows names in a few
    queries, and `lead` then hands them out. `by_email` queries a batch of emails instead,
    for the imports that read many rows but match emails only (no index of every lead).
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._emails: dict[str, int | list[int]] | None = None
        self._names: dict[str, int | list[int]] = {}
        self._loaded: dict[int, Lead] = {}
        self._candidates: dict[tuple[int, ...], list[Candidate]] = {}

    def _index(self) -> tuple[dict[str, int | list[int]], dict[str, int | list[int]]]:
        if self._emails is None:
            emails: dict[str, int | list[int]] = {}
            names: dict[str, int | list[int]] = {}
            query = select(Lead.id, Lead.email, Lead.name).order_by(Lead.id)
            for lead_id, email, name in self.session.execute(
                query.execution_options(yield_per=5000)
            ):
                if email.strip():
                    _add(emails, email_key(email), lead_id)
                _add(names, name_key(name), lead_id)
            self._emails, self._names = emails, names
        return self._emails, self._names

    def find(self, key: str) -> int:
        """The id of the lead `key` names; ValueError naming the candidates, or saying there
        is none."""
        emails, names = self._index()
        column, found = "email", emails.get(email_key(key))
        if found is None:
            column, found = "name", names.get(name_key(key))
        if found is None:
            raise ValueError(f"there is no lead with the email or name {key!r}")
        if isinstance(found, list):
            raise ValueError(self._several(key, column, found))
        return found

    def _several(self, key: str, column: str, ids: list[int]) -> str:
        shown = tuple(ids[:_SHOWN])
        if shown not in self._candidates:  # (read once however many rows name them)
            rows = self.session.execute(
                select(Lead.name, Lead.email, Lead.company, Lead.archived, Lead.created_at)
                .where(Lead.id.in_(shown))
                .order_by(Lead.id)
            )
            self._candidates[shown] = [Candidate(*row) for row in rows]
        return several(key, column, self._candidates[shown], len(ids))

    def prefetch(self, keys: Iterable[str]) -> None:
        """Load the leads these keys name (one query per 500), for `lead`; the leads of the
        batch before are let go."""
        ids = set()
        for key in keys:
            if key:
                try:
                    ids.add(self.find(key))
                except ValueError:
                    continue  # said again by `lead`, for its row
        ordered = sorted(ids)
        self._loaded = {}
        for first in range(0, len(ordered), _CHUNK):
            chunk = ordered[first : first + _CHUNK]
            for lead in self.session.scalars(select(Lead).where(Lead.id.in_(chunk))):
                self._loaded[lead.id] = lead

    def lead(self, key: str) -> Lead:
        """The lead `key` names (ValueError as for `find`)."""
        lead_id = self.find(key)
        lead = self._loaded.get(lead_id) or self.session.get(Lead, lead_id)
        if lead is None:  # (not inside one transaction; said as an unknown lead all the same)
            raise ValueError(f"there is no lead with the email or name {key!r}")
        return lead

    def by_email(self, emails: Iterable[str], *, up_to: int | None = None) -> dict[str, list[Lead]]:
        """The stored leads with these emails (by `email_key`; one query per 500), only those
        with an id of at most `up_to` when given. `the_one_with_email` picks from them."""
        if up_to is not None and up_to < 1:
            return {}
        wanted = sorted({email_key(e) for e in emails if e.strip()})
        found: dict[str, list[Lead]] = {}
        for first in range(0, len(wanted), _CHUNK):
            query = select(Lead).where(
                func.lower(func.trim(Lead.email)).in_(wanted[first : first + _CHUNK])
            )
            if up_to is not None:
                query = query.where(Lead.id <= up_to)
            for lead in self.session.scalars(query.order_by(Lead.id)):
                found.setdefault(email_key(lead.email), []).append(lead)
        return found


# The longest name of each kind the database holds (entities: String(200), String(100)).
LONGEST_NAME = {"person": 200, "campaign": 200, "category": 100, "tag": 100}


def garbled(what: str, current: str, new: str) -> str:
    """Why `new` may not replace `current` (`what`: "the name"): it is `current`'s mojibake
    (its UTF-8 read as Windows-1252), which is never what the user meant; else ""."""
    if new == current or new not in text_encoding.misread(current):
        return ""
    return (
        f"this would change {what} {current!r} to {new!r}, which is how {current!r} looks "
        "when UTF-8 is read as Windows-1252; save the file as UTF-8 and import it again"
    )


class _Known:
    """The names of one kind (people, campaigns, a side's categories, tags) by name_key, and
    the mojibake of each, to refuse a new name that is an old one misread."""

    def __init__(self, kind: str, rows: Iterable[tuple[int, str]]) -> None:
        self.kind = kind
        self.ids: dict[str, int] = {}
        self.misread: dict[str, str] = {}
        for row_id, name in rows:
            self.add(name, row_id)

    def add(self, name: str, row_id: int) -> None:
        self.ids[name_key(name)] = row_id
        for variant in text_encoding.misread(name):
            self.misread.setdefault(name_key(variant), name)

    def new_name_problem(self, name: str) -> str:
        """Why `name`, not known yet, cannot be made: too long, or a known name's mojibake."""
        clean = " ".join(name.split())
        longest = LONGEST_NAME[self.kind]
        if len(clean) > longest:
            return (
                f"a {self.kind}'s name can be at most {longest} characters, and "
                f"{clean[:20] + '…'!r} has {len(clean)}"
            )
        original = self.misread.get(name_key(clean))
        if original is not None:
            return (
                f"the {self.kind} {clean!r} would be new, but it is how {original!r} looks when "
                "UTF-8 is read as Windows-1252; save the file as UTF-8 and import it again"
            )
        return ""


class Names:
    """People, campaigns and categories by name (ignoring case and extra spaces), each kind
    read once on first use; a new name is made (and noted in the report) on first mention —
    unless it is longer than the database holds or the mojibake of a name already there
    (ValueError: that line's problem; `problem` says so before anything is made)."""

    def __init__(self, session: Session, report: ImportReport, now: datetime) -> None:
        self.session, self.report, self.now = session, report, now
        self._people: _Known | None = None
        self._campaigns: _Known | None = None
        self._categories: dict[str, _Known] | None = None
        self._tags: _Known | None = None
        # The people of the rows as written, so a million rows naming the same two people
        # cost a look-up each, not a name_key each.
        self._person_of_text: dict[str, int | None] = {}

    @property
    def people(self) -> dict[str, int]:
        return self._known_people().ids

    def _known_people(self) -> _Known:
        if self._people is None:
            rows = self.session.execute(select(Person.id, Person.name))
            self._people = _Known("person", rows)
        return self._people

    def _known_campaigns(self) -> _Known:
        if self._campaigns is None:
            rows = self.session.execute(select(Campaign.id, Campaign.name))
            self._campaigns = _Known("campaign", rows)
        return self._campaigns

    def _known_categories(self, side: Side) -> _Known:
        if self._categories is None:
            self._categories = {s.value: _Known("category", []) for s in Side}
            for category_id, category_side, name in self.session.execute(
                select(Category.id, Category.side, Category.name)
            ):
                self._categories[category_side].add(name, category_id)
        return self._categories[side.value]

    def _known_tags(self) -> _Known:
        if self._tags is None:
            self._tags = _Known("tag", self.session.execute(select(Tag.id, Tag.name)))
        return self._tags

    def problem(self, kind: str, name: str, side: Side | None = None) -> str:
        """Why a row may not name `name` (`kind`: person, campaign, category, tag): it is
        new and too long, or new and the mojibake of a known one; else ""."""
        if not name.strip():
            return ""
        known = {
            "person": self._known_people,
            "campaign": self._known_campaigns,
            "tag": self._known_tags,
        }.get(kind, lambda: self._known_categories(side or Side.SALES))()
        if name_key(name) in known.ids:
            return ""
        return known.new_name_problem(name)

    def check(self, kind: str, name: str, side: Side | None = None) -> None:
        """`problem` as a ValueError (the line's problem), when there is one."""
        wrong = self.problem(kind, name, side)
        if wrong:
            raise ValueError(wrong)

    def person_id(self, name: str) -> int | None:
        """The person called `name` (None for no name), made when new."""
        if name in self._person_of_text:
            return self._person_of_text[name]
        found = self._person_id(name)
        self._person_of_text[name] = found
        return found

    def _person_id(self, name: str) -> int | None:
        if not name.strip():
            return None
        known = self._known_people()
        key = name_key(name)
        if key not in known.ids:
            self.check("person", name)
            person = Person(name=" ".join(name.split()), created_at=self.now)
            self.session.add(person)
            self.session.flush()
            known.add(person.name, person.id)
            self.report.new_people.append(person.name)
        return known.ids[key]

    def only_person_id(self) -> int | None:
        """The one person using Hearth, if only one does."""
        return next(iter(self.people.values())) if len(self.people) == 1 else None

    def campaign_id(self, name: str) -> int | None:
        """The campaign called `name` (None for no name), made when new (channel "other")."""
        if not name.strip():
            return None
        known = self._known_campaigns()
        key = name_key(name)
        if key not in known.ids:
            self.check("campaign", name)
            campaign = Campaign(name=" ".join(name.split()), channel="other", created_at=self.now)
            self.session.add(campaign)
            self.session.flush()
            known.add(campaign.name, campaign.id)
            self.report.new_campaigns.append(campaign.name)
        return known.ids[key]

    def category_id(self, side: Side, name: str) -> int | None:
        """The category `name` of `side` (None for no name), made when new."""
        if not name.strip():
            return None
        known = self._known_categories(side)
        key = name_key(name)
        if key not in known.ids:
            self.check("category", name, side)
            category = Category(side=side.value, name=" ".join(name.split()), position=99)
            self.session.add(category)
            self.session.flush()
            known.add(category.name, category.id)
            self.report.notes.append(f"new {side.value} category: {category.name}")
        return known.ids[key]

    def tags_problem(self, tags: Iterable[str]) -> str:
        """Why a row's tags may not be kept: one is new and the mojibake of a known tag."""
        return next((w for t in tags if (w := self.problem("tag", t))), "")
