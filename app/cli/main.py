"""hearth-cli: Hearth from a terminal. No Qt; each command imports only what it needs.

Exit codes: 0 success, 1 bad input or a failed operation, 2 usage.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, cast

if TYPE_CHECKING:
    from app.model.store.db import Store


class _Parser(argparse.ArgumentParser):
    """argparse's parser, with the terminal's width asked once: its help formatter, made
    for every argument added, would otherwise import shutil and ask the terminal each time
    (~5 ms of `hearth-cli status`, whose budget is twice Python's start). Subparsers are
    made of the same class."""

    def _get_formatter(self) -> argparse.HelpFormatter:
        formatter: Any = self.formatter_class
        made: argparse.HelpFormatter = formatter(prog=self.prog, width=_help_width())
        return made


@functools.cache
def _help_width() -> int:
    """As argparse's own: shutil.get_terminal_size's columns (COLUMNS, else the terminal of
    standard output, else 80) less 2; asked once."""
    columns = 0
    with contextlib.suppress(ValueError):
        columns = int(os.environ.get("COLUMNS", "0"))
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


class _VersionAction(argparse.Action):
    """--version, reading the package metadata only when asked (~30 ms to import)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kw: object) -> None:
        from app.version import version

        print(f"hearth-cli {version()}")
        parser.exit()


# The commands each of app/cli's modules adds, and main's own, so that a command's parser is
# built alone (`build_parser(only=...)`): building all of them costs more than a quick command
# such as `status` does (#19). tests/cli/test_cli_imports.py keeps this list true.
MODULE_COMMANDS = {
    "transfer": ("import", "export"),
    "time": ("start", "stop", "status", "log"),
    "review": ("summary", "report"),
    "goals": ("goal",),
    "safety": ("backup", "restore", "check"),
    "share": ("move-to",),
    "desktop": ("install-desktop", "uninstall-desktop"),
}
OWN_COMMANDS = ("init", "people", "demo")
# Commands that only read: logging is set up for them only if they fail.
READING_COMMANDS = ("status", "summary")


def command_in(argv: Sequence[str]) -> str | None:
    """The command `argv` names (the first word that is no option nor --db's value), or None
    when there is none, it is unknown, or help or the version is asked for before it."""
    items = iter(argv)
    for item in items:
        if item in ("-h", "--help", "--version"):
            return None
        if item == "--db":
            next(items, None)
            continue
        if item.startswith("-"):
            continue
        known = item in OWN_COMMANDS or any(item in c for c in MODULE_COMMANDS.values())
        return item if known else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """hearth-cli's parser: every command, or (`only`) the one command that will run."""
    parser = _Parser(
        prog="hearth-cli",
        description="Hearth from the terminal: your marketing and sales week, offline.",
        epilog="The database is chosen by --db, else HEARTH_DATABASE_URL (any SQLAlchemy URL), "
        "else HEARTH_DB, else the server saved in the window's File → Database…, else "
        "hearth.db in your user data folder.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, nargs=0, help="show the version and exit"
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="use the SQLite database file at PATH, or the database server at URL",
    )
    commands = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND"),
    )

    if only in (None, "init"):
        init = commands.add_parser(
            "init", help="create or upgrade the database and say where it is"
        )
        init.set_defaults(handler=cmd_init)

    if only in (None, "people"):
        people = commands.add_parser("people", help="list the people who use Hearth, or add one")
        people_actions = people.add_subparsers(dest="people_action", metavar="ACTION")
        add = people_actions.add_parser("add", help="add a person")
        add.add_argument("name", help="the person's name")
        people.set_defaults(handler=cmd_people)

    if only in (None, "demo"):
        _add_demo(commands)

    import importlib

    for name, names in MODULE_COMMANDS.items():
        if only is not None and only not in names:
            continue
        module = importlib.import_module(f"app.cli.{name}")
        if name == "time":  # status: its own parser alone (#19)
            module.add_commands(commands, open_store, only=only)
        elif name in ("transfer", "review", "goals"):  # these open the database
            module.add_commands(commands, open_store)
        else:
            module.add_commands(commands)

    return parser


