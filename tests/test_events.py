"""Calendar events in: every fixture with a fixed window, zones, recurrences, hostile files."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import warnings
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from callprep import messages
from callprep.calendar import events, sources, times
from callprep.calendar.events import Event, Person, Skipped
from callprep.errors import CallprepError
from tests.calendars import BIG_END, BIG_START, big_export
from tests.guards import finishes

CALENDARS = Path(__file__).resolve().parent / "data" / "calendars"
GOOGLE = CALENDARS / "google-export.ics"
REQUEST = CALENDARS / "outlook-request.ics"
CANCEL = CALENDARS / "outlook-cancel.ics"
VDIR = CALENDARS / "vdir"
SERIES = VDIR / "7f3c2a9e-5b1d-4e8a-9c6f-2d0b8e4a1c37.ics"
BROKEN = VDIR / "e05b77c193f24d6a8b0e5a4c3f2d1e90.ics"

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")  # the seller's zone in these tests: floating times
START = dt.datetime(2026, 10, 19, tzinfo=LONDON)
END = dt.datetime(2026, 11, 16, tzinfo=LONDON)
EXCHANGE_UID = (
    "040000008200E00074C5B7101A82E00800000000B0E1C4A9F04ADC01000000000000000010000000"
    "C5D7A1E3B9F24D4C8A2E6B0F1D3C5E7A"
)


def read(
    *sources: str | Path,
    stdin: object = None,
    start: dt.datetime = START,
    end: dt.datetime = END,
    zone: ZoneInfo = CHICAGO,
) -> tuple[list[Event], list[Skipped]]:
    return events.read(
        [str(s) for s in sources],
        start=start,
        end=end,
        default_zone=zone,
        stdin=stdin,  # type: ignore[arg-type]
    )


def read_bytes(data: bytes, **kwargs: object) -> tuple[list[Event], list[Skipped]]:
    return read("-", stdin=io.BytesIO(data), **kwargs)  # type: ignore[arg-type]


def calendar(*lines: str, head: tuple[str, ...] = ()) -> bytes:
    """A VCALENDAR around the given content lines, with CRLF like every exporter."""
    text = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//callprep tests//EN",
        *head,
        *lines,
        "END:VCALENDAR",
    ]
    return "".join(f"{line}\r\n" for line in text).encode("utf-8")


def vevent(*lines: str, uid: str | None = "evt-1@tests.example") -> tuple[str, ...]:
    who = (
        "ORGANIZER;CN=Sam Carter:mailto:sam.carter@ourco.example",
        "ATTENDEE;CN=Dana Whitfield:mailto:dana.whitfield@northwind-foods.example",
    )
    return (
        "BEGIN:VEVENT",
        *((f"UID:{uid}",) if uid is not None else ()),
        *lines,
        *who,
        "END:VEVENT",
    )


def one(data: bytes, **kwargs: object) -> Event:
    found, skipped = read_bytes(data, **kwargs)
    assert skipped == []
    assert len(found) == 1, found
    return found[0]


def by_summary(found: list[Event]) -> dict[str, Event]:
    return {event.summary: event for event in found}


# --- start-up ----------------------------------------------------------------------------


def test_importing_the_module_loads_no_calendar_library() -> None:
    code = (
        "import sys, callprep.calendar.events\n"
        "print(sorted(m for m in ('icalendar', 'recurring_ical_events', 'x_wr_timezone',"
        " 'dateutil') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "[]"


# --- the Google export -------------------------------------------------------------------


def test_google_export_reads_the_window_in_order() -> None:
    found, skipped = read(GOOGLE)
    assert skipped == []
    assert [e.summary for e in found] == [
        "Northwind Foods: route planning discovery",
        "Pipeline review (internal)",
        "Out of office",
        "Globex Logistics demo",
    ]  # the September intro call is outside the window
    assert {e.source for e in found} == {str(GOOGLE)}


def test_google_utc_times_are_in_the_calendars_x_wr_timezone() -> None:
    found = by_summary(read(GOOGLE)[0])
    discovery = found["Northwind Foods: route planning discovery"]
    assert discovery.start == dt.datetime(2026, 10, 21, 15, 0, tzinfo=LONDON)
    assert discovery.start.tzinfo is LONDON  # DTSTART:20261021T140000Z, shown in London
    assert discovery.start.utcoffset() == dt.timedelta(hours=1)  # BST
    assert discovery.zone == "Europe/London"
    assert discovery.minutes == 60
    review = found["Pipeline review (internal)"]  # after the clocks went back
    assert (review.start.hour, review.start.utcoffset()) == (9, dt.timedelta(0))
    assert review.zone == "Europe/London"
    assert review.minutes == 30
    assert review.sequence == 2


def test_google_tzid_event_keeps_its_own_zone() -> None:
    demo = by_summary(read(GOOGLE)[0])["Globex Logistics demo"]
    assert demo.start == dt.datetime(2026, 11, 4, 10, 0, tzinfo=NEW_YORK)
    assert demo.start.tzinfo is NEW_YORK
    assert demo.start.utcoffset() == dt.timedelta(hours=-5)  # EST: US clocks went back 1 Nov
    assert (demo.zone, demo.minutes, demo.sequence) == ("America/New_York", 45, 1)
    assert demo.location == "https://meet.google.com/asd-fghj-klz"


def test_google_people_rooms_and_addresses() -> None:
    discovery = by_summary(read(GOOGLE)[0])["Northwind Foods: route planning discovery"]
    assert discovery.organizer == Person("Sam Carter", "sam.carter@ourco.example")
    assert discovery.attendees == (
        Person("Sam Carter", "sam.carter@ourco.example", "REQ-PARTICIPANT", "ACCEPTED"),
        # the address is lowercased; a CN that only repeats the address is no name
        Person(
            "Dana Whitfield",
            "dana.whitfield@northwind-foods.example",
            "REQ-PARTICIPANT",
            "ACCEPTED",
        ),
        Person("", "priya.raman@northwind-foods.example", "REQ-PARTICIPANT", "NEEDS-ACTION"),
    )  # the meeting room (CUTYPE=RESOURCE) is no attendee
    demo = by_summary(read(GOOGLE)[0])["Globex Logistics demo"]
    assert demo.attendees[2].name == "Tomás Ortega"


def test_google_description_is_text_without_the_meet_block() -> None:
    discovery = by_summary(read(GOOGLE)[0])["Northwind Foods: route planning discovery"]
    assert discovery.description == (
        "Hi Dana, Priya,\n\n"
        "Thanks for making time. What I'd like us to cover:\n\n"
        "- How routes are planned today, and where it hurts\n"
        "- Who else should see the pilot plan\n"
        "Background: our fleet case study (https://ourco.example/case-studies/fleet)"
        " & the depot numbers.\n\n"
        "Best,\nSam"
    )
    assert discovery.location == "Northwind Foods HQ, 14 Harbour Road, Leeds"
    review = by_summary(read(GOOGLE)[0])["Pipeline review (internal)"]
    assert review.description == (
        "Weekly look at the Q4 pipeline.\nBring: your top 3 deals, next steps, risks."
    )


def test_google_internal_meeting_has_only_our_domain() -> None:
    review = by_summary(read(GOOGLE)[0])["Pipeline review (internal)"]
    assert review.organizer == Person("Ravi Menon", "ravi.menon@ourco.example")
    assert {p.email.split("@")[1] for p in review.attendees} == {"ourco.example"}
    assert events.not_a_meeting(review) == ""  # which side people are on is the caller's


def test_google_all_day_event_is_returned_as_all_day() -> None:
    away = by_summary(read(GOOGLE)[0])["Out of office"]
    assert away.all_day
    # A date is a day in the calendar's own zone (X-WR-TIMEZONE), not the seller's.
    assert away.start == dt.datetime(2026, 10, 30, tzinfo=LONDON)
    assert (away.zone, away.minutes, away.attendees, away.organizer) == (
        "Europe/London",
        1440,
        (),
        None,
    )
    assert events.not_a_meeting(away) == messages.CAL_SKIP_ALL_DAY


# --- Outlook / Exchange --------------------------------------------------------------------


def test_outlook_request_windows_zone_names_become_iana() -> None:
    (invite,) = read(REQUEST)[0]
    assert invite.uid == EXCHANGE_UID
    assert invite.start == dt.datetime(2026, 10, 29, 11, 0, tzinfo=NEW_YORK)
    assert invite.start.tzinfo is NEW_YORK  # TZID=Eastern Standard Time
    assert invite.zone == "America/New_York"
    # DTEND is in "W. Europe Standard Time": 17:00 CET is 16:00Z, an hour after 11:00 EDT.
    assert invite.minutes == 60
    assert (invite.sequence, invite.cancelled, invite.recurrence_id) == (0, False, "")
    assert invite.summary == "Contoso Freight: security review"
    assert invite.location == "Microsoft Teams Meeting"


def test_outlook_request_people() -> None:
    (invite,) = read(REQUEST)[0]
    assert invite.organizer == Person("Okafor, Chinedu", "chinedu.okafor@contoso-freight.example")
    assert invite.attendees == (
        Person("Sam Carter", "sam.carter@ourco.example", "REQ-PARTICIPANT", "NEEDS-ACTION"),
        Person(
            "Ibrahim, Leila",
            "leila.ibrahim@contoso-freight.example",
            "REQ-PARTICIPANT",
            "NEEDS-ACTION",
        ),
        Person(
            "Marta Kowalski",
            "marta.kowalski@contoso-freight.example",
            "OPT-PARTICIPANT",
            "NEEDS-ACTION",
        ),
    )  # the boardroom (CUTYPE=RESOURCE) is left out


def test_outlook_long_folded_description_without_the_teams_block() -> None:
    (invite,) = read(REQUEST)[0]
    assert invite.description.startswith("Hi Sam,\n\nAhead of the pilot our security team")
    assert (
        "who at your company can see it, how long it is kept, and what happens"
        in invite.description
    )
    assert invite.description.endswith("sub-processor list.\n\nRegards,\nChinedu")
    assert "Teams" not in invite.description
    assert "Meeting ID" not in invite.description


def test_outlook_cancel_marks_the_event_cancelled() -> None:
    (cancelled,) = read(CANCEL)[0]
    assert (cancelled.uid, cancelled.cancelled, cancelled.sequence) == (EXCHANGE_UID, True, 1)
    assert cancelled.start == dt.datetime(2026, 10, 29, 11, 0, tzinfo=NEW_YORK)


@pytest.mark.parametrize("order", [(REQUEST, CANCEL), (CANCEL, REQUEST)])
def test_request_and_cancel_together_give_the_cancelled_event_once(
    order: tuple[Path, Path],
) -> None:
    found, skipped = read(*order)
    assert skipped == []
    assert [(e.uid, e.cancelled, e.sequence) for e in found] == [(EXCHANGE_UID, True, 1)]


def test_a_cancel_with_the_same_sequence_still_wins(tmp_path: Path) -> None:
    request = tmp_path / "request.ics"
    cancel = tmp_path / "cancel.ics"
    request.write_bytes(REQUEST.read_bytes())
    cancel.write_bytes(CANCEL.read_bytes().replace(b"SEQUENCE:1\r\n", b"SEQUENCE:0\r\n"))
    for order in ((request, cancel), (cancel, request)):
        found, _ = read(*order)
        assert [(e.cancelled, e.sequence, e.source) for e in found] == [(True, 0, str(cancel))]


def test_a_newer_sequence_of_the_same_meeting_replaces_an_older_one(tmp_path: Path) -> None:
    old = tmp_path / "old.ics"
    new = tmp_path / "new.ics"
    old.write_bytes(calendar(*vevent("DTSTART:20261104T150000Z", "SEQUENCE:1", "SUMMARY:Old time")))
    new.write_bytes(calendar(*vevent("DTSTART:20261105T150000Z", "SEQUENCE:2", "SUMMARY:New time")))
    for order in ((old, new), (new, old)):
        found, _ = read(*order)
        assert [(e.summary, e.sequence) for e in found] == [("New time", 2)]


# --- the vdir ------------------------------------------------------------------------------


def test_vdir_reads_every_event_file_and_skips_the_broken_one() -> None:
    found, skipped = read(VDIR)
    assert [(e.summary, e.start.date().isoformat()) for e in found] == [
        ("Northwind Foods: pilot check-in", "2026-10-20"),
        ("Northwind Foods depot visit (Leeds)", "2026-10-23"),
        ("Northwind Foods: pilot check-in (moved to Thursday)", "2026-10-29"),
        ("Initrode Supplies: procurement call", "2026-11-05"),
        ("Northwind Foods: pilot check-in", "2026-11-10"),
    ]
    assert skipped == [
        Skipped("", "", f"unreadable: {BROKEN}: {messages.CAL_WHY_CUT_OFF}", str(BROKEN))
    ]  # displayname and color, vdir metadata, are not calendar files


def test_vdir_weekly_series_with_a_cancelled_a_moved_and_an_excluded_instance() -> None:
    found, _ = read(SERIES)
    assert [(e.start, e.recurrence_id, e.cancelled, e.minutes) for e in found] == [
        # cancelled by an override: still there, so a plan made for it can be marked
        (dt.datetime(2026, 10, 20, 16, 0, tzinfo=LONDON), "20261020T150000Z", True, 30),
        # moved from Tuesday 27 Oct 16:00 to Thursday 13:00, and made longer
        (dt.datetime(2026, 10, 29, 13, 0, tzinfo=LONDON), "20261027T160000Z", False, 45),
        # 3 Nov is an EXDATE: it does not appear at all
        (dt.datetime(2026, 11, 10, 16, 0, tzinfo=LONDON), "20261110T160000Z", False, 30),
    ]
    assert {e.uid for e in found} == {"7f3c2a9e-5b1d-4e8a-9c6f-2d0b8e4a1c37"}
    assert [e.start.utcoffset() for e in found] == [
        dt.timedelta(hours=1),
        dt.timedelta(0),
        dt.timedelta(0),
    ]
    assert all(e.zone == "Europe/London" for e in found)
    assert found[0].attendees[1].partstat == "DECLINED"  # the override's own facts
    assert found[2].description.startswith("Fortnightly? No, weekly until go-live.")


def test_vdir_series_expands_to_its_until() -> None:
    found, _ = read(
        SERIES,
        start=dt.datetime(2026, 1, 1, tzinfo=LONDON),
        end=dt.datetime(2027, 1, 1, tzinfo=LONDON),
    )
    days = [e.start.strftime("%m-%d") for e in found]
    # weekly from 6 Oct until 15 Dec 16:00Z (inclusive), 3 Nov excluded, 27 Oct moved to 29
    assert days == [
        "10-06",
        "10-13",
        "10-20",
        "10-29",
        "11-10",
        "11-17",
        "11-24",
        "12-01",
        "12-08",
        "12-15",
    ]
    assert [e.cancelled for e in found].count(True) == 1


def test_vdir_all_day_and_floating_events_take_the_default_zone() -> None:
    found = by_summary(read(VDIR)[0])
    visit = found["Northwind Foods depot visit (Leeds)"]
    assert visit.all_day and visit.minutes == 1440
    assert visit.start == dt.datetime(2026, 10, 23, tzinfo=CHICAGO)
    call = found["Initrode Supplies: procurement call"]
    assert call.start == dt.datetime(2026, 11, 5, 9, 0, tzinfo=CHICAGO)
    assert (call.zone, call.minutes, call.organizer, call.all_day) == (
        "America/Chicago",
        45,
        None,
        False,
    )
    assert events.not_a_meeting(call) == ""


# --- zones ---------------------------------------------------------------------------------


def test_floating_time_in_a_google_calendar_is_in_its_x_wr_timezone() -> None:
    data = calendar(
        *vevent("DTSTART:20261104T150000", "DTEND:20261104T153000"),
        head=("X-WR-TIMEZONE:Europe/Berlin",),
    )
    event = one(data)
    assert event.start == dt.datetime(2026, 11, 4, 15, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert event.zone == "Europe/Berlin"


def test_a_bad_x_wr_timezone_is_ignored() -> None:
    data = calendar(*vevent("DTSTART:20261104T150000"), head=("X-WR-TIMEZONE:../../etc/passwd",))
    assert one(data).start == dt.datetime(2026, 11, 4, 15, 0, tzinfo=CHICAGO)


@pytest.mark.parametrize(
    ("tzid", "key"),
    [
        ("W. Europe Standard Time", "Europe/Berlin"),  # Windows, no VTIMEZONE
        ("GMT Standard Time", "Europe/London"),
        ("/mozilla.org/20050126_1/America/Chicago", "America/Chicago"),  # "globally unique"
        ("Asia/Kolkata", "Asia/Kolkata"),
    ],
)
def test_tzid_names_without_vtimezone(tzid: str, key: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing from icalendar reaches the seller's stderr
        event = one(calendar(*vevent(f"DTSTART;TZID={tzid}:20261104T150000")))
    assert event.start == dt.datetime(2026, 11, 4, 15, 0, tzinfo=ZoneInfo(key))
    assert event.zone == key


def test_utc_is_utc_without_a_zone_name() -> None:
    for line in ("DTSTART:20261104T150000Z", "DTSTART;TZID=UTC:20261104T150000"):
        event = one(calendar(*vevent(line)))
        assert event.start == dt.datetime(2026, 11, 4, 15, 0, tzinfo=dt.UTC)
        assert event.start.tzinfo is dt.UTC
        assert event.zone == ""


def test_an_undefined_tzid_is_read_as_floating() -> None:
    event = one(calendar(*vevent("DTSTART;TZID=Somewhere Else:20261104T150000")))
    assert event.start == dt.datetime(2026, 11, 4, 15, 0, tzinfo=CHICAGO)


def _vtimezone(tzid: str, standard: str, daylight: str | None = None) -> tuple[str, ...]:
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}", "BEGIN:STANDARD", "DTSTART:16010101T020000"]
    if daylight is None:
        lines += [f"TZOFFSETFROM:{standard}", f"TZOFFSETTO:{standard}", "END:STANDARD"]
    else:
        lines += [
            f"TZOFFSETFROM:{daylight}", f"TZOFFSETTO:{standard}",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", f"TZOFFSETFROM:{standard}",
            f"TZOFFSETTO:{daylight}", "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3",
            "END:DAYLIGHT",
        ]  # fmt: skip
    return (*lines, "END:VTIMEZONE")


def test_a_custom_vtimezone_gives_a_fixed_offset() -> None:
    data = calendar(
        *_vtimezone("Customized Time Zone", "-0330", "-0230"),
        *vevent("DTSTART;TZID=Customized Time Zone:20261029T110000"),
    )
    event = one(data)
    assert event.start == dt.datetime(2026, 10, 29, 13, 30, tzinfo=dt.UTC)  # -02:30 in summer
    assert event.start.utcoffset() == dt.timedelta(hours=-2, minutes=-30)
    assert event.zone == ""


def test_a_vtimezone_that_disagrees_with_its_name_wins() -> None:
    # Someone's "Eastern Standard Time" at -06:00/-05:00: the file says when the meeting is.
    data = calendar(
        *_vtimezone("Eastern Standard Time", "-0600", "-0500"),
        *vevent("DTSTART;TZID=Eastern Standard Time:20261029T110000"),
    )
    event = one(data)
    assert event.start == dt.datetime(2026, 10, 29, 16, 0, tzinfo=dt.UTC)
    assert event.zone == ""


def test_the_same_custom_zone_name_in_two_files_is_read_per_file(tmp_path: Path) -> None:
    # icalendar caches VTIMEZONEs by TZID for the whole process; each file keeps its own.
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    first.write_bytes(
        calendar(
            *_vtimezone("Office Time", "+0300"),
            *vevent("DTSTART;TZID=Office Time:20261104T120000", uid="a"),
        )
    )
    second.write_bytes(
        calendar(
            *_vtimezone("Office Time", "+0500"),
            *vevent("DTSTART;TZID=Office Time:20261104T120000", uid="b"),
        )
    )
    for order in ((first, second), (second, first)):
        found = {e.uid: e.start.astimezone(dt.UTC).hour for e in read(*order)[0]}
        assert found == {"a": 9, "b": 7}


# --- UIDs, durations, dates ----------------------------------------------------------------


def test_an_event_without_uid_gets_a_stable_one() -> None:
    data = calendar(*vevent("DTSTART:20261104T150000Z", "SUMMARY:No UID here", uid=None))
    first, second = one(data), one(data)
    assert first.uid.startswith(events.UID_PREFIX)
    assert first.uid == second.uid
    other = one(calendar(*vevent("DTSTART:20261104T150000Z", "SUMMARY:Another", uid=None)))
    assert other.uid != first.uid
    assert (
        one(calendar(*vevent("DTSTART:20261104T150000Z", "SUMMARY:No UID here", uid=""))).uid
        == first.uid
    )


def test_two_events_without_uid_stay_two() -> None:
    data = calendar(
        *vevent("DTSTART:20261104T150000Z", "SUMMARY:First", uid=None),
        *vevent("DTSTART:20261105T150000Z", "SUMMARY:Second", uid=None),
    )
    found, _ = read_bytes(data)
    assert [e.summary for e in found] == ["First", "Second"]


@pytest.mark.parametrize(
    ("lines", "minutes"),
    [
        (("DTSTART:20261104T150000Z", "DURATION:PT1H30M"), 90),
        (("DTSTART:20261104T150000Z",), events.DEFAULT_MINUTES),  # neither DTEND nor DURATION
        (("DTSTART:20261104T150000Z", "DTEND:20261104T150000Z"), 0),  # said so explicitly
        (("DTSTART;VALUE=DATE:20261104", "DURATION:P2D"), 2 * 1440),
        (("DTSTART;VALUE=DATE:20261104",), 1440),
        # A date beside a time of day is midnight, as recurring-ical-events reads it.
        (("DTSTART;VALUE=DATE:20261104", "DURATION:PT4H"), 4 * 60),
        (("DTSTART:20261104T150000Z", "DTEND;VALUE=DATE:20261105"), 9 * 60),
        (("DTSTART:20261104T150000Z", "DTEND:20261106T150000Z"), 2 * 1440),
    ],
)
def test_durations(lines: tuple[str, ...], minutes: int) -> None:
    assert one(calendar(*vevent(*lines))).minutes == minutes


def test_a_timed_event_over_a_day_long_is_no_call() -> None:
    event = one(calendar(*vevent("DTSTART:20261104T150000Z", "DTEND:20261106T150000Z")))
    assert events.not_a_meeting(event) == messages.CAL_SKIP_TOO_LONG.format(hours=48)


@pytest.mark.parametrize(
    ("end", "reason"),
    [
        ("20261104T173000Z", ""),  # a workshop at the customer's, 08:30 to 17:30: a call
        ("20261104T183000Z", ""),  # ten hours, lunch and dinner: still one working day
        ("20261104T190000Z", messages.CAL_SKIP_TOO_LONG.format(hours=10)),  # 10h30: no call
        ("20261104T235900Z", messages.CAL_SKIP_TOO_LONG.format(hours=15)),  # a day held
    ],
)
def test_a_call_lasts_a_working_day_at_most(end: str, reason: str) -> None:
    event = one(calendar(*vevent("DTSTART:20261104T083000Z", f"DTEND:{end}")))
    assert events.not_a_meeting(event) == reason


@pytest.mark.parametrize(
    ("lines", "why"),
    [
        (("DTSTART:20261104T150000Z", "DURATION:-PT1H"), messages.CAL_WHY_ENDS_BEFORE),
        (("DTSTART:20261104T150000Z", "DTEND:20261104T140000Z"), messages.CAL_WHY_ENDS_BEFORE),
        (
            ("DTSTART:20261104T150000Z", "DURATION:P99999999W"),
            messages.CAL_WHY_TOO_LONG.format(days=366),
        ),
        (("DTSTART:20261104T150000Z", "DURATION:soon"), messages.CAL_WHY_BAD_DURATION),
        (("DTSTART:2026110",), messages.CAL_WHY_BAD_DATE.format(what="start")),
        (("SUMMARY:No start",), messages.CAL_WHY_NO_START),
        (("DTSTART:20261104T150000Z", "DTSTART:20261105T150000Z"), messages.CAL_WHY_TWO_STARTS),
        (("DTSTART:20261104T150000Z", "RRULE:FREQ=SOMETIMES"), messages.CAL_WHY_BAD_RULE),
        (
            ("DTSTART:20261104T150000Z", "RRULE:FREQ=DAILY", "EXDATE:soon"),
            messages.CAL_WHY_BAD_DATE.format(what="EXDATE"),
        ),
    ],
)
def test_odd_events_are_skipped_with_the_reason(lines: tuple[str, ...], why: str) -> None:
    found, skipped = read_bytes(calendar(*vevent(*lines, "SUMMARY:Odd one")))
    assert found == []
    assert [(s.uid, s.reason, s.source) for s in skipped] == [
        ("evt-1@tests.example", messages.CAL_SKIP_UNREADABLE.format(why=why), "-")
    ]
    assert skipped[0].summary in ("Odd one", "No start")


def test_an_odd_one_off_far_from_the_window_is_left_out_silently() -> None:
    found, skipped = read_bytes(calendar(*vevent("DTSTART:20250101T150000Z", "DURATION:-PT1H")))
    assert (found, skipped) == ([], [])


@pytest.mark.parametrize(
    "lines",
    [
        ("DTSTART:00010101T000000Z", "DTEND:00010101T010000Z"),
        ("DTSTART;TZID=Asia/Tokyo:00010101T000000",),
        ("DTSTART;VALUE=DATE:99991231",),
        ("DTSTART:99991231T235959Z",),
        ("DTSTART;TZID=America/New_York:99991231T230000", "RRULE:FREQ=YEARLY"),
        ("DTSTART:00010101T100000Z", "RRULE:FREQ=YEARLY"),
        ("DTSTART:00010101T100000Z", "RRULE:FREQ=DAILY"),
        ("DTSTART:20261104T150000Z", "RRULE:FREQ=DAILY;UNTIL=99991231T000000Z"),
        ("DTSTART:20261104T150000Z", "RECURRENCE-ID:00010101T000000Z"),
    ],
)
def test_dates_at_the_ends_of_the_calendar_do_not_crash(lines: tuple[str, ...]) -> None:
    found, skipped = read_bytes(calendar(*vevent(*lines)))
    assert all(START <= e.start < END for e in found)
    assert all(s.reason.startswith("unreadable: ") for s in skipped)


def test_a_window_at_the_ends_of_the_calendar_does_not_crash() -> None:
    data = calendar(
        *vevent("DTSTART:00010103T000000Z"), *vevent("DTSTART:99991229T000000Z", uid="late")
    )
    low = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
    high = dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.UTC)
    found, skipped = read_bytes(data, start=low, end=high)
    assert len(found) == 2 and skipped == []


# --- recurrence: budget and probes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        (
            "DTSTART:18000101T150000Z\r\nRRULE:FREQ=DAILY",
            messages.CAL_SKIP_UNREADABLE.format(why=messages.CAL_WHY_TOO_OFTEN),
        ),
        (
            "DTSTART:16010101T150000Z\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU",
            messages.CAL_SKIP_UNREADABLE.format(why=messages.CAL_WHY_TOO_OFTEN),
        ),
        # More than once a day is no sales call, however long it has run.
        ("DTSTART:20261104T150000Z\r\nRRULE:FREQ=SECONDLY", messages.CAL_SKIP_SUB_DAILY),
        (
            "DTSTART:20000101T150000Z\r\nRRULE:FREQ=MINUTELY;INTERVAL=7",
            messages.CAL_SKIP_SUB_DAILY,
        ),
        (
            "DTSTART:20260101T150000Z\r\nRRULE:FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;"
            "BYMONTHDAY=1,2,3,4,5,6,7,8,9,10;BYHOUR=1,2,3,4,5,6,7,8,9,10;BYMINUTE=1,2,3,4,5,6,7,8,9",
            messages.CAL_SKIP_SUB_DAILY,
        ),
    ],
)
def test_rules_that_repeat_too_often_are_skipped_quickly(rule: str, reason: str) -> None:
    data = calendar(*vevent(*rule.split("\r\n"), "SUMMARY:Hostile"))
    found, skipped = finishes(lambda: read_bytes(data))  # type: ignore[misc]
    assert found == []
    assert [s.reason for s in skipped] == [reason]


@pytest.mark.parametrize(
    ("rule", "skipped"),
    [
        ("FREQ=HOURLY;INTERVAL=8;COUNT=4", True),
        ("FREQ=MINUTELY;COUNT=3", True),
        ("FREQ=DAILY;BYHOUR=9,15", True),
        ("FREQ=WEEKLY;BYDAY=TU;BYHOUR=9;BYMINUTE=0,30", True),
        ("FREQ=HOURLY;INTERVAL=24;COUNT=3", False),  # daily, said another way
        ("FREQ=HOURLY;BYHOUR=9;COUNT=3", False),  # once a day, at nine
        ("FREQ=DAILY;BYHOUR=9;BYMINUTE=0;COUNT=3", False),
    ],
)
def test_a_series_more_than_once_a_day_is_no_sales_call(rule: str, skipped: bool) -> None:
    found, skips = read_bytes(calendar(*vevent("DTSTART:20261020T090000Z", f"RRULE:{rule}")))
    assert [s.reason for s in skips] == ([messages.CAL_SKIP_SUB_DAILY] if skipped else [])
    assert len(found) == (0 if skipped else 3)


@pytest.mark.parametrize(
    "rule",
    [
        "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "RRULE:FREQ=HOURLY;INTERVAL=24;BYMONTH=2;BYMONTHDAY=30",
        "RRULE:FREQ=MONTHLY;BYDAY=6MO",
        "RRULE:FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31;COUNT=3",
        "RRULE:FREQ=DAILY;INTERVAL=7;BYDAY=MO",  # every 7 days from a Tuesday: never Monday
        "RRULE:FREQ=MONTHLY;INTERVAL=12;BYMONTH=3",  # every January, only in March
    ],
)
def test_rules_that_never_match_leave_the_first_instance_quickly(rule: str) -> None:
    # dateutil would look for a match until the year 9999: seconds per series.
    for day, expected in (("20260106", 0), ("20261020", 1)):  # both Tuesdays
        data = calendar(*vevent(f"DTSTART:{day}T150000Z", rule))
        found, skipped = finishes(lambda data=data: read_bytes(data))  # type: ignore[misc]
        assert skipped == []
        assert len(found) == expected


@pytest.mark.parametrize(
    ("rule", "count"),
    [
        # DTSTART (Tuesday 20 Oct 09:00Z) is always the first instance, match or not
        ("RRULE:FREQ=MONTHLY;BYDAY=2TU", 2),  # Outlook's "second Tuesday": 20 Oct, 10 Nov
        ("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", 1),  # leap days only: none in 2026
        ("RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR", 12),
        ("RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", 19),
        ("RRULE:FREQ=DAILY;INTERVAL=2;COUNT=5", 5),
        ("RRULE:FREQ=WEEKLY;UNTIL=20261101T000000Z", 2),
        ("RRULE:FREQ=HOURLY;INTERVAL=48;COUNT=4", 4),
    ],
)
def test_ordinary_rules_expand(rule: str, count: int) -> None:
    found, skipped = read_bytes(calendar(*vevent("DTSTART:20261020T090000Z", rule)))
    assert skipped == []
    assert len(found) == count
    assert found[0].recurrence_id == "20261020T090000Z"


def test_the_recurrence_budget_is_shared_by_one_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each daily series costs ~320 steps from 1 January to the window's end.
    monkeypatch.setattr(times, "MAX_TOTAL_STEPS", 700)
    daily = [vevent("DTSTART:20260101T090000Z", "RRULE:FREQ=DAILY", uid=f"d{n}") for n in range(3)]
    found, skipped = read_bytes(calendar(*(line for event in daily for line in event)))
    assert [(s.uid, s.reason) for s in skipped] == [
        ("d2", messages.CAL_SKIP_UNREADABLE.format(why=messages.CAL_WHY_TOO_OFTEN))
    ]
    assert {e.uid for e in found} == {"d0", "d1"}


def test_rdate_and_an_override_without_its_series() -> None:
    data = calendar(
        *vevent(
            "DTSTART:20261020T090000Z",
            "DURATION:PT1H",
            "RDATE;VALUE=PERIOD:20261022T100000Z/PT2H",
            uid="rdate",
        ),
        *vevent(
            "RECURRENCE-ID:20261027T090000Z",
            "DTSTART:20261028T090000Z",
            "STATUS:CANCELLED",
            uid="lonely",
        ),
    )
    found, skipped = read_bytes(data)
    assert skipped == []
    assert [(e.uid, e.start.day, e.minutes, e.recurrence_id, e.cancelled) for e in found] == [
        ("rdate", 20, 60, "20261020T090000Z", False),
        ("rdate", 22, 120, "20261022T100000Z", False),
        ("lonely", 28, 30, "20261027T090000Z", True),
    ]


def test_a_recurring_all_day_event_has_date_recurrence_ids() -> None:
    data = calendar(*vevent("DTSTART;VALUE=DATE:20261020", "RRULE:FREQ=WEEKLY;COUNT=2"))
    found, _ = read_bytes(data)
    assert [(e.recurrence_id, e.all_day) for e in found] == [("20261020", True), ("20261027", True)]


def test_method_cancel_cancels_every_occurrence() -> None:
    data = calendar(
        *vevent("DTSTART:20261020T090000Z", "RRULE:FREQ=WEEKLY;COUNT=3"), head=("METHOD:CANCEL",)
    )
    found, _ = read_bytes(data)
    assert [e.cancelled for e in found] == [True, True, True]


# --- files, folders, devices ---------------------------------------------------------------


def test_a_missing_source_is_an_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.ics"
    with pytest.raises(CallprepError) as caught:
        read(GOOGLE, missing)
    assert str(caught.value) == messages.CAL_NOT_FOUND.format(path=missing)
    assert "\n" not in str(caught.value)


def test_a_folder_reads_only_its_own_ics_files(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "a.ics").write_bytes(
        calendar(*vevent("DTSTART:20261104T150000Z", "SUMMARY:Top level", uid="a"))
    )
    (folder / "B.ICS").write_bytes(
        calendar(*vevent("DTSTART:20261104T160000Z", "SUMMARY:Upper case", uid="b"))
    )
    (folder / ".hidden.ics").write_bytes(
        calendar(*vevent("DTSTART:20261104T150000Z", uid="hidden"))
    )
    (folder / "notes.txt").write_text("not a calendar")
    (folder / "displayname").write_text("Work")
    (folder / "sub").mkdir()
    (folder / "sub" / "deeper.ics").write_bytes(
        calendar(*vevent("DTSTART:20261104T150000Z", uid="deeper"))
    )
    (folder / "looks-like.ics").mkdir()
    found, skipped = read(folder)
    assert [e.uid for e in found] == ["a", "b"]
    assert skipped == []


def test_an_empty_folder_reads_nothing(tmp_path: Path) -> None:
    assert read(tmp_path) == ([], [])


def _fifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(path)
    return path


def test_a_fifo_given_as_source_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "invite.ics")
    with pytest.raises(CallprepError) as caught:
        finishes(lambda: read(fifo))
    assert str(caught.value) == messages.CAL_NOT_REGULAR.format(path=fifo)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_or_a_symlink_to_one_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.ics"
    link.symlink_to("/dev/zero")
    for source in ("/dev/zero", link):
        with pytest.raises(CallprepError) as caught:
            finishes(lambda source=source: read(source))  # type: ignore[misc]
        assert str(caught.value) == messages.CAL_NOT_REGULAR.format(path=source)


def test_devices_fifos_and_dangling_links_inside_a_folder_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.ics").write_bytes(calendar(*vevent("DTSTART:20261104T150000Z", uid="good")))
    _fifo(tmp_path / "fifo.ics")
    if os.path.exists("/dev/zero"):
        (tmp_path / "zero.ics").symlink_to("/dev/zero")
    (tmp_path / "gone.ics").symlink_to(tmp_path / "nowhere.ics")
    found, skipped = finishes(lambda: read(tmp_path))  # type: ignore[misc]
    assert [e.uid for e in found] == ["good"]
    reasons = {Path(s.source).name: s.reason for s in skipped}
    assert reasons["fifo.ics"].endswith(messages.CAL_WHY_NOT_REGULAR)
    assert reasons["gone.ics"].endswith(messages.CAL_WHY_GONE)
    if os.path.exists("/dev/zero"):
        assert reasons["zero.ics"].endswith(messages.CAL_WHY_NOT_REGULAR)


def test_a_file_swapped_for_a_fifo_after_the_check_does_not_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = _fifo(tmp_path / "race.ics")
    real_stat = os.stat
    monkeypatch.setattr(
        os,
        "stat",
        lambda path, *a, **k: (
            real_stat(GOOGLE) if str(path) == str(fifo) else real_stat(path, *a, **k)
        ),
    )
    with pytest.raises(CallprepError) as caught:
        finishes(lambda: read(fifo))
    assert str(caught.value) == messages.CAL_NOT_REGULAR.format(path=fifo)


def _deny(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    real_open = os.open

    def fake_open(path: object, *args: object, **kwargs: object) -> int:
        if str(path) == str(denied):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", fake_open)


def test_an_unreadable_file_alone_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.ics"
    locked.write_bytes(GOOGLE.read_bytes())
    _deny(monkeypatch, locked)
    with pytest.raises(CallprepError) as caught:
        read(locked)
    assert str(caught.value) == f"cannot read {locked}: permission denied"


def test_an_unreadable_file_among_others_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.ics"
    locked.write_bytes(GOOGLE.read_bytes())
    _deny(monkeypatch, locked)
    found, skipped = read(REQUEST, locked)
    assert [e.uid for e in found] == [EXCHANGE_UID]
    assert skipped == [Skipped("", "", f"unreadable: {locked}: permission denied", str(locked))]


def test_a_file_over_the_cap_is_an_error_naming_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.ics"
    with huge.open("wb") as out:
        out.truncate(sources.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(CallprepError) as caught:
        read(huge)
    assert str(caught.value) == messages.CAL_TOO_BIG.format(path=huge, mb=20)
    folder = tmp_path / "vdir"
    folder.mkdir()
    huge.rename(folder / "huge.ics")
    _found, skipped = read(folder)
    assert [s.reason for s in skipped] == [f"unreadable: {folder / 'huge.ics'}: larger than 20 MB"]


class Endless(io.RawIOBase):
    """A stdin that never ends (like `yes | callprep import -`), counting what was read."""

    def __init__(self) -> None:
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        buffer[:] = b"X" * len(buffer)
        self.taken += len(buffer)
        return len(buffer)


def test_endless_stdin_is_read_only_to_the_cap() -> None:
    stream = Endless()
    with pytest.raises(CallprepError) as caught:
        finishes(lambda: read("-", stdin=io.BufferedReader(stream)))
    assert str(caught.value) == messages.CAL_TOO_BIG.format(path=messages.CAL_STDIN, mb=20)
    assert stream.taken <= sources.MAX_FILE_BYTES + 2 * 1024 * 1024


def test_stdin_from_a_terminal_is_refused() -> None:
    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    with pytest.raises(CallprepError) as caught:
        read("-", stdin=Terminal(b""))
    assert str(caught.value) == messages.CAL_STDIN_TTY


def test_stdin_is_read_once_and_named_dash() -> None:
    found, skipped = read("-", "-", stdin=io.BytesIO(REQUEST.read_bytes()))
    assert skipped == []
    assert [(e.uid, e.source) for e in found] == [(EXCHANGE_UID, "-")]


def test_stdin_and_files_together() -> None:
    found, _ = read("-", GOOGLE, stdin=io.BytesIO(REQUEST.read_bytes()))
    assert {e.source for e in found} == {"-", str(GOOGLE)}
    assert len(found) == 5


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", messages.CAL_WHY_EMPTY),
        (b"  \r\n\r\n", messages.CAL_WHY_EMPTY),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", messages.CAL_WHY_BINARY),
        (b"Subject: hello\r\n\r\nThis is an email, not a calendar.\r\n", None),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana\r\nEND:VCARD\r\n", messages.CAL_WHY_NO_CALENDAR),
        (b"END:VCALENDAR\r\n", None),
        (BROKEN.read_bytes(), messages.CAL_WHY_CUT_OFF),
    ],
)
def test_malformed_text_alone_is_an_error_and_among_others_a_skip(
    tmp_path: Path, data: bytes, why: str | None
) -> None:
    bad = tmp_path / "bad.ics"
    bad.write_bytes(data)
    with pytest.raises(CallprepError) as caught:
        read(bad)
    message = str(caught.value)
    assert message.startswith(f"{bad} is not a calendar file: ")
    assert "\n" not in message and "Traceback" not in message
    if why:
        assert message == messages.CAL_NOT_CALENDAR.format(path=bad, why=why)
    with pytest.raises(CallprepError):
        read("-", stdin=io.BytesIO(data))
    found, skipped = read(REQUEST, bad)
    assert len(found) == 1
    assert [s.source for s in skipped] == [str(bad)]
    assert skipped[0].reason.startswith(f"unreadable: {bad}: ")


def test_windows_1252_text_is_read() -> None:
    data = (
        calendar(*vevent("DTSTART:20261104T150000Z", "SUMMARY:Café Müller – Angebot"))
        .decode()
        .encode("cp1252")
    )
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert one(data).summary == "Café Müller – Angebot"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks(encoding: str) -> None:
    data = (
        calendar(*vevent("DTSTART:20261104T150000Z", "SUMMARY:Zoë → Škoda"))
        .decode()
        .encode(encoding)
    )
    assert one(data).summary == "Zoë → Škoda"


def test_invalid_utf8_bytes_do_not_break_the_rest() -> None:
    data = calendar(*vevent("DTSTART:20261104T150000Z", "SUMMARY:X")).replace(
        b"SUMMARY:X", b"SUMMARY:Caf\xc3 \xff\xfe ok"
    )
    assert one(data).summary.endswith("ok")


def test_control_and_bidi_characters_are_removed() -> None:
    data = calendar(
        *vevent(
            "DTSTART:20261104T150000Z",
            "SUMMARY:Pay\x1b[31m now\u202e!",
            "DESCRIPTION:line\u2028two\\nthree\x07",
        ),
    )
    event = one(data)
    assert event.summary == "Pay[31m now!"
    assert event.description == "line\ntwo\nthree"


def test_a_line_separator_inside_a_summary_survives_the_prefilter() -> None:
    data = calendar(
        *vevent("DTSTART:20261104T150000Z", "SUMMARY:Before\u2028after", "LOCATION:Room 1")
    )
    event = one(data)
    assert (event.summary, event.location) == ("Before after", "Room 1")


@pytest.mark.slow
def test_deep_nesting_and_many_components_do_not_recurse() -> None:
    depth = 50_000
    nested = [*(["BEGIN:X-DEEP"] * depth), *(["END:X-DEEP"] * depth)]
    inside_event = calendar(*vevent("DTSTART:20261104T150000Z", *nested))
    inside_calendar = calendar(*nested, *vevent("DTSTART:20261104T150000Z"))
    for data in (inside_event, inside_calendar):
        found, _ = finishes(lambda data=data: read_bytes(data))  # type: ignore[misc]
        assert [e.uid for e in found] == ["evt-1@tests.example"]


def test_a_date_x_wr_timezone_cannot_place_skips_that_event_only() -> None:
    data = calendar(
        *vevent("DTSTART:00010101T000000Z", "RRULE:FREQ=YEARLY", "SUMMARY:Year one", uid="early"),
        *vevent("DTSTART:20261104T150000Z", "SUMMARY:Fine", uid="fine"),
        head=("X-WR-TIMEZONE:Europe/London",),  # 00:00Z in the year 1 is 23:59 the year before
    )
    found, skipped = read_bytes(data)
    assert [e.uid for e in found] == ["fine"]
    why = messages.CAL_WHY_OUT_OF_RANGE
    assert [(s.uid, s.reason) for s in skipped] == [("early", f"unreadable: {why}")]


def test_a_vtimezone_whose_rule_never_matches_is_not_used() -> None:
    zone = [
        "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31" if "BYMONTH=3" in line else line
        for line in _vtimezone("Eastern Standard Time", "-0500", "-0400")
    ]  # DAYLIGHT begins on 31 February, daily
    data = calendar(*zone, *vevent("DTSTART;TZID=Eastern Standard Time:20261029T110000"))
    event = finishes(lambda: one(data))
    assert event.start == dt.datetime(2026, 10, 29, 11, 0, tzinfo=NEW_YORK)  # the name's zone


def test_properties_given_twice_or_garbled() -> None:
    data = calendar(
        "BEGIN:VEVENT",
        "UID:first-uid",
        "UID:second-uid",
        "SEQUENCE:3",
        "SEQUENCE:4",
        "SUMMARY:One",
        "SUMMARY:Two",
        "DTSTART:20261104T150000Z",
        "ATTENDEE:mailto:dana.whitfield@northwind-foods.example",
        "END:VEVENT",
        *vevent("DTSTART:20261105T150000Z", "SEQUENCE:soon", "RRULE:FREQ=DAILY;COUNT=2", uid="s"),
    )
    found, skipped = read_bytes(data)
    assert skipped == []
    assert [(e.uid, e.sequence, e.summary) for e in found] == [
        ("first-uid", 3, "One"),
        ("s", 0, ""),
        ("s", 0, ""),
    ]


def test_two_calendars_in_one_file_and_bare_events() -> None:
    data = calendar(*vevent("DTSTART:20261104T150000Z", uid="one")) + calendar(
        *vevent("DTSTART:20261105T150000Z", uid="two")
    )
    assert [e.uid for e in read_bytes(data)[0]] == ["one", "two"]
    bare = "".join(
        f"{line}\r\n" for line in vevent("DTSTART:20261104T150000Z", uid="bare")
    ).encode()
    assert [e.uid for e in read_bytes(bare)[0]] == ["bare"]


def test_attendee_oddities() -> None:
    data = calendar(
        "BEGIN:VEVENT",
        "UID:people",
        "DTSTART:20261104T150000Z",
        "ORGANIZER:MAILTO:Sam.Carter@OurCo.example",
        "ATTENDEE;CN='dana.whitfield@northwind-foods.example';RSVP=TRUE:mailto:dana.whitfield@northwind-foods.example",
        "ATTENDEE;CN=Dana again:mailto:DANA.WHITFIELD@northwind-foods.example",
        "ATTENDEE;CN=Owen Blake;EMAIL=owen.blake@northwind-foods.example:urn:uuid:0b3c",
        "ATTENDEE;CN=Phone-in guest:tel:+44-20-0000-0000",
        "ATTENDEE;CUTYPE=ROOM;CN=Room 4B:mailto:room-4b@ourco.example",
        "ATTENDEE:invalid:nomail",
        "ATTENDEE;CN=O'Neill:mailto:not an address",
        "END:VEVENT",
    )
    event = one(data)
    assert event.organizer == Person("", "sam.carter@ourco.example")
    assert event.attendees == (
        Person("", "dana.whitfield@northwind-foods.example"),
        Person("Owen Blake", "owen.blake@northwind-foods.example"),
        Person("Phone-in guest", ""),
        Person("O'Neill", ""),
    )
    alone = one(
        calendar(
            *vevent("DTSTART:20261104T150000Z")[:-2],
            "ATTENDEE:mailto:sam.carter@ourco.example",
            "ORGANIZER:mailto:sam.carter@ourco.example",
            "END:VEVENT",
        )
    )
    assert events.not_a_meeting(alone) == messages.CAL_SKIP_NO_ATTENDEES


def test_the_window_is_start_inclusive_end_exclusive() -> None:
    data = calendar(
        *vevent("DTSTART:20261018T230000Z", "DTEND:20261019T010000Z", uid="at-start"),  # 00:00 BST
        *vevent("DTSTART:20261018T225900Z", "DTEND:20261019T010000Z", uid="before"),
        *vevent("DTSTART:20261116T000000Z", uid="at-end"),  # 00:00 GMT
    )
    assert [e.uid for e in read_bytes(data)[0]] == ["at-start"]


def test_naive_window_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        events.read(
            ["-"],
            start=dt.datetime(2026, 1, 1),
            end=END,
            default_zone=CHICAGO,
            stdin=io.BytesIO(b""),
        )


# --- a 1,000-event export ------------------------------------------------------------------


@pytest.fixture(scope="module")
def big() -> bytes:
    return big_export()


@pytest.mark.slow
def test_the_big_export_reads_every_event(big: bytes) -> None:
    """Its speed against icalendar's own parse: benchmarks/readers.py."""
    found, skipped = read_bytes(big, start=BIG_START, end=BIG_END, zone=LONDON)
    assert skipped == []
    assert len({e.uid for e in found}) == 1000
    assert len(found) > 1000  # recurring ones expanded
    assert any(e.cancelled and e.recurrence_id for e in found)
    assert any(e.cancelled and not e.recurrence_id for e in found)
    assert any(e.all_day for e in found)
    assert len({p.email.split("@")[1] for e in found for p in e.attendees}) > 20


