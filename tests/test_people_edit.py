"""`edit PLAN --section people`: one person at a time, every field the seller did not touch kept,
and the next `import` adding nobody twice (matched by email, then by name)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from callprep import messages
from callprep.calendar import meetings
from callprep.calls import people
from callprep.plans.model import Attendee
from callprep.prompts import USE_DEFAULT, Answers, Prompt, ScriptedAsker

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:route-review-1@ourco.example
DTSTAMP:20261120T090000Z
DTSTART:20261203T150000Z
DTEND:20261203T154500Z
SUMMARY:Acme: route review
ORGANIZER;CN=Ann Example:mailto:ann@ourco.example
ATTENDEE;CN=Dana Lee:mailto:dana@acme.example
ATTENDEE;CN=Tom Ellis:mailto:tom@acme.example
ATTENDEE;CN=Sam Okafor:mailto:sam@ourco.example
END:VEVENT
END:VCALENDAR
"""


class StepsAsker(ScriptedAsker):
    """A script that walks a question asked in steps (the people) as a terminal does."""

    def ask(self, prompt: Prompt) -> Any:
        if prompt.steps is not None and prompt.key not in self.script:
            self.asked.append(prompt.key)
            return prompt.steps(self, prompt)
        return super().ask(prompt)


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("callprep.prompts.has_terminal", lambda: True)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


@pytest.fixture
def imported(cli, home: Path, tmp_path: Path) -> tuple[str, Path, Path]:
    """An imported meeting: two of theirs with emails, the seller and a colleague of ours."""
    for key, value in (("name", "Ann Example"), ("email", "ann@ourco.example")):
        assert cli("profile", "set", key, value).exit_code == 0
    invite = tmp_path / "invite.ics"
    invite.write_text(ICS, encoding="utf-8")
    result = cli("import", str(invite))
    assert result.exit_code == 0, result.stderr
    (path,) = (home / "plans").glob("*.toml")
    return path.stem, path, invite


def attendees(path: Path) -> list[dict[str, Any]]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["attendees"]


def run_edit(cli, monkeypatch: pytest.MonkeyPatch, plan_id: str, script: dict[str, Any]) -> Any:
    asker = StepsAsker({**script, "review": messages.REVIEW_SAVE}, rest=USE_DEFAULT)
    monkeypatch.setattr("callprep.prompts.interactive_asker", lambda: asker)
    result = cli("edit", plan_id, "--section", "people")
    assert result.exit_code == 0, result.stderr
    return asker


def test_changing_one_persons_role_keeps_everyone_and_every_field(
    cli, imported, tty, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_id, path, invite = imported
    # What the seller knows of Dana already: kept through an edit that is not about her.
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'email = "dana@acme.example"',
        'email = "dana@acme.example"\nstance = "supporter"\ninfluence = "economic"',
    )
    path.write_text(text, encoding="utf-8")
    before = attendees(path)
    asker = run_edit(
        cli,
        monkeypatch,
        plan_id,
        {
            "attendees.pick": Answers(["Change Tom Ellis", messages.PEOPLE_DONE]),
            "person.role": "Warehouse manager",
        },
    )
    assert "attendees.keep" not in asker.asked  # no "keep them all, or retype everyone"
    after = attendees(path)
    assert [p["name"] for p in after] == [p["name"] for p in before]
    tom = next(p for p in after if p["name"] == "Tom Ellis")
    assert (tom["role"], tom["email"]) == ("Warehouse manager", "tom@acme.example")
    untouched = [p for p in after if p["name"] != "Tom Ellis"]
    assert untouched == [p for p in before if p["name"] != "Tom Ellis"]
    assert {p["name"] for p in after if p["side"] == "ours"} == {"Ann Example", "Sam Okafor"}
    # The next import finds everyone where they are: nobody twice.
    assert cli("import", str(invite)).exit_code == 0
    assert [p["name"] for p in attendees(path)] == [p["name"] for p in after]


def test_add_and_remove_one_person(cli, imported, tty, monkeypatch: pytest.MonkeyPatch) -> None:
    plan_id, path, _ = imported
    before = attendees(path)
    run_edit(
        cli,
        monkeypatch,
        plan_id,
        {
            "attendees.pick": Answers(
                [messages.PEOPLE_ADD, messages.PEOPLE_REMOVE, messages.PEOPLE_DONE]
            ),
            "attendees.name": "Ruth Gale",
            "attendees.role": "Finance director",
            "attendees.side": messages.PERSON_SIDE_CHOICES["customer"],
            "attendees.email": "ruth@acme.example",
            "attendees.influence": messages.INFLUENCE_CHOICES["economic"],
            "attendees.remove": "Sam Okafor",
        },
    )
    after = attendees(path)
    assert [p["name"] for p in after] == [
        *(p["name"] for p in before if p["name"] != "Sam Okafor"),
        "Ruth Gale",
    ]
    ruth = after[-1]
    assert (ruth["email"], ruth["influence"]) == ("ruth@acme.example", "economic")


def test_a_corrected_name_keeps_the_old_one_as_an_alias() -> None:
    placeholder = {"name": "Warehouse manager (name tbc)", "side": "customer", "stance": "unknown"}
    asker = StepsAsker(
        {
            "attendees.pick": Answers(
                ["Change Warehouse manager (name tbc)", messages.PEOPLE_DONE]
            ),
            "person.name": "Oliver Grant",
        },
        rest=USE_DEFAULT,
    )
    prompt = Prompt(key="attendees", kind="attendees", message="Who?", default=[placeholder])
    (oliver,) = people.ask_attendees(asker, prompt)
    assert oliver["name"] == "Oliver Grant"
    assert oliver["aliases"] == ["Warehouse manager (name tbc)"]
    assert oliver["stance"] == "unknown"  # "don't know" kept as the file wrote it
    assert people.same(
        Attendee.model_validate(oliver), Attendee(name="warehouse manager (name TBC)")
    )


def test_two_people_of_one_name_are_told_apart() -> None:
    two = [{"name": "Sam Lee"}, {"name": "Sam Lee", "side": "ours"}, {"name": "Dana"}]
    assert people._change_labels(two) == ["Change Sam Lee (1)", "Change Sam Lee (2)", "Change Dana"]


def test_an_import_matches_by_name_where_the_plan_has_no_address() -> None:
    """A person typed without an email (or whose email an older edit lost) is the invitee of
    that name: the address is filled in, nobody is added twice."""
    current = [
        Attendee(name="Dana Lee", role="VP Operations", stance="supporter"),
        Attendee(name="Tom Ellis", aliases=["Warehouse manager (name tbc)"]),
        Attendee(name="Ann Example", side="ours", email="ann@ourco.example"),
    ]
    fresh = [
        {"name": "Dana Lee", "email": "dana@acme.example", "side": "customer"},
        {"name": "Warehouse manager (name tbc)", "email": "tom@acme.example", "side": "customer"},
        {"name": "Priya Shah", "email": "priya@acme.example", "side": "customer"},
        {"name": "Ann Example", "email": "ann@ourco.example", "side": "ours"},
    ]
    merged = meetings.merge_people(current, fresh)
    assert [(p.name, p.email) for p in merged] == [
        ("Dana Lee", "dana@acme.example"),
        ("Tom Ellis", "tom@acme.example"),
        ("Ann Example", "ann@ourco.example"),
        ("Priya Shah", "priya@acme.example"),
    ]
    assert merged[0].stance == "supporter"  # what the seller wrote stays