def _add_demo(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = commands.add_parser(
        "demo",
        help="fill an empty database with realistic demo data",
        description="Fill an empty database with a realistic history: two people, campaigns, "
        "leads moving through temperatures with touchpoints, and time entries.",
    )
    demo.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    demo.add_argument("--leads", type=_count, default=500, help="number of leads (default 500)")
    demo.add_argument(
        "--weeks", type=_positive, default=26, help="weeks of history up to this week (default 26)"
    )
    demo.add_argument(
        "--time-entries",
        type=_count,
        default=None,
        metavar="N",
        help="number of time entries (default: about six a workday per person)",
    )
    demo.set_defaults(handler=cmd_demo)


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def open_store(args: argparse.Namespace) -> Store:
    from app.cli.place import warn_of_place
    from app.model.store.db import open_store as open_database
    from app.model.store.db import resolve_location

    store = open_database(resolve_location(args.db))
    warn_of_place(store.location.path)
    return store


def cmd_init(args: argparse.Namespace) -> int:
    from app.model.store.schema import HEAD

    store = open_store(args)
    print(f"Database ready at {store.location.describe()} (schema {HEAD}).")
    if store.upgrade is not None:
        kept = f"; the file as it was is in {store.upgrade.backup}" if store.upgrade.backup else ""
        print(f"Upgraded it from schema {store.upgrade.from_revision}{kept}.")
    store.close()
    return 0


def cmd_people(args: argparse.Namespace) -> int:
    from app.model import people

    store = open_store(args)
    try:
        with store.writer() as session:
            if args.people_action == "add":
                person = people.add_person(session, args.name)
                print(f"Added {person.name}.")
                return 0
            everyone = people.list_people(session, include_inactive=True)
    finally:
        store.close()  # an open connection would keep a restore out
    if not everyone:
        print("No people yet. Start the app to set up Hearth, or run: hearth-cli people add NAME")
    for person in everyone:
        print(f"{person.id:>4}  {person.name}{'' if person.active else '  (inactive)'}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app.model.demo import business as demo

    store = open_store(args)
    with store.writer() as session:
        summary = demo.fill(
            session,
            seed=args.seed,
            leads=args.leads,
            weeks=args.weeks,
            time_entries=args.time_entries,
            progress=lambda step: print(f"… {step}", file=sys.stderr),
        )
    print(
        f"Demo data in {store.location.describe()}: {summary.people} people, "
        f"{summary.campaigns} campaigns, {summary.leads} leads, {summary.touchpoints} "
        f"touchpoints, {summary.deals} deals, {summary.time_entries} time entries, "
        f"{summary.start} to {summary.end}."
    )
    store.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli.visible import VisibleStream

    arguments = list(sys.argv[1:] if argv is None else argv)
    streams = sys.stdout, sys.stderr
    # Text is shown, never obeyed: an ESC in a lead's name, a note, a file's name or an
    # argument does not drive the terminal (files written to /dev/stdout are not this stream).
    sys.stdout, sys.stderr = VisibleStream(sys.stdout), VisibleStream(sys.stderr)
    try:
        parser = build_parser(only=command_in(arguments))
        args = parser.parse_args(arguments)
        handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
        if handler is None:
            build_parser().print_help(sys.stderr)
            return 2
        if args.command not in READING_COMMANDS:  # a reading command sets it up if it fails
            _log_to_file()
        return _run(handler, args)
    finally:
        sys.stdout, sys.stderr = streams


def _run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    from app.model.errors import HearthError

    try:
        code = handler(args)
        sys.stdout.flush()  # an output that cannot be written fails here, not at exit
        return code
    except HearthError as exc:
        if isinstance(exc.__context__, BrokenPipeError):  # an export to `| head`
            return _reader_went_away()
        print(f"hearth-cli: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("hearth-cli: interrupted; nothing half-written was kept.", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return _reader_went_away()
    except Exception as exc:
        from app.logsetup import hide_parameters
        from app.model.safety.storage_errors import sentence_for

        hide_parameters(exc)  # the log keeps the statement, never the rows' values
        _log_to_file()
        import logging

        logging.getLogger("app.cli.main").exception("hearth-cli %s failed", args.command)
        if _output_failed(exc):
            why = exc.strerror if isinstance(exc, OSError) else exc
            if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
                why = f"the disk it goes to is full ({why})"
            print(f"hearth-cli: The output could not be written: {why}.", file=sys.stderr)
            _stdout_to_nothing()
            return 1
        storage = sentence_for(exc, _where(args))
        if storage is not None:
            print(f"hearth-cli: {storage}", file=sys.stderr)
            return 1
        _fail_internal(exc)


def _log_to_file() -> None:
    """Send log records to Hearth's log file (logging.handlers: imported only here)."""
    from app import logsetup

    logsetup.configure()


SIGPIPE_EXIT = 141  # what a shell reports for a command whose reader stopped reading


def _reader_went_away() -> int:
    """`hearth-cli summary --json | head`: the reader has what it wanted. Say nothing, and
    point stdout at nothing so the interpreter's last flush does not complain either."""
    _stdout_to_nothing()
    return SIGPIPE_EXIT


def _output_failed(exc: Exception) -> bool:
    """Was it the command's output that could not be written (`summary > /dev/full`), not a
    file or the database? Such an error names no file and comes from a line of hearth-cli's
    own (a print): the model's files are named in their errors."""
    if not isinstance(exc, OSError) or exc.filename is not None or exc.__traceback__ is None:
        return False
    last = exc.__traceback__
    while last.tb_next is not None:
        last = last.tb_next
    return os.path.dirname(last.tb_frame.f_code.co_filename) == os.path.dirname(__file__)


def _stdout_to_nothing() -> None:
    """Point stdout at nothing, so the interpreter's last flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is no file (a test's capture): nothing to flush
        pass


def _where(args: argparse.Namespace) -> str:
    """The database the command was given, for a sentence (its path, or the server)."""
    try:
        from app.model.store.db import resolve_location

        return resolve_location(args.db).describe()
    except Exception:
        return "The database"


def _fail_internal(exc: Exception) -> NoReturn:
    from app.logsetup import log_file, short_reason

    print(
        f"hearth-cli: something went wrong inside Hearth ({short_reason(exc)}); "
        f"details are in {log_file()}.",
        file=sys.stderr,
    )
    raise SystemExit(1)


if __name__ == "__main__":
    sys.exit(main())
