"""Faults: writers killed mid-write, writers racing, a full disk and a read-only store lose nothing.

The kill tests use real processes: `tests/fault_writer.py` (the Store, writing plans that carry
their own proof of being whole) and the real `callprep` command. After every kill each plan must
load and be one whole version, nothing the store had promised may be missing, leftover temp
files must never show as plans, and the next sweep must remove them all.
"""

from __future__ import annotations

import errno
import json
import os
import random
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from callprep.catalog import index
from callprep.plans import store as store_module
from callprep.plans.model import Plan
from callprep.plans.planfile import LoadProblem, load_plan, plan_to_text
from callprep.plans.store import Store, StoredPlan
from tests.conftest import EXAMPLES, PREPARED, ROOT
from tests.fault_writer import OPS, STAGES, is_whole, make_plan, version_of

SEEDS = ("fault-a", "fault-b", "fault-c")
WAIT = 30.0  # seconds to wait for a child before the test fails (never reached when all is well)


# --- processes ------------------------------------------------------------------------------


class Child:
    """A child process whose stdout is read line by line, with a timeout, and never blocks."""

    def __init__(self, args: list[str], env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            args,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self.buffer = b""
        self.lines: list[str] = []

    def _fill(self, timeout: float) -> bool:
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return False
        chunk = os.read(self.proc.stdout.fileno(), 65536)
        if not chunk:
            return False
        self.buffer += chunk
        *done, self.buffer = self.buffer.split(b"\n")
        self.lines.extend(line.decode() for line in done)
        return True

    def wait_for(self, prefix: str, timeout: float = WAIT) -> str:
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for line in self.lines[seen:]:
                if line.startswith(prefix):
                    return line
            seen = len(self.lines)
            left = deadline - time.monotonic()
            if left <= 0 or (not self._fill(left) and self.proc.poll() is not None):
                stderr = self.finish()[1]
                raise AssertionError(f"no {prefix!r} from {self.proc.args}: {stderr}")

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)

    def finish(self) -> tuple[list[str], str]:
        """Wait for the end; every stdout line and the stderr text."""
        out, err = self.proc.communicate(timeout=WAIT)
        text = (self.buffer + out).decode()
        self.buffer = b""
        self.lines.extend(line for line in text.split("\n") if line)
        return self.lines, err.decode()


def writer(home: Path, *args: str) -> Child:
    return Child([sys.executable, "-m", "tests.fault_writer", str(home), *args])


def callprep_command() -> list[str]:
    script = shutil.which("callprep", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "callprep"]


def real(*args: str) -> Child:
    return Child([*callprep_command(), *args])


def promised(lines: list[str]) -> dict[str, int]:
    """What the writer's finished writes promised: plan id -> the version it saved."""
    found: dict[str, int] = {}
    for line in lines:
        if line.startswith("saved "):
            _, plan_id, version = line.split()
            found[plan_id] = max(found.get(plan_id, 0), int(version))
    return found


# --- the store after a fault ----------------------------------------------------------------


@pytest.fixture
def store(home: Path) -> Store:
    made = Store(home)
    for plan_id in SEEDS:
        made.save(made.path_for(plan_id), make_plan(plan_id, 1, "seed"))
    return made


def temps(store: Store) -> list[str]:
    return sorted(p.name for p in store.plans_dir.iterdir() if p.name.endswith(".tmp"))


def plans(store: Store) -> dict[str, Plan]:
    """Every plan file in the store; each must read back, whole and under its own id."""
    found: dict[str, Plan] = {}
    for item in store.iter_plans():
        assert not isinstance(item, LoadProblem), item.message
        assert item.plan.id == item.path.stem
        found[item.plan.id] = item.plan
    return found


