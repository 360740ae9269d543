"""hearth-cli import / export: the argparse side of the importers and exporters."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.model.io import exports

if TYPE_CHECKING:
    from app.model.io.import_report import ImportReport
    from app.model.store.db import Store

IMPORT_KINDS = {
    "leads": "leads from CSV (columns: name, company, email, phone, temperature, status, "
    "source, value, owner, created_at, closed_at, lost_reason, next_action, "
    "next_action_due, tags, notes)",
    "touchpoints": "touchpoints from CSV (columns: lead, kind, side, at, person, note, "
    "temperature)",
    "vcard": "contacts from a vCard file (.vcf) as cold leads",
    "time": "time entries from CSV (columns: person, side, category, start, end or minutes, "
    "note, lead, campaign)",
    "toggl": "time from a Toggl Track detailed CSV export (projects/tags mapped with --map)",
    "clockify": "time from a Clockify detailed CSV export (projects/tags mapped with --map)",
    "watson": "time from a Watson frames file (JSON; projects/tags mapped with --map)",
    "campaigns": "campaigns from CSV (columns: name, channel, start, end, cost, notes)",
    "moves": "leads' temperature and status changes from CSV, after the leads (columns: "
    "lead, change, at, from, to, person, reason)",
    "deals": "deals, first and repeat, from CSV, after the leads' moves (columns: lead, at, "
    "value, person, note)",
}
TOOL_KINDS = ("toggl", "clockify", "watson")
NUMBER_KINDS = ("leads", "time", "campaigns")  # CSV files with numbers: value, minutes, cost


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    open_store: Callable[[argparse.Namespace], Store],
) -> None:
    importer = commands.add_parser(
        "import",
        help="import leads, touchpoints, contacts, time, campaigns, moves or deals from a file",
        description="Import a file in one transaction: if any row is invalid, nothing is "
        "imported and every bad row is listed as FILE:LINE: reason. To fill an empty "
        "database from a full export, import campaigns, leads, moves, deals, touchpoints, "
        "then time.",
    )
    kinds = importer.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, text in IMPORT_KINDS.items():
        sub = kinds.add_parser(kind, help=text, description=f"Import {text}.")
        sub.add_argument("file", type=Path, help="the file to import")
        sub.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        if kind in TOOL_KINDS:
            sub.add_argument(
                "--map",
                type=Path,
                metavar="FILE",
                dest="map_file",
                help="lines 'project or tag = side, category'; without it, projects named "
                "like a category or a side map to it",
            )
        if kind != "vcard":
            sub.add_argument(
                "--skip-invalid",
                action="store_true",
                help="import the valid rows and list the invalid ones",
            )
            sub.add_argument(
                "--delimiter",
                choices=[",", ";", "tab"],
                help="the column separator (default: read from the header line)",
            )
            sub.add_argument(
                "--date-order",
                choices=["DMY", "MDY"],
                help="how dates like 03/04/2026 are read (default: from the "
                "locale; ISO dates like 2026-04-03 always work)",
            )
        if kind in NUMBER_KINDS:
            sub.add_argument(
                "--decimal",
                choices=[",", "."],
                metavar="{,|.}",
                help="the decimal mark of the file's numbers, so 1.500 is 1500 or 1.5 "
                "(default: the first number that can only be read one way, like 1.234,56 "
                "or 1,5; else the locale's)",
            )
        sub.set_defaults(handler=lambda args: cmd_import(args, open_store))

    exporter = commands.add_parser(
        "export",
        help="export leads, touchpoints, time, campaigns, moves or deals to a CSV file",
        description="Export to CSV. A full export (leads with --include-archived, and every "
        "other kind), imported into an empty database in the order 'hearth-cli import "
        "--help' gives, exports again as the same files and (with the same settings) "
        "gives the same weekly reviews.",
    )
    kinds = exporter.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, text in ((k.key, k.about) for k in exports.KINDS):
        sub = kinds.add_parser(
            kind,
            help=text,
            description=f"Export {text}; the file can be "
            "imported again. Cells that a spreadsheet would run as a "
            "formula are written as text.",
        )
        sub.add_argument("file", type=Path, help="the CSV file to write")
        if kind == "leads":
            sub.add_argument(
                "--include-archived", action="store_true", help="also export archived leads"
            )
        sub.set_defaults(handler=lambda args: cmd_export(args, open_store))


def _print_report(report: ImportReport, noun: str) -> None:
    for line in report.warnings:
        print(f"warning: {line}", file=sys.stderr)
    for line in report.notes:
        print(line, file=sys.stderr)
    for problem in report.skipped:
        print(f"skipped: {problem.format(report.path)}", file=sys.stderr)
    for name in report.new_campaigns:
        print(f"new campaign: {name}", file=sys.stderr)
    for name in report.new_people:
        print(f"new person: {name}", file=sys.stderr)
    print(report.summary(noun))


def cmd_import(
    args: argparse.Namespace,
    open_store: Callable[[argparse.Namespace], Store],
) -> int:
    from app.model.io.csv_reader import ImportRejectedError

    store = open_store(args)
    try:
        with store.importer() as session:
            if args.kind == "vcard":
                from app.model.io.vcard import import_vcards

                report = import_vcards(session, args.file, dry_run=args.dry_run)
                noun = "lead"
            else:
                options = {
                    "skip_invalid": args.skip_invalid,
                    "dry_run": args.dry_run,
                    "delimiter": "\t" if args.delimiter == "tab" else args.delimiter,
                    "date_order": args.date_order,
                }
                if args.kind in NUMBER_KINDS:
                    options["decimal"] = args.decimal
                if args.kind == "leads":
                    from app.model.io.leads import import_leads

                    report, noun = import_leads(session, args.file, **options), "lead"
                elif args.kind == "time":
                    from app.model.io.time import import_time

                    report, noun = import_time(session, args.file, **options), "time entry"
                elif args.kind == "campaigns":
                    from app.model.io.campaigns import import_campaigns

                    report, noun = import_campaigns(session, args.file, **options), "campaign"
                elif args.kind == "moves":
                    from app.model.io.moves import import_moves

                    report, noun = import_moves(session, args.file, **options), "move"
                elif args.kind == "deals":
                    from app.model.io.deals import import_deals

                    report, noun = import_deals(session, args.file, **options), "deal"
                elif args.kind in TOOL_KINDS:
                    from app.model.io.tools import import_frames

                    del options["delimiter"]
                    report = import_frames(
                        session, args.file, args.kind, map_file=args.map_file, **options
                    )
                    noun = "time entry"
                else:
                    from app.model.io.touchpoints import import_touchpoints

                    report = import_touchpoints(session, args.file, **options)
                    noun = "touchpoint"
    except ImportRejectedError as exc:
        for problem in exc.problems:
            print(problem.format(exc.path), file=sys.stderr)
        count = len(exc.problems)
        print(
            f"hearth-cli: nothing was imported: {count} problem{'s' * (count != 1)} in {exc.path}.",
            file=sys.stderr,
        )
        return 1
    finally:
        store.close()
    _print_report(report, noun)
    return 0


def cmd_export(
    args: argparse.Namespace,
    open_store: Callable[[argparse.Namespace], Store],
) -> int:
    from app.model.safety.atomic_file import streams

    store = open_store(args)
    try:
        with store.session() as session:
            rows = exports.export(
                session,
                args.kind,
                args.file,
                include_archived=getattr(args, "include_archived", False),
            )
    finally:
        store.close()
    said = sys.stderr if streams(args.file) else sys.stdout  # the CSV alone to /dev/stdout
    print(exports.wrote(args.kind, rows, args.file), file=said)
    return 0
