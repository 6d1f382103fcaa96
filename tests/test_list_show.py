"""`list`, `show` and a first `brief`, run in-process against a tmp store."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tomllib
from pathlib import Path

import pytest

from tests.conftest import PREPARED, UNPREPARED

LIST_KEYS = {"id", "account", "opportunity", "kind", "starts_at", "readiness", "debriefed"}


def new(cli, *args: str) -> str:
    result = cli("new", *args, "--no-input")
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def three(cli) -> list[str]:
    """Three plans made out of order; newest first they are c, b, a."""
    b = new(cli, "--account", "Beta", "--kind", "demo", "--when", "2026-12-05 10:00+00:00")
    a = new(cli, "--account", "Acme", "--kind", "discovery", "--when", "2026-12-01 09:00+00:00")
    c = new(cli, "--account", "acme", "--kind", "proposal", "--when", "2026-12-09 16:30+00:00")
    return [c, b, a]


def test_list_is_newest_first(cli, three: list[str]) -> None:
    result = cli("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["when", "account", "kind", "ready", "debrief", "id"]
    positions = [result.stdout.index(plan_id) for plan_id in three]
    assert positions == sorted(positions)
    assert "Wed 9 Dec 16:30" in lines[1] and "proposal" in lines[1]


def test_list_json_has_the_spec_keys_newest_first(cli, three: list[str]) -> None:
    rows = json.loads(cli("list", "--json").stdout)
    assert [row["id"] for row in rows] == three
    for row in rows:
        assert set(row) >= LIST_KEYS
        assert isinstance(row["readiness"], int) and 0 <= row["readiness"] <= 100
        assert row["debriefed"] is False
    assert rows[0]["starts_at"] == "2026-12-09T16:30:00+00:00"
    # (a later call is spelled as the account's earlier ones)
    assert rows[0]["account"].casefold() == "acme" and rows[0]["opportunity"] == ""


def test_list_by_account_ignores_case(cli, three: list[str]) -> None:
    rows = json.loads(cli("list", "--account", "ACME", "--json").stdout)
    assert [row["id"] for row in rows] == [three[0], three[2]]
    none = cli("list", "--account", "Nobody")
    assert none.exit_code == 0 and none.stdout == ""
    assert "No plans match." in none.stderr


def test_an_empty_store_says_how_to_start(cli) -> None:
    result = cli("list")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "callprep new" in result.stderr
    assert json.loads(cli("list", "--json").stdout) == []


def test_list_shows_the_debrief_status(cli, stored_example, tmp_path: Path) -> None:
    text = PREPARED.read_text() + '\n[debrief]\noutcome = "minimum"\n'
    debriefed = tmp_path / "held.toml"
    debriefed.write_text(text)
    plan_id = stored_example(debriefed)
    rows = {row["id"]: row for row in json.loads(cli("list", "--json").stdout)}
    assert rows[tomllib.loads(text)["id"]]["debriefed"] is True
    assert "minimum" in cli("list").stdout
    assert plan_id == "held"


def test_bad_files_are_named_and_the_good_plans_still_listed(cli, home: Path, three) -> None:
    plans = home / "plans"
    (plans / "broken.toml").write_text('account = "Acme"\nkind = "demo\nduration_minutes = 3\n')
    (plans / "invalid.toml").write_text('account = "Acme"\n[agenda]\nshared = "maybe"\n')
    result = cli("list", "--json")
    assert result.exit_code == 0
    assert [row["id"] for row in json.loads(result.stdout)] == three
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2
    broken = next(line for line in warnings if "broken.toml" in line)
    assert "line 2" in broken and "callprep edit broken" in broken
    invalid = next(line for line in warnings if "invalid.toml" in line)
    assert "agenda.shared" in invalid and "callprep edit invalid" in invalid
    table = cli("list")
    assert all(plan_id in table.stdout for plan_id in three)
    assert "broken.toml" in table.stderr


def test_show_prints_the_plan_as_toml(cli, stored_example) -> None:
    plan_id = stored_example(PREPARED)
    result = cli("show", plan_id)
    assert result.exit_code == 0
    shown = tomllib.loads(result.stdout)
    original = tomllib.loads(PREPARED.read_text())
    assert shown["objective"] == original["objective"]
    assert shown["starts_at"] == original["starts_at"]
    assert shown["attendees"][0]["name"] == original["attendees"][0]["name"]


def test_show_json_has_the_file_keys_with_iso_dates(cli, stored_example) -> None:
    plan_id = stored_example(PREPARED)
    data = json.loads(cli("show", plan_id, "--json").stdout)
    original = tomllib.loads(PREPARED.read_text())
    assert set(original) <= set(data)
    assert data["starts_at"] == "2026-12-03T15:00:00-05:00"
    assert dt.datetime.fromisoformat(data["starts_at"]) == original["starts_at"]
    assert data["discovery"]["deadline"] == original["discovery"]["deadline"].isoformat()
    assert data["agenda"]["items"] == original["agenda"]["items"]


def test_show_by_prefix_and_by_path_outside_the_store(cli, stored_example, tmp_path) -> None:
    plan_id = stored_example(UNPREPARED)
    assert cli("show", plan_id[:5]).stdout == cli("show", plan_id).stdout
    outside = tmp_path / "mine.toml"
    shutil.copy(PREPARED, outside)
    result = cli("show", str(outside), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["account"] == "Acme Logistics"


@pytest.mark.parametrize("how", ["id", "prefix", "path"])
@pytest.mark.parametrize("fmt", ["term", "md"])
def test_brief_by_id_prefix_and_path(cli, stored_example, how: str, fmt: str) -> None:
    plan_id = stored_example(PREPARED)
    ref = {"id": plan_id, "prefix": plan_id[:8], "path": str(PREPARED)}[how]
    result = cli("brief", ref, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout.replace("\\", "")  # Markdown escapes are not the point here
    assert "Acme Logistics" in out
    # The call, the objectives, the agenda and its status are all on it.
    assert "Dana agrees to a 30-day pilot" in out
    assert "Dana introduces us to the IT" in out
    assert "Their goals for the rollout" in out
    assert "confirmed" in out
    assert "\x1b" not in out  # NO_COLOR, and nothing a plan says becomes an escape


def test_brief_shows_typed_markup_and_escapes_literally(cli, tmp_path: Path) -> None:
    text = PREPARED.read_text().replace(
        'best = "Dana agrees to a 30-day pilot with 20 trucks starting 5 Jan"',
        'best = "Dana [bold red]signs[/] \\u001b[31m today"',
    )
    hostile = tmp_path / "hostile.toml"
    hostile.write_text(text)
    term = cli("brief", str(hostile))
    assert term.exit_code == 0, term.stderr
    assert "[bold red]signs[/]" in term.stdout
    assert "\x1b" not in term.stdout
    md = cli("brief", str(hostile), "--format", "md").stdout
    assert "[bold red]signs[/]" in md.replace("\\", "")
    assert "\x1b" not in md
