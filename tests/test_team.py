"""A team on one store, through the CLI: init, join, sync, owners, conflicts, the manager's
review and the export for a dashboard. The git engine itself is tested in test_gitstore.py."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests import conftest

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")
NOW = conftest.NOW  # the instant every test here runs at


def when(days: float, hour: int = 10) -> str:
    return (NOW + dt.timedelta(days=days)).strftime(f"%Y-%m-%d {hour:02d}:00")


@pytest.fixture
def team(tmp_path: Path, cli: Callable[..., Result]) -> Callable[..., Result]:
    """Run callprep as one of the team's sellers: `team("ann", "list")`."""
    remote = tmp_path / "team.git"
    subprocess.run(
        ["git", "init", "-q", "--bare", "--initial-branch=main", str(remote)], check=True
    )

    def run(seller: str, *args: str) -> Result:
        home = tmp_path / seller
        if not (home / "profile.toml").exists():
            result = cli("--home", str(home), "profile", "set", "email", f"{seller}@ourco.example")
            assert result.exit_code == 0, result.stderr
        return cli("--home", str(home), *[str(remote) if a == "URL" else a for a in args])

    return run


def ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [plan["id"] for plan in json.loads(result.stdout)]


@needs_git
@pytest.mark.slow
def test_a_team_from_init_to_review(team, tmp_path: Path) -> None:
    mine = team("ann", "new", "--no-input", "--account", "Acme", "--when", when(1)).stdout.strip()
    init = team("ann", "team", "init", "URL")
    assert init.exit_code == 0, init.stderr
    assert "Shared 1 plan" in init.stderr and "team join" in init.stderr

    theirs = team("bob", "new", "--no-input", "--account", "Globex", "--when", when(1, 14))
    joined = team("bob", "team", "join", "URL")
    assert joined.exit_code == 0, joined.stderr
    assert "1 plan came here, 1 of yours went there" in joined.stderr
    assert team("ann", "sync").exit_code == 0

    # Each seller's own by default in a team store, saying what it leaves out; --owner all
    # shows the team's.
    assert "1 more plan of your team is hidden" in team("bob", "list").stderr
    assert ids(team("ann", "list", "--json")) == [mine]
    assert set(ids(team("ann", "list", "--json", "--owner", "all"))) == {
        mine,
        theirs.stdout.strip(),
    }
    assert ids(team("ann", "list", "--json", "--owner", "bob@ourco.example")) == [
        theirs.stdout.strip()
    ]
    by_owner = json.loads(team("ann", "stats", "--owner", "all", "--by-owner", "--json").stdout)
    assert by_owner["calls"] == 2
    assert set(by_owner["by_owner"]) == {"ann@ourco.example", "bob@ourco.example"}
    assert by_owner["by_owner"]["bob@ourco.example"]["calls"] == 1

    queue = json.loads(team("ann", "review", "--json").stdout)
    assert [c["owner"] for c in queue["coming"]] == ["ann@ourco.example", "bob@ourco.example"] or [
        c["owner"] for c in queue["coming"]
    ] == ["bob@ourco.example", "ann@ourco.example"]
    assert all(c["gap"] == "no objective" for c in queue["coming"])


@needs_git
@pytest.mark.slow
def test_a_conflict_is_named_until_resolved(team) -> None:
    plan_id = team(
        "ann", "new", "--no-input", "--account", "Acme", "--when", when(2)
    ).stdout.strip()
    team("ann", "team", "init", "URL")
    team("bob", "team", "join", "URL")
    assert team("ann", "agenda", plan_id, "--mark-shared").exit_code == 0
    assert team("bob", "agenda", plan_id, "--mark-confirmed").exit_code == 0
    assert team("ann", "sync").exit_code == 0
    synced = team("bob", "sync")
    assert synced.exit_code == 0, synced.stderr
    copy = f"{plan_id}.conflict-bob.toml"
    assert copy in synced.stderr and "both versions are kept" in synced.stderr
    # The command that resolves it, whole on a line of its own.
    assert f"\n  callprep resolve {plan_id}\n" in synced.stderr
    listed = team("bob", "list", "--owner", "all")
    assert copy in listed.stderr and listed.stdout.count(plan_id) == 1  # no plan of its own
    assert "callprep resolve ID" in listed.stderr
    assert team("ann", "sync").exit_code == 0  # ann gets the copy too: nothing hidden
    assert copy in team("ann", "list").stderr
    # Resolved by moving the copy to the trash, named as sync names it (with its folder too).
    assert team("bob", "delete", f"plans/{copy}").exit_code == 0
    assert copy not in team("bob", "list").stderr
    assert team("bob", "sync").exit_code == 0
    assert team("ann", "sync").exit_code == 0
    assert copy not in team("ann", "list").stderr


