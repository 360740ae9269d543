"""The package list in pyproject.toml covers every package, so an install is complete."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "app").rglob("__init__.py")
    }
    assert found - listed == set()
    assert "hearth_resources" in listed
    assert (ROOT / "resources" / "__init__.py").exists()


def test_entry_points_name_the_window_and_the_command_line() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert config["project"]["gui-scripts"] == {"hearth": "app.ui.launch:main"}
    assert config["project"]["scripts"] == {"hearth-cli": "app.cli:main"}
    for requirement in config["project"]["dependencies"]:
        assert ">=" in requirement, f"{requirement} has no lower bound"


def test_every_font_of_the_pdf_ships_with_its_licence() -> None:
    """pip (package-data) and the bundle (the spec copies resources/) carry each font the PDF
    embeds, and resources/fonts/README.md names it with its licence files, which exist."""
    from fnmatch import fnmatch

    from app.report.fonts import _FILES

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    shipped = config["tool"]["setuptools"]["package-data"]["hearth_resources.fonts"]
    fonts = ROOT / "resources" / "fonts"
    readme = (fonts / "README.md").read_text()
    for filename in _FILES.values():
        assert (fonts / filename).is_file() and filename in readme
        assert any(fnmatch(filename, pattern) for pattern in shipped), filename
    licences = {word.strip("(),;") for word in readme.split() if word.startswith("LICENSE-")}
    assert "LICENSE-Symbola.txt" in licences
    for licence in licences:
        assert (fonts / licence).is_file() and any(fnmatch(licence, p) for p in shipped)
    spec = (ROOT / "packaging" / "hearth.spec").read_text()
    assert '(str(ROOT / "resources"), "hearth_resources")' in spec
