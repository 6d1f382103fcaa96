"""`callprep list --upcoming`: the next seven days' calls, least ready first, with what to fix."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from callprep.catalog import listing
from callprep.catalog.index import PlanSummary
from callprep.coach import coach
from callprep.coach.topics import FINDINGS
from callprep.plans.planfile import load_plan
from tests import conftest
from tests.conftest import PREPARED, UNPREPARED

NOW = conftest.NOW.astimezone()  # the instant every test here runs at


def stamp(delta: dt.timedelta) -> str:
    return (NOW + delta).isoformat()


def store_plan(home: Path, example: Path, plan_id: str, starts: dt.timedelta, **keys: str) -> None:
    """A copy of an example under a new id and start time (and top-level keys replaced)."""
    folder = home / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    replaced = {"id": json.dumps(plan_id), "starts_at": stamp(starts)}
    replaced |= {key: json.dumps(value) for key, value in keys.items()}
    lines = []
    for line in example.read_text(encoding="utf-8").splitlines():
        key = line.split("=", 1)[0].strip()
        lines.append(f"{key} = {replaced.pop(key)}" if key in replaced else line)
    (folder / f"{plan_id}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def week(home: Path) -> None:
    hour, day = dt.timedelta(hours=1), dt.timedelta(days=1)
    store_plan(home, PREPARED, "ready-tomorrow", day)
    store_plan(home, UNPREPARED, "unready-in-3-days", 3 * day)
    store_plan(home, UNPREPARED, "unready-in-2-hours", 2 * hour)
    store_plan(home, PREPARED, "ready-in-6-days", 6 * day, account="Initech")
    store_plan(home, UNPREPARED, "held-yesterday", -day)
    store_plan(home, UNPREPARED, "started-an-hour-ago", -hour)
    store_plan(home, UNPREPARED, "in-8-days", 8 * day)


def test_upcoming_is_the_next_seven_days_least_ready_first(cli, week: None) -> None:
    result = cli("list", "--upcoming", "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    # Same readiness: the sooner call first.
    assert [r["id"] for r in rows] == [
        "unready-in-2-hours",
        "unready-in-3-days",
        "ready-tomorrow",
        "ready-in-6-days",
    ]
    assert rows[0]["readiness"] < rows[2]["readiness"]
    assert set(rows[0]) == {
        "id",
        "account",
        "opportunity",
        "kind",
        "starts_at",
        "readiness",
        "debriefed",
        "prepared",  # false for a meeting imported from the calendar that nobody prepared yet
    }


def test_upcoming_with_account(cli, week: None) -> None:
    rows = json.loads(cli("list", "--upcoming", "--account", "INITECH", "--json").stdout)
    assert [r["id"] for r in rows] == ["ready-in-6-days"]


def test_upcoming_table_names_what_to_fix_first(cli, week: None) -> None:
    result = cli("list", "--upcoming")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ready", "when", "call"]
    order = [next(i for i, line in enumerate(lines) if plan_id in line) for plan_id in (
        "unready-in-2-hours", "unready-in-3-days", "ready-tomorrow", "ready-in-6-days"
    )]  # fmt: skip
    assert order == sorted(order)
    # Each call: what it is, then what to fix first, then its id.
    first = lines[order[0] - 2 : order[0] + 1]
    assert "Globex  demo" in first[0]
    others = len(coach.findings(load_plan(UNPREPARED))) - 1
    vague = FINDINGS["objective.vague"].label
    assert f"fix first: {vague}  (+{others} more)" in first[1]
    ready = lines[order[2] - 1 : order[2] + 1]
    assert "Acme Logistics · Fleet telematics rollout" in ready[0]
    assert "fix first" not in ready[0] + ready[1]
    assert "held-yesterday" not in result.stdout and "in-8-days" not in result.stdout


def test_no_upcoming_calls(cli, home: Path) -> None:
    store_plan(home, PREPARED, "last-week", dt.timedelta(days=-7))
    result = cli("list", "--upcoming")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No calls in the next 7 days" in result.stderr
    assert json.loads(cli("list", "--upcoming", "--json").stdout) == []


def test_plain_list_is_newest_first_and_keeps_undated_plans_last(cli, home: Path) -> None:
    store_plan(home, PREPARED, "soon", dt.timedelta(days=1))
    store_plan(home, PREPARED, "long-ago", dt.timedelta(days=-400))
    folder = home / "plans"
    (folder / "undated.toml").write_text('account = "Umbrella"\n', encoding="utf-8")
    rows = json.loads(cli("list", "--json").stdout)
    assert [r["id"] for r in rows] == ["soon", "long-ago", "undated"]
    assert rows[2]["starts_at"] is None


@pytest.mark.parametrize(
    ("start", "label"),
    [
        (dt.datetime(2026, 3, 2, 23, 0), "today 23:00"),
        (dt.datetime(2026, 3, 3, 0, 30), "tomorrow 00:30"),
        (dt.datetime(2026, 3, 6, 9, 0), "Fri 09:00"),
        (dt.datetime(2026, 3, 9, 8, 0), "next Mon 08:00"),
    ],
)
def test_day_labels_read_like_a_week(start: dt.datetime, label: str) -> None:
    from callprep.dates import time_parts

    now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)  # a Monday
    assert time_parts(start, "", "UTC", form="day", now=now) == (label, "")


def summary(plan_id: str, readiness: int, starts: dt.datetime | None) -> PlanSummary:
    return PlanSummary(plan_id, "Acme", "", "demo", starts, readiness, "", None, False, ())


def test_select_compares_local_and_offset_times() -> None:
    now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    plans = [
        summary("in-the-past", 10, dt.datetime(2026, 3, 2, 8, 59, tzinfo=dt.UTC)),
        summary("just-now", 90, now),
        summary("edge-of-week", 50, now + dt.timedelta(days=7)),
        summary("after-the-week", 0, now + dt.timedelta(days=7, seconds=1)),
        summary("no-time", 0, None),
        summary("tokyo", 50, dt.datetime(2026, 3, 3, 9, tzinfo=dt.timezone(dt.timedelta(hours=9)))),
    ]
    chosen = listing.select(plans, upcoming=True, now=now)
    assert [p.id for p in chosen] == ["tokyo", "edge-of-week", "just-now"]


def test_a_corrupt_file_does_not_hide_the_week(cli, home: Path, week: None) -> None:
    (home / "plans" / "broken.toml").write_text("account = [\n", encoding="utf-8")
    result = cli("list", "--upcoming", "--json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 4
    assert "broken.toml" in result.stderr


def test_plain_list_lines_fit_the_terminal(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    long_name = "Globex International Holdings of the Western Hemisphere"
    store_plan(home, UNPREPARED, "globex-demo", dt.timedelta(days=1), account=long_name)
    # (in the seller's own zone: no customer's time beside it takes the id's room)
    store_plan(home, PREPARED, "acme-discovery", dt.timedelta(days=-1), timezone="")
    hostile = "[red]Evil[/] \x1b[2J Corp"
    store_plan(home, UNPREPARED, "evil-demo", dt.timedelta(days=-2), account=hostile)
    result = cli("list")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["when", "account", "kind", "ready", "debrief", "id"]
    # The account whole up to 24 characters; each id as its shortest unambiguous start,
    # which callprep accepts as the id itself.
    refs = [line.split()[-1] for line in lines[1:]]
    assert refs == ["globex", "acme", "evil"]
    for ref, plan_id in zip(refs, ["globex-demo", "acme-discovery", "evil-demo"], strict=True):
        assert json.loads(cli("show", ref, "--json").stdout)["id"] == plan_id
    assert all(len(line) <= 80 for line in lines)
    assert "Globex International Ho…" in lines[1] and "Hemisphere" not in lines[1]
    assert "\x1b" not in result.stdout and "[red]Evil[/]" in result.stdout
    # Every column starts where its heading does.
    for heading in ("kind", "ready", "id"):
        column = lines[0].index(heading)
        assert all(line[column - 1] == " " for line in lines[1:])
