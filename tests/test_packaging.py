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
