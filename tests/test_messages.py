"""messages.py holds every sentence a seller reads, and only those: none is left unused."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "callprep"
MESSAGES = PACKAGE / "messages.py"


def defined_names() -> list[str]:
    names: list[str] = []
    for node in ast.parse(MESSAGES.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.append(node.name)
    return names


OWN = MESSAGES.read_text(encoding="utf-8")
ELSEWHERE = "\n".join(
    path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py")) if path != MESSAGES
)


def test_every_message_is_used() -> None:
    """Used by the code, or by another message (counted past its own definition)."""
    unused = []
    for name in defined_names():
        word = re.compile(rf"\b{re.escape(name)}\b")
        if not word.search(ELSEWHERE) and len(word.findall(OWN)) < 2:
            unused.append(name)
    assert not unused, f"messages nothing uses: {unused}"
