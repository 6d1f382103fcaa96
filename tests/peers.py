"""Calendar files read as other calendar software reads them, in one shape to compare.

Each reader turns an .ics file's VEVENTs into `Reading`s: the event's identity and text, and
its start and end as UTC instants. A test writes a file through callprep and asserts that every
reader sees the same thing:

- `icalendar`: the library callprep writes with; it resolves a TZID by its IANA name.
- `icalendar_vtimezone`: icalendar again, but each time read through the file's own VTIMEZONE
  (`Timezone.to_tz(lookup_tzid=False)`, dateutil underneath), as a client without the IANA
  database does.
- `recurring`: python-recurring-ical-events, the occurrences in a window (what khal and
  similar tools show).
- `vobject`: the file's VTIMEZONE, as Radicale and older Python clients read it.
- `icaljs`: ical.js (the parser behind Thunderbird and Nextcloud) in node, through
  tests/js/read_ics.mjs; None when node or tests/js/node_modules is missing
  (`sh tests/js/install.sh` installs it).

`readings(data)` gives them all by name, `python_readings(data)` all but ical.js;
`switches(zone, year)` names the instants a zone's clocks change, to pick dates around them.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

JS = Path(__file__).resolve().parent / "js"
READ_ICS = JS / "read_ics.mjs"
NODE_TIMEOUT = 60  # seconds: a cold node start on a busy machine, never a hang

When = dt.datetime | dt.date | None


@dataclass(frozen=True)
class Reading:
    """One VEVENT as a reader understood it. Times are UTC (a date for an all-day value, a
    naive datetime for a floating one, which names no instant); absent text is ""."""

    uid: str
    recurrence_id: When
    sequence: int | None
    summary: str
    status: str
    location: str
    description: str
    url: str
    start: When
    end: When
    tzid: str  # the zone DTSTART names ("" for UTC or a floating time)
    # The join links and attachments the event carries, "NAME value" in LINKS' order.
    links: tuple[str, ...] = ()


# Where calendars keep a meeting's join link (and its files), besides URL and the description.
LINKS = ("CONFERENCE", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "ATTACH")


def utc(value: Any) -> When:
    """A date-time as UTC; a date or a floating (naive) time as it is."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC) if value.tzinfo is not None else value
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"not a date or time: {value!r}")


def switches(zone: ZoneInfo, year: int) -> list[dt.datetime]:
    """The UTC instants (to the minute) in `year` at which the zone's offset changes.

    Found by walking the year minute by minute around each change of the daily offset: this
    harness's own reading of the zone, independent of the code under test.
    """
    found = []
    day = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    while day.year == year:
        following = day + dt.timedelta(days=1)
        if day.astimezone(zone).utcoffset() != following.astimezone(zone).utcoffset():
            moment = day
            offset = moment.astimezone(zone).utcoffset()
            while moment.astimezone(zone).utcoffset() == offset:
                moment += dt.timedelta(minutes=1)
            found.append(moment)
        day = following
    return found


# --- icalendar and recurring-ical-events -------------------------------------------------------


def _from_icalendar(event: Any, start: Any, end: Any) -> Reading:
    def text(name: str) -> str:
        return str(event[name]) if name in event else ""

    recurrence = event.decoded("RECURRENCE-ID") if "RECURRENCE-ID" in event else None
    sequence = event.decoded("SEQUENCE") if "SEQUENCE" in event else None
    return Reading(
        uid=text("UID"),
        recurrence_id=utc(recurrence),
        sequence=int(sequence) if sequence is not None else None,
        summary=text("SUMMARY"),
        status=text("STATUS"),
        location=text("LOCATION"),
        description=text("DESCRIPTION"),
        url=text("URL"),
        start=utc(start),
        end=utc(end),
        tzid=str(event["DTSTART"].params.get("TZID", "")),
        links=tuple(f"{name} {text(name)}" for name in LINKS if name in event),
    )


def _end(event: Any, start: Any) -> Any:
    if "DTEND" in event:
        return event.decoded("DTEND")
    if "DURATION" in event:
        return start + event.decoded("DURATION")
    return start


def read_icalendar(data: bytes) -> list[Reading]:
    from icalendar import Calendar

    readings = []
    for event in Calendar.from_ical(data).walk("VEVENT"):
        start = event.decoded("DTSTART")
        readings.append(_from_icalendar(event, start, _end(event, start)))
    return readings


def read_icalendar_vtimezone(data: bytes) -> list[Reading]:
    """As `read_icalendar`, but a TZID means the file's VTIMEZONE of that name, never the IANA
    zone of that name; a TZID the file does not define reads as floating."""
    from icalendar import Calendar

    calendar = Calendar.from_ical(data)
    zones = {str(z["TZID"]): z.to_tz(lookup_tzid=False) for z in calendar.walk("VTIMEZONE")}

    def own(event: Any, name: str) -> Any:
        prop = event[name]
        value = prop.dt
        tzid = prop.params.get("TZID")
        if not isinstance(value, dt.datetime) or tzid is None:
            return value
        zone = zones.get(str(tzid))
        naive = value.replace(tzinfo=None)
        return naive.replace(tzinfo=zone) if zone is not None else naive

    readings = []
    for event in calendar.walk("VEVENT"):
        start = own(event, "DTSTART")
        end = own(event, "DTEND") if "DTEND" in event else _end(event, start)
        readings.append(_from_icalendar(event, start, end))
    return readings


