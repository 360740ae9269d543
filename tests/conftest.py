"""Every test gets its own database file and user folders under tmp_path, offscreen Qt,
and a fixed time zone with daylight saving (Europe/Berlin)."""

from __future__ import annotations

import inspect
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["TZ"] = "Europe/Berlin"
time.tzset()

from app.model.safety.private_files import FILE_MODE  # noqa: E402  (after the environment above)
from app.model.store import db  # noqa: E402
from app.model.store.db import Store  # noqa: E402
from tests import pg_server as pg_server_module  # noqa: E402


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


# The model, importer, review and command-line tests run against SQLite and against a real
# PostgreSQL server (tests/pg_server.py); a test that reads the SQLite file itself (it asks for
# `db_path`) or is marked sqlite_only runs on SQLite alone.
BOTH_BACKENDS = (
    "tests/model/",
    "tests/report/",
    "tests/ui/review/test_use_split.py::test_the_split_and_its_undo_through_the_access",
    "tests/cli/test_goals.py",
    "tests/cli/test_main.py",
    "tests/cli/test_review.py",
    "tests/cli/test_time.py",
    "tests/cli/test_timers.py",
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    own_arguments = inspect.signature(metafunc.function).parameters
    where = metafunc.definition.nodeid
    both = (
        where.startswith(BOTH_BACKENDS)
        and "db_path" not in own_arguments
        and metafunc.definition.get_closest_marker("sqlite_only") is None
    )
    backends = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
    metafunc.parametrize("backend", backends if both else ["sqlite"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg_server_module.Server]:
    with pg_server_module.running() as server:
        if server is None:
            message = "no PostgreSQL server binaries here (Debian: apt-get install postgresql)"
            if os.environ.get("CI"):
                pytest.fail(f"{message}; .ci/run should have installed them")
            pytest.skip(message)
        db.open_store(db.Location(url=server.url(pg_server_module.TEMPLATE), path=None)).close()
        yield server


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once for the session; each test's store starts as a copy of it
    (as each PostgreSQL test's database is a copy of the migrated template), instead of running
    every migration again (a quarter of a second, for most of the suite's tests)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    db.open_store(db.sqlite_location(path)).close()
    return path


@pytest.fixture
def store(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        shutil.copyfile(template, db_path)
        os.chmod(db_path, FILE_MODE)
        opened = db.open_store(db.sqlite_location(db_path))
        yield opened
        opened.close()
        return
    server: pg_server_module.Server = request.getfixturevalue("pg_server")
    url = server.fresh_database()
    opened = db.open_store(db.Location(url=url, path=None))
    yield opened
    opened.close()
    server.drop(url)


@pytest.fixture
def cli_database(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """What a command-line test gives to --db: a new file's path, or a new, empty database on
    the test server (the command creates Hearth's tables in it, as on a real first use)."""
    if backend == "sqlite":
        yield str(tmp_path / "cli.db")
        return
    server: pg_server_module.Server = request.getfixturevalue("pg_server")
    url = server.fresh_database(migrated=False)
    yield url
    server.drop(url)


@pytest.fixture
def set_up_store(store: Store) -> Store:
    """A store past the first-run questions, with one person."""
    from app.model import first_run

    with store.writer() as session:
        first_run.complete(
            session, first_run.FirstRunAnswers(business_name="Test Bakery", people=("Ann",))
        )
    return store


@pytest.fixture(scope="session")
def history_template(
    pg_server: pg_server_module.Server, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """The name of a database on the test server holding a whole demo history (moved there
    from a file, rows in every table), made once: each test that asks for history_on_server
    gets a copy of it."""
    from app.cli.share import review_shown
    from app.model.safety.move_to import move
    from tests.model.safety.helpers import NOW, full_database

    url = pg_server.fresh_database()
    history = full_database(tmp_path_factory.mktemp("history") / "history.db")
    here = db.open_store(db.sqlite_location(history))
    there = db.open_store(db.Location(url=url, path=None))
    try:
        move(here, there, week_view=review_shown, now=NOW)
    finally:
        here.close()
        there.close()
    return url.rsplit("/", 1)[1]


@pytest.fixture
def history_on_server(pg_server: pg_server_module.Server, history_template: str) -> Iterator[str]:
    """A database on the test server holding a whole demo history, new for this test; its URL."""
    url = pg_server.fresh_database(copy_of=history_template)
    yield url
    pg_server.drop(url)
