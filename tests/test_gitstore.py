"""The team store on git: a bare repository on this machine is the team's, homes are the sellers.

Every test builds its own remote (`git init --bare`) and two or three stores, and writes plans
through the Store, as callprep's commands do. git's own configuration on this machine is kept
out (no global or system config), so the tests also show that none is needed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from callprep import clock
from callprep.errors import CallprepError
from callprep.plans.model import Debrief, Plan
from callprep.plans.planfile import load_plan
from callprep.plans.store import Store
from callprep.team import git_runner, gitstore
from callprep.team.gitstore import GitError
from tests.guards import finishes

# Real git runs against a bare remote: seconds each, so all of them are in the slow suite.
pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program"),
    pytest.mark.slow,
]

ANN = "ann@ourco.example"
BOB = "bob@ourco.example"
CAI = "cai.lee@ourco.example"
AT = dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
SRC = Path(gitstore.__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def plain_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """No seller's git config: callprep must work without an identity or any setting."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "EMAIL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    path = tmp_path / "team.git"
    git("init", "-q", "--bare", "--initial-branch=main", str(path))
    return path


# -- helpers -----------------------------------------------------------------------------------


def git(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def remote_files(remote: Path) -> list[str]:
    return git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "main").split()


def add(home: Path, account: str, day: int = 3, **fields: object) -> str:
    plan = Plan(account=account, kind="discovery", starts_at=AT.replace(day=day), **fields)
    return Store(home).add(plan).plan.id


def update(home: Path, plan_id: str, change: Callable[[Plan], Plan]) -> Plan:
    store = Store(home)
    return store.update(store.path_for(plan_id), change)


def ask(text: str) -> Callable[[Plan], Plan]:
    return lambda plan: plan.model_copy(update={"questions": [*plan.questions, text]})


def debrief(summary: str) -> Callable[[Plan], Plan]:
    return lambda plan: plan.model_copy(
        update={"debrief": Debrief(outcome="minimum", summary=summary, engagement=4)}
    )


def note(text: str) -> Callable[[Plan], Plan]:
    key = text.replace("-", "_")
    return lambda plan: plan.model_copy(update={"notes": {**plan.notes, key: text}})


def off_script(text: str) -> Callable[[Plan], Plan]:
    """A debrief, or one more thing that went off script in it."""

    def change(plan: Plan) -> Plan:
        before = plan.debrief or Debrief(outcome="none", summary="A call")
        record = before.model_copy(update={"off_script": [*before.off_script, text]})
        return plan.model_copy(update={"debrief": record})

    return change


def mark_shared(plan: Plan) -> Plan:
    return plan.model_copy(update={"agenda": plan.agenda.model_copy(update={"shared": True})})


def plan_files(home: Path) -> dict[str, bytes]:
    folder = home / "plans"
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.toml")) if p.name[0] != "."}


def all_text(home: Path) -> str:
    return "\n".join(data.decode("utf-8") for data in plan_files(home).values())