def read_recurring(data: bytes, start: dt.datetime, end: dt.datetime) -> list[Reading]:
    """The occurrences python-recurring-ical-events finds between `start` and `end`."""
    import recurring_ical_events
    from icalendar import Calendar

    calendar = Calendar.from_ical(data)
    # recurring-ical-events gives every occurrence a RECURRENCE-ID, a single event's too; keep
    # it only where the file has one or a series, as the other readers do.
    series = {
        str(e["UID"])
        for e in calendar.walk("VEVENT")
        if {"RRULE", "RDATE", "RECURRENCE-ID"} & set(e.keys())
    }
    readings = []
    for event in recurring_ical_events.of(calendar).between(start, end):
        first = event.decoded("DTSTART")
        reading = _from_icalendar(event, first, _end(event, first))
        if reading.uid not in series:
            reading = replace(reading, recurrence_id=None)
        readings.append(reading)
    return readings


# --- vobject -----------------------------------------------------------------------------------


def _forget_vobject_zones() -> None:
    """vobject keeps the first definition of a TZID it parsed for the rest of the process, so
    without this every file after the first would be read with the first file's zone."""
    import vobject.icalendar

    registry = vars(vobject.icalendar)["__tzidMap"]
    registry.clear()
    vobject.icalendar.registerTzid("UTC", vobject.icalendar.utc)


def read_vobject(data: bytes) -> list[Reading]:
    import vobject

    _forget_vobject_zones()
    calendar = vobject.readOne(data.decode("utf-8"))
    readings = []
    for event in calendar.contents.get("vevent", []):

        def value(name: str, event: Any = event) -> Any:
            lines = event.contents.get(name)
            return lines[0].value if lines else None

        def text(name: str, value: Callable[[str], Any] = value) -> str:
            found = value(name)
            return "" if found is None else str(found)

        start = value("dtstart")
        end = value("dtend")
        if end is None:
            duration = value("duration")
            end = start + duration if duration is not None else start
        sequence = value("sequence")
        # vobject moves the TZID parameter aside once the time carries its zone
        params = event.dtstart.params
        tzid = (params.get("TZID") or params.get("X-VOBJ-ORIGINAL-TZID") or [""])[0]
        readings.append(
            Reading(
                uid=text("uid"),
                recurrence_id=utc(value("recurrence-id")),
                sequence=int(sequence) if sequence is not None else None,
                summary=text("summary"),
                status=text("status"),
                location=text("location"),
                description=text("description"),
                url=text("url"),
                start=utc(start),
                end=utc(end),
                tzid=tzid,
                links=tuple(
                    f"{name} {text(name.lower())}" for name in LINKS if value(name.lower())
                ),
            )
        )
    return readings


# --- ical.js -----------------------------------------------------------------------------------


def icaljs_available() -> bool:
    return shutil.which("node") is not None and (JS / "node_modules" / "ical.js").is_dir()


def _js_time(value: str | None) -> When:
    if value is None:
        return None
    if len(value) == 10:  # an all-day date
        return dt.date.fromisoformat(value)
    return utc(dt.datetime.fromisoformat(value.replace("Z", "+00:00")))


def read_icaljs(data: bytes) -> list[Reading] | None:
    """The events as ical.js reads them; None when node or the installed ical.js is missing."""
    node = shutil.which("node")
    if node is None or not icaljs_available():
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "invite.ics"
        path.write_bytes(data)
        done = subprocess.run(
            [node, str(READ_ICS), str(path)],
            capture_output=True,
            text=True,
            timeout=NODE_TIMEOUT,
            check=False,
        )
    if done.returncode != 0:
        raise AssertionError(f"ical.js could not read the file:\n{done.stderr}")
    readings = []
    for event in json.loads(done.stdout):
        tzid = event["tzid"]
        readings.append(
            Reading(
                uid=event["uid"] or "",
                recurrence_id=_js_time(event["recurrence_id"]),
                sequence=event["sequence"],
                summary=event["summary"] or "",
                status=event["status"] or "",
                location=event["location"] or "",
                description=event["description"] or "",
                url=event["url"] or "",
                start=_js_time(event["start"]),
                end=_js_time(event["end"]),
                tzid="" if tzid in (None, "UTC", "floating") else tzid,
                links=tuple(
                    f"{name} {event['links'][name]}" for name in LINKS if name in event["links"]
                ),
            )
        )
    return readings


# --- all of them -------------------------------------------------------------------------------


def python_readings(
    data: bytes, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> dict[str, list[Reading]]:
    """The Python readers' events by the reader's name.

    recurring-ical-events needs a window: [start, end), by default the events' own span.
    """
    if start is None or end is None:
        own = read_icalendar(data)
        starts = [r.start for r in own if isinstance(r.start, dt.datetime)]
        ends = [r.end for r in own if isinstance(r.end, dt.datetime)]
        start = start or min(starts)
        end = end or max(ends) + dt.timedelta(seconds=1)
    return {
        "icalendar": read_icalendar(data),
        "icalendar_vtimezone": read_icalendar_vtimezone(data),
        "recurring": read_recurring(data, start, end),
        "vobject": read_vobject(data),
    }


def readings(
    data: bytes, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> dict[str, list[Reading] | None]:
    """Every reader's events by the reader's name (ical.js None when it is not installed)."""
    found: dict[str, list[Reading] | None] = {**python_readings(data, start, end)}
    found["icaljs"] = read_icaljs(data)
    return found
