"""A stale lead (PRODUCT.md): warm or hot, open, and nobody in touch for the stale days,
counting from the later of its creation and its last contact — a lead added today is not
stale. One rule for the Leads page (SQL), the review, the Dashboard and the advice."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.model import first_run
from app.model.enums import Temperature
from app.model.leads import create as lead_create
from app.model.leads import queries as q
from app.model.leads import touchpoints
from app.model.leads.rules import went_stale
from app.model.leads.service import LeadFields
from app.model.review.build import weekly_review
from app.model.store.db import Store

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # Friday of 2026-W47
CLOCK = q.Clock(now=NOW, today=date(2026, 11, 20), stale_days=14)


@pytest.fixture
def made(store: Store) -> dict[str, int]:
    ids: dict[str, int] = {}
    with store.writer() as session:
        first_run.complete(session, first_run.FirstRunAnswers("Shop", ("Ann",)))

        def lead(name: str, days_ago: int, *contacts_days_ago: int) -> None:
            ids[name] = lead_create.create(
                session,
                LeadFields(name=name),
                temperature=Temperature.HOT,
                at=NOW - timedelta(days=days_ago),
            ).id
            for days in contacts_days_ago:
                touchpoints.log_touchpoint(
                    session, ids[name], "call", at=NOW - timedelta(days=days)
                )

        lead("New today", 0)
        lead("New last week", 6)
        lead("Quiet since creation", 20)
        lead("Called lately", 30, 2)
        lead("Called long ago", 30, 16)
        session.commit()
    return ids


STALE = ["Called long ago", "Quiet since creation"]


def test_the_leads_page_counts_from_creation_when_there_was_no_contact_since(
    store: Store, made: dict[str, int]
) -> None:
    with store.session() as session:
        rows = {r.name: r.stale for r in q.page(session, q.LeadFilter(), CLOCK)}
        filtered = [r.name for r in q.page(session, q.LeadFilter(stale=True), CLOCK)]
    assert sorted(name for name, stale in rows.items() if stale) == STALE
    assert sorted(filtered) == STALE


def test_the_review_dashboard_and_advice_use_the_same_rule(
    store: Store, made: dict[str, int]
) -> None:
    with store.session() as session:
        review = weekly_review(session, "2026-W47", now=NOW)
    assert sorted(line.name for line in review.leads.stale) == STALE
    stale_advice = [a for a in review.advice if a.rule == "stale_hot_leads"]
    assert len(stale_advice) == 1
    assert {n for n in STALE} == {name for name in made if made[name] in stale_advice[0].lead_ids}


def test_the_rule_itself() -> None:
    before = NOW - timedelta(days=14)
    assert not went_stale(NOW, None, before)  # created now, never contacted
    assert went_stale(NOW - timedelta(days=15), None, before)
    # the later of the two counts, whichever it is
    assert not went_stale(NOW - timedelta(days=3), NOW - timedelta(days=40), before)
    assert went_stale(NOW - timedelta(days=30), NOW - timedelta(days=16), before)
