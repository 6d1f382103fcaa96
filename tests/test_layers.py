"""The house rules of CONTRIBUTING.md, checked: which modules may import which.

The packages stand in floors, each importing only the floors below it:

    shared < plans < coach < calls, catalog < deal, outreach, team < calendar < render
    < commands < cli

Packages on one floor do not import each other, no command imports another, and no modules
import each other in a circle, counting imports inside functions and those made for type
checking only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "callprep"

# Floor by floor, from the ground up; a floor's parts are packages, or modules directly under
# src/callprep/. `clock` is the one place that reads the system clock.
FLOORS: list[tuple[str, ...]] = [
    (
        "__init__",
        "clock",
        "dates",
        "errors",
        "files",
        "messages",
        "output",
        "prompts",
        "text",
    ),
    ("plans",),
    ("coach",),
    ("calls", "catalog"),
    ("deal", "outreach", "team"),
    ("calendar",),
    ("render",),
    ("commands",),
    ("cli", "typer_patches", "__main__"),
]
FLOOR = {part: number for number, parts in enumerate(FLOORS) for part in parts}
MOST_AT_THE_TOP = 12  # modules directly under src/callprep/, __init__ and __main__ counted


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def known(name: str) -> str:
    """The module of ours that `name` (a module, or a name in one) is."""
    while name not in SOURCES:
        name = name.rpartition(".")[0]
    return name


def imports_of(path: Path) -> set[str]:
    """Every callprep module `path` imports: at the top, inside a function, for types only."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {known(a.name) for a in node.names if a.name.startswith("callprep")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "callprep":
            found |= {known(f"{node.module}.{a.name}") for a in node.names}
    return found - {module_name(path)}


MODULES = {name: imports_of(path) for name, path in SOURCES.items()}


def part(module: str) -> str:
    """The package (or top-level module) a module belongs to: its room on its floor."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def is_package(name: str) -> bool:
    return (PACKAGE / name).is_dir()


def test_the_package_is_found() -> None:
    assert "callprep.commands.new" in MODULES and "callprep.render.term" in MODULES
    assert "callprep.plans.store" in MODULES["callprep.commands.new"]


def test_every_part_has_a_floor() -> None:
    assert not {part(m) for m in MODULES} - set(FLOOR)


def test_few_modules_stand_directly_under_the_package() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MOST_AT_THE_TOP, top


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_floors(module: str) -> None:
    """Downward only; within a package freely; between two packages on one floor, never."""
    here = part(module)
    bad = sorted(
        dep
        for dep in MODULES[module]
        if FLOOR[part(dep)] > FLOOR[here]
        or (FLOOR[part(dep)] == FLOOR[here] and part(dep) != here and is_package(here))
    )
    assert not bad, f"{module} (floor {FLOOR[here]}) imports {bad}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if part(m) == "commands"))
def test_commands_import_no_other_command(module: str) -> None:
    others = {
        dep
        for dep in MODULES[module]
        if part(dep) == "commands" and dep not in (module, "callprep.commands")
    }
    assert not others, f"{module} imports {sorted(others)}"


def circles() -> list[list[str]]:
    """Every set of modules that import each other in a loop (Tarjan's strongly connected
    components of more than one module)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for dep in sorted(MODULES[module]):
            if dep not in index:
                visit(dep)
                low[module] = min(low[module], low[dep])
            elif dep in on_stack:
                low[module] = min(low[module], index[dep])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(MODULES):
        if module not in index:
            visit(module)
    return found


def test_no_modules_import_each_other_in_a_circle() -> None:
    assert circles() == []


def test_a_circle_would_be_found() -> None:
    """The check itself: two modules importing each other inside functions are a circle."""
    saved = {name: set(deps) for name, deps in MODULES.items()}
    try:
        MODULES["callprep.text"].add("callprep.dates")  # dates imports text, through messages
        assert any({"callprep.dates", "callprep.text"} <= set(c) for c in circles())
    finally:
        MODULES.clear()
        MODULES.update(saved)
