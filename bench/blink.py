"""Open in a blink (#19): each row next to its floor, measured in the same run.

- Start to the Dashboard's real numbers (`HEARTH_BENCH_EXIT=ready`) against a bare PySide6
  window (the floor), the two alternating run by run, on a business-sized database (3,000
  leads, two years: `hearth-cli demo --leads 3000 --weeks 104`) and on the 50,000-lead one.
- The first show of each other page, and the Review page's first look (its PDF's first page)
  and whole PDF, from a process started with `HEARTH_BENCH_EXIT=pages`: once the Dashboard
  shows its numbers the window imports the other pages' modules while idle (about a second,
  `MainWindow.pages_warmed`), as it does for a user looking at the Dashboard first.
- `hearth-cli status --week` and `summary --json` on 200,000 time entries against Python's
  own start with `import sqlite3`, alternating.
- The peak memory of the window at "ready" on the 50,000-lead database (`ru_maxrss`).
- `python -X importtime` before the first paint and before "ready" (`importtime_text`),
  recorded in RESULTS.md so that an import added later shows up.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.harness import ROOT, Row, Size, demo_database
from bench.startup import FLOOR

# `hearth-cli demo --leads 3000 --weeks 104` makes 6,240 time entries (seed 1).
BUSINESS = Size(leads=3_000, weeks=104, time_entries=6_240)
WEEK = "2026-W47"  # the demo's last full week (bench/harness.py's DEMO_NOW)
PYTHON_FLOOR = [sys.executable, "-c", "import sqlite3"]


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    home = Path(tempfile.gettempdir()) / "hearth-bench-home"  # not the user's own settings
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HEARTH_HOME": str(home),
        **(extra or {}),
    }


def _lines(argv: Sequence[str], env: dict[str, str], until: str = "") -> tuple[float, list[str]]:
    """Seconds from spawn until a line starting with `until` (or the end), and every line."""
    started = time.perf_counter()
    child = subprocess.Popen(
        list(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    assert child.stdout is not None
    lines: list[str] = []
    elapsed = None
    for line in child.stdout:
        lines.append(line.rstrip("\n"))
        if until and elapsed is None and line.startswith(until):
            elapsed = time.perf_counter() - started
    _out, err = child.communicate(timeout=300)
    if elapsed is None:
        elapsed = time.perf_counter() - started
    if child.returncode not in (0, None):
        raise RuntimeError(f"{list(argv)} failed ({child.returncode}): {err.strip()[-2000:]}")
    return elapsed, lines


def _alternating(
    commands: dict[str, tuple[list[str], str, dict[str, str]]], runs: int
) -> dict[str, list[float]]:
    """Each command's whole-process times, the commands taking turns run by run."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (argv, until, env) in commands.items():
            times[name].append(_lines(argv, env, until)[0])
    return times


def _ratio_row(name: str, seconds: list[float], floor: Row, target: float) -> Row:
    ratio = statistics.median(seconds) / statistics.median(floor.seconds)
    return Row(name, seconds, target=f"≤ {target:g} × floor", note=f"{ratio:.2f} × floor")


def start_rows(size: Size, runs: int, target: float) -> list[Row]:
    path = demo_database(size)
    window = [sys.executable, "-m", "app", "--db", str(path)]
    times = _alternating(
        {
            "floor": ([sys.executable, "-c", FLOOR], "HEARTH_SHOWN", _env()),
            "ready": (window, "HEARTH_READY", _env({"HEARTH_BENCH_EXIT": "ready"})),
        },
        runs,
    )
    floor = Row(f"bare PySide6 window shown (the floor), beside {size.label}", times["floor"])
    return [
        floor,
        _ratio_row(
            f"start to the Dashboard's real numbers, {size.label}", times["ready"], floor, target
        ),
    ]


def page_rows(size: Size, runs: int) -> list[Row]:
    """Each page's first show, and the Review page's first look and whole PDF."""
    path = demo_database(size)
    argv = [sys.executable, "-m", "app", "--db", str(path)]
    shows: dict[str, list[float]] = {}
    whole: list[float] = []
    pdf_pages = 0
    for _ in range(runs):
        _elapsed, lines = _lines(argv, _env({"HEARTH_BENCH_EXIT": "pages"}))
        for line in lines:
            word, _, rest = line.partition(" ")
            if word == "HEARTH_PAGE":
                _index, seconds, title = rest.split(" ", 2)
                shows.setdefault(title, []).append(float(seconds))
            elif word == "HEARTH_WHOLE":
                _index, seconds, count = rest.split()
                whole.append(float(seconds))
                pdf_pages = int(count)
    rows = [
        Row(
            f"first show of the {title} page, {size.label}",
            seconds,
            target="≤ 400 ms" if title == "Review" else "≤ 150 ms",
            note="after the idle imports; "
            + (
                "its PDF's first page (this week's review)"
                if title == "Review"
                else "built, read, drawn"
            ),
        )
        for title, seconds in shows.items()
    ]
    rows.append(
        Row(
            f"the Review page's whole PDF in place, {size.label}",
            whole,
            note=f"{pdf_pages} PDF pages; from the page's first show",
        )
    )
    return rows


