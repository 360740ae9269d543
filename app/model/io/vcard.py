"""Contacts from a vCard file (.vcf, one card or many, vCard 3 and 4) as cold leads; a card
whose email a lead already has (trimmed, ignoring case: the email rule of
app.model.io.resolve) is skipped and said."""

from __future__ import annotations

import dataclasses
import quopri
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app.model.enums import Temperature
from app.model.errors import HearthError
from app.model.io.csv_reader import ImportRejectedError, Problem, decode, read_whole
from app.model.io.import_report import ImportReport, all_or_nothing, finish_import
from app.model.io.resolve import LeadFinder, email_key
from app.model.io.text_encoding import control_problem
from app.model.leads import create as lead_create
from app.model.leads.service import LeadFields


@dataclass
class Card:
    line: int
    properties: dict[str, list[str]] = field(default_factory=dict)
    wrong: list[Problem] = field(default_factory=list)  # lines that cannot be read

    def first(self, name: str) -> str:
        found = self.properties.get(name, [])
        return found[0].strip() if found else ""


def _unescape(value: str) -> str:
    out, escaped = [], False
    for char in value:
        if escaped:
            out.append("\n" if char in "nN" else char)
            escaped = False
        elif char == "\\":
            escaped = True
        else:
            out.append(char)
    return "".join(out)


def _split_components(value: str) -> list[str]:
    parts, current, escaped = [], [], False
    for char in value:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";":
            parts.append(_unescape("".join(current)))
            current = []
        else:
            current.append(char)
    parts.append(_unescape("".join(current)))
    return parts


def parse_cards(text: str) -> list[Card]:
    """Cards with their properties (upper-case names, raw component values)."""
    unfolded: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and unfolded:
            start, previous = unfolded[-1]
            unfolded[-1] = (start, previous + raw[1:])
        elif raw.strip():
            unfolded.append((number, raw))
    cards: list[Card] = []
    card: Card | None = None
    for number, line in unfolded:
        head, sep, value = line.partition(":")
        if not sep:
            continue
        name, *params = head.split(";")
        name = name.rsplit(".", 1)[-1].upper()  # "item1.EMAIL" → "EMAIL"
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            if card is not None:
                cards.append(_never_closed(card))
            card = Card(number)
            continue
        if name == "END" and card is not None:
            cards.append(card)
            card = None
            continue
        if card is None:
            continue
        upper = [p.upper() for p in params]
        if "ENCODING=QUOTED-PRINTABLE" in upper:
            charset = next(
                (p.split("=", 1)[1] for p in params if p.upper().startswith("CHARSET=")), "utf-8"
            )
            try:
                value = quopri.decodestring(value.encode("ascii", "replace")).decode(
                    charset, "replace"
                )
            except LookupError:
                card.wrong.append(
                    Problem(number, f"CHARSET={charset} is not a character set Hearth knows")
                )
                continue
        wrong = control_problem(value, f"the {name}")
        if wrong:
            card.wrong.append(Problem(number, wrong))
            continue
        card.properties.setdefault(name, []).append(value)
    if card is not None:
        cards.append(_never_closed(card))
    return cards


def _never_closed(card: Card) -> Card:
    why = "the card that begins on this line is never closed (no END:VCARD after it)"
    card.wrong.insert(0, Problem(card.line, why))
    return card


def card_fields(card: Card) -> LeadFields:
    name = _unescape(card.first("FN"))
    if not name and card.first("N"):
        family, given, *rest = [*_split_components(card.first("N")), "", ""][:5]
        name = " ".join(p for p in (rest[1] if len(rest) > 1 else "", given, rest[0], family) if p)
    company = _split_components(card.first("ORG"))[0] if card.first("ORG") else ""
    phone = _unescape(card.first("TEL"))
    if phone.lower().startswith("tel:"):
        phone = phone[4:]
    email = _unescape(card.first("EMAIL"))
    if email.lower().startswith("mailto:"):
        email = email[7:]
    return LeadFields(
        name=name or company or email,
        company=company,
        email=email,
        phone=phone,
        notes=_unescape(card.first("NOTE")),
    )


def import_vcards(
    session: Session,
    path: Path,
    *,
    dry_run: bool = False,
    now: datetime | None = None,
    person_id: int | None = None,
    owner_id: int | None = None,
) -> ImportReport:
    """Every card becomes a cold lead (owned by `owner_id`); a card whose email is already a
    lead is skipped."""
    moment = now or datetime.now(UTC)
    text, encoding = decode(read_whole(path, "vCard"), path)
    cards = parse_cards(text)
    report = ImportReport(path, encoding, "vCard", dry_run=dry_run)
    if not cards:
        raise ImportRejectedError(path, [Problem(1, "there is no BEGIN:VCARD card here")])
    problems: list[Problem] = []
    valid: list[tuple[Card, LeadFields]] = []
    for card in cards:
        if card.wrong:
            problems.extend(card.wrong)
            continue
        try:
            valid.append((card, card_fields(card).cleaned()))
        except HearthError as exc:
            problems.append(Problem(card.line, str(exc)))
    if problems:
        raise ImportRejectedError(path, problems)
    # Known by the email rule of the other imports (trimmed, ignoring case); a card without
    # an email is always new.
    known = set(LeadFinder(session).by_email(f.email for _card, f in valid if f.email))
    new: list[lead_create.NewLead] = []
    with all_or_nothing(session):
        for card, fields in valid:
            if fields.email and email_key(fields.email) in known:
                report.notes.append(
                    f"{path}:{card.line}: {fields.email} is already a lead; skipped"
                )
                continue
            known.add(email_key(fields.email))
            owned = dataclasses.replace(fields, owner_id=owner_id)
            new.append(lead_create.NewLead(owned, Temperature.COLD, moment, person_id))
        lead_create.create_many(session, new)
        report.created += len(new)
        session.flush()
    return finish_import(session, report)