def assert_sound(store: Store, promises: dict[str, int]) -> dict[str, Plan]:
    found = plans(store)
    for plan_id, plan in found.items():
        assert is_whole(plan), f"{plan_id} is not one whole version"
    for plan_id, version in promises.items():
        assert plan_id in found, f"{plan_id} was saved, then lost"
        assert version_of(found[plan_id]) >= version, f"{plan_id} lost version {version}"
    # Temp files are never plans: not to the store, not to the index behind list and stats.
    scanned = list(index.scan(store))
    listed = sorted(s.id for s in scanned if not isinstance(s, LoadProblem))
    assert listed == sorted(found) == store.plan_ids(), scanned
    return found


# --- SIGKILL at chosen points of one write ----------------------------------------------------


@pytest.mark.slow
def test_a_writer_killed_at_every_point_of_a_write_leaves_a_whole_plan(store: Store) -> None:
    """Twelve kill points: both kinds of write (update, add), stopped at each step of a write."""
    ids = {stage: f"stage-{stage}" for stage in STAGES}
    for plan_id in ids.values():
        store.save(store.path_for(plan_id), make_plan(plan_id, 1, "seed"))
    children = {
        (op, stage): writer(store.home, "pause", stage, op, ids[stage])
        for op in OPS
        for stage in STAGES
    }
    for child in children.values():
        child.wait_for("ready")
    # Each update has a plan of its own and can run alongside the others; adds go one by one.
    for (op, _), child in children.items():
        if op == "update":
            child.send("go")
    added = 0
    for (op, stage), child in children.items():
        before = set(store.plan_ids())
        if op == "add":
            child.send("go")
        child.wait_for("at ")
        if op == "update":
            mine = [t for t in temps(store) if t.startswith(f".{ids[stage]}.toml.")]
        else:
            mine = [t for t in temps(store) if t[1:].split(".toml.")[0] not in before]
        child.kill()
        _, stderr = child.finish()
        assert child.proc.returncode == -signal.SIGKILL, stderr
        found = assert_sound(store, {})
        # A temp file exists from its making until the rename, and is the writer's only trace.
        has_temp = stage in ("temp-created", "half-written", "written", "fsynced")
        assert len(mine) == has_temp, (op, stage, mine)
        if op == "update":
            # Up to the rename the old version stands; from it on, the new one.
            expected = 2 if stage == "replaced" else 1
            assert version_of(found[ids[stage]]) == expected, (op, stage)
            # The system let go of the dead writer's lock: the plan can be written at once.
            with store.lock(ids[stage], timeout=0):
                pass
        else:
            added += stage == "replaced"
            assert len(set(found) - set(SEEDS) - set(ids.values())) == added, (op, stage)
    assert added == 1
    assert temps(store)  # the dead writers' temps are still there ...
    store.sweep_temps()
    assert temps(store) == []  # ... until the next sweep, which removes every one
    assert_sound(store, {})


@pytest.mark.slow
def test_the_sweep_never_takes_a_live_writers_temp(store: Store) -> None:
    child = writer(store.home, "pause", "half-written", "update", "fault-a")
    child.wait_for("ready")
    child.send("go")
    child.wait_for("at half-written")
    assert len(temps(store)) == 1
    store.sweep_temps()
    assert len(temps(store)) == 1  # its writer holds the plan's lock: alive, so left alone
    child.send("go")
    lines, stderr = child.finish()
    assert child.proc.returncode == 0, stderr
    assert promised(lines) == {"fault-a": 2}
    assert temps(store) == []
    assert version_of(assert_sound(store, {"fault-a": 2})["fault-a"]) == 2


# --- SIGKILL at random moments -----------------------------------------------------------------


