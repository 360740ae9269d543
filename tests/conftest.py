"""Every test gets its own database file and user folders under tmp_path, offscreen Qt,
and a fixed time zone with daylight saving (Europe/Berlin)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["TZ"] = "Europe/Berlin"
time.tzset()

from app.model import db  # noqa: E402  (after the environment above)
from app.model.db import Store  # noqa: E402


@pytest.fixture(autouse=True)
def hermetic_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """User data, logs and window settings go to tmp_path; no database is picked by env."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HEARTH_HOME", str(home))
    monkeypatch.delenv("HEARTH_DB", raising=False)
    monkeypatch.delenv("HEARTH_DATABASE_URL", raising=False)
    monkeypatch.delenv("HEARTH_BENCH_EXIT", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = db.open_store(db.sqlite_location(db_path))
    yield opened
    opened.close()


@pytest.fixture
def set_up_store(store: Store) -> Store:
    """A store past the first-run questions, with one person."""
    from app.model import first_run

    with store.writer() as session:
        first_run.complete(
            session, first_run.FirstRunAnswers(business_name="Test Bakery", people=("Ann",))
        )
    return store
