"""Win rates from the business's own history, and the open pipeline weighted by them
(PRODUCT.md, "Goals, pacing and the pipeline"), as of a moment T.

- Win rate of a temperature t: of the leads closed (won or lost) in [T − 365 days, T), those
  that were at t at any moment before they closed (their creation temperature counts):
  `closed_t` of them, `won_t` won; pulled toward the starting value m_t while the sample is
  small: (won_t + K·m_t) / (closed_t + K).
- Average deal: the mean deal value won in [T − 365 days, T).
- An open lead's value: its estimated value when set and above 0, else the average deal.
- Weighted pipeline: Σ value × win rate of the lead's temperature at T, with an 80 % range
  from the spread of that many wins and losses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING

from app.model.enums import TEMPERATURES
from app.model.leads.closes import CLOSED, held
from app.model.store.reading import Reader, reading

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.model.store.settings import Settings

K = 5  # how many closed leads the starting value weighs like
YEAR = timedelta(days=365)
Z80 = 1.2816  # the normal distribution's 90th percentile: an 80 % range either side
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class WinRate:
    temperature: str
    won: int
    closed: int  # the sample: leads closed in the year that were ever at this temperature
    start: float  # the starting value (Settings)

    @property
    def rate(self) -> float:
        return (self.won + K * self.start) / (self.closed + K)

    def words(self) -> str:
        """'hot → won 38% (of 21 closed)'."""
        return f"{self.temperature} → won {self.rate:.0%} (of {self.closed:,} closed)"


def starting_rates(settings: Settings) -> dict[str, float]:
    return {
        "cold": settings.start_rate_cold,
        "warm": settings.start_rate_warm,
        "hot": settings.start_rate_hot,
    }


_CLOSED = ", ".join(f"'{status}'" for status in CLOSED)

_CLOSES = f"""
SELECT closes.won, closes.held, count(*) FROM (
    SELECT max(status_change.at) = max(
               CASE WHEN status_change.to_status = 'won' THEN status_change.at END
           ) AS won,
           max(status_change.held) AS held
    FROM status_change
    WHERE status_change.at >= :since AND status_change.at < :moment
      AND status_change.to_status IN ({_CLOSED})
    GROUP BY status_change.lead_id
) AS closes
GROUP BY closes.won, closes.held
"""


def win_rates(
    session: Session | Reader, moment: datetime, start: Mapping[str, float]
) -> dict[str, WinRate]:
    """The win rate of each temperature as of `moment` (T).

    One statement over the year's closes, from their index alone: each lead's last close in
    the year (won when its last win is at the same moment) with the temperatures the lead had
    before it, which each close keeps (`held`, app.model.leads.closes); then the leads counted
    by (won, held), a handful of groups. A later close held all that an earlier one did, so
    the most bits among a lead's closes are its last close's."""
    r = reading(session)
    won = dict.fromkeys(TEMPERATURES, 0)
    closed = dict.fromkeys(TEMPERATURES, 0)
    year = {"since": r.at(moment - YEAR), "moment": r.at(moment)}
    for was_won, bits, leads in r.rows(_CLOSES, year):
        for t in TEMPERATURES:
            if held(bits, t):
                closed[t] += int(leads)
                if was_won:
                    won[t] += int(leads)
    return {t: WinRate(t, won[t], closed[t], start[t]) for t in TEMPERATURES}


_DEALS_WON = """
SELECT sum(deal.value), count(deal.id) FROM deal
WHERE deal.won_at >= :since AND deal.won_at < :moment
"""


def average_deal(session: Session | Reader, moment: datetime) -> Decimal | None:
    """The mean deal value won in [T − 365 days, T); None without a deal."""
    r = reading(session)
    total, deals = r.one(_DEALS_WON, {"since": r.at(moment - YEAR), "moment": r.at(moment)})
    summed = r.money(total)
    return summed / deals if summed is not None and deals else None


@dataclass(frozen=True)
class TemperaturePipeline:
    temperature: str
    open: int
    value: Decimal  # the values used, summed
    win_rate: WinRate

    @property
    def weighted(self) -> Decimal:
        return _cents(float(self.value) * self.win_rate.rate)


@dataclass(frozen=True)
class Pipeline:
    weighted: Decimal
    low: Decimal
    high: Decimal
    without_value: int  # open leads with no estimated value, and no average deal to use
    by_temperature: tuple[TemperaturePipeline, ...]  # cold, warm, hot
    average_deal: Decimal | None

    def of(self, temperature: str) -> TemperaturePipeline:
        return next(p for p in self.by_temperature if p.temperature == temperature)


def _cents(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(_CENT, ROUND_HALF_EVEN)


def weigh(
    open_leads: Mapping[int, str],
    values: Mapping[int, Decimal],
    rates: Mapping[str, WinRate],
    average: Decimal | None,
) -> Pipeline:
    """The weighted pipeline of the open leads ({id: temperature at T})."""
    counts = dict.fromkeys(TEMPERATURES, 0)
    sums = dict.fromkeys(TEMPERATURES, Decimal(0))
    weighted = variance = 0.0
    without = 0
    for lead_id, temperature in open_leads.items():
        counts[temperature] += 1
        value = values.get(lead_id, average)
        if value is None:
            without += 1
            continue
        sums[temperature] += value
        p, amount = rates[temperature].rate, float(value)
        weighted += amount * p
        variance += amount * amount * p * (1 - p)
    spread = Z80 * math.sqrt(variance)
    return Pipeline(
        weighted=_cents(weighted),
        low=_cents(max(0.0, weighted - spread)),
        high=_cents(weighted + spread),
        without_value=without,
        by_temperature=tuple(
            TemperaturePipeline(t, counts[t], sums[t], rates[t]) for t in TEMPERATURES
        ),
        average_deal=average,
    )
