"""The CLI's edges: version, help for every command, usage errors, one-line errors, --debug."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from callprep import __version__
from callprep.cli import app
from tests.conftest import PREPARED

COMMANDS = sorted(
    info.name or (info.callback.__name__ if info.callback else "")
    for info in app.registered_commands
)


def run_real(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The installed program, as a seller's shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "callprep", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CALLPREP_HOME": str(home)},
        check=False,
    )


def test_version(cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"callprep {__version__}\n"


def test_the_issue_commands_are_all_there() -> None:
    assert {"new", "list", "show", "edit", "check", "brief"} <= set(COMMANDS)


def test_help_lists_every_command(cli) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    assert "Prepare every customer call" in result.stdout
    for name in COMMANDS:
        assert f"  {name} " in result.stdout or f"  {name}\n" in result.stdout, name


def test_help_says_each_commands_first_sentence_whole_at_80_columns(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Click cut every description to one line with "..." at 80 columns; now each wraps."""
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("--help")
    listing = result.stdout.split("Commands:\n", 1)[1]
    assert "..." not in listing and "…" not in listing
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    described = " ".join(" ".join(listing.split()).split())
    assert "Plan a call: walk the checklist with the coach and save the plan." in described
    assert "review The manager's queue across the team: coming calls least ready first, with " \
        "owner and the costliest gap; recent continuations; stalled deals." in described  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_that_reads(cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: callprep {command} ")
    # A sentence of what the command is for, beyond the usage line and the options.
    summary = result.stdout.split("\n\n")[1].strip()
    assert len(summary.split()) >= 4, summary
    assert cli(command, "-h").stdout == result.stdout


def test_no_arguments_in_an_empty_store_says_what_to_do_first(cli, home) -> None:
    result = cli()
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [
        ["callprep", "profile"],
        ["callprep", "new"],
        ["callprep", "import"],
    ]
    assert all(len(line) <= 80 for line in lines)
    assert not home.exists()  # looking creates no store


def test_no_arguments_with_plans_shows_the_help(cli, stored_example) -> None:
    stored_example(PREPARED)
    result = cli()
    assert result.exit_code == 0
    assert "Usage: callprep" in result.stdout and "Commands" in result.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["done", "x", "abc"], "'abc' is not a commitment number"),
        (
            ["brief", "x", "--format", "docx"],
            "'docx' is no brief format; use term, md, html or pdf",
        ),
        (["new", "--kind", "chat"], "'chat' is no kind of call; use discovery, demo"),
        (
            ["reschedule", "x", "tue 10:00", "--minutes", "lots"],
            "'lots' is not a number of minutes",
        ),
        (["edit", "x", "--section", "all"], "'all' is no part of a plan; use call, objectives"),
    ],
)
def test_bad_values_are_said_in_a_sellers_words(cli, args, says) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert says in result.stderr
    for jargon in ("Value error", "Input should be", "list[int]", "<str>", "{PLAN}"):
        assert jargon not in result.stderr


def every_command() -> list[str]:
    import typer.main

    root = typer.main.get_command(app)
    names: list[str] = []
    for name, command in sorted(root.commands.items()):  # type: ignore[attr-defined]
        names.append(name)
        names += [f"{name} {sub}" for sub in sorted(getattr(command, "commands", {}))]
    return names


@pytest.mark.parametrize("command", every_command())
def test_help_names_arguments_as_a_seller_reads_them(cli, command: str) -> None:
    result = cli(*command.split(), "--help")
    assert result.exit_code == 0, result.stderr
    for jargon in ("<str>", "<int>", "<path>", "<list[int]>", "<bool>", "{", "[[", "]]"):
        assert jargon not in result.stdout, (command, jargon)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_shells_script(cli, shell: str) -> None:
    result = cli("completion", shell)
    assert result.exit_code == 0
    assert "_CALLPREP_COMPLETE" in result.stdout and "callprep" in result.stdout


