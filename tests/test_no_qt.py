"""app/model and the command line never load Qt (STYLE.md rule 1)."""

from __future__ import annotations

import subprocess
import sys

from tests import ROOT

PROBE = """
import importlib, pkgutil, sys
import app.model, app.cli.main
for module in pkgutil.walk_packages(app.model.__path__, "app.model."):
    if ".migrations.versions." in module.name or module.name.endswith("migrations.env"):
        continue  # run by Alembic, not importable on their own
    importlib.import_module(module.name)
import app.model.store.migrations.versions
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print("QT:" + ",".join(loaded))
print("COUNT:" + str(sum(1 for m in sys.modules if m.startswith("app.model."))))
"""


def test_model_and_cli_import_no_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, check=True
    )
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines())
    assert lines["QT"] == ""
    assert int(lines["COUNT"]) >= 10  # the walk really imported the model's modules


def test_no_source_file_under_app_model_mentions_pyside() -> None:
    offenders = [
        p
        for p in (ROOT / "app" / "model").rglob("*.py")
        if "PySide" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
