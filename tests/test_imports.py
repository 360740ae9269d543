"""No module imports another that imports it back (STYLE.md, "The house"), anywhere in app/.

The graph counts every import: at the top of a module, inside a function, and those made only
for type hints (under TYPE_CHECKING) — a cycle of type hints is still two modules that cannot be
understood, or moved, one without the other. The layers and features are checked by
import-linter's contracts in pyproject.toml (`make lint`); this test finds the cycles that
contracts do not see, inside one package as well as between packages.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from pathlib import Path

import grimp
import pytest


def import_graph(package: str) -> grimp.ImportGraph:
    # exclude_type_checking_imports=False is grimp's default, said here because it matters.
    return grimp.build_graph(package, exclude_type_checking_imports=False, cache_dir=None)


def cycles(graph: grimp.ImportGraph) -> list[frozenset[str]]:
    """Every set of two or more modules that all reach each other through imports."""
    found: list[frozenset[str]] = []
    placed: set[str] = set()
    for module in sorted(graph.modules):
        if module in placed:
            continue
        imported = graph.find_upstream_modules(module)  # what it imports, however indirectly
        importing = graph.find_downstream_modules(module)  # what imports it, however indirectly
        cycle = imported & importing
        if cycle:
            found.append(frozenset({module, *cycle}))
            placed |= found[-1]
    return found


def describe(graph: grimp.ImportGraph, cycle: Iterable[str]) -> str:
    """The cycle's modules, then each import between two of them, with its line."""
    members = sorted(cycle)
    lines = [f"a cycle of {len(members)} modules: {', '.join(members)}"]
    for importer in members:
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            if imported not in cycle:
                continue
            for detail in graph.get_import_details(importer=importer, imported=imported):
                lines.append(
                    f"    {importer} -> {imported}  "
                    f"(line {detail['line_number']}: {detail['line_contents']})"
                )
    return "\n".join(lines)


def test_no_import_cycles_in_app() -> None:
    graph = import_graph("app")
    assert len(graph.modules) > 100  # the whole of app/ was read
    problems = [describe(graph, cycle) for cycle in cycles(graph)]
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


def test_a_cycle_of_type_hints_or_of_imports_in_functions_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same graph, on a small package: a cycle made only of a TYPE_CHECKING import and an
    import inside a function is found and named with its lines; a one-way import is not."""
    package = tmp_path / "cyclic_probe"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "window.py").write_text(
        textwrap.dedent(
            """
            def open_dialog():
                from cyclic_probe import dialog
                return dialog
            """
        )
    )
    (package / "dialog.py").write_text(
        textwrap.dedent(
            """
            from typing import TYPE_CHECKING
            from cyclic_probe import leaf

            if TYPE_CHECKING:
                from cyclic_probe.window import Window
            """
        )
    )
    (package / "leaf.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = import_graph("cyclic_probe")
    found = cycles(graph)
    assert found == [frozenset({"cyclic_probe.window", "cyclic_probe.dialog"})]
    said = describe(graph, found[0])
    assert "cyclic_probe.dialog -> cyclic_probe.window  (line 6:" in said
    assert "cyclic_probe.window -> cyclic_probe.dialog  (line 3:" in said
    assert "leaf" not in said
