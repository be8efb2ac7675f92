"""The package's layers (ADR 0007): each layer imports only the layers below it, and no module
imports itself back through others. Read from the source with ast, so a new module is checked
the moment it exists."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "macros" / "pet_generator"  # imported as pet_generator (macros/ is on the path)
NAME = PACKAGE.name
# Lowest first: a module may import its own layer and the layers before it.
LAYERS = ("catalog", "site", "pipeline", "tools")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache  # two tests walk every module's imports: parse each file once
def imports(path: Path) -> frozenset[str]:
    """Every pet_generator.* module this file imports, at any depth (lazy imports count too)."""
    return frozenset(imports_in(path.read_text("utf-8"), module_name(path), is_package=path.name == "__init__.py"))


def imports_in(source: str, module: str, is_package: bool = False) -> set[str]:
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith(NAME)}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.startswith(NAME):
                found.add(base)
                found |= {
                    f"{base}.{a.name}" for a in node.names if (PACKAGE.parent / f"{base}.{a.name}".replace(".", "/")).with_suffix(".py").exists()
                }
    return found


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(name: str) -> int | None:
    if name == f"{NAME}.__main__":  # `python -m pet_generator`: a command-line entry point
        return LAYERS.index("tools")
    parts = name.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_lives_in_a_layer() -> None:
    loose = [name for name in modules() if name != NAME and layer(name) is None]
    assert not loose, f"put these in one of macros/{NAME}/{{{', '.join(LAYERS)}}}: {loose}"


def upward(module: str, targets: frozenset[str] | set[str]) -> list[str]:
    """The imports of `module` that reach a layer above its own."""
    mine = layer(module)
    return [f"{module} imports {t}" for t in sorted(targets) if mine is not None and (layer(t) or 0) > mine]


def test_each_layer_imports_only_layers_below_it() -> None:
    wrong = [line for name, path in modules().items() if name != NAME for line in upward(name, imports(path))]
    assert not wrong, "a lower layer imports a higher one:\n" + "\n".join(wrong)


def test_the_package_file_only_registers_the_entry_point() -> None:
    entry = ROOT / "macros" / "__init__.py"  # mkdocs.yml's module_name: macros
    tree = ast.parse(entry.read_text("utf-8"))
    kinds = {type(node).__name__ for node in tree.body}
    assert kinds <= {"Expr", "ImportFrom", "Assign"}, kinds
    assert imports_in(entry.read_text("utf-8"), "macros", is_package=True) == {"pet_generator.site.entry"}


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


def test_the_rule_catches_upward_imports_written_either_way() -> None:
    """The checks above can fail: an absolute, a relative and a lazy upward import are each caught."""
    absolute = imports_in("from pet_generator.site.html import esc\n", "pet_generator.catalog.loader")
    relative = imports_in("from ..pipeline import pages\n", "pet_generator.site.render")
    lazy = imports_in("def f():\n    import pet_generator.tools.cli\n", "pet_generator.pipeline.pdf")
    assert upward("pet_generator.catalog.loader", absolute) == ["pet_generator.catalog.loader imports pet_generator.site.html"]
    assert upward("pet_generator.site.render", relative) == [
        "pet_generator.site.render imports pet_generator.pipeline",
        "pet_generator.site.render imports pet_generator.pipeline.pages",
    ]
    assert upward("pet_generator.pipeline.pdf", lazy) == ["pet_generator.pipeline.pdf imports pet_generator.tools.cli"]
    assert upward("pet_generator.tools.cli", imports_in("from pet_generator.catalog import loader\n", "pet_generator.tools.cli")) == []
