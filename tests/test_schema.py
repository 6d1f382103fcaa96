"""Schema evolution: a newer callprep's plan is refused and left as it is; its unknown keys survive."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shlex
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PREPARED, UNPREPARED

FUTURE_VERSION = 2


def refusal(path: Path) -> str:
    return (
        f"callprep: {path}: schema_version: schema_version {FUTURE_VERSION} was written by a "
        "newer callprep (this one reads version 1); upgrade callprep to open it\n"
    )


@pytest.fixture
def future_plan(home: Path) -> Path:
    """A plan from callprep 2: a version this one does not read, and fields it does not know."""
    plans = home / "plans"
    plans.mkdir(parents=True)
    path = plans / "2026-12-04-globex-demo.toml"
    text = UNPREPARED.read_text().replace(
        "schema_version = 1", f"schema_version = {FUTURE_VERSION}"
    )
    path.write_text(text + '\n[forecast]\ncategory = "commit"\n')
    return path


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.toml"
    path.write_text('[debrief]\noutcome = "minimum"\nsummary = "It went well"\n')
    return path


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """`editor(old, new)`: $EDITOR replaces `old` by `new` in the file it is given."""

    def install(old: str, new: str = "") -> None:
        script = tmp_path / "editor.py"
        script.write_text(
            "import pathlib, sys\npath = pathlib.Path(sys.argv[1])\n"
            f"path.write_text(path.read_text().replace({old!r}, {new!r}))\n"
        )
        monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")

    return install


# --- a plan from a newer callprep --------------------------------------------------------------

REFUSING: dict[str, list[str]] = {
    "show": ["show", "{plan}"],
    "show --json": ["show", "{plan}", "--json"],
    "check": ["check", "{plan}"],
    "check --json": ["check", "{plan}", "--json"],
    "brief": ["brief", "{plan}"],
    "brief md": ["brief", "{plan}", "-f", "md", "-o", "{out}/brief.md"],
    "brief html": ["brief", "{plan}", "-f", "html"],
    "brief pdf": ["brief", "{plan}", "-f", "pdf", "-o", "{out}/brief.pdf"],
    "agenda": ["agenda", "{plan}"],
    "agenda --ics": ["agenda", "{plan}", "--ics", "{out}/invite.ics"],
    "agenda --mark-shared": ["agenda", "{plan}", "--mark-shared"],
    "agenda --mark-confirmed": ["agenda", "{plan}", "--mark-confirmed"],
    "debrief": ["debrief", "{plan}", "--no-input"],
    "debrief --from": ["debrief", "{plan}", "--no-input", "--from", "{answers}"],
    "done": ["done", "{plan}"],
    "done 1": ["done", "{plan}", "1"],
    "edit": ["edit", "{plan}"],
}


@pytest.mark.parametrize("by", ["id", "path"])
@pytest.mark.parametrize("command", list(REFUSING))
def test_a_newer_plan_is_refused_by_name_and_left_byte_for_byte(
    cli, future_plan: Path, answers: Path, editor, tmp_path: Path, command: str, by: str
) -> None:
    editor('account = "Globex"', 'account = "Globex Corp"')
    out = tmp_path / "out"
    out.mkdir()
    before = future_plan.read_bytes()
    mtime = future_plan.stat().st_mtime_ns
    plan = future_plan.stem if by == "id" else str(future_plan)
    args = [a.format(plan=plan, out=out, answers=answers) for a in REFUSING[command]]
    result = cli(*args)
    assert result.exit_code == 1
    assert result.stderr == refusal(future_plan)  # one line, naming the file
    assert result.stdout == ""
    assert future_plan.read_bytes() == before  # not rewritten, not even as it was
    assert future_plan.stat().st_mtime_ns == mtime
    assert list(out.iterdir()) == []  # and nothing made from it


def test_an_interactive_debrief_of_a_newer_plan_asks_nothing(
    cli, future_plan: Path, script
) -> None:
    asker = script({})  # any question would fail the test
    before = future_plan.read_bytes()
    result = cli("debrief", future_plan.stem)
    assert result.exit_code == 1
    assert result.stderr == refusal(future_plan)
    assert asker.asked == []
    assert future_plan.read_bytes() == before


def test_a_newer_plan_given_to_new_is_refused(cli, future_plan: Path, home: Path) -> None:
    result = cli("new", "--no-input", "--from", str(future_plan))
    assert result.exit_code == 1
    assert result.stderr == refusal(future_plan)
    assert [p.name for p in (home / "plans").glob("*.toml")] == [future_plan.name]


@pytest.mark.parametrize(
    "args", [["list"], ["list", "--json"], ["stats"], ["stats", "--json"], ["list", "--upcoming"]]
)
def test_list_and_stats_leave_a_newer_plan_out_and_say_so(
    cli, future_plan: Path, stored_example, args: list[str]
) -> None:
    stored_example(PREPARED)
    before = future_plan.read_bytes()
    result = cli(*args)
    assert result.exit_code == 0
    [line] = [line for line in result.stderr.splitlines() if str(future_plan) in line]
    assert line == refusal(future_plan).rstrip("\n") + " (left out)"  # no "mend it with edit"
    assert future_plan.read_bytes() == before
    if "--json" in args and args[0] == "list":
        assert [row["id"] for row in json.loads(result.stdout)] == [
            "2026-12-03-acme-logistics-discovery"
        ]


# --- unknown keys survive this callprep's writes -------------------------------------------------

UNKNOWN = """\
schema_version = 1
id = "2026-12-04-globex-demo"
account = "Globex"
kind = "demo"
starts_at = 2026-12-04T10:00:00+00:00
future_text = "kept"
future_when = 2026-12-01T09:00:00Z
future_day = 2026-12-01
future_numbers = [1, 2.5, 3]
future_inline = { a = 1, b = "two", c = { d = [true] } }
future_empty = {}
"quoted key" = "kept too"

