"""`callprep import`: meetings from calendar exports become plans, and importing again only updates."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callprep import messages
from callprep.calendar import meetings
from callprep.calendar.events import Person
from callprep.plans.planfile import load_plan
from tests.calendars import big_export
from tests.conftest import examples

CALENDARS = Path(__file__).resolve().parent / "data" / "calendars"
GOOGLE = CALENDARS / "google-export.ics"
REQUEST = CALENDARS / "outlook-request.ics"
CANCEL = CALENDARS / "outlook-cancel.ics"
VDIR = CALENDARS / "vdir"
WINDOW = ("--start", "2026-10-19", "--days", "28")
SERIES_UID = "7f3c2a9e-5b1d-4e8a-9c6f-2d0b8e4a1c37"


def profile(home: Path, **keys: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    values = {"name": "Sam Carter", "email": "sam.carter@ourco.example"}
    values |= {"timezone": "Europe/London", "company": "OurCo"} | keys
    text = "".join(f"{key} = {json.dumps(value)}\n" for key, value in values.items() if value)
    (home / "profile.toml").write_text(text, encoding="utf-8")


def do_import(cli, *args: str | Path) -> dict:
    result = cli("import", *(str(a) for a in args), *WINDOW, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def plans(home: Path) -> dict[str, object]:
    return {path.stem: load_plan(path) for path in sorted((home / "plans").glob("*.toml"))}


def texts(home: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((home / "plans").glob("*.toml"))}


# --- what becomes a plan -----------------------------------------------------------------------


def test_google_export_becomes_plans_in_its_zones(cli, home: Path) -> None:
    profile(home)
    found = do_import(cli, GOOGLE)
    assert found["created"] == [
        "2026-10-21-northwind-foods-discovery",
        "2026-11-04-globex-logistics-demo",
    ]
    assert found["updated"] == found["unchanged"] == []
    reasons = {s["summary"]: s["reason"] for s in found["skipped"]}
    assert reasons == {
        "Pipeline review (internal)": "internal: nobody from outside ourco.example",
        "Out of office": "all-day event",
    }
    stored = plans(home)
    northwind = stored["2026-10-21-northwind-foods-discovery"]
    # A UTC time in a Google export is in its X-WR-TIMEZONE.
    assert northwind.starts_at == dt.datetime(2026, 10, 21, 14, 0, tzinfo=dt.UTC)
    assert northwind.timezone == "Europe/London"
    assert northwind.duration_minutes == 60
    assert northwind.kind == "discovery"
    assert [(a.name, a.email, a.side) for a in northwind.attendees] == [
        ("Sam Carter", "sam.carter@ourco.example", "ours"),
        ("Dana Whitfield", "dana.whitfield@northwind-foods.example", "customer"),
        ("Priya Raman", "priya.raman@northwind-foods.example", "customer"),  # from her address
    ]
    assert northwind.owner == "sam.carter@ourco.example"
    assert northwind.calendar is not None
    assert northwind.calendar.uid == "5q8v2m1k7j3h9g4f6d0s2a8p1o@google.com"
    assert northwind.calendar.source == str(GOOGLE)
    assert northwind.notes["event"] == "Northwind Foods: route planning discovery"
    assert "How routes are planned today" in northwind.notes["agenda"]
    assert "meet.google.com/qwe" not in northwind.notes["agenda"]
    # Nothing the seller answers is filled in.
    assert not meetings.has_answers(northwind)
    globex = stored["2026-11-04-globex-logistics-demo"]
    assert globex.timezone == "America/New_York"
    assert globex.starts_at.utcoffset() == dt.timedelta(hours=-5)


def test_outlook_invite_with_windows_zones(cli, home: Path) -> None:
    profile(home)
    found = do_import(cli, REQUEST)
    assert found["created"] == ["2026-10-29-contoso-freight-call"]
    plan = plans(home)["2026-10-29-contoso-freight-call"]
    assert plan.timezone == "America/New_York"
    assert plan.starts_at == dt.datetime(2026, 10, 29, 15, 0, tzinfo=dt.UTC)
    assert plan.duration_minutes == 60  # DTEND in another Windows zone
    people = [(a.name, a.side) for a in plan.attendees]
    # The organizer is a person of the meeting; "Ibrahim, Leila" is Leila Ibrahim; no room.
    assert people == [
        ("Chinedu Okafor", "customer"),
        ("Sam Carter", "ours"),
        ("Leila Ibrahim", "customer"),
        ("Marta Kowalski", "customer"),
    ]
    assert plan.calendar.organizer == "chinedu.okafor@contoso-freight.example"


def test_vdir_weekly_series_each_occurrence_its_own_plan(cli, home: Path) -> None:
    profile(home)
    found = do_import(cli, VDIR)
    assert found["created"] == [
        "2026-10-29-northwind-foods-call",  # the 27 Oct instance, moved to Thursday
        "2026-11-05-initrode-supplies-call",
        "2026-11-10-northwind-foods-call",
    ]
    skipped = {(s["uid"], s["reason"]) for s in found["skipped"]}
    assert (SERIES_UID, "cancelled, and no plan to mark") in skipped  # 20 Oct
    assert ("b41e6d08c2f94a7e8e15d3a9f0c7b612", "all-day event") in skipped
    assert any(s["reason"].startswith("unreadable: ") for s in found["skipped"])
    stored = plans(home)
    moved = stored["2026-10-29-northwind-foods-call"].calendar
    weekly = stored["2026-11-10-northwind-foods-call"].calendar
    assert moved.uid == weekly.uid == SERIES_UID
    assert (moved.recurrence_id, weekly.recurrence_id) == ("20261027T160000Z", "20261110T160000Z")
    # A floating time is in the seller's zone.
    initrode = stored["2026-11-05-initrode-supplies-call"]
    assert initrode.timezone == "Europe/London"
    assert initrode.starts_at == dt.datetime(2026, 11, 5, 9, 0, tzinfo=dt.UTC)


def test_an_event_with_only_our_people_is_no_plan(cli, home: Path) -> None:
    profile(home, domains="ourco.example northwind-foods.example")
    found = do_import(cli, GOOGLE)
    assert found["created"] == ["2026-11-04-globex-logistics-demo"]
    assert "nobody from outside ourco.example, northwind-foods.example" in json.dumps(found)


def test_stdin_and_text_report(cli, home: Path) -> None:
    profile(home)
    result = cli("import", "-", *WINDOW, input=REQUEST.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split()[:2] == ["new", "2026-10-29-contoso-freight-call"]
    # The seller's time (London), the meeting's own beside it, named.
    assert "Thu 29 Oct 2026, 15:00 (11:00 New York)" in result.stdout
    assert "1 new, 0 updated, 0 unchanged, 0 skipped." in result.stderr
    assert "contoso-freight.example → Contoso Freight" in result.stderr
    assert "--account-for" in result.stderr


def test_dry_run_writes_nothing_and_says_what_it_would_do(cli, home: Path) -> None:
    profile(home)
    result = cli("import", str(GOOGLE), *WINDOW, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "would add  2026-10-21-northwind-foods-discovery" in result.stdout
    assert "Nothing was written (--dry-run)." in result.stderr
    assert not (home / "plans").exists() or not list((home / "plans").glob("*.toml"))
    as_json = json.loads(cli("import", str(GOOGLE), *WINDOW, "--dry-run", "--json").stdout)
    assert as_json["created"] == [
        "2026-10-21-northwind-foods-discovery",
        "2026-11-04-globex-logistics-demo",
    ]
    assert set(as_json) == {"created", "updated", "unchanged", "skipped"}


def test_without_a_profile_the_domain_on_most_meetings_is_ours(cli, home: Path) -> None:
    result = cli("import", str(GOOGLE), str(VDIR), *WINDOW, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["created"]
    assert result.stderr.count("ourco.example is taken as your company's") == 1
    for plan in plans(home).values():
        assert {a.side for a in plan.attendees if a.email.endswith("@ourco.example")} == {"ours"}


def test_no_source_is_a_one_line_error(cli) -> None:
    result = cli("import")
    assert result.exit_code == 1
    assert result.stderr.startswith("callprep: give a calendar to import")


def test_the_window_is_the_next_days_from_now(cli, home: Path) -> None:
    profile(home)
    result = cli("import", str(GOOGLE), "--json")  # today is after these October meetings
    assert result.exit_code == 0, result.stderr
    today = dt.date.today().isoformat()
    assert all(plan_id >= today for plan_id in json.loads(result.stdout)["created"])
    assert cli("import", str(GOOGLE), "--days", "0").exit_code == 1


# --- importing again -----------------------------------------------------------------------------


def test_importing_again_changes_nothing(cli, home: Path) -> None:
    profile(home)
    do_import(cli, GOOGLE, REQUEST, VDIR)
    before = texts(home)
    again = do_import(cli, GOOGLE, REQUEST, VDIR)
    assert again["created"] == again["updated"] == []
    assert len(again["unchanged"]) == len(before)
    assert texts(home) == before


def moved_copy(tmp_path: Path, sequence: int = 1) -> Path:
    """The Google export with the Northwind discovery a day later and a new attendee."""
    text = GOOGLE.read_text(encoding="utf-8")
    head, rest = text.split("UID:5q8v2m1k7j3h9g4f6d0s2a8p1o@google.com", 1)
    block, tail = rest.split("END:VEVENT", 1)
    head = head.replace("DTSTART:20261021T140000Z", "DTSTART:20261022T090000Z").replace(
        "DTEND:20261021T150000Z", "DTEND:20261022T094500Z"
    )
    block = block.replace("SEQUENCE:0", f"SEQUENCE:{sequence}").replace(
        "ATTENDEE;CUTYPE=RESOURCE",
        "ATTENDEE;CN=Owen Blake:mailto:owen.blake@northwind-foods.example\r\nATTENDEE;CUTYPE=RESOURCE",
    )
    path = tmp_path / "moved.ics"
    path.write_text(
        head + "UID:5q8v2m1k7j3h9g4f6d0s2a8p1o@google.com" + block + "END:VEVENT" + tail
    )
    return path


def test_a_moved_meeting_moves_the_plan_and_keeps_the_sellers_answers(
    cli, home: Path, tmp_path: Path
) -> None:
    profile(home)
    do_import(cli, GOOGLE)
    old_id = "2026-10-21-northwind-foods-discovery"
    path = home / "plans" / f"{old_id}.toml"
    # The seller prepares the call: an objective, and what they know of Dana.
    text = path.read_text(encoding="utf-8")
    text = text.replace('best = ""', 'best = "Dana agrees to a pilot with 20 trucks"')
    text = text.replace(
        'role = ""\nside = "customer"\nemail = "dana',
        'role = "COO"\nside = "customer"\nstance = "supporter"\nemail = "dana',
        1,
    )
    path.write_text(text, encoding="utf-8")

    found = do_import(cli, moved_copy(tmp_path))
    new_id = "2026-10-22-northwind-foods-discovery"
    assert found["updated"] == [new_id]
    assert not path.exists()
    plan = load_plan(home / "plans" / f"{new_id}.toml")
    assert plan.aliases == [old_id]  # the old id still finds it
    assert plan.starts_at == dt.datetime(2026, 10, 22, 9, 0, tzinfo=dt.UTC)
    assert plan.duration_minutes == 45
    assert plan.objective.best == "Dana agrees to a pilot with 20 trucks"
    dana = next(a for a in plan.attendees if a.name == "Dana Whitfield")
    assert (dana.role, dana.stance) == ("COO", "supporter")
    assert [a.name for a in plan.attendees][-1] == "Owen Blake"
    assert plan.calendar.sequence == 1
    assert cli("show", old_id).exit_code == 0
    # The same file again: nothing more to do.
    assert do_import(cli, moved_copy(tmp_path))["unchanged"] == [
        new_id,
        "2026-11-04-globex-logistics-demo",
    ]


@pytest.mark.now("2026-10-19T09:00+01:00")
def test_the_calendar_owns_an_imported_meetings_time(cli, home: Path, tmp_path: Path) -> None:
    profile(home)
    do_import(cli, GOOGLE)
    plan_id = "2026-10-21-northwind-foods-discovery"
    before = texts(home)
    refused = cli("reschedule", plan_id, "2026-10-21 16:30")
    assert refused.exit_code == 1
    assert refused.stderr == f"callprep: {messages.RESCHEDULE_IMPORTED.format(id=plan_id)}\n"
    assert texts(home) == before  # said at once, nothing moved

    moved = cli("reschedule", plan_id, "2026-10-21 16:30", "--force")
    assert moved.exit_code == 0, moved.stderr
    assert messages.RESCHEDULED_OVER_CALENDAR in " ".join(moved.stderr.split())
    plan = load_plan(home / "plans" / f"{plan_id}.toml")
    assert plan.starts_at == dt.datetime(2026, 10, 21, 15, 30, tzinfo=dt.UTC)
    assert plan.calendar.starts_at == dt.datetime(2026, 10, 21, 14, 0, tzinfo=dt.UTC)

    # The calendar has not moved it: the seller's time stands, import after import.
    again = do_import(cli, GOOGLE)
    assert plan_id in again["unchanged"]
    assert load_plan(home / "plans" / f"{plan_id}.toml").starts_at == plan.starts_at

    # The calendar moves it: the calendar's time again, and the next move is the calendar's.
    found = do_import(cli, moved_copy(tmp_path))
    new_id = "2026-10-22-northwind-foods-discovery"
    assert found["updated"] == [new_id]
    plan = load_plan(home / "plans" / f"{new_id}.toml")
    assert plan.starts_at == dt.datetime(2026, 10, 22, 9, 0, tzinfo=dt.UTC)
    assert plan.calendar.starts_at is None
    assert cli("reschedule", new_id, "2026-10-22 11:00").exit_code == 1


def test_a_plan_made_by_hand_moves_without_a_word_about_calendars(cli, home: Path) -> None:
    profile(home)
    made = cli("new", "--no-input", "--account", "Acme", "--when", "2026-12-03 10:00")
    assert made.exit_code == 0, made.stderr
    plan_id = made.stdout.strip().splitlines()[-1]
    moved = cli("reschedule", plan_id, "2026-12-03 11:00")
    assert moved.exit_code == 0, moved.stderr
    assert messages.RESCHEDULED_OVER_CALENDAR not in " ".join(moved.stderr.split())


def test_an_older_copy_of_a_meeting_changes_nothing(cli, home: Path, tmp_path: Path) -> None:
    profile(home)
    do_import(cli, moved_copy(tmp_path, sequence=2))
    before = texts(home)
    found = do_import(cli, GOOGLE)  # SEQUENCE 0: the meeting before it moved
    assert found["updated"] == []
    assert texts(home) == before


def test_someone_uninvited_leaves_unless_the_seller_wrote_about_them(
    cli, home: Path, tmp_path: Path
) -> None:
    profile(home)
    do_import(cli, moved_copy(tmp_path))
    path = next((home / "plans").glob("2026-10-22-*.toml"))
    text = path.read_text(encoding="utf-8").replace(
        'name = "Priya Raman"\nrole = ""', 'name = "Priya Raman"\nrole = "CFO"'
    )
    path.write_text(text, encoding="utf-8")
    # Owen and Priya are no longer invited (the file without them, at a newer sequence).
    copy = moved_copy(tmp_path, sequence=3).read_text(encoding="utf-8")
    copy = copy.replace("ATTENDEE;CN=Owen Blake:mailto:owen.blake@northwind-foods.example\r\n", "")
    cut = copy.index("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=pr")
    end = copy.index("ATTENDEE;CUTYPE=RESOURCE")
    (tmp_path / "fewer.ics").write_text(copy[:cut] + copy[end:], encoding="utf-8")
    do_import(cli, tmp_path / "fewer.ics")
    names = [a.name for a in load_plan(path).attendees]
    assert names == ["Sam Carter", "Dana Whitfield", "Priya Raman"]  # Owen gone, Priya kept


def test_a_cancelled_meeting_marks_its_plan(cli, home: Path) -> None:
    profile(home)
    do_import(cli, REQUEST)
    result = cli("import", str(CANCEL), *WINDOW)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("cancelled  2026-10-29-contoso-freight-call")
    plan = load_plan(home / "plans" / "2026-10-29-contoso-freight-call.toml")
    assert plan.cancelled
    assert plan.calendar.sequence == 1
    listed = cli("list").stdout
    assert "cancelled" in listed
    assert do_import(cli, CANCEL)["unchanged"] == ["2026-10-29-contoso-freight-call"]
    # The invite again, as it was before the cancel: an older copy, it does not undo it.
    assert do_import(cli, REQUEST)["unchanged"] == ["2026-10-29-contoso-freight-call"]
    assert load_plan(home / "plans" / "2026-10-29-contoso-freight-call.toml").cancelled


def test_a_debriefed_call_is_history(cli, home: Path, tmp_path: Path) -> None:
    profile(home)
    do_import(cli, GOOGLE)
    path = home / "plans" / "2026-10-21-northwind-foods-discovery.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[debrief]\noutcome = "none"\n', encoding="utf-8"
    )
    found = do_import(cli, moved_copy(tmp_path))
    assert "2026-10-21-northwind-foods-discovery" in found["unchanged"]


@pytest.mark.slow
@settings(
    max_examples=examples(8),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(count=st.integers(1, 60), seed=st.integers(0, 10_000))
def test_reimporting_any_imported_calendar_changes_nothing(cli, count: int, seed: int) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        home = folder / "home"
        profile(home)
        source = folder / "export.ics"
        source.write_bytes(big_export(count, seed))
        args = ("--home", str(home), "import", str(source), "--start", "2026-10-01", "--days", "92")
        first = cli(*args, "--json")
        assert first.exit_code == 0, first.stderr
        before = texts(home) if (home / "plans").exists() else {}
        second = cli(*args, "--json")
        assert second.exit_code == 0, second.stderr
        data = json.loads(second.stdout)
        assert data["created"] == data["updated"] == []
        assert sorted(data["unchanged"]) == sorted(
            before.removesuffix(".toml") for before in before
        )
        assert (texts(home) if before else {}) == before
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_reimporting_a_generated_calendar_changes_nothing(cli, home: Path, tmp_path: Path) -> None:
    """The property above, for one small calendar in the quick suite."""
    profile(home)
    source = tmp_path / "export.ics"
    source.write_bytes(big_export(12, 7))
    args = ("import", str(source), "--start", "2026-10-01", "--days", "92", "--json")
    first = json.loads(cli(*args).stdout)
    assert first["created"]
    before = texts(home)
    second = json.loads(cli(*args).stdout)
    assert second["created"] == second["updated"] == []
    assert texts(home) == before


# --- accounts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domain", "account"),
    [
        ("northwind-foods.com", "Northwind Foods"),
        ("mail.acme.co.uk", "Acme"),
        ("eu.globex.com", "Globex"),
        ("contoso-freight.example", "Contoso Freight"),
        ("ibm.com", "IBM"),
        ("hsbc.co.uk", "HSBC"),
        ("tyrell.com.au", "Tyrell"),
        ("acme.io", "Acme"),
    ],
)
def test_account_from_domain(domain: str, account: str) -> None:
    assert meetings.account_from_domain(domain) == account


@pytest.mark.parametrize(
    ("name", "email", "shown"),
    [
        ("Ibrahim, Leila", "leila@x.example", "Leila Ibrahim"),
        ("Dana Whitfield", "dana@x.example", "Dana Whitfield"),
        ("", "priya.raman@x.example", "Priya Raman"),
        ("", "info@x.example", ""),
        ("", "jsmith@x.example", ""),
        ("", "ops-team@x.example", ""),
        ("", "r2.d2@x.example", ""),
    ],
)
def test_names(name: str, email: str, shown: str) -> None:
    assert meetings.person_name(Person(name, email)) == shown


def write_plan(home: Path, plan_id: str, account: str, email: str) -> None:
    folder = home / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{plan_id}.toml").write_text(
        f'account = "{account}"\nstarts_at = 2026-09-01T10:00:00Z\nopportunity = "Route planning"\n'
        '[discovery]\nwhy_looking = "Fuel costs up 18%"\n'
        f'[[attendees]]\nname = "Someone"\nemail = "{email}"\n',
        encoding="utf-8",
    )


def test_the_account_of_an_earlier_plan_with_the_same_address_wins(cli, home: Path) -> None:
    profile(home)
    write_plan(home, "2026-09-01-nw", "Northwind", "dana.whitfield@northwind-foods.example")
    found = do_import(cli, GOOGLE)
    assert "2026-10-21-northwind-discovery" in found["created"]
    plan = load_plan(home / "plans" / "2026-10-21-northwind-discovery.toml")
    assert plan.account == "Northwind"
    # What earlier calls taught is carried forward, as `new` does.
    assert plan.opportunity == "Route planning"
    assert plan.discovery.why_looking == "Fuel costs up 18%"


@pytest.mark.parametrize("seed", range(6))
def test_what_earlier_calls_taught_is_what_new_would_carry(
    cli, home: Path, tmp_path: Path, seed: int
) -> None:
    """The import reads a deal's discovery from the few plans that hold its latest answers
    (the index says which): the same as `carry` walking every earlier call in full."""
    import random

    from callprep.deal import carry
    from callprep.plans.model import DISCOVERY_KEYS, Plan
    from callprep.plans.store import Store

    rng = random.Random(seed)
    answers = ("", "", "Fuel costs up 18%", "not sure, maybe the CFO", "TBD", "Q3 board")
    folder = home / "plans"
    folder.mkdir(parents=True)
    for n in range(rng.randint(5, 40)):
        when = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC) + dt.timedelta(days=rng.randint(0, 200))
        deal = rng.choice(["Route planning", "route  PLANNING", "Depot", ""])
        lines = [
            'account = "Northwind"',
            f'opportunity = "{deal}"',
            f"starts_at = {when.isoformat()}",
            "[discovery]",
        ]
        for key in DISCOVERY_KEYS:
            value = rng.choice(answers)
            if key == "deadline" and value:
                value = "2027-03-31" if rng.random() < 0.5 else value
            if value:
                lines.append(
                    f'{key} = "{value}"'
                    if key != "deadline" or "-" not in value
                    else f"{key} = {value}"
                )
        if rng.random() < 0.3:
            lines += [
                "[debrief]",
                'outcome = "none"',
                "[debrief.learned]",
                'urgency = "Board in March"',
            ]
        lines += [
            "[[attendees]]",
            'name = "Dana"',
            'email = "dana.whitfield@northwind-foods.example"',
        ]
        (folder / f"p{n:02d}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    profile(home)
    stored = carry.account_plans(Store(home), "Northwind")
    found = do_import(cli, GOOGLE)
    made = load_plan(home / "plans" / f"{found['created'][0]}.toml")
    assert made.starts_at is not None
    expected: dict = {"account": "Northwind", "starts_at": made.starts_at}
    carry.same_spelling(expected, stored)
    expected["opportunity"] = carry.latest_opportunity(stored, "Northwind")
    deal = Plan(account="Northwind", opportunity=expected["opportunity"], starts_at=made.starts_at)
    known = carry.known_discovery(carry.history(stored, deal))
    assert made.opportunity == expected["opportunity"]
    assert {k: v for k, v in made.discovery.model_dump().items() if v not in ("", None)} == known


def test_the_account_of_an_earlier_plan_with_the_same_domain(cli, home: Path) -> None:
    profile(home)
    write_plan(home, "2026-09-01-nw", "Northwind Group", "someone.else@northwind-foods.example")
    found = do_import(cli, GOOGLE)
    assert "2026-10-21-northwind-group-discovery" in found["created"]


def test_correcting_an_account_for_a_whole_domain(cli, home: Path) -> None:
    profile(home)
    do_import(cli, GOOGLE, VDIR)
    prepared = home / "plans" / "2026-11-10-northwind-foods-call.toml"
    prepared.write_text(
        prepared.read_text(encoding="utf-8").replace('best = ""', 'best = "Dana signs"'),
        encoding="utf-8",
    )
    result = cli("import", "--account-for", "northwind-foods.example", "Northwind Foods Ltd")
    assert result.exit_code == 0, result.stderr
    assert "Meetings with northwind-foods.example now go to Northwind Foods Ltd." in result.stderr
    assert "2026-10-21-northwind-foods-ltd-discovery" in result.stderr
    assert "Left 1 plan(s)" in result.stderr and "2026-11-10-northwind-foods-call" in result.stderr
    corrections = home / "accounts.toml"
    assert stat.S_IMODE(os.stat(corrections).st_mode) == 0o600
    stored = plans(home)
    moved = stored["2026-10-21-northwind-foods-ltd-discovery"]
    assert moved.account == "Northwind Foods Ltd"
    assert moved.aliases == ["2026-10-21-northwind-foods-discovery"]
    assert stored["2026-11-10-northwind-foods-call"].account == "Northwind Foods"
    # Importing again finds every plan where it now is, and changes nothing.
    again = do_import(cli, GOOGLE, VDIR)
    assert again["created"] == again["updated"] == []
    assert "2026-10-21-northwind-foods-ltd-discovery" in again["unchanged"]


def test_a_correction_applies_to_new_imports_and_an_address(cli, home: Path) -> None:
    profile(home)
    assert cli("import", "--account-for", "@Northwind-Foods.example", "NWF").exit_code == 0
    assert (
        cli("import", "--account-for", "lena.park@globex-logistics.example", "Globex US").exit_code
        == 0
    )
    found = do_import(cli, GOOGLE)
    assert found["created"] == ["2026-10-21-nwf-discovery", "2026-11-04-globex-us-demo"]
    bad = cli("import", "--account-for", "not a domain", "X")
    assert bad.exit_code == 1
    assert "is not an email domain or address" in bad.stderr
    cleared = cli("import", "--account-for", "northwind-foods.example", "")
    assert "Forgot the account for northwind-foods.example" in cleared.stderr


def test_free_mail_names_the_person_not_gmail(cli, home: Path, tmp_path: Path) -> None:
    profile(home)
    text = REQUEST.read_text(encoding="utf-8").replace("\n ", "")  # unfolded
    text = text.replace("contoso-freight.example", "gmail.com")
    (tmp_path / "gmail.ics").write_text(text, encoding="utf-8")
    found = do_import(cli, tmp_path / "gmail.ics")
    # Three people at gmail.com, the organizer first: his name stands in for a company.
    assert found["created"] == ["2026-10-29-chinedu-okafor-call"]


def test_a_broken_corrections_file_is_ignored_with_a_warning(cli, home: Path) -> None:
    profile(home)
    (home / "accounts.toml").write_text('[accounts]\n"not a domain" = 3\n', encoding="utf-8")
    result = cli("import", str(GOOGLE), *WINDOW)
    assert result.exit_code == 0, result.stderr
    assert "ignoring your account corrections for now" in result.stderr


# --- hostile calendars -------------------------------------------------------------------------


def test_hostile_event_text_stays_text(cli, home: Path, tmp_path: Path) -> None:
    profile(home)
    text = REQUEST.read_text(encoding="utf-8")
    text = text.replace(
        "SUMMARY;LANGUAGE=en-US:Contoso Freight: security review",
        'SUMMARY:<script>alert(1)</script> **bold** [x](http://e.example) \\n[objective]\\nbest = "x"',
    )
    text = text.replace('CN="Ibrahim, \r\n Leila"', 'CN="Leila\\u202e <b>Ibrahim</b>"')
    (tmp_path / "hostile.ics").write_text(text, encoding="utf-8")
    found = do_import(cli, tmp_path / "hostile.ics")
    plan = plans(home)[found["created"][0]]
    assert plan.objective.best == ""  # the summary is a note, never plan structure
    assert "<script>" in plan.notes["event"]
    agenda = cli("agenda", found["created"][0], "--format", "md")
    assert agenda.exit_code == 0, agenda.stderr
    assert "<script>" not in agenda.stdout and "<b>" not in agenda.stdout


# --- writing many plans at once ----------------------------------------------------------------


def test_add_all_gives_fresh_ids_private_files_and_no_temps(home: Path) -> None:
    from callprep.plans.model import Plan
    from callprep.plans.store import Store

    store = Store(home)
    start = dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC)
    first = store.add(Plan(account="Acme", kind="demo", starts_at=start))
    made = store.add_all([Plan(account="Acme", kind="demo", starts_at=start)] * 3)
    assert first.plan.id == "2026-12-03-acme-demo"
    assert [s.plan.id for s in made] == [f"2026-12-03-acme-demo-{n}" for n in (2, 3, 4)]
    for stored in made:
        assert load_plan(stored.path).id == stored.plan.id
        assert stat.S_IMODE(os.stat(stored.path).st_mode) == 0o600
    assert not [p for p in (home / "plans").iterdir() if p.name.endswith(".tmp")]


def test_a_failed_batch_leaves_no_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from callprep import files

    calls = []
    real = os.replace

    def fail_second(src: object, dst: object) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", fail_second)
    with pytest.raises(OSError):
        files.atomic_write_many(
            [(tmp_path / f"{n}.toml", b"x = 1\n") for n in range(3)], prefix=".batch-"
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.toml"]


# --- new --from-ics ------------------------------------------------------------------------------


def test_new_from_ics_lists_several_meetings_and_exits_1(cli, home: Path) -> None:
    profile(home)
    result = cli("new", "--from-ics", str(GOOGLE), "--no-input")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "5q8v2m1k7j3h9g4f6d0s2a8p1o@google.com  Wed 21 Oct 2026, 15:00  " in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("callprep: ")
    assert "choose one with --uid UID" in result.stderr


def test_new_from_ics_starts_from_the_meetings_facts(cli, home: Path) -> None:
    profile(home)
    result = cli("new", "--from-ics", str(GOOGLE), "--uid", "5q8v", "--no-input")
    assert result.exit_code == 0, result.stderr
    plan_id = result.stdout.strip()
    assert plan_id == "2026-10-21-northwind-foods-discovery"
    plan = load_plan(home / "plans" / f"{plan_id}.toml")
    assert plan.account == "Northwind Foods"
    assert plan.starts_at == dt.datetime(2026, 10, 21, 14, tzinfo=dt.UTC)
    assert plan.duration_minutes == 60
    assert plan.calendar.uid == "5q8v2m1k7j3h9g4f6d0s2a8p1o@google.com"
    assert {a.email for a in plan.attendees} >= {"dana.whitfield@northwind-foods.example"}
    # It is that meeting's plan: importing the calendar finds it and changes nothing.
    found = do_import(cli, GOOGLE)
    assert plan_id in found["unchanged"]
    again = cli("new", "--from-ics", str(GOOGLE), "--uid", "5q8v", "--no-input")
    assert again.exit_code == 1
    assert f"that meeting is a plan already: {plan_id}" in again.stderr


def test_new_from_ics_interview_asks_neither_time_nor_length(cli, script, home: Path) -> None:
    from callprep.prompts import USE_DEFAULT

    profile(home)
    asker = script({"account": USE_DEFAULT, "draft_agenda": False}, rest=USE_DEFAULT)
    result = cli("new", "--from-ics", str(REQUEST), "--account", "Contoso")
    assert result.exit_code == 0, result.stderr
    assert "starts_at" not in asker.asked and "duration_minutes" not in asker.asked
    plan = load_plan(home / "plans" / f"{result.stdout.strip()}.toml")
    assert plan.account == "Contoso"  # the flag wins over the meeting's domain
    assert plan.timezone == "America/New_York"


def test_new_uid_without_a_file_is_an_error(cli) -> None:
    result = cli("new", "--uid", "x", "--no-input")
    assert result.exit_code == 1
    assert "--uid picks a meeting of the --from-ics file" in result.stderr


# --- list --upcoming -----------------------------------------------------------------------------


def test_upcoming_shows_imported_meetings_nobody_prepared(cli, home: Path, tmp_path: Path) -> None:
    profile(home)
    soon = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=2)
    text = REQUEST.read_text(encoding="utf-8")
    text = text.replace(
        "DTSTART;TZID=Eastern Standard Time:20261029T110000", f"DTSTART:{soon:%Y%m%dT%H%M%SZ}"
    )
    text = text.replace(
        "DTEND;TZID=W. Europe Standard Time:20261029T170000",
        f"DTEND:{soon + dt.timedelta(hours=1):%Y%m%dT%H%M%SZ}",
    )
    (tmp_path / "soon.ics").write_text(text, encoding="utf-8")
    created = json.loads(cli("import", str(tmp_path / "soon.ics"), "--json").stdout)["created"]
    assert len(created) == 1
    upcoming = cli("list", "--upcoming")
    assert upcoming.exit_code == 0, upcoming.stderr
    # The command whole, on a line of its own.
    assert "not prepared yet" in upcoming.stdout
    assert f"\n                  callprep edit {created[0]}\n" in upcoming.stdout
    rows = json.loads(cli("list", "--upcoming", "--json").stdout)
    assert [(r["id"], r["prepared"]) for r in rows] == [(created[0], False)]
    path = home / "plans" / f"{created[0]}.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('best = ""', 'best = "Leila approves the pilot"'),
        encoding="utf-8",
    )
    assert "not prepared" not in cli("list", "--upcoming").stdout
    assert json.loads(cli("list", "--upcoming", "--json").stdout)[0]["prepared"] is True


@pytest.mark.slow
def test_the_1000_event_export_imports_and_imports_again_unchanged(
    cli, home: Path, tmp_path: Path
) -> None:
    profile(home, email="sam.carter@ourco.example")
    source = tmp_path / "export.ics"
    source.write_bytes(big_export())
    args = ("import", str(source), "--start", "2026-10-01", "--days", "92", "--json")
    first = json.loads(cli(*args).stdout)
    assert len(first["created"]) > 900
    groups = {s["reason"].split(" (")[0].split(":")[0] for s in first["skipped"]}
    assert groups <= {
        "internal",
        "all-day event",
        "cancelled, and no plan to mark",
        "not a meeting",
    }
    before = texts(home)
    second = json.loads(cli(*args).stdout)
    assert second["created"] == second["updated"] == []
    assert len(second["unchanged"]) == len(first["created"])
    assert texts(home) == before
