"""A start builds the command it runs, not every command (callprep.typer_patches)."""

from __future__ import annotations

import typer.main
from typer.testing import CliRunner

from callprep.cli import app


def built(group: object) -> set[str]:
    return {name for name, command in dict.items(group.commands) if command is not None}  # type: ignore[attr-defined]


def test_the_group_knows_every_command_and_builds_none() -> None:
    group = typer.main.get_command(app)
    assert {"new", "brief", "debrief", "transcript", "resolve", "team", "profile"} <= set(
        group.commands  # type: ignore[attr-defined]
    )
    assert built(group) == set()


def test_help_lists_every_command_without_building_one(monkeypatch) -> None:
    made: list[str] = []
    real = typer.main.get_command_from_info

    def spy(info, **options):  # type: ignore[no-untyped-def]
        made.append(info.callback.__name__)
        return real(info, **options)

    monkeypatch.setattr(typer.main, "get_command_from_info", spy)
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("new", "brief", "transcript", "resolve", "team", "profile"):
        assert f"\n  {name} " in result.stdout
    assert made == []


def test_a_command_builds_itself_alone(monkeypatch) -> None:
    made: list[str] = []
    real = typer.main.get_command_from_info

    def spy(info, **options):  # type: ignore[no-untyped-def]
        made.append(info.name or info.callback.__name__)
        return real(info, **options)

    monkeypatch.setattr(typer.main, "get_command_from_info", spy)
    result = CliRunner().invoke(app, ["playbooks"])
    assert result.exit_code == 0
    assert made == ["playbooks"]
