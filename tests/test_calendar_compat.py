"""callprep reads recurring-ical-events' own test calendars as that library does.

For every calendar the installed recurring-ical-events package ships (`test/calendars`, read
from where it is installed, never copied here), one outside attendee is added to each event as
the file is loaded, and callprep's meetings must start exactly where the library's occurrences
do, over the file's own years (and a year ahead for a series with no end). An occurrence that
is no meeting must be skipped by a rule the docs list (docs/calendar.md, "What is skipped"),
with its reason: all-day, cancelled, longer than a day, ending before it starts, nobody from
outside, repeating more than once a day. Anything else is a
difference to explain, and fails.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from callprep import messages
from callprep.calendar import events, meetings
from callprep.errors import CallprepError

recurring_ical_events = pytest.importorskip("recurring_ical_events")
icalendar = pytest.importorskip("icalendar")
x_wr_timezone = pytest.importorskip("x_wr_timezone")

PEER_CALENDARS = Path(recurring_ical_events.__file__).resolve().parent / "test" / "calendars"
FILES = sorted(PEER_CALENDARS.iterdir()) if PEER_CALENDARS.is_dir() else []

OURS = "ours.example"
SIDES = meetings.Sides((OURS,))
OUTSIDER = "ATTENDEE;CN=Pat Buyer:mailto:pat@customer.example"
UTC = ZoneInfo("UTC")  # the seller's zone: floating times and all-day dates
SPAN = 732  # days: the longest `import --days`
AHEAD = (dt.datetime(2027, 1, 4, tzinfo=dt.UTC), 365)  # "today" for a series with no end
MARGIN = dt.timedelta(days=2)  # the library is asked wider; starts are kept as callprep keeps them

# Why a meeting of the library's may be missing from callprep's, as the docs list the rules.
DOCUMENTED = (
    messages.IMPORT_SKIP_CANCELLED,
    messages.CAL_SKIP_TOO_LONG.partition("{")[0],
    messages.CAL_SKIP_NO_ATTENDEES,
    messages.IMPORT_SKIP_INTERNAL.partition("{")[0],
    messages.CAL_SKIP_SUB_DAILY,
    messages.CAL_SKIP_UNREADABLE.format(why=messages.CAL_WHY_ENDS_BEFORE),
)


def test_the_library_ships_its_calendars() -> None:
    assert len(FILES) >= 90, f"{PEER_CALENDARS}: {len(FILES)} files"


# --- loading ---------------------------------------------------------------------------------


def with_outsider(data: bytes) -> bytes:
    """The calendar with one outside attendee added to every VEVENT (not to its alarms)."""
    lines = data.decode("utf-8", "surrogateescape").split("\n")
    crlf = any(line.endswith("\r") for line in lines)
    out: list[str] = []
    depth = 0  # 1 inside a VEVENT, more inside what it holds
    for line in lines:
        word = line.strip().upper()
        if word == "BEGIN:VEVENT" and depth == 0:
            depth = 1
        elif depth and word.startswith("BEGIN:"):
            depth += 1
        elif depth and word.startswith("END:"):
            if depth == 1 and word == "END:VEVENT":
                out.append(OUTSIDER + ("\r" if crlf else ""))
            depth -= 1
        out.append(line)
    return "\n".join(out).encode("utf-8", "surrogateescape")


def windows(data: bytes) -> list[tuple[dt.datetime, dt.datetime]]:
    """From the day before the file's first event, for the longest import; and a year ahead
    when a series has no end."""
    text = data.decode("utf-8", "replace")
    days = [
        dt.datetime.strptime(found, "%Y%m%d").replace(tzinfo=dt.UTC)
        for found in re.findall(r"^DTSTART[^:\n]*:(\d{8})", text, re.M)
        if found[:4] > "0001"
    ]
    found = []
    if days:
        begin = min(days) - dt.timedelta(days=1)
        found.append((begin, begin + dt.timedelta(days=SPAN)))
    rules = re.findall(r"^RRULE:(.*)$", text, re.M)
    if not days or any("UNTIL" not in r and "COUNT" not in r for r in rules):
        found.append((AHEAD[0], AHEAD[0] + dt.timedelta(days=AHEAD[1])))
    return found


# --- the two readings ------------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    uid: str
    start: dt.datetime  # UTC
    all_day: bool
    status: str = ""  # callprep's: "" for a meeting, else why it is none


def instant(value: dt.date, zone: dt.tzinfo) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, tzinfo=zone).astimezone(dt.UTC)
    return (value if value.tzinfo else value.replace(tzinfo=zone)).astimezone(dt.UTC)


def theirs(data: bytes, begin: dt.datetime, end: dt.datetime) -> list[Occurrence]:
    """The library's occurrences starting in [begin, end), read as its docs say: icalendar,
    and x-wr-timezone for a calendar that names its zone so. A series the library refuses
    is left out (it has none), as callprep leaves it out."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            calendars = icalendar.Calendar.from_ical(data, multiple=True)
        except ValueError:
            return []  # icalendar refuses the whole file: nothing to compare with
        found: list[Occurrence] = []
        for calendar in calendars:
            zone: dt.tzinfo = UTC
            if calendar.get("X-WR-TIMEZONE"):
                zone = ZoneInfo(str(calendar["X-WR-TIMEZONE"]))
                calendar = x_wr_timezone.to_standard(calendar)
            query = recurring_ical_events.of(calendar, skip_bad_series=True)
            for item in query.between(begin - MARGIN, end + MARGIN):
                if item.name != "VEVENT":
                    continue
                value = item["DTSTART"].dt
                start = instant(value, zone)
                if begin <= start < end:
                    uid = str(item.get("UID", ""))
                    found.append(Occurrence(uid, start, not isinstance(value, dt.datetime)))
    return found


