"""An invite for an imported meeting is that meeting's next version, read the same everywhere.

Each meeting is imported from a calendar as Outlook/Teams, Google Calendar (Meet) or a Zoom
link in Fastmail writes it (tests/data/calendars), given an agenda, and sent with `callprep
agenda PLAN --ics FILE`. Every reader of tests/peers.py (icalendar, icalendar through the
file's own VTIMEZONE, recurring-ical-events, vobject, ical.js) then sees the same meeting:
its UID and RECURRENCE-ID, a higher SEQUENCE, its title, place, URL, join links and status
as the calendar gave them, the plan's time, and the agreed agenda once, as a marked block at
the top of the description, the join link still below it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from callprep import messages
from callprep.plans.model import Agenda, Plan
from callprep.plans.store import Store
from tests import peers

CALENDARS = Path(__file__).resolve().parent / "data" / "calendars"
SELLER = {"name": "Sam Carter", "email": "sam.carter@ourco.example", "timezone": "Europe/London"}
AGENDA = ["Open issues from last week", "Driver feedback on the new routes", "Next steps"]
PREP = ["Last week's exception report"]
TEAMS = (
    "https://teams.microsoft.com/l/meetup-join/19%3ameeting_Q2hlY2staW4tY29sZC1jaGFpbg@thread.v2"
    "/0?context=%7b%22Tid%22%3a%22c0ffee00-1111-2222-3333-444455556666%22%2c%22Oid%22%3a%22a1b2"
    "c3d4-0000-1111-2222-333344445555%22%7d"
)
MEET = "https://meet.google.com/xkc-pvbm-tqw"
ZOOM = "https://us02web.zoom.us/j/81234567890?pwd=cUdQa0JmZ3lTZk5hY2VMbW9kVWJtUT09"


@dataclass(frozen=True)
class Meeting:
    """What the calendar gave: the update must read so in every client."""

    source: str
    plan: str
    uid: str
    recurrence_id: dt.datetime | None
    summary: str
    location: str
    url: str
    status: str
    links: tuple[str, ...]
    join: str  # the join link the description holds
    start: dt.datetime  # UTC
    minutes: int


TEAMS_UID = (
    "040000008200E00074C5B7101A82E00800000000D7E1F4A2C05ADC0100000000000000001000000"
    "0A8B1C2D3E4F50617283940A1B2C3D4E5"
)
MEETINGS = [
    Meeting(  # an occurrence of an Outlook series, after the clocks went back
        "teams-series.ics",
        "2026-10-29-northwind-foods-call",
        TEAMS_UID,
        dt.datetime(2026, 10, 29, 10, tzinfo=dt.UTC),
        "Northwind Foods: pilot check-in",
        "Microsoft Teams Meeting",
        "",
        "CONFIRMED",
        (f"X-MICROSOFT-SKYPETEAMSMEETINGURL {TEAMS}",),
        TEAMS,
        dt.datetime(2026, 10, 29, 10, tzinfo=dt.UTC),
        30,
    ),
    Meeting(  # an occurrence moved to another day (its own VEVENT), in summer time
        "teams-series.ics",
        "2026-10-23-northwind-foods-call",
        TEAMS_UID,
        dt.datetime(2026, 10, 22, 9, tzinfo=dt.UTC),
        "Northwind Foods: pilot check-in (moved)",
        "Microsoft Teams Meeting",
        "",
        "CONFIRMED",
        (f"X-MICROSOFT-SKYPETEAMSMEETINGURL {TEAMS}",),
        TEAMS,
        dt.datetime(2026, 10, 23, 13, tzinfo=dt.UTC),
        45,
    ),
    Meeting(  # Google Calendar with Meet, in New York
        "google-meet.ics",
        "2026-11-04-umbrella-labs-call",
        "7hq2ld0c5v4k9r8m3n1b6x2z0w@google.com",
        None,
        "Umbrella Labs: pricing review",
        "",
        "",
        "CONFIRMED",
        (f"X-GOOGLE-CONFERENCE {MEET}",),
        MEET,
        dt.datetime(2026, 11, 4, 16, tzinfo=dt.UTC),
        45,
    ),
    Meeting(  # a Zoom link in URL, CONFERENCE and LOCATION; tentative; no ORGANIZER
        "zoom-no-organizer.ics",
        "2026-10-28-initech-demo",
        "2f8d1c7e-43a9-4b6e-9d05-7c1e8a3b5f20",
        None,
        "Initech: reporting demo",
        ZOOM,
        ZOOM,
        "TENTATIVE",
        (f"CONFERENCE {ZOOM}", "ATTACH https://initech.example/files/reporting-brief.pdf"),
        ZOOM,
        dt.datetime(2026, 10, 28, 10, tzinfo=dt.UTC),
        60,
    ),
]


def seller(home: Path, **more: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "profile.toml").write_text(tomli_w.dumps({**SELLER, **more}), encoding="utf-8")


def imported(cli: Any, home: Path, source: str | Path) -> list[str]:
    result = cli("import", str(source), "--start", "2026-10-19", "--days", "28", "--json")
    assert result.exit_code == 0, result.stderr
    return list(json.loads(result.stdout)["created"])


def set_agenda(home: Path, plan_id: str, items: list[str], confirmed: bool = True) -> Plan:
    store = Store(home)
    stored = store.load(plan_id)
    agenda = Agenda(items=items, customer_prep=PREP, shared=True, confirmed=confirmed)
    return store.update(stored.path, lambda plan: plan.model_copy(update={"agenda": agenda}))


def invite(cli: Any, plan_id: str, target: Path) -> tuple[bytes, str]:
    result = cli("agenda", plan_id, "--ics", str(target))
    assert result.exit_code == 0, result.stderr
    return target.read_bytes(), result.stderr


def every_reading(data: bytes) -> dict[str, list[peers.Reading]]:
    found = {name: read for name, read in peers.readings(data).items() if read is not None}
    assert set(found) >= {"icalendar", "icalendar_vtimezone", "recurring", "vobject"}
    return found


@pytest.mark.parametrize("meeting", MEETINGS, ids=lambda m: m.plan)
def test_the_update_keeps_the_meeting_in_every_client(
    cli, home: Path, tmp_path: Path, meeting: Meeting
) -> None:
    seller(home)
    assert meeting.plan in imported(cli, home, CALENDARS / meeting.source)
    before = set_agenda(home, meeting.plan, AGENDA)
    assert before.calendar is not None and before.calendar.event
    data, _ = invite(cli, meeting.plan, tmp_path / "invite.ics")
    for name, read in every_reading(data).items():
        assert len(read) == 1, name
        event = read[0]
        assert (event.uid, event.recurrence_id) == (meeting.uid, meeting.recurrence_id), name
        assert event.sequence == before.calendar.sequence + 1, name
        assert event.summary == meeting.summary, name
        assert event.location == meeting.location, name
        assert event.url == meeting.url, name
        assert event.status == meeting.status, name
        assert event.links == meeting.links, name
        end = meeting.start + dt.timedelta(minutes=meeting.minutes)
        assert (event.start, event.end) == (meeting.start, end), name
        text = event.description.replace("\r\n", "\n")
        assert text.startswith(messages.ICS_BLOCK_AGREED + "\n1. Open issues from last week\n")
        assert text.count(messages.ICS_BLOCK_AGREED) == 1, name
        assert text.count(messages.ICS_BLOCK_END) == 1, name
        assert meeting.join in text, name
    # The plan remembers the SEQUENCE it went out with.
    assert Store(home).load(meeting.plan).plan.calendar.sequence == before.calendar.sequence + 1


def test_an_update_is_a_request_from_its_organizer_to_the_people_on_it(
    cli, home: Path, tmp_path: Path
) -> None:
    from icalendar import Calendar

    seller(home)
    imported(cli, home, CALENDARS / "zoom-no-organizer.ics")
    set_agenda(home, "2026-10-28-initech-demo", AGENDA)
    data, _ = invite(cli, "2026-10-28-initech-demo", tmp_path / "invite.ics")
    calendar = Calendar.from_ical(data)
    event = calendar.walk("VEVENT")[0]
    assert str(calendar["METHOD"]) == "REQUEST"
    # No ORGANIZER in the calendar's event: the seller (the profile's email) organises it.
    assert str(event["ORGANIZER"]) == "mailto:sam.carter@ourco.example"
    assert str(event["ORGANIZER"].params["CN"]) == "Sam Carter"
    people = [str(a) for a in event["ATTENDEE"]]
    assert people == ["mailto:dana.iyer@initech.example", "mailto:sam.carter@ourco.example"]
    assert [a.params["PARTSTAT"] for a in event["ATTENDEE"]] == ["ACCEPTED", "ACCEPTED"]


def test_a_second_run_replaces_the_block_even_after_the_calendar_took_the_first(
    cli, home: Path, tmp_path: Path
) -> None:
    seller(home)
    imported(cli, home, CALENDARS / "teams-series.ics")
    plan = "2026-10-29-northwind-foods-call"
    set_agenda(home, plan, ["Old item"], confirmed=False)
    first, _ = invite(cli, plan, tmp_path / "first.ics")
    assert messages.ICS_BLOCK_PROPOSED in peers.read_icalendar(first)[0].description
    # The seller's calendar now holds the update (our block in it); importing it again keeps it.
    again = cli("import", str(tmp_path / "first.ics"), "--start", "2026-10-19", "--json")
    assert plan in json.loads(again.stdout)["updated"], again.stdout
    stored = Store(home).load(plan).plan
    assert stored.calendar is not None and "Old item" in stored.calendar.event
    set_agenda(home, plan, AGENDA)
    second, _ = invite(cli, plan, tmp_path / "second.ics")
    for name, read in every_reading(second).items():
        text = read[0].description
        assert "Old item" not in text, name
        assert messages.ICS_BLOCK_PROPOSED not in text, name
        assert text.count(messages.ICS_BLOCK_AGREED) == 1, name
        assert text.count("Microsoft Teams meeting") == 1, name
        assert read[0].sequence == stored.calendar.sequence + 1, name


def test_outlooks_html_description_holds_the_block_once(cli, home: Path, tmp_path: Path) -> None:
    from icalendar import Calendar

    seller(home)
    imported(cli, home, CALENDARS / "teams-series.ics")
    plan = "2026-10-29-northwind-foods-call"
    set_agenda(home, plan, AGENDA)
    invite(cli, plan, tmp_path / "invite.ics")
    invite(cli, plan, tmp_path / "invite.ics")
    event = Calendar.from_ical((tmp_path / "invite.ics").read_bytes()).walk("VEVENT")[0]
    html = str(event["X-ALT-DESC"])
    assert html.count("<!-- callprep agenda -->") == 1
    assert "<li>Driver feedback on the new routes</li>" in html
    assert html.index("<body>") < html.index("callprep agenda") < html.index("Weekly check-in")
    assert f'<a href="{TEAMS}"' in html  # the join link as it was
    assert event["X-ALT-DESC"].params["FMTTYPE"] == "text/html"
    assert str(event["X-MICROSOFT-CDO-APPT-SEQUENCE"]) == str(event["SEQUENCE"])


def test_a_rescheduled_call_moves_the_meeting_and_asks_for_answers_again(
    cli, home: Path, tmp_path: Path
) -> None:
    from icalendar import Calendar

    seller(home)
    imported(cli, home, CALENDARS / "google-meet.ics")
    set_agenda(home, "2026-11-04-umbrella-labs-call", AGENDA)
    moved = cli(
        "reschedule", "2026-11-04-umbrella-labs-call", "2026-11-05 14:00", "--force"
    )  # the calendar owns an imported meeting's time: --force moves it here
    assert moved.exit_code == 0, moved.stderr
    data, _ = invite(cli, "2026-11-05-umbrella-labs-call", tmp_path / "invite.ics")
    start = dt.datetime(2026, 11, 5, 14, tzinfo=dt.UTC)  # London time, the seller's
    for name, read in every_reading(data).items():
        assert read[0].uid == "7hq2ld0c5v4k9r8m3n1b6x2z0w@google.com", name
        assert (read[0].start, read[0].end) == (start, start + dt.timedelta(minutes=45)), name
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    others = [a for a in event["ATTENDEE"] if "sam.carter" not in str(a)]
    assert [a.params["PARTSTAT"] for a in others] == ["NEEDS-ACTION", "NEEDS-ACTION"]


def test_a_plan_imported_before_the_event_was_kept_is_still_updated(
    cli, home: Path, tmp_path: Path
) -> None:
    """No event text in the plan: the invite is made from it, as before, for the same UID, and
    says nothing of a status it does not know (rather than turn CONFIRMED into TENTATIVE)."""
    seller(home)
    imported(cli, home, CALENDARS / "google-meet.ics")
    plan = "2026-11-04-umbrella-labs-call"
    store = Store(home)
    stored = store.load(plan)
    store.update(
        stored.path,
        lambda p: p.model_copy(
            update={"calendar": p.calendar.model_copy(update={"event": ""})}  # type: ignore[union-attr]
        ),
    )
    set_agenda(home, plan, AGENDA)
    data, _ = invite(cli, plan, tmp_path / "invite.ics")
    read = peers.read_icalendar(data)[0]
    assert read.uid == "7hq2ld0c5v4k9r8m3n1b6x2z0w@google.com" and read.sequence == 2
    assert read.status == ""
    assert "Open issues from last week" in read.description


def test_a_description_too_long_to_keep_is_left_out_and_said(
    cli, home: Path, tmp_path: Path
) -> None:
    seller(home)
    text = (CALENDARS / "google-meet.ics").read_text(encoding="utf-8")
    long = "DESCRIPTION:" + "Background reading for the call. " * 9000
    source = tmp_path / "long.ics"
    source.write_text(
        text.replace("DESCRIPTION:Pricing and next steps", long + "\r\n X", 1), encoding="utf-8"
    )
    result = cli("import", str(source), "--start", "2026-10-19", "--days", "28")
    assert result.exit_code == 0, result.stderr
    assert "Umbrella Labs: pricing review: its description is too long" in result.stderr
    plan = "2026-11-04-umbrella-labs-call"
    event = Store(home).load(plan).plan.calendar.event  # type: ignore[union-attr]
    assert "X-CALLPREP-CUT:DESCRIPTION" in event and "\nDESCRIPTION" not in event
    set_agenda(home, plan, AGENDA)
    data, stderr = invite(cli, plan, tmp_path / "invite.ics")
    assert messages.ICS_DESCRIPTION_WAS_CUT.split(":")[0] in stderr
    read = peers.read_icalendar(data)[0]
    assert read.links == (f"X-GOOGLE-CONFERENCE {MEET}",)
    assert read.description.startswith(messages.ICS_BLOCK_AGREED)
    assert b"X-CALLPREP" not in data


def test_a_meeting_organised_by_a_colleague_is_ours(cli, home: Path, tmp_path: Path) -> None:
    """The profile's domains say who is ours: a colleague's meeting gets its update."""
    seller(home, email="jo.hale@ourco.example", name="Jo Hale")
    imported(cli, home, CALENDARS / "google-meet.ics")
    set_agenda(home, "2026-11-04-umbrella-labs-call", AGENDA)
    data, _ = invite(cli, "2026-11-04-umbrella-labs-call", tmp_path / "invite.ics")
    assert b'ORGANIZER;CN="Sam Carter":mailto:sam.carter@ourco.example' in data