def cli_rows(size: Size, runs: int) -> list[Row]:
    path = demo_database(size)
    cli = [sys.executable, "-m", "app.cli.main", "--db", str(path)]
    times = _alternating(
        {
            "floor": (PYTHON_FLOOR, "", _env()),
            "status": ([*cli, "status", "--week", WEEK], "", _env()),
            "summary": ([*cli, "summary", "--json", "--week", WEEK], "", _env()),
        },
        runs,
    )
    floor = Row("Python's start with import sqlite3 (the floor of a command line)", times["floor"])
    return [
        floor,
        _ratio_row(
            f"hearth-cli status --week {WEEK}, {size.time_entries:,} entries",
            times["status"],
            floor,
            2,
        ),
        _ratio_row(
            f"hearth-cli summary --json --week {WEEK}, {size.label}",
            times["summary"],
            floor,
            10,
        ),
    ]


def memory_row(size: Size) -> Row:
    """Peak resident memory of the window until the Dashboard shows its numbers."""
    path = demo_database(size)
    argv = [sys.executable, "-m", "app", "--db", str(path)]
    with tempfile.TemporaryFile() as output:
        child = subprocess.Popen(
            argv, cwd=ROOT, stdout=output, stderr=output, env=_env({"HEARTH_BENCH_EXIT": "ready"})
        )
        _pid, status, usage = os.wait4(child.pid, 0)  # the child's own peak memory
        if os.waitstatus_to_exitcode(status) != 0:
            output.seek(0)
            raise RuntimeError(output.read().decode(errors="replace")[-2000:])
    return Row(
        f"peak memory of the window at the Dashboard's numbers, {size.label}",
        [usage.ru_maxrss / 1024],
        note="whole process (ru_maxrss)",
        unit="MB",
    )


def rows(big: Size, runs: int) -> list[Row]:
    """Every row of #19: the business-sized database and `big` (the 50,000-lead one)."""
    return [
        *start_rows(BUSINESS, runs, 3),
        *start_rows(big, runs, 5),
        *page_rows(BUSINESS, runs),
        *cli_rows(big, runs),
        memory_row(big),
    ]


def importtime_text(size: Size, top: int = 12) -> str:
    """What `python -X importtime -m app` imports before the first paint and between it and
    "ready": how many modules, and the biggest imports (cumulative µs, as importtime says)."""
    path = demo_database(size)
    argv = [sys.executable, "-X", "importtime", "-m", "app", "--db", str(path)]
    child = subprocess.run(
        argv,
        cwd=ROOT,
        env=_env({"HEARTH_BENCH_EXIT": "ready"}),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one stream: the markers fall between the imports
        text=True,
        timeout=300,
        check=True,
    )
    phases: dict[str, list[tuple[int, int, str]]] = {"before the first paint": []}
    current = phases["before the first paint"]
    for line in child.stdout.splitlines():
        if line.startswith("HEARTH_SHOWN"):
            current = phases.setdefault('between the first paint and "ready"', [])
        elif line.startswith("HEARTH_READY"):
            break
        elif line.startswith("import time:") and "self [us]" not in line:
            _self_us, cumulative, name = line.removeprefix("import time:").split("|")
            depth = (len(name) - len(name.lstrip(" ")) - 1) // 2  # one space, two a level
            current.append((depth, int(cumulative), name.strip()))
    out = []
    for phase, imports in phases.items():
        outer = [(cumulative, name) for depth, cumulative, name in imports if depth == 0]
        total = sum(cumulative for cumulative, _name in outer)
        biggest = ", ".join(
            f"{name} {cumulative / 1000:,.0f}" for cumulative, name in sorted(outer)[::-1][:top]
        )
        out.append(
            f"- {phase}: {len(imports)} modules, {total / 1000:,.0f} ms of imports; the "
            f"biggest (ms, with what they import): {biggest}"
        )
    return "\n".join(out)
