"""The same data on SQLite and on PostgreSQL: the weekly review and the Leads page's first
rows, side by side; and the copy of the server's data the window keeps on this computer for
when the server cannot be reached. The server is the tests' throw-away one
(tests/pg_server.py: initdb and pg_ctl on loopback, fsync off); the demo database is copied
into it with move-to."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from typing import TYPE_CHECKING

from bench.harness import DEMO_NOW, Row, Size, demo_database
from bench.leads import open_leads_page
from bench.review_rows import WEEK

if TYPE_CHECKING:
    from app.model.store.db import Store


def rows(size: Size, runs: int) -> list[Row]:
    from PySide6.QtWidgets import QApplication

    from app.cli.share import review_shown
    from app.model.review.build import weekly_review
    from app.model.safety import move_to
    from app.model.store import db
    from app.model.store import settings as settings_service
    from tests import pg_server

    app = QApplication.instance() or QApplication([])
    with pg_server.running() as server:
        if server is None:
            print("no PostgreSQL binaries here: PostgreSQL rows left out", file=sys.stderr)
            return []
        sqlite = db.open_store(db.sqlite_location(demo_database(size)))
        postgres = db.open_store(db.Location(url=server.fresh_database(), path=None))
        print("copying the demo database to PostgreSQL (move-to)…", file=sys.stderr, flush=True)
        started = time.perf_counter()
        move_to.move(sqlite, postgres, week_view=review_shown, now=DEMO_NOW)
        copy_seconds = time.perf_counter() - started
        with sqlite.session() as session:
            settings = settings_service.load(session)

        def review(store: db.Store) -> None:
            with store.session() as session:
                weekly_review(session, WEEK, now=DEMO_NOW)

        def first_rows(store: db.Store) -> None:
            open_leads_page(app, store, settings)

        timings: dict[tuple[str, str], list[float]] = {}
        for name, action in (("review", review), ("leads", first_rows)):
            for store in (sqlite, postgres):
                action(store)  # warm-up
            for _ in range(runs):  # interleaved, so a busy moment hits both alike
                for label, store in (("SQLite", sqlite), ("PostgreSQL", postgres)):
                    begun = time.perf_counter()
                    action(store)
                    timings.setdefault((name, label), []).append(time.perf_counter() - begun)
        copies = _server_copy(postgres, runs=3)
        sqlite.close()
        postgres.close()
    names = {
        "review": (f"weekly review object {WEEK}", size.label),
        "leads": ("Leads page shows its first rows", f"{size.leads:,} leads"),
    }
    postgres_notes = {
        "review": f"copied by move-to in {copy_seconds:.0f} s",
        "leads": "the server on this computer (loopback)",
    }
    return [
        Row(
            f"{what} on {label}, {data}",
            timings[(name, label)],
            target="≤ 300 ms" if label == "SQLite" else "",
            note="same data" if label == "SQLite" else postgres_notes[name],
        )
        for name, (what, data) in names.items()
        for label in ("SQLite", "PostgreSQL")
    ] + [
        Row(
            f"copy of the server's data to this computer (for offline), {size.label}",
            copies,
            note="in a thread, at open and hourly",
        )
    ]


def _server_copy(store: Store, runs: int) -> list[float]:
    """server_copy.refresh, into a throw-away user data folder."""
    from app.model.safety import server_copy

    timings = []
    with tempfile.TemporaryDirectory() as home:
        before = os.environ.get("HEARTH_HOME")
        os.environ["HEARTH_HOME"] = home
        try:
            for _ in range(runs):
                begun = time.perf_counter()
                server_copy.refresh(store)
                timings.append(time.perf_counter() - begun)
        finally:
            if before is None:
                os.environ.pop("HEARTH_HOME")
            else:
                os.environ["HEARTH_HOME"] = before
    return timings
