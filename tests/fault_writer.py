"""A writer for the fault tests: writes plans through the Store until it is killed, or stops where told.

    python -m tests.fault_writer HOME loop SEED ID...        update/add plans forever
    python -m tests.fault_writer HOME pause STAGE OP ID      on "go", one write that waits at STAGE
    python -m tests.fault_writer HOME race ID TAG            wait for "go", then save one whole plan

Every plan it writes carries its own proof of being whole (`make_plan`, `is_whole`): a file torn
between two versions, or cut short, reads as a different token in different places. It prints
`ready` once imported, `at STAGE` where it waits (until killed or told "go" again), and `saved ID VERSION` after each write
returns, so the test knows what the store had promised before the kill.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from callprep.plans import store as store_module
from callprep.plans.model import Plan
from callprep.plans.store import Store

ACCOUNT = "Fault Test"
QUESTIONS = 40
PADDING = 1500  # tokens: about 20 kB a plan, so a write takes long enough to be cut in half

# Where `pause` mode can stop one write, in the order a write passes them.
STAGES = ("locked", "temp-created", "half-written", "written", "fsynced", "replaced")
OPS = ("update", "add")


def make_plan(plan_id: str, version: int, tag: str) -> Plan:
    token = f"{tag}-v{version}"
    return Plan(
        id=plan_id,
        account=ACCOUNT,
        kind="demo",
        opportunity=token,
        questions=[f"{token} q{n}" for n in range(QUESTIONS)],
        notes={"version": str(version), "token": token, "padding": token * PADDING},
    )


def version_of(plan: Plan) -> int:
    return int(plan.notes["version"])


def is_whole(plan: Plan) -> bool:
    """Every part of the plan is from the one write that made it."""
    token = plan.notes.get("token", "")
    return (
        bool(token)
        and plan.opportunity == token
        and plan.notes.get("version") == token.rsplit("-v", 1)[1]
        and plan.questions == [f"{token} q{n}" for n in range(QUESTIONS)]
        and plan.notes.get("padding") == token * PADDING
    )


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def bump(tag: str) -> Callable[[Plan], Plan]:
    def change(plan: Plan) -> Plan:
        return make_plan(plan.id, version_of(plan) + 1, tag)

    return change


def update(store: Store, plan_id: str, tag: str) -> None:
    plan = store.update(store.path_for(plan_id), bump(tag))
    say(f"saved {plan.id} {version_of(plan)}")


def add(store: Store, tag: str) -> None:
    stored = store.add(make_plan("", 1, tag).model_copy(update={"account": f"{ACCOUNT} {tag}"}))
    say(f"saved {stored.plan.id} 1")


def loop(store: Store, seed: int, plan_ids: list[str]) -> None:
    rng = random.Random(seed)
    tag = f"w{os.getpid()}"
    say("ready")
    while True:
        if rng.random() < 0.2:
            add(store, tag)
        else:
            update(store, rng.choice(plan_ids), tag)


def stop_at(stage: str) -> None:
    """Make the next write wait at `stage` until the test says go (or kills us)."""
    waited: set[str] = set()

    def pause(here: str) -> None:
        if here == stage and here not in waited:
            waited.add(here)
            say(f"at {here}")
            sys.stdin.readline()

    real_write = Store._write
    real_mkstemp = tempfile.mkstemp
    real_fdopen = os.fdopen
    real_fsync = os.fsync
    real_replace = os.replace

    def write(self: Store, path: Path, plan: Plan, text: str | None = None) -> None:
        pause("locked")  # Store._write runs under the plan's lock
        real_write(self, path, plan, text)

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        made = real_mkstemp(*args, **kwargs)
        pause("temp-created")
        return made

    class HalfWay:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> HalfWay:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            half = len(data) // 2
            self.handle.write(data[:half])
            self.handle.flush()
            pause("half-written")
            return int(self.handle.write(data[half:])) + half

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return HalfWay(real_fdopen(fd, *args, **kwargs))

    def fsync(fd: int) -> None:
        pause("written")
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        pause("fsynced")
        real_replace(src, dst)
        pause("replaced")

    Store._write = write  # type: ignore[method-assign]
    tempfile.mkstemp = mkstemp  # type: ignore[assignment]
    store_module.os.fdopen = fdopen  # type: ignore[assignment]
    store_module.os.fsync = fsync
    store_module.os.replace = replace


def main(argv: list[str]) -> None:
    store = Store(Path(argv[0]))
    mode = argv[1]
    if mode == "loop":
        loop(store, int(argv[2]), argv[3:])
    elif mode == "pause":
        stage, op, plan_id = argv[2:5]
        stop_at(stage)
        say("ready")
        sys.stdin.readline()  # the test says when: adds must not overtake one another
        if op == "add":
            add(store, "paused")
        else:
            update(store, plan_id, "paused")
    elif mode == "race":
        plan_id, tag = argv[2:4]
        plan = make_plan(plan_id, 1, tag)
        say("ready")
        sys.stdin.readline()
        store.save(store.path_for(plan_id), plan)
        say(f"saved {plan_id} 1")
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
