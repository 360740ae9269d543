"""`hearth --smoke`: 0 when the window opens and every page shows; 1 and the reason if not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import ROOT

PROBE = """
import sys
from app.ui.shell import launch
{patch}
sys.exit(launch.main(["--smoke"]))
"""

BREAK_THE_REVIEW_PAGE = """
from app.ui.review.page import ReviewPage
def broken(self, *args, **kwargs):
    raise RuntimeError("the review page is broken")
ReviewPage.showEvent = broken
"""


def _smoke(home: Path, patch: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE.format(patch=patch)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(home)},
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.mark.slow
def test_smoke_opens_every_page_and_leaves_nothing_behind(hermetic_home: Path) -> None:
    result = _smoke(hermetic_home)
    assert result.returncode == 0, result.stderr
    assert "showed Dashboard, Leads, Time, Campaigns, Review" in result.stdout
    # its temporary home (database, logs, window settings) is gone; the user's is untouched
    assert not list(hermetic_home.glob("hearth-smoke-*"))
    assert not (hermetic_home / "hearth.db").exists()


@pytest.mark.slow
def test_smoke_fails_with_the_reason_when_a_page_raises(hermetic_home: Path) -> None:
    result = _smoke(hermetic_home, BREAK_THE_REVIEW_PAGE)
    assert result.returncode == 1
    assert "Hearth smoke test failed" in result.stderr
    assert "the review page is broken" in result.stderr  # the reason, with its traceback
    assert "Traceback" in result.stderr
    kept = list(hermetic_home.glob("hearth-smoke-*"))
    assert len(kept) == 1 and f"kept in {kept[0]}" in result.stderr
    assert "the review page is broken" in (kept[0] / "logs" / "hearth.log").read_text()
