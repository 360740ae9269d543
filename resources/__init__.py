"""Hearth's resources (icons, later fonts), installed as the package `hearth_resources`."""

from pathlib import Path

RESOURCES_DIR = Path(__file__).parent


def resource_path(name: str) -> Path:
    return RESOURCES_DIR / name
