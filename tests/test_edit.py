"""`callprep edit` with $EDITOR set to a small Python script that rewrites the file."""

from __future__ import annotations

import json
import shlex
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PREPARED

Editor = Callable[..., Path]


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Editor:
    """`editor(body)`: $EDITOR runs `body`, Python with `path` bound to the file being edited."""

    def install(body: str, status: int = 0, variable: str = "EDITOR") -> Path:
        script = tmp_path / f"editor-{variable}.py"
        script.write_text(
            f"import pathlib, sys\npath = pathlib.Path(sys.argv[1])\n{body}\nsys.exit({status})\n"
        )
        monkeypatch.setenv(variable, f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
        return script

    return install


@pytest.fixture
def plan(stored_example, home: Path) -> tuple[str, Path]:
    plan_id = stored_example(PREPARED)
    return plan_id, home / "plans" / f"{plan_id}.toml"


def replace(old: str, new: str) -> str:
    return f"path.write_text(path.read_text().replace({old!r}, {new!r}))"


def test_a_valid_edit_is_saved_with_the_sellers_own_layout(cli, editor, plan) -> None:
    plan_id, path = plan
    editor(
        replace('minimum = "', '# what we settle for\nminimum = "')
        + "\n"
        + replace("Dana introduces us", "Dana books us with")
    )
    result = cli("edit", plan_id)
    assert result.exit_code == 0, result.stderr
    assert f"Saved {path}" in result.stderr
    text = path.read_text()
    assert "# what we settle for" in text  # comments and layout are the seller's
    assert tomllib.loads(text)["objective"]["minimum"].startswith("Dana books us with")
    shown = json.loads(cli("show", plan_id, "--json").stdout)
    assert shown["objective"]["minimum"].startswith("Dana books us with")


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (replace('kind = "discovery"', 'kind = "discovery'), "line 7"),
        (replace('kind = "discovery"', 'kind = "chat"'), "kind:"),
        (replace("duration_minutes = 45", "duration_minutes = -1"), "duration_minutes:"),
    ],
)
def test_an_invalid_edit_is_kept_aside_and_the_plan_is_unchanged(
    cli, editor, plan, home: Path, change: str, named: str
) -> None:
    plan_id, path = plan
    before = path.read_bytes()
    editor(change)
    result = cli("edit", plan_id)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"callprep: {path.name}: ")
    assert named in lines[0]
    kept = list((home / "rejected").iterdir())
    assert len(kept) == 1
    assert kept[0].name.startswith(f"{plan_id}-")
    assert str(kept[0]) in lines[0]
    assert "the plan is unchanged" in lines[0]
    assert kept[0].read_bytes() != before  # the seller's edit, not the old plan
    assert path.read_bytes() == before
    assert list((home / "drafts").iterdir()) == []  # the working copy is gone


def test_two_bad_edits_are_both_kept(cli, editor, plan, home: Path) -> None:
    plan_id, _ = plan
    editor(replace('kind = "discovery"', 'kind = "chat"'))
    assert cli("edit", plan_id).exit_code == 1
    assert cli("edit", plan_id).exit_code == 1
    assert len(list((home / "rejected").iterdir())) == 2


def test_an_unchanged_edit_says_so(cli, editor, plan) -> None:
    plan_id, path = plan
    before = path.read_bytes()
    stat = path.stat()
    editor("pass")
    result = cli("edit", plan_id)
    assert result.exit_code == 0
    assert "No changes." in result.stderr
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stat.st_mtime_ns


def test_an_editor_that_fails_abandons_the_edit(cli, editor, plan, home: Path) -> None:
    plan_id, path = plan
    before = path.read_bytes()
    editor(replace("45", "50"), status=1)  # vim's :cq
    result = cli("edit", plan_id)
    assert result.exit_code == 1
    assert "exited with status 1" in result.stderr
    assert path.read_bytes() == before
    assert len(list((home / "rejected").iterdir())) == 1


def test_a_changed_id_is_put_back(cli, editor, plan) -> None:
    plan_id, path = plan
    original = tomllib.loads(path.read_text())["id"]
    editor(replace(f'id = "{original}"', 'id = "../../elsewhere"'))
    result = cli("edit", plan_id)
    assert result.exit_code == 0
    assert f"cannot be changed (plans are found by it); it stays {original}" in result.stderr
    assert tomllib.loads(path.read_text())["id"] == original


def test_visual_wins_over_editor(cli, editor, plan) -> None:
    plan_id, path = plan
    editor("raise SystemExit('EDITOR must not run')")
    editor(replace("duration_minutes = 45", "duration_minutes = 30"), variable="VISUAL")
    assert cli("edit", plan_id).exit_code == 0
    assert tomllib.loads(path.read_text())["duration_minutes"] == 30


def test_no_editor_and_no_terminal_says_how_to_edit(cli, plan) -> None:
    """Without an editor, edit asks the questions again; without a terminal it cannot."""
    plan_id, path = plan
    before = path.read_bytes()
    result = cli("edit", plan_id)
    assert result.exit_code == 1
    assert result.stderr.startswith("callprep: no terminal to ask the questions on")
    assert "$EDITOR" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert path.read_bytes() == before


def test_an_editor_that_is_not_there_is_one_clear_error(
    cli, plan, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    plan_id, _ = plan
    monkeypatch.setenv("EDITOR", "/no/such/editor --wait")
    result = cli("edit", plan_id)
    assert result.exit_code == 1
    assert "cannot start the editor '/no/such/editor'" in result.stderr
    assert list((home / "drafts").iterdir()) == []


def test_a_broken_plan_can_be_mended_with_edit(cli, editor, home: Path) -> None:
    plans = home / "plans"
    plans.mkdir(parents=True)
    (plans / "broken.toml").write_text('account = "Acme\nkind = "demo"\n')
    warned = cli("list")
    assert "callprep edit broken" in warned.stderr
    editor('path.write_text(\'account = "Acme"\\nkind = "demo"\\n\')')
    result = cli("edit", "broken")
    assert result.exit_code == 0, result.stderr
    mended = cli("list", "--json")
    assert mended.stderr == ""
    assert [row["id"] for row in json.loads(mended.stdout)] == ["broken"]


def test_edit_a_plan_file_outside_the_store(cli, editor, tmp_path: Path) -> None:
    outside = tmp_path / "mine.toml"
    outside.write_text(PREPARED.read_text())
    editor(replace("Acme Logistics", "Acme Freight"))
    result = cli("edit", str(outside))
    assert result.exit_code == 0, result.stderr
    assert tomllib.loads(outside.read_text())["account"] == "Acme Freight"
