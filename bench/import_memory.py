"""Peak memory of big imports: 1,000,000 leads and 1,000,000 time entries from CSV.

Each import runs as its own `hearth-cli import` process into an empty database file, and the
row is that process's peak resident memory (its `ru_maxrss`, from `os.wait4`), with the time
it took in the note. The files are made here, the same for every run (seeded): leads like a
CRM export (about 126 bytes a row), time entries back to back for two people.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench.harness import ROOT, Row

FIRST = ("Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo", "Ida", "Jonas")
LAST = ("Müller", "Schmidt", "Novak", "García", "Rossi", "Dubois", "Larsen", "Kowalski")
WORDS = ("Bakery", "Studio", "Consulting", "Garden", "Print", "Design", "Cycles", "Books")
CAMPAIGNS = ("Newsletter", "Spring fair", "Search ads", "Referral", "")
TAGS = ("", "", "vip", "newsletter;local", "partner")


def leads_csv(path: Path, rows: int, seed: int = 1) -> int:
    """A leads CSV of `rows` rows; its size in bytes."""
    pick = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("name,company,email,phone,temperature,source,value,created_at,tags,notes\n")
        for number in range(rows):
            first, last = pick.choice(FIRST), pick.choice(LAST)
            out.write(
                f"{first} {last},{last} {pick.choice(WORDS)},"
                f"{first.lower()}.{number}@example.com,+49 30 {pick.randrange(10**6, 10**7)},"
                f"{pick.choice(('cold', 'warm', 'hot'))},{pick.choice(CAMPAIGNS)},"
                f"{pick.randrange(100, 20_000)}.{pick.randrange(100):02d},"
                f"2025-{pick.randrange(1, 13):02d}-{pick.randrange(1, 29):02d},"
                f"{pick.choice(TAGS)},met at the fair; call back\n"
            )
    return path.stat().st_size


def time_csv(path: Path, rows: int) -> int:
    """A time CSV of `rows` entries, 20 minutes each, back to back, two people; its size."""
    start = datetime(2000, 1, 3, 8, 0)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("person,side,category,start,end,note\n")
        for number in range(rows):
            person, slot = ("Ann", "Bo")[number % 2], number // 2
            begin = start + timedelta(minutes=20 * slot)
            end = begin + timedelta(minutes=20)
            side = "marketing" if slot % 3 else "sales"
            out.write(f"{person},{side},,{begin:%Y-%m-%d %H:%M},{end:%Y-%m-%d %H:%M},call {slot}\n")
    return path.stat().st_size


def peak_of_import(kind: str, source: Path, database: Path) -> tuple[int, float]:
    """Peak resident memory (bytes) and seconds of one `hearth-cli import KIND FILE`."""
    argv = [
        sys.executable,
        "-m",
        "app.cli.main",
        "--db",
        str(database),
        "import",
        kind,
        str(source),
    ]
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        child = subprocess.Popen(argv, cwd=ROOT, stdout=output, stderr=output)
        # wait4, not wait: the child's own resource usage, peak memory included.
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            output.seek(0)
            said = output.read().decode(errors="replace").strip()[-2000:]
            raise RuntimeError(f"{argv} failed ({child.returncode}): {said}")
    return usage.ru_maxrss * 1024, seconds


def rows(count: int) -> list[Row]:
    """One import of each kind (a run takes minutes at 1,000,000 rows); the files and the
    databases (most of a gigabyte) are deleted afterwards."""
    result = []
    with tempfile.TemporaryDirectory(prefix="hearth-bench-memory-") as name:
        folder = Path(name)
        for kind, make, noun in (
            ("leads", leads_csv, "leads"),
            ("time", time_csv, "time entries"),
        ):
            source = folder / f"{kind}.csv"
            size = make(source, count)
            print(
                f"importing {count:,} {noun} ({size / 2**20:.0f} MB)…", file=sys.stderr, flush=True
            )
            peak, seconds = peak_of_import(kind, source, folder / f"{kind}.db")
            result.append(
                Row(
                    f"peak memory of hearth-cli import {kind}, {count:,} {noun} "
                    f"({size / 2**20:.0f} MB file) into an empty database",
                    [peak / 2**20],
                    target="≤ 1 GB" if kind == "leads" else "",
                    note=f"whole process, {seconds:,.0f} s; all-or-nothing, one transaction",
                    unit="MB",
                )
            )
    return result