def test_completion_completes_a_command_in_the_real_program(home: Path) -> None:
    env = {
        **os.environ,
        "CALLPREP_HOME": str(home),
        "_CALLPREP_COMPLETE": "complete_bash",
        "COMP_WORDS": "callprep resch",
        "COMP_CWORD": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "callprep"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.split() == ["reschedule"]


@pytest.mark.parametrize(
    "args",
    [
        ["nonsense"],
        ["show"],
        ["list", "--bogus"],
        ["brief", "x", "--format", "docx"],
        ["new", "--kind", "chat"],
    ],
)
def test_usage_errors_exit_2(cli, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert "Usage: callprep" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["show", "edit", "check", "brief"])
def test_a_plan_not_found_is_one_line_and_exit_1(cli, command: str) -> None:
    result = cli(command, "nope")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "callprep: no plan 'nope' (run `callprep list` to see the plans)\n"


def test_an_ambiguous_prefix_is_one_line_and_exit_1(cli) -> None:
    for _ in range(2):
        cli("new", "--account", "Acme", "--when", "2026-12-03 15:00+00:00", "--no-input")
    result = cli("show", "2026-12-03")
    assert result.exit_code == 1
    assert result.stderr == (
        "callprep: '2026-12-03' matches 2 plans (2026-12-03-acme-call, 2026-12-03-acme-call-2);"
        " type more of the id\n"
    )


def test_a_missing_plan_file_is_one_line(cli, tmp_path: Path) -> None:
    result = cli("show", str(tmp_path / "gone.toml"))
    assert result.exit_code == 1
    assert result.stderr == f"callprep: {tmp_path / 'gone.toml'}: no such plan file\n"


def test_errors_from_the_real_program_have_no_traceback(home: Path) -> None:
    result = run_real("show", "nope", home=home)
    assert result.returncode == 1
    assert result.stderr == "callprep: no plan 'nope' (run `callprep list` to see the plans)\n"


def test_debug_shows_the_traceback(home: Path) -> None:
    result = run_real("--debug", "show", "nope", home=home)
    assert result.returncode == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "CallprepError: no plan 'nope'" in result.stderr


def test_debug_in_process_raises_the_error(cli) -> None:
    from callprep.errors import CallprepError

    with pytest.raises(CallprepError, match="no plan 'nope'"):
        cli("--debug", "show", "nope")


def test_home_option_and_variable_choose_the_store(cli, tmp_path: Path, home: Path) -> None:
    other = tmp_path / "other"
    made = cli("--home", str(other), "new", "--account", "Acme", "--no-input")
    assert made.exit_code == 0
    assert (other / "plans" / f"{made.stdout.strip()}.toml").is_file()
    assert not (home / "plans").exists()  # CALLPREP_HOME is the fixture's; --home won


def test_help_starts_without_the_heavy_libraries(home: Path) -> None:
    probe = (
        "import sys\n"
        "from callprep.cli import app\n"
        "try:\n"
        "    app(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'questionary', 'prompt_toolkit', 'typst', 'icalendar'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("args", "unwanted"),
    [
        (["--help"], {"pydantic"}),
        (["sync"], {"pydantic", "rich", "questionary", "typst", "icalendar"}),
        (["list"], {"questionary", "typst", "icalendar"}),
        # The calendar reader and the transcript reader: only for a calendar, only for a transcript.
        (["new", "--account", "Acme", "--no-input"], {"callprep.calendar.events"}),
        (["reschedule", "acme", "tomorrow 10:00"], {"callprep.calendar.events"}),
        (["deal", "acme"], {"callprep.calls.conversation", "callprep.calls.promises"}),
        (["debrief", "acme", "--no-input"], {"callprep.calls.conversation"}),
        # The interview's modules: only for an interview, never for the editor.
        (
            ["edit", "acme"],
            {"callprep.calls.interview", "callprep.calls.reinterview", "callprep.coach.playbook"},
        ),
        # The sign-off preview and the playbooks: only for showing, asking or setting a key.
        (["profile", "--json"], {"callprep.outreach.agenda", "callprep.coach.playbook"}),
        # The invite writer: only with --ics.
        (["agenda", "acme"], {"callprep.calendar.ics"}),
    ],
)
def test_a_command_loads_only_what_it_needs(home: Path, args: list[str], unwanted) -> None:
    """Typer's own coercion would load pydantic for every option (see typer_patches.light_coercion); sync
    needs neither the plan model nor rich when its output is no terminal."""
    probe = (
        "import sys\n"
        "from callprep.cli import app\n"
        "try:\n"
        f"    app({['--home', str(home), *args]!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(set({sorted(unwanted)!r}) & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


@pytest.mark.parametrize("command", every_command())
def test_every_option_is_coerced_without_pydantic(command: str) -> None:
    """typer_patches.light_coercion covers every parameter callprep has: none falls back to typer's
    pydantic adapters (a new option of another type would bring ~60 ms back to each start)."""
    import typer.main

    found = typer.main.get_command(app)
    for name in command.split():
        found = found.commands[name]  # type: ignore[attr-defined]
    for param in found.params:
        if hasattr(param, "get_runtime_param"):
            assert type(param.get_runtime_param()).__name__ == "Plain", (command, param.name)


def test_plain_options_are_still_checked(cli) -> None:
    result = cli("--home", "x\x00y", "list")
    assert result.exit_code == 2
    assert "embedded null byte" in result.stderr and "Traceback" not in result.stderr


def test_a_path_to_an_example_works_anywhere(cli) -> None:
    result = cli("show", str(PREPARED), "--json")
    assert result.exit_code == 0
    assert '"account": "Acme Logistics"' in result.stdout
