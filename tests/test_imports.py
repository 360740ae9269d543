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

# Cycles known today and accepted until they are removed: each entry is the set of modules
# of one cycle (a strongly connected part of the graph). A cycle found among a subset of an
# entry's modules passes too (it is shrinking); one that reaches a module outside every entry
# fails, and an entry that matches no cycle any more fails until it is deleted here.
#
# The window's: main_window hands itself to the dialogs and prompts it opens, which import it
# back for its type. Removed by the ui refactor, #17: that refactor empties this list.
CYCLES_TO_BE_REMOVED_BY_THE_UI_REFACTOR: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "app.ui.shell.main_window",
            "app.ui.shell.actions",
            "app.ui.database.data_safety",
            "app.ui.database.first_start",
            "app.ui.database.server_offline",
            "app.ui.time.timer_prompts",
        }
    ),
)


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


def unexpected(
    found: Iterable[frozenset[str]], allowed: Iterable[frozenset[str]]
) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    """The cycles no allowed entry covers, and the allowed entries no cycle matches any more."""
    found, allowed = list(found), list(allowed)
    new = [cycle for cycle in found if not any(cycle <= entry for entry in allowed)]
    stale = [entry for entry in allowed if not any(cycle <= entry for cycle in found)]
    return new, stale


def test_no_import_cycles_in_app() -> None:
    graph = import_graph("app")
    assert len(graph.modules) > 100  # the whole of app/ was read
    new, stale = unexpected(cycles(graph), CYCLES_TO_BE_REMOVED_BY_THE_UI_REFACTOR)
    problems = [describe(graph, cycle) for cycle in new]
    problems += [
        f"no cycle left among {', '.join(sorted(entry))}: delete it from "
        "CYCLES_TO_BE_REMOVED_BY_THE_UI_REFACTOR"
        for entry in stale
    ]
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


def test_the_allow_list_takes_a_shrinking_cycle_and_refuses_a_growing_or_gone_one() -> None:
    entry = frozenset({"a", "b", "c"})
    assert unexpected([frozenset({"a", "b"})], [entry]) == ([], [])
    assert unexpected([frozenset({"a", "b", "d"})], [entry]) == (
        [frozenset({"a", "b", "d"})],
        [entry],
    )
    assert unexpected([], [entry]) == ([], [entry])
