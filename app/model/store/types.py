"""Column types that keep PRODUCT.md's rules: times in UTC, money exact.

`UTCDateTime` stores a naive UTC timestamp and hands back an aware one; it refuses a naive
datetime on the way in, because a time without an offset is ambiguous by the time it reaches
the store (local times are converted at the edges: importers, the command line, the UI).

`Money` is a `Decimal` in Python. On PostgreSQL it is a real NUMERIC. SQLite has no exact
decimal (a NUMERIC column keeps 0.1 as a binary float), so there it is stored as a whole
number of ten-thousandths: exact, and `SUM()` in SQL stays exact.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Numeric
from sqlalchemy.types import TypeDecorator, TypeEngine

from app.model.store.money_scale import MONEY_LIMIT, MONEY_PRECISION, MONEY_SCALE
from app.model.store.stored_time import usual

__all__ = ["MONEY_LIMIT", "MONEY_PRECISION", "MONEY_SCALE", "Money", "UTCDateTime"]
_MONEY_UNIT = Decimal(1).scaleb(-MONEY_SCALE)  # 0.0001
_MONEY_FACTOR: int = 10**MONEY_SCALE


class UTCDateTime(TypeDecorator[datetime]):
    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given to a UTC column; attach a tzinfo")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # raw SQL results on SQLite
            value = datetime.fromisoformat(value)
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)

    def result_processor(
        self, dialect: Dialect, coltype: Any
    ) -> Callable[[Any], datetime | None] | None:
        """On SQLite, the usual text SQLAlchemy stored read back in one step
        (stored_time.usual), as every time read goes through here; anything else takes the
        general road above."""
        general = super().result_processor(dialect, coltype)
        if dialect.name != "sqlite" or general is None:
            return general

        def process(value: Any) -> datetime | None:
            made = usual(value) if isinstance(value, str) else None
            return made if made is not None else general(value)

        return process


class Money(TypeDecorator[Decimal]):
    impl = Numeric(MONEY_PRECISION, MONEY_SCALE, asdecimal=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(MONEY_PRECISION, MONEY_SCALE, asdecimal=True))

    def process_bind_param(self, value: Decimal | int | str | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money must be a Decimal, not a float")
        amount = Decimal(value).quantize(_MONEY_UNIT)
        if dialect.name == "sqlite":
            return int(amount * _MONEY_FACTOR)
        return amount

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return (Decimal(int(value)) / _MONEY_FACTOR).quantize(_MONEY_UNIT)
        return Decimal(value).quantize(_MONEY_UNIT)
