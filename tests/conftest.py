"""Shared fixtures: every test gets its own store, plain output and a fixed terminal width."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import time_machine
from hypothesis import settings
from typer.testing import CliRunner, Result

from callprep import output, prompts
from callprep.cli import app
from callprep.prompts import ScriptedAsker

# Property tests draw the same examples on every plain `pytest` run (CI's included), so the
# suite never goes red by chance. To hunt for new failures: HYPOTHESIS_PROFILE=explore (fresh
# random examples) or thorough (fresh ones, at least 1,000 per property).
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.register_profile("thorough", max_examples=1000, print_blob=True)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "repeatable")
settings.load_profile(PROFILE)


def examples(count: int) -> int:
    """A property test's own number of examples, raised to the profile's when that is larger."""
    return max(count, settings.default.max_examples) if PROFILE == "thorough" else count


ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
PREPARED = EXAMPLES / "discovery-prepared.toml"
UNPREPARED = EXAMPLES / "pitch-unprepared.toml"


# Every test runs at this instant, its clock stopped, unless it names another with
# `@pytest.mark.now("2027-06-01T10:00+01:00")` (or is about the real clock itself:
# `@pytest.mark.real_clock`). Monday 30 November 2026, 09:00 UTC: the day the examples, the
# reference files and most fixtures assume, with the examples' calls (3 Dec 2026) a few days
# ahead. Nothing in the suite may depend on the day it is run (CI runs it years ahead).
NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def instant_of(request: pytest.FixtureRequest) -> dt.datetime | None:
    """The instant a test runs at: its `now` marker's, or NOW; None for a real-clock test."""
    if request.node.get_closest_marker("real_clock") is not None:
        return None
    marker = request.node.get_closest_marker("now")
    return dt.datetime.fromisoformat(marker.args[0]) if marker is not None else NOW


@pytest.fixture(autouse=True)
def frozen_now(request: pytest.FixtureRequest) -> Iterator[dt.datetime | None]:
    """Stop callprep's clock (and the test's) at the test's instant; see NOW."""
    instant = instant_of(request)
    if instant is None:
        yield None
        return
    with time_machine.travel(instant, tick=False):
        yield instant


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh store per test, so no test ever touches a real home."""
    store_home = tmp_path / "home"
    monkeypatch.setenv("CALLPREP_HOME", str(store_home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    # The seller's own zone, where no profile names one, is the machine's: the same on every
    # machine, so a call's time reads the same in every run (docs/planning.md, "How a call's
    # time is shown"). A test about another zone sets the profile's, or TZ, itself.
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    output.reset()
    yield store_home
    output.reset()


@pytest.fixture(autouse=True)
def no_profile_offer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first `new` in a terminal offers to set up the profile; tests of the offer ask for it
    with `@pytest.mark.profile_offer`, the rest are spared the question."""
    if request.node.get_closest_marker("profile_offer") is None:
        from callprep.plans import profile

        monkeypatch.setattr(profile, "first_time", lambda home: False)


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run callprep in-process: `cli("list", "--json")`."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        output.reset()
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return run


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> Callable[..., ScriptedAsker]:
    """Answer the interview from a script: `script({"account": "Acme", ...})`."""

    def install(answers: dict[str, object], rest: object = None) -> ScriptedAsker:
        # Debriefing a call still ahead asks first; the examples' calls are in December 2026.
        # A debrief ends by offering the follow-up: declined unless a test answers it.
        asker = ScriptedAsker(
            {"debrief.ahead": True, "draft_followup": False, **answers}, rest=rest
        )
        monkeypatch.setattr(prompts, "interactive_asker", lambda: asker)
        return asker

    return install


@pytest.fixture
def stored_example(home: Path) -> Callable[[Path], str]:
    """Copy an example into the store; returns its id."""

    def copy(example: Path) -> str:
        plans = home / "plans"
        plans.mkdir(parents=True, exist_ok=True)
        target = plans / example.name
        shutil.copy(example, target)
        return target.stem

    return copy


REFERENCES = DATA / "reference"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-references",
        action="store_true",
        help="Rewrite the reference files under tests/data/reference from the current output.",
    )


@pytest.fixture
def reference(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare rendered text with `tests/data/reference/<name>`; `--regen-references` rewrites it."""
    regen = request.config.getoption("--regen-references")

    def check(name: str, actual: str) -> None:
        path = REFERENCES / name
        if regen or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            if not regen:
                pytest.fail(f"reference {name} did not exist; wrote it — check it and commit it")
        assert actual == path.read_text(encoding="utf-8"), (
            f"output differs from tests/data/reference/{name} "
            "(if the change is intended: pytest --regen-references)"
        )

    return check
