"""Every command's output in a real terminal of 80 columns and 24 rows, the width most terminals
open at: no line the terminal would fold, no command or id folded, the account and the time of
a call kept wherever a call is listed (docs/planning.md, "How a call's time is shown")."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import Result

from callprep.cli import app
from tests.conftest import EXAMPLES, PREPARED
from tests.terminal import spawn

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

WIDTH = 80
ACME = "2026-12-03-acme-logistics-discovery"
VANDELAY = "2026-12-08-vandelay-imports-demo"
NORTHWIND = "2026-12-02-northwind-foods-discovery"
IDS = (ACME, VANDELAY, NORTHWIND)
# The examples' discovery call, on the seller's London clock, New York's beside it.
ACME_TIME = ("Thu 3 Dec", "20:00", "15:00 New York")
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\r")
_ID = re.compile(r"\b\d{4}-\d\d-\d\d-[a-z0-9-]*[a-z0-9]")
_COMMAND = re.compile(r"callprep ([a-z]+)((?: [^\s`]+)*)")


def run80(home: Path, *args: str) -> tuple[int, str]:
    """`callprep ARGS` in an 80x24 pseudo-terminal: its exit status and what the screen got."""
    child = spawn(list(args), home, dimensions=(24, WIDTH))
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, _ESCAPES.sub("", child.before)


def fits(text: str, data: bool = False) -> list[str]:
    """Lines a terminal of 80 columns would fold: none, but in data meant to be copied whole
    (TOML, JSON, an email's paragraphs), which the terminal folds and the copy does not."""
    if data:
        return []
    # (a path longer than the terminal has a line of its own: no fold can help it)
    return [line for line in text.splitlines() if cell_len(line) > WIDTH and " " in line.strip()]


def known_ids(home: Path) -> set[str]:
    """Every id a command may name: the plans', the trash's, and every earlier id (alias)."""
    import tomllib

    found = {path.stem.split("~")[0] for path in (home / "trash").glob("*.toml")}
    for path in (home / "plans").glob("*.toml"):
        found.add(path.stem)
        found.update(tomllib.loads(path.read_text(encoding="utf-8")).get("aliases", []))
    return found


def folded_commands(text: str, ids: set[str]) -> list[str]:
    """Commands the output folded: `callprep CMD` at the end of a line with its plan on the
    next, or a plan id in a command that is no whole id (`…northwind-foods-`)."""
    found = []
    lines = text.splitlines()
    for n, line in enumerate(lines):
        end = re.search(r"callprep(?: [a-z]+)?`?$", line.rstrip())
        if end and "compdef" not in line and n + 1 < len(lines):
            found.append(f"{line!r} / {lines[n + 1]!r}")
        for match in _COMMAND.finditer(line):
            for word in match.group(2).split():
                if _ID.fullmatch(word) and word not in ids and ".conflict-" not in word:
                    found.append(line)
    return found


@pytest.fixture
def week(home: Path) -> Path:
    """A seller in London on Monday morning: the week's meetings imported, Acme prepared."""
    from typer.testing import CliRunner

    runner = CliRunner()

    def cli(*args: str) -> Result:
        result = runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == 0, (args, result.stderr)
        return result

    for key, value in (
        ("name", "Sam Okafor"),
        ("email", "sam@fleetwise.example"),
        ("company", "Fleetwise"),
        ("timezone", "Europe/London"),
    ):
        cli("profile", "set", key, value)
    cli("import", str(EXAMPLES / "calendar.ics"))
    cli("new", "--from", str(PREPARED), "--no-input")
    return home


def _keeps_acme(text: str) -> None:
    """The call listed with its account and its time, both clocks."""
    assert "Acme Logistics" in text
    for part in ACME_TIME:
        assert part in text, part


def _keeps_acme_by_day(text: str) -> None:
    assert "Acme Logistics" in text and "Thu 20:00" in text and "15:00 New York" in text


@pytest.mark.parametrize(
    ("args", "data", "check"),
    [
        (("list",), False, _keeps_acme),
        (("list", "--owner", "all"), False, _keeps_acme),
        (("list", "--upcoming"), False, _keeps_acme_by_day),
        (("check", "acme"), False, _keeps_acme),
        (("check", "vandelay"), False, None),
        (("brief", "acme"), False, _keeps_acme),
        (("brief", "vandelay"), False, None),
        (("brief", "acme", "--share"), False, None),
        (("deal", "acme"), False, _keeps_acme),
        (("review", "--days", "10"), False, _keeps_acme),
        (("stats",), False, None),
        (("playbooks",), False, None),
        (("done", "acme"), False, None),
        (("show", "acme"), True, None),  # the plan's TOML, to be copied whole
        (("list", "--json"), True, None),
        (("agenda", "acme"), True, None),  # an email: its paragraphs are the mail's lines
        (("agenda", "vandelay"), True, None),
        (("profile", "set", "title", "Account executive"), False, None),
        (("completion", "bash"), False, None),
        (("completion", "zsh"), True, None),  # a script, to be saved whole
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else None,
)
def test_each_view_fits_80_columns(week: Path, args, data: bool, check) -> None:
    status, text = run80(week, *args)
    assert status == 0, text
    assert fits(text, data) == [], text
    assert folded_commands(text, known_ids(week)) == [], text
    if check is not None:
        check(text)


def test_the_help_of_every_command_fits_and_cuts_nothing(week: Path) -> None:
    status, text = run80(week, "--help")
    assert status == 0
    assert fits(text) == [] and "…" not in text and "..." not in text.split("Commands:")[1]
    commands = re.findall(r"^  ([a-z]+)  ", text.split("Commands:")[1], flags=re.MULTILINE)
    assert "resolve" in commands and len(commands) >= 20
    for command in commands:
        status, help_text = run80(week, command, "--help")
        assert status == 0, (command, help_text)
        assert fits(help_text) == [], (command, help_text)


def test_a_week_of_changes_in_80_columns(week: Path) -> None:
    """Each command that changes something says so in lines that fit, its commands whole."""
    steps: list[tuple[str, ...]] = [
        ("agenda", "vandelay", "--mark-shared"),
        ("reschedule", "vandelay", "Wed 16:00", "--force"),  # an imported meeting
        ("delete", "northwind"),
        ("delete", "--restore", NORTHWIND),
        ("export", "--format", "csv", "-o", str(week.parent / "calls.csv")),
        ("import", str(EXAMPLES / "calendar.ics")),  # unchanged: the summary alone
    ]
    for args in steps:
        status, text = run80(week, *args)
        assert status == 0, (args, text)
        assert fits(text) == [], (args, text)
        assert folded_commands(text, known_ids(week)) == [], (args, text)
    # A warning that names a command is folded at words, the command whole.
    status, text = run80(week, "agenda", "vandelay")
    assert status == 0, text
    assert "(add agenda.items with `callprep edit vandelay`)" in text.replace("\n", " ")
    assert fits(text, data=True) == [] and folded_commands(text, known_ids(week)) == []


@pytest.mark.now("2026-12-03T21:30:00+00:00")
def test_after_the_call_in_80_columns(week: Path) -> None:
    debrief = EXAMPLES / "acme-debrief.toml"
    status, text = run80(week, "debrief", "acme", "--from", str(debrief), "--no-input")
    assert status == 0, text
    assert fits(text) == [] and folded_commands(text, known_ids(week)) == [], text
    assert "Thu 3 Dec 2026, 20:00 (15:00 New York)" in text  # the summary, by the one rule
    status, text = run80(week, "followup", "acme")
    assert status == 0 and folded_commands(text, known_ids(week)) == [], text
    status, text = run80(week, "new", "--account", "Acme Logistics", "--kind", "proposal",
                         "--when", "10 Dec 15:00", "--no-input")  # fmt: skip
    assert status == 0 and fits(text) == [], text
    for args in (("brief", "2026-12-10"), ("deal", "acme"), ("stats",), ("done", "acme")):
        status, text = run80(week, *args)
        assert status == 0, (args, text)
        assert fits(text) == [] and folded_commands(text, known_ids(week)) == [], (args, text)


def test_the_hints_after_a_draft_keep_each_command_on_its_own_line(week: Path) -> None:
    """The agenda drafted at the end of `new`: "callprep agenda <id> --mark-shared" was folded
    inside the id (`…northwind-foods-` / `discovery --mark-shared`)."""
    from callprep import messages

    text = messages.AGENDA_DRAFT_AFTER.format(id=NORTHWIND) + "\n"
    text += messages.FOLLOWUP_AFTER.format(id=NORTHWIND)
    assert fits(text) == [] and folded_commands(text, set(IDS)) == []
    assert f"\n  callprep agenda {NORTHWIND} --mark-shared" in text