@needs_git
def test_team_commands_need_the_sellers_email(cli, tmp_path: Path) -> None:
    result = cli("--home", str(tmp_path / "h"), "team", "init", str(tmp_path / "r.git"))
    assert result.exit_code == 1
    assert "callprep profile set email" in result.stderr


def test_without_git_the_team_commands_say_so_in_one_line(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cli("profile", "set", "email", "ann@ourco.example")
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    result = cli("team", "init", str(tmp_path / "team.git"))
    assert result.exit_code == 1
    assert "needs the git program" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_sync_outside_a_team_store_says_how_to_start(cli, home: Path) -> None:
    cli("profile", "set", "email", "ann@ourco.example")
    result = cli("sync")
    assert result.exit_code == 1 and "team init URL" in result.stderr


def test_owner_outside_a_team_store_defaults_to_everybody(cli) -> None:
    cli("new", "--no-input", "--account", "Acme")
    assert len(json.loads(cli("list", "--json").stdout)) == 1
    bad = cli("list", "--owner", "not an email")
    assert bad.exit_code == 1 and "give me, all, or a seller's email" in bad.stderr


# --- the manager's review ----------------------------------------------------------------------


def write(home: Path, plan_id: str, text: str) -> None:
    (home / "plans").mkdir(parents=True, exist_ok=True)
    (home / "plans" / f"{plan_id}.toml").write_text(text, encoding="utf-8")


def iso(days: float) -> str:
    return (NOW + dt.timedelta(days=days)).replace(microsecond=0).isoformat()


def test_review_lists_coming_calls_least_ready_first_and_what_went_nowhere(cli, home) -> None:
    write(
        home,
        "ready",
        f'account = "Acme"\nowner = "ann@ourco.example"\nstarts_at = {iso(1)}\n'
        '[objective]\nbest = "The CFO signs the order form"\n',
    )
    write(
        home, "bare", f'account = "Globex"\nowner = "bob@ourco.example"\nstarts_at = {iso(0.5)}\n'
    )
    write(home, "later", f'account = "Initech"\nstarts_at = {iso(9)}\n')
    for n, days in enumerate((-20, -10, -1)):
        write(
            home,
            f"stuck-{n}",
            f'account = "Umbrella"\nopportunity = "Fleet"\nowner = "bob@ourco.example"\n'
            f'starts_at = {iso(days)}\n[debrief]\noutcome = "none"\nheld_at = {iso(days)}\n',
        )
    queue = json.loads(cli("review", "--json").stdout)
    assert [c["id"] for c in queue["coming"]] == ["bare", "ready"]
    assert queue["coming"][0]["owner"] == "bob@ourco.example"
    assert queue["coming"][0]["gap"] == "no objective"
    assert [c["id"] for c in queue["continuations"]] == ["stuck-2"]
    (stalled,) = queue["stalled"]
    assert (stalled["account"], stalled["owners"]) == ("Umbrella", ["bob@ourco.example"])
    wider = json.loads(cli("review", "--days", "30", "--json").stdout)
    assert [c["id"] for c in wider["continuations"]] == ["stuck-2", "stuck-1", "stuck-0"]
    text = cli("review").stdout
    assert "least ready first" in text and "Umbrella · Fleet" in text


# --- the export --------------------------------------------------------------------------------

DEBRIEFED = """
account = "Acme"
owner = "ann@ourco.example"
kind = "demo"
starts_at = 2026-11-02T10:00:00Z
[agenda]
items = ["Their goals"]
shared = true
confirmed = true
[debrief]
outcome = "best"
engagement = 4
[[debrief.commitments]]
who = "customer"
what = "=HYPERLINK(\\"http://evil.example\\")"
due = 2026-11-09
[[debrief.commitments]]
who = "ours"
what = "Send the proposal"
done = true
"""


@pytest.fixture
def exported_store(home: Path) -> Path:
    write(home, "2026-11-02-acme-demo", DEBRIEFED)
    write(home, "2026-12-01-globex-call", 'account = "Globex"\nowner = "bob@ourco.example"\n')
    return home


def test_export_sqlite_has_calls_and_commitments(cli, exported_store, tmp_path: Path) -> None:
    target = tmp_path / "team.db"
    result = cli("export", "--format", "sqlite", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    db = sqlite3.connect(target)
    calls = {
        row[0]: row
        for row in db.execute("SELECT id, owner, outcome, agenda_confirmed, readiness FROM calls")
    }
    assert calls["2026-11-02-acme-demo"][1:4] == ("ann@ourco.example", "best", 1)
    assert calls["2026-12-01-globex-call"][1] == "bob@ourco.example"
    commitments = db.execute(
        "SELECT plan_id, who, done FROM commitments ORDER BY number"
    ).fetchall()
    assert commitments == [
        ("2026-11-02-acme-demo", "customer", 0),
        ("2026-11-02-acme-demo", "ours", 1),
    ]


def test_export_csv_writes_two_files_and_keeps_text_text(cli, exported_store, tmp_path) -> None:
    target = tmp_path / "team.csv"
    assert cli("export", "--format", "csv", "-o", str(target)).exit_code == 0
    calls = list(csv.DictReader(target.open(encoding="utf-8")))
    assert {c["id"] for c in calls} == {"2026-11-02-acme-demo", "2026-12-01-globex-call"}
    commitments = list(csv.DictReader((tmp_path / "team-commitments.csv").open(encoding="utf-8")))
    assert commitments[0]["what"].startswith("'=HYPERLINK")  # no formula in a spreadsheet
    assert commitments[1]["done"] == "1"


def test_export_jsonl_goes_to_the_terminal(cli, exported_store) -> None:
    result = cli("export", "--format", "jsonl")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    acme = next(line for line in lines if line["id"] == "2026-11-02-acme-demo")
    assert [c["what"] for c in acme["commitments"]][1] == "Send the proposal"


def test_export_sqlite_needs_a_file(cli, exported_store) -> None:
    result = cli("export", "--format", "sqlite")
    assert result.exit_code == 1 and "needs -o FILE" in result.stderr


def test_export_never_writes_into_the_store(cli, exported_store: Path) -> None:
    result = cli("export", "-o", str(exported_store / "plans" / "x.db"))
    assert result.exit_code == 1
    assert not (exported_store / "plans" / "x.db").exists()


@needs_git
def test_a_home_given_as_a_relative_path_syncs(
    team, tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git runs in other folders than the seller's shell: `--home team` must still be the store."""
    assert team("ann", "new", "--no-input", "--account", "Acme").exit_code == 0
    assert team("ann", "team", "init", "URL").exit_code == 0
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ann" / "plans").joinpath("extra.toml").write_text(
        (next((tmp_path / "ann" / "plans").glob("*.toml"))).read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    synced = cli("--home", "ann", "sync")
    assert synced.exit_code == 0, synced.stderr
    assert "Sent 1" in synced.stderr
    monkeypatch.setenv("CALLPREP_HOME", "ann")
    again = cli("sync")
    assert again.exit_code == 0, again.stderr
    assert "nothing to send" in again.stderr


def test_stats_by_owner_fits_80_columns(cli, home: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for owner in ("ann.marie.fitzgerald-okafor@ourco-enterprise.example", "bob@ourco.example"):
        answers = tmp_path / "answers.toml"
        answers.write_text(f'account = "Acme"\nowner = "{owner}"\n', encoding="utf-8")
        assert cli("new", "--no-input", "--from", str(answers)).exit_code == 0
    result = cli("stats", "--by-owner", "--owner", "all")
    assert result.exit_code == 0, result.stderr
    table = result.stdout[result.stdout.index("reached:") :].splitlines()
    assert all(len(line) <= 80 for line in table), table
    assert "…" not in "\n".join(table)
    assert "agenda agreed" in table[0] + table[1] and "bob@ourco.example" in result.stdout


# --- the team's plans `list` leaves out ---------------------------------------------------------


def fake_team_store(home: Path) -> None:
    """A store `team join` made, as `list` sees one (no git needed to read it)."""
    (home / ".git").mkdir(parents=True, exist_ok=True)
    (home / ".git" / "config").write_text("[callprep]\n\tteam = true\n", encoding="utf-8")
    (home / "profile.toml").write_text('email = "bob@ourco.example"\n', encoding="utf-8")


def test_after_joining_list_says_the_teams_plans_are_hidden_and_how_to_see_them(
    cli, home: Path
) -> None:
    """`team join` said "6 plans came here", then `list` said "No plans yet"."""
    fake_team_store(home)
    for n in range(6):
        write(
            home,
            f"team-{n}",
            f'account = "Acme"\nowner = "ann@ourco.example"\nstarts_at = {iso(n + 1)}\n',
        )
    listed = cli("list")
    assert listed.exit_code == 0 and listed.stdout == ""
    assert "No plans yet" not in listed.stderr
    assert "No plans of yours yet; 6 of your team's plans are hidden" in listed.stderr
    assert listed.stderr.endswith("\n  callprep list --owner all\n")  # whole, on its own line
    upcoming = cli("list", "--upcoming")
    assert "6 of your team's calls in the next 7 days are hidden" in upcoming.stderr
    assert upcoming.stderr.endswith("\n  callprep list --owner all --upcoming\n")
    assert json.loads(cli("list", "--json").stdout) == []  # scripts: still the seller's own

    write(home, "mine", f'account = "Globex"\nowner = "bob@ourco.example"\nstarts_at = {iso(2)}\n')
    mine = cli("list")
    assert "Globex" in mine.stdout and "Acme" not in mine.stdout
    assert "6 more plans of your team are hidden" in mine.stderr
    # Asked for by name, nothing is said: the seller chose whose plans to see.
    assert "hidden" not in cli("list", "--owner", "me").stderr
    assert "hidden" not in cli("list", "--owner", "all").stderr


def test_review_at_80_columns_keeps_the_account_and_the_time(
    cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It cut every column and dropped the account, so a manager could not tell calls apart:
    now the opportunity goes first, then the owner's domain, then the gap is cut, then goes,
    then the owner; the account and the time stay."""
    for n, account in enumerate(("Globex Holdings", "Initech")):
        write(
            home,
            f"call-{n}",
            f'account = "{account}"\nopportunity = "Fleet telematics rollout, phase two"\n'
            f'owner = "bartholomew.longname@ourco.example"\nstarts_at = {iso(1 + n)}\n'
            'timezone = "America/New_York"\n',
        )

    def rows(columns: int) -> list[str]:
        monkeypatch.setenv("COLUMNS", str(columns))
        lines = cli("review").stdout.splitlines()
        assert all(len(line) <= columns for line in lines), lines
        return [line for line in lines if "Globex" in line or "Initech" in line]

    wide = rows(160)
    assert "Globex Holdings · Fleet telematics rollout, phase two" in wide[0]
    assert "bartholomew.longname@ourco.example" in wide[0] and "no objective" in wide[0]
    narrow = rows(80)
    assert "Globex Holdings " in narrow[0] and "Initech " in narrow[1]
    assert "Tue 1 Dec 09:00 (04:00 New York)" in narrow[0]
    assert "phase two" not in narrow[0] and "no objective" not in narrow[0]
    assert narrow[0].endswith("bartholomew.longname")
    # Narrower still, the owner goes too; the account and the time never.
    assert rows(60)[0].split() == ["1", "Tue", "1", "Dec", "09:00", "(04:00", "New", "York)",
                                   "Globex", "Holdings"]  # fmt: skip
