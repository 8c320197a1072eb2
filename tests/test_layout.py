"""The package's shape as a contract: no import cycles, and nothing installed by an import.

The layer arrows themselves are import-linter's contracts in pyproject.toml (`make lint`).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import grimp


def _cycle_in(graph: grimp.ImportGraph) -> list[str] | None:
    """One import cycle among the modules of `graph` (as a path that ends where it starts)."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" once explored
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        path.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if state.get(imported) == "open":
                return [*path[path.index(imported):], imported]
            if imported not in state and (found := visit(imported)):
                return found
        path.pop()
        state[module] = "done"
        return None

    for module in sorted(graph.modules):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_no_module_of_kartoteka_imports_itself_back() -> None:
    # grimp reads every import statement: those inside functions and under TYPE_CHECKING too.
    graph = grimp.build_graph("kartoteka", exclude_type_checking_imports=False, cache_dir=None)
    cycle = _cycle_in(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_names_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for importer, imported in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]:
        graph.add_import(importer=importer, imported=imported)
    assert _cycle_in(graph) == ["a", "b", "c", "a"]


#: An automation whose value reaches into Python: only the platform's template check sees it.
#: The script imports nothing of the platform unless told to.
_CHECK = textwrap.dedent("""
    import json
    {imports}
    from kartoteka.schema_engine import check_definition

    doc = {{"entities": [{{"name": "deal", "fields": [{{"name": "title", "type": "text"}}]}}],
           "automations": [{{
               "name": "evil", "entity": "deal", "when": {{"event": "created"}},
               "do": [{{"action": "set_field", "field": "title",
                        "value": "{{{{ ''.__class__ }}}}"}}]}}]}}
    {install}
    print(json.dumps([str(e) for e in check_definition(doc)]))
""")


def _errors_in_fresh_interpreter(imports: str = "", install: str = "") -> list[str]:
    source = _CHECK.format(imports=imports, install=install)
    # Run from the repository, so that the interpreter imports this checkout of kartoteka.
    done = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).parents[1])
    return list(json.loads(done.stdout))


def test_importing_the_platform_changes_no_answer_of_check_definition() -> None:
    alone = _errors_in_fresh_interpreter()
    with_platform = _errors_in_fresh_interpreter(imports="import kartoteka.platform, kartoteka.app")
    assert alone == with_platform


def test_the_installed_template_check_refuses_reaching_into_python() -> None:
    before = _errors_in_fresh_interpreter()
    after = _errors_in_fresh_interpreter(
        install="from kartoteka.platform import install_hooks; install_hooks(); install_hooks()")
    assert before == []  # the schema engine alone sees a valid definition
    [error] = after
    assert error.startswith("$.automations[0].do[0].value:")
    assert "'__class__' is not allowed" in error
