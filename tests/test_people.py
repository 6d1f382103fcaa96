"""The deal's people: matched across calls and corrections, updated without losing a change made
meanwhile, asked through the prompt seam, and carried into the next plan as last known."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from callprep import messages
from callprep.calls import people
from callprep.errors import CallprepError
from callprep.plans.model import Attendee, Debrief, Plan
from callprep.prompts import USE_DEFAULT, Answers, ScriptedAsker
from tests.test_carry import FIRST, debrief_from, new_call, plan_data
from tests.test_debrief import RecordingAsker, write_plan

UTC = dt.UTC


def person(**fields: Any) -> Attendee:
    return Attendee.model_validate(fields)


def call(day: int, *attendees: Attendee, held: bool = True) -> Plan:
    return Plan(
        id=f"2026-12-{day:02d}-acme",
        account="Acme",
        starts_at=dt.datetime(2026, 12, day, 15, tzinfo=UTC),
        attendees=list(attendees),
        debrief=Debrief(outcome="minimum") if held else None,
    )


NOW = dt.datetime(2026, 12, 20, tzinfo=UTC)


# --- who is who -------------------------------------------------------------------------------


def test_the_same_person_by_email_or_by_name_ignoring_case() -> None:
    assert people.same(person(name="Dana Lee"), person(name="  dana   LEE "))
    assert people.same(
        person(name="Dana", email="dana@acme.example"),
        person(name="Dana Lee", email="DANA@acme.example"),
    )
    assert not people.same(person(name="Dana Lee"), person(name="Dan Lee"))
    renamed = person(name="Tom Ellis", aliases=["Warehouse manager (name tbc)"])
    assert people.same(renamed, person(name="warehouse manager (name TBC)"))


def test_the_picture_is_each_person_as_last_known() -> None:
    plans = [
        call(3, person(name="Dana Lee", email="dana@acme.example", stance="neutral")),
        call(
            10,
            person(name="Dana Lee", influence="user", stance="supporter"),
            person(name="Warehouse manager (name tbc)"),
        ),
        call(
            17,
            person(name="Tom Ellis", aliases=["Warehouse manager (name tbc)"], stance="sceptic"),
        ),
        call(24, person(name="Priya Shah", influence="economic"), held=False),
    ]
    found = {p.attendee.name: p for p in people.picture(plans, now=NOW)}
    assert list(found) == ["Dana Lee", "Tom Ellis", "Priya Shah"]
    dana = found["Dana Lee"].attendee
    # the email from the first call, influence and stance from the second
    assert (dana.email, dana.influence, dana.stance) == ("dana@acme.example", "user", "supporter")
    assert found["Dana Lee"].last_seen == dt.date(2026, 12, 10)
    # the placeholder of call 2 is the person named in call 3
    assert found["Tom Ellis"].attendee.stance == "sceptic"
    assert found["Tom Ellis"].last_seen == dt.date(2026, 12, 17)
    # on a call still ahead: not seen yet
    assert found["Priya Shah"].last_seen is None
    assert people.missing_influences(p.attendee for p in found.values()) == ["technical", "coach"]


def test_a_call_whose_start_has_passed_counts_as_attended() -> None:
    past = call(3, person(name="Dana"), held=False)
    assert people.held_on(past, NOW) == dt.date(2026, 12, 3)
    assert people.held_on(call(30, person(name="Dana"), held=False), NOW) is None


# --- updates ----------------------------------------------------------------------------------


def test_changes_name_only_what_the_seller_changed() -> None:
    base = [person(name="Warehouse manager (name tbc)"), person(name="Dana Lee", stance="neutral")]
    edited = [
        {"name": "Tom Ellis", "role": "Warehouse manager", "side": "customer"},
        {"name": "Dana Lee", "side": "customer", "stance": "neutral"},
        {"name": "Ruth Gale", "side": "customer", "influence": "economic"},
    ]
    assert people.changes(base, edited) == [
        {"name": "Tom Ellis", "was": "Warehouse manager (name tbc)", "role": "Warehouse manager"},
        {"name": "Ruth Gale", "side": "customer", "influence": "economic"},
    ]


def test_updates_apply_to_the_plan_as_it_is_now_and_keep_what_changed_meanwhile() -> None:
    base = [person(name="Warehouse manager (name tbc)"), person(name="Dana Lee", stance="neutral")]
    mine = people.changes(
        base,
        [
            {"name": "Tom Ellis", "side": "customer", "stance": "sceptic"},
            {"name": "Dana Lee", "side": "customer", "stance": "neutral"},
        ],
    )
    # Meanwhile another process gave Dana an email and added Priya.
    now = [
        person(name="Warehouse manager (name tbc)"),
        person(name="Dana Lee", stance="neutral", email="dana@acme.example"),
        person(name="Priya Shah", influence="economic"),
    ]
    result = people.apply(now, mine)
    assert [p.name for p in result] == ["Tom Ellis", "Dana Lee", "Priya Shah"]
    assert result[0].stance == "sceptic"
    assert result[0].aliases == ["Warehouse manager (name tbc)"]  # earlier calls still find him
    assert result[1].email == "dana@acme.example"


def test_an_update_for_someone_added_meanwhile_does_not_add_them_twice() -> None:
    now = [person(name="Ruth Gale", role="Finance director")]
    result = people.apply(now, [{"name": "ruth gale", "influence": "economic"}])
    assert len(result) == 1
    assert (result[0].role, result[0].influence) == ("Finance director", "economic")


def test_an_email_finds_the_person_whatever_their_name() -> None:
    now = [person(name="T. Ellis", email="tom@acme.example")]
    result = people.apply(now, [{"name": "Tom Ellis", "email": "tom@acme.example"}])
    assert [(p.name, p.aliases) for p in result] == [("Tom Ellis", ["T. Ellis"])]


def test_updates_from_a_file_are_checked_as_attendees() -> None:
    entries = [{"was": "Warehouse manager (name tbc)", "name": " Tom Ellis ", "stance": "sceptic"}]
    assert people.updates_from(entries, "f.toml") == [
        {"was": "Warehouse manager (name tbc)", "name": "Tom Ellis", "stance": "sceptic"}
    ]
    with pytest.raises(CallprepError, match=r"f\.toml.*stance"):
        people.updates_from([{"name": "Tom", "stance": "grumpy"}], "f.toml")
    with pytest.raises(CallprepError, match="needs a name"):
        people.updates_from([{"stance": "sceptic"}], "f.toml")
    with pytest.raises(CallprepError, match="attendees"):
        people.updates_from("Tom", "f.toml")


# --- asking -----------------------------------------------------------------------------------


def test_review_keeps_corrects_and_adds_people() -> None:
    asker = ScriptedAsker(
        {
            "person.keep": Answers([False, True]),
            "person.name": "Tom Ellis",
            "person.role": Answers(["Warehouse manager", "Finance director"]),
            "person.email": Answers(["not an email", "tom@acme.example", ""]),
            "person.influence": Answers(["don't know", messages.INFLUENCE_CHOICES["economic"]]),
            "person.stance": Answers(["sceptic", ""]),
            "person.new": Answers(["Ruth Gale", ""]),
            "person.side": messages.PERSON_SIDE_CHOICES["customer"],
        }
    )
    edited = people.review(
        asker,
        [{"name": "Warehouse manager (name tbc)"}, {"name": "Dana Lee", "stance": "supporter"}],
        "intro",
    )
    assert edited == [
        {
            "name": "Tom Ellis",
            "role": "Warehouse manager",
            "email": "tom@acme.example",
            "influence": "",
            "stance": "sceptic",
        },
        {"name": "Dana Lee", "stance": "supporter"},
        {
            "name": "Ruth Gale",
            "role": "Finance director",
            "side": "customer",
            "email": "",
            "influence": "economic",
            "stance": "",
        },
    ]
    assert any("is not an email address" in line for line in asker.said)


def test_review_takes_one_key_press_per_person_when_nothing_changed() -> None:
    asker = ScriptedAsker({}, rest=USE_DEFAULT)
    edited = people.review(asker, [{"name": "Dana Lee"}, {"name": "Sam", "side": "ours"}], "x")
    assert edited == [{"name": "Dana Lee"}, {"name": "Sam", "side": "ours"}]
    assert asker.asked == ["person.keep", "person.keep", "person.new"]


def test_our_people_are_not_asked_influence_or_stance() -> None:
    asker = ScriptedAsker(
        {
            "person.new": Answers(["Lee Park", ""]),
            "person.role": "Solutions engineer",
            "person.side": messages.PERSON_SIDE_CHOICES["ours"],
            "person.email": "lee@ourco.example",
        }
    )
    assert people.review(asker, [], "x") == [
        {
            "name": "Lee Park",
            "role": "Solutions engineer",
            "side": "ours",
            "email": "lee@ourco.example",
        }
    ]


# --- carried into the next plan ---------------------------------------------------------------


def test_the_next_plan_starts_from_each_person_as_last_known(cli, tmp_path, home: Path) -> None:
    write_plan(
        home / "plans",
        attendees=[
            {"name": "Dana Lee", "role": "VP Operations", "email": "dana@acme-logistics.example"},
            {"name": "Warehouse manager (name tbc)"},
        ],
    )
    debrief_from(
        cli,
        tmp_path,
        FIRST,
        '[debrief]\noutcome = "minimum"\n'
        '[[attendees]]\nwas = "Warehouse manager (name tbc)"\nname = "Tom Ellis"\n'
        'stance = "sceptic"\n'
        '[[attendees]]\nname = "dana lee"\nstance = "supporter"\ninfluence = "user"\n',
    )
    second = new_call(cli, "--account", "Acme Logistics", "--when", "2026-12-10 15:00")
    assert plan_data(home, second)["attendees"] == [
        {
            "name": "Dana Lee",
            "role": "VP Operations",
            "side": "customer",
            "email": "dana@acme-logistics.example",
            "influence": "user",
            "stance": "supporter",
        },
        {
            "name": "Tom Ellis",
            "role": "",
            "side": "customer",
            "stance": "sceptic",
            "aliases": ["Warehouse manager (name tbc)"],
        },
    ]


def test_confirming_what_is_known_still_offers_to_update_the_people(
    cli, script, tmp_path, home: Path
) -> None:
    write_plan(home / "plans", attendees=[{"name": "Warehouse manager (name tbc)"}])
    debrief_from(cli, tmp_path, FIRST, '[debrief]\noutcome = "minimum"\n')
    asker = script(
        {
            "account": "Acme Logistics",
            "carry.keep": True,
            "carry.people": True,
            "person.keep": False,
            "person.name": "Tom Ellis",
            "person.stance": "sceptic",
        },
        rest=USE_DEFAULT,
    )
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    assert "People: Warehouse manager (name tbc)" in "\n".join(asker.said)
    assert "attendees" not in asker.asked  # the people were just gone through
    data = plan_data(home, result.stdout.strip().splitlines()[0])
    assert data["attendees"] == [
        {"name": "Tom Ellis", "role": "", "side": "customer", "stance": "sceptic"},
    ]


def test_going_through_what_is_known_walks_each_person(cli, script, tmp_path, home) -> None:
    write_plan(home / "plans")
    debrief_from(cli, tmp_path, FIRST, '[debrief]\noutcome = "minimum"\n')
    asker = script({"account": "Acme Logistics", "carry.keep": False}, rest=USE_DEFAULT)
    assert cli("new").exit_code == 0
    assert "carry.people" not in asker.asked
    assert asker.asked.count("person.keep") == 4  # the example's four people


# --- the debrief corrects the people -----------------------------------------------------------


class Meanwhile(ScriptedAsker):
    """A scripted debrief during which another process edits the plan (at `when`)."""

    def __init__(self, script: dict[str, Any], when: str, edit: Any) -> None:
        super().__init__({"debrief.ahead": True, **script}, rest=USE_DEFAULT)
        self.when, self.edit, self.done = when, edit, False

    def ask(self, prompt: Any) -> Any:
        if prompt.key == self.when and not self.done:
            self.done = True
            self.edit()
        return super().ask(prompt)


def test_debrief_people_changes_are_merged_with_a_change_made_meanwhile(
    cli, monkeypatch, home: Path
) -> None:
    import tomllib

    import tomli_w

    from callprep import prompts

    path = write_plan(
        home / "plans",
        attendees=[{"name": "Warehouse manager (name tbc)"}, {"name": "Dana Lee"}],
    )

    def other_process() -> None:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        data["attendees"][1]["email"] = "dana@acme-logistics.example"
        data["attendees"].append({"name": "Priya Shah", "influence": "economic"})
        path.write_text(tomli_w.dumps(data), encoding="utf-8")

    asker = Meanwhile(
        {
            "person.keep": Answers([False, True]),
            "person.name": "Tom Ellis",
            "person.stance": "sceptic",
            "debrief.risks": ["Union consultation needed before any automation"],
        },
        when="person.keep",
        edit=other_process,
    )
    monkeypatch.setattr(prompts, "interactive_asker", lambda: asker)
    result = cli("debrief", FIRST)
    assert result.exit_code == 0, result.stderr
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    attendees = {p["name"]: p for p in saved["attendees"]}
    assert list(attendees) == ["Tom Ellis", "Dana Lee", "Priya Shah"]
    assert attendees["Tom Ellis"]["stance"] == "sceptic"
    assert attendees["Tom Ellis"]["aliases"] == ["Warehouse manager (name tbc)"]
    assert attendees["Dana Lee"]["email"] == "dana@acme-logistics.example"  # kept
    assert attendees["Priya Shah"]["influence"] == "economic"  # kept
    assert saved["debrief"]["risks"] == ["Union consultation needed before any automation"]


def test_ctrl_c_in_the_people_step_keeps_them_in_the_draft(
    cli, script, monkeypatch, home: Path
) -> None:
    import tomllib

    from callprep import prompts

    path = write_plan(home / "plans", attendees=[{"name": "Warehouse manager (name tbc)"}])
    before = path.read_bytes()
    script(
        {
            "person.keep": False,
            "person.name": "Tom Ellis",
            "person.role": "Warehouse manager",
            "person.email": "",
            "person.influence": "",
            "person.stance": "sceptic",
            "person.new": KeyboardInterrupt,
        },
        rest=USE_DEFAULT,
    )
    assert cli("debrief", FIRST).exit_code == 130
    assert path.read_bytes() == before
    draft = tomllib.loads((home / "drafts" / f"debrief-{FIRST}.toml").read_text())
    assert draft["attendees"] == [
        {
            "name": "Tom Ellis",
            "was": "Warehouse manager (name tbc)",
            "role": "Warehouse manager",
            "stance": "sceptic",
        }
    ]
    asker = RecordingAsker({"debrief.ahead": True, "resume": True}, rest=USE_DEFAULT)
    monkeypatch.setattr(prompts, "interactive_asker", lambda: asker)
    assert cli("debrief", FIRST).exit_code == 0
    # resumed: the draft's correction is where the people step starts
    (keep,) = [p for p in asker.prompts if p.key == "person.keep"]
    assert keep.message == "Still right? Tom Ellis, Warehouse manager · theirs · sceptic"
    saved = tomllib.loads(path.read_text(encoding="utf-8"))["attendees"]
    assert [(p["name"], p.get("stance")) for p in saved] == [("Tom Ellis", "sceptic")]


def test_debrief_from_a_file_renames_a_person_and_records_a_risk(cli, tmp_path, home) -> None:
    import tomllib

    path = write_plan(home / "plans", attendees=[{"name": "Warehouse manager (name tbc)"}])
    debrief_from(
        cli,
        tmp_path,
        FIRST,
        '[debrief]\noutcome = "none"\nrisks = ["Union consultation needed before any automation"]\n'
        'off_script = ["They also run a cold-chain fleet"]\n'
        '[[attendees]]\nwas = "Warehouse manager (name tbc)"\nname = "Tom Ellis"\n'
        'stance = "sceptic"\n',
    )
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["attendees"][0]["name"] == "Tom Ellis"
    assert "was" not in saved["attendees"][0]
    assert saved["debrief"]["risks"] == ["Union consultation needed before any automation"]
    assert saved["debrief"]["off_script"] == ["They also run a cold-chain fleet"]


def test_a_bad_person_in_a_debrief_file_is_one_clear_line(cli, tmp_path, home) -> None:
    write_plan(home / "plans")
    answers = tmp_path / "bad.toml"
    answers.write_text(
        '[debrief]\noutcome = "none"\n[[attendees]]\nname = "Tom"\nstance = "grumpy"\n',
        encoding="utf-8",
    )
    result = cli("debrief", FIRST, "--from", str(answers), "--no-input")
    assert result.exit_code == 1
    assert "stance" in result.stderr and len(result.stderr.strip().splitlines()) == 1
