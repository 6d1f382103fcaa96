"""People in a real 80x24 terminal: one person changed by `edit --section people` with every other
field kept, and a placeholder name corrected in the debrief by typing over it."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from tests.terminal import DOWN, ENTER, Terminal, callprep
from tests.test_debrief import PLAN_ID, write_plan
from tests.test_people_edit import ICS

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

SMALL = (24, 80)  # the size most terminals open at


def attendees(path: Path) -> list[dict[str, object]]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["attendees"]


def test_edit_people_changes_one_role_and_keeps_everyone(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    for key, value in (("name", "Ann Example"), ("email", "ann@ourco.example")):
        assert callprep(home, "profile", "set", key, value).returncode == 0
    invite = tmp_path / "invite.ics"
    invite.write_text(ICS, encoding="utf-8")
    assert callprep(home, "import", str(invite)).returncode == 0
    (path,) = (home / "plans").glob("*.toml")
    before = attendees(path)

    term = Terminal(["edit", path.stem, "--section", "people"], home, dimensions=SMALL)
    # The list, then a choice: keep them, change one (Tom is third), add, remove.
    term.answer("Change someone, add or remove one, or keep them?", DOWN, DOWN, DOWN, ENTER)
    term.answer("Tom Ellis: name", ENTER)  # kept
    term.answer("Tom Ellis's role", "Warehouse manager", ENTER)
    term.answer("Which side is Tom Ellis on?", ENTER)
    term.answer("Tom Ellis's email", ENTER)  # kept, not retyped
    term.answer("Tom Ellis's influence", ENTER)
    term.answer("Where does Tom Ellis stand on us?", ENTER)
    term.answer("Change someone, add or remove one, or keep them?", ENTER)  # keep them
    term.answer("Go back to one of these, or save?", ENTER)
    status, transcript = term.finish()
    assert status == 0, transcript
    assert "tom@acme.example" in transcript  # the list shows each person's email

    after = attendees(path)
    tom = next(p for p in after if p["name"] == "Tom Ellis")
    assert (tom["role"], tom["email"]) == ("Warehouse manager", "tom@acme.example")
    assert [p for p in after if p["name"] != "Tom Ellis"] == [
        p for p in before if p["name"] != "Tom Ellis"
    ]
    assert {p["name"] for p in after if p["side"] == "ours"} == {"Ann Example", "Sam Okafor"}
    # The next import: nobody twice.
    assert callprep(home, "import", str(invite)).returncode == 0
    assert [p["name"] for p in attendees(path)] == [p["name"] for p in after]


def test_a_corrected_name_replaces_the_placeholder(home: Path) -> None:
    plan_path = write_plan(
        home / "plans", **{"discovery.consequence": "", "discovery.competition": ""}
    )
    text = plan_path.read_text(encoding="utf-8").replace(
        'name = "Marco Ruiz"', 'name = "Warehouse manager (name tbc)"'
    )
    plan_path.write_text(text, encoding="utf-8")

    term = Terminal(["debrief", PLAN_ID], home, dimensions=SMALL)
    term.answer("still ahead.", "y")
    term.answer("When was the call held?", ENTER)
    term.answer("How did it go", "Dana liked it", ENTER)
    term.answer("Which objective did the call reach?", ENTER)
    term.answer("Did the customer get what they wanted", "y")
    term.answer("Did they bring what you asked them to prepare?", "y")
    term.answer("How engaged were they?", ENTER)
    term.answer("What came up off-script", ENTER)
    term.answer("What risks or objections came up?", ENTER)
    term.answer("What happens to them if they don't act", ENTER)
    term.answer("Who else are they looking at", ENTER)
    term.answer("Which dispatch system", ENTER)
    term.answer("successful pilot", ENTER)
    term.answer("what more could this call have achieved?", ENTER)
    term.answer("What is the next step?", ENTER)
    term.answer("What was committed?", ENTER)
    term.answer("Still right? Dana Lee", ENTER)
    term.answer("Still right? Priya Shah", ENTER)
    term.answer("Still right? Warehouse manager (name tbc)", "n")
    # The placeholder shows selected: typing the real name replaces it.
    term.answer("Warehouse manager (name tbc): name", "Oliver Grant", ENTER)
    term.answer("Oliver Grant's role", "Warehouse manager", ENTER)
    term.answer("Oliver Grant's email", ENTER)
    term.answer("Oliver Grant's influence", ENTER)
    term.answer("Where does Oliver Grant stand on us?", ENTER)
    term.answer("Still right? Sam Okafor", ENTER)
    term.answer("Anyone else who joined?", ENTER)
    term.answer("Draft the follow-up email", "n")
    status, transcript = term.finish()
    assert status == 0, transcript
    assert "Enter keeps it · typing replaces it" in transcript  # said under the question

    names = [p["name"] for p in attendees(plan_path)]
    assert "Oliver Grant" in names
    assert not any("tbc)Oliver" in str(name) for name in names)
    oliver = next(p for p in attendees(plan_path) if p["name"] == "Oliver Grant")
    assert oliver["aliases"] == ["Warehouse manager (name tbc)"]