def ours(path: Path, begin: dt.datetime, end: dt.datetime) -> tuple[list[Occurrence], dict]:
    """callprep's events in the window with what `import` decides for each in an empty store,
    and the reasons it gives for what it skipped while reading, by UID."""
    found, skipped = events.read([str(path)], start=begin, end=end, default_zone=UTC)
    occurrences = []
    for event in found:
        reason = (
            messages.IMPORT_SKIP_CANCELLED
            if event.cancelled
            else meetings.skip_reason(event, SIDES)
        )
        uid = "" if event.uid.startswith(events.UID_PREFIX) else event.uid
        occurrences.append(Occurrence(uid, event.start.astimezone(dt.UTC), event.all_day, reason))
    reasons: dict[str, list[str]] = defaultdict(list)
    for skip in skipped:
        reasons[skip.uid].append(skip.reason)
    return occurrences, reasons


def documented(reason: str, all_day: bool) -> bool:
    if reason == messages.CAL_SKIP_ALL_DAY:
        return all_day  # callprep's all-day event must be the library's too
    return reason.startswith(DOCUMENTED)


def differences(path: Path, data: bytes) -> list[str]:
    found: list[str] = []
    for begin, end in windows(data):
        expected = theirs(data, begin, end)
        try:
            mine, reasons = ours(path, begin, end)
        except CallprepError as err:
            return [f"refused: {err.message}"] if expected else []
        left = list(mine)
        for occurrence in expected:
            match = next(
                (o for o in left if (o.uid, o.start) == (occurrence.uid, occurrence.start)), None
            )
            if match is not None:
                left.remove(match)
                if match.status and not documented(match.status, occurrence.all_day):
                    found.append(f"{occurrence}: {match.status}")
                continue
            why = reasons.get(occurrence.uid, []) + reasons.get("", [])
            if not why or not all(documented(w, occurrence.all_day) for w in why):
                found.append(f"{occurrence}: only theirs ({'; '.join(why) or 'no reason'})")
        found += [f"{o}: only ours" for o in left if not o.status]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("peer", FILES, ids=[path.name for path in FILES])
def test_meetings_start_where_the_librarys_occurrences_do(peer: Path, tmp_path: Path) -> None:
    data = with_outsider(peer.read_bytes())
    path = tmp_path / (peer.stem + ".ics")
    path.write_bytes(data)
    assert differences(path, data) == []
