"""One week's marketing and sales hours over 200,000 entries, whole process, next to Watson
(`watson report`) and Timewarrior (`timew summary`, one call per side) on the same entries.

Those tools are installed for the benchmark only, never by the project:
    python3 -m venv /tmp/watson-venv && /tmp/watson-venv/bin/pip install td-watson
    apt-get install timewarrior
Set WATSON=/path/to/watson when it is not on PATH. Missing tools give a row saying so.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.model.store.sqlite_uri import file_uri
from bench.harness import Row, Size, demo_database, time_process

WEEK = "2026-W47"


def _entries(path: Path) -> list[tuple[datetime, datetime, str, str]]:
    connection = sqlite3.connect(file_uri(path, "ro"), uri=True)
    rows = connection.execute(
        "SELECT t.start, t.\"end\", t.side, coalesce(c.name, '') FROM time_entry t "
        'LEFT JOIN category c ON c.id = t.category_id WHERE t."end" IS NOT NULL'
    ).fetchall()
    connection.close()
    return [
        (
            datetime.fromisoformat(s).replace(tzinfo=UTC),
            datetime.fromisoformat(e).replace(tzinfo=UTC),
            side,
            category,
        )
        for s, e, side, category in rows
    ]


def _watson_dir(entries: list[tuple[datetime, datetime, str, str]], folder: Path) -> Path:
    home = folder / "watson"
    home.mkdir()
    frames = [
        [
            int(s.timestamp()),
            int(e.timestamp()),
            side,
            f"{n:032x}",
            [category] if category else [],
            int(e.timestamp()),
        ]
        for n, (s, e, side, category) in enumerate(entries)
    ]
    (home / "frames").write_text(json.dumps(frames))
    (home / "state").write_text("{}")
    return home


def _timew_dir(entries: list[tuple[datetime, datetime, str, str]], folder: Path) -> Path:
    home = folder / "timew"
    data = home / "data"
    data.mkdir(parents=True)
    (home / "timewarrior.cfg").write_text("verbose = off\n")
    months: dict[str, list[str]] = {}
    tags: set[str] = set()
    for start, end, side, category in entries:
        words = [side] + ([f'"{category}"'] if category else [])
        tags.update([side, category] if category else [side])
        months.setdefault(f"{start:%Y-%m}", []).append(
            f"inc {start:%Y%m%dT%H%M%SZ} - {end:%Y%m%dT%H%M%SZ} # {' '.join(words)}"
        )
    for month, lines in months.items():
        (data / f"{month}.data").write_text("\n".join(lines) + "\n")
    (data / "tags.data").write_text(json.dumps({t: {"count": 1} for t in tags if t}))
    return home


def rows(size: Size, runs: int) -> list[Row]:
    from app.model.weeks import parse_week

    path = demo_database(size)
    monday = parse_week(WEEK)
    sunday = monday + timedelta(days=6)
    hearth = [sys.executable, "-m", "app.cli.main", "--db", str(path), "status", "--week", WEEK]
    result = [
        Row(
            f"{WEEK} side totals, Hearth: hearth-cli status --week (whole process)",
            time_process(hearth, "", runs),
            target="fastest of the three",
        )
    ]
    result.append(
        Row(
            "Python itself: start, import sqlite3, exit (no Hearth code; the floor of any "
            "Python command line)",
            time_process([sys.executable, "-c", "import sqlite3"], "", runs),
            note="for scale next to Timewarrior (C++)",
        )
    )
    watson = os.environ.get("WATSON") or shutil.which("watson")
    timew = shutil.which("timew")
    if not (watson and timew):
        result.append(
            Row(
                "Watson / Timewarrior comparison",
                [0.0],
                note="not run: "
                + ", ".join(n for n, t in (("watson", watson), ("timew", timew)) if not t)
                + " not installed (see bench/time_compare.py)",
            )
        )
        return result
    folder = Path(tempfile.mkdtemp(prefix="hearth-bench-compare-"))
    entries = _entries(path)
    env = {
        "WATSON_DIR": str(_watson_dir(entries, folder)),
        "TIMEWARRIORDB": str(_timew_dir(entries, folder)),
    }
    watson_runs = time_process(
        [watson, "report", "--from", monday.isoformat(), "--to", sunday.isoformat()],
        "",
        max(1, runs // 2),
        env,
    )
    result.append(
        Row(
            f"{WEEK} side totals, Watson {_version(watson)}: watson report",
            watson_runs,
            note=f"{len(entries):,} frames",
        )
    )
    pair = []
    for _ in range(runs):
        total = 0.0
        for side in ("marketing", "sales"):
            total += time_process(
                [
                    timew,
                    "summary",
                    monday.isoformat(),
                    "-",
                    (sunday + timedelta(days=1)).isoformat(),
                    side,
                ],
                "",
                1,
                env,
            )[0]
        pair.append(total)
    result.append(
        Row(
            f"{WEEK} side totals, Timewarrior {_version(timew)}: timew summary "
            "(two calls, one per side)",
            pair,
            note=f"{len(entries):,} intervals",
        )
    )
    return result


def _version(tool: str) -> str:
    import subprocess

    try:
        out = subprocess.run([tool, "--version"], capture_output=True, text=True, timeout=30)
        return out.stdout.strip().split()[-1]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "?"