@pytest.mark.slow
def test_writers_killed_at_random_moments_never_corrupt_or_lose_a_plan(store: Store) -> None:
    """Thirty kill points: two writers at a time update and add plans until each is killed."""
    rng = random.Random(8)
    promises: dict[str, int] = {}
    kills = writes = mid_write = 0
    for _ in range(15):
        pair = [writer(store.home, "loop", str(rng.randrange(10**6)), *SEEDS) for _ in range(2)]
        for child in pair:
            child.wait_for("ready")
        start = time.monotonic()
        moments = sorted((rng.uniform(0, 0.06), n) for n in range(len(pair)))
        for at, n in moments:
            time.sleep(max(0.0, start + at - time.monotonic()))
            pair[n].kill()
        for child in pair:
            lines, stderr = child.finish()
            assert child.proc.returncode == -signal.SIGKILL, stderr
            for plan_id, version in promised(lines).items():
                promises[plan_id] = max(promises.get(plan_id, 0), version)
            writes += sum(line.startswith("saved ") for line in lines)
            kills += 1
        # How often a kill caught a write between temp and rename (the other writer may have
        # cleared its temp since): counted, not required; the test above stops at each step.
        mid_write += bool(temps(store))
        assert_sound(store, promises)
        store.sweep_temps()
        assert temps(store) == []
    assert kills == 30
    assert writes > 0  # the writers were killed while writing, not before they began
    print(f"writers: {kills} killed, {writes} writes finished, {mid_write} rounds left a temp")


@pytest.mark.slow
def test_the_real_command_killed_at_random_moments_loses_nothing(
    store: Store, tmp_path: Path
) -> None:
    """Ten kill points in real `callprep` runs (new, debrief, agenda marks, done) on the same plans."""
    rng = random.Random(3)
    target = store.home / "plans" / PREPARED.name
    shutil.copy(PREPARED, target)
    answers = []
    for n in range(3):
        path = tmp_path / f"debrief-{n}.toml"
        path.write_text(_debrief_toml(f"Summary number {n} " * 50, f"Commitment {n}"))
        answers.append(path)
    debriefs = [tomllib.loads(p.read_text())["debrief"] for p in answers]
    commands = [
        ["new", "--no-input", "--from", str(PREPARED)],
        ["debrief", target.stem, "--no-input", "--from", str(answers[0])],
        ["debrief", target.stem, "--no-input", "--from", str(answers[1])],
        ["debrief", target.stem, "--no-input", "--from", str(answers[2])],
        ["agenda", target.stem, "--mark-confirmed"],
        ["done", target.stem, "1"],
        ["done", target.stem, "1", "--undo"],
    ]
    ids_before = set(store.plan_ids())
    kills = 0
    runs = 0
    while kills < 10:
        pair = [real(*rng.choice(commands)) for _ in range(2)]
        runs += 2
        time.sleep(rng.uniform(0.1, 0.35))  # start-up takes most of a run; the write is short
        for child in pair:
            child.kill()
        for child in pair:
            _, stderr = child.finish()
            kills += child.proc.returncode == -signal.SIGKILL
            if child.proc.returncode == 1:
                # `done` refuses to mark a commitment a debrief replaced as it ran: rightly.
                assert stderr.startswith("callprep: the plan changed while marking"), stderr
                assert stderr.count("\n") == 1
            else:
                assert child.proc.returncode in (0, -signal.SIGKILL), stderr
        assert ids_before <= set(store.plan_ids())
        stored = load_plan(target)  # reads, whole
        if stored.debrief is not None:
            kept = stored.debrief.model_dump(mode="json", exclude={"commitments"})
            assert any(
                kept["summary"] == d["summary"].strip() and kept["outcome"] == d["outcome"]
                for d in debriefs
            )
        for item in store.iter_plans():
            assert not isinstance(item, LoadProblem), item.message
    listed = real("list", "--json")  # list sweeps the dead writers' temps
    out, _ = listed.finish()
    assert listed.proc.returncode == 0
    on_disk = [item.plan.id for item in store.iter_plans() if isinstance(item, StoredPlan)]
    assert sorted(row["id"] for row in json.loads("\n".join(out))) == sorted(on_disk)
    assert len(on_disk) == len(store.plan_ids())
    assert temps(store) == []
    assert runs >= kills >= 10
    print(f"real callprep: {runs} runs, {kills} killed")


