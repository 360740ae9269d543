"""Start the window: `hearth [--db PATH]`, `python -m app`.

Only Qt and our light modules are imported before the window is on screen; the database is
opened right after the first paint.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from app.model.store.db import Location
    from app.ui.shell.main_window import MainWindow

_STARTED = time.perf_counter()

# Set by bench/ to time start-up: print when the window is shown ("shown") or when the
# Dashboard shows its real numbers ("ready": its first look, or the database open), then quit;
# "pages": after "ready" and the idle imports of the other pages (MainWindow.pages_warmed),
# show each other page for the first time, print how long each took, then quit.
BENCH_EXIT_ENV = "HEARTH_BENCH_EXIT"


USAGE = """usage: hearth [--db PATH] [--smoke] [--version]

Start the Hearth window. If Hearth is already open on the same database, that window is
brought to the front instead of a second one opening.

options:
  --db PATH   use the SQLite database file at PATH (or the database server at a URL)
  --smoke     check that Hearth starts: open the window on a temporary demo database,
              show every page, and exit (0 if all went well, 1 and the reason if not)
  --version   show the version and exit
  -h, --help  show this help and exit"""


@dataclass
class Arguments:
    db: str | None = None
    smoke: bool = False


def parse_args(argv: Sequence[str]) -> Arguments:
    """The window's options, read by hand: argparse costs ~10 ms before the first paint.
    Arguments it does not know are left for Qt (such as -platform)."""
    args = Arguments()
    items = list(argv)
    while items:
        item = items.pop(0)
        if item in ("-h", "--help"):
            print(USAGE)
            raise SystemExit(0)
        if item == "--version":
            from app.version import version

            print(f"Hearth {version()}")
            raise SystemExit(0)
        if item == "--smoke":
            args.smoke = True
            continue
        if item == "--db" or item.startswith("--db="):
            value = item.partition("=")[2] if "=" in item else (items.pop(0) if items else "")
            if not value:
                print(f"{USAGE}\nhearth: --db needs a PATH", file=sys.stderr)
                raise SystemExit(2)
            args.db = value
    return args


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(arguments)
    smoke_home = None
    if args.smoke:
        from app.ui.shell import smoke

        smoke_home, args.db = smoke.prepare()
    code = 1
    try:
        code = _run(args, arguments)
        return code
    finally:
        if smoke_home is not None:
            smoke.clean_up(smoke_home, passed=code == 0)


def _log_hand_over() -> None:
    import logging

    logging.getLogger(__name__).info("another start of Hearth handed over to this window")


def _run(args: Arguments, arguments: list[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.model.store import location as locate
    from app.ui.shell import theme
    from app.ui.shell.app_icon import app_icon
    from app.ui.shell.crash_guard import CrashGuard
    from app.ui.shell.single_instance import SingleInstance, instance_key

    app = QApplication.instance() or QApplication([sys.argv[0], *arguments])
    assert isinstance(app, QApplication)
    app.setApplicationName("Hearth")
    app.setOrganizationName("Hearth")
    app.setDesktopFileName("hearth")
    app.setWindowIcon(app_icon())

    instance = SingleInstance(instance_key(locate.identity(locate.choose(args.db))))
    if not instance.claim():
        print("Hearth is already open on this database; its window was brought to the front.")
        return 0

    from app.ui.shell.main_window import MainWindow

    theme.apply(app)
    window = MainWindow(db_path=args.db)
    instance.activation_requested.connect(window.bring_to_front)
    instance.activation_requested.connect(_log_hand_over)
    exit_code = 0

    if args.smoke:
        from app.ui.shell.smoke import SmokeRun

        run = SmokeRun(window, app)
        guard = CrashGuard(show=run.show_error, post=_on_main_thread(app))
    else:

        def show_error(summary: str, details: str) -> None:
            from app.ui.common.forms import run_modal
            from app.ui.shell.error_dialog import ErrorDialog

            run_modal(ErrorDialog(summary, details, window))

        def database_failed(message: str) -> None:
            nonlocal exit_code
            server = _server_of(window)
            if server is not None:  # away for a moment: try again, look at the copy, or stop
                if window.offline().server_away(message, server) != "close":
                    return
            else:
                QMessageBox.critical(window, "Hearth cannot open its data", message)
            exit_code = 1
            app.exit(1)

        # A server that stops answering while Hearth works: the same question as at start.
        guard = CrashGuard(show=show_error, post=_on_main_thread(app), server_away=database_failed)
        window.database_failed.connect(database_failed)
    guard.install()

    bench_exit = os.environ.get(BENCH_EXIT_ENV, "")

    def after_first_paint() -> None:
        if bench_exit:
            print(f"HEARTH_SHOWN {time.perf_counter() - _STARTED:.4f}", flush=True)
            if bench_exit == "shown":
                app.exit(0)
                return
        # The Dashboard's numbers read from the file alone come first (#19); they, or the
        # page's light stand-in, are drawn before the rest (SQLAlchemy, the database opened,
        # the checks) is imported.
        window.first_look()
        QTimer.singleShot(0, open_the_rest)

    def open_the_rest() -> None:
        if measured:  # HEARTH_BENCH_EXIT=ready: the numbers are timed, Hearth is ending
            return
        # What is not needed to draw the first window waits until it is drawn.
        from app import crash_log, logsetup

        logsetup.configure()
        previous_crash = crash_log.take_previous()
        crash_log.enable()
        instance.listen()
        if previous_crash is not None and not args.smoke:
            window.database_opened.connect(lambda: _offer_crash_log(window, *previous_crash))
        window.database_opened.connect(lambda: window.safety().start_checks())
        window.open_database()

    measured = False

    def ready() -> None:
        nonlocal measured
        if bench_exit == "ready":
            print(f"HEARTH_READY {time.perf_counter() - _STARTED:.4f}", flush=True)
            measured = True
            app.exit(0)
            return
        if bench_exit == "pages":
            print(f"HEARTH_READY {time.perf_counter() - _STARTED:.4f}", flush=True)
            window.pages_warmed.connect(lambda: _bench_pages(window, app))

    def opened() -> None:
        if not bench_exit:
            QTimer.singleShot(0, set_version)  # the package metadata (~15 ms) after the numbers

    def set_version() -> None:
        from app.version import version

        app.setApplicationVersion(version())

    window.numbers_shown.connect(ready)
    window.database_opened.connect(opened)
    window.show()
    QTimer.singleShot(0, after_first_paint)
    try:
        code = app.exec()
    finally:
        tear_down(window)
        guard.uninstall()
        instance.release()
        # The crash file stays armed until the process is gone: a fatal error while Qt and
        # Python clean up at exit is written there too.
    return exit_code or code


def _bench_pages(window: MainWindow, app: QApplication) -> None:
    """bench/: each page's first show (built, filled, drawn), and the Review page's whole PDF
    after its first page, each printed in seconds; then quit."""
    print(f"HEARTH_WARMED {time.perf_counter() - _STARTED:.4f}", flush=True)
    for index in range(1, len(window.pages)):
        started = time.perf_counter()
        window.show_page(index)
        app.processEvents()
        took = time.perf_counter() - started
        print(f"HEARTH_PAGE {index} {took:.4f} {window.pages[index].title}", flush=True)
        finish = getattr(window.pages[index], "finish_pdf", None)
        if finish is not None:  # the Review page: then its whole PDF
            finish()
            took = time.perf_counter() - started
            pages = window.pages[index].document.pageCount()  # type: ignore[attr-defined]
            print(f"HEARTH_WHOLE {index} {took:.4f} {pages}", flush=True)
    app.exit(0)


def tear_down(window: QWidget) -> None:
    """Delete the window and everything it owns while Qt and Python are both whole.

    Left to the end of the process, PySide deletes the widgets Python still holds in no
    particular order, after some of their owners are gone, and a widget kept alive by a
    connection (a dialog's lambda) crashes Qt there. Here the window goes first, taking its
    children with it, then any stray top-level widget."""
    import shiboken6
    from PySide6.QtWidgets import QApplication

    window.hide()
    shiboken6.delete(window)
    for widget in QApplication.topLevelWidgets():
        if shiboken6.isValid(widget) and widget.parent() is None:
            shiboken6.delete(widget)


def _server_of(window: MainWindow) -> Location | None:
    """The database server the window is set to use; None when it uses a file."""
    from app.model.errors import HearthError
    from app.model.store.db import resolve_location

    try:
        location = resolve_location(window.connection.db_path)
    except HearthError:
        return None
    return None if location.is_sqlite else location


def _on_main_thread(app: object) -> Callable[[Callable[[], None]], None]:
    """A way for a worker thread to run something on the main thread (a queued signal)."""
    from PySide6.QtCore import QObject, Signal

    class Poster(QObject):
        posted = Signal(object)

    poster = Poster()
    poster.posted.connect(lambda call: call())
    poster.setParent(app)  # type: ignore[arg-type]
    return poster.posted.emit


def _offer_crash_log(window: QWidget, text: str, kept: object) -> None:
    """The last run died (a fatal error in Qt or Python): show what it left, once."""
    from app.ui.shell.error_dialog import ErrorDialog

    dialog = ErrorDialog(
        f"Hearth stopped unexpectedly the last time it ran. What it wrote as it stopped is "
        f"below and kept in {kept}.",
        text,
        window,
    )
    dialog.setObjectName("previousCrash")
    dialog.open()
