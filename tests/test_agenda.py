"""`callprep agenda`: the message to the customer, the calendar invite, and the marks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from icalendar import Calendar

from callprep import messages
from callprep.calendar import ics
from callprep.coach import voice
from callprep.outreach import agenda as agenda_message
from callprep.plans.model import Plan
from callprep.plans.planfile import load_plan
from callprep.plans.profile import Profile
from callprep.prompts import USE_DEFAULT
from tests.conftest import PREPARED, UNPREPARED
from tests.markup import live_markdown

NEWARK = dt.timezone(dt.timedelta(hours=-5))
SELLER = {
    "name": "Sam Okafor",
    "email": "sam@callprep.example",
    "title": "Account Executive",
    "company": "Callprep Fleet",
    "timezone": "America/New_York",
}


@pytest.fixture(autouse=True)
def seller(home: Path) -> Profile:
    """The seller's profile: the zone messages name, the signature's title and company."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "profile.toml").write_text(tomli_w.dumps(SELLER), encoding="utf-8")
    return Profile(**SELLER)


def write_plan(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def parse_invite(path: Path) -> tuple[Calendar, Any]:
    calendar = Calendar.from_ical(path.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def attendee_list(event: Any) -> list[Any]:
    found = event.get("ATTENDEE", [])
    return found if isinstance(found, list) else [found]


def codes(cli, ref: str) -> set[str]:
    result = cli("check", ref, "--json")
    assert result.exit_code == 0, result.stderr
    return {finding["code"] for finding in json.loads(result.stdout)["findings"]}


# --- the message ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("example", "fmt", "name"),
    [
        (PREPARED, "text", "agenda-prepared.txt"),
        (PREPARED, "md", "agenda-prepared.md"),
        (UNPREPARED, "text", "agenda-unprepared.txt"),
        (UNPREPARED, "md", "agenda-unprepared.md"),
        (PREPARED, "long", "agenda-prepared-long.txt"),
        (PREPARED, "long-md", "agenda-prepared-long.md"),
    ],
)
def test_message_matches_reference(cli, reference, example: Path, fmt: str, name: str) -> None:
    long = ["--long"] if fmt.startswith("long") else []
    fmt = {"long": "text", "long-md": "md"}.get(fmt, fmt)
    result = cli("agenda", str(example), "--format", fmt, *long)
    assert result.exit_code == 0, result.stderr
    reference(name, result.stdout)


def test_prepared_message_is_short_and_to_the_point(cli) -> None:
    text = cli("agenda", str(PREPARED)).stdout
    lines = text.splitlines()
    assert lines[0] == "Subject: Agenda for our call on Thu 3 Dec: Fleet telematics rollout"
    assert lines[2] == "Hi Dana, Priya and Marco,"
    # the time in a named zone (the seller's), never "(UTC-05:00)"
    assert "Thursday 3 December 2026, 15:00–15:45 New York time, here is" in text
    assert "UTC" not in text
    # their goal restated to them, our agenda, what to bring, the outcome, who joins
    assert (
        "you'd like to see whether we integrate with your dispatch system. Is that right?" in text
    )
    assert "1. Your goals for the rollout\n" in text  # "Their goals" in the plan
    assert "4. Next steps\n" in text
    assert "- Current fleet utilisation numbers\n" in text
    assert "By the end, let's decide together" in text
    assert "Should anyone else join?" in text
    # signed with the full name, title and company
    assert text.endswith("Best regards,\nSam Okafor\nAccount Executive, Callprep Fleet\n")
    assert agenda_message.word_count(text) < 120
    # the seller's private objective never goes to the customer
    assert "30-day pilot with 20 trucks" not in text
    assert "IT lead" not in text


def test_long_message_has_the_purpose_and_the_outcome(cli) -> None:
    text = cli("agenda", str(PREPARED), "--long").stdout
    assert (
        "Thank you for making time for our call on Thursday 3 December 2026, 15:00–15:45 New York time."
        in text
    )
    assert "The purpose of the call is" in text
    assert "By the end of the call" in text
    assert "anyone else who should join" in text
    assert agenda_message.word_count(text) > 150


def test_a_signature_in_the_profile_signs_the_message(cli, home: Path) -> None:
    (home / "profile.toml").write_text(
        tomli_w.dumps({**SELLER, "signature": "Sam\nCallprep Fleet | +1 555 0100"}),
        encoding="utf-8",
    )
    text = cli("agenda", str(PREPARED)).stdout
    assert text.endswith("Best regards,\nSam\nCallprep Fleet | +1 555 0100\n")
    md = cli("agenda", str(PREPARED), "--format", "md").stdout
    assert md.endswith("Best regards,  \nSam  \nCallprep Fleet \\| +1 555 0100\n")


def test_without_a_profile_the_sender_signs_with_name_and_role(cli, home: Path) -> None:
    (home / "profile.toml").unlink()
    text = cli("agenda", str(PREPARED)).stdout
    assert text.endswith("Best regards,\nSam Okafor\nAccount executive\n")


@pytest.mark.parametrize(
    "signature",
    [
        "Best,\nSam",
        "Kind regards\nSam Okafor",
        "Thanks, Sam",
        "Cheers!\nSam",
        "Viele Grüße\nSam",
        "Mit freundlichen Grüßen,\nSam Okafor",
        "best regards,\nSam",
    ],
)
def test_a_signature_with_its_own_closing_is_used_as_it_is(
    cli, home: Path, tmp_path: Path, signature: str
) -> None:
    (home / "profile.toml").write_text(
        tomli_w.dumps({**SELLER, "signature": signature}), encoding="utf-8"
    )
    for command in (("agenda", str(PREPARED)), ("agenda", str(PREPARED), "--long")):
        text = cli(*command).stdout
        assert text.endswith("\n\n" + signature + "\n"), text[-80:]
        assert messages.AGENDA_SIGN_OFF not in text
        md = cli(*command, "--format", "md").stdout
        assert md.endswith("\n\n" + "  \n".join(signature.splitlines()) + "\n")
    plan = write_plan(tmp_path / "held.toml", {"debrief": {"outcome": "best", "next_step": "x"}})
    recap = cli("followup", str(plan)).stdout
    assert recap.endswith("\n\n" + signature + "\n") and messages.AGENDA_SIGN_OFF not in recap


@pytest.mark.parametrize("signature", ["Best Buy Ltd\nSam", "Sam Okafor\nBest regards team"])
def test_a_signature_without_a_closing_gets_one(cli, home: Path, signature: str) -> None:
    (home / "profile.toml").write_text(
        tomli_w.dumps({**SELLER, "signature": signature}), encoding="utf-8"
    )
    text = cli("agenda", str(PREPARED)).stdout
    assert text.endswith(f"\n\n{messages.AGENDA_SIGN_OFF}\n{signature}\n")
    assert text.count(messages.AGENDA_SIGN_OFF) == 1


def test_with_nobody_to_sign_the_message_closes_and_says_so(cli, home: Path, tmp_path) -> None:
    (home / "profile.toml").unlink()
    plan = write_plan(tmp_path / "nobody.toml", {"attendees": [{"name": "Dana Lee"}]})
    result = cli("agenda", str(plan))
    assert result.stdout.endswith(f"\n\n{messages.AGENDA_SIGN_OFF}\n")
    assert messages.AGENDA_NO_SIGNATURE in result.stderr
    held = write_plan(
        tmp_path / "held.toml",
        {"attendees": [{"name": "Dana Lee"}], "debrief": {"outcome": "best", "next_step": "x"}},
    )
    result = cli("followup", str(held))
    assert result.stdout.endswith(f"\n\n{messages.AGENDA_SIGN_OFF}\n")
    assert messages.AGENDA_NO_SIGNATURE in result.stderr


def test_the_profile_shows_how_messages_end(cli, home: Path) -> None:
    shown = cli("profile").stdout
    assert messages.PROFILE_SIGN_OFF in shown
    assert "Best regards,\n  Sam Okafor\n  Account Executive, Callprep Fleet" in "\n".join(
        line.rstrip() for line in shown.splitlines()
    )
    result = cli("profile", "set", "signature", "Cheers,\\nSam")
    assert result.exit_code == 0, result.stderr
    assert f"{messages.PROFILE_SIGN_OFF}\n  Cheers,\n  Sam" in result.stderr
    assert messages.AGENDA_SIGN_OFF not in result.stderr


def test_message_for_a_stored_plan_by_id_prefix(cli, stored_example) -> None:
    plan_id = stored_example(PREPARED)
    by_path = cli("agenda", str(PREPARED)).stdout
    by_prefix = cli("agenda", plan_id[:14])
    assert by_prefix.exit_code == 0, by_prefix.stderr
    assert by_prefix.stdout == by_path


def test_missing_pieces_degrade_with_hints(cli, tmp_path: Path, home: Path) -> None:
    (home / "profile.toml").unlink()
    plan = write_plan(tmp_path / "bare.toml", {"account": "Initech", "kind": "discovery"})
    result = cli("agenda", str(plan))
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("Subject: Agenda for our call\n\nHello,\n")
    assert "I'd like to set up a 30-minute call with you: which times would suit you" in text
    assert "What would you most like to get out of it?" in text
    assert "It would help if you could bring" not in text
    assert "\n1. " not in text
    assert text.endswith("Best regards,\n")
    long = cli("agenda", str(plan), "--long").stdout
    assert "Once I hear from you, I'll send round a short agenda" in long
    hints = result.stderr
    assert "no start time in the plan" in hints
    assert f"callprep edit {plan}" in hints
    assert "no length in the plan" in hints
    assert "no agenda items" in hints
    assert "nobody on the customer's side" in hints


def test_prepared_plan_gives_no_hints_about_missing_pieces(cli) -> None:
    stderr = cli("agenda", str(PREPARED)).stderr
    for hint in ("no start time", "no length", "no agenda items", "nothing asked", "nobody on"):
        assert hint not in stderr


def test_a_call_in_the_past_is_flagged(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from callprep.commands import agenda as command

    command.run(home, str(PREPARED), now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    assert "has already passed" in capsys.readouterr().err


def test_others_from_our_side_are_named(seller: Profile) -> None:
    plan = load_plan(PREPARED)
    plan.attendees.append(
        plan.attendees[0].model_copy(
            update={"name": "Priya Shah", "role": "Solutions engineer", "side": "ours", "email": ""}
        )
    )
    message = agenda_message.build(plan, profile=seller, long=True)
    assert message.signature == ("Sam Okafor", "Account Executive, Callprep Fleet")
    assert message.join.startswith("From our side, Priya Shah (Solutions engineer) will join me.")
    short = agenda_message.build(plan, profile=seller)
    assert short.close.startswith("Priya Shah (Solutions engineer) will join me.")


@pytest.mark.parametrize(
    ("note", "voiced"),
    [
        ("Their goals for the rollout", "Your goals for the rollout"),
        ("what they're worried about", "what you're worried about"),
        ("what they’ve tried", "what you’ve tried"),
        ("Walk them through THEIR numbers", "Walk you through YOUR numbers"),
        ("Theory and weather", "Theory and weather"),  # only whole words
    ],
)
def test_customer_voice(note: str, voiced: str) -> None:
    assert voice.customer_voice(note) == voiced


@pytest.mark.parametrize(
    ("goal", "sentence"),
    [
        ("They want to compare us with Samsara", "you'd like to compare us with Samsara."),
        ("To understand pricing", "you'd like to understand pricing."),
        ("Pricing for 400 trucks", "what matters most to you is pricing for 400 trucks."),
        ("Samsara comparison", "what matters most to you is Samsara comparison."),
        (
            "Helen (via email): understand what a pilot would cost them",
            "you'd like to understand what a pilot would cost you.",
        ),
        ("Helen said: see the dashboard", "you'd like to see the dashboard."),
        ("Per Helen: a clear price", "what matters most to you is a clear price."),
        ("Helen wants to see the routing in action", "you'd like to see the routing in action."),
        ("Pricing: whether volume discounts apply", "is pricing: whether volume discounts apply"),
    ],
)
@pytest.mark.parametrize("long", [False, True])
def test_their_goal_is_restated_not_quoted(goal: str, sentence: str, long: bool) -> None:
    plan = Plan(kind="discovery", objective={"customer": goal})
    said = agenda_message.build(plan, long=long).their_goal
    assert sentence in said
    assert "(via" not in said and "said:" not in said and "Per Helen" not in said


@pytest.mark.parametrize(
    ("name", "first"), [("Dana Lee", "Dana"), ("Dr. Priya Shah", "Priya"), ("Cher", "Cher")]
)
def test_customers_are_greeted_by_first_name(name: str, first: str) -> None:
    assert voice.first_name(name) == first


def test_greeting_joins_several_names() -> None:
    people = [{"name": n, "side": "customer"} for n in ("Ann Bo", "Cy Dee", "Ed Fu")]
    assert agenda_message.build(Plan(attendees=people)).greeting == "Hi Ann, Cy and Ed,"


@pytest.mark.parametrize(
    ("people", "greeting"),
    [
        ([("Helen Marsh", "h@x.example")], "Hi Helen,"),
        ([("Helen Marsh", "h@x.example"), ("Tom Hale", "")], "Hi Helen and Tom,"),
        # someone the plan cannot name yet, who does not get the message
        ([("Helen Marsh", "h@x.example"), ("Warehouse manager (name tbc)", "")], "Hi Helen,"),
        ([("Helen Marsh", "h@x.example"), ("Warehouse", "")], "Hi Helen,"),
        ([("Helen Marsh", ""), ("COO", "")], "Hi Helen,"),
        # ... and who does: everyone is greeted
        ([("Helen Marsh", "h@x.example"), ("", "ops@x.example")], "Hi all,"),
        ([("Helen Marsh", "h@x.example"), ("ops@x.example", "ops@x.example")], "Hi all,"),
        ([("(name tbc)", "a@x.example"), ("", "b@x.example")], "Hi all,"),
        ([("", "a@x.example")], "Hello,"),
        ([("A Bo", ""), ("C Do", ""), ("E Fu", ""), ("G Ho", "")], "Hi all,"),
        ([], "Hello,"),
    ],
)
def test_greeting_uses_only_names_that_are_names(
    people: list[tuple[str, str]], greeting: str
) -> None:
    attendees = [{"name": n, "email": e, "side": "customer"} for n, e in people]
    assert agenda_message.build(Plan(attendees=attendees)).greeting == greeting


HELEN = {
    "account": "Harbour Cold Chain",
    "kind": "discovery",
    "playbook": "upfront-contract",
    "starts_at": dt.datetime(2026, 12, 8, 10, tzinfo=NEWARK),
    "timezone": "America/New_York",
    "duration_minutes": 45,
    "notes": {"purpose": "The purpose of today is to decide whether a pilot makes sense"},
    "objective": {
        "customer": "Helen (via email): understand what a pilot at the Newark depot would cost",
        "best": "Helen agrees to a pilot",
        "minimum": "Helen introduces the CFO",
    },
    "agenda": {
        "items": ["Their cold-chain targets", "Temperature alarms in routing", "Pilot scope"],
        "customer_prep": ["Last quarter's spoilage numbers"],
    },
    "attendees": [
        {
            "name": "Helen Marsh",
            "role": "COO",
            "side": "customer",
            "email": "helen@harbour.example",
        },
        {"name": "Warehouse manager (name tbc)", "side": "customer"},
        {"name": "Sam Okafor", "side": "ours", "email": "sam@callprep.example"},
    ],
}


def test_a_coo_reads_a_short_clear_message(seller: Profile) -> None:
    """The message a new user's first plan drafts, as the COO who receives it reads it."""
    plan = Plan.model_validate(HELEN)
    text = agenda_message.render_text(
        agenda_message.build(plan, profile=seller.model_copy(update={"timezone": "Europe/London"}))
    )
    assert "\nHi Helen,\n" in text
    # the up-front contract's purpose opens it; their time first, ours beside it
    assert (
        "The purpose of our call on Tuesday 8 December 2026, 10:00–10:45 New York time "
        "(15:00–15:45 London time) is to decide whether a pilot makes sense." in text
    )
    assert "you'd like to understand what a pilot at the Newark depot would cost." in text
    assert "via email" not in text and "Helen (" not in text
    assert "UTC" not in text
    assert text.endswith("Sam Okafor\nAccount Executive, Callprep Fleet\n")
    assert agenda_message.word_count(text) < 120
    for private in ("Helen agrees to a pilot", "introduces the CFO", "name tbc", "Warehouse"):
        assert private not in text


def test_the_same_zone_is_named_once(seller: Profile) -> None:
    plan = Plan.model_validate({**HELEN, "playbook": "standard"})
    text = agenda_message.render_text(agenda_message.build(plan, profile=seller))
    assert "10:00–10:45 New York time, here is" in text
    assert "London" not in text


def test_the_short_message_stays_under_the_limit_for_long_plans(seller: Profile) -> None:
    plan = load_plan(PREPARED)
    plan = plan.model_copy(
        update={
            "agenda": plan.agenda.model_copy(update={"items": [*plan.agenda.items, "Questions"]})
        }
    )
    message = agenda_message.build(plan, profile=seller)
    assert agenda_message.word_count(agenda_message.render_text(message)) <= 120
    assert message.items[-1] == "Questions"  # the agenda is never cut: the outcome goes first


# --- the invite --------------------------------------------------------------------------------


def test_invite_parses_back_with_times_zone_and_people(cli, tmp_path: Path) -> None:
    target = tmp_path / "invite.ics"
    result = cli("agenda", str(PREPARED), "--ics", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Subject: ")  # the message still goes to stdout
    assert f"Wrote {target}" in result.stderr
    assert "Marco Ruiz has no email in the plan" in result.stderr

    calendar, event = parse_invite(target)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//callprep//")
    assert str(calendar["METHOD"]) == "REQUEST"

    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == dt.datetime(2026, 12, 3, 15, 0, tzinfo=NEWARK)
    assert start.utcoffset() == dt.timedelta(hours=-5)  # the plan's zone is kept
    assert end - start == dt.timedelta(minutes=45)
    # in the seller's named zone (the plan keeps only an offset), defined in the file
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["America/New_York"]
    assert str(event["STATUS"]) == "CONFIRMED"  # the example's agenda is confirmed
    assert event.decoded("SEQUENCE") == 0
    assert event.decoded("DTSTAMP").utcoffset() == dt.timedelta(0)

    assert str(event["SUMMARY"]) == "Acme Logistics: Fleet telematics rollout"
    description = str(event["DESCRIPTION"])
    assert "Agenda:\n1. Your goals for the rollout\n" in description
    assert "Please bring:\n- Current fleet utilisation numbers\n" in description
    assert "Marco Ruiz (Depot manager, Newark)" in description  # named, though not invited

    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:sam@callprep.example"
    assert organizer.params["CN"] == "Sam Okafor"
    attendees = attendee_list(event)
    assert [(str(a), a.params["CN"]) for a in attendees] == [
        ("mailto:dana.lee@acme-logistics.example", "Dana Lee"),
        ("mailto:priya.shah@acme-logistics.example", "Priya Shah"),
    ]
    assert attendees[0].params["RSVP"] == "TRUE"


def test_invite_uid_is_stable_and_per_plan(cli, tmp_path: Path) -> None:
    first, second, other = tmp_path / "1.ics", tmp_path / "2.ics", tmp_path / "3.ics"
    cli("agenda", str(PREPARED), "--ics", str(first))
    cli("agenda", str(PREPARED), "--ics", str(second))
    cli("agenda", str(UNPREPARED), "--ics", str(other))
    uids = [str(parse_invite(path)[1]["UID"]) for path in (first, second, other)]
    assert uids[0] == uids[1] == ics.invite_uid("2026-12-03-acme-logistics-discovery")
    assert uids[2] != uids[0]
    assert "acme" not in uids[0]  # derived from the id, but the id is not shown to the customer


def test_invite_in_utc_and_default_length() -> None:
    plan = Plan(
        account="Globex", kind="demo", starts_at=dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC)
    )
    made = ics.invite(plan, "p")
    raw = made.data.decode()
    assert "DTSTART:20261204T100000Z\r\n" in raw
    assert "DTEND:20261204T103000Z\r\n" in raw  # 30 minutes when the plan gives no length
    assert "VTIMEZONE" not in raw
    assert "METHOD" not in raw  # nobody of ours with an email: a plain event, not a request
    assert "ORGANIZER" not in raw
    assert any("plain calendar event" in hint for hint in made.hints)
    event = Calendar.from_ical(made.data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Globex demo"


def test_invite_with_nobody_to_invite_is_not_a_request() -> None:
    plan = load_plan(PREPARED)
    plan = plan.model_copy(update={"attendees": [p for p in plan.attendees if p.side == "ours"]})
    made = ics.invite(plan, "p")
    event = Calendar.from_ical(made.data).walk("VEVENT")[0]
    assert b"METHOD" not in made.data  # iTIP: a REQUEST must invite someone
    assert str(event["ORGANIZER"]) == "mailto:sam@callprep.example"
    assert attendee_list(event) == []


def test_invite_with_a_half_hour_offset() -> None:
    kolkata = dt.timezone(dt.timedelta(hours=5, minutes=30))
    plan = Plan(starts_at=dt.datetime(2026, 12, 4, 9, 30, tzinfo=kolkata), duration_minutes=60)
    calendar = Calendar.from_ical(ics.invite(plan, "p").data)
    event = calendar.walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "UTC+0530"
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=5, minutes=30)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(hours=1)


def test_invite_is_tentative_until_the_agenda_is_confirmed(cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(PREPARED.read_bytes().replace(b"confirmed = true", b"confirmed = false"))
    target = tmp_path / "invite.ics"
    assert cli("agenda", str(path), "--ics", str(target)).exit_code == 0
    assert str(parse_invite(target)[1]["STATUS"]) == "TENTATIVE"
    cli("agenda", str(path), "--mark-confirmed")
    assert cli("agenda", str(path), "--ics", str(target)).exit_code == 0
    assert str(parse_invite(target)[1]["STATUS"]) == "CONFIRMED"


def imported(home: Path, cli, source: Path) -> Path:
    (home / "profile.toml").write_text(
        tomli_w.dumps({**SELLER, "email": "sam.carter@ourco.example", "timezone": "Europe/London"}),
        encoding="utf-8",
    )
    result = cli("import", str(source), "--start", "2026-10-19", "--days", "28", "--json")
    assert result.exit_code == 0, result.stderr
    return home / "plans" / f"{json.loads(result.stdout)['created'][0]}.toml"


CALENDARS = Path(__file__).resolve().parent / "data" / "calendars"


def test_an_imported_plans_invite_is_the_next_version_of_its_event(
    cli, home: Path, tmp_path: Path
) -> None:
    path = imported(home, cli, CALENDARS / "google-export.ics")
    target = tmp_path / "invite.ics"
    result = cli("agenda", path.stem, "--ics", str(target))
    assert result.exit_code == 0, result.stderr
    calendar, event = parse_invite(target)
    assert str(event["UID"]) == "5q8v2m1k7j3h9g4f6d0s2a8p1o@google.com"
    assert event.decoded("SEQUENCE") == 1
    # The meeting as the calendar gave it: its status, title, place, people and join link.
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Northwind Foods: route planning discovery"
    assert str(event["LOCATION"]) == "Northwind Foods HQ, 14 Harbour Road, Leeds"
    assert "https://meet.google.com/qwe-rtyu-iop" in str(event["DESCRIPTION"])
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["ORGANIZER"]) == "mailto:sam.carter@ourco.example"
    invited = [str(a) for a in attendee_list(event)]
    assert invited == [
        "mailto:sam.carter@ourco.example",
        "mailto:Dana.Whitfield@Northwind-Foods.example",
        "mailto:priya.raman@northwind-foods.example",
        "mailto:c_1883f0a5b2d4e6a8c0e2@resource.calendar.google.com",
    ]
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    # The plan remembers it, so the next invite is newer still.
    assert load_plan(path).calendar.sequence == 1
    cli("agenda", path.stem, "--ics", str(target))
    assert parse_invite(target)[1].decoded("SEQUENCE") == 2
    # ... and importing the calendar again (its copy is older) changes nothing.
    again = cli("import", str(CALENDARS / "google-export.ics"), "--start", "2026-10-19", "--json")
    assert path.stem in json.loads(again.stdout)["unchanged"]


def test_an_occurrence_of_a_series_keeps_its_recurrence_id(cli, home: Path, tmp_path: Path) -> None:
    path = imported(home, cli, CALENDARS / "vdir")
    target = tmp_path / "invite.ics"
    assert cli("agenda", path.stem, "--ics", str(target)).exit_code == 0
    event = parse_invite(target)[1]
    assert str(event["UID"]) == "7f3c2a9e-5b1d-4e8a-9c6f-2d0b8e4a1c37"
    assert event.decoded("RECURRENCE-ID") == dt.datetime(2026, 10, 27, 16, tzinfo=dt.UTC)


def test_a_meeting_the_customer_organised_gets_no_invite(cli, home: Path, tmp_path: Path) -> None:
    path = imported(home, cli, CALENDARS / "outlook-request.ics")
    target = tmp_path / "invite.ics"
    result = cli("agenda", path.stem, "--ics", str(target))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "Chinedu Okafor organised this meeting" in result.stderr
    assert f"`callprep agenda {path.stem}`" in result.stderr
    assert result.stdout == ""
    assert not target.exists()


def test_invite_without_a_start_time_is_a_clear_error(cli, tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "p.toml", {"account": "Initech"})
    target = tmp_path / "invite.ics"
    result = cli("agenda", str(plan), "--ics", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith("callprep: the invite needs a start time")
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
    assert not target.exists()


def test_invite_write_failure_is_one_line(cli, tmp_path: Path) -> None:
    result = cli("agenda", str(PREPARED), "--ics", str(tmp_path / "missing" / "x.ics"))
    assert result.exit_code == 1
    assert result.stderr.startswith("callprep: cannot write")
    assert result.stdout == ""


# --- the marks ---------------------------------------------------------------------------------


def test_marks_persist_and_clear_findings(cli, stored_example, home: Path) -> None:
    plan_id = stored_example(UNPREPARED)
    assert {"agenda.not_shared"} <= codes(cli, plan_id)

    shared = cli("agenda", plan_id, "--mark-shared")
    assert shared.exit_code == 0, shared.stderr
    assert shared.stdout == ""  # a mark prints no message
    assert shared.stderr.strip() == "Marked the agenda as sent to the customer."
    stored = load_plan(home / "plans" / f"{plan_id}.toml")
    assert (stored.agenda.shared, stored.agenda.confirmed) == (True, False)
    found = codes(cli, plan_id)
    assert "agenda.not_shared" not in found
    assert "agenda.not_confirmed" in found

    confirmed = cli("agenda", plan_id, "--mark-confirmed")
    assert confirmed.exit_code == 0, confirmed.stderr
    assert confirmed.stdout == ""
    found = codes(cli, plan_id)
    assert not {"agenda.not_shared", "agenda.not_confirmed"} & found
    # the rest of the plan is untouched
    after = load_plan(home / "plans" / f"{plan_id}.toml")
    assert after.model_copy(update={"agenda": stored.agenda}) == stored.model_copy(
        update={"agenda": stored.agenda}
    )
    assert after.objective == load_plan(UNPREPARED).objective


def test_mark_confirmed_implies_shared_on_a_plan_given_as_path(cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(UNPREPARED.read_bytes())
    result = cli("agenda", str(path), "--mark-confirmed")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == "Marked the agenda as sent to and confirmed by the customer."
    agenda = load_plan(path).agenda
    assert (agenda.shared, agenda.confirmed) == (True, True)
    assert not {"agenda.not_shared", "agenda.not_confirmed"} & codes(cli, str(path))
    again = cli("agenda", str(path), "--mark-shared")
    assert "already marked as sent" in again.stderr


def test_mark_with_invite_writes_both(cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(PREPARED.read_bytes().replace(b"confirmed = true", b"confirmed = false"))
    target = tmp_path / "invite.ics"
    result = cli("agenda", str(path), "--ics", str(target), "--mark-confirmed")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert parse_invite(target)[1]["UID"]
    assert load_plan(path).agenda.confirmed


# --- hostile text ------------------------------------------------------------------------------

HOSTILE = {
    "id": "hostile",
    "account": "Evil\r\nX-INJECTED:account",
    "opportunity": "Deal\r\nATTENDEE:mailto:evil@attacker.example\r\nX-INJECTED:1",
    "kind": "discovery",
    "starts_at": dt.datetime(2026, 12, 3, 15, 0, tzinfo=NEWARK),
    "objective": {"customer": "See \x1b[31mred\x1b[0m\r\nBEGIN:VALARM"},
    "agenda": {
        "items": [
            "Intro\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:forged",
            "*bold* [x](http://e.example)",
        ],
        "customer_prep": ["Numbers\x07\x1b]0;title\x07"],
    },
    "attendees": [
        {"name": 'Dana "Q" Lee\r\nX-INJECTED:cn', "side": "customer", "email": "dana@acme.example"},
        {
            "name": "Mallory",
            "side": "customer",
            "email": "m@acme.example\r\nATTENDEE:mailto:evil@attacker.example",
        },
        {"name": "Sam\u202eOkafor", "side": "ours", "email": "sam@callprep.example"},
    ],
}


def test_hostile_text_cannot_forge_invite_properties(cli, tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "hostile.toml", HOSTILE)
    target = tmp_path / "invite.ics"
    result = cli("agenda", str(plan), "--ics", str(target))
    assert result.exit_code == 0, result.stderr
    raw = target.read_bytes().decode()
    content_lines = raw.replace("\r\n ", "").split("\r\n")  # unfolded
    names = {line.split(":", 1)[0].split(";", 1)[0] for line in content_lines if line}
    assert "X-INJECTED" not in names
    assert raw.count("BEGIN:VEVENT") == 1
    assert "BEGIN:VALARM" not in content_lines
    assert not any(line.startswith("SUMMARY:forged") for line in content_lines)
    assert not [line for line in content_lines if line.startswith("ATTENDEE") and "evil" in line]
    _, event = parse_invite(target)
    attendees = attendee_list(event)
    assert [str(a) for a in attendees] == ["mailto:dana@acme.example"]
    assert "\n" not in attendees[0].params["CN"]
    assert '"' not in attendees[0].params["CN"]
    assert "Mallory's email" in result.stderr
    assert "\x1b" not in raw and "\x07" not in raw and "\u202e" not in raw


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_hostile_text_is_plain_in_the_message(cli, tmp_path: Path, fmt: str) -> None:
    plan = write_plan(tmp_path / "hostile.toml", HOSTILE)
    result = cli("agenda", str(plan), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    for bad in ("\x1b", "\x07", "\r", "\u202e"):
        assert bad not in text
    subject = text.splitlines()[0]
    assert "ATTENDEE" in subject  # kept as words on the subject line, not a new line
    assert text.count("\n1. ") == 1 and text.count("\n2. ") == 1
    if fmt == "md":
        assert "\\*bold\\* \\[x\\](http://e.example)" in text
        assert live_markdown(text) == []
    else:
        assert "2. *bold* [x](http://e.example)\n" in text


# --- the offer at the end of `new` --------------------------------------------------------------


def test_new_offers_the_draft_on_stderr_and_keeps_stdout_the_id(cli, script) -> None:
    asker = script(
        {"account": "Initech", "kind": "discovery", "agenda.items": ["Their goals"]},
        rest=USE_DEFAULT,
    )
    result = cli("new")
    assert result.exit_code == 0, result.stderr
    assert asker.asked[-1] == "draft_agenda"
    plan_id = result.stdout.strip()
    assert result.stdout == plan_id + "\n"
    assert "Subject: Agenda for our call" in result.stderr
    assert "1. Your goals" in result.stderr
    assert f"callprep agenda {plan_id} --mark-shared" in result.stderr


def test_new_skips_the_draft_when_declined_or_already_shared(cli, script) -> None:
    script({"account": "Initech", "draft_agenda": False}, rest=USE_DEFAULT)
    declined = cli("new")
    assert declined.exit_code == 0, declined.stderr
    assert "Subject:" not in declined.stderr

    asker = script({"account": "Initech", "agenda.shared": True}, rest=USE_DEFAULT)
    shared = cli("new")
    assert shared.exit_code == 0, shared.stderr
    assert "draft_agenda" not in asker.asked
    assert "Subject:" not in shared.stderr


def test_icalendar_is_imported_only_when_an_invite_is_written() -> None:
    import subprocess
    import sys

    code = (
        "import sys, callprep.cli, callprep.commands.agenda, callprep.calendar.ics;"
        "print('icalendar' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