def _debrief_toml(summary: str, commitment: str) -> str:
    return f"""
[debrief]
held_at = 2026-12-03T16:00:00-05:00
outcome = "minimum"
summary = "{summary}"
engagement = 4
next_step = "Pilot kick-off"

[[debrief.commitments]]
who = "customer"
what = "{commitment}"
due = 2026-12-08
"""


# --- writers racing ----------------------------------------------------------------------------


@pytest.mark.slow
def test_five_writers_of_one_plan_leave_exactly_one_writers_whole_plan(store: Store) -> None:
    path = store.path_for("fault-a")
    for round_ in range(3):
        tags = [f"r{round_}w{n}" for n in range(5)]
        children = [writer(store.home, "race", "fault-a", tag) for tag in tags]
        for child in children:
            child.wait_for("ready")
        for child in children:
            child.send("go")
        for child in children:
            lines, stderr = child.finish()
            assert child.proc.returncode == 0, stderr
            assert lines[-1] == "saved fault-a 1"
        written = path.read_text(encoding="utf-8")
        whole = [tag for tag in tags if written == plan_to_text(make_plan("fault-a", 1, tag))]
        assert len(whole) == 1
        assert temps(store) == []


@pytest.mark.slow
def test_five_debriefs_and_a_mark_at_once_keep_every_debriefs_changes_and_the_mark(
    home: Path, tmp_path: Path
) -> None:
    """Each debrief is merged into the plan as it is when it writes: the last summary wins, and
    no writer's commitment is lost to a debrief written over it."""
    plans_dir = home / "plans"
    plans_dir.mkdir(parents=True)
    target = plans_dir / "pitch-unprepared.toml"
    shutil.copy(EXAMPLES / "pitch-unprepared.toml", target)
    summaries = []
    children = []
    for n in range(5):
        answers = tmp_path / f"debrief-{n}.toml"
        summaries.append(f"Writer {n} " * 200)
        answers.write_text(_debrief_toml(summaries[-1], f"Commitment of writer {n}"))
        children.append(real("debrief", target.stem, "--no-input", "--from", str(answers)))
    children.append(real("agenda", target.stem, "--mark-shared"))
    for child in children:
        _, stderr = child.finish()
        assert child.proc.returncode == 0, stderr
    plan = load_plan(target)
    assert plan.agenda.shared  # the mark was not lost to a debrief written over it
    assert plan.debrief is not None
    assert plan.debrief.summary in [s.strip() for s in summaries]
    assert sorted(c.what for c in plan.debrief.commitments) == [
        f"Commitment of writer {n}" for n in range(5)
    ]


# --- load-then-save: a change made meanwhile is never lost -----------------------------------


def _meanwhile(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, *args: str) -> list[Child]:
    """Make `module.name` start `callprep *args` in another process and give it time to write.

    Under the plan's lock the other process has to wait, and writes after us; a command that
    saved a plan it had read earlier would write over the other's change.
    """
    started: list[Child] = []
    real_change = getattr(module, name)

    def change(*a: Any, **kw: Any) -> Any:
        if not started:
            started.append(real(*args))
            time.sleep(0.6)
        return real_change(*a, **kw)

    monkeypatch.setattr(module, name, change)
    return started


def _finish(started: list[Child]) -> None:
    assert len(started) == 1
    _, stderr = started[0].finish()
    assert started[0].proc.returncode == 0, stderr


@pytest.mark.slow
def test_a_debrief_keeps_a_mark_made_while_it_was_saving(
    cli, stored_example, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: Path
) -> None:
    from callprep.calls import debrief

    plan_id = stored_example(EXAMPLES / "pitch-unprepared.toml")
    answers = tmp_path / "debrief.toml"
    answers.write_text(_debrief_toml("It went well", "Send the data"))
    started = _meanwhile(monkeypatch, debrief, "with_debrief", "agenda", plan_id, "--mark-shared")
    result = cli("debrief", plan_id, "--no-input", "--from", str(answers))
    assert result.exit_code == 0, result.stderr
    _finish(started)
    plan = load_plan(home / "plans" / f"{plan_id}.toml")
    assert (
        plan.agenda.shared and plan.debrief is not None and plan.debrief.summary == "It went well"
    )


