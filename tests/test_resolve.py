"""`callprep resolve`: a team conflict made one plan again, field by field, with no file editing.

The conflicts here are written by hand, as `sync` leaves them (test_pty_resolve.py makes a real
one with two stores and a bare repository)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from callprep.plans.model import Plan
from callprep.plans.planfile import load_plan
from callprep.plans.store import Store
from callprep.team import resolve

PLAN_ID = "2026-12-03-acme-discovery"
PLAN = f"""
id = "{PLAN_ID}"
owner = "ann@ourco.example"
account = "Acme"
kind = "discovery"
starts_at = 2026-12-03T15:00:00Z
questions = ["Who decides?"]
[agenda]
items = ["Their goals"]
shared = true
"""
# Bob's version, met the team's (Ann's agenda mark) when he synced: his question, his date.
COPY = f"""
id = "{PLAN_ID}"
owner = "ann@ourco.example"
account = "Acme"
kind = "discovery"
starts_at = 2026-12-04T15:00:00Z
questions = ["Who decides?", "What does it cost them today?"]
[agenda]
items = ["Their goals"]
"""


@pytest.fixture
def conflict(home: Path) -> Path:
    plans = home / "plans"
    plans.mkdir(parents=True)
    (plans / f"{PLAN_ID}.toml").write_text(PLAN, encoding="utf-8")
    copy = plans / f"{PLAN_ID}.conflict-bob.toml"
    copy.write_text(COPY, encoding="utf-8")
    (home / "profile.toml").write_text('email = "bob@ourco.example"\n', encoding="utf-8")
    return copy


def plan(home: Path, plan_id: str = PLAN_ID) -> Plan:
    return load_plan(home / "plans" / f"{plan_id}.toml")


def test_the_differing_fields_mine_being_the_copy_named_after_me(home: Path, conflict) -> None:
    found = resolve.find(Store(home), PLAN_ID, "bob@ourco.example")
    assert found.copy_is_mine and found.copy_path == conflict
    assert [(d.field, d.mine, d.theirs) for d in found.differences()] == [
        ("starts_at", dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.UTC),
         dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.UTC)),
        ("questions", ["Who decides?", "What does it cost them today?"], ["Who decides?"]),
        ("agenda.shared", False, True),
    ]  # fmt: skip
    # For Ann the same copy is her teammate's: the plan is hers.
    theirs = resolve.find(Store(home), PLAN_ID, "ann@ourco.example")
    assert not theirs.copy_is_mine
    assert theirs.differences()[0].mine == dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.UTC)


def test_theirs_for_every_field_keeps_the_plan_and_trashes_the_copy(cli, home, conflict) -> None:
    result = cli("resolve", PLAN_ID, "--theirs")
    assert result.exit_code == 0, result.stderr
    assert "3 fields differ" in result.stderr
    assert "Resolved 2026-12-03-acme-discovery: 0 fields from mine, 3 from theirs" in result.stderr
    assert plan(home).questions == ["Who decides?"] and plan(home).agenda.shared
    assert not conflict.exists() and (home / "trash" / conflict.name).exists()
    assert "conflict" not in cli("list").stderr


def test_mine_for_every_field_takes_the_copy_and_the_id_follows_its_date(
    cli, home, conflict
) -> None:
    result = cli("resolve", PLAN_ID, "--mine")
    assert result.exit_code == 0, result.stderr
    moved = plan(home, "2026-12-04-acme-discovery")
    assert moved.questions[-1] == "What does it cost them today?"
    assert not moved.agenda.shared
    assert moved.aliases == [PLAN_ID]  # the old id still finds it
    assert not (home / "plans" / f"{PLAN_ID}.toml").exists() and not conflict.exists()
    assert cli("show", PLAN_ID).exit_code == 0


def test_field_by_field_through_the_prompts(cli, home, conflict, script) -> None:
    asker = script(
        {
            "resolve.starts_at": "theirs",
            "resolve.questions": "mine",
            "resolve.agenda.shared": "theirs",
        }
    )
    result = cli("resolve", PLAN_ID)
    assert result.exit_code == 0, result.stderr
    assert asker.asked == ["resolve.starts_at", "resolve.questions", "resolve.agenda.shared"]
    resolved = plan(home)
    assert resolved.starts_at == dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.UTC)
    assert resolved.questions == ["Who decides?", "What does it cost them today?"]
    assert resolved.agenda.shared
    assert "1 field from mine, 2 from theirs" in result.stderr
    # Each field shown before it is asked: its name, then both sides, the time by the one rule.
    assert "starts_at\n  mine    Fri 4 Dec 2026, 15:00\n  theirs  Thu 3 Dec 2026, 15:00\n" in (
        result.stdout
    )
    assert "  mine    • Who decides?\n          • What does it cost them today?\n" in result.stdout


def test_a_change_made_meanwhile_to_a_field_nobody_chose_stays(home: Path, conflict) -> None:
    found = resolve.find(Store(home), PLAN_ID, "bob@ourco.example")
    meanwhile = found.plan.model_copy(update={"opportunity": "Fleet"})
    result = resolve.merged(meanwhile, found.copy, {"questions"})
    assert result.opportunity == "Fleet" and len(result.questions) == 2
    assert result.agenda.shared  # not chosen from the copy: the plan's


def test_without_a_terminal_it_asks_for_a_side(cli, conflict) -> None:
    result = cli("resolve", PLAN_ID)
    assert result.exit_code == 1
    assert "add --mine or --theirs" in result.stderr
    assert conflict.exists()
    both = cli("resolve", PLAN_ID, "--mine", "--theirs")
    assert both.exit_code == 1 and "one side, not both" in both.stderr


@pytest.mark.parametrize(
    "ref",
    [
        PLAN_ID,
        "2026-12-03-acme",  # a start of the id
        "Acme",  # its account
        f"{PLAN_ID}.conflict-bob",  # the copy, as sync names it
        f"plans/{PLAN_ID}.conflict-bob.toml",
    ],
)
def test_the_plan_or_its_copy_names_the_conflict(cli, conflict, ref: str) -> None:
    assert cli("resolve", ref, "--theirs").exit_code == 0
    assert not conflict.exists()


def test_a_plan_without_a_copy_is_one_line(cli, home, conflict) -> None:
    conflict.unlink()
    result = cli("resolve", PLAN_ID, "--mine")
    assert result.exit_code == 1
    assert result.stderr == f"callprep: {PLAN_ID} has no conflict copy to resolve\n"


def test_a_copy_that_holds_nothing_new_just_goes(cli, home, conflict) -> None:
    conflict.write_text(PLAN, encoding="utf-8")
    result = cli("resolve", PLAN_ID)  # nothing to choose: no terminal needed
    assert result.exit_code == 0, result.stderr
    assert "holds nothing the plan does not" in result.stderr
    assert not conflict.exists()


def test_a_second_copy_is_named_next(cli, home, conflict) -> None:
    second = conflict.with_name(f"{PLAN_ID}.conflict-bob-2.toml")
    second.write_text(COPY.replace("Who decides?", "Who signs?"), encoding="utf-8")
    result = cli("resolve", PLAN_ID, "--theirs")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(
        f"1 more conflict copy of this plan; next:\n  callprep resolve {PLAN_ID}.conflict-bob-2\n"
    )
    assert cli("resolve", f"{PLAN_ID}.conflict-bob-2", "--theirs").exit_code == 0
    assert not second.exists()


def test_a_debrief_on_one_side_alone_is_one_field(home: Path, conflict) -> None:
    conflict.write_text(PLAN + '[debrief]\noutcome = "best"\nsummary = "Done"\n', encoding="utf-8")
    found = resolve.find(Store(home), PLAN_ID, "bob@ourco.example")
    assert [d.field for d in found.differences()] == ["debrief"]
    result = resolve.merged(found.plan, found.copy, {"debrief"})
    assert result.debrief is not None and result.debrief.summary == "Done"


def test_delete_takes_a_copy_with_or_without_its_folder(cli, home, conflict) -> None:
    for ref in (f"plans/{conflict.name}", conflict.stem, conflict.name):
        conflict.write_text(COPY, encoding="utf-8")
        result = cli("delete", ref)
        assert result.exit_code == 0, (ref, result.stderr)
        assert not conflict.exists()
