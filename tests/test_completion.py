"""Completion on Tab: commands and options, plan ids, accounts, option values and profile keys,
fast (no plan model), and `callprep completion SHELL --install` on a fresh machine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from callprep import cli as callprep_cli
from callprep.plans import profile
from tests.conftest import PREPARED

NAMES = ("2026-12-03-acme-logistics-discovery", "2026-12-08-vandelay-imports-demo")


def complete(home: Path, line: str, shell: str = "bash", **env: str) -> list[str]:
    """What `callprep` offers on Tab after `line` (a trailing space: a new word), as the shell's
    script asks it: callprep run with the completion variables set."""
    words = line.split(" ")
    variables = {**os.environ, "CALLPREP_HOME": str(home), **env}
    if shell == "bash":
        variables |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        variables |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    variables["_CALLPREP_COMPLETE"] = f"complete_{shell}"
    done = subprocess.run(
        [sys.executable, "-m", "callprep"],
        env=variables,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.fixture
def store(cli, home: Path) -> Path:
    """Two plans, one deleted plan in the trash, a conflict copy; `list` made the index."""
    assert cli("new", "--from", str(PREPARED), "--no-input").exit_code == 0
    made = cli(
        "new", "--account", "Vandelay Imports", "--kind", "demo", "--when", "8 Dec 10:00",
        "--no-input",
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    assert cli("new", "--account", "Gone", "--when", "9 Dec 10:00", "--no-input").exit_code == 0
    assert cli("delete", "gone").exit_code == 0
    copy = home / "plans" / f"{NAMES[1]}.conflict-bob.toml"
    copy.write_bytes((home / "plans" / f"{NAMES[1]}.toml").read_bytes())
    assert cli("list").exit_code == 0  # the index cache (accounts: from it, else the files)
    return home


@pytest.mark.slow
def test_plan_ids_and_accounts_complete_where_a_plan_is_asked(store: Path) -> None:
    assert complete(store, "callprep brief 2026-12-0") == list(NAMES)
    # An account finds its plan in any case: offered in the case typed, its space escaped.
    assert complete(store, "callprep brief vand") == ["vandelay\\ Imports"]
    assert complete(store, "callprep deal Ac") == ["Acme\\ Logistics"]
    assert "Acme Logistics" in complete(store, "callprep brief Ac", shell="zsh")[0]
    assert complete(store, "callprep new --account V") == ["Vandelay\\ Imports"]
    assert complete(store, "callprep resolve ") == [NAMES[1], f"{NAMES[1]}.conflict-bob"]
    assert complete(store, "callprep delete --restore ") == ["2026-12-09-gone-call"]
    # Another store, named on the line, is the one read.
    assert not any(complete(store, f"callprep --home {store / 'nowhere'} brief "))


@pytest.mark.slow
def test_values_and_profile_keys_complete(home: Path) -> None:
    assert complete(home, "callprep brief x --format ") == ["term", "md", "html", "pdf"]
    assert complete(home, "callprep deal x --format ") == ["term", "md", "html"]
    assert complete(home, "callprep export --format s") == ["sqlite"]
    assert complete(home, "callprep brief x --paper ") == ["a4", "letter"]
    assert complete(home, "callprep new --kind d") == ["discovery", "demo"]
    assert complete(home, "callprep edit x --section ") == list(callprep_cli.SECTIONS)
    assert complete(home, "callprep list --owner ") == ["me", "all"]
    assert complete(home, "callprep profile set ") == list(profile.KEYS)
    assert complete(home, "callprep profile set paper ") == ["a4", "letter"]
    assert complete(home, "callprep profile set timezone Europe/Lon") == ["Europe/London"]
    assert complete(home, "callprep completion ") == ["bash", "zsh", "fish"]
    assert "resolve" in complete(home, "callprep re")


def test_the_profile_keys_are_the_profiles() -> None:
    assert callprep_cli.PROFILE_KEYS == profile.KEYS


@pytest.mark.slow
@pytest.mark.parametrize("line", ["callprep br", "callprep brief 2026", "callprep brief Ac"])
def test_completing_loads_no_plan_model(store: Path, line: str) -> None:
    """The shell runs callprep on every Tab: commands and ids come without pydantic or rich."""
    probe = (
        "import sys\n"
        "from callprep.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'pydantic', 'rich', 'callprep.plans.model', 'callprep.catalog.index'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    words = line.split(" ")
    env = {**os.environ, "CALLPREP_HOME": str(store), "_CALLPREP_COMPLETE": "complete_bash"}
    env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new machine's home: no ~/.local/share/bash-completion, no ~/.zfunc, no ~/.config."""
    machine = tmp_path / "machine"
    machine.mkdir()
    monkeypatch.setenv("HOME", str(machine))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "ZDOTDIR"):
        monkeypatch.delenv(name, raising=False)
    return machine


@pytest.mark.parametrize(
    ("shell", "where", "first"),
    [
        ("bash", ".local/share/bash-completion/completions/callprep", "_callprep_completion() {"),
        ("zsh", ".zfunc/_callprep", "#compdef callprep"),
        ("fish", ".config/fish/completions/callprep.fish", "complete --command callprep"),
    ],
)
def test_install_makes_the_folders_a_fresh_machine_lacks(
    cli, fresh: Path, shell: str, where: str, first: str
) -> None:
    result = cli("completion", shell, "--install")
    assert result.exit_code == 0, result.stderr
    path = fresh / where
    assert path.read_text(encoding="utf-8").splitlines()[0].startswith(first)
    assert f"Wrote the completion script to {path}." in result.stderr
    assert result.stdout == ""
    # Printed, it is the same script (for `> FILE` wherever the seller keeps them).
    assert cli("completion", shell).stdout == path.read_text(encoding="utf-8")


def test_zsh_loads_the_installed_script_from_fpath_and_completes_at_once(cli, fresh) -> None:
    cli("completion", "zsh", "--install")
    script = (fresh / ".zfunc" / "_callprep").read_text(encoding="utf-8")
    assert "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then" in script
    assert '  _callprep_completion "$@"' in script
    result = cli("completion", "zsh", "--install")
    assert "fpath=(~/.zfunc $fpath)" in result.stderr


def test_install_that_cannot_write_is_one_line(cli, fresh: Path, monkeypatch) -> None:
    blocked = fresh / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked))
    result = cli("completion", "bash", "--install")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"callprep: cannot write {blocked}/bash-completion")
    assert result.stderr.strip().endswith("nothing was installed")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_a_plan_id_with_the_installed_script(cli, fresh: Path, store: Path) -> None:
    """The whole way: the installed file sourced by a real bash, its function run on a line."""
    assert cli("completion", "bash", "--install").exit_code == 0
    script = fresh / ".local/share/bash-completion/completions/callprep"
    line = (
        f"source {script}\n"
        "COMP_WORDS=(callprep brief 2026-12-03); COMP_CWORD=2\n"
        "_callprep_completion callprep\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    bin_dir = Path(sys.executable).parent  # where pip put the `callprep` script
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env |= {"CALLPREP_HOME": str(store), "HOME": str(fresh)}
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", line],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.splitlines() == [NAMES[0]], done.stderr