def assert_clean(home: Path) -> None:
    """No merge marker in any file, every plan file readable, private, and committed."""
    for name, data in plan_files(home).items():
        text = data.decode("utf-8")
        assert "<<<<<<<" not in text and ">>>>>>>" not in text, name
        load_plan(home / "plans" / name)
        assert stat.S_IMODE((home / "plans" / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE((home / "plans").stat().st_mode) == 0o700
    gd = home / ".git"
    assert not (gd / "rebase-merge").exists() and not (gd / "rebase-apply").exists()
    assert not (gd / "MERGE_HEAD").exists()
    locks = [p.name for p in gd.glob("*.lock") if p.name != gitstore.SYNC_LOCK]
    assert locks == []
    status = git("status", "--porcelain", "--", "plans", "playbooks", ".gitignore", cwd=home)
    assert status == ""


def synced(*homes: Path, who: dict[Path, str]) -> None:
    """Sync each home in turn, twice over, so that every one has everything."""
    for _ in range(2):
        for home in homes:
            gitstore.sync(home, who[home])


# -- init and join -------------------------------------------------------------------------------


def test_init_pushes_plans_and_playbooks_and_nothing_private(tmp_path: Path, remote: Path) -> None:
    home = tmp_path / "ann"
    plan_id = add(home, "Acme")
    (home / "playbooks").mkdir(mode=0o700)
    (home / "playbooks" / "ours.toml").write_text('name = "ours"\n')
    for private in ("drafts/new.toml", "cache/index.json", "trash/old.toml", "rejected/x.toml"):
        (home / private).parent.mkdir(exist_ok=True)
        (home / private).write_text("private = true\n")
    (home / "profile.toml").write_text('email = "ann@ourco.example"\n')
    (home / "plans" / f".{plan_id}.toml.abc123.tmp").write_text("half a write")

    result = gitstore.init(home, str(remote), ANN)

    assert result.shared == [plan_id]
    assert result.pushed
    assert gitstore.is_team_store(home)
    assert sorted(remote_files(remote)) == [
        ".gitignore",
        f"plans/{plan_id}.toml",
        "playbooks/ours.toml",
    ]
    log = git("--git-dir", str(remote), "log", "--format=%an <%ae>%n%B", "main")
    assert f"ann <{ANN}>" in log and plan_id in log
    assert not (home / gitstore.SETUP_DIR).exists()


def test_init_needs_an_empty_remote(tmp_path: Path, remote: Path) -> None:
    gitstore.init(tmp_path / "ann", str(remote), ANN)
    bob = tmp_path / "bob"
    add(bob, "Beta")
    with pytest.raises(GitError, match=r"already has plans: join it with `callprep team join"):
        gitstore.init(bob, str(remote), BOB)
    assert not (bob / ".git").exists()
    with pytest.raises(GitError, match="already a team store"):
        gitstore.init(tmp_path / "ann", str(remote), ANN)


def test_init_and_join_refuse_a_repository_callprep_did_not_make(
    tmp_path: Path, remote: Path
) -> None:
    home = tmp_path / "ann"
    git("init", "-q", str(home))
    with pytest.raises(GitError, match="callprep did not make"):
        gitstore.init(home, str(remote), ANN)
    with pytest.raises(GitError, match="is not a team store"):
        gitstore.sync(home, ANN)


def test_join_receives_the_team_and_keeps_its_own_plans(tmp_path: Path, remote: Path) -> None:
    ann, bob = tmp_path / "ann", tmp_path / "bob"
    shared = add(ann, "Acme")
    gitstore.init(ann, str(remote), ANN)
    # Bob kept his own store before joining: a plan of his, one whose file name the team's
    # already has (with other content), a draft and a profile.
    own = add(bob, "Beta")
    same_name = add(bob, "Acme", questions=["bob's own question"])
    assert same_name == shared
    (bob / "drafts").mkdir()
    (bob / "drafts" / "new.toml").write_text("account = 'draft'\n")
    (bob / "profile.toml").write_text('email = "bob@ourco.example"\n')

    result = gitstore.join(bob, str(remote), BOB)

    copy = bob / "plans" / f"{shared}.conflict-bob.toml"
    assert result.conflicts == [copy]
    assert result.added == [own]
    assert shared in result.received
    assert plan_files(bob)[f"{shared}.toml"] == plan_files(ann)[f"{shared}.toml"]
    assert "bob's own question" in copy.read_text()
    assert (bob / "drafts" / "new.toml").read_text() == "account = 'draft'\n"
    assert (bob / "profile.toml").exists()
    assert gitstore.conflicts(bob) == [copy]
    assert_clean(bob)

    gitstore.sync(ann, ANN)
    assert plan_files(ann) == plan_files(bob)
    assert gitstore.conflicts(ann) == [ann / "plans" / copy.name]
    assert "drafts/new.toml" not in remote_files(remote)


def test_join_needs_a_team_store(tmp_path: Path, remote: Path) -> None:
    with pytest.raises(GitError, match=r"is empty: start it with `callprep team init"):
        gitstore.join(tmp_path / "bob", str(remote), BOB)
    assert not (tmp_path / "bob" / ".git").exists()


# -- everyday syncs ------------------------------------------------------------------------------


def test_both_sellers_plans_reach_each_other(tmp_path: Path, remote: Path) -> None:
    ann, bob = tmp_path / "ann", tmp_path / "bob"
    gitstore.init(ann, str(remote), ANN)
    gitstore.join(bob, str(remote), BOB)
    a1, a2 = add(ann, "Acme"), add(ann, "Apex")
    b1 = add(bob, "Beta")

    sent = gitstore.sync(ann, ANN)
    assert sorted(sent.committed) == sorted([a1, a2]) and sent.pushed
    got = gitstore.sync(bob, BOB)
    assert got.committed == [b1] and sorted(got.received) == sorted([a1, a2]) and got.pushed
    back = gitstore.sync(ann, ANN)
    assert back.received == [b1] and back.committed == [] and not back.pushed

    assert plan_files(ann) == plan_files(bob)
    assert len(plan_files(ann)) == 3
    update(bob, a1, ask("What does the pilot cost them?"))
    gitstore.sync(bob, BOB)
    assert gitstore.sync(ann, ANN).received == [a1]
    assert "What does the pilot cost them?" in (ann / "plans" / f"{a1}.toml").read_text()
    log = git("log", "--format=%ae %s", cwd=ann)
    assert f"{BOB} callprep sync by {BOB}: {a1}" in log
    assert_clean(ann)
    assert_clean(bob)


def test_a_sync_with_nothing_to_do_changes_nothing(tmp_path: Path, remote: Path) -> None:
    ann = tmp_path / "ann"
    add(ann, "Acme")
    gitstore.init(ann, str(remote), ANN)
    head = git("rev-parse", "HEAD", cwd=ann)
    result = gitstore.sync(ann, ANN)
    assert (result.committed, result.received, result.pushed) == ([], [], False)
    assert git("rev-parse", "HEAD", cwd=ann) == head


def test_private_files_are_never_committed(tmp_path: Path, remote: Path) -> None:
    ann = tmp_path / "ann"
    gitstore.init(ann, str(remote), ANN)
    plan_id = add(ann, "Acme")
    for private in ("drafts/d.toml", "cache/index.json", "trash/t.toml", "rejected/r.toml"):
        (ann / private).parent.mkdir(exist_ok=True)
        (ann / private).write_text("secret = 1\n")
    (ann / "profile.toml").write_text("secret = 1\n")
    (ann / "notes.txt").write_text("secret\n")
    (ann / "plans" / "sub").mkdir()
    (ann / "plans" / "sub" / "x.toml").write_text("secret = 1\n")
    with Store(ann).lock(plan_id):  # a lock file exists meanwhile
        pass
    gitstore.sync(ann, ANN)
    assert sorted(remote_files(remote)) == [".gitignore", f"plans/{plan_id}.toml"]
    # Even with the .gitignore gone, only plans and playbooks are added.
    (ann / ".gitignore").unlink()
    update(ann, plan_id, ask("Who signs?"))
    gitstore.sync(ann, ANN)
    assert sorted(remote_files(remote)) == [".gitignore", f"plans/{plan_id}.toml"]


def test_deleting_a_plan_reaches_the_team(tmp_path: Path, remote: Path) -> None:
    ann, bob = tmp_path / "ann", tmp_path / "bob"
    keep, gone = add(ann, "Acme"), add(ann, "Gone")
    gitstore.init(ann, str(remote), ANN)
    gitstore.join(bob, str(remote), BOB)
    (ann / "plans" / f"{gone}.toml").unlink()
    assert gitstore.sync(ann, ANN).committed == [gone]
    assert gitstore.sync(bob, BOB).received == [gone]
    assert sorted(plan_files(bob)) == [f"{keep}.toml"]
    # The last plan deleted too: nothing left to match, the deletion still goes.
    (bob / "plans" / f"{keep}.toml").unlink()
    gitstore.sync(bob, BOB)
    assert remote_files(remote) == [".gitignore"]


def test_pulled_plans_are_private(tmp_path: Path, remote: Path) -> None:
    ann, bob = tmp_path / "ann", tmp_path / "bob"
    gitstore.init(ann, str(remote), ANN)
    old = os.umask(0o022)  # a seller whose umask lets others read new files
    try:
        gitstore.join(bob, str(remote), BOB)
        add(ann, "Acme")
        (ann / "playbooks").mkdir()
        (ann / "playbooks" / "ours.toml").write_text('name = "ours"\n')
        gitstore.sync(ann, ANN)
        shutil.rmtree(bob / "playbooks", ignore_errors=True)
        gitstore.sync(bob, BOB)
    finally:
        os.umask(old)
    for path in [*(bob / "plans").iterdir(), *(bob / "playbooks").iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (bob / "plans", bob / "playbooks"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    objects = [p for p in (bob / ".git" / "objects").rglob("*") if p.is_file()]
    assert objects and all(not p.stat().st_mode & 0o077 for p in objects)


# -- the network -----------------------------------------------------------------------------------


def test_an_unreachable_remote_fails_cleanly_and_the_next_sync_catches_up(
    tmp_path: Path, remote: Path
) -> None:
    ann, bob = tmp_path / "ann", tmp_path / "bob"
    gitstore.init(ann, str(remote), ANN)
    gitstore.join(bob, str(remote), BOB)
    plan_id = add(ann, "Acme")
    away = tmp_path / "elsewhere.git"
    remote.rename(away)  # the team's repository is not there: a path that does not exist

    with pytest.raises(GitError) as caught:
        gitstore.sync(ann, ANN)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"cannot reach the team store at {remote}: ")
    assert "does not appear to be a git repository" in message
    assert message.endswith("go with the next `callprep sync`")
    assert plan_id in git("log", "-1", "--format=%s", cwd=ann)  # committed here, kept
    update(ann, plan_id, debrief("Offline debrief"))  # work goes on offline
    with pytest.raises(GitError):
        gitstore.sync(ann, ANN)

    away.rename(remote)
    result = gitstore.sync(ann, ANN)
    assert result.pushed and result.committed == [] and result.sent == [plan_id]
    gitstore.sync(bob, BOB)
    assert "Offline debrief" in (bob / "plans" / f"{plan_id}.toml").read_text()
    assert_clean(ann)


def test_a_connection_refused_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(GitError, match=r"^cannot reach the team store at http://127\.0\.0\.1:9/"):
        gitstore.join(tmp_path / "bob", "http://127.0.0.1:9/team.git", BOB)
    assert not (tmp_path / "bob" / ".git").exists()


class _Refuse(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="team"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def refusing_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Refuse)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/team.git"
    server.shutdown()
    server.server_close()


def test_credentials_that_fail_never_prompt(tmp_path: Path, refusing_server: str) -> None:
    with pytest.raises(GitError) as caught:  # and no hang on a prompt for a password
        finishes(lambda: gitstore.join(tmp_path / "bob", refusing_server, BOB))
    message = str(caught.value)
    assert message.startswith(
        f"the team store at {refusing_server} did not accept your credentials"
    )
    assert "\n" not in message
    assert not (tmp_path / "bob" / ".git").exists()


def test_a_relative_path_is_the_same_remote_from_anywhere(
    tmp_path: Path, remote: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = gitstore.init(tmp_path / "ann", "team.git", ANN)
    assert result.url == str(remote)
    assert (
        gitstore.normalize_url("git@github.com:ourco/team.git") == "git@github.com:ourco/team.git"
    )
    assert gitstore.normalize_url("-oProxyCommand=x:y").startswith(str(tmp_path))


# -- conflicts -------------------------------------------------------------------------------------


@pytest.fixture
def two(tmp_path: Path, remote: Path) -> tuple[Path, Path, str]:
    """Ann and Bob share one plan."""
    ann, bob = tmp_path / "ann", tmp_path / "bob"
    plan_id = add(ann, "Acme", questions=["Who decides?"])
    gitstore.init(ann, str(remote), ANN)
    gitstore.join(bob, str(remote), BOB)
    return ann, bob, plan_id


def test_a_debrief_here_and_an_agenda_mark_there_keep_both(two: tuple[Path, Path, str]) -> None:
    ann, bob, plan_id = two
    update(ann, plan_id, debrief("Dana agreed to the pilot"))
    update(bob, plan_id, mark_shared)

    assert gitstore.sync(ann, ANN).new_conflicts == []
    result = gitstore.sync(bob, BOB)

    copy = bob / "plans" / f"{plan_id}.conflict-bob.toml"
    assert result.new_conflicts == [copy] and result.conflicts == [copy]
    assert result.received == [plan_id] and result.pushed
    in_place = load_plan(bob / "plans" / f"{plan_id}.toml")
    beside = load_plan(copy)
    assert in_place.debrief is not None and in_place.debrief.summary == "Dana agreed to the pilot"
    assert not in_place.agenda.shared
    assert beside.agenda.shared and beside.debrief is None
    assert gitstore.conflicts(bob) == [copy]

    again = gitstore.sync(ann, ANN)
    assert again.received == [f"{plan_id}.conflict-bob"]
    assert again.conflicts == gitstore.conflicts(ann) == [ann / "plans" / copy.name]
    assert plan_files(ann) == plan_files(bob)
    for home in (ann, bob):
        assert_clean(home)
        assert "=======" not in all_text(home)

    # Resolved: Bob keeps the mark in the plan and deletes his copy; nobody sees it any more.
    update(bob, plan_id, mark_shared)
    copy.unlink()
    assert gitstore.sync(bob, BOB).conflicts == []
    assert gitstore.sync(ann, ANN).conflicts == []
    assert load_plan(ann / "plans" / f"{plan_id}.toml").agenda.shared


def test_a_second_conflict_on_the_same_plan_gets_its_own_copy(
    two: tuple[Path, Path, str],
) -> None:
    ann, bob, plan_id = two
    for round_ in range(2):
        update(ann, plan_id, ask(f"ann {round_}"))
        update(bob, plan_id, ask(f"bob {round_}"))
        gitstore.sync(ann, ANN)
        gitstore.sync(bob, BOB)
    names = sorted(p.name for p in gitstore.conflicts(bob))
    assert names == [f"{plan_id}.conflict-bob-2.toml", f"{plan_id}.conflict-bob.toml"]
    text = all_text(bob)
    for question in ("ann 0", "ann 1", "bob 0", "bob 1"):
        assert question in text


def test_a_plan_deleted_here_and_changed_there_keeps_the_change(
    two: tuple[Path, Path, str],
) -> None:
    ann, bob, plan_id = two
    other = add(ann, "Other")
    gitstore.sync(ann, ANN)
    gitstore.sync(bob, BOB)
    path = f"{plan_id}.toml"
    # Ann deletes the plan Bob debriefs; Bob deletes the plan Ann adds a question to.
    (ann / "plans" / path).unlink()
    update(bob, plan_id, debrief("Bob's debrief"))
    update(ann, other, ask("Ann's question"))
    (bob / "plans" / f"{other}.toml").unlink()

    gitstore.sync(ann, ANN)
    gitstore.sync(bob, BOB)
    gitstore.sync(ann, ANN)

    for home in (ann, bob):
        assert "Bob's debrief" in (home / "plans" / path).read_text()
        assert "Ann's question" in (home / "plans" / f"{other}.toml").read_text()
        assert gitstore.conflicts(home) == []
        assert_clean(home)


def test_the_same_new_plan_id_on_both_sides(tmp_path: Path, remote: Path) -> None:
    ann, bob = tmp_path / "ann", tmp_path / "bob"
    gitstore.init(ann, str(remote), ANN)
    gitstore.join(bob, str(remote), BOB)
    mine = add(ann, "Acme", questions=["ann's"])
    theirs = add(bob, "Acme", questions=["bob's"])
    assert mine == theirs
    gitstore.sync(bob, BOB)
    result = gitstore.sync(ann, ANN)
    assert [p.name for p in result.new_conflicts] == [f"{mine}.conflict-ann.toml"]
    assert "bob's" in (ann / "plans" / f"{mine}.toml").read_text()
    assert "ann's" in result.new_conflicts[0].read_text()


def reschedule(home: Path, plan_id: str, day: int) -> str:
    """Move the plan as `callprep reschedule` does: its id follows the date, the old one an alias."""
    store = Store(home)
    moved = store.reschedule(
        store.path_for(plan_id),
        lambda plan: plan.model_copy(update={"starts_at": AT.replace(day=day)}),
    )
    return moved.plan.id


def live_plans(home: Path) -> list[str]:
    return sorted(name for name in plan_files(home) if ".conflict-" not in name)


@pytest.mark.parametrize("first", ["ann", "bob"])
def test_a_reschedule_here_and_an_edit_there_are_one_plan(
    two: tuple[Path, Path, str], first: str
) -> None:
    """Ann moves the call while Bob adds a question: after both sync, one plan, not two."""
    ann, bob, plan_id = two
    moved = reschedule(ann, plan_id, 4)
    assert moved != plan_id
    update(bob, plan_id, ask("Bob's question"))

    order = [(ann, ANN), (bob, BOB)] if first == "ann" else [(bob, BOB), (ann, ANN)]
    for home, who in [*order, *order]:
        gitstore.sync(home, who)

    for home in (ann, bob):
        assert live_plans(home) == [f"{moved}.toml"]  # the old id is an alias of it, no plan
        (copy,) = gitstore.conflicts(home)
        assert copy.name == f"{moved}.conflict-bob.toml"  # Bob's edit, whoever synced first
        assert "Bob's question" in copy.read_text()  # nothing lost: Bob's edit beside it
        assert load_plan(home / "plans" / f"{moved}.toml").aliases == [plan_id]
        assert_clean(home)
    assert plan_files(ann) == plan_files(bob)


def test_a_call_moved_on_both_sides_to_different_times_is_one_plan(
    two: tuple[Path, Path, str],
) -> None:
    ann, bob, plan_id = two
    to_4, to_5 = reschedule(ann, plan_id, 4), reschedule(bob, plan_id, 5)
    for home, who in [(ann, ANN), (bob, BOB), (ann, ANN)]:
        gitstore.sync(home, who)
    for home in (ann, bob):
        assert live_plans(home) == [f"{to_4}.toml"]  # the team's (Ann's, pushed first)
        (copy,) = gitstore.conflicts(home)
        assert copy.name == f"{to_4}.conflict-bob.toml"
        assert load_plan(copy).id == to_5
        assert_clean(home)


def test_a_reschedule_on_one_side_alone_just_moves_the_plan(
    two: tuple[Path, Path, str],
) -> None:
    ann, bob, plan_id = two
    moved = reschedule(ann, plan_id, 4)
    other = add(bob, "Globex")
    for home, who in [(ann, ANN), (bob, BOB), (ann, ANN)]:
        gitstore.sync(home, who)
    for home in (ann, bob):
        assert live_plans(home) == sorted([f"{moved}.toml", f"{other}.toml"])
        assert gitstore.conflicts(home) == []


def force_push_another_history(
    remote: Path, tmp_path: Path, change: Callable[[Path], None]
) -> None:
    """Someone replaces the team's history: the same files, as one new root commit, changed."""
    work = tmp_path / "rewrite"
    git("clone", "-q", str(remote), str(work))
    git("checkout", "-q", "--orphan", "fresh", cwd=work)
    change(work)
    git("add", "-A", cwd=work)
    ident = ["-c", "user.name=cai", "-c", f"user.email={CAI}"]
    git(*ident, "commit", "-q", "-m", "a new history", cwd=work)
    git("push", "-q", "-f", "origin", "fresh:main", cwd=work)


def test_after_a_force_push_of_another_history_only_plans_changed_on_both_sides_conflict(
    two: tuple[Path, Path, str], remote: Path, tmp_path: Path
) -> None:
    ann, bob, plan_id = two
    quiet, theirs_only, both, dropped = (
        add(ann, name) for name in ("Quiet", "Theirs", "Both", "Dropped")
    )
    synced(ann, bob, who={ann: ANN, bob: BOB})
    update(bob, plan_id, ask("Bob's, here only"))
    update(bob, both, ask("Bob's, on both sides"))

    def change(work: Path) -> None:
        for plan, text in ((theirs_only, "the team's"), (both, "the team's, on both sides")):
            path = work / "plans" / f"{plan}.toml"
            path.write_text(path.read_text() + f'\n[notes]\nteam = "{text}"\n')
        (work / "plans" / f"{dropped}.toml").unlink()

    force_push_another_history(remote, tmp_path, change)
    result = gitstore.sync(bob, BOB)

    assert [p.name for p in result.new_conflicts] == [f"{both}.conflict-bob.toml"]
    assert "Bob's, here only" in (bob / "plans" / f"{plan_id}.toml").read_text()
    assert "the team's" in (bob / "plans" / f"{theirs_only}.toml").read_text()
    assert "the team's, on both sides" in (bob / "plans" / f"{both}.toml").read_text()
    assert "Bob's, on both sides" in result.new_conflicts[0].read_text()
    assert (bob / "plans" / f"{quiet}.toml").exists()
    assert (bob / "plans" / f"{dropped}.toml").exists()  # not in the new history: kept, sent
    assert f"plans/{dropped}.toml" in remote_files(remote)
    assert_clean(bob)
    # Ann, who changed nothing since, gets the new history and no conflict copy of her own.
    again = gitstore.sync(ann, ANN)
    assert [p.name for p in again.conflicts] == [f"{both}.conflict-bob.toml"]
    assert plan_files(ann) == plan_files(bob)
    assert_clean(ann)


def test_a_playbook_changed_on_both_sides(two: tuple[Path, Path, str]) -> None:
    ann, bob, _ = two
    (ann / "playbooks").mkdir()
    (ann / "playbooks" / "ours.toml").write_text('name = "ours"\n')
    gitstore.sync(ann, ANN)
    gitstore.sync(bob, BOB)
    (ann / "playbooks" / "ours.toml").write_text('name = "ours"\n# ann\n')
    (bob / "playbooks" / "ours.toml").write_text('name = "ours"\n# bob\n')
    gitstore.sync(ann, ANN)
    result = gitstore.sync(bob, BOB)
    assert result.new_conflicts == [bob / "playbooks" / "ours.conflict-bob.toml"]
    assert (bob / "playbooks" / "ours.toml").read_text().endswith("# ann\n")
    assert gitstore.conflicts(bob) == result.new_conflicts


def test_a_rebase_left_half_done_by_hand_is_undone(two: tuple[Path, Path, str]) -> None:
    """Someone ran `git pull --rebase` in the store and it stopped on a conflict."""
    ann, bob, plan_id = two
    update(ann, plan_id, ask("ann's question"))
    gitstore.sync(ann, ANN)
    update(bob, plan_id, ask("bob's question"))
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": BOB}
    env |= {"GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": BOB}
    subprocess.run(["git", "commit", "-qam", "by hand"], cwd=bob, env=env, check=True)
    pulled = subprocess.run(["git", "pull", "--rebase"], cwd=bob, env=env, capture_output=True)
    assert pulled.returncode != 0
    assert (bob / ".git" / "rebase-merge").exists()
    assert "<<<<<<<" in (bob / "plans" / f"{plan_id}.toml").read_text()

    result = gitstore.sync(bob, BOB)

    assert [p.name for p in result.new_conflicts] == [f"{plan_id}.conflict-bob.toml"]
    assert "bob's question" in all_text(bob) and "ann's question" in all_text(bob)
    assert_clean(bob)


# -- concurrency ----------------------------------------------------------------------------------


def test_a_plan_written_here_during_a_sync_is_not_lost(
    two: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A callprep command changes a plan between the sync's commit and the files it brings."""
    ann, bob, plan_id = two
    update(bob, plan_id, ask("bob's question"))
    gitstore.sync(bob, BOB)
    real = gitstore._checkpoint
    written: list[str] = []

    def meanwhile(step: str) -> None:
        if step == "merged" and not written:
            written.append(step)
            update(ann, plan_id, ask("ann's late question"))
        real(step)

    monkeypatch.setattr(gitstore, "_checkpoint", meanwhile)
    result = gitstore.sync(ann, ANN)
    assert written
    assert [p.name for p in result.new_conflicts] == [f"{plan_id}.conflict-ann.toml"]
    text = all_text(ann)
    assert "bob's question" in text and "ann's late question" in text
    assert_clean(ann)


def test_a_teammate_pushing_during_a_sync_makes_it_start_over(
    two: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ann, bob, _ = two
    mine = add(ann, "Mine")
    real = gitstore._checkpoint
    pushed: list[str] = []

    def teammate(step: str) -> None:
        if step == "fetched" and not pushed:
            pushed.append(add(bob, "Theirs"))
            monkeypatch.setattr(gitstore, "_checkpoint", real)
            gitstore.sync(bob, BOB)
        real(step)

    monkeypatch.setattr(gitstore, "_checkpoint", teammate)
    result = gitstore.sync(ann, ANN)
    assert result.pushed and result.committed == [mine] and result.received == pushed
    gitstore.sync(bob, BOB)
    assert plan_files(ann) == plan_files(bob)


def test_one_sync_at_a_time(two: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock

    ann, _, _ = two
    monkeypatch.setattr(gitstore, "SYNC_LOCK_TIMEOUT_SECONDS", 0.1)
    with (
        FileLock(str(ann / ".git" / gitstore.SYNC_LOCK)),
        pytest.raises(GitError, match="another callprep sync is running"),
    ):
        gitstore.sync(ann, ANN)


def test_a_sync_and_a_callprep_command_take_the_same_plan_locks(tmp_path: Path) -> None:
    """gitstore spells the store's lock files out itself (not to load pydantic): the same ones."""
    home = tmp_path / "ann"
    store = Store(home)

    def taken(lock: Callable[[], contextlib.AbstractContextManager[None]]) -> bool:
        try:
            with lock():
                return False
        except CallprepError as err:
            assert "still writing some-plan" in str(err)
            return True

    with store.lock("some-plan"):
        assert taken(lambda: gitstore._store_lock(home, "some-plan", timeout=0.05))
    with gitstore._store_lock(home, "some-plan", timeout=1):
        assert taken(lambda: store.lock("some-plan", timeout=0.05))
    assert not taken(lambda: store.lock("some-plan", timeout=0.05))


def test_sync_does_not_load_the_plan_model() -> None:
    """`callprep sync` pays for git, not for pydantic: importing gitstore leaves the model out."""
    code = "import sys, callprep.team.gitstore; print('callprep.plans.model' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_stale_git_locks_are_removed(two: tuple[Path, Path, str]) -> None:
    ann, _, plan_id = two
    old = clock.file_time() - 60  # a minute old, by the file system's clock
    for lock in (".git/index.lock", ".git/HEAD.lock", ".git/refs/heads/main.lock"):
        (ann / lock).write_text("")
        os.utime(ann / lock, (old, old))
    update(ann, plan_id, ask("after a crash"))
    assert gitstore.sync(ann, ANN).pushed
    assert_clean(ann)


def test_a_ref_another_git_takes_during_the_sync_is_waited_out(
    two: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A killed sync's fetch or push finishing on its own takes the remote-tracking ref just as
    the next sync fetches: that sync waits for it instead of calling the team unreachable."""
    ann, bob, plan_id = two
    update(bob, plan_id, ask("from bob"))
    assert gitstore.sync(bob, BOB).pushed  # so ann's fetch has a ref to move
    lock = ann / ".git" / "refs" / "remotes" / "origin" / "main.lock"
    release = threading.Timer(0.3, lambda: lock.unlink(missing_ok=True))

    def another_git(step: str) -> None:
        if step == "committed" and not release.ident:  # after the start's lock check, once
            lock.write_text("")
            release.start()

    monkeypatch.setattr(gitstore, "_checkpoint", another_git)
    try:
        result = gitstore.sync(ann, ANN)
    finally:
        release.join()
    assert result.received == [plan_id]
    assert_clean(ann)


# -- git missing -----------------------------------------------------------------------------------


def test_git_missing(
    tmp_path: Path, remote: Path, two: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ann, _, _ = two
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert not git_runner.git_available()
    for call, name in (
        (lambda: gitstore.sync(ann, ANN), "sync"),
        (lambda: gitstore.init(tmp_path / "new", str(remote), ANN), "team init"),
        (lambda: gitstore.join(tmp_path / "new", str(remote), ANN), "team join"),
    ):
        with pytest.raises(GitError, match=rf"^callprep {name} needs the git program"):
            call()
    assert not (tmp_path / "new").exists()


def test_who_slug() -> None:
    assert gitstore.who_slug("ann@ourco.example") == "ann"
    assert gitstore.who_slug("Cai.Lee+sales@ourco.example") == "cai-lee-sales"
    assert gitstore.who_slug("Zoë") == "zoe"
    assert gitstore.who_slug("@@@") == "someone"


# -- many sellers, many rounds --------------------------------------------------------------------


@pytest.mark.slow
def test_twenty_rounds_by_three_sellers_lose_no_plan_and_no_answer(
    tmp_path: Path, remote: Path
) -> None:
    rng = random.Random(20261203)
    sellers = {tmp_path / "ann": ANN, tmp_path / "bob": BOB, tmp_path / "cai": CAI}
    homes = list(sellers)
    for n in range(3):
        add(homes[0], f"Account {n}", day=1 + n)
    gitstore.init(homes[0], str(remote), ANN)
    for home in homes[1:]:
        gitstore.join(home, str(remote), sellers[home])

    answers: set[str] = set()
    ids: set[str] = set(Store(homes[0]).plan_ids())
    counter = 0
    for round_ in range(20):
        for home in rng.sample(homes, len(homes)):
            store = Store(home)
            for _ in range(rng.randint(1, 3)):
                counter += 1
                token = f"answer-{home.name}-{round_}-{counter}"
                plans = [i for i in store.plan_ids() if "." not in i]
                action = rng.choice(["new", "ask", "ask", "debrief", "note", "mark"])
                answers.add(token)
                if action == "new" or not plans:
                    # Few accounts and days: two sellers often make the same id.
                    account = f"Account {rng.randint(0, 5)}"
                    ids.add(add(home, account, day=rng.randint(1, 4), questions=[token]))
                    continue
                change = {"ask": ask, "note": note, "debrief": off_script}.get(action)
                update(home, rng.choice(plans), change(token) if change else mark_shared)
                if not change:
                    answers.discard(token)
            if rng.random() < 0.6:
                gitstore.sync(home, sellers[home])

    synced(*homes, who=sellers)
    first = plan_files(homes[0])
    for home in homes:
        assert plan_files(home) == first
        text = all_text(home)
        missing = sorted(a for a in answers if a not in text)
        assert missing == [], f"{home.name} lost {missing[:5]}"
        assert {f"{i}.toml" for i in ids} <= set(first)
        assert_clean(home)
    assert sorted(f"plans/{name}" for name in first) == sorted(
        p for p in remote_files(remote) if p.startswith("plans/")
    )


# -- kill -9 during a sync -------------------------------------------------------------------------

SYNC_SCRIPT = (
    "import sys, pathlib, filelock\n"
    "from callprep.team import gitstore\n"
    "sys.stderr.write('ready\\n')\n"
    "sys.stderr.flush()\n"
    "gitstore.sync(pathlib.Path(sys.argv[1]), sys.argv[2])\n"
)


def start_sync(home: Path, who: str, pause: str | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    if pause:
        env[gitstore.PAUSE_ENV] = pause
    return subprocess.Popen(
        [sys.executable, "-c", SYNC_SCRIPT, str(home), who],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the kill takes its git along
    )


def wait_for_orphans(home: Path, timeout: float = 15) -> None:
    """A git the killed sync started in a session of its own (fetch, push) finishes alone."""
    needle = str(home).encode()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = False
        for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
            try:
                busy |= entry.name.isdigit() and needle in (entry / "cmdline").read_bytes()
            except OSError:
                continue
        if not busy:
            return
        time.sleep(0.05)


class Scene:
    """Ann and Bob, each with changes the other has not seen, a plan changed by both."""

    def __init__(self, root: Path) -> None:
        self.remote = root / "team.git"
        git("init", "-q", "--bare", "--initial-branch=main", str(self.remote))
        self.ann, self.bob = root / "ann", root / "bob"
        self.shared = add(self.ann, "Acme")
        self.ann_gone = add(self.ann, "Ann deletes")
        self.bob_gone = add(self.ann, "Bob deletes")
        self.bob_edits = add(self.ann, "Bob edits")
        gitstore.init(self.ann, str(self.remote), ANN)
        gitstore.join(self.bob, str(self.remote), BOB)
        self.answers = ["ann-shared", "ann-new", "bob-shared", "bob-edit", "bob-new"]
        update(self.bob, self.shared, ask("bob-shared"))
        update(self.bob, self.bob_edits, ask("bob-edit"))
        add(self.bob, "Bob new", questions=["bob-new"])
        (self.bob / "plans" / f"{self.bob_gone}.toml").unlink()
        gitstore.sync(self.bob, BOB)
        update(self.ann, self.shared, ask("ann-shared"))
        add(self.ann, "Ann new", questions=["ann-new"])
        (self.ann / "plans" / f"{self.ann_gone}.toml").unlink()

    def check(self) -> None:
        """Nothing lost, nothing torn, and both end with the same store."""
        gitstore.sync(self.ann, ANN)
        gitstore.sync(self.bob, BOB)
        for home in (self.ann, self.bob):
            text = all_text(home)
            assert [a for a in self.answers if a not in text] == []
            names = set(plan_files(home))
            assert f"{self.ann_gone}.toml" not in names and f"{self.bob_gone}.toml" not in names
            assert f"{self.shared}.toml" in names and f"{self.bob_edits}.toml" in names
            assert_clean(home)
        assert plan_files(self.ann) == plan_files(self.bob)
        assert git("rev-parse", "HEAD", cwd=self.ann) == git("rev-parse", "HEAD", cwd=self.bob)


STEPS = ("committed", "fetched", "merged", "applying", "applied", "indexed", "moved", "pushed")


@pytest.mark.slow
@pytest.mark.parametrize("step", STEPS)
def test_kill_9_at_each_step_then_the_next_sync_repairs(tmp_path: Path, step: str) -> None:
    scene = Scene(tmp_path)
    proc = start_sync(scene.ann, ANN, pause=step)
    assert proc.stderr is not None
    assert proc.stderr.readline() == "ready\n"
    line = proc.stderr.readline()
    assert line == f"paused at {step}\n", line + proc.stderr.read()
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    scene.check()


@pytest.mark.slow
def test_kill_9_at_random_moments_then_the_next_sync_repairs(tmp_path: Path) -> None:
    rng = random.Random(9)
    # How long one whole sync takes here, to kill within it.
    probe = Scene(tmp_path / "probe")
    start = time.monotonic()
    gitstore.sync(probe.ann, ANN)
    span = time.monotonic() - start
    for n in range(16):
        scene = Scene(tmp_path / f"kill-{n}")
        proc = start_sync(scene.ann, ANN)
        assert proc.stderr is not None and proc.stderr.readline() == "ready\n"
        time.sleep(rng.uniform(0, span))
        with contextlib.suppress(ProcessLookupError):  # it may have finished
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        wait_for_orphans(scene.ann)
        scene.check()
