"""The packages pyproject.toml finds cover every package, so an install is complete."""

from __future__ import annotations

import tomllib

from tests import ROOT


def test_the_package_search_finds_every_package_folder() -> None:
    from setuptools import find_packages

    found_by = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    search = found_by["packages"]["find"]
    found = {
        package
        for where in search["where"]
        for package in find_packages(where=str(ROOT / where), include=search["include"])
    }
    folders = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "app").rglob("__init__.py")
    }
    assert folders - found == set()
    assert "hearth_resources" in found
    assert (ROOT / "resources" / "hearth_resources" / "__init__.py").exists()


def test_entry_points_name_the_window_and_the_command_line() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert config["project"]["gui-scripts"] == {"hearth": "app.ui.shell.launch:main"}
    assert config["project"]["scripts"] == {"hearth-cli": "app.cli.main:main"}
    for requirement in config["project"]["dependencies"]:
        assert ">=" in requirement, f"{requirement} has no lower bound"


def test_every_font_of_the_pdf_ships_with_its_licence() -> None:
    """pip (package-data) and the bundle (the spec copies resources/hearth_resources/) carry
    each font the PDF embeds, and the fonts' README.md names it with its licence files."""
    from fnmatch import fnmatch

    from app.report.fonts import _FILES

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    shipped = [
        pattern.removeprefix("fonts/")
        for pattern in config["tool"]["setuptools"]["package-data"]["hearth_resources"]
        if pattern.startswith("fonts/")
    ]
    fonts = ROOT / "resources" / "hearth_resources" / "fonts"
    readme = (fonts / "README.md").read_text()
    for filename in _FILES.values():
        assert (fonts / filename).is_file() and filename in readme
        assert any(fnmatch(filename, pattern) for pattern in shipped), filename
    licences = {word.strip("(),;") for word in readme.split() if word.startswith("LICENSE-")}
    assert "LICENSE-Symbola.txt" in licences
    for licence in licences:
        assert (fonts / licence).is_file() and any(fnmatch(licence, p) for p in shipped)
    spec = (ROOT / "packaging" / "hearth.spec").read_text()
    assert '(str(ROOT / "resources" / "hearth_resources"), "hearth_resources")' in spec


def test_every_file_the_bundle_copies_is_where_the_spec_looks() -> None:
    """The spec names folders by path; a folder moved in the source (the migrations went to
    app/model/store/) breaks only the bundle's build, minutes into CI, unless this says so."""
    import re

    spec = (ROOT / "packaging" / "hearth.spec").read_text()
    named = re.findall(r'\(str\(ROOT((?: / "[^"]+")+)\), "([^"]+)"\)', spec)
    assert len(named) >= 2, "the spec's datas are not written as (str(ROOT / ...), target)"
    for parts, target in named:
        source = ROOT.joinpath(*re.findall(r'"([^"]+)"', parts))
        assert source.exists(), f"the spec copies {source}, which is not there"
        assert source.relative_to(ROOT).as_posix().endswith(target.split("/")[-1])
    from app.model.store.migrate import MIGRATIONS_DIR

    copied = {ROOT.joinpath(*re.findall(r'"([^"]+)"', parts)) for parts, _ in named}
    assert MIGRATIONS_DIR in copied
