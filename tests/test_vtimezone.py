"""The VTIMEZONE an invite carries: its form per zone, and its offsets in every reader.

The form: a zone that follows one yearly rule over the covered years gets one STANDARD and one
DAYLIGHT with an RRULE (as Outlook and Google write them); a zone whose rule changed, or whose
changes follow no weekday rule, one sub-component per change; a zone without changes one
STANDARD. Never an RDATE: several clients read only the first value of one.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import pytest
from icalendar import Calendar, Event

from callprep.calendar.vtimezone import vtimezone, wall_time_is_ambiguous
from tests import peers


def observances(component: Any) -> list[list[str]]:
    """Each STANDARD/DAYLIGHT as its unfolded content lines: ["DAYLIGHT", "DTSTART:...", ...]."""
    found: list[list[str]] = []
    inside = False
    for line in component.to_ical().decode().replace("\r\n ", "").split("\r\n"):
        if line in ("BEGIN:STANDARD", "BEGIN:DAYLIGHT"):
            found.append([line.removeprefix("BEGIN:")])
            inside = True
        elif line.startswith("END:"):
            inside = False
        elif inside:
            found[-1].append(line)
    return found


def around(zone: str, *moment: int) -> Any:
    """The VTIMEZONE for a call at `moment` (year, month, day, ...) in `zone`."""
    start = dt.datetime(*moment, tzinfo=ZoneInfo(zone))  # type: ignore[misc]
    return vtimezone(ZoneInfo(zone), start, start + dt.timedelta(minutes=45))


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (
            "America/New_York",
            [
                ["DAYLIGHT", "DTSTART:20260308T020000", "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
                 "TZNAME:EDT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400"],
                ["STANDARD", "DTSTART:20261101T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
                 "TZNAME:EST", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500"],
            ],
        ),
        (
            "Europe/London",
            [
                ["DAYLIGHT", "DTSTART:20260329T010000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
                 "TZNAME:BST", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100"],
                ["STANDARD", "DTSTART:20261025T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
                 "TZNAME:GMT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000"],
            ],
        ),
        (
            "Europe/Berlin",
            [
                ["DAYLIGHT", "DTSTART:20260329T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
                 "TZNAME:CEST", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200"],
                ["STANDARD", "DTSTART:20261025T030000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
                 "TZNAME:CET", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100"],
            ],
        ),
        (  # southern hemisphere: summer time over New Year
            "Australia/Sydney",
            [
                ["STANDARD", "DTSTART:20260405T030000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4",
                 "TZNAME:AEST", "TZOFFSETFROM:+1100", "TZOFFSETTO:+1000"],
                ["DAYLIGHT", "DTSTART:20261004T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=10",
                 "TZNAME:AEDT", "TZOFFSETFROM:+1000", "TZOFFSETTO:+1100"],
            ],
        ),
        (  # a 30-minute saving
            "Australia/Lord_Howe",
            [
                ["STANDARD", "DTSTART:20260405T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4",
                 "TZNAME:+1030", "TZOFFSETFROM:+1100", "TZOFFSETTO:+1030"],
                ["DAYLIGHT", "DTSTART:20261004T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=10",
                 "TZNAME:+11", "TZOFFSETFROM:+1030", "TZOFFSETTO:+1100"],
            ],
        ),
        (  # the data marks winter as a negative saving: summer is still DAYLIGHT
            "Europe/Dublin",
            [
                ["DAYLIGHT", "DTSTART:20260329T010000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
                 "TZNAME:IST", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100"],
                ["STANDARD", "DTSTART:20261025T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
                 "TZNAME:GMT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000"],
            ],
        ),
    ],
)  # fmt: skip
def test_a_zone_with_one_yearly_rule_gets_it_as_rrules(zone: str, expected: list[Any]) -> None:
    component = around(zone, 2027, 7, 15, 10)
    assert str(component["TZID"]) == zone
    assert observances(component) == expected
    # January, or a call on the switch day itself, covers the same years: the same rules.
    assert observances(around(zone, 2027, 1, 15, 10)) == expected
    assert observances(around(zone, 2027, 3, 14, 10)) == expected


@pytest.mark.parametrize(
    ("zone", "offset", "name"),
    [
        ("Asia/Kolkata", "+0530", "IST"),
        ("America/Sao_Paulo", "-0300", "-03"),  # summer time abolished in 2019
        ("Pacific/Apia", "+1300", "+13"),  # abolished in 2021
        ("UTC", "+0000", "UTC"),
        ("Etc/GMT+5", "-0500", "-05"),
    ],
)
def test_a_zone_without_changes_gets_one_standard(zone: str, offset: str, name: str) -> None:
    assert observances(around(zone, 2027, 7, 15, 10)) == [
        [
            "STANDARD",
            "DTSTART:20260101T000000",
            f"TZNAME:{name}",
            f"TZOFFSETFROM:{offset}",
            f"TZOFFSETTO:{offset}",
        ]
    ]


def test_summer_time_abolished_within_the_years_gets_each_change_and_no_rule() -> None:
    # Sao Paulo's last summer time ended in February 2019; none began in November 2019.
    assert observances(around("America/Sao_Paulo", 2019, 1, 15, 10)) == [
        ["DAYLIGHT", "DTSTART:20180101T000000", "TZNAME:-02",
         "TZOFFSETFROM:-0200", "TZOFFSETTO:-0200"],
        ["STANDARD", "DTSTART:20180218T000000", "TZNAME:-03",
         "TZOFFSETFROM:-0200", "TZOFFSETTO:-0300"],
        ["DAYLIGHT", "DTSTART:20181104T000000", "TZNAME:-02",
         "TZOFFSETFROM:-0300", "TZOFFSETTO:-0200"],
        ["STANDARD", "DTSTART:20190217T000000", "TZNAME:-03",
         "TZOFFSETFROM:-0200", "TZOFFSETTO:-0300"],
    ]  # fmt: skip


def test_ramadan_switches_follow_no_rule_and_get_one_dtstart_each() -> None:
    found = observances(around("Africa/Casablanca", 2027, 2, 20, 10))
    starts = [lines[1] for lines in found]
    assert starts == [
        "DTSTART:20260101T000000",  # how the years begin: +01
        "DTSTART:20260215T030000",
        "DTSTART:20260322T020000",
        "DTSTART:20270207T030000",
        "DTSTART:20270314T020000",
        "DTSTART:20280123T030000",
        "DTSTART:20280305T020000",
    ]
    assert not [line for lines in found for line in lines if line.startswith(("RRULE", "RDATE"))]


def test_the_covered_years_follow_the_event() -> None:
    first = dt.datetime(2027, 12, 20, 10, tzinfo=ZoneInfo("America/New_York"))
    last = dt.datetime(2029, 1, 5, 10, tzinfo=ZoneInfo("America/New_York"))
    starts = [lines[1] for lines in observances(vtimezone(first.tzinfo, first, last))]  # type: ignore[arg-type]
    assert starts == ["DTSTART:20260308T020000", "DTSTART:20261101T020000"]
    later = [lines[1] for lines in observances(around("America/New_York", 2035, 6, 1, 10))]
    assert later == ["DTSTART:20340312T020000", "DTSTART:20341105T020000"]


def test_an_ambiguous_wall_time_is_known() -> None:
    zone = ZoneInfo("America/New_York")
    back = dt.datetime(2027, 11, 7, 6, 15, tzinfo=dt.UTC)  # 01:15 EST, the second 01:15
    assert wall_time_is_ambiguous(back.astimezone(zone))
    assert wall_time_is_ambiguous((back - dt.timedelta(hours=1)).astimezone(zone))
    assert not wall_time_is_ambiguous((back + dt.timedelta(hours=1)).astimezone(zone))
    assert not wall_time_is_ambiguous(dt.datetime(2027, 3, 14, 3, tzinfo=zone))
    assert not wall_time_is_ambiguous(dt.datetime(2027, 3, 14, 3, tzinfo=dt.UTC))


# --- every zone, in every reader ---------------------------------------------------------------

# All IANA zones but "Factory" (a placeholder) and "localtime" (the machine's own, where listed).
ZONES = sorted(available_timezones() - {"Factory", "localtime"})


def moments(zone: ZoneInfo, year: int) -> list[dt.datetime]:
    """10:00 on 15 January and 15 July, the days either side of every switch, and a quarter
    of an hour either side of it, in `zone`; the ambiguous ones left out (they go as UTC)."""
    found = [dt.datetime(year, month, 15, 10, tzinfo=zone) for month in (1, 7)]
    for switch in peers.switches(zone, year):
        day = switch.astimezone(zone).date()
        found += [
            dt.datetime.combine(day + dt.timedelta(days), dt.time(10), zone) for days in (-1, 0, 1)
        ]
        found += [(switch + dt.timedelta(minutes=m)).astimezone(zone) for m in (-15, 15)]
    return [m for m in found if not wall_time_is_ambiguous(m)]


@functools.cache
def every_zone_calendar(year: int) -> tuple[bytes, dict[str, dt.datetime]]:
    """One calendar: every zone's VTIMEZONE with an event at each of its moments."""
    calendar = Calendar()
    calendar.add("prodid", "-//callprep tests//EN")
    calendar.add("version", "2.0")
    expected: dict[str, dt.datetime] = {}
    for name in ZONES:
        zone = ZoneInfo(name)
        starts = moments(zone, year)
        calendar.add_component(vtimezone(zone, min(starts), max(starts)))
        for number, start in enumerate(starts):
            event = Event()
            uid = f"{name}-{number}"
            event.add("uid", uid)
            event.add("dtstamp", dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(minutes=30))
            if name in ("UTC", "Etc/UTC"):  # icalendar writes these as Z, and so does callprep
                event["DTSTART"].params.pop("TZID", None)
            calendar.add_component(event)
            expected[uid] = start.astimezone(dt.UTC)
    return calendar.to_ical(), expected


@pytest.mark.slow
@pytest.mark.parametrize("reader", ["icalendar_vtimezone", "vobject", "icaljs"])
def test_every_zone_reads_at_zoneinfos_instant(reader: str) -> None:
    if reader == "icaljs" and not peers.icaljs_available():
        pytest.skip("ical.js is not installed (sh tests/js/install.sh)")
    data, expected = every_zone_calendar(2027)
    read = {
        "icalendar_vtimezone": peers.read_icalendar_vtimezone,
        "vobject": peers.read_vobject,
        "icaljs": peers.read_icaljs,
    }[reader](data)
    assert read is not None
    found = {r.uid: r.start for r in read}
    wrong = {
        uid: (found.get(uid), want) for uid, want in expected.items() if found.get(uid) != want
    }
    assert not wrong, (
        f"{len(wrong)} of {len(expected)} read wrong, e.g. {sorted(wrong.items())[:5]}"
    )
