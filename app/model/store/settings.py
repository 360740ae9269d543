"""Settings: one typed object with defaults, stored as rows of the `setting` table.

A NamedTuple, not a dataclass: `hearth-cli status` reads the settings, and `dataclasses`
imports `inspect` (~10 ms of a command whose whole budget is twice Python's start, #19).
`Settings(...)._replace(...)` makes a changed copy."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, NamedTuple

from app.model.errors import ValidationError
from app.model.store.reading import reading

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlalchemy.orm import Session

    from app.model.store.reading import Reader

PAGE_SIZES = ("A4", "Letter")
# Where paper is US Letter (the Americas that use it, and the Philippines); A4 elsewhere.
_LETTER_REGIONS = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR", "PA", "CR"})


def default_page_size() -> str:
    """Letter where the locale's region uses it (LC_PAPER, LC_ALL or LANG), else A4."""
    import os

    for variable in ("LC_ALL", "LC_PAPER", "LANG"):
        value = os.environ.get(variable, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            region = value.split(".")[0].split("@")[0].rpartition("_")[2].upper()
            return "Letter" if region in _LETTER_REGIONS else "A4"
    return "A4"


class _Fields(NamedTuple):
    business_name: str = ""
    currency: str = "EUR"
    # The default target: share of weekly hours meant for marketing, and weekly hours.
    marketing_share: float = 0.4
    weekly_hours: float = 40.0
    stale_days: int = 14
    hourly_rate: Decimal = Decimal("0")
    long_timer_hours: float = 10.0
    page_size: str = ""  # made: the locale's paper (default_page_size), unless given
    # The revenue goal of every month without its own (app.model.goals); 0: no default goal.
    default_goal: Decimal = Decimal("0")
    # The win rates a temperature starts from while its own sample is small (PRODUCT.md,
    # "Goals, pacing and the pipeline").
    start_rate_cold: float = 0.05
    start_rate_warm: float = 0.2
    start_rate_hot: float = 0.5
    # Set when the first-run dialog (or `hearth-cli demo`) has been completed.
    set_up: bool = False


class Settings(_Fields):
    __slots__ = ()

    def __new__(cls, *args: Any, **values: Any) -> Settings:
        made = super().__new__(cls, *args, **values)
        return made if made.page_size else made._replace(page_size=default_page_size())

    def validated(self) -> Settings:
        """Self, if every field is acceptable; otherwise a ValidationError naming the field."""
        if not 0 <= self.marketing_share <= 1:
            raise ValidationError("Target marketing share must be between 0% and 100%.")
        if not 0 < self.weekly_hours <= 168:
            raise ValidationError("Weekly hours must be more than 0 and at most 168.")
        if not 1 <= self.stale_days <= 365:
            raise ValidationError("Days before a lead is stale must be between 1 and 365.")
        if self.hourly_rate < 0:
            raise ValidationError("Hourly rate cannot be negative.")
        if not 0 < self.long_timer_hours <= 72:
            raise ValidationError("Long-running timer warning must be between 0 and 72 hours.")
        if self.default_goal < 0:
            raise ValidationError("The monthly revenue goal cannot be negative.")
        for name in ("cold", "warm", "hot"):
            if not 0 <= getattr(self, f"start_rate_{name}") <= 1:
                raise ValidationError(
                    f"The starting win rate of {name} leads must be between 0% and 100%."
                )
        if self.page_size not in PAGE_SIZES:
            raise ValidationError(f"Page size must be one of {', '.join(PAGE_SIZES)}.")
        code = self.currency.strip()
        if not (len(code) == 3 and code.isalpha()):
            raise ValidationError("Currency must be a three-letter code such as EUR or USD.")
        if len(self.business_name) > 200:
            raise ValidationError("Business name must be at most 200 characters.")
        return self._replace(currency=code.upper(), business_name=self.business_name.strip())


_DEFAULTS = Settings()


def _to_text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _from_text(name: str, raw: str) -> Any:
    default = getattr(_DEFAULTS, name)
    try:
        if isinstance(default, bool):
            return raw == "1"
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, Decimal):
            return Decimal(raw)
    except (ValueError, InvalidOperation):
        return default  # a damaged value falls back to the default rather than crash start-up
    return raw


def from_rows(rows: Iterable[tuple[str, str]]) -> Settings:
    """Settings from stored (key, value) rows; unknown keys are ignored."""
    known = set(Settings._fields)
    values = {key: _from_text(key, value) for key, value in rows if key in known}
    return Settings(**values)


def load(session: Session | Reader) -> Settings:
    rows = reading(session).rows("SELECT setting.key, setting.value FROM setting")
    return from_rows((key, value) for key, value in rows)


def save(session: Session, settings: Settings) -> Settings:
    """Validate and store every field; commit. Returns what was stored."""
    settings = stage(session, settings)
    session.commit()
    return settings


def stage(session: Session, settings: Settings) -> Settings:
    """Validate and add every field to the session's unit of work, without committing."""
    from sqlalchemy import select

    from app.model.store.entities import Setting

    settings = settings.validated()
    existing = {row.key: row for row in session.scalars(select(Setting))}
    for name in Settings._fields:
        text = _to_text(getattr(settings, name))
        row = existing.get(name)
        if row is None:
            session.add(Setting(key=name, value=text))
        elif row.value != text:
            row.value = text
    session.flush()
    return settings