@pytest.mark.slow
def test_a_two_week_window_of_the_big_export_reads_what_lies_in_it(big: bytes) -> None:
    start = dt.datetime(2026, 11, 2, tzinfo=LONDON)
    window = {"start": start, "end": start + dt.timedelta(days=14), "zone": LONDON}
    found, _ = read_bytes(big, **window)  # type: ignore[arg-type]
    assert 100 < len(found) < 400
    assert all(start <= e.start < start + dt.timedelta(days=14) for e in found)


@pytest.mark.slow
@pytest.mark.parametrize("days", [1, 14, 45])
def test_the_prefilter_changes_nothing_that_is_read(
    big: bytes, days: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = dt.datetime(2026, 11, 2, 7, 30, tzinfo=NEW_YORK)
    window = {"start": start, "end": start + dt.timedelta(days=days), "zone": LONDON}
    fast = read_bytes(big, **window)
    monkeypatch.setattr(sources, "_narrow", lambda text, window, raws=None: text)
    assert read_bytes(big, **window) == fast


# --- properties ----------------------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(count=st.integers(1, 40), seed=st.integers(0, 2**32), days=st.integers(1, 90))
def test_the_same_bytes_read_twice_give_the_same_events(count: int, seed: int, days: int) -> None:
    data = big_export(count, seed)
    window = {"start": BIG_START, "end": BIG_START + dt.timedelta(days=days), "zone": LONDON}
    assert read_bytes(data, **window) == read_bytes(data, **window)


_TEXT = st.text(
    # No '"' (a parameter cannot hold one) and no backslash: icalendar writes CN=\ bare
    # and reads it back as an escaped colon.
    st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters='"\\'),
    min_size=1,
    max_size=40,
)
_ZONES = st.sampled_from(
    ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"]
)
_EMAILS = st.builds(
    "{}@{}".format,
    st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,15}", fullmatch=True),
    st.sampled_from(["northwind-foods.example", "OurCo.example", "globex-logistics.example"]),
)


