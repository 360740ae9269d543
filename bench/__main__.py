"""`python -m bench [--quick] [--runs N] [--record] [--only WHICH]`: time Hearth on demo data.

Prints one table of medians. `--record` also writes it, with the machine, to
bench/RESULTS.md. `--quick` uses small databases (for trying the harness itself).
"""

from __future__ import annotations

import argparse
import sys

from bench import (
    blink,
    campaign_rows,
    harness,
    import_memory,
    leads,
    postgres_rows,
    review_rows,
    startup,
    time_compare,
    time_rows,
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small databases, fewer runs")
    parser.add_argument("--runs", type=int, default=None, help="runs per row (default 7)")
    parser.add_argument("--record", action="store_true", help="write bench/RESULTS.md")
    parser.add_argument(
        "--only",
        choices=["postgresql", "memory", "review", "blink"],
        help="only these rows (not recorded with --record, but blink); memory: the peak "
        "memory of importing 1,000,000 leads and 1,000,000 time entries (minutes); review: "
        "the weekly review's object, win rates, PDF file and page; blink: start-up, first "
        "shows and the quick commands next to their floors, and what is imported before the "
        "first paint and before the Dashboard's numbers (#19)",
    )
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 7)
    harness.compile_bytecode()
    size = (
        harness.Size(leads=2_000, weeks=26, time_entries=8_000)
        if args.quick
        else harness.Size(leads=50_000, weeks=156, time_entries=200_000)
    )
    if args.only == "memory":
        print(harness.table(import_memory.rows(20_000 if args.quick else 1_000_000)))
        return 0
    if args.only == "blink":
        text = _blink_text(size, runs)
        print(text)
        if args.record:
            from datetime import UTC, datetime

            when = datetime.now(UTC).strftime("%Y-%m-%d")
            harness.record_section(
                "Open in a blink (#19)",
                f"Measured {when} with `python -m bench --only blink --runs {runs}` on "
                f"{harness.machine()}.\n\n{text}",
            )
        return 0
    lead_size = (
        harness.Size(leads=5_000, weeks=52, time_entries=8_000)
        if args.quick
        else harness.Size(leads=100_000, weeks=156, time_entries=200_000)
    )
    if args.only == "postgresql":
        print(harness.table(postgres_rows.rows(lead_size, runs)))
        return 0
    if args.only == "review":
        print(harness.table(review_rows.rows(lead_size, runs)))
        return 0
    rows = startup.rows(size, runs)
    rows += leads.rows(lead_size, runs)
    rows += campaign_rows.rows(lead_size, runs)
    rows += review_rows.rows(lead_size, runs)
    rows += postgres_rows.rows(lead_size, runs)
    rows += time_rows.rows(size, runs)
    rows += time_compare.rows(size, runs)
    rows += import_memory.rows(20_000 if args.quick else 1_000_000)
    text = harness.table(rows) + "\n\n## Open in a blink (#19)\n\n" + _blink_text(size, runs)
    print(text)
    if args.record:
        harness.record(text, [size, lead_size])
    return 0


def _blink_text(size: harness.Size, runs: int) -> str:
    """#19's rows (each beside its floor) and what is imported before the first paint and
    before "ready" (python -X importtime, one run on the business-sized database)."""
    return (
        harness.table(blink.rows(size, runs))
        + "\n\n`python -X importtime -m app` on "
        + f"{blink.BUSINESS.label} (one run; cumulative times vary with the machine's load):\n\n"
        + blink.importtime_text(blink.BUSINESS)
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
