"""The fixed words of PRODUCT.md: sides, temperatures, statuses, lost reasons, and defaults."""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    MARKETING = "marketing"
    SALES = "sales"


class Temperature(StrEnum):
    COLD = "cold"
    WARM = "warm"
    HOT = "hot"


TEMPERATURES = tuple(t.value for t in Temperature)  # "cold", "warm", "hot": coldest first


class Status(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class LostReason(StrEnum):
    NO_BUDGET = "no budget"
    NOT_A_FIT = "not a fit"
    NO_INTEREST = "no interest"
    COMPETITOR = "chose a competitor"
    NO_RESPONSE = "no response"
    OTHER = "other"


DEFAULT_CATEGORIES: dict[Side, tuple[str, ...]] = {
    Side.MARKETING: (
        "content",
        "social media",
        "email campaign",
        "ads",
        "website/SEO",
        "events",
        "networking",
        "market research",
    ),
    Side.SALES: (
        "prospecting calls",
        "follow-ups",
        "meetings",
        "demos",
        "proposals",
        "negotiation",
        "customer care",
    ),
}

# Each touchpoint kind and the side it is on unless the user says otherwise.
TOUCHPOINT_KINDS: dict[str, Side] = {
    "ad": Side.MARKETING,
    "social post": Side.MARKETING,
    "email campaign": Side.MARKETING,
    "direct mail": Side.MARKETING,
    "website visit": Side.MARKETING,
    "referral": Side.MARKETING,
    "seminar/event": Side.MARKETING,
    "cold call": Side.SALES,
    "follow-up email": Side.SALES,
    "sales letter": Side.SALES,
    "call": Side.SALES,
    "meeting": Side.SALES,
    "demo": Side.SALES,
    "proposal": Side.SALES,
    "discount offer": Side.SALES,
    "contract": Side.SALES,
}

CAMPAIGN_CHANNELS: tuple[str, ...] = (
    "email",
    "social",
    "ads",
    "events",
    "direct mail",
    "website/SEO",
    "referral",
    "other",
)

SUGGESTED_ACTIONS: dict[Temperature, tuple[str, ...]] = {
    Temperature.COLD: (
        "direct mail",
        "digital ad",
        "sponsored social post",
        "invite to newsletter",
    ),
    Temperature.WARM: (
        "personal follow-up email",
        "sales letter",
        "invite to a seminar or free session",
    ),
    Temperature.HOT: (
        "one-to-one call",
        "in-person meeting",
        "time-limited offer",
        "proposal / estimate / contract",
    ),
}


def sql_in(values: type[StrEnum]) -> str:
    """The body of a CHECK constraint allowing exactly the enum's values."""
    return ", ".join(f"'{v.value}'" for v in values)


# What a lead without a campaign is said to come from, wherever sources are shown.
NO_SOURCE = "no source"
