"""Start-up rows: the window against the bare-Qt floor, and opening a large database."""

from __future__ import annotations

import sys

from bench.harness import Row, Size, demo_database, time_in_process, time_process

FLOOR = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1180, 760)
window.show()
def shown():
    print("HEARTH_SHOWN", flush=True)
    app.exit(0)
QTimer.singleShot(0, shown)
app.exec()
"""


def rows(size: Size, runs: int) -> list[Row]:
    path = demo_database(size)
    app = [sys.executable, "-m", "app", "--db", str(path)]
    # Floor and Hearth alternate, so a busy moment of the machine hits both alike.
    floor_times: list[float] = []
    shown_times: list[float] = []
    for _ in range(max(runs, 15)):  # whole processes vary a lot here: more runs, steadier
        floor_times += time_process([sys.executable, "-c", FLOOR], "HEARTH_SHOWN", 1)
        shown_times += time_process(app, "HEARTH_SHOWN", 1, {"HEARTH_BENCH_EXIT": "shown"})
    floor = Row("start-up to a shown window: bare PySide6 QMainWindow (the floor)", floor_times)
    shown = Row(
        f"start-up to a shown window: Hearth, {size.label}", shown_times, target="≤ 1.5 × floor"
    )
    shown.note = f"{shown.median_ms / floor.median_ms:.2f} × floor"
    ready = Row(
        f"start-up until the database is open and pages filled, {size.label}",
        time_process(app, "HEARTH_READY", runs, {"HEARTH_BENCH_EXIT": "ready"}),
        note="window shown first; opening follows the first paint",
    )
    return [floor, shown, ready, _open_row(path, size, runs), *_cli_rows(path, runs)]


def _open_row(path: object, size: Size, runs: int) -> Row:
    from app.model.store import db
    from app.model.store import settings as settings_service

    def open_and_read() -> None:
        store = db.open_store(db.sqlite_location(path))  # type: ignore[arg-type]
        with store.session() as session:
            settings_service.load(session)
        store.close()

    return Row(
        f"open the database (at head) and read settings, {size.label}",
        time_in_process(open_and_read, runs),
        note="in-process, modules loaded",
    )


def _cli_rows(path: object, runs: int) -> list[Row]:
    cli = [sys.executable, "-m", "app.cli.main", "--db", str(path)]
    return [
        Row(
            "hearth-cli --version (whole process)",
            time_process([sys.executable, "-m", "app.cli.main", "--version"], "", runs),
        ),
        Row(
            "hearth-cli people (whole process, open + one query)",
            time_process([*cli, "people"], "", runs),
        ),
    ]