[objective]
best = "Dana signs the pilot order for 20 trucks"
confidence = 0.7

[agenda]
items = ["Pilot scope"]
timebox_minutes = [10, 20]

[discovery]
why_looking = "Fuel costs"
budget = "50k"

[[attendees]]
name = "Dana Lee"
side = "customer"
linkedin = "https://example.com/dana"

[attendees.profile]
seniority = "VP"
reports_to = ["CFO"]

[[attendees]]
name = "Sam"
side = "ours"

[forecast]
category = "commit"

[forecast.history]
last = "best case"

[[future_items]]
name = "one"

[[future_items]]
name = "two"
tags = ["a", "b"]

[[future_items.parts]]
part = "nested array of tables"

[debrief]
outcome = "minimum"
summary = "Before"
sentiment = "warm"

[debrief.scores]
fit = 4

[[debrief.commitments]]
who = "customer"
what = "Send utilisation data"
due = 2026-12-08
done = false
priority = "high"
"""


@pytest.fixture
def unknown_plan(home: Path) -> Path:
    plans = home / "plans"
    plans.mkdir(parents=True)
    path = plans / "2026-12-04-globex-demo.toml"
    path.write_text(UNKNOWN)
    return path


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data[part][0] if isinstance(data[part], list) else data[part]
    data[last] = value


CHANGES: dict[str, tuple[list[str], dict[str, Any]]] = {
    "agenda --mark-shared": (["agenda", "{plan}", "--mark-shared"], {"agenda.shared": True}),
    "agenda --mark-confirmed": (
        ["agenda", "{plan}", "--mark-confirmed"],
        {"agenda.shared": True, "agenda.confirmed": True},
    ),
    "debrief": (
        ["debrief", "{plan}", "--no-input", "--from", "{answers}"],
        {"debrief.summary": "It went well"},
    ),
    "done": (["done", "{plan}", "1"], {"debrief.commitments.done": True}),
    "edit": (["edit", "{plan}"], {"account": "Globex Corp"}),
}


@pytest.mark.parametrize("command", list(CHANGES))
def test_unknown_keys_everywhere_survive_every_write(
    cli, unknown_plan: Path, answers: Path, editor, command: str
) -> None:
    editor('account = "Globex"', 'account = "Globex Corp"')
    template, changed = CHANGES[command]
    before = tomllib.loads(unknown_plan.read_text())
    result = cli(*[a.format(plan=unknown_plan.stem, answers=answers) for a in template])
    assert result.exit_code == 0, result.stderr
    after = tomllib.loads(unknown_plan.read_text())
    expected = _known_defaults(copy.deepcopy(before), after)
    for dotted, value in changed.items():
        _set(expected, dotted, value)
    assert after == expected  # every unknown key, table and array of tables as it was


def _known_defaults(expected: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What writing adds besides the change: known keys the file left out, at their defaults."""

    def fill(want: dict[str, Any], got: dict[str, Any]) -> None:
        for key, value in got.items():
            if key not in want:
                want[key] = value
            elif isinstance(value, dict) and isinstance(want[key], dict):
                fill(want[key], value)
            elif isinstance(value, list) and isinstance(want[key], list):
                for w, g in zip(want[key], value, strict=False):
                    if isinstance(w, dict) and isinstance(g, dict):
                        fill(w, g)

    known = {
        "opportunity",
        "duration_minutes",
        "playbook",
        "questions",
        "minimum",
        "customer",
        "items",
        "shared",
        "confirmed",
        "customer_prep",
        "urgency",
        "consequence",
        "attitude_to_us",
        "competition",
        "decision_process",
        "role",
        "email",
        "held_at",
        "customer_objective_met",
        "customer_prepared",
        "off_script",
        "could_have_done_more",
        "next_step",
        "learned",
        "commitments",
        "engagement",
        "deadline",
        "what",
        "who",
        "due",
        "done",
    }

    def added(want: dict[str, Any], got: dict[str, Any]) -> list[str]:
        found = [k for k in got if k not in want]
        for key in set(got) & set(want):
            if isinstance(got[key], dict) and isinstance(want[key], dict):
                found += added(want[key], got[key])
            elif isinstance(got[key], list) and isinstance(want[key], list):
                for w, g in zip(want[key], got[key], strict=False):
                    if isinstance(w, dict) and isinstance(g, dict):
                        found += added(w, g)
        return found

    surplus = set(added(expected, after)) - known
    assert not surplus, f"written keys that are neither the file's nor callprep's: {surplus}"
    fill(expected, after)
    return expected


def test_show_json_carries_the_unknown_keys(cli, unknown_plan: Path) -> None:
    shown = json.loads(cli("show", unknown_plan.stem, "--json").stdout)
    assert shown["future_text"] == "kept"
    assert shown["quoted key"] == "kept too"
    assert shown["forecast"] == {"category": "commit", "history": {"last": "best case"}}
    assert shown["future_items"][1]["parts"] == [{"part": "nested array of tables"}]
    assert shown["attendees"][0]["profile"] == {"seniority": "VP", "reports_to": ["CFO"]}
    assert shown["debrief"]["commitments"][0]["priority"] == "high"
    when = dt.datetime.fromisoformat(shown["future_when"])
    assert when == dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
