"""End-to-end smoke: plan a call from flags, list it, show it, brief it."""

from __future__ import annotations

import json

from tests.conftest import PREPARED


def test_new_no_input_then_list_show_brief(cli) -> None:
    result = cli(
        "new",
        "--account",
        "Acme Corp",
        "--kind",
        "discovery",
        "--when",
        "2026-12-03 15:00",
        "--no-input",
    )
    assert result.exit_code == 0, result.stderr
    plan_id = result.stdout.strip()
    assert plan_id == "2026-12-03-acme-corp-discovery"
    listed = json.loads(cli("list", "--json").stdout)
    assert [row["id"] for row in listed] == [plan_id]
    shown = json.loads(cli("show", plan_id, "--json").stdout)
    assert shown["account"] == "Acme Corp"
    brief = cli("brief", str(PREPARED), "--format", "md")
    assert "30-day pilot" in brief.stdout
