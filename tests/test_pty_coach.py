"""The coach's challenge end to end: `callprep new` in a real pseudo-terminal, with questionary."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.terminal import ENTER, spawn

pexpect = pytest.importorskip("pexpect")


TIMEOUT = 60  # generous: a loaded machine is slow, and the test waits on what it sees

# A short playbook of the seller's own, so the test walks only what it is about.
PLAYBOOK = """
name = "short"

[[questions]]
field = "account"
text = "Which account is the call with?"

[[questions]]
field = "objective.best"
text = "By the end of the call, what will the customer do or agree to?"

[[questions]]
field = "objective.minimum"
text = "What is the least you would accept?"
"""


@pytest.mark.slow
def test_a_vague_objective_is_challenged_in_a_real_terminal(home: Path) -> None:
    (home / "playbooks").mkdir(parents=True)
    (home / "playbooks" / "short.toml").write_text(PLAYBOOK, encoding="utf-8")
    child = spawn(["new", "--playbook", "short"], home, dimensions=(40, 200), timeout=TIMEOUT)
    child.expect_exact("Which account is the call with?")
    child.send("Globex" + ENTER)
    child.expect_exact("what will the customer do or agree to?")
    child.send("Pitch the product" + ENTER)

    # The challenge, with its reason, then the offer to keep it anyway (default: no).
    child.expect_exact("That is not yet an objective")
    child.expect_exact("you wrote that you pitch")
    child.expect_exact("Keep it as it is anyway?")
    child.send("n")

    # Asked again with the refused words offered back to edit: the seller clears the line
    # (Ctrl-U) and writes the customer's act.
    child.expect_exact("what will the customer do or agree to?")
    child.expect_exact("Pitch the product")
    child.send("\x15" + "Hank agrees to a 2-week trial starting Monday" + ENTER)
    child.expect_exact("What is the least you would accept?")
    child.send(ENTER)  # left blank: the review names it

    # The review before saving: readiness, the gaps, and the choice to save or go back.
    child.expect(r"Readiness \d+/100")
    child.expect_exact("No minimum outcome.")
    child.expect_exact("Go back to one of these, or save?")
    child.expect_exact("Go back to: no minimum outcome")
    child.send(ENTER)  # Save the plan
    child.expect_exact("Saved ")
    child.expect_exact("Draft the message")
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    (saved,) = (home / "plans").glob("*.toml")
    plan = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert plan["objective"]["best"] == "Hank agrees to a 2-week trial starting Monday"
    assert plan["playbook"] == "short"
