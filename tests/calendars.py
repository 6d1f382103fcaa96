"""Calendars made in code: a large, deterministic export like Google Calendar writes.

`big_export()` is used by tests/test_events.py and by the import benchmark: every event
starts inside [BIG_START, BIG_END), so reading that window returns every one of them.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
BIG_START = dt.datetime(2026, 10, 1, tzinfo=LONDON)
BIG_END = dt.datetime(2027, 1, 1, tzinfo=LONDON)

_FIRST = [
    "Dana",
    "Priya",
    "Lena",
    "Tomás",
    "Chinedu",
    "Leila",
    "Marta",
    "Owen",
    "Grace",
    "Ravi",
    "Jo",
    "Sam",
    "Aiko",
    "Björn",
    "Carmen",
    "Dmitri",
    "Elif",
    "Farah",
    "Gustavo",
    "Hana",
    "Ines",
    "Jamal",
    "Kenji",
    "Laila",
    "Mateo",
    "Nadia",
    "Oscar",
    "Paula",
    "Quinn",
    "Rosa",
    "Stefan",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Xavier",
    "Yara",
    "Zoltán",
]
_LAST = [
    "Whitfield",
    "Raman",
    "Park",
    "Ortega",
    "Okafor",
    "Ibrahim",
    "Kowalski",
    "Blake",
    "Oyelaran",
    "Menon",
    "Hale",
    "Carter",
    "Tanaka",
    "Lindqvist",
    "Ruiz",
    "Volkov",
    "Demir",
    "Haddad",
    "Pereira",
    "Kim",
    "Duarte",
    "Rahman",
    "Sato",
    "Nasser",
    "Rossi",
    "O'Neill",
    "Brandt",
    "Nowak",
    "Achebe",
    "Moreau",
    "Kaur",
    "Jensen",
    "Novak",
]
_WORDS = [
    "northwind",
    "contoso",
    "globex",
    "initrode",
    "umbrella",
    "stark",
    "wayne",
    "acme",
    "vandelay",
    "soylent",
    "hooli",
    "massive",
    "dynamic",
    "cyberdyne",
    "tyrell",
    "wonka",
    "gringotts",
    "oscorp",
    "aperture",
    "black-mesa",
    "blue-sun",
    "pied-piper",
    "prestige",
    "virtucon",
    "zorg",
]
_KINDS = ("discovery", "demo", "pilot check-in", "pricing", "security review", "kick-off")
_ZONES = ("Europe/London", "America/New_York", "Europe/Berlin")

_VTIMEZONES = {
    "Europe/London": (("DAYLIGHT", "+0000", "+0100", "BST", "19700329T010000", "3", "-1SU"),
                      ("STANDARD", "+0100", "+0000", "GMT", "19701025T020000", "10", "-1SU")),
    "America/New_York": (("DAYLIGHT", "-0500", "-0400", "EDT", "19700308T020000", "3", "2SU"),
                         ("STANDARD", "-0400", "-0500", "EST", "19701101T020000", "11", "1SU")),
    "Europe/Berlin": (("DAYLIGHT", "+0100", "+0200", "CEST", "19700329T020000", "3", "-1SU"),
                      ("STANDARD", "+0200", "+0100", "CET", "19701025T030000", "10", "-1SU")),
}  # fmt: skip


def fold(line: str) -> bytes:
    """One content line folded at 75 octets (never inside a UTF-8 character), with CRLF."""
    pieces: list[bytes] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not pieces else 74):
            pieces.append(current)
            current = b""
        current += encoded
    pieces.append(current)
    return b"\r\n ".join(pieces) + b"\r\n"


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _domains(rng: random.Random) -> list[str]:
    return [f"{w}-{rng.choice(('foods', 'freight', 'logistics', 'labs'))}.example" for w in _WORDS]


def export_domains(seed: int = 2026) -> list[str]:
    """The customer domains `big_export(count, seed)` invites people from (any count)."""
    return _domains(random.Random(seed))


def big_export(count: int = 1000, seed: int = 2026) -> bytes:
    """A Google Calendar export of `count` events (the same bytes for the same arguments).

    One to fifteen attendees across ~25 customer domains and ourco.example (four on
    average, as B2B meetings go); about one in ten events
    recurs weekly (some with an EXDATE and a cancelled or moved instance), one in twenty is
    cancelled, one in twenty is all-day; times in UTC and in three TZIDs.
    """
    rng = random.Random(seed)
    domains = _domains(rng)
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:sam.carter@ourco.example",
        "X-WR-TIMEZONE:Europe/London",
    ]
    for tzid, observances in _VTIMEZONES.items():
        lines += ["BEGIN:VTIMEZONE", f"TZID:{tzid}", f"X-LIC-LOCATION:{tzid}"]
        for kind, offset_from, offset_to, name, start, month, day in observances:
            lines += [
                f"BEGIN:{kind}",
                f"TZOFFSETFROM:{offset_from}",
                f"TZOFFSETTO:{offset_to}",
                f"TZNAME:{name}",
                f"DTSTART:{start}",
                f"RRULE:FREQ=YEARLY;BYMONTH={month};BYDAY={day}",
                f"END:{kind}",
            ]
        lines.append("END:VTIMEZONE")

    stamp = "20260930T120000Z"
    for number in range(count):
        domain = rng.choice(domains)
        account = domain.split("-")[0].title()
        uid = f"{rng.getrandbits(104):026x}@google.com"
        day = dt.date(2026, 10, 1) + dt.timedelta(days=rng.randrange(0, 80))
        start = dt.datetime.combine(day, dt.time(rng.randrange(7, 18), rng.choice((0, 15, 30, 45))))
        minutes = rng.choice((15, 30, 30, 45, 60, 60, 90))
        recurring = number % 10 == 3
        all_day = number % 20 == 7
        cancelled = number % 20 == 11
        style = rng.random()
        if all_day:
            when = [
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
            ]
            zone = None
        elif style < 0.6 and not recurring:
            begin = start.replace(tzinfo=LONDON)
            when = [
                f"DTSTART:{_stamp(begin)}",
                f"DTEND:{_stamp(begin + dt.timedelta(minutes=minutes))}",
            ]
            zone = None
        else:
            zone = rng.choice(_ZONES)
            end = start + dt.timedelta(minutes=minutes)
            when = [
                f"DTSTART;TZID={zone}:{start:%Y%m%dT%H%M%S}",
                f"DTEND;TZID={zone}:{end:%Y%m%dT%H%M%S}",
            ]
        people = [("Sam Carter", "sam.carter@ourco.example")]
        for _ in range(rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 9, 14))):
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            side = domain if rng.random() < 0.8 else "ourco.example"
            email = f"{first.lower()}.{last.lower().replace(chr(39), '')}@{side}"
            people.append((f"{first} {last}", email))
        kind = rng.choice(_KINDS)
        summary = f"{account}: {kind}"
        description = (
            f"Agenda for the {kind}:<br><ul><li>Where they are today, and why now</li>"
            f"<li>Next step &amp; owner</li></ul>Notes\\, if any: {rng.randrange(1000)}"
            if rng.random() < 0.5
            else f"Call #{number}.\nBring: pricing, references; the pilot plan."
        )
        body = [
            *when,
            f"DTSTAMP:{stamp}",
            f"ORGANIZER;CN={people[0][0]}:mailto:{people[0][1]}",
            f"UID:{uid}",
            *(
                f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT="
                f"{rng.choice(('ACCEPTED', 'NEEDS-ACTION', 'TENTATIVE', 'DECLINED'))};"
                f'CN="{name}";X-NUM-GUESTS=0:mailto:{email}'
                for name, email in dict(people).items()
            ),
            f"CREATED:{stamp}",
            f"DESCRIPTION:{description if '<' in description else escape(description)}",
            f"LAST-MODIFIED:{stamp}",
            f"LOCATION:{escape(rng.choice(('', 'Teams', f'{account} HQ, Room 2')))}",
            f"SEQUENCE:{rng.randrange(0, 3)}",
            f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
            f"SUMMARY:{escape(summary)}",
            "TRANSP:OPAQUE",
        ]
        if recurring:
            weeks = rng.randrange(2, 8)
            body.append(f"RRULE:FREQ=WEEKLY;COUNT={weeks}")
            second = start + dt.timedelta(weeks=1)
            if rng.random() < 0.5:
                body.append(f"EXDATE;TZID={zone}:{second:%Y%m%dT%H%M%S}")
        lines += ["BEGIN:VEVENT", *body, "END:VEVENT"]
        if recurring and rng.random() < 0.5:
            # One instance overridden: cancelled, or moved an hour later.
            third = start + dt.timedelta(weeks=min(2, weeks - 1))
            moved = third + dt.timedelta(hours=1)
            overridden = rng.random() < 0.5
            lines += [
                "BEGIN:VEVENT",
                f"DTSTART;TZID={zone}:{(third if overridden else moved):%Y%m%dT%H%M%S}",
                f"DTEND;TZID={zone}:"
                f"{(third if overridden else moved) + dt.timedelta(minutes=minutes):%Y%m%dT%H%M%S}",
                f"DTSTAMP:{stamp}",
                f"UID:{uid}",
                f"RECURRENCE-ID;TZID={zone}:{third:%Y%m%dT%H%M%S}",
                f"SEQUENCE:{3}",
                f"STATUS:{'CANCELLED' if overridden else 'CONFIRMED'}",
                f"SUMMARY:{escape(summary)}",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)
