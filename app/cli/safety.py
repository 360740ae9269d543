"""hearth-cli backup / restore / check: the database's safety, from a terminal.

These work on the file itself (SQLite's backup API and checks), so `check` and `restore` also
work on a database too damaged to open.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = commands.add_parser(
        "backup",
        help="back up the database (checked, written under a temporary name, then renamed)",
        description="Copy the database with SQLite's online backup API — safe while Hearth "
        "is open — check the copy, and print where it is. Without -o it goes into the "
        "backups folder beside your data, named after the database and the time.",
    )
    backup.add_argument(
        "-o",
        "--output",
        metavar="FILE|FOLDER",
        help="write the backup to FILE (through a link, to the file it leads to; to a "
        "terminal, a pipe or an open file such as /dev/stdout, as it is), or into FOLDER "
        "under the name it would have in the backups folder",
    )
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser(
        "restore",
        help="restore the database from a backup (the current one is kept aside)",
        description="Check FILE, keep the current database aside (a copy in the backups "
        "folder, or, if it is damaged, the file itself renamed to …-TIME-damaged.db), "
        "then put the backup in its place. Close the Hearth window first: no other program "
        "may use the database meanwhile (one that writes waits), and if one has it open, "
        "restore says so and changes nothing; so it does on a full disk, and for a file that "
        "is not Hearth's.",
    )
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    restore.set_defaults(handler=cmd_restore)

    check = commands.add_parser(
        "check",
        help="check the database for damage (exit 1 if there is any)",
        description="Run SQLite's integrity check and foreign-key check on the database, "
        "read-only, and report what they find.",
    )
    check.set_defaults(handler=cmd_check)


def database_file(args: argparse.Namespace) -> Path:
    from app.model.errors import HearthError
    from app.model.store.db import resolve_location

    location = resolve_location(args.db)
    if location.path is None:
        raise HearthError(
            f"{location.describe()} is a database server; back it up with the server's own "
            "tools (pg_dump), as the README describes."
        )
    return location.path


def cmd_backup(args: argparse.Namespace) -> int:
    from app.model.errors import HearthError
    from app.model.safety import backup
    from app.model.safety.atomic_file import streams

    database = database_file(args)
    if not database.is_file():
        raise HearthError(f"There is no database at {database} to back up.")
    output = Path(args.output).expanduser().absolute() if args.output else None
    if output is not None and output.is_dir() and not streams(output):
        made = backup.take_backup(database, "manual", folder=output)
    elif output is not None:
        made = backup.backup_sqlite(database, output)
    else:
        made = backup.take_backup(database, "manual")
    if streams(made):  # -o /dev/stdout: the backup is what goes there, this sentence is not
        print(f"Backed up {database} to {made} (checked).", file=sys.stderr)
        return 0
    size = made.stat().st_size
    print(f"Backed up {database} to {made} ({size / 1_000_000:.1f} MB, checked).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.model.safety import restore
    from app.model.store.db import open_store, sqlite_location

    database = database_file(args)
    restored = restore.restore(Path(args.file).expanduser().absolute(), database)
    store = open_store(sqlite_location(database))  # brings an older backup up to date
    store.close()
    print(f"Restored {database} from {args.file}.")
    if restored.kept_aside is not None:
        print(f"The database as it was is kept at {restored.kept_aside}.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from app.model.safety.check import check_file

    report = check_file(database_file(args))
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1
