"""docs/coach.md's table of findings is the coach's: every code, its severity, weight and field."""

from __future__ import annotations

import re

from callprep.coach import topics
from tests.conftest import ROOT

ROW = re.compile(r"^\| `([a-z_.]+)` \| (\w+) \| (\d+) \| `([a-z_.]+)` \|")


def documented() -> dict[str, tuple[str, int, str]]:
    text = (ROOT / "docs" / "coach.md").read_text(encoding="utf-8")
    table = text.split("| code | severity | weight | field | when |", 1)[1].split("\n\n", 1)[0]
    rows: dict[str, tuple[str, int, str]] = {}
    for line in table.splitlines():
        found = ROW.match(line)
        if found:
            code, severity, weight, field = found.groups()
            assert code not in rows, f"{code} is documented twice"
            rows[code] = (severity, int(weight), field)
    return rows


def test_the_doc_table_is_the_coachs_table() -> None:
    expected = {
        code: (kind.severity, kind.weight, kind.field) for code, kind in topics.FINDINGS.items()
    }
    assert documented() == expected


def test_the_doc_table_lists_the_codes_in_the_coachs_order() -> None:
    assert list(documented()) == list(topics.FINDINGS)
