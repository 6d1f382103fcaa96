"""git driven as callprep runs it: every command a subprocess with its arguments as a list, no
shell, no prompt, no hooks, with a time limit on the network; and what a sync reads of git (refs,
trees, blobs). The team store's rules are callprep.team.gitstore's."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from callprep import messages
from callprep.errors import CallprepError

BRANCH = "main"
REMOTE = "origin"
BRANCH_REF = f"refs/heads/{BRANCH}"
REMOTE_REF = f"refs/remotes/{REMOTE}/{BRANCH}"
NETWORK_TIMEOUT_SECONDS = 120  # fetch, push, ls-remote: a stalled network must not hang a sync
LOCAL_TIMEOUT_SECONDS = 600

# Every git command: no hooks, files byte for byte, paths unquoted, nothing signed.
GIT_CONFIG = (
    *("-c", "core.quotepath=off"),
    *("-c", "core.hooksPath=/dev/null"),
    *("-c", "core.autocrlf=false"),
    *("-c", "core.safecrlf=false"),
    *("-c", "commit.gpgSign=false"),
    *("-c", "color.ui=false"),
    *("-c", "credential.interactive=never"),
    # The remote-tracking ref's log: what this store last synced, after a force-push (gitstore).
    *("-c", "core.logAllRefUpdates=true"),
)
# Environment that would point git at another repository, index or object store.
SCRUBBED = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
    "SSH_ASKPASS",
)
# What git says when the remote does not accept who we are (rather than cannot be reached).
AUTH_FAILED = re.compile(
    r"authentication failed|permission denied|could not read (?:username|password)|"
    r"terminal prompts disabled|access denied|invalid credentials|"
    r"\b40[13]\b|host key verification failed",
    re.IGNORECASE,
)
# git's generic lines after the one that says what went wrong.
GENERIC_LINES = re.compile(
    r"^(?:fatal: )?(?:could not read from remote repository\.?|please make sure you have the "
    r"correct access rights|and the repository exists\.?|the remote end hung up unexpectedly)$",
    re.IGNORECASE,
)

Entry = tuple[str, str]  # (mode, object id) of a file in a tree


class GitError(CallprepError):
    """A team-store problem, in one line for the seller."""


def git_available() -> bool:
    return shutil.which("git") is not None


def scp_like(url: str) -> bool:
    # git's rule: `host:path` when a colon comes before any slash.
    colon = url.find(":")
    slash = url.find("/")
    return colon > 0 and (slash < 0 or colon < slash)


# -- running git ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Done:
    returncode: int
    out: bytes
    err: str


class GitFailed(Exception):
    def __init__(self, step: str, done: Done) -> None:
        super().__init__(done.err)
        self.step = step
        self.done = done


class GitTimeout(Exception):
    pass


def git_env() -> dict[str, str]:
    """The environment of every git: no prompt of any kind, C locale, nothing redirected."""
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env.update(
        LC_ALL="C",
        LANGUAGE="C",
        GIT_TERMINAL_PROMPT="0",
        GIT_ASKPASS="",  # set but empty: git then asks neither a program nor core.askPass
        SSH_ASKPASS_REQUIRE="never",
        GCM_INTERACTIVE="never",
        GIT_EDITOR=":",
        GIT_SEQUENCE_EDITOR=":",
        GIT_MERGE_AUTOEDIT="no",
        GIT_PAGER="cat",
    )
    return env


def require_git(command: str) -> None:
    if not git_available():
        raise GitError(messages.GIT_MISSING.format(command=command))


def execute(
    command: list[str],
    cwd: Path | None,
    stdin: bytes | None = None,
    network: bool = False,
    env: Mapping[str, str] | None = None,
) -> Done:
    timeout = NETWORK_TIMEOUT_SECONDS if network else LOCAL_TIMEOUT_SECONDS
    try:
        proc = subprocess.Popen(
            command,
            cwd=cwd,
            env=env or git_env(),
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            umask=0o077,  # whatever git creates (objects, refs, index) is the seller's alone
            # Network steps get no controlling terminal, so nothing (ssh included) can prompt.
            start_new_session=network,
        )
    except FileNotFoundError as err:
        if not git_available():
            raise GitError(messages.GIT_MISSING.format(command="sync")) from err
        raise GitError(f"cannot run git in {cwd}: {err.strerror}") from err
    except OSError as err:
        raise GitError(f"cannot run git: {err.strerror or err}") from err
    try:
        out, errors = proc.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_git(proc, network)
        proc.communicate()
        raise GitTimeout() from None
    except BaseException:
        kill_git(proc, network)
        proc.wait()
        raise
    return Done(proc.returncode, out, errors.decode("utf-8", "replace"))


def kill_git(proc: subprocess.Popen[bytes], group: bool) -> None:
    with contextlib.suppress(OSError):
        if group:
            os.killpg(proc.pid, signal.SIGKILL)  # git and its ssh or https helper
        else:
            proc.kill()


class Git:
    """git for one store: always this git dir and this work tree, never one found by walking up."""

    def __init__(self, home: Path, git_dir: Path | None = None) -> None:
        # Absolute: git runs in other folders than this process (`--home team` must work).
        self.home = home.absolute()
        self.git_dir = (git_dir or home / ".git").absolute()
        self._url: str | None = None

    def run(
        self,
        *args: str,
        stdin: bytes | None = None,
        check: bool = True,
        index: Path | None = None,
        ident: str | None = None,
    ) -> Done:
        command = ["git", f"--git-dir={self.git_dir}", f"--work-tree={self.home}", *GIT_CONFIG]
        if ident is not None:
            command += ["-c", f"user.name={ident_name(ident)}", "-c", f"user.email={ident}"]
        command += args
        env = None
        if index is not None:
            env = {**git_env(), "GIT_INDEX_FILE": str(index)}
        try:
            done = execute(command, self.home, stdin=stdin, env=env)
        except GitTimeout:
            reason = f"no answer in {LOCAL_TIMEOUT_SECONDS} seconds"
            raise GitError(
                messages.GIT_FAILED.format(step=args[0], home=self.home, reason=reason)
            ) from None
        if check and done.returncode != 0:
            raise GitFailed(args[0], done)
        return done

    def text(
        self,
        *args: str,
        stdin: bytes | None = None,
        index: Path | None = None,
        ident: str | None = None,
    ) -> str:
        done = self.run(*args, stdin=stdin, index=index, ident=ident)
        return done.out.decode("utf-8", "surrogateescape").strip()

    def network(self, *args: str) -> Done:
        command = ["git", f"--git-dir={self.git_dir}", f"--work-tree={self.home}", *GIT_CONFIG]
        command += ssh_config(self.url(), self.git_dir)
        try:
            return execute([*command, *args], self.home, network=True)
        except GitTimeout:
            raise GitError(
                messages.TEAM_UNREACHABLE.format(
                    url=self.url(),
                    reason=messages.TEAM_NO_ANSWER.format(seconds=NETWORK_TIMEOUT_SECONDS),
                )
            ) from None

    def url(self) -> str:
        """The team store's URL, from the config file (git itself only for an unusual one)."""
        if self._url is None:
            self._url = config_url(self.git_dir)
            if self._url is None:
                done = self.run("config", "--get", f"remote.{REMOTE}.url", check=False)
                self._url = done.out.decode("utf-8", "replace").strip() or "(no remote)"
        return self._url

    def failure(self, err: GitFailed) -> GitError:
        return GitError(
            messages.GIT_FAILED.format(step=err.step, home=self.home, reason=git_reason(err.done))
        )


