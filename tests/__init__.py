"""Hearth's tests; they mirror app/ (tests/model, tests/ui, tests/cli, tests/report)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project's folder
