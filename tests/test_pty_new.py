"""The real `callprep new` in a pseudo-terminal: every question of the standard playbook, by keys."""

from __future__ import annotations

import datetime as dt
import sys
import tomllib
from pathlib import Path

import pytest

from tests.terminal import DOWN, ENTER, Terminal

pexpect = pytest.importorskip("pexpect")


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]


def test_new_in_a_real_terminal_from_first_question_to_saved_file(home: Path) -> None:
    term = Terminal(["new"], home)
    term.answer("Which account is the call with?", "Acme Logistics", ENTER)
    term.answer("Which opportunity (deal) is it about?", "Fleet telematics rollout", ENTER)
    term.answer("What kind of call is it?", DOWN, ENTER)  # demo
    term.answer("When does it start?", "2026-12-03 15:00-05:00", ENTER)
    term.answer("How long is it, in minutes?", "45", ENTER)
    term.answer("Name", "Dana Lee", ENTER)
    term.answer("Dana Lee's role", "VP Operations", ENTER)
    term.answer("Which side is Dana Lee on?", ENTER)  # theirs, the default
    term.answer("Dana Lee's email", "dana@acme.example", ENTER)
    term.answer("Dana Lee's influence on the decision", ENTER)  # don't know, the default
    term.answer("Where does Dana Lee stand on us?", DOWN, ENTER)  # supporter
    term.answer("Next person's name", "Sam Okafor", ENTER)
    term.answer("Sam Okafor's role", "Account executive", ENTER)
    term.answer("Which side is Sam Okafor on?", DOWN, ENTER)  # ours
    term.answer("Sam Okafor's email", ENTER)  # ours: no influence or stance asked
    term.answer("Next person's name", ENTER)
    term.answer("what will the customer do or agree to?", "Dana agrees to a 30-day pilot", ENTER)
    term.answer("What is the least you would accept?", "Dana introduces us to IT", ENTER)
    term.answer("What does the customer want", "See the dispatch integration", ENTER)
    term.answer("What is on the agenda?", "Their goals", ENTER)
    term.answer("and next", "Pilot scope", ENTER)
    term.answer("and next", ENTER)
    term.answer("Have you sent the agenda to the customer?", "y")
    term.answer("Has the customer agreed to it?", "y")
    term.answer("prepare or bring?", "Fleet numbers", ENTER)
    term.answer("and next", ENTER)
    term.answer("Why are they looking at all?", "Fuel costs up 18%", ENTER)
    term.answer("How urgent is it for them", "Board review in Q2", ENTER)
    term.answer("By when do they need it in place?", "2027-03-31", ENTER)
    term.answer("if they don't act by then?", "Another year of overtime", ENTER)
    term.answer("What do they think of us?", "Liked our case study", ENTER)
    term.answer("Who else are they looking at", "Samsara", ENTER)
    term.answer("How will they decide", "Dana recommends, CFO signs", ENTER)
    term.answer("What will you ask in this call?", "Who owns dispatch?", ENTER)
    term.answer("and next", ENTER)
    term.answer("Go back to one of these, or save?", ENTER)  # save, the default
    status, transcript = term.finish()

    assert status == 0, transcript
    assert "Readiness 95/100" in transcript  # nobody known to hold the budget yet
    plan_id = "2026-12-03-acme-logistics-demo"
    assert plan_id in transcript
    path = home / "plans" / f"{plan_id}.toml"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    saved = tomllib.loads(path.read_text())
    assert saved["account"] == "Acme Logistics"
    assert saved["opportunity"] == "Fleet telematics rollout"
    assert saved["kind"] == "demo"
    assert saved["starts_at"] == dt.datetime(2026, 12, 3, 20, 0, tzinfo=dt.UTC)
    assert saved["duration_minutes"] == 45
    assert saved["attendees"] == [
        {
            "name": "Dana Lee",
            "role": "VP Operations",
            "side": "customer",
            "email": "dana@acme.example",
            "stance": "supporter",
        },
        {"name": "Sam Okafor", "role": "Account executive", "side": "ours"},
    ]
    assert saved["objective"] == {
        "best": "Dana agrees to a 30-day pilot",
        "minimum": "Dana introduces us to IT",
        "customer": "See the dispatch integration",
    }
    assert saved["agenda"] == {
        "items": ["Their goals", "Pilot scope"],
        "shared": True,
        "confirmed": True,
        "customer_prep": ["Fleet numbers"],
    }
    assert saved["discovery"] == {
        "why_looking": "Fuel costs up 18%",
        "urgency": "Board review in Q2",
        "deadline": dt.date(2027, 3, 31),
        "consequence": "Another year of overtime",
        "attitude_to_us": "Liked our case study",
        "competition": "Samsara",
        "decision_process": "Dana recommends, CFO signs",
    }
    assert saved["questions"] == ["Who owns dispatch?"]
    assert not (home / "drafts" / "new.toml").exists()


def test_ctrl_c_in_a_real_terminal_keeps_a_draft(home: Path) -> None:
    term = Terminal(["new"], home)
    term.answer("Which account is the call with?", "Globex", ENTER)
    term.answer("Which opportunity (deal) is it about?")
    term.child.sendintr()
    status, transcript = term.finish()
    assert status == 130, transcript
    assert "kept as a draft" in transcript
    assert not (home / "plans").exists() or not list((home / "plans").glob("*.toml"))
    assert tomllib.loads((home / "drafts" / "new.toml").read_text())["account"] == "Globex"
