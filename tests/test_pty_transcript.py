"""`callprep debrief PLAN --transcript FILE` end to end in an 80x24 pseudo-terminal: what the
transcript found is there as the defaults, and Enter keeps it."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.terminal import DOWN, ENTER, Terminal
from tests.test_debrief import PLAN_ID, write_plan

pytest.importorskip("pexpect")


@pytest.mark.slow
@pytest.mark.now("2026-12-03T23:30:00+00:00")  # the evening after the call (15:00 in New York)
def test_debrief_from_a_transcript_in_a_terminal(home: Path, tmp_path: Path) -> None:
    plan_path = write_plan(
        home / "plans", **{"discovery.decision_process": "", "discovery.competition": ""}
    )
    call = tmp_path / "acme-call.vtt"
    shutil.copy(EXAMPLES / "acme-call.vtt", call)

    term = Terminal(["debrief", PLAN_ID, "--transcript", str(call)], home, dimensions=(24, 80))
    term.answer("Which side is Tom Ellis on?", ENTER)  # theirs, as guessed
    term.answer("When was the call held?", ENTER)
    term.answer("How did it go", "Dana is in; the pilot waits on Priya", ENTER)
    term.answer("Which objective did the call reach?", DOWN, ENTER)  # minimum
    term.answer("Did the customer get what they wanted", "y")
    term.answer("Did they bring what you asked them to prepare?", "n")
    term.answer("How engaged were they?", DOWN, ENTER)  # 4
    term.answer("Note it as off-script?", "y")  # the cold-chain fleet in Leeds
    term.answer("Keep these 1?", "y")
    term.answer("Add more", ENTER)
    term.answer("Is this a new opportunity?", "y")
    term.answer("What risks or objections came up?", ENTER)
    term.answer("Who else are they looking at", ENTER)  # not heard: stays unknown
    term.answer("How will they decide", ENTER)  # the default: Priya's words
    term.answer("Which dispatch system", ENTER)  # pre-marked: asked at 0:50
    term.answer("successful pilot", ENTER)
    term.answer("what more could this call have achieved?", ENTER)
    term.answer("What is the next step?", ENTER)  # the default: the scoping call on the 10th
    term.answer("Send the fleet utilisation numbers", ENTER)  # keep
    term.answer("Send the pilot proposal", ENTER)  # keep
    term.answer("Ask their IT lead to join", DOWN, DOWN, ENTER)  # drop
    term.answer("What was committed?", ENTER)
    for person in ("Dana Lee", "Priya Shah", "Marco Ruiz", "Sam Okafor"):
        term.answer(f"Still right? {person}", ENTER)
    term.answer("Anyone else who joined?", ENTER)
    term.answer("Draft the follow-up email", "n")
    status, shown = term.finish()
    assert status == 0, shown
    assert "Heard at" in shown and "I sign off anything above fifty thousand" in shown
    assert "asked at" in shown
    assert "From the transcript: we talked" in shown

    debrief = tomllib.loads(plan_path.read_text(encoding="utf-8"))["debrief"]
    assert debrief["outcome"] == "minimum"
    assert debrief["learned"]["decision_process"].startswith("I sign off anything")
    assert "competition" not in debrief["learned"]
    assert debrief["answered"] == [
        "Which dispatch system do the depots use today, and who owns it?",
        "What would a successful pilot have to show your board?",
    ]
    assert debrief["next_step"] == "Pilot scoping call on Thu 10 Dec 2026"
    assert debrief["off_script"][0].startswith("We also run a cold-chain fleet")
    assert [(c["what"], c["source"]) for c in debrief["commitments"]] == [
        ("Send the fleet utilisation numbers", "transcript"),
        ("Send the pilot proposal", "transcript"),
    ]
    assert debrief["conversation"]["questions_asked"] == debrief["answered"]