@pytest.mark.slow
def test_a_mark_keeps_a_debrief_made_while_it_was_saving(
    cli, stored_example, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: Path
) -> None:
    from callprep.commands import agenda

    plan_id = stored_example(EXAMPLES / "pitch-unprepared.toml")
    answers = tmp_path / "debrief.toml"
    answers.write_text(_debrief_toml("It went well", "Send the data"))
    started = _meanwhile(
        monkeypatch, agenda, "with_mark", "debrief", plan_id, "--no-input", "--from", str(answers)
    )
    result = cli("agenda", plan_id, "--mark-shared")
    assert result.exit_code == 0, result.stderr
    _finish(started)
    plan = load_plan(home / "plans" / f"{plan_id}.toml")
    assert (
        plan.agenda.shared and plan.debrief is not None and plan.debrief.summary == "It went well"
    )


@pytest.mark.slow
def test_done_keeps_a_mark_made_while_it_was_saving(
    cli, stored_example, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: Path
) -> None:
    from callprep.commands import done

    plan_id = stored_example(EXAMPLES / "pitch-unprepared.toml")
    answers = tmp_path / "debrief.toml"
    answers.write_text(_debrief_toml("It went well", "Send the data"))
    assert cli("debrief", plan_id, "--no-input", "--from", str(answers)).exit_code == 0
    started = _meanwhile(monkeypatch, done, "with_done", "agenda", plan_id, "--mark-shared")
    result = cli("done", plan_id, "1")
    assert result.exit_code == 0, result.stderr
    _finish(started)
    plan = load_plan(home / "plans" / f"{plan_id}.toml")
    assert plan.agenda.shared and plan.debrief is not None and plan.debrief.commitments[0].done


def test_an_edit_is_not_saved_over_a_change_made_while_editing(
    cli, stored_example, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: Path
) -> None:
    plan_id = stored_example(EXAMPLES / "pitch-unprepared.toml")
    path = home / "plans" / f"{plan_id}.toml"
    script = tmp_path / "editor.py"
    # The seller edits; meanwhile another callprep marks the agenda sent.
    script.write_text(
        "import pathlib, sys\n"
        "from callprep.plans.store import Store\n"
        "from callprep.commands.agenda import with_mark\n"
        f"Store(pathlib.Path({str(home)!r})).update(pathlib.Path({str(path)!r}),"
        " lambda p: with_mark(p, False))\n"
        "work = pathlib.Path(sys.argv[1])\n"
        "work.write_text(work.read_text().replace('Globex', 'Globex Corp'))\n"
    )
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    result = cli("edit", plan_id)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("callprep: the plan changed while you were editing it")
    plan = load_plan(path)
    assert plan.agenda.shared  # the other change stands
    [kept] = (home / "rejected").iterdir()  # and the seller's edit is kept, not lost
    assert "Globex Corp" in kept.read_text() and line.endswith(str(kept))


# --- every write goes through the store, atomic and under the plan's lock ---------------------


WRITING_COMMANDS: dict[str, list[str]] = {
    "agenda --mark-shared": ["agenda", "{id}", "--mark-shared"],
    "agenda --mark-confirmed": ["agenda", "{id}", "--mark-confirmed"],
    "debrief": ["debrief", "{id}", "--no-input", "--from", "{answers}"],
    "done": ["done", "{id}", "1"],
    "edit": ["edit", "{id}"],
}


