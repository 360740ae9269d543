"""Two people saving the same row: the second save is refused with what the other changed.

A service that saves a user's edit is given the version of the row the user started from
(`base`). If the row's editable fields changed since — someone else saved first — the edit
is refused with a sentence naming each field the other person changed, from what to what;
nothing is overwritten. Changes that touch none of those fields (a contact logged, a move on
the board) do not block an edit. The version counter on the row (migration 0005) catches the
last race, two saves in the same instant, as a StaleDataError, which `commit` turns into the
same kind of refusal.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.model.errors import HearthError


class ConflictError(HearthError):
    """Someone else saved the same thing first; this save was not written."""


def changes(before: Any, after: Any, labels: Mapping[str, str] | None = None) -> list[str]:
    """'company: "North Bakery" → "South Bakery"' for each field that differs (of a
    dataclass, or of a NamedTuple such as EntryFields)."""
    found = []
    named = getattr(before, "_fields", None)  # a NamedTuple's
    for name in named or [field.name for field in dataclasses.fields(before)]:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            label = (labels or {}).get(name, name.replace("_", " "))
            found.append(f"{label}: {_show(old)} → {_show(new)}")
    return found


def _show(value: Any) -> str:
    if value is None or value == "" or value == ():
        return "(empty)"
    if isinstance(value, tuple):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"


def refuse_if_changed(what: str, base: Any, current: Any) -> None:
    """Raise ConflictError if `current` (stored now) differs from `base` (what was edited)."""
    if base == current:
        return
    listed = "; ".join(changes(base, current))
    raise ConflictError(
        f"Someone else changed {what} while you were editing it ({listed}). Your change was "
        "not saved; the form now shows their version — make your change again if it still "
        "applies."
    )


def commit(session: Session, what: str) -> None:
    """Commit, turning a lost race on a row's version into a ConflictError."""
    try:
        session.commit()
    except StaleDataError:
        session.rollback()
        raise ConflictError(
            f"Someone else saved {what} at the same moment. Your change was not saved; "
            "look at it again and make your change once more."
        ) from None