def _expected_name(name: str, email: str) -> str:
    from callprep.text import one_line

    name = one_line(name)
    if len(name) >= 2 and name[0] == name[-1] and name[0] in "'\"":
        name = name[1:-1].strip()
    return "" if name.lower() == email.lower() else name


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(
    uid=_TEXT.filter(lambda s: s.strip() == s),
    summary=_TEXT,
    zone=_ZONES,
    when=st.datetimes(min_value=dt.datetime(2026, 10, 20), max_value=dt.datetime(2026, 11, 14)),
    minutes=st.integers(1, 600),
    people=st.lists(
        st.tuples(_TEXT, _EMAILS), min_size=1, max_size=6, unique_by=lambda p: p[1].lower()
    ),
)
def test_an_event_written_by_icalendar_reads_back(
    uid: str,
    summary: str,
    zone: str,
    when: dt.datetime,
    minutes: int,
    people: list[tuple[str, str]],
) -> None:
    from icalendar import Calendar, vCalAddress
    from icalendar import Event as IcsEvent

    start = when.replace(second=0, microsecond=0, tzinfo=ZoneInfo(zone))
    cal = Calendar()
    cal.add("prodid", "-//tests//EN")
    cal.add("version", "2.0")
    item = IcsEvent()
    item.add("uid", uid)
    item.add("summary", summary)
    item.add("dtstart", start)
    # Elapsed minutes: across a change of the clocks the wall time moves by more or less.
    end = (start.astimezone(dt.UTC) + dt.timedelta(minutes=minutes)).astimezone(start.tzinfo)
    # A wall time the clocks show twice (the hour after they go back) cannot say which of the
    # two it is in iCalendar: RFC 5545 reads it as the first, so no round trip is possible.
    assume(end.replace(fold=0).utcoffset() == end.replace(fold=1).utcoffset())
    item.add("dtend", end)
    organizer = vCalAddress(f"mailto:{people[0][1]}")
    organizer.params["CN"] = people[0][0]
    item.add("organizer", organizer)
    for name, email in people:
        address = vCalAddress(f"mailto:{email}")
        address.params["CN"] = name
        address.params["ROLE"] = "REQ-PARTICIPANT"
        item.add("attendee", address)
    cal.add_component(item)
    cal.add_missing_timezones()

    event = one(cal.to_ical(), start=START, end=END, zone=CHICAGO)
    from callprep.text import one_line

    assert event.uid == uid
    assert event.summary == one_line(summary)
    assert event.start == start
    assert event.zone == ("" if zone == "UTC" else zone)
    assert event.minutes == minutes
    assert event.organizer == Person(_expected_name(*people[0]), people[0][1].lower())
    assert event.attendees == tuple(
        Person(_expected_name(name, email), email.lower(), "REQ-PARTICIPANT")
        for name, email in people
    )
