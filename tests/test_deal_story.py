"""Issue 15, as a new user would meet it: three calls on one deal through the command line.

The first call is planned in the interview, the second from a file; the second debrief (in the
interview) names the placeholder person and records a risk; the third brief and `deal --json`
show them, and the third plan starts from each person as last known.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from callprep import messages
from callprep.prompts import USE_DEFAULT, Answers

ACCOUNT = "Acme Logistics"
RISK = "Union consultation needed before any automation"


def saved_id(result: Any) -> str:
    assert result.exit_code == 0, result.stderr
    return str(result.stdout.strip().splitlines()[0])


def plan_file(home: Path, plan_id: str) -> dict[str, Any]:
    return tomllib.loads((home / "plans" / f"{plan_id}.toml").read_text(encoding="utf-8"))


def test_three_calls_on_one_deal_tell_its_story(cli, script, tmp_path: Path, home: Path) -> None:
    # --- call 1: planned in the interview ----------------------------------------------------
    script(
        {
            "account": ACCOUNT,
            "opportunity": "Warehouse automation",
            "kind": "discovery",
            "starts_at": "2026-12-01 10:00",
            "attendees": [
                {
                    "name": "Dana Lee",
                    "role": "Head of operations",
                    "side": "customer",
                    "email": "dana@acme.example",
                    "influence": "user",
                    "stance": "supporter",
                },
                {"name": "Warehouse manager (name tbc)", "side": "customer"},
                {"name": "Sam Okafor", "role": "Account executive", "side": "ours"},
            ],
            "objective.best": "Dana books a site visit at the Leeds warehouse for next week",
            "discovery.why_looking": "Picking errors cost them two big customers this year",
            "review": messages.REVIEW_SAVE,
        },
        rest=USE_DEFAULT,
    )
    first = saved_id(cli("new"))
    debrief = tmp_path / "first.toml"
    debrief.write_text(
        '[debrief]\noutcome = "minimum"\nsummary = "Dana keen"\n'
        'next_step = "Site visit on 10 Dec"\n'
        '[[debrief.commitments]]\nwho = "customer"\nwhat = "Send the picking error log"\n'
        "due = 2026-12-08\n",
        encoding="utf-8",
    )
    assert cli("debrief", first, "--from", str(debrief), "--no-input").exit_code == 0

    # --- call 2: planned from a file, debriefed in the interview ----------------------------
    answers = tmp_path / "second.toml"
    answers.write_text(
        f'account = "{ACCOUNT.lower()}"\nkind = "demo"\nstarts_at = 2026-12-10T10:00:00Z\n'
        '[objective]\nbest = "Dana agrees to a 30-day pilot at Leeds starting 5 Jan"\n',
        encoding="utf-8",
    )
    second = saved_id(cli("new", "--from", str(answers), "--no-input"))
    names = [p["name"] for p in plan_file(home, second)["attendees"]]
    assert names == ["Dana Lee", "Warehouse manager (name tbc)", "Sam Okafor"]  # carried

    script(
        {
            "debrief.summary": "Tom Ellis sceptical; Dana still keen",
            "debrief.outcome": messages.DEBRIEF_OUTCOME_CHOICES["none"],
            "debrief.off_script": ["They also run a cold-chain fleet"],
            "debrief.new_opportunity": True,
            "debrief.risks": [RISK],
            "debrief.next_step": "Pilot proposal on 17 Dec",
            "person.keep": Answers([True, False, True]),
            "person.name": "Tom Ellis",
            "person.role": "Warehouse manager",
            "person.email": "",
            "person.influence": messages.INFLUENCE_CHOICES["technical"],
            "person.stance": messages.STANCE_CHOICES["sceptic"],
        },
        rest=USE_DEFAULT,
    )
    assert cli("debrief", second).exit_code == 0
    people = plan_file(home, second)["attendees"]
    assert people[1]["name"] == "Tom Ellis"  # the placeholder, named in the debrief
    assert people[1]["aliases"] == ["Warehouse manager (name tbc)"]

    # --- call 3: the interview starts from what is known -----------------------------------
    # "Start from what is known" is confirmed at once (Enter); the people are still offered.
    asker = script(
        {"account": ACCOUNT, "kind": "proposal", "starts_at": "2026-12-17 10:00"},
        rest=USE_DEFAULT,
    )
    third = saved_id(cli("new"))
    assert "carry.keep" in asker.asked and "carry.people" in asker.asked
    said = "\n".join(asker.said)
    assert "Tom Ellis (Warehouse manager; technical, sceptic)" in said
    carried = {p["name"]: p for p in plan_file(home, third)["attendees"]}
    assert list(carried) == ["Dana Lee", "Tom Ellis", "Sam Okafor"]
    assert carried["Dana Lee"]["email"] == "dana@acme.example"  # as last known
    assert carried["Tom Ellis"]["stance"] == "sceptic"

    # --- the third brief: "Last time" ------------------------------------------------------
    md = cli("brief", third, "--format", "md").stdout
    last = md.split("## Last time", 1)[1].split("## Objectives", 1)[0]
    assert "Demo call, 10 Dec 2026" in last
    assert messages.LAST_TIME_OUTCOMES["none"] in last
    assert "Tom Ellis sceptical; Dana still keen" in last
    assert "Pilot proposal on 17 Dec" in last
    assert RISK in last
    assert "They also run a cold-chain fleet" in last
    assert "Tom Ellis: now sceptic" in last
    assert "Tom Ellis (Warehouse manager)" in md  # on the call, by name
    # nobody on the deal holds the budget: a warning, and its question
    found = json.loads(cli("check", third, "--json").stdout)["findings"]
    economic = next(f for f in found if f["code"] == "deal.economic_unknown")
    assert economic["severity"] == "warning"
    assert messages.ECONOMIC_QUESTION in md

    # --- the deal as one story -------------------------------------------------------------
    story = json.loads(cli("deal", third, "--json").stdout)
    assert [c["id"] for c in story["calls"]] == [first, second, third]
    assert [c["outcome"] for c in story["calls"]] == ["minimum", "none", None]
    people = {p["name"]: p for p in story["people"]}
    assert "Warehouse manager (name tbc)" not in people
    assert people["Tom Ellis"]["stance"] == "sceptic"
    assert people["Tom Ellis"]["influence"] == "technical"
    assert people["Tom Ellis"]["last_seen"] == "2026-12-10"
    assert people["Dana Lee"]["last_seen"] == "2026-12-10"
    assert story["missing_influences"][0] == "economic"
    assert story["risks"] == [RISK]
    assert [c["what"] for c in story["open_commitments"]] == ["Send the picking error log"]
    assert story["new_opportunities"] == ["They also run a cold-chain fleet"]
    # the same deal by its account
    assert json.loads(cli("deal", "acme", "--json").stdout) == story
