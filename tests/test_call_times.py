"""One rule for a call's time in every view the seller reads (docs/planning.md, "How a call's time
is shown"): the seller's own clock first, unnamed; the call's own zone beside it, named, when its
clock reads differently. Each view is held to it here; test_pty_80.py holds them at 80 columns."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import Result

from callprep import dates, prompts
from callprep.dates import call_time_text, time_parts
from callprep.prompts import Prompt, ScriptedAsker
from tests.conftest import DATA, EXAMPLES, PREPARED

NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
# The examples' discovery call: 15:00 in New York is 20:00 in London.
THEIRS_LONG = "Thu 3 Dec 2026, 20:00 (15:00 New York)"
THEIRS_SHORT = "Thu 3 Dec 20:00 (15:00 New York)"
# A call on the seller's own clock names no zone at all.
OWN_LONG = "Fri 4 Dec 2026, 10:00"
OWN_SHORT = "Fri 4 Dec 10:00"
# A zone named where the rule names none (the seller's own), or named by its IANA name.
NAMED_WRONGLY = re.compile(r"Europe/London|America/New_York|\bLondon\b|\bUTC\b")


# --- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "zone", "expected"),
    [
        # The seller's own zone: nothing beside it.
        (dt.datetime(2026, 12, 3, 15, 0, tzinfo=LONDON), "Europe/London", ("Thu 3 Dec 2026, 15:00", "")),
        # Another zone whose clock reads the same at that moment (Lisbon in winter): nothing.
        (dt.datetime(2026, 12, 3, 15, 0, tzinfo=LONDON), "Europe/Lisbon", ("Thu 3 Dec 2026, 15:00", "")),
        # The customer's: named, beside the seller's.
        (dt.datetime(2026, 12, 3, 15, 0, tzinfo=NY), "America/New_York", ("Thu 3 Dec 2026, 20:00", "15:00 New York")),
        # Another day there: its day said too.
        (dt.datetime(2026, 12, 3, 21, 0, tzinfo=NY), "America/New_York", ("Fri 4 Dec 2026, 02:00", "Thu 21:00 New York")),
        # Only an offset known: the offset names it.
        (dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))), "", ("Thu 3 Dec 2026, 20:00", "15:00 UTC-05:00")),
        # No offset at all: a time on the seller's own clock.
        (dt.datetime(2026, 12, 3, 15, 0), "", ("Thu 3 Dec 2026, 15:00", "")),
        # POSIX-signed Etc zones and UTC, as people say them.
        (dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.UTC), "Etc/GMT+5", ("Thu 3 Dec 2026, 15:00", "10:00 UTC-5")),
        (dt.datetime(2026, 7, 3, 15, 0, tzinfo=dt.UTC), "Etc/UTC", ("Fri 3 Jul 2026, 16:00", "15:00 UTC")),
    ],
)  # fmt: skip
def test_the_sellers_clock_first_the_customers_named_beside_it(
    start: dt.datetime, zone: str, expected: tuple[str, str]
) -> None:
    assert time_parts(start, zone, "Europe/London") == expected


def test_the_forms_of_tables_and_of_the_coming_week() -> None:
    now = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    start = dt.datetime(2026, 12, 3, 15, 0, tzinfo=NY)
    assert call_time_text(start, "America/New_York", "Europe/London", now=now) == THEIRS_LONG
    short = call_time_text(start, "America/New_York", "Europe/London", form="short", now=now)
    assert short == THEIRS_SHORT
    # The year in a table only when it is not this one.
    later = call_time_text(start.replace(year=2027), "", "Europe/London", form="short", now=now)
    assert later == "Fri 3 Dec 2027 20:00 (15:00 UTC-05:00)"
    assert time_parts(start, "America/New_York", "Europe/London", form="day", now=now) == (
        "Thu 20:00",
        "15:00 New York",
    )
    assert call_time_text(None) == "time not set"


def test_without_a_profile_zone_the_machines_is_the_sellers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start = dt.datetime(2026, 12, 3, 15, 0, tzinfo=NY)
    monkeypatch.setenv("TZ", "America/New_York")
    assert time_parts(start, "America/New_York") == ("Thu 3 Dec 2026, 15:00", "")
    monkeypatch.setenv("TZ", "UTC")
    assert time_parts(start, "America/New_York") == ("Thu 3 Dec 2026, 20:00", "15:00 New York")


@pytest.mark.parametrize(
    "start",
    [
        dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=5))),
        dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    ],
)
def test_a_time_at_the_calendars_ends_is_shown_never_raised(start: dt.datetime) -> None:
    assert call_time_text(start, "Pacific/Kiritimati", "Pacific/Pago_Pago")


# --- every view ------------------------------------------------------------------------------


@pytest.fixture
def seller(cli: Callable[..., Result], home: Path) -> Callable[..., Result]:
    """A seller in London with the examples' call in New York (acme) and one of their own, in
    London (globex)."""
    for key, value in (("timezone", "Europe/London"), ("email", "sam@fleetwise.example")):
        assert cli("profile", "set", key, value).exit_code == 0
    assert cli("new", "--from", str(PREPARED), "--no-input").exit_code == 0
    made = cli(
        "new", "--account", "Globex", "--kind", "demo", "--when", "4 Dec 10:00", "--no-input"
    )
    assert made.exit_code == 0, made.stderr

    def run(*args: str) -> Result:
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        text = result.stdout + result.stderr
        assert not NAMED_WRONGLY.search(text), (args, NAMED_WRONGLY.search(text))
        return result

    return run


def test_list_and_the_coming_week(seller: Callable[..., Result]) -> None:
    listed = seller("list").stdout
    assert THEIRS_SHORT in listed and f"{OWN_SHORT}  " in listed
    upcoming = seller("list", "--upcoming").stdout.splitlines()
    acme = next(n for n, line in enumerate(upcoming) if "Acme Logistics" in line)
    assert "Thu 20:00" in upcoming[acme] and "15:00 New York" in upcoming[acme + 1]
    assert any("Fri 10:00" in line and "Globex" in line for line in upcoming)


def test_check_brief_review_and_deal(seller: Callable[..., Result]) -> None:
    assert THEIRS_LONG in seller("check", "acme").stdout
    assert OWN_LONG in seller("check", "globex").stdout
    for fmt in ("term", "md", "html"):
        assert f"{THEIRS_LONG}, 45 min" in seller("brief", "acme", "-f", fmt).stdout
        assert OWN_LONG in seller("brief", "globex", "-f", fmt).stdout
    review = seller("review", "--days", "7").stdout
    assert THEIRS_SHORT in review and OWN_SHORT in review
    for fmt in ("term", "md", "html"):
        assert THEIRS_SHORT in seller("deal", "acme", "-f", fmt).stdout


def test_what_goes_to_the_customer_keeps_their_zone_first(cli, seller) -> None:
    shared = cli("brief", "acme", "--share", "-f", "md").stdout
    # The customer's own time first, named; the seller's beside it.
    assert "Thursday 3 December 2026, 15:00–15:45 New York time (20:00–20:45" in shared


@pytest.mark.now("2026-12-03T21:30:00+00:00")
def test_the_debrief_summary(seller: Callable[..., Result]) -> None:
    done = seller("debrief", "acme", "--from", str(EXAMPLES / "acme-debrief.toml"), "--no-input")
    assert THEIRS_LONG in done.stdout


def test_reschedule_says_the_new_time_by_the_rule(seller: Callable[..., Result]) -> None:
    moved = seller("reschedule", "globex", "Fri 11:00 America/New_York")
    assert "Moved to Fri 4 Dec 2026, 16:00 (11:00 New York)" in moved.stderr
    assert "Moved to Fri 4 Dec 2026, 12:00." in seller("reschedule", "globex", "Fri 12:00").stderr


def test_import_lines_and_the_meetings_of_a_file(cli, seller: Callable[..., Result]) -> None:
    imported = seller("import", str(EXAMPLES / "calendar.ics")).stdout
    assert "Tue 8 Dec 2026, 15:00 (10:00 New York)  Vandelay Imports" in imported
    assert "Wed 2 Dec 2026, 15:00  Northwind Foods" in imported
    several = cli("new", "--from-ics", str(DATA / "calendars" / "google-export.ics"), "--no-input")
    assert several.exit_code == 1
    assert "Wed 21 Oct 2026, 15:00  " in several.stderr
    assert not NAMED_WRONGLY.search(several.stderr)


def test_the_debrief_of_a_call_still_ahead_asks_by_the_rule(
    cli, seller, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    class Recording(ScriptedAsker):
        def ask(self, prompt: Prompt) -> object:
            asked.append(prompt.message)
            return super().ask(prompt)

    asker = Recording({"debrief.ahead": False})
    monkeypatch.setattr(prompts, "interactive_asker", lambda: asker)
    monkeypatch.setattr(prompts, "has_terminal", lambda: True)
    assert cli("debrief", "acme").exit_code == 1
    assert asked == [f"Acme Logistics · Fleet telematics rollout is set for {THEIRS_LONG}, "
                     "still ahead. Debrief it anyway?"]  # fmt: skip


def test_list_json_keeps_the_instant_as_the_file_has_it(seller: Callable[..., Result]) -> None:
    rows = json.loads(seller("list", "--json").stdout)
    acme = next(row for row in rows if row["account"] == "Acme Logistics")
    assert acme["starts_at"] == "2026-12-03T15:00:00-05:00"


def test_the_rule_lives_in_one_place() -> None:
    """No view formats a call's time on its own: each goes through dates.call_time_text."""
    source = Path(dates.__file__).parent
    found = []
    for path in sorted(source.rglob("*.py")):
        if path.parent.name == "outreach":  # what the customer reads: their zone first
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"starts_at:%|start:%[aAd-]|describe_datetime\(", text):
            found.append(f"{path.relative_to(source)}: {match.group()}")
    # describe_datetime stays for dates typed at a prompt, windows and customer-facing pages.
    allowed = {
        "dates.py: describe_datetime(",
        "render/calendar_import.py: describe_datetime(",  # the import's window, not a call
    }
    assert set(found) <= allowed, sorted(set(found) - allowed)
