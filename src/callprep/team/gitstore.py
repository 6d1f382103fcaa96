"""The team store: a seller's home as a git repository that syncs with the team's shared one.

More in docs/internals.md, `callprep.team.gitstore`.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from callprep import clock, messages
from callprep.files import PLAN_SUFFIX, TEMP_SUFFIX, fsync_dir
from callprep.team.git_runner import (
    BRANCH,
    BRANCH_REF,
    REMOTE,
    REMOTE_REF,
    Done,
    Entry,
    Git,
    GitError,
    GitFailed,
    blob_id,
    execute,
    git_reason,
    list_folder,
    ls_remote,
    network_error,
    read_blobs,
    read_refs,
    require_git,
    scp_like,
    split_z,
    tree_diff,
)

# This module does not import the store: that would load pydantic and the plan model (a fifth
# of a second) into every `callprep sync`, which needs neither. What it shares with the store
# (the plans' lock files, the temp names) comes from callprep.files or is spelt out here and
# tested there.


SYNC_LOCK_TIMEOUT_SECONDS = 10
PLAN_LOCK_TIMEOUT_SECONDS = 10
# A git lock file (index.lock, a ref's .lock) younger than this may belong to a git that is
# still running (one a killed sync started finishes on its own); an older one is dead.
STALE_GIT_LOCK_SECONDS = 3.0
# git's words for a ref another git is changing at the same moment (C locale, see git_env).
_REF_RACE = re.compile(r"cannot lock ref|Unable to create '[^']*\.lock'")
FETCH_TRIES = 4
# A sync starts over when the team pushed in between, or a plan changed here meanwhile.
MAX_ROUNDS = 3
# How far back the remote-tracking ref's log is searched for the team commit last synced.
LAST_SYNCED_TRIES = 50
LOCK_BATCH = 256  # plan locks held at once while files are replaced
FSYNC_LIMIT = 200  # more files than this (a join): no fsync each, one sync of the disk at the end

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's empty tree (SHA-1)
ZERO_ID = "0" * 40
SETUP_DIR = ".callprep-team-setup"
SYNC_LOCK = "callprep-sync.lock"
MERGE_INDEX = "callprep-index"
SETUP_LOCK = "team-setup"  # <home>/plans/.team-setup.lock

# For the kill tests only: with this set to a step's name, a sync says so on stderr and waits
# there (until it is killed).
PAUSE_ENV = "CALLPREP_TEST_SYNC_PAUSE"

GITIGNORE = """\
# A callprep team store shares plans/ and playbooks/ only; callprep never adds anything else.
/*
!/.gitignore
!/plans/
!/playbooks/
/drafts/
/cache/
/trash/
/rejected/
/profile.toml
/plans/.*
/plans/*/
/playbooks/.*
/playbooks/*/
"""

# The shared files, as git pathspecs and as the same rule in Python.
_FOLDERS = ("plans", "playbooks")
_SHARED = re.compile(r"^(?:\.gitignore|(?:plans|playbooks)/[^/.][^/]*\.toml)$")
_CONFLICT = re.compile(r"^(?P<base>[^/.][^/]*?)\.conflict-(?P<who>[a-z0-9][a-z0-9-]*)\.toml$")


class _Changed(Exception):
    """A file to be replaced changed here while the sync ran: start over, nothing is lost."""

    def __init__(self, paths: Sequence[str]) -> None:
        super().__init__(", ".join(paths))
        self.paths = list(paths)


class _Stale(Exception):
    """The team pushed between this sync's fetch and its push: start over."""


@dataclass(frozen=True)
class SyncResult:
    committed: list[str]  # plan ids of this seller's changes committed by this sync
    sent: list[str]  # plan ids this sync pushed (with those committed by earlier, offline, syncs)
    received: list[str]  # plan ids a teammate changed that this sync brought here
    new_conflicts: list[Path]  # conflict copies this sync made (this seller's version)
    conflicts: list[Path]  # every conflict copy in the store after the sync
    pushed: bool  # the team store got something from this sync


@dataclass(frozen=True)
class InitResult:
    url: str
    shared: list[str]  # plan ids now in the team store
    pushed: bool


@dataclass(frozen=True)
class JoinResult:
    url: str
    received: list[str]  # the team's plan ids that came here
    added: list[str]  # this seller's plans added to the team store
    conflicts: list[Path]  # this seller's plans kept beside a different team version
    pushed: bool


# -- public interface -----------------------------------------------------------------------------


def is_team_store(home: Path) -> bool:
    """`home` was made a team store by `team init` or `team join` (cheap: no git is run)."""
    try:
        text = (home / ".git" / "config").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "[callprep]" in text


def who_slug(who: str) -> str:
    """The seller as conflict files name them: the local part of the email, as a slug."""
    local = who.rsplit("@", 1)[0] if "@" in who else who
    for text in (local, who):
        slug = _slugify(text)[:40].strip("-")
        if slug:
            return slug
    return "someone"


def conflicts(home: Path) -> list[Path]:
    """The conflict copies still in the store (`plans/` then `playbooks/`), until resolved."""
    found: list[Path] = []
    for folder in _FOLDERS:
        try:
            with os.scandir(home / folder) as entries:
                names = [e.name for e in entries if ".conflict-" in e.name]
        except OSError:
            continue
        found.extend(home / folder / name for name in sorted(names) if _CONFLICT.match(name))
    return found


def init(home: Path, url: str, who: str) -> InitResult:
    """Make `home` the team store at `url` (an empty repository) and push its plans there."""
    require_git("team init")
    _not_yet_a_repository(home)
    url = normalize_url(url)
    heads = ls_remote(home, url)
    if heads:
        raise GitError(messages.TEAM_REMOTE_NOT_EMPTY.format(url=url))
    shared = _setup(home, url, who)
    result = sync(home, who)
    return InitResult(url=url, shared=shared, pushed=result.pushed)


def join(home: Path, url: str, who: str) -> JoinResult:
    """Make `home` a copy of the team store at `url`; plans already here are kept and added.

    A plan whose file name the team store already has, with other content, is kept beside the
    team's as `<id>.conflict-<who>.toml`. Drafts, the profile and the rest are left alone.
    """
    require_git("team join")
    _not_yet_a_repository(home)
    url = normalize_url(url)
    heads = ls_remote(home, url)
    if not heads:
        raise GitError(messages.TEAM_REMOTE_EMPTY.format(url=url))
    if BRANCH_REF not in heads:
        raise GitError(messages.TEAM_REMOTE_NO_MAIN.format(url=url))
    _setup(home, url, who)
    result = _sync(home, who)
    copies = set(result.new_conflicts)
    return JoinResult(
        url=url,
        received=result.received,
        added=[i for i in result.sent if (home / "plans" / f"{i}{PLAN_SUFFIX}") not in copies],
        conflicts=result.new_conflicts,
        pushed=result.pushed,
    )


def sync(home: Path, who: str) -> SyncResult:
    """Commit this seller's changes, bring the team's, settle conflicts, push.

    Raises GitError (one line) when git is missing, the team store cannot be reached or does
    not accept the seller's credentials; whatever was committed stays here for the next sync.
    """
    result = _sync(home, who)
    return SyncResult(
        committed=result.committed,
        sent=result.sent if result.pushed else [],
        received=result.received,
        new_conflicts=result.new_conflicts,
        conflicts=result.conflicts,
        pushed=result.pushed,
    )


def normalize_url(url: str) -> str:
    """A local path becomes absolute (git runs in the home, not where the seller typed it)."""
    url = url.strip()
    if not url:
        raise GitError("the team store's URL is empty")
    if not url.startswith("-") and ("://" in url or scp_like(url)):
        return url  # (one starting with "-" is read as a path: git would take it for an option)
    return str(Path(url).expanduser().absolute())


# -- setting a store up ------------------------------------------------------------------------------


def _setup(home: Path, url: str, who: str) -> list[str]:
    """Make `home` a git repository with remote `url` and one commit of its shared files.

    The repository is built in a folder aside and moved in as `<home>/.git` at the very end,
    so a setup that is killed or fails leaves no half-made team store. Returns the plan ids
    committed.
    """
    git_dir = home / ".git"
    _not_yet_a_repository(home)
    _ensure_private(home, home / "plans")
    with _store_lock(home, SETUP_LOCK, PLAN_LOCK_TIMEOUT_SECONDS):
        if git_dir.exists():
            raise GitError(messages.TEAM_ALREADY.format(home=home))
        aside = home / SETUP_DIR
        shutil.rmtree(aside, ignore_errors=True)
        try:
            done = execute(
                ["git", "init", "-q", "--template=", f"--initial-branch={BRANCH}", str(aside)],
                home,
            )
            if done.returncode != 0:
                raise GitError(
                    messages.GIT_FAILED.format(step="init", home=home, reason=git_reason(done))
                )
            git = Git(home, aside / ".git")
            try:
                for key, value in (
                    ("core.autocrlf", "false"),
                    ("core.filemode", "false"),
                    ("core.quotepath", "off"),
                    (f"remote.{REMOTE}.url", url),
                    (f"remote.{REMOTE}.fetch", f"+refs/heads/*:refs/remotes/{REMOTE}/*"),
                    (f"branch.{BRANCH}.remote", REMOTE),
                    (f"branch.{BRANCH}.merge", BRANCH_REF),
                    ("callprep.team", "true"),
                ):
                    git.run("config", key, value)
                _write_gitignore(home)
                staged = _stage(git, None)
                tree = git.text("write-tree")
                message = _commit_message(who, staged, [], messages.TEAM_SETUP_SUBJECT)
                commit = git.text(
                    "commit-tree",
                    "--no-gpg-sign",
                    tree,
                    "-F",
                    "-",
                    stdin=message.encode(),
                    ident=who,
                )
                git.run("update-ref", "-m", "callprep: team store", BRANCH_REF, commit, ZERO_ID)
            except GitFailed as err:
                raise git.failure(err) from err
            os.rename(aside / ".git", git_dir)
        finally:
            shutil.rmtree(aside, ignore_errors=True)
    return _plan_ids(staged)


def _not_yet_a_repository(home: Path) -> None:
    if (home / ".git").exists():
        template = messages.TEAM_ALREADY if is_team_store(home) else messages.TEAM_OTHER_GIT
        raise GitError(template.format(home=home))


def _write_gitignore(home: Path) -> None:
    path = home / ".gitignore"
    try:
        current = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        current = None
    if current is None:
        try:
            os.replace(_temp_for(path, GITIGNORE.encode("utf-8"), durable=True), path)
        except OSError as err:
            raise GitError(f"cannot write {path}: {err.strerror or err}") from err


# -- sync --------------------------------------------------------------------------------------------


@dataclass
class _Outcome:
    committed: list[str] = field(default_factory=list)
    received: list[str] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    new_conflicts: list[Path] = field(default_factory=list)
    conflicts: list[Path] = field(default_factory=list)
    pushed: bool = False


def _sync(home: Path, who: str) -> _Outcome:
    require_git("sync")
    if not is_team_store(home):
        raise GitError(messages.TEAM_NOT_A_STORE.format(home=home))
    git = Git(home)
    with _sync_lock(git):
        try:
            _repair(git)
            outcome = _Outcome()
            for round_ in range(MAX_ROUNDS):
                last = round_ == MAX_ROUNDS - 1
                try:
                    _round(git, who, outcome)
                    break
                except _Changed as changed:
                    if last:
                        what = ", ".join(_plan_ids(changed.paths)[:3]) or "a file"
                        raise GitError(
                            messages.TEAM_CHANGED_WHILE_SYNCING.format(what=what)
                        ) from None
                except _Stale:
                    if last:
                        raise GitError(messages.TEAM_KEEPS_CHANGING) from None
        except GitFailed as err:
            raise git.failure(err) from err
    outcome.conflicts = conflicts(home)
    return outcome


@contextlib.contextmanager
def _sync_lock(git: Git) -> Iterator[None]:
    """One sync at a time per store; the system lets go of it when its holder dies."""
    from filelock import FileLock, Timeout  # deferred: filelock: only sync and its repair

    lock = FileLock(str(git.git_dir / SYNC_LOCK), timeout=SYNC_LOCK_TIMEOUT_SECONDS, mode=0o600)
    try:
        lock.acquire()
    except Timeout as err:
        raise GitError(messages.GIT_BUSY.format(home=git.home)) from err
    except OSError as err:
        raise GitError(f"cannot lock {git.git_dir}: {err.strerror or err}") from err
    try:
        yield
    finally:
        lock.release()


def _fetch(git: Git) -> Done:
    """Fetch the team's branch. A ref that moves or is locked while the fetch runs is another
    git of this store at work (a killed sync's fetch or push finishing on its own): waited
    out, a few times, rather than reported as a team store that cannot be reached."""
    for attempt in range(FETCH_TRIES):
        done = git.network("fetch", "--quiet", "--no-tags", "--no-recurse-submodules", REMOTE)
        if done.returncode == 0 or not _REF_RACE.search(done.err):
            break
        time.sleep(0.25 * (attempt + 1))
    return done


def _round(git: Git, who: str, outcome: _Outcome) -> None:
    """One pass: commit, fetch, settle, bring the files, push. Raises _Changed or _Stale."""
    committed = _commit_local(git, who)
    outcome.committed += [i for i in committed if i not in outcome.committed]
    _checkpoint("committed")
    done = _fetch(git)
    if done.returncode != 0:
        raise network_error(git, done)
    _checkpoint("fetched")
    refs = read_refs(git)
    local = refs.get(BRANCH_REF)
    remote = refs.get(REMOTE_REF)
    if local is None:
        raise GitError(messages.TEAM_NOT_ON_MAIN.format(home=git.home))
    head = local[0]
    integrated = False
    if remote is not None and remote[0] != head:
        base = git.run("merge-base", head, remote[0], check=False).out.decode().strip()
        replaced = False
        if not base:  # the team's history was replaced (a force-push of another history)
            base = _last_synced(git, head)
            replaced = bool(base)
        if base != remote[0]:  # the team has something this store has not
            head = _integrate(git, who, local, remote, base or EMPTY_TREE, outcome, replaced)
            integrated = True
    if remote is None or remote[0] != head:
        if not integrated:  # commits of earlier syncs that could not reach the team go too
            outcome.sent = _plan_ids(
                sorted(tree_diff(git, remote[0] if remote else EMPTY_TREE, head))
            )
        _push(git)
        outcome.pushed = True
        _checkpoint("pushed")


def _last_synced(git: Git, head: str) -> str:
    """What this store last had from the team, when the team's history no longer holds it.

    After a force-push of another history, the new team commit shares no ancestor with this
    store's; the team's commit this store last synced with still is one of its ancestors, and
    it is the base that tells what this seller changed since (not every plan that differs). The
    remote-tracking ref's log holds it; "" when it is not there (a store that never synced).
    """
    done = git.run("reflog", "show", "--format=%H", REMOTE_REF, "--", check=False)
    if done.returncode != 0:
        return ""
    for commit in done.out.decode("ascii", "replace").split()[:LAST_SYNCED_TRIES]:
        is_ancestor = git.run("merge-base", "--is-ancestor", commit, head, check=False)
        if is_ancestor.returncode == 0:
            return commit
    return ""


def _checkpoint(step: str) -> None:
    if os.environ.get(PAUSE_ENV) == step:
        sys.stderr.write(f"paused at {step}\n")
        sys.stderr.flush()
        time.sleep(3600)


# -- repair ------------------------------------------------------------------------------------------


def _repair(git: Git) -> None:
    """Undo what a killed sync (or git run by hand) left: stale locks, a half-done operation."""
    gd = git.git_dir
    _remove_stale_locks(gd)
    (gd / MERGE_INDEX).unlink(missing_ok=True)
    # callprep never starts a rebase, merge, cherry-pick or revert; git run by hand may have.
    for marker, command in (
        ("rebase-merge", "rebase"),
        ("rebase-apply", "rebase"),
        ("MERGE_HEAD", "merge"),
        ("CHERRY_PICK_HEAD", "cherry-pick"),
        ("REVERT_HEAD", "revert"),
    ):
        if (gd / marker).exists():
            git.run(command, "--abort", check=False)
            if (gd / marker).exists() and command == "rebase":
                git.run("rebase", "--quit", check=False)
    try:
        head = (gd / "HEAD").read_text(encoding="utf-8").strip()
    except OSError:
        head = ""
    if head != f"ref: {BRANCH_REF}":
        raise GitError(messages.TEAM_NOT_ON_MAIN.format(home=git.home))


def _remove_stale_locks(gd: Path) -> None:
    locks = [p for p in gd.glob("*.lock") if p.name != SYNC_LOCK]
    if (gd / "refs").is_dir():
        locks += list((gd / "refs").rglob("*.lock"))
    for lock in locks:
        # A git that a killed sync started may still be finishing: give it a moment.
        while True:
            try:
                age = clock.file_time() - lock.stat().st_mtime
            except FileNotFoundError:
                break
            if age >= STALE_GIT_LOCK_SECONDS:
                lock.unlink(missing_ok=True)
                break
            time.sleep(0.05)


# -- committing this seller's changes ------------------------------------------------------------------


def _stage(git: Git, head: str | None) -> list[str]:
    """Stage the shared files as they are on disk (new, changed, deleted); return what differs
    from the last commit."""
    positive = [".gitignore"]
    absent: list[str] = []
    for folder in _FOLDERS:
        spec = f":(glob){folder}/*.toml"
        (positive if _has_shared_file(git.home / folder) else absent).append(spec)
    exclude = [f":(exclude,glob){folder}/.*" for folder in _FOLDERS]
    git.run("add", "-A", "--", *positive, *exclude)
    if absent:  # no file left to match: stage the deletions of whatever was committed there
        git.run("rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", *absent, *exclude)
    if head is None:
        done = git.run("ls-files", "-z")
    else:
        done = git.run("diff-index", "--cached", "-z", "--name-only", "--no-renames", head)
    return sorted(split_z(done.out))


def _has_shared_file(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if _SHARED.match(f"{folder.name}/{entry.name}") and entry.is_file():
                    return True
    except OSError:
        return False
    return False


def _commit_local(git: Git, who: str) -> list[str]:
    """One commit of everything this seller changed since the last sync; the plan ids in it."""
    _write_gitignore(git.home)
    refs = read_refs(git)
    parent = refs[BRANCH_REF][0] if BRANCH_REF in refs else None
    staged = _stage(git, parent)
    if not staged:
        return []
    tree = git.text("write-tree")
    message = _commit_message(who, staged, [])
    args = ["commit-tree", "--no-gpg-sign", tree, "-F", "-"]
    if parent:
        args[2:2] = ["-p", parent]
    commit = git.text(*args, stdin=message.encode("utf-8"), ident=who)
    git.run("update-ref", "-m", "callprep sync", BRANCH_REF, commit, parent or ZERO_ID)
    return _plan_ids(staged)


def _commit_message(
    who: str,
    paths: Iterable[str],
    copies: Iterable[str],
    template: str = messages.TEAM_COMMIT_SUBJECT,
) -> str:
    ids = _labels(paths)
    names = ids or ["settings"]
    shown = ", ".join(names[:3])
    if len(names) > 3:
        shown = messages.TEAM_COMMIT_MORE.format(shown=shown, count=len(names) - 3)
    lines = [template.format(who=who, ids=shown), ""]
    lines += ids[:1000]
    if len(ids) > 1000:
        lines.append(f"… {len(ids) - 1000} more")
    copies = list(copies)
    if copies:
        lines += ["", messages.TEAM_CONFLICT_NOTE.format(paths=", ".join(copies))]
    return "\n".join(lines).strip() + "\n"


def _plan_ids(paths: Iterable[str]) -> list[str]:
    """`plans/<id>.toml` → id (a conflict copy's id is `<id>.conflict-<who>`); nothing else."""
    return [label for label in _labels(paths) if not label.startswith("playbook ")]


def _labels(paths: Iterable[str]) -> list[str]:
    """The plan ids among `paths`, and playbooks as `playbook <name>`, for commit messages."""
    labels: list[str] = []
    for path in paths:
        folder, _, name = path.partition("/")
        if not name.endswith(PLAN_SUFFIX) or "/" in name:
            continue
        stem = name[: -len(PLAN_SUFFIX)]
        label = stem if folder == "plans" else f"playbook {stem}" if folder == "playbooks" else ""
        if label and label not in labels:
            labels.append(label)
    return labels


# -- settling the two sides ---------------------------------------------------------------------------


def _integrate(
    git: Git,
    who: str,
    local: tuple[str, str],
    remote: tuple[str, str],
    base: str,
    outcome: _Outcome,
    replaced: bool = False,
) -> str:
    """Bring the team's commit `remote` here, this seller's unpushed changes on top of it.

    `replaced`: the team's history is another one (a force-push) and `base` is what this store
    last synced; a plan the new history lacks is then one the team never had, not one it
    deleted, and it stays. Returns the new head of the branch (already in place, files and
    index included).
    """
    head, remote_commit = local[0], remote[0]
    mine = tree_diff(git, base, head) if base != head else {}
    theirs = tree_diff(git, base, remote_commit)

    # What of this seller's goes on top of the team's commit, path by path.
    apply: dict[str, Entry | None] = {}
    both: list[str] = []
    # Conflict copies to make: (the plan they stand beside, the version, whose it is).
    beside: list[tuple[str, Entry, str]] = []
    settled = _settle_reschedules(git, mine, theirs, remote_commit, who, apply, beside)
    for path, (_, after) in mine.items():
        if path in settled:
            continue
        if path not in theirs:
            apply[path] = after
            continue
        their_after = theirs[path][1]
        if after == their_after:
            continue  # the same change on both sides
        if after is None:
            continue  # deleted here, changed by the team: the changed version stays
        if their_after is None:
            apply[path] = after  # changed here, deleted by the team: this version stays
            continue
        if path != ".gitignore" and _SHARED.match(path):
            both.append(path)
        # Anything else (the .gitignore callprep writes): the team's version stays.
    if replaced:
        for path, (before, after) in theirs.items():
            if after is None and before is not None and path not in mine and _SHARED.match(path):
                apply[path] = before  # not in the team's new history: kept, and sent again

    copies: list[str] = []
    if both or beside:
        names = _Names(git, head, remote_commit, apply)
        wanted = [(path, mine[path][1], who_slug(who)) for path in sorted(both)]
        for path, entry, slug in [*wanted, *beside]:
            assert entry is not None
            copy = names.copy_for(path, entry, slug)
            if copy is not None:
                apply[copy] = entry
                copies.append(copy)

    new_head = _commit_on(git, who, remote, apply, mine, copies) if apply else remote_commit
    _checkpoint("merged")

    # How the files here must change: from this seller's last commit to the new head.
    moves: dict[str, tuple[Entry | None, Entry | None]] = {}
    for path in set(theirs) | set(apply):
        if path in mine:
            before = mine[path][1]
        elif path in theirs:
            before = theirs[path][0]
        else:
            before = None  # a new conflict copy: its name is free here
        after = apply[path] if path in apply else theirs[path][1]
        if before != after:
            moves[path] = (before, after)
    _bring(git, moves)
    _checkpoint("applied")
    if moves:
        entries = {path: change[1] for path, change in moves.items()}
        git.run("update-index", "-z", "--index-info", stdin=_index_info(entries))
    _checkpoint("indexed")
    if new_head != head:
        done = git.run("update-ref", "-m", "callprep sync", BRANCH_REF, new_head, head, check=False)
        if done.returncode != 0:
            raise GitError(messages.TEAM_HEAD_MOVED.format(home=git.home))
    _checkpoint("moved")

    received = _plan_ids(p for p in sorted(moves) if p not in copies)
    outcome.received += [i for i in received if i not in outcome.received]
    sent = _plan_ids(sorted(apply))
    outcome.sent = sent  # (the last round's: what went on top of the team's commit)
    outcome.new_conflicts += [
        git.home / c for c in copies if git.home / c not in outcome.new_conflicts
    ]
    return new_head


Changes = Mapping[str, tuple[Entry | None, Entry | None]]


def _settle_reschedules(
    git: Git,
    mine: Changes,
    theirs: Changes,
    remote: str,
    who: str,
    apply: dict[str, Entry | None],
    beside: list[tuple[str, Entry, str]],
) -> set[str]:
    """A plan rescheduled on one side (its file renamed, the old id in its `aliases`) and
    changed on the other is one plan: the rescheduled file is the plan, and the other side's
    version is kept beside it as a conflict copy, never as a second plan under the old name.

    Fills `apply` and `beside`; returns the paths of `mine` it settled.
    """
    my_moves, their_moves = _renames(git, mine), _renames(git, theirs)
    settled: set[str] = set()
    for old, new in my_moves.items():
        their_new = their_moves.get(old)
        if their_new is not None:
            if their_new != new:  # moved on both sides, to different times: the team's stays
                beside.append((their_new, _after(mine, new), who_slug(who)))
                apply[new] = None
                settled |= {old, new}
        elif old in theirs and theirs[old][1] is not None:  # moved here, changed there
            beside.append((new, _after(theirs, old), who_slug(_author(git, remote, old))))
            apply[old] = None
            apply[new] = _after(mine, new)
            settled |= {old, new}
    for old, their_new in their_moves.items():
        if old not in my_moves and old in mine and mine[old][1] is not None:
            # changed here, moved there: the team's move stays, this version beside it
            beside.append((their_new, _after(mine, old), who_slug(who)))
            settled.add(old)
    return settled


def _after(changes: Changes, path: str) -> Entry:
    entry = changes[path][1]
    assert entry is not None
    return entry


def _renames(git: Git, changes: Changes) -> dict[str, str]:
    """The plans one side rescheduled: old path → new path, where the new file names the old
    id among its `aliases` and the old file is gone."""
    gone = {
        path
        for path, (before, after) in changes.items()
        if after is None and before is not None and _is_plan_path(path)
    }
    made = {
        path: after[1]
        for path, (before, after) in changes.items()
        if before is None and after is not None and _is_plan_path(path)
    }
    if not gone or not made:
        return {}
    import tomllib  # deferred: only a sync that saw a plan renamed

    blobs = read_blobs(git, made.values())
    moves: dict[str, str] = {}
    for path, oid in sorted(made.items()):
        try:
            aliases = tomllib.loads(blobs[oid].decode("utf-8")).get("aliases", [])
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        for alias in aliases if isinstance(aliases, list) else []:
            old = f"plans/{alias}{PLAN_SUFFIX}" if isinstance(alias, str) else ""
            if old in gone and old not in moves:
                moves[old] = path
    return moves


def _is_plan_path(path: str) -> bool:
    return (
        path.startswith("plans/")
        and bool(_SHARED.match(path))
        and not _CONFLICT.match(path.partition("/")[2])
    )


def _author(git: Git, commit: str, path: str) -> str:
    """Who last changed `path` in `commit`'s history (the email callprep's sync wrote)."""
    done = git.run("log", "-1", "--format=%ae", commit, "--", path, check=False)
    return done.out.decode("utf-8", "replace").strip() or "team"


class _Names:
    """Which names a conflict copy may take: none that either side or the home already uses."""

    def __init__(self, git: Git, head: str, remote: str, apply: Mapping[str, Entry | None]) -> None:
        self.git = git
        self.head = head
        self.remote = remote
        self.apply = apply
        self._cache: dict[str, tuple[dict[str, Entry], set[str]]] = {}

    def _folder(self, folder: str) -> tuple[dict[str, Entry], set[str]]:
        if folder not in self._cache:
            theirs = list_folder(self.git, self.remote, folder)
            taken = set(theirs) | set(list_folder(self.git, self.head, folder))
            with contextlib.suppress(OSError):
                taken |= set(os.listdir(self.git.home / folder))
            self._cache[folder] = (theirs, taken)
        return self._cache[folder]

    def copy_for(self, path: str, entry: Entry, slug: str) -> str | None:
        """The path for this seller's version of `path`, or None when the team store already has
        it under a conflict name (a sync that was interrupted made it)."""
        folder, _, name = path.rpartition("/")
        theirs, taken = self._folder(folder)
        stem = name[: -len(PLAN_SUFFIX)]
        found = _CONFLICT.match(name)
        base = found["base"] if found else stem
        own = re.compile(rf"^{re.escape(base)}\.conflict-{re.escape(slug)}(?:-\d+)?\.toml$")
        for other in sorted(taken | {p.rpartition("/")[2] for p in self.apply}):
            if not own.match(other):
                continue
            key = f"{folder}/{other}"
            there = self.apply.get(key) if key in self.apply else theirs.get(other)
            if there is not None and there[1] == entry[1]:
                return None
        n = 1
        while True:
            candidate = f"{base}.conflict-{slug}{'' if n == 1 else f'-{n}'}{PLAN_SUFFIX}"
            if candidate not in taken and f"{folder}/{candidate}" not in self.apply:
                taken.add(candidate)
                return f"{folder}/{candidate}"
            n += 1


def _commit_on(
    git: Git,
    who: str,
    parent: tuple[str, str],
    apply: Mapping[str, Entry | None],
    mine: Iterable[str],
    copies: Sequence[str],
) -> str:
    """A commit on `parent` with `apply` made to its files (built in an index of its own)."""
    index = git.git_dir / MERGE_INDEX
    try:
        git.run("read-tree", parent[0], index=index)
        git.run("update-index", "-z", "--index-info", stdin=_index_info(apply), index=index)
        tree = git.text("write-tree", index=index)
    finally:
        index.unlink(missing_ok=True)
    if tree == parent[1]:
        return parent[0]
    message = _commit_message(who, sorted(mine), copies, messages.TEAM_MERGE_SUBJECT)
    return git.text(
        "commit-tree", "--no-gpg-sign", tree, "-p", parent[0], "-F", "-",
        stdin=message.encode("utf-8"), ident=who,
    )  # fmt: skip


def _index_info(entries: Mapping[str, Entry | None]) -> bytes:
    lines = []
    for path, entry in entries.items():
        mode, oid = entry if entry is not None else ("0", ZERO_ID)
        lines.append(f"{mode} {oid}\t{path}".encode("utf-8", "surrogateescape") + b"\0")
    return b"".join(lines)


# -- bringing the files here -------------------------------------------------------------------------


def _bring(git: Git, moves: Mapping[str, tuple[Entry | None, Entry | None]]) -> None:
    """Make the shared files here what the new head says, each one atomically and 0600.

    New files go first (a conflict copy before the plan it saves is replaced), then changed
    ones, then deletions. Each plan's lock is held while it is checked and replaced (in
    batches, with the lock `Store.add` takes to choose an id), so no callprep command writes it
    in between; a file that changed here since it was committed stops the sync (_Changed)
    before it is touched. Stopping half way (killed, or _Changed in a later batch) is safe: the
    next sync commits what was already brought as this seller's, which is the team's version.
    """
    wanted = {
        path: change
        for path, change in moves.items()
        if _SHARED.match(path) and (change[1] is None or change[1][0].startswith(("100", "120")))
    }
    if not wanted:
        return
    blobs = read_blobs(git, {after[1] for _, after in wanted.values() if after is not None})
    items = sorted(wanted.items(), key=_bring_order)
    for folder in {path.partition("/")[0] for path in wanted if "/" in path}:
        _ensure_private(git.home, git.home / folder)
    durable = len(items) <= FSYNC_LIMIT
    with _store_lock(git.home, "new", PLAN_LOCK_TIMEOUT_SECONDS):
        for start in range(0, len(items), LOCK_BATCH):
            batch = items[start : start + LOCK_BATCH]
            with contextlib.ExitStack() as held:
                # A plan that is not here yet needs no lock of its own: nothing but Store.add
                # can make it, and that holds the "new" lock.
                existing = {_lock_name(path) for path, (before, _) in batch if before is not None}
                for name in sorted(existing - {""}):
                    held.enter_context(_store_lock(git.home, name, PLAN_LOCK_TIMEOUT_SECONDS))
                changed = [
                    path
                    for path, (before, after) in batch
                    if _on_disk(git.home / path) not in (_oid(before), _oid(after))
                ]
                if changed:
                    raise _Changed(changed)
                _replace_all(git.home, batch, blobs, durable, first=start == 0)
    if not durable:
        os.sync()


def _replace_all(
    home: Path,
    batch: Sequence[tuple[str, tuple[Entry | None, Entry | None]]],
    blobs: Mapping[str, bytes],
    durable: bool,
    first: bool,
) -> None:
    """Each file of `batch` replaced whole (a temp file renamed over it) or removed.

    The temps are all written (and fsynced) before the first rename, and each folder is
    fsynced once at the end, rather than twice a file as atomic_write does.
    """
    temps: list[tuple[Path, Path | None]] = []
    try:
        for path, (_, after) in batch:
            target = home / path
            temp = None if after is None else _temp_for(target, blobs[after[1]], durable)
            temps.append((target, temp))
        for target, temp in temps:
            if temp is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(temp, target)
            if first:
                first = False
                _checkpoint("applying")
    except OSError as err:
        for _, temp in temps:
            if temp is not None:
                with contextlib.suppress(OSError):
                    temp.unlink()
        where = err.filename or home
        raise GitError(
            f"cannot write {where}: {err.strerror or err}; run `callprep sync` again once it "
            "can be written (nothing was lost)"
        ) from err
    if durable:
        for folder in {target.parent for target, _ in temps}:
            fsync_dir(folder)


def _temp_for(target: Path, data: bytes, durable: bool) -> Path:
    """A private temp file beside `target` holding `data`.

    Named `.<name>.sync.<random>.tmp`: a Store writer of the same plan (which would hold the
    lock this sync holds) removes it as its own, but `Store.sweep_temps` does not take it for
    a dead writer's until it is old, even for a new plan whose lock the sync does not hold.
    """
    fd, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.sync.", suffix=TEMP_SUFFIX
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(name, 0o600)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _bring_order(item: tuple[str, tuple[Entry | None, Entry | None]]) -> tuple[int, str]:
    path, (before, after) = item
    return (0 if before is None else 2 if after is None else 1, path)


@contextlib.contextmanager
def _store_lock(home: Path, name: str, timeout: float) -> Iterator[None]:
    """`Store(home).lock(name)`: the same file, `<home>/plans/.<name>.lock`, so a sync and a
    callprep command writing a plan exclude each other (test_gitstore holds the two to it)."""
    from filelock import FileLock, Timeout  # deferred: filelock: only sync and its repair

    folder = _ensure_private(home, home / "plans")
    lock = FileLock(str(folder / f".{name}.lock"), timeout=timeout, mode=0o600)
    try:
        lock.acquire()
    except Timeout as err:
        raise GitError(messages.TEAM_PLAN_BUSY.format(name=name)) from err
    except OSError as err:
        raise GitError(f"cannot lock {folder}: {err.strerror or err}") from err
    try:
        yield
    finally:
        lock.release()


def _ensure_private(home: Path, folder: Path) -> Path:
    """`folder` made if missing and readable by the seller alone (as Store.ensure does)."""
    try:
        if not home.is_dir():
            home.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(home, 0o700)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if folder != home and folder.stat().st_mode & 0o077:
            os.chmod(folder, 0o700)
    except OSError as err:
        raise GitError(f"cannot create {folder}: {err.strerror or err}") from err
    return folder


def _slugify(text: str) -> str:
    from callprep.plans.store import slugify  # (only to name a conflict copy: rare)

    return slugify(text)


def _lock_name(path: str) -> str:
    """The Store lock of a plan file (`plans/<stem>.toml` → stem); other files have none."""
    folder, _, name = path.partition("/")
    return name[: -len(PLAN_SUFFIX)] if folder == "plans" else ""


def _oid(entry: Entry | None) -> str | None:
    return None if entry is None else entry[1]


def _on_disk(path: Path) -> str | None:
    """The blob id of the file at `path`, None when there is none, "?" when something else is."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    except OSError:
        return "?"
    if not stat.S_ISREG(info.st_mode):
        return "?"
    try:
        return blob_id(path.read_bytes())
    except OSError:
        return "?"


# -- pushing --------------------------------------------------------------------------------------


def _push(git: Git) -> None:
    done = git.network("push", "--porcelain", "--no-verify", REMOTE, f"{BRANCH_REF}:{BRANCH_REF}")
    if done.returncode == 0:
        return
    for line in done.out.decode("utf-8", "replace").splitlines():
        if not line.startswith("!"):
            continue
        summary = line.split("\t")[-1].strip()
        if any(word in summary for word in ("fetch first", "non-fast-forward", "stale info")):
            raise _Stale()
        raise GitError(messages.TEAM_PUSH_REFUSED.format(url=git.url(), reason=summary))
    raise network_error(git, done)
