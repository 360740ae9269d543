"""Settings with defaults, the people, and the first-run answers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.model import first_run, people
from app.model.errors import ValidationError
from app.model.store import settings as settings_service
from app.model.store.db import Store
from app.model.store.entities import Person, Setting
from app.model.store.settings import Settings


def test_a_new_database_has_the_default_settings(store: Store) -> None:
    with store.session() as session:
        loaded = settings_service.load(session)
    assert loaded == Settings()
    assert loaded.marketing_share == 0.4
    assert loaded.weekly_hours == 40
    assert loaded.stale_days == 14
    assert not loaded.set_up


def test_settings_round_trip(store: Store) -> None:
    wanted = Settings(
        business_name="  Zoë's Café  ",
        currency="chf",
        marketing_share=0.25,
        weekly_hours=32.5,
        stale_days=21,
        hourly_rate=Decimal("85.50"),
        long_timer_hours=8,
        page_size="Letter",
        set_up=True,
    )
    with store.writer() as session:
        stored = settings_service.save(session, wanted)
    with store.session() as session:
        loaded = settings_service.load(session)
    assert loaded == stored
    assert loaded.business_name == "Zoë's Café"
    assert loaded.currency == "CHF"
    assert loaded.hourly_rate == Decimal("85.50")


@pytest.mark.parametrize(
    ("change", "field_words"),
    [
        ({"marketing_share": 1.5}, "marketing share"),
        ({"weekly_hours": 0}, "Weekly hours"),
        ({"stale_days": 0}, "stale"),
        ({"hourly_rate": Decimal("-1")}, "Hourly rate"),
        ({"currency": "euro"}, "Currency"),
        ({"page_size": "A3"}, "Page size"),
    ],
)
def test_bad_settings_are_refused_naming_the_field(
    store: Store, change: dict[str, object], field_words: str
) -> None:
    with store.writer() as session:
        with pytest.raises(ValidationError, match=field_words):
            settings_service.save(session, Settings()._replace(**change))
        assert session.scalar(select(func.count()).select_from(Setting)) == 0


def test_a_damaged_stored_value_falls_back_to_its_default(store: Store) -> None:
    with store.writer() as session:
        session.add(Setting(key="weekly_hours", value="forty"))
        session.add(Setting(key="from_the_future", value="x"))
        session.commit()
        assert settings_service.load(session).weekly_hours == 40.0


def test_people_are_added_and_listed(store: Store) -> None:
    with store.writer() as session:
        people.add_person(session, "  Maya   Lindqvist ")
        people.add_person(session, "Tom")
    with store.session() as session:
        assert [p.name for p in people.list_people(session)] == ["Maya Lindqvist", "Tom"]


@pytest.mark.parametrize(("name", "message"), [("", "needs a name"), ("tom", "already")])
def test_a_blank_or_taken_name_is_refused(store: Store, name: str, message: str) -> None:
    with store.writer() as session:
        people.add_person(session, "Tom")
        with pytest.raises(ValidationError, match=message):
            people.add_person(session, name)
        assert session.scalar(select(func.count()).select_from(Person)) == 1


def test_first_run_stores_the_business_and_people_together(store: Store) -> None:
    answers = first_run.FirstRunAnswers(
        business_name="Riverside Bakery",
        people=("Maya", "Tom"),
        currency="SEK",
        marketing_share=0.3,
        weekly_hours=35,
    )
    with store.writer() as session:
        stored = first_run.complete(session, answers)
    with store.session() as session:
        assert first_run.is_set_up(session)
        assert settings_service.load(session) == stored
        assert [p.name for p in people.list_people(session)] == ["Maya", "Tom"]
    assert (stored.currency, stored.marketing_share, stored.weekly_hours) == ("SEK", 0.3, 35)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (first_run.FirstRunAnswers("Shop", ("", " ")), "at least one person"),
        (first_run.FirstRunAnswers("Shop", ("Ann", "ann")), "different names"),
        (first_run.FirstRunAnswers("Shop", ("Ann",), currency="E"), "Currency"),
        (first_run.FirstRunAnswers("Shop", ("Ann",), marketing_share=2), "marketing share"),
    ],
)
def test_bad_first_run_answers_store_nothing(
    store: Store, answers: first_run.FirstRunAnswers, message: str
) -> None:
    with store.writer() as session, pytest.raises(ValidationError, match=message):
        first_run.complete(session, answers)
    with store.session() as session:
        assert not first_run.is_set_up(session)
        assert session.scalar(select(func.count()).select_from(Person)) == 0


@pytest.mark.parametrize(
    ("env", "size"),
    [
        ({"LANG": "en_US.UTF-8"}, "Letter"),
        ({"LANG": "de_DE.UTF-8"}, "A4"),
        ({"LANG": "en_GB.UTF-8", "LC_PAPER": "en_CA.UTF-8"}, "Letter"),
        ({"LC_ALL": "fr_FR.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "A4"),  # LC_ALL wins
        ({"LANG": "C.UTF-8"}, "A4"),
        ({}, "A4"),
    ],
)
def test_the_page_size_defaults_to_the_locales_paper(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], size: str
) -> None:
    for variable in ("LC_ALL", "LC_PAPER", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    assert settings_service.default_page_size() == size
    assert Settings().page_size == size
