"""Every kind of CSV export in one place: what each is called, and writing one (or all, for
moving the data) — the command line and the window's File → Export both come here. Each
export lives beside its import, in its format's module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.model.formatting import count

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Kind:
    key: str  # "leads": the command line's word, and the file's name in a full export
    title: str  # "Leads": the window's menu
    noun: str  # "lead", for "Wrote 3 leads"
    plural: str
    about: str  # what the file holds, for --help


# In the order a full export imports back (README: "Moving your data by CSV").
KINDS = (
    Kind("campaigns", "Campaigns", "campaign", "campaigns", "campaigns to CSV"),
    Kind("leads", "Leads", "lead", "leads", "leads to CSV"),
    Kind(
        "moves",
        "Moves (each lead's history)",
        "move",
        "moves",
        "every temperature and status change of the leads to CSV",
    ),
    Kind("deals", "Deals", "deal", "deals", "every deal (first and repeat) to CSV"),
    Kind("touchpoints", "Contacts", "touchpoint", "touchpoints", "touchpoints to CSV"),
    Kind("time", "Time", "time entry", "time entries", "finished time entries to CSV"),
)
BY_KEY = {kind.key: kind for kind in KINDS}


def _writer(key: str) -> Callable[[Session, Path, bool], int]:
    if key == "leads":
        from app.model.io.leads import export_leads

        return lambda s, p, archived: export_leads(s, p, include_archived=archived)
    if key == "touchpoints":
        from app.model.io.touchpoints import export_touchpoints

        return lambda s, p, _a: export_touchpoints(s, p)
    if key == "time":
        from app.model.io.time import export_time

        return lambda s, p, _a: export_time(s, p)
    if key == "campaigns":
        from app.model.io.campaigns import export_campaigns

        return lambda s, p, _a: export_campaigns(s, p)
    if key == "moves":
        from app.model.io.moves import export_moves

        return lambda s, p, _a: export_moves(s, p)
    if key == "deals":
        from app.model.io.deals import export_deals

        return lambda s, p, _a: export_deals(s, p)
    raise KeyError(key)


def export(session: Session, key: str, path: Path, *, include_archived: bool = False) -> int:
    """Write the export of kind `key` to `path` (whole or not at all); the rows written."""
    return _writer(key)(session, path, include_archived)


def wrote(key: str, rows: int, path: Path | str) -> str:
    """'Wrote 3 leads to leads.csv.'"""
    kind = BY_KEY[key]
    return f"Wrote {count(rows, kind.noun, kind.plural)} to {path}."


def export_everything(session: Session, folder: Path) -> list[tuple[Kind, Path, int]]:
    """Every kind (archived leads too) into `folder` as KIND.csv: what moves the data to an
    empty database, imported in this order. Returns what was written where."""
    written = []
    for kind in KINDS:
        path = folder / f"{kind.key}.csv"
        written.append((kind, path, export(session, kind.key, path, include_archived=True)))
    return written
