"""Hearth's resources (icons, fonts, the Linux launcher), installed as `hearth_resources`."""

from pathlib import Path

RESOURCES_DIR = Path(__file__).parent
# The app icon's PNG sizes in icons/ (made from hearth.svg by `python -m tools.icons`).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def resource_path(name: str) -> Path:
    return RESOURCES_DIR / name


def icon_png(size: int) -> Path:
    return RESOURCES_DIR / "icons" / f"hearth-{size}.png"
