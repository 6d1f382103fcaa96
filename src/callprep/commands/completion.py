"""`callprep completion`: what the shell completes on Tab beyond commands and options (plan
ids, accounts), and installing the shell's script where the shell looks for it.

The shell runs callprep on every Tab: this module loads neither pydantic nor the plan model.
Plan ids are the names in `<home>/plans/`; accounts come from the index cache `list` keeps
(`<home>/cache/index.json`), read as plain JSON, and from the few files it does not hold yet.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from callprep import messages
from callprep.errors import CallprepError
from callprep.files import PLAN_SUFFIX, atomic_write

COMPLETE_VAR = "_CALLPREP_COMPLETE"
# More than this many candidates and a shell asks whether to show them all anyway.
MAX_SHOWN = 200
# An index bigger than this (far past 10,000 plans) is not read on a Tab: the ids still are.
MAX_INDEX_BYTES = 32 << 20
# Plan files the index does not hold yet (written since the last `list`) read on a Tab, at most.
MAX_READ = 100


def plan_refs(home: Path, incomplete: str) -> list[str]:
    """What PLAN may be that starts with `incomplete`: plan ids, and accounts (which PLAN
    accepts too, in any case) when what is typed does not start like an id's date."""
    found = [plan_id for plan_id in plan_ids(home) if plan_id.startswith(incomplete)]
    if not incomplete[:1].isdigit():
        wanted = incomplete.casefold()
        # The account finds its plan in any case: it is offered in the case typed so far,
        # which is the shell's test of a completion (a Tab on "acme" offers "acme Logistics").
        found += [
            _for_shell(incomplete + account[len(incomplete) :])
            for account in accounts(home)
            if account.casefold().startswith(wanted)
        ]
    return found[:MAX_SHOWN]


def plan_ids(home: Path) -> list[str]:
    """The ids of the store's plans, from the folder's names alone (no file is read)."""
    try:
        names = os.listdir(home / "plans")
    except OSError:
        return []
    return sorted(
        name[: -len(PLAN_SUFFIX)]
        for name in names
        if name.endswith(PLAN_SUFFIX) and name[:1] != "." and "." not in name[: -len(PLAN_SUFFIX)]
    )


def conflict_names(home: Path, incomplete: str) -> list[str]:
    """`resolve`'s ID: the plans with a conflict copy, and the copies as sync names them."""
    try:
        names = os.listdir(home / "plans")
    except OSError:
        return []
    copies = sorted(n[: -len(PLAN_SUFFIX)] for n in names if ".conflict-" in n and n[:1] != ".")
    plans = sorted({copy.split(".conflict-", 1)[0] for copy in copies})
    return [name for name in [*plans, *copies] if name.startswith(incomplete)]


def account_names(home: Path, incomplete: str) -> list[str]:
    """`--account`'s NAME: the accounts already in the store, as they are written."""
    named = [_for_shell(a) for a in accounts(home) if a.startswith(incomplete)]
    return named[:MAX_SHOWN]


def trashed(home: Path, incomplete: str) -> list[str]:
    """`delete --restore`'s ID: the plans in the trash (a copy deleted twice: its id once)."""
    try:
        names = os.listdir(home / "trash")
    except OSError:
        return []
    ids = {n[: -len(PLAN_SUFFIX)].split("~", 1)[0] for n in names if n.endswith(PLAN_SUFFIX)}
    return sorted(i for i in ids if i.startswith(incomplete) and i[:1] != ".")


def accounts(home: Path) -> list[str]:
    """The accounts of the store's plans, each once, in the case first seen: from the index
    cache, and for the few files it does not hold yet (written since the last `list`) from the
    files themselves, read as plain TOML."""
    names: list[str] = []
    cached: set[str] = set()
    path = home / "cache" / "index.json"
    try:
        if path.stat().st_size <= MAX_INDEX_BYTES:
            for file, entry in json.loads(path.read_bytes())["plans"].items():
                if isinstance(entry, list) and isinstance(entry[4][1], str):
                    cached.add(file)
                    names.append(entry[4][1])
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        pass  # no cache yet, or one of another format: the files are read
    uncached = [f"{i}{PLAN_SUFFIX}" for i in plan_ids(home) if f"{i}{PLAN_SUFFIX}" not in cached]
    names += [_account_in(home / "plans" / name) for name in uncached[:MAX_READ]]
    seen: dict[str, str] = {}
    for name in names:
        if name.strip():
            seen.setdefault(name.casefold(), name)
    return sorted(seen.values(), key=str.casefold)


def _account_in(path: Path) -> str:
    import tomllib  # deferred: only a plan the index does not hold yet

    try:
        account = tomllib.loads(path.read_text(encoding="utf-8")).get("account", "")
    except (OSError, ValueError):
        return ""
    return account if isinstance(account, str) else ""


def _for_shell(value: str) -> str:
    """A completion as the shell puts it on the line: bash takes it as it is, so a space in it
    is escaped (zsh and fish escape what they insert themselves)."""
    if os.environ.get(COMPLETE_VAR) != "complete_bash":
        return value
    return value.replace("\\", "\\\\").replace(" ", "\\ ").replace("'", "\\'")


# --- installing the script ------------------------------------------------------------------


def install_path(shell: str) -> Path:
    """Where each shell looks for a completion script of its own user."""
    home = Path.home()
    if shell == "bash":  # bash-completion loads it from here on first use of `callprep`
        data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
        return data / "bash-completion" / "completions" / "callprep"
    if shell == "zsh":  # a folder of the seller's own in $fpath
        return Path(os.environ.get("ZDOTDIR") or home) / ".zfunc" / "_callprep"
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    return config / "fish" / "completions" / "callprep.fish"


def script_for(shell: str, script: str) -> str:
    """The script as a file the shell loads by itself. zsh loads `_callprep` from $fpath as the
    body of a function and expects it to complete at once, not only to register itself."""
    script = script.strip("\n")
    if shell == "zsh":
        lines = script.splitlines()
        register = lines[-1]
        function = register.split()[1]  # `compdef _callprep_completion callprep`
        lines[-1:] = [
            "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then",
            f'  {function} "$@"',
            "else",
            f"  {register}",
            "fi",
        ]
        script = "\n".join(lines)
    return script + "\n"


def install(shell: str, script: str) -> Path:
    """Write the shell's script where it looks, making the folders a fresh machine lacks."""
    path = install_path(shell)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, script_for(shell, script), mode=0o644)
    except OSError as err:
        raise CallprepError(
            messages.COMPLETION_CANNOT_WRITE.format(path=path, reason=err.strerror or err)
        ) from err
    return path


def report(shell: str, path: Path) -> None:
    """Where the script went, and what else the shell needs (each command on its own line)."""
    from callprep import output  # deferred: only after an install

    output.say(messages.COMPLETION_INSTALLED.format(path=path))
    if shell == "bash":
        output.hint(messages.COMPLETION_BASH_NEXT, f"source {path}")
    elif shell == "zsh":
        output.hint(messages.COMPLETION_ZSH_NEXT, *messages.COMPLETION_ZSH_LINES)
    else:
        output.say(messages.COMPLETION_FISH_NEXT)
