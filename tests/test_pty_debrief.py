"""`callprep debrief` end to end in a real pseudo-terminal: Ctrl-C keeps a draft, the next run resumes it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.terminal import CTRL_C, DOWN, ENTER, UP, spawn
from tests.test_debrief import PLAN_ID, write_plan

pexpect = pytest.importorskip("pexpect")


TIMEOUT = 60  # generous: a loaded machine is slow, and the test waits on what it sees


def start(home: Path):
    return spawn(["debrief", PLAN_ID], home, timeout=TIMEOUT)


def answer(child, prompt: str, keys: str) -> None:
    child.expect_exact(prompt)
    child.send(keys)


@pytest.mark.slow
def test_debrief_in_a_terminal_interrupted_then_resumed(home: Path) -> None:
    plan_path = write_plan(
        home / "plans", **{"discovery.consequence": "", "discovery.competition": ""}
    )
    before = plan_path.read_bytes()

    child = start(home)
    answer(child, "still ahead.", "y")  # 3 Dec 2026 is still to come
    answer(child, "When was the call held?", ENTER)
    answer(child, "How did it go", "Dana liked it" + ENTER)
    answer(child, "Which objective did the call reach?", DOWN + ENTER)  # minimum
    answer(child, "Did the customer get what they wanted", "y")
    answer(child, "Did they bring what you asked them to prepare?", "n")
    answer(child, "How engaged were they?", CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert plan_path.read_bytes() == before
    draft = home / "drafts" / f"debrief-{PLAN_ID}.toml"
    assert tomllib.loads(draft.read_text(encoding="utf-8"))["debrief"]["outcome"] == "minimum"

    child = start(home)
    answer(child, "still ahead.", "y")
    answer(child, "unfinished debrief", ENTER)  # resume: yes
    answer(child, "When was the call held?", ENTER)
    answer(child, "How did it go", ENTER)  # the draft's answer is the default
    answer(child, "Which objective did the call reach?", ENTER)
    answer(child, "Did the customer get what they wanted", ENTER)
    answer(child, "Did they bring what you asked them to prepare?", ENTER)
    answer(child, "How engaged were they?", DOWN + ENTER)  # 4
    answer(child, "What came up off-script", "Leeds runs a cold-chain fleet" + ENTER)
    answer(child, "next", ENTER)  # the off-script list: no more items
    answer(child, "Is this a new opportunity?", "y")
    answer(child, "What risks or objections came up?", "Union consultation first" + ENTER)
    answer(child, "next", ENTER)  # the risks: no more
    answer(child, "What happens to them if they don't act", "Overtime grows" + ENTER)
    answer(child, "Who else are they looking at", ENTER)
    answer(child, "Which dispatch system", "y")
    answer(child, "successful pilot", ENTER)
    answer(child, "what more could this call have achieved?", ENTER)
    answer(child, "What is the next step?", "Security review on 10 Dec" + ENTER)
    answer(child, "What was committed?", "Send utilisation data" + ENTER)
    answer(child, "Who does it?", ENTER)  # customer
    answer(child, "By when?", "2026-12-08" + ENTER)
    answer(child, "What was committed?", ENTER)
    answer(child, "Still right? Dana Lee", ENTER)  # yes
    answer(child, "Still right? Priya Shah", ENTER)
    answer(child, "Still right? Marco Ruiz", "n")
    answer(child, "Marco Ruiz: name", ENTER)  # kept
    answer(child, "Marco Ruiz's role", ENTER)
    answer(child, "Marco Ruiz's email", ENTER)
    answer(child, "Marco Ruiz's influence", ENTER)  # technical, as before
    answer(child, "Where does Marco Ruiz stand on us?", UP + ENTER)  # from sceptic to neutral
    answer(child, "Still right? Sam Okafor", ENTER)
    answer(child, "Anyone else who joined?", ENTER)
    child.expect_exact("Debrief saved")
    child.expect_exact("Minimum reached, not the best")
    answer(child, "Draft the follow-up email", "y")
    child.expect_exact("Thank you for your time on Thursday 3 December.")
    child.expect_exact("You: Send utilisation data, by Tue 8 Dec 2026")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    saved = tomllib.loads(plan_path.read_text(encoding="utf-8"))["debrief"]
    assert saved["summary"] == "Dana liked it"
    assert saved["outcome"] == "minimum"
    assert (saved["customer_objective_met"], saved["customer_prepared"]) == (True, False)
    assert saved["engagement"] == 4
    assert saved["new_opportunities"] == ["Leeds runs a cold-chain fleet"]
    assert saved["learned"] == {"consequence": "Overtime grows"}
    assert saved["next_step"] == "Security review on 10 Dec"
    assert saved["commitments"][0]["what"] == "Send utilisation data"
    assert saved["risks"] == ["Union consultation first"]
    marco = tomllib.loads(plan_path.read_text(encoding="utf-8"))["attendees"][2]
    assert (marco["name"], marco["influence"], marco["stance"]) == (
        "Marco Ruiz",
        "technical",
        "neutral",
    )
    assert not draft.exists()