@pytest.fixture
def writable_plan(stored_example, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A stored plan with a debrief (so `done 1` has work), answers and an editor ready."""
    plan_id = stored_example(EXAMPLES / "pitch-unprepared.toml")
    path = home / "plans" / f"{plan_id}.toml"
    answers = tmp_path / "debrief.toml"
    answers.write_text(_debrief_toml("It went well", "Send the data"))
    Store(home).update(path, lambda p: p.model_copy(update={"debrief": _debrief(answers)}))
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import pathlib, sys\nwork = pathlib.Path(sys.argv[1])\n"
        "work.write_text(work.read_text().replace('Globex', 'Globex Corp'))\n"
    )
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(editor))}")
    return plan_id, path, answers


def _debrief(answers: Path) -> Any:
    from callprep.calls.debrief import answers_from_file, to_debrief

    plan = to_debrief(answers_from_file(answers), str(answers))
    return plan.model_copy(update={"summary": "Before"})


def _args(template: list[str], plan_id: str, answers: Path) -> list[str]:
    return [a.format(id=plan_id, answers=answers) for a in template]


@pytest.mark.parametrize("command", list(WRITING_COMMANDS))
def test_every_write_is_atomic_and_under_the_plans_lock(
    cli, writable_plan, monkeypatch: pytest.MonkeyPatch, command: str, home: Path
) -> None:
    from filelock import FileLock, Timeout

    plan_id, path, answers = writable_plan
    writes: list[tuple[Path, bool]] = []
    real_atomic_write = store_module.atomic_write

    def watched(target: Path, text: str, mode: int = 0o600) -> None:
        held = False
        if target.parent == Store(home).plans_dir:
            try:
                with FileLock(str(target.parent / f".{target.stem}.lock"), timeout=0):
                    pass
            except Timeout:
                held = True  # by this process's store: another lock on it cannot be had
        writes.append((target, held))
        real_atomic_write(target, text, mode)

    monkeypatch.setattr(store_module, "atomic_write", watched)
    before = path.read_bytes()
    result = cli(*_args(WRITING_COMMANDS[command], plan_id, answers))
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() != before
    plan_writes = [(target, held) for target, held in writes if target == path]
    assert plan_writes == [(path, True)]


def test_new_writes_its_plan_atomically_under_the_plans_lock(
    cli, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    from filelock import FileLock, Timeout

    writes: list[tuple[str, bool]] = []
    real_atomic_write = store_module.atomic_write

    def watched(target: Path, text: str, mode: int = 0o600) -> None:
        try:
            with FileLock(str(target.parent / f".{target.stem}.lock"), timeout=0):
                held = False
        except Timeout:
            held = True
        writes.append((target.name, held))
        real_atomic_write(target, text, mode)

    monkeypatch.setattr(store_module, "atomic_write", watched)
    result = cli("new", "--no-input", "--from", str(PREPARED))
    assert result.exit_code == 0, result.stderr
    assert writes == [(f"{result.stdout.strip()}.toml", True)]


# --- a full disk, a read-only store -----------------------------------------------------------

FAULTS: dict[str, OSError] = {
    "disk full while writing": OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)),
    "disk full at fsync": OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)),
    "permission denied": PermissionError(errno.EACCES, os.strerror(errno.EACCES)),
    "read-only file system": OSError(errno.EROFS, os.strerror(errno.EROFS)),
}


def _inject(monkeypatch: pytest.MonkeyPatch, fault: str, plans_dir: Path) -> None:
    """Make every write of a plan file fail with `fault` (other writes, e.g. drafts, still work)."""
    error = FAULTS[fault]
    armed = [False]
    real_atomic_write = store_module.atomic_write
    real_fdopen, real_fsync, real_mkstemp = os.fdopen, os.fsync, tempfile.mkstemp

    def atomic_write(target: Path, text: str, mode: int = 0o600) -> None:
        armed[0] = target.parent == plans_dir
        try:
            real_atomic_write(target, text, mode)
        finally:
            armed[0] = False

    class Full:
        """A file on a disk that fills up a third of the way through the write."""

        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 3])
            raise error

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, *args, **kwargs)
        return Full(handle) if armed[0] and fault == "disk full while writing" else handle

    def fsync(fd: int) -> None:
        if armed[0] and fault == "disk full at fsync":
            raise error
        real_fsync(fd)

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if armed[0] and fault in ("permission denied", "read-only file system"):
            raise error  # the folder takes no new file
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(store_module, "atomic_write", atomic_write)
    monkeypatch.setattr(store_module.os, "fdopen", fdopen)
    monkeypatch.setattr(store_module.os, "fsync", fsync)
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock") and p.parent.name != "cache"
    }


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("command", list(WRITING_COMMANDS))
def test_a_failed_write_is_one_clear_line_and_loses_nothing(
    cli, writable_plan, monkeypatch: pytest.MonkeyPatch, home: Path, command: str, fault: str
) -> None:
    plan_id, path, answers = writable_plan
    before = snapshot(home / "plans")
    _inject(monkeypatch, fault, home / "plans")
    result = cli(*_args(WRITING_COMMANDS[command], plan_id, answers))
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"callprep: cannot write {path}: {FAULTS[fault].strerror}")
    assert snapshot(home / "plans") == before  # the plan and every other file as they were
    if command == "edit":  # the seller's edit is not lost either
        kept = line.rsplit("kept in ", 1)[1]
        assert "Globex Corp" in Path(kept).read_text()


@pytest.mark.parametrize("fault", list(FAULTS))
def test_new_on_a_failed_write_is_one_clear_line_and_adds_nothing(
    cli, monkeypatch: pytest.MonkeyPatch, home: Path, fault: str
) -> None:
    Store(home).ensure(home / "plans")
    _inject(monkeypatch, fault, home / "plans")
    result = cli("new", "--no-input", "--from", str(PREPARED))
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("callprep: cannot write ")
    assert FAULTS[fault].strerror in line
    assert result.stdout == ""
    assert list((home / "plans").glob("*.toml")) == []
    assert not any(p.name.endswith(".tmp") for p in (home / "plans").iterdir())


def _drop_privileges() -> list[str] | None:
    """How to run a command for which a folder's mode is binding (root ignores it)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    # Root without the capability to override file modes: `chmod 0500` binds it too.
    prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
    probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
    return prefix if probe.returncode == 0 else None


@pytest.fixture
def read_only_store(writable_plan, home: Path) -> Iterator[tuple[str, Path, Path, list[str]]]:
    prefix = _drop_privileges()
    if prefix is None:
        pytest.skip("running as root, and root's file-mode override cannot be dropped here")
    plans_dir = home / "plans"
    os.chmod(plans_dir, 0o500)
    try:
        yield (*writable_plan, prefix)
    finally:
        os.chmod(plans_dir, 0o700)


@pytest.mark.slow
def test_a_read_only_store_is_one_clear_line_for_every_writing_command(
    read_only_store, home: Path
) -> None:
    plan_id, _, answers, prefix = read_only_store
    before = snapshot(home / "plans")
    env = {**os.environ, "CALLPREP_HOME": str(home)}
    commands = [*WRITING_COMMANDS.values(), ["new", "--no-input", "--from", str(PREPARED)]]
    for template in commands:
        args = _args(template, plan_id, answers)
        done = subprocess.run(
            [*prefix, *callprep_command(), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=WAIT,
            check=False,
        )
        assert done.returncode == 1, (args, done.stderr)
        [line] = done.stderr.splitlines()
        assert line.startswith("callprep: cannot write "), (args, line)
        assert "Permission denied" in line
        assert snapshot(home / "plans") == before
    # Reading still works, and the sweep leaves a store it may not write to alone.
    for args in (["list", "--json"], ["stats"], ["show", plan_id], ["brief", plan_id]):
        done = subprocess.run(
            [*prefix, *callprep_command(), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=WAIT,
            check=False,
        )
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr


def test_sweeping_needs_no_write_access(
    writable_plan, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    store = Store(home)
    temp = store.plans_dir / f".{writable_plan[1].name}.abc.tmp"
    temp.write_text("half")

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    from filelock import FileLock

    monkeypatch.setattr(FileLock, "acquire", refuse)
    store.sweep_temps()  # cannot take the lock: leaves the temp, raises nothing
    assert temp.exists()
