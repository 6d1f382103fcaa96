"""The house rules of CONTRIBUTING.md, checked: which modules may import which.

cli → commands → render → domain → model/store, with text, messages and errors usable
everywhere. Views never reach into commands, the domain never into views or commands, and no
command imports another (what two commands share lives in the domain).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "callprep"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every callprep module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("callprep")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "callprep" or node.module.endswith(".commands"):
                found |= {f"{node.module}.{a.name}" for a in node.names}
            elif node.module.startswith("callprep"):
                found.add(node.module)
    return found


MODULES = {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    if module in ("callprep.cli", "callprep.__main__"):
        return "cli"
    for name in ("commands", "render"):
        if module.startswith(f"callprep.{name}.") or module == f"callprep.{name}":
            return name
    return "domain"


def test_the_package_is_found() -> None:
    assert "callprep.commands.new" in MODULES and "callprep.render.term" in MODULES


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) == "domain"))
def test_the_domain_imports_no_view_and_no_command(module: str) -> None:
    bad = {dep for dep in MODULES[module] if layer(dep) in ("render", "commands", "cli")}
    assert not bad, f"{module} imports {sorted(bad)}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) == "render"))
def test_views_import_no_command(module: str) -> None:
    bad = {dep for dep in MODULES[module] if layer(dep) in ("commands", "cli")}
    assert not bad, f"{module} imports {sorted(bad)}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) == "commands"))
def test_commands_import_no_other_command(module: str) -> None:
    others = {
        dep
        for dep in MODULES[module]
        if layer(dep) == "commands" and dep not in (module, "callprep.commands")
    }
    assert not others, f"{module} imports {sorted(others)}"


def test_text_messages_and_errors_are_leaves() -> None:
    """The modules every layer uses import nothing of callprep's but each other."""
    leaves = {"callprep.text", "callprep.errors"}
    for module in leaves:
        assert MODULES[module] <= leaves, f"{module} imports {sorted(MODULES[module] - leaves)}"
    assert MODULES["callprep.messages"] <= leaves | {"callprep.plans.model"}
