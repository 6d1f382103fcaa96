"""A seller's day in a real terminal: plan a call from scratch with dates as people say them and
no text editor, move it, then change its agenda by `edit --section agenda`."""

from __future__ import annotations

import datetime as dt
import sys
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests import conftest
from tests.terminal import ENTER, Terminal, callprep

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

LONDON = ZoneInfo("Europe/London")


def next_weekday(after: dt.date, weekday: int) -> dt.date:
    """The first such weekday after `after` (as "fri" means: the coming one, today excluded)."""
    days = (weekday - after.weekday()) % 7 or 7
    return after + dt.timedelta(days=days)


def plan_file(home: Path) -> Path:
    (path,) = (home / "plans").glob("*.toml")
    return path


def test_plan_move_and_edit_a_call_with_natural_dates_and_no_editor(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    assert callprep(home, "profile", "set", "timezone", "Europe/London").returncode == 0
    today = conftest.NOW.astimezone(LONDON).date()

    # 1. Plan the call: every date as a seller types it, and the tool says how it read each.
    term = Terminal(["new"], home)
    term.answer("Which account is the call with?", "Northwind Foods", ENTER)
    term.answer("Which opportunity (deal) is it about?", "Cold chain", ENTER)
    term.answer("What kind of call is it?", ENTER)  # discovery, the first
    term.answer("When does it start?", "tomorrow 10am", ENTER)
    term.answer("→ ", "")
    term.answer("How long is it, in minutes?", "45", ENTER)
    term.answer("Name", "Helen Park", ENTER)
    term.answer("Helen Park's role", "COO", ENTER)
    term.answer("Which side is Helen Park on?", ENTER)
    term.answer("Helen Park's email", "helen.park@northwind-foods.example", ENTER)
    term.answer("Helen Park's influence", ENTER)  # don't know yet
    term.answer("Where does Helen Park stand on us?", ENTER)
    term.answer("Next person's name", ENTER)
    term.answer(
        "what will the customer do or agree to?", "Helen agrees to a pilot at two depots", ENTER
    )
    term.answer("What is the least you would accept?", "Helen introduces us to IT", ENTER)
    term.answer("What does the customer want", "See how alarms reach the drivers", ENTER)
    term.answer("What is on the agenda?", "Their goals", ENTER)
    term.answer("and next", "Alarm walkthrough", ENTER)
    term.answer("and next", ENTER)
    term.answer("Have you sent the agenda to the customer?", "n")
    term.answer("prepare or bring?", ENTER)
    term.answer("Why are they looking at all?", "Spoilage costs", ENTER)
    term.answer("How urgent is it for them", ENTER)
    term.answer("By when do they need it in place?", "end of Q1", ENTER)
    term.answer("→ ", "")
    term.answer("if they don't act by then?", ENTER)
    term.answer("What do they think of us?", ENTER)
    term.answer("Who else are they looking at", ENTER)
    term.answer("How will they decide", ENTER)
    term.answer("What will you ask in this call?", ENTER)
    term.answer("Go back to one of these, or save?", ENTER)  # save
    term.answer("Draft the message", "n")
    status, transcript = term.finish()
    assert status == 0, transcript
    tomorrow = today + dt.timedelta(days=1)
    assert f"→ {tomorrow:%a} {tomorrow.day} {tomorrow:%b %Y}, 10:00 Europe/London" in transcript
    plan = tomllib.loads(plan_file(home).read_text())
    assert plan["starts_at"].astimezone(LONDON).replace(tzinfo=None) == dt.datetime.combine(
        tomorrow, dt.time(10)
    )
    assert plan["timezone"] == "Europe/London"
    quarter_end = plan["discovery"]["deadline"]
    assert quarter_end.month == 3 and quarter_end.day == 31 and quarter_end > today
    first_id = plan["id"]

    # 2. The customer moves it: the id follows the date, the old one still finds the plan.
    moved = callprep(home, "reschedule", "northwind", "fri 14:00")
    assert moved.returncode == 0, moved.stderr
    friday = next_weekday(today, 4)
    new_id = moved.stdout.strip()
    assert new_id.startswith(friday.isoformat()) or new_id == first_id
    plan = tomllib.loads(plan_file(home).read_text())
    assert plan["starts_at"].astimezone(LONDON).replace(tzinfo=None) == dt.datetime.combine(
        friday, dt.time(14)
    )
    if new_id != first_id:
        assert plan["aliases"] == [first_id]
        assert callprep(home, "show", first_id, "--json").returncode == 0

    # 3. Change the agenda without a text editor: only that part is asked, answers as defaults.
    term = Terminal(["edit", "northwind", "--section", "agenda"], home)
    term.answer("Keep these 2?", "y")
    term.answer("Add more", "Pilot scope and dates", ENTER)
    term.answer("and next", ENTER)
    term.answer("Have you sent the agenda to the customer?", "y")
    term.answer("Has the customer agreed to it?", "n")
    term.answer("prepare or bring?", "Spoilage figures per depot", ENTER)
    term.answer("and next", ENTER)
    term.answer("Go back to one of these, or save?", ENTER)
    status, transcript = term.finish()
    assert status == 0, transcript
    assert "Which account is the call with?" not in transcript  # nothing outside the section
    plan = tomllib.loads(plan_file(home).read_text())
    assert plan["agenda"] == {
        "items": ["Their goals", "Alarm walkthrough", "Pilot scope and dates"],
        "shared": True,
        "confirmed": False,
        "customer_prep": ["Spoilage figures per depot"],
    }
    assert plan["objective"]["best"] == "Helen agrees to a pilot at two depots"  # untouched