def config_url(git_dir: Path) -> str | None:
    """remote.origin.url as written by `git config` for a plain value; None for anything else."""
    try:
        lines = (git_dir / "config").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    inside = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped == f'[remote "{REMOTE}"]'
        elif inside:
            key, sep, value = stripped.partition("=")
            if sep and key.strip().lower() == "url":
                value = value.strip()
                return None if not value or any(c in value for c in '"\\;#') else value
    return None


def ssh_config(url: str, git_dir: Path | None) -> list[str]:
    """ssh in batch mode: without it ssh would ask for a passphrase on /dev/tty, or hang on an
    unknown host. A seller's own ssh command (GIT_SSH_COMMAND, GIT_SSH, core.sshCommand) wins."""
    if not (url.startswith(("ssh://", "git+ssh://", "ssh+git://")) or scp_like(url)):
        return []
    if "GIT_SSH_COMMAND" in os.environ or "GIT_SSH" in os.environ:
        return []
    where = [f"--git-dir={git_dir}"] if git_dir is not None and git_dir.is_dir() else []
    own = execute(["git", *where, "config", "--get", "core.sshCommand"], None)
    if own.returncode == 0 and own.out.strip():
        return []
    return ["-c", "core.sshCommand=ssh -o BatchMode=yes -o ConnectTimeout=30"]


def ident_name(who: str) -> str:
    name = who.rsplit("@", 1)[0] if "@" in who else who
    name = re.sub(r"[<>\n\r\0]", "", name).strip()
    return name or "callprep"


