"""The package's layers (ADR 0007): each layer imports only the layers below it, and no module
imports itself back through others. Read from the source with ast, so a new module is checked
the moment it exists."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "macros"
# Lowest first: a module may import its own layer and the layers before it.
LAYERS = ("catalog", "site", "build", "tools")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every macros.* module this file imports, at any depth (lazy imports count too)."""
    found: set[str] = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("macros")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.startswith("macros"):
                found.add(base)
                found |= {
                    f"{base}.{a.name}" for a in node.names if (PACKAGE.parent / f"{base}.{a.name}".replace(".", "/")).with_suffix(".py").exists()
                }
    return found


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(name: str) -> int | None:
    parts = name.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_lives_in_a_layer() -> None:
    loose = [name for name in modules() if name != "macros" and layer(name) is None]
    assert not loose, f"put these in one of macros/{', macros/'.join(LAYERS)}: {loose}"


def test_each_layer_imports_only_layers_below_it() -> None:
    wrong = []
    for name, path in modules().items():
        if name == "macros":
            continue
        mine = layer(name)
        for target in imports(path):
            theirs = layer(target)
            if theirs is not None and mine is not None and theirs > mine:
                wrong.append(f"{name} imports {target}")
    assert not wrong, "a lower layer imports a higher one:\n" + "\n".join(wrong)


def test_the_package_file_only_registers_the_entry_point() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text("utf-8"))
    kinds = {type(node).__name__ for node in tree.body}
    assert kinds <= {"Expr", "ImportFrom", "Assign"}, kinds
    assert imports(PACKAGE / "__init__.py") <= {"macros.site.entry", "macros.site"}


def test_no_import_cycles() -> None:
    graph = {name: {t for t in imports(path) if t in modules() and t != name} for name, path in modules().items()}
    # A package's __init__ re-exporting its own modules is not a cycle of logic.
    for name in graph:
        graph[name] = {t for t in graph[name] if not (name.startswith(t + ".") and (PACKAGE.parent / t.replace(".", "/") / "__init__.py").exists())}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*trail[trail.index(nxt) :], nxt]) if nxt in trail else f"{node} -> {nxt}")
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for name in graph:
        if name not in state:
            visit(name, [name])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_checks_see_a_wrong_import(tmp_path: Path) -> None:
    """The reader above finds relative and absolute imports alike (so the rules can fail)."""
    path = PACKAGE / "catalog" / "loader.py"
    assert "macros.catalog.strict_yaml" in imports(path)
    assert imports(PACKAGE / "build" / "pipeline.py") >= {"macros.build.pages", "macros.catalog.loader"}
