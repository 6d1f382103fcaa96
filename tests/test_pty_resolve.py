"""A real team conflict resolved in a real 80x24 terminal, with no file editing: Ann adds a
question while Bob moves the call and marks the agenda sent; both sync through a bare
repository; Bob resolves it field by field; after the next syncs both have the one plan."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from callprep.plans.model import Plan
from callprep.plans.planfile import load_plan
from callprep.plans.store import Store
from callprep.team import gitstore
from tests.terminal import DOWN, ENTER, Terminal

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program"),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

ANN, BOB = "ann@ourco.example", "bob@ourco.example"
NY = ZoneInfo("America/New_York")
AT = dt.datetime(2026, 12, 3, 10, 0, tzinfo=NY)


@pytest.fixture(autouse=True)
def plain_git(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def test_a_conflict_from_two_stores_is_resolved_field_by_field(tmp_path: Path) -> None:
    remote, ann, bob = tmp_path / "team.git", tmp_path / "ann", tmp_path / "bob"
    subprocess.run(
        ["git", "init", "-q", "--bare", "--initial-branch=main", str(remote)], check=True
    )
    plan = Plan(account="Acme", kind="discovery", starts_at=AT, timezone="America/New_York",
                questions=["Who decides?"], owner=ANN)  # fmt: skip
    plan_id = Store(ann).add(plan).plan.id
    for home, email in ((ann, ANN), (bob, BOB)):
        home.mkdir(exist_ok=True)
        (home / "profile.toml").write_text(
            f'email = "{email}"\ntimezone = "Europe/London"\n', encoding="utf-8"
        )
    gitstore.init(ann, str(remote), ANN)
    gitstore.join(bob, str(remote), BOB)

    # Ann adds a question; Bob moves the call a day and marks the agenda sent.
    Store(ann).update(
        Store(ann).path_for(plan_id),
        lambda p: p.model_copy(update={"questions": [*p.questions, "What does it cost today?"]}),
    )
    store = Store(bob)
    moved = store.reschedule(
        store.path_for(plan_id),
        lambda p: p.model_copy(
            update={
                "starts_at": AT + dt.timedelta(days=1),
                "agenda": p.agenda.model_copy(update={"shared": True}),
            }
        ),
    ).plan.id
    gitstore.sync(ann, ANN)
    (copy,) = gitstore.sync(bob, BOB).new_conflicts  # Ann's edit, beside Bob's moved plan
    assert copy.name == f"{moved}.conflict-ann.toml"

    # Bob keeps his date (Enter: the plan's), takes Ann's questions, keeps his agenda mark.
    terminal = Terminal(["resolve", moved], bob, dimensions=(24, 80))
    terminal.answer("Keep which starts_at?", ENTER)
    terminal.answer("Keep which questions?", DOWN, ENTER)
    terminal.answer("Keep which agenda.shared?", ENTER)
    status, transcript = terminal.finish()
    assert status == 0, transcript
    assert "3 fields differ" in transcript and "mine is the plan" in transcript
    # Both sides of a field shown before it is asked, the time on Bob's clock first.
    assert "  mine    Fri 4 Dec 2026, 15:00 (10:00 New York)" in transcript
    assert "  theirs  Thu 3 Dec 2026, 15:00 (10:00 New York)" in transcript
    assert "Resolved " + moved + ": 2 fields from mine, 1 from theirs" in transcript

    resolved = load_plan(bob / "plans" / f"{moved}.toml")
    assert resolved.questions == ["Who decides?", "What does it cost today?"]
    assert resolved.agenda.shared and resolved.starts_at == AT + dt.timedelta(days=1)
    assert plan_id in resolved.aliases
    assert gitstore.conflicts(bob) == []

    # Shared: after the next syncs both stores hold the one plan, and no copy.
    gitstore.sync(bob, BOB)
    gitstore.sync(ann, ANN)
    for home in (ann, bob):
        names = sorted(p.name for p in (home / "plans").glob("*.toml"))
        assert names == [f"{moved}.toml"]
        assert load_plan(home / "plans" / f"{moved}.toml") == resolved