def git_reason(done: Done) -> str:
    """git's own explanation, in one line."""
    lines = [line.strip() for line in done.err.splitlines() if line.strip()]
    lines = [line for line in lines if not line.lower().startswith(("hint:", "warning:"))]
    telling = [line for line in lines if not GENERIC_LINES.match(line)] or lines
    if not telling:
        return f"git exited with status {done.returncode}"
    line = telling[0]
    for prefix in ("fatal: ", "error: ", "remote: "):
        if line.lower().startswith(prefix):
            line = line[len(prefix) :]
            break
    line = line.rstrip(".")
    return line if len(line) <= 300 else line[:299] + "…"


def network_error(git: Git, done: Done, setup: bool = False, url: str | None = None) -> GitError:
    reason = git_reason(done)
    url = url or git.url()
    if AUTH_FAILED.search(done.err):
        template = messages.TEAM_AUTH_SETUP if setup else messages.TEAM_AUTH
    else:
        template = messages.TEAM_UNREACHABLE_SETUP if setup else messages.TEAM_UNREACHABLE
    return GitError(template.format(url=url, reason=reason))


def ls_remote(home: Path, url: str) -> set[str]:
    """The branches of the repository at `url` (no repository here is needed or made)."""
    command = ["git", *GIT_CONFIG, *ssh_config(url, None), "ls-remote", "--heads", url]
    cwd = home if home.is_dir() else None
    try:
        done = execute(command, cwd, network=True)
    except GitTimeout:
        reason = messages.TEAM_NO_ANSWER.format(seconds=NETWORK_TIMEOUT_SECONDS)
        raise GitError(messages.TEAM_UNREACHABLE_SETUP.format(url=url, reason=reason)) from None
    if done.returncode != 0:
        raise network_error(Git(home), done, setup=True, url=url)
    heads = set()
    for line in done.out.decode("utf-8", "replace").splitlines():
        _, _, ref = line.partition("\t")
        if ref:
            heads.add(ref.strip())
    return heads


# -- reading git ---------------------------------------------------------------------------------------


def split_z(data: bytes) -> list[str]:
    return [part.decode("utf-8", "surrogateescape") for part in data.split(b"\0") if part]


def read_refs(git: Git) -> dict[str, tuple[str, str]]:
    """The branch and its remote-tracking ref: name → (commit, tree)."""
    done = git.run(
        "for-each-ref", "--format=%(refname)%00%(objectname)%00%(tree)", BRANCH_REF, REMOTE_REF
    )
    refs = {}
    for line in done.out.decode("utf-8", "replace").splitlines():
        name, commit, tree = line.split("\0")
        refs[name] = (commit, tree)
    return refs


def tree_diff(git: Git, old: str, new: str) -> dict[str, tuple[Entry | None, Entry | None]]:
    """Every file that differs between two commits (or trees): path → (before, after)."""
    done = git.run("diff-tree", "-r", "-z", "--no-renames", "--no-ext-diff", old, new)
    parts = done.out.split(b"\0")
    changes: dict[str, tuple[Entry | None, Entry | None]] = {}
    i = 0
    while i + 1 < len(parts):
        header = parts[i].decode("ascii", "replace")
        if not header.startswith(":"):
            i += 1
            continue
        mode_a, mode_b, id_a, id_b, _status = header[1:].split(" ")
        path = parts[i + 1].decode("utf-8", "surrogateescape")
        before = None if set(mode_a) == {"0"} else (mode_a, id_a)
        after = None if set(mode_b) == {"0"} else (mode_b, id_b)
        changes[path] = (before, after)
        i += 2
    return changes


def list_folder(git: Git, commit: str, folder: str) -> dict[str, Entry]:
    """The files of one folder of a commit: name → entry."""
    done = git.run("ls-tree", "-z", commit, "--", f"{folder}/")
    entries = {}
    for item in split_z(done.out):
        meta, _, path = item.partition("\t")
        mode, _kind, oid = meta.split(" ")
        entries[path.rpartition("/")[2]] = (mode, oid)
    return entries


def read_blobs(git: Git, ids: Iterable[str]) -> dict[str, bytes]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    done = git.run("cat-file", "--batch", stdin=("\n".join(wanted) + "\n").encode("ascii"))
    data = done.out
    found: dict[str, bytes] = {}
    pos = 0
    for oid in wanted:
        end = data.index(b"\n", pos)
        header = data[pos:end].decode("ascii", "replace").split(" ")
        pos = end + 1
        if len(header) < 3 or header[1] == "missing":
            raise GitError(f"git lost the object {oid} in {git.home}; run `git fsck` there")
        size = int(header[2])
        found[oid] = data[pos : pos + size]
        pos += size + 1
    return found


def blob_id(data: bytes) -> str:
    import hashlib  # here: a sync with nothing of this kind to do never loads it

    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()
