"""Calendar events in: .ics files, vdir folders and stdin, read with icalendar.

`read()` turns calendar files into plain, frozen records: one `Event` per occurrence that
starts inside a time window, and one `Skipped` per file or event it could not read. It
knows nothing of plans or the store; the import command decides what becomes a plan
(`not_a_meeting()` gives the reasons it should use for all-day events and the like).

icalendar, recurring-ical-events and x-wr-timezone are imported inside the functions that
use them: `import callprep.calendar.events` stays cheap for every other command.

Decisions, each held by tests/test_events.py:

- All-day events come back as events with `all_day=True` (start: midnight of the day in
  the calendar's zone, `minutes` a multiple of 1440); `not_a_meeting()` names them.
- An event without UID gets a stable one, `nouid-` and a hash of its raw DTSTART,
  SUMMARY and ORGANIZER, so importing the same file twice finds the same event.
- An event without DTEND or DURATION lasts `DEFAULT_MINUTES` (RFC 5545 would make it
  zero minutes long; a plan needs a length). An explicit zero stays 0.
- A file that is not a calendar (or cannot be read) is a `Skipped` entry, unless it is the
  only source: then it is a `CallprepError`. A source that does not exist, is not a regular
  file (a FIFO, a device, a socket, or a symlink to one) or is larger than
  `MAX_FILE_BYTES` is always a `CallprepError`; inside a folder it is skipped instead.
- An instance removed with EXDATE does not appear. An instance cancelled by an override
  (RECURRENCE-ID with STATUS:CANCELLED) appears with `cancelled=True`, as does every
  event of a METHOD:CANCEL calendar, so a plan made earlier can be marked.
- The same occurrence (UID and RECURRENCE-ID) read from several sources comes back once:
  the highest SEQUENCE wins, a cancellation wins a tie, then the first read.
- An event (or a recurring series) that cannot be read is skipped with the reason, unless
  it is a one-off known to start outside the window: that one is left out silently.
- Times: a TZID that names an IANA zone, a Windows zone ("Eastern Standard Time") or a
  "/vendor/Area/City" id gives that ZoneInfo, unless the file's own VTIMEZONE disagrees
  with it around the window: then the file's definition wins and the start carries its
  fixed offset. A TZID nobody defines, and floating times, are in `default_zone` (in the
  calendar's X-WR-TIMEZONE when it has one, as Google means it). UTC is `datetime.UTC`.
- Rooms and resources (CUTYPE=ROOM/RESOURCE) are not attendees. A CN that is only the
  address again is no name (""). An attendee listed twice is kept once.
- Descriptions are text: Google's HTML is turned into lines, and the conferencing blocks
  Google Meet and Microsoft Teams append ("Join with Google Meet ...") are left out.
- Recurrences are expanded with a budget: a series whose rule repeats more often than the
  budget allows (FREQ=SECONDLY, a daily rule since 1800) is skipped with a reason instead
  of stalling the import. A rule that can never match (BYMONTH=2 with BYMONTHDAY=30) adds
  no instance, as RFC 5545 has it: the event is its DTSTART (and RDATEs) alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import math
import os
import re
import stat
import sys
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO
from zoneinfo import ZoneInfo

from callprep import messages
from callprep.errors import CallprepError, visible
from callprep.text import clean, one_line

if TYPE_CHECKING:
    from icalendar import Calendar

# icalendar's components hold properties of many types; what is read from them is checked
# at run time (a broken property is a vBroken), so they are typed loosely here.
Component = Any

MAX_FILE_BYTES = 20 * 1024 * 1024  # one .ics file, or stdin
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # everything one read() takes in
DEFAULT_MINUTES = 30  # an event with neither DTEND nor DURATION
MAX_EVENT_DAYS = 366  # a longer event is not read (odd DURATION, typo in DTEND)
# Recurrence budget, in rule iterations (dateutil walks from DTSTART to the window's end).
MAX_SERIES_STEPS = 50_000
MAX_TOTAL_STEPS = 1_000_000
STDIN = "-"
UID_PREFIX = "nouid-"


@dataclass(frozen=True)
class Person:
    name: str  # CN, cleaned to one line ("" when absent, or when it is only the address)
    email: str  # lowercased address without "mailto:" ("" when none)
    role: str = ""  # ROLE param, e.g. REQ-PARTICIPANT, CHAIR
    partstat: str = ""  # PARTSTAT param, e.g. ACCEPTED, DECLINED


@dataclass(frozen=True)
class Event:
    uid: str
    recurrence_id: (
        str  # "" for a one-off; else the original start, UTC "YYYYMMDDTHHMMSSZ" (or "YYYYMMDD")
    )
    sequence: int
    summary: str
    description: str
    location: str
    start: dt.datetime  # aware (see the module's notes on zones)
    zone: str  # IANA name of start's zone; "" when only an offset or UTC
    minutes: int  # DTEND-DTSTART or DURATION; DEFAULT_MINUTES when neither
    all_day: bool
    organizer: Person | None
    attendees: tuple[Person, ...]
    cancelled: bool  # STATUS:CANCELLED on the event, or METHOD:CANCEL on its calendar
    source: str  # the file's path, or "-" for stdin


@dataclass(frozen=True)
class Skipped:
    uid: str
    summary: str
    reason: str  # for people: "unreadable: ..."
    source: str = ""  # the file it came from ("-" for stdin)


def read(
    sources: Sequence[str],
    *,
    start: dt.datetime,
    end: dt.datetime,
    default_zone: ZoneInfo,
    stdin: BinaryIO | None = None,
) -> tuple[list[Event], list[Skipped]]:
    """Every occurrence starting in [start, end) in the sources, and what was skipped.

    Events are sorted by start, then UID. Raises CallprepError (one line, naming the
    file) for a source that is missing, not a regular file, too large, or (when it is the
    only source) not a readable calendar.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("read() needs an aware start and end")
    unique = list(dict.fromkeys(sources))
    files: list[tuple[str, bool]] = []  # (path, named on the command line)
    for source in unique:
        if source == STDIN:
            files.append((STDIN, True))
        else:
            files.extend(_expand(source))
    only = len(unique) == 1 and files == [(unique[0], True)]
    window = _Window(start, end, default_zone)
    # icalendar warns on stderr about what it guesses (a vendor TZID, say): the seller
    # would read a Python warning; what matters is in the events and skips instead.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _read_files(files, only, window, stdin)


def _read_files(
    files: list[tuple[str, bool]], only: bool, window: _Window, stdin: BinaryIO | None
) -> tuple[list[Event], list[Skipped]]:
    found: dict[tuple[str, str], Event] = {}
    skipped: list[Skipped] = []
    total = 0
    for path, named in files:
        try:
            data = _stdin_bytes(stdin) if path == STDIN else _file_bytes(path)
            total += len(data)
            if total > MAX_TOTAL_BYTES:
                raise CallprepError(
                    messages.CAL_TOO_MUCH.format(mb=MAX_TOTAL_BYTES // (1024 * 1024))
                )
            calendars = _parse(data, window)
        except _Unreadable as problem:
            if named and (problem.fatal or only):
                raise CallprepError(problem.message(path)) from None
            skipped.append(Skipped("", "", _skip_text(problem.why, path), path))
            continue
        for calendar in calendars:
            for item in _events_of(calendar, path, window):
                if isinstance(item, Skipped):
                    skipped.append(item)
                    continue
                key = (item.uid, item.recurrence_id)
                kept = found.get(key)
                if kept is None or (item.sequence, item.cancelled) > (
                    kept.sequence,
                    kept.cancelled,
                ):
                    found[key] = item
    events = sorted(found.values(), key=lambda e: (e.start, e.uid, e.recurrence_id))
    return events, skipped


def not_a_meeting(event: Event) -> str:
    """Why the event is no call to plan for, as the seller reads it; "" when it is one.

    All-day events, events nobody but the organizer is invited to, and events longer than
    a day. (Which attendees are ours is the caller's business: it knows the domains.)
    """
    if event.all_day:
        return messages.CAL_SKIP_ALL_DAY
    organizer = event.organizer.email if event.organizer else ""
    if not any(p.email != organizer or not p.email for p in event.attendees):
        return messages.CAL_SKIP_NO_ATTENDEES
    if event.minutes > 24 * 60:
        return messages.CAL_SKIP_TOO_LONG.format(hours=event.minutes // 60)
    return ""


# --- files -------------------------------------------------------------------------------


class _Unreadable(Exception):
    """A file that cannot be read as a calendar.

    `why` is the short reason a skip shows; `error` the whole CallprepError text (with
    {path} and `fields`) when one is shown instead; `fatal` when that holds even among
    several sources.
    """

    def __init__(self, why: str, *, error: str = "", fatal: bool = False, **fields: str) -> None:
        super().__init__(why)
        self.why = why
        self.error = error
        self.fatal = fatal
        self.fields = fields

    def message(self, path: str) -> str:
        shown = messages.CAL_STDIN if path == STDIN else path
        if self.error:
            return self.error.format(path=shown, **self.fields)
        return messages.CAL_NOT_CALENDAR.format(path=shown, why=self.why)


def _skip_text(why: str, path: str) -> str:
    shown = messages.CAL_STDIN if path == STDIN else visible(path)
    return messages.CAL_SKIP_FILE.format(path=shown, why=why)


def _expand(source: str) -> list[tuple[str, bool]]:
    """A named source as files to read: itself, or the .ics files of a folder (not below)."""
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise CallprepError(messages.CAL_NOT_FOUND.format(path=source)) from None
    except OSError as err:
        raise CallprepError(
            messages.CAL_CANNOT_OPEN.format(path=source, problem=_os_error(err))
        ) from None
    if not stat.S_ISDIR(info.st_mode):
        return [(source, True)]
    try:
        with os.scandir(source) as entries:
            names = sorted(
                e.name for e in entries if e.name.lower().endswith(".ics") and e.name[0] != "."
            )
    except OSError as err:
        raise CallprepError(
            messages.CAL_CANNOT_OPEN.format(path=source, problem=_os_error(err))
        ) from None
    files = []
    for name in names:
        path = os.path.join(source, name)
        # A folder called x.ics is no calendar file; a FIFO or device called so is reported.
        try:
            if stat.S_ISDIR(os.stat(path).st_mode):
                continue
        except OSError:
            pass  # a dangling symlink: reading it says so
        files.append((path, False))
    return files


def _os_error(err: OSError) -> str:
    return (err.strerror or type(err).__name__).lower()


def _file_bytes(path: str) -> bytes:
    """The file's bytes, refusing anything but a regular file and anything too large.

    The path is checked before it is opened (opening a device can have effects), and
    opened without blocking (a FIFO swapped in meanwhile cannot hang), then checked again.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise _not_regular()
        flags = (
            os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        )
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise _Unreadable(messages.CAL_WHY_GONE, error=messages.CAL_NOT_FOUND, fatal=True) from None
    except OSError as err:
        raise _cannot_open(err) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular()
        if info.st_size > MAX_FILE_BYTES:
            raise _too_big()
        return _read_capped(lambda n: os.read(fd, n))
    except OSError as err:
        raise _cannot_open(err) from None
    finally:
        os.close(fd)


def _not_regular() -> _Unreadable:
    return _Unreadable(messages.CAL_WHY_NOT_REGULAR, error=messages.CAL_NOT_REGULAR, fatal=True)


def _cannot_open(err: OSError) -> _Unreadable:
    why = _os_error(err)
    return _Unreadable(why, error=messages.CAL_CANNOT_OPEN, problem=why)


def _too_big() -> _Unreadable:
    mb = str(MAX_FILE_BYTES // (1024 * 1024))
    return _Unreadable(
        messages.CAL_WHY_TOO_BIG.format(mb=mb), error=messages.CAL_TOO_BIG, fatal=True, mb=mb
    )


def _read_capped(read_some: Any) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = read_some(min(1 << 20, MAX_FILE_BYTES + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise _too_big()


def _stdin_bytes(stdin: BinaryIO | None) -> bytes:
    stream: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError, OSError):
        interactive = False
    if interactive:
        raise _Unreadable(messages.CAL_WHY_TTY, error=messages.CAL_STDIN_TTY, fatal=True)
    try:
        return _read_capped(stream.read)
    except OSError as err:
        raise _cannot_open(err) from None


def _decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _Unreadable(messages.CAL_WHY_ENCODING) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Outlook and older exporters write the Windows code page; no byte is lost.
        return data.decode("cp1252", errors="replace")


def _parse(data: bytes, window: _Window) -> list[Calendar]:
    from icalendar import Calendar  # deferred: icalendar: only reading a calendar pays for it

    text = _decode(data)
    if "\n" not in text and "\r" in text:
        text = text.replace("\r", "\n")  # classic Mac line ends
    if not text.strip():
        raise _Unreadable(messages.CAL_WHY_EMPTY)
    if "\x00" in text:
        raise _Unreadable(messages.CAL_WHY_BINARY)
    try:
        components = Calendar.from_ical(_narrow(text, window), multiple=True)
    except Exception as err:  # icalendar raises many kinds on malformed text
        raise _Unreadable(messages.CAL_WHY_SYNTAX.format(detail=_short(err))) from None
    calendars = [c for c in components if c.name == "VCALENDAR"]
    loose = [c for c in components if c.name == "VEVENT"]
    if loose:  # VEVENTs without the VCALENDAR around them, as some tools write
        wrapper = Calendar()
        wrapper.subcomponents.extend(loose)
        calendars.append(wrapper)
    if not calendars:
        upper = text.upper()
        if "BEGIN:VCALENDAR" in upper and "END:VCALENDAR" not in upper:
            raise _Unreadable(messages.CAL_WHY_CUT_OFF)
        raise _Unreadable(messages.CAL_WHY_NO_CALENDAR)
    return calendars


# What read() uses of a VEVENT; the rest (DTSTAMP, X-MICROSOFT-..., alarms) is not parsed.
_WANTED = frozenset(
    {
        "UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE",
        "RECURRENCE-ID", "SEQUENCE", "STATUS", "SUMMARY", "DESCRIPTION", "LOCATION",
        "ORGANIZER", "ATTENDEE",
    }
)  # fmt: skip
_REPEATS = frozenset({"RRULE", "RDATE", "EXRULE", "RECURRENCE-ID"})
_NAME = re.compile(r"[A-Za-z0-9-]+")


@dataclass
class _Block:
    """One VEVENT of the raw text, as its kept physical lines."""

    uid: str
    near: bool  # recurring, undated, or starting near the window
    lines: list[str]


def _narrow(text: str, window: _Window) -> str:
    """The text without what read() would not use, so icalendar parses far less.

    icalendar parses a content line in tens of microseconds, and a calendar export holds
    years of events: one-off VEVENTs whose DTSTART lies more than two days from the window
    are left out (unless another VEVENT with their UID stays), and so are the properties
    and alarms nobody reads. Anything unusual (a VEVENT inside a VEVENT, a stray END:VEVENT,
    a cut-off event) leaves the text whole for icalendar to judge.
    """
    try:
        low = window.start.astimezone(dt.UTC).date() - dt.timedelta(days=2)
        high = window.end.astimezone(dt.UTC).date() + dt.timedelta(days=2)
    except OverflowError:  # a window at the ends of the calendar: nothing is far from it
        low, high = dt.date.min, dt.date.max
    pieces: list[str | _Block] = []
    block: _Block | None = None
    start: dt.date | None = None
    depth = 0
    for chunk in _logical_lines(text):
        head = chunk[0].rstrip("\r\n")
        upper = head.strip().upper()
        if block is None:
            if upper == "BEGIN:VEVENT":
                block, start, depth = _Block("", False, [*chunk]), None, 0
            elif upper == "END:VEVENT":
                return text
            else:
                pieces.extend(chunk)
            continue
        if upper.startswith("BEGIN:"):
            if upper == "BEGIN:VEVENT":
                return text
            depth += 1
            continue
        if upper.startswith("END:"):
            if depth:
                depth -= 1
                continue
            if upper != "END:VEVENT":
                return text
            block.lines.extend(chunk)
            block.near = block.near or start is None or low <= start <= high
            pieces.append(block)
            block = None
            continue
        match = _NAME.match(head)
        name = match.group().upper() if match else ""
        if depth or name not in _WANTED:
            continue
        block.lines.extend(chunk)
        if name in _REPEATS:
            block.near = True
        elif name == "UID":
            block.uid = _unfold(chunk).partition(":")[2].strip()
        elif name == "DTSTART" and start is None:
            start = _raw_date(_unfold(chunk))
    if block is not None:
        return text
    near = {p.uid for p in pieces if isinstance(p, _Block) and p.near and p.uid}
    return "".join(
        p if isinstance(p, str) else "".join(p.lines) if p.near or (p.uid and p.uid in near) else ""
        for p in pieces
    )


def _logical_lines(text: str) -> Iterator[list[str]]:
    """Physical lines grouped as content lines: a line starting with a blank continues one."""
    current: list[str] = []
    # Only "\n" ends a line: str.splitlines() would also split at U+2028 and the like, which
    # may stand inside a SUMMARY.
    for line in text.split("\n"):
        line += "\n"
        if current and line[:1] in (" ", "\t"):
            current.append(line)
            continue
        if current:
            yield current
        current = [line]
    if current:
        current[-1] = current[-1][:-1]  # the "\n" added to the text's last piece
        yield current


def _unfold(chunk: list[str]) -> str:
    return "".join([chunk[0].rstrip("\r\n"), *(line[1:].rstrip("\r\n") for line in chunk[1:])])


def _raw_date(line: str) -> dt.date | None:
    """The date of a raw DTSTART line ("DTSTART;TZID=X:20261029T110000" -> 2026-10-29)."""
    value = line.rpartition(":")[2].strip()
    if len(value) < 8 or not value[:8].isdigit():
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


def _short(err: BaseException) -> str:
    text = one_line(str(err)) or type(err).__name__
    return text if len(text) <= 80 else text[:79] + "…"


# --- events ------------------------------------------------------------------------------


@dataclass
class _Window:
    start: dt.datetime
    end: dt.datetime
    default_zone: ZoneInfo
    steps: int = 0  # recurrence budget spent so far
    # Zones judged so far, by TZID and VTIMEZONE text (see _file_zone).
    zones: dict[tuple[str, bytes], dt.tzinfo | None] = field(default_factory=dict)

    def contains(self, when: dt.datetime) -> bool:
        return self.start <= when < self.end

    def query(self) -> tuple[dt.datetime, dt.datetime]:
        """The span to ask recurring-ical-events for: a little wider, filtered after."""
        margin = dt.timedelta(days=2)
        try:
            start = self.start.astimezone(self.default_zone) - margin
            end = self.end.astimezone(self.default_zone) + margin
        except OverflowError:
            return self.start, self.end
        return start, end


@dataclass
class _Context:
    """One VCALENDAR being read: its method, zones and default zone."""

    path: str
    window: _Window
    cancel: bool
    zone: ZoneInfo  # floating times and all-day dates are in this zone
    vtimezones: dict[str, Component]
    zones: dict[str, dt.tzinfo | None] = field(default_factory=dict)


def _events_of(calendar: Calendar, path: str, window: _Window) -> Iterator[Event | Skipped]:
    import recurring_ical_events  # deferred: only a calendar with repeating events

    events = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    if not events:
        return
    vtimezones: dict[str, Component] = {}
    for component in calendar.subcomponents:
        if component.name == "VTIMEZONE" and "TZID" in component:
            vtimezones.setdefault(_tzid_key(str(component["TZID"])), component)
    x_wr = _iana_zone(_text(calendar.get("X-WR-TIMEZONE")))
    context = _Context(
        path=path,
        window=window,
        cancel=_text(calendar.get("METHOD")).strip().upper() == "CANCEL",
        zone=x_wr or window.default_zone,
        vtimezones=vtimezones,
    )
    for event in events:
        event.subcomponents = []  # alarms and anything nested: not needed, and unbounded
        for name in _SINGLE:  # a property given twice (a bad merge): the first one counts
            value = event.get(name)
            if isinstance(value, list):
                event[name] = value[0]
        if "UID" not in event or not _text(event.get("UID")).strip():
            event["UID"] = _made_uid(event)
        if "SEQUENCE" in event:
            event["SEQUENCE"] = _sequence(event["SEQUENCE"])  # recurring-ical-events compares it
    if x_wr is not None:
        events, broken = _x_wr_standard(calendar, events, x_wr)
        lost: set[str] = set()
        for event, why in broken:
            uid = _text(event.get("UID")).strip()
            if uid not in lost:  # a series goes whole, not as overrides without it
                lost.add(uid)
                yield Skipped(uid, _summary([event]), _reason(why), path)
        events = [e for e in events if _text(e.get("UID")).strip() not in lost]

    groups: dict[str, list[Component]] = {}
    for event in events:
        groups.setdefault(_text(event.get("UID")).strip(), []).append(event)
    query_start, query_end = window.query()
    for uid, members in groups.items():
        try:
            problem, recurring, known_start = _prepare(members, context)
        except Exception as err:  # malformed input comes in more shapes than checks
            yield Skipped(uid, _summary(members), _reason(_short(err)), path)
            continue
        if problem:
            if recurring or known_start is None or window.contains(known_start):
                yield Skipped(uid, _summary(members), _reason(problem), path)
            continue
        if recurring or len(members) > 1:
            try:
                occurrences = recurring_ical_events.of(_calendar_of(members)).between(
                    query_start, query_end
                )
            except Exception as err:  # the library's view of a series we could not vet
                yield Skipped(uid, _summary(members), _reason(_short(err)), path)
                continue
        else:
            occurrences = members  # a one-off is its own occurrence: no expansion needed
        for occurrence in occurrences:
            try:
                found = _event(occurrence, uid, recurring, context)
            except Exception as err:  # one bad occurrence must not end the import
                yield Skipped(uid, _summary([occurrence]), _reason(_short(err)), path)
                continue
            if found is not None:
                yield found


_SINGLE = ("UID", "SEQUENCE", "STATUS", "SUMMARY", "DESCRIPTION", "LOCATION", "ORGANIZER")


def _x_wr_standard(
    calendar: Calendar, events: list[Component], zone: ZoneInfo
) -> tuple[list[Component], list[tuple[Component, str]]]:
    """The events with Google's X-WR-TIMEZONE applied (x-wr-timezone), and those it failed on.

    x-wr-timezone converts a whole calendar at once: when one event breaks it (a UTC time
    in the year 1 has no place in Europe/London), the others are converted one by one.
    """
    import x_wr_timezone  # deferred: only a calendar that names its zone so

    def convert(items: list[Component]) -> list[Component]:
        shell = calendar.copy()
        shell.subcomponents = items
        standard = x_wr_timezone.to_standard(shell, timezone=zone)
        return [c for c in standard.subcomponents if c.name == "VEVENT"]

    try:
        return convert(events), []
    except Exception:
        pass
    kept: list[Component] = []
    broken: list[tuple[Component, str]] = []
    for event in events:
        try:
            kept.extend(convert([event]))
        except OverflowError:
            broken.append((event, messages.CAL_WHY_OUT_OF_RANGE))
        except Exception as err:
            broken.append((event, _short(err)))
    return kept, broken


def _calendar_of(members: list[Component]) -> Calendar:
    from icalendar import Calendar  # deferred: icalendar: only reading a calendar pays for it

    calendar = Calendar()
    calendar.subcomponents.extend(members)
    return calendar


def _reason(why: str) -> str:
    return messages.CAL_SKIP_UNREADABLE.format(why=why)


def _summary(members: Sequence[Component]) -> str:
    for member in members:
        summary = one_line(_text(member.get("SUMMARY")))
        if summary:
            return summary
    return ""


def _made_uid(event: Component) -> str:
    """A UID for an event that has none, from what identifies it: start, title, organizer."""
    import hashlib  # deferred: only an event without a uid

    parts = []
    for name in ("DTSTART", "SUMMARY", "ORGANIZER"):
        value = event.get(name)
        try:
            raw = value.to_ical() if value is not None and not isinstance(value, list) else b""
            tzid = value.params.get("TZID", "") if raw else ""
        except Exception:
            raw, tzid = str(value).encode("utf-8", "replace"), ""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "replace")
        parts.append(str(tzid).encode("utf-8", "replace") + b":" + raw)
    return UID_PREFIX + hashlib.sha256(b"\x1f".join(parts)).hexdigest()[:24]


# --- vetting and zones before expansion --------------------------------------------------

_DATE_NAMES = ("DTSTART", "DTEND", "RECURRENCE-ID")
_LIST_NAMES = ("EXDATE", "RDATE")


def _prepare(members: list[Component], context: _Context) -> tuple[str, bool, dt.datetime | None]:
    """Vet a UID's components and put their times in zones, in place.

    Returns (problem, recurring, start): the problem ("" when none) in the seller's words,
    whether the UID is a recurring series, and the start of a one-off (for the window).
    """
    recurring = any(
        name in member for member in members for name in ("RRULE", "RDATE", "RECURRENCE-ID")
    )
    known_start: dt.datetime | None = None
    for member in members:
        problem, start = _prepare_one(member, context)
        if start is not None and known_start is None:
            known_start = start
        if problem:
            return problem, recurring, known_start
    return "", recurring, known_start


def _prepare_one(event: Component, context: _Context) -> tuple[str, dt.datetime | None]:
    from icalendar import vDDDTypes  # deferred: icalendar: only reading a calendar pays for it

    start_prop = event.get("DTSTART")
    if start_prop is None:
        return messages.CAL_WHY_NO_START, None
    if isinstance(start_prop, list):
        return messages.CAL_WHY_TWO_STARTS, None
    begin = getattr(start_prop, "dt", None) if _is_time(start_prop) else None
    if not isinstance(begin, dt.date):
        return messages.CAL_WHY_BAD_DATE.format(what="start"), None
    for name in _DATE_NAMES:
        prop = event.get(name)
        if prop is None:
            continue
        if isinstance(prop, list) or not _is_time(prop):
            return messages.CAL_WHY_BAD_DATE.format(what=_WHAT[name]), None
        if not _in_range(prop.dt):
            return messages.CAL_WHY_OUT_OF_RANGE, None
        prop.dt = _zoned(prop.dt, prop.params.get("TZID"), context)
    for name in _LIST_NAMES:
        for prop in _as_list(event.get(name)):
            if not _is_time_list(prop):
                return messages.CAL_WHY_BAD_DATE.format(what=_WHAT[name]), None
            tzid = prop.params.get("TZID")
            for item in prop.dts:
                value = item.dt
                if isinstance(value, tuple):
                    if not all(_in_range(v) for v in value if isinstance(v, dt.date)):
                        return messages.CAL_WHY_OUT_OF_RANGE, None
                    first = _zoned(value[0], tzid, context)
                    second = value[1]
                    if isinstance(second, dt.date):
                        second = _zoned(second, tzid, context)
                    item.dt = (first, second)
                elif isinstance(value, dt.date):
                    if not _in_range(value):
                        return messages.CAL_WHY_OUT_OF_RANGE, None
                    item.dt = _zoned(value, tzid, context)
                else:
                    return messages.CAL_WHY_BAD_DATE.format(what=_WHAT[name]), None
    start = event["DTSTART"].dt
    all_day = not isinstance(start, dt.datetime)
    start_at = _as_datetime(start, context.zone)

    problem = _vet_length(event, start, all_day)
    if problem:
        return problem, start_at
    if not all_day and "DTEND" not in event and "DURATION" not in event:
        event["DURATION"] = vDDDTypes(dt.timedelta(minutes=DEFAULT_MINUTES))
    problem = _vet_rules(event, start_at, context.window)
    return problem, start_at


_WHAT = {
    "DTSTART": "start",
    "DTEND": "end",
    "RECURRENCE-ID": "RECURRENCE-ID",
    "EXDATE": "EXDATE",
    "RDATE": "RDATE",
}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _is_time(prop: Any) -> bool:
    """A parsed date or date-time property (icalendar keeps unparsable ones as vBroken)."""
    try:
        value = prop.dt
    except Exception:
        return False
    return isinstance(value, dt.date)


def _is_time_list(prop: Any) -> bool:
    try:
        return all(hasattr(item, "dt") for item in prop.dts)
    except Exception:
        return False


def _in_range(value: dt.date) -> bool:
    # A few days' margin at both ends of Python's calendar: zones and spans must not overflow.
    return (
        dt.date(1, 1, 3)
        <= (value.date() if isinstance(value, dt.datetime) else value)
        <= dt.date(9999, 12, 29)
    )


def _as_datetime(value: dt.date, zone: dt.tzinfo) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return dt.datetime(value.year, value.month, value.day, tzinfo=zone)


def _vet_length(event: Component, start: dt.date, all_day: bool) -> str:
    end_prop = event.get("DTEND")
    duration_prop = event.get("DURATION")
    if end_prop is not None:
        end = end_prop.dt
        if isinstance(end, dt.datetime) != (not all_day):
            return messages.CAL_WHY_MIXED
        length = _utc(end) - _utc(start) if not all_day else end - start
    elif duration_prop is not None:
        if isinstance(duration_prop, list):
            return messages.CAL_WHY_BAD_DURATION
        try:
            length = duration_prop.dt
        except Exception:
            return messages.CAL_WHY_BAD_DURATION
        if not isinstance(length, dt.timedelta):
            return messages.CAL_WHY_BAD_DURATION
        if all_day and length % dt.timedelta(days=1):
            # RFC 5545: a date event's DURATION is in days (and weeks); recurring-ical-events
            # would turn the dates into floating times. Read it as whole days.
            event["DURATION"].dt = dt.timedelta(days=max(1, length.days))
            length = event["DURATION"].dt
    else:
        return ""
    if length < dt.timedelta(0):
        return messages.CAL_WHY_ENDS_BEFORE
    if length > dt.timedelta(days=MAX_EVENT_DAYS):
        return messages.CAL_WHY_TOO_LONG.format(days=MAX_EVENT_DAYS)
    return ""


def _utc(value: dt.date) -> dt.datetime:
    assert isinstance(value, dt.datetime) and value.tzinfo is not None
    return value.astimezone(dt.UTC)


# --- zones -------------------------------------------------------------------------------

_UTC_KEYS = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"}
)


def _tzid_key(tzid: str) -> str:
    return tzid.strip().strip('"').strip()


@functools.lru_cache(maxsize=512)
def _iana_zone(name: str) -> ZoneInfo | None:
    """The ZoneInfo a TZID or X-WR-TIMEZONE means: IANA, Windows, or "/vendor/Area/City"."""
    name = _tzid_key(name)
    if not name or len(name) > 200 or not name.isprintable():
        return None
    # Deferred: icalendar: only reading a calendar pays for it.
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    candidates = [name.strip("/")]
    if name in WINDOWS_TO_OLSON:
        candidates.append(WINDOWS_TO_OLSON[name])
    if name.startswith("/"):
        parts = name.strip("/").split("/")
        candidates.extend("/".join(parts[i:]) for i in range(1, len(parts)))
    for candidate in candidates:
        try:
            return ZoneInfo(candidate)
        except (ValueError, KeyError, OSError):
            continue
    return None


def _zoned(value: dt.date, tzid: object, context: _Context) -> dt.date:
    """A date-time of the file put in the zone callprep uses for it (dates stay dates)."""
    if not isinstance(value, dt.datetime):
        return value
    if value.tzinfo is not None and _is_utc(value.tzinfo):
        return value.astimezone(dt.UTC)
    if tzid:
        zone = _file_zone(str(tzid), context)
        if zone is not None:
            return value.replace(tzinfo=zone)
        return value.replace(tzinfo=context.zone)
    if value.tzinfo is not None:
        return value  # x-wr-timezone's zone for what was UTC
    return value.replace(tzinfo=context.zone)


def _is_utc(zone: dt.tzinfo) -> bool:
    if zone is dt.UTC:
        return True
    return isinstance(zone, ZoneInfo) and zone.key in _UTC_KEYS


def _file_zone(tzid: str, context: _Context) -> dt.tzinfo | None:
    """The zone a TZID names in this calendar: IANA when the file's VTIMEZONE agrees."""
    key = _tzid_key(tzid)
    if key not in context.zones:
        component = context.vtimezones.get(key)
        if component is None:
            context.zones[key] = _iana_zone(key)
        else:
            # vdir folders repeat the same VTIMEZONE in every file: judge it once per read.
            try:
                text = component.to_ical()
            except Exception:
                text = b""
            judged = context.window.zones
            if (key, text) not in judged:
                judged[(key, text)] = _judge_zone(key, component, context.window)
            context.zones[key] = judged[(key, text)]
    return context.zones[key]


def _judge_zone(key: str, component: Component, window: _Window) -> dt.tzinfo | None:
    named = _iana_zone(key)
    own = _own_zone(component, window.start.year)
    if named is None or (own is not None and not _agree(named, own, window)):
        return own
    return named


def _own_zone(component: Component, year: int) -> dt.tzinfo | None:
    """A VTIMEZONE as a tzinfo of its own (icalendar's cache is shared by all files).

    Exchange starts its rules in 1601, and dateutil walks them from there on every new
    zone: a copy whose open-ended yearly rules start ten years back reads the same for
    the window at a fraction of the cost.
    """
    from icalendar import vDDDTypes  # deferred: icalendar: only reading a calendar pays for it
    from icalendar.timezone import tzp  # deferred: icalendar: only reading a calendar pays for it

    try:
        copy = component.copy()
        copy.subcomponents = []
        for observance in component.subcomponents:
            observance = observance.copy()
            begin, rule = observance.get("DTSTART"), observance.get("RRULE")
            if rule is not None and not _sane_zone_rule(rule, begin):
                return None  # dateutil would look for its next change until the year 9999
            if (
                _is_time(begin)
                and isinstance(begin.dt, dt.datetime)
                and rule is not None
                and not isinstance(rule, list)
                and "UNTIL" not in rule
                and "COUNT" not in rule
                and year - 10 > 1
                and begin.dt.year < year - 10
            ):
                observance["DTSTART"] = vDDDTypes(begin.dt.replace(year=year - 10, month=1, day=1))
            copy.add_component(observance)
        zone = copy.to_tz(tzp, lookup_tzid=False)
        dt.datetime(year, 1, 1, 12, tzinfo=zone).utcoffset()
    except Exception:
        return None
    return zone


def _sane_zone_rule(rule: Any, begin: Any) -> bool:
    """A VTIMEZONE observance's RRULE: yearly, as every zone's, and matching some date."""
    if isinstance(rule, list) or not _is_time(begin) or not isinstance(begin.dt, dt.datetime):
        return False
    try:
        parts = {str(k).upper(): v for k, v in dict(rule).items()}
        interval = int(_first(parts.get("INTERVAL")) or 1)
    except Exception:
        return False
    if str(_first(parts.get("FREQ")) or "").upper() != "YEARLY" or not 0 < interval < 100:
        return False
    return not _needs_probe(parts, "YEARLY") or _matches_sometime(
        rule, "YEARLY", interval, begin.dt
    )


def _agree(named: dt.tzinfo, own: dt.tzinfo, window: _Window) -> bool:
    """Whether two zones give the same offsets, day by day, around the window."""
    day = window.start.replace(tzinfo=None, hour=12, minute=0, second=0, microsecond=0)
    try:
        day -= dt.timedelta(days=7)
        for _ in range(min(400, (window.end - window.start).days + 15)):
            if day.replace(tzinfo=named).utcoffset() != day.replace(tzinfo=own).utcoffset():
                return False
            day += dt.timedelta(days=1)
    except (OverflowError, ValueError):
        return True
    return True


def _output_zone(value: dt.datetime) -> tuple[dt.datetime, str]:
    zone = value.tzinfo
    if zone is None:  # not expected after _zoned; floating means the default zone
        raise ValueError("floating time")
    if _is_utc(zone):
        return value.astimezone(dt.UTC), ""
    if isinstance(zone, ZoneInfo):
        return value, zone.key
    if isinstance(zone, dt.timezone):
        return value, ""
    offset = value.utcoffset()
    assert offset is not None
    return value.replace(tzinfo=dt.timezone(offset)), ""


# --- recurrence budget -------------------------------------------------------------------

_FREQ_SECONDS = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 7 * 86400,
    "MONTHLY": 30 * 86400,
    "YEARLY": 365 * 86400,
}
# A BY part expands a rule when its unit is finer than the rule's frequency: per period
# it can add this many candidates per value (an upper bound; limiting parts add nothing).
_RANK = {
    "SECONDLY": 0,
    "MINUTELY": 1,
    "HOURLY": 2,
    "DAILY": 3,
    "WEEKLY": 4,
    "MONTHLY": 5,
    "YEARLY": 6,
}
# Parts that filter candidates: a COUNT says nothing of how many steps reach it.
_NARROWING = ("BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS", "BYEASTER")


def _vet_rules(event: Component, start: dt.datetime, window: _Window) -> str:
    """The problem with the event's RRULEs ("" when none); a rule that can never match is
    dropped (RFC 5545: it adds no instance; DTSTART stays the first one)."""
    rules = _as_list(event.get("RRULE"))
    kept = []
    for rule in rules:
        try:
            parts = {str(k).upper(): v for k, v in dict(rule).items()}
            freq = str(_first(parts.get("FREQ")) or "").upper()
            interval = int(_first(parts.get("INTERVAL")) or 1)
        except Exception:
            return messages.CAL_WHY_BAD_RULE
        if freq not in _FREQ_SECONDS or not 0 < interval < 10**6:
            return messages.CAL_WHY_BAD_RULE
        try:
            steps = _steps(parts, freq, interval, start, window.end)
        except (ValueError, TypeError, OverflowError):
            return messages.CAL_WHY_BAD_RULE
        if steps > MAX_SERIES_STEPS or window.steps + steps > MAX_TOTAL_STEPS:
            return messages.CAL_WHY_TOO_OFTEN
        window.steps += steps
        if not _needs_probe(parts, freq) or _matches_sometime(rule, freq, interval, start):
            kept.append(rule)
    if len(kept) < len(rules):
        del event["RRULE"]
        if kept:
            event["RRULE"] = kept[0] if len(kept) == 1 else kept
    return ""


def _first(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return value[0] if value else None
    return value


def _steps(
    parts: dict[str, Any], freq: str, interval: int, start: dt.datetime, end: dt.datetime
) -> int:
    """An upper bound of the candidates dateutil looks at from DTSTART to the window's end."""
    until = _first(parts.get("UNTIL"))
    stop = end
    if isinstance(until, dt.date):
        until_at = _as_datetime(until, start.tzinfo or dt.UTC)
        stop = min(stop, until_at)
    seconds = max(0.0, (stop - start).total_seconds())
    periods = seconds / (_FREQ_SECONDS[freq] * interval) + 1
    rank = _RANK[freq]
    factor = 1
    for name, unit, per in (
        ("BYSECOND", 0, 1),
        ("BYMINUTE", 1, 1),
        ("BYHOUR", 2, 1),
        ("BYDAY", 3, {4: 1, 5: 5, 6: 53}.get(rank, 1)),
        ("BYMONTHDAY", 3, 12 if rank == 6 else 1),
        ("BYYEARDAY", 3, 1),
        ("BYWEEKNO", 4, 7),
        ("BYMONTH", 5, 1),
    ):
        values = parts.get(name)
        if values and rank > unit:
            factor *= max(1, len(_as_list(values))) * per
    # Filtering rules walk day by day whatever they keep: at least a step per day.
    if rank >= 3 and any(parts.get(n) for n in ("BYMONTH", "BYDAY", *_NARROWING)):
        periods = max(periods, seconds / 86400 + 1)
    steps = periods * factor
    count = _first(parts.get("COUNT"))
    if count is not None and int(count) >= 0 and not any(parts.get(n) for n in _NARROWING):
        steps = min(steps, int(count) * factor + 1)
    return int(min(steps, 1e12))


def _needs_probe(parts: dict[str, Any], freq: str) -> bool:
    """Whether the rule's BY parts could reject every date (all but "WEEKLY;BYDAY=MO,WE")."""
    by = {name for name, value in parts.items() if name.startswith("BY") and value}
    if not by:
        return False  # the DTSTART's own month, day and time repeat: it always matches
    days = [str(d) for d in _as_list(parts.get("BYDAY"))]
    plain_days = not any(d[:1] in "+-0123456789" for d in days)
    return not (freq == "WEEKLY" and by == {"BYDAY"} and plain_days)


_PROBE_YEAR = 9960


def _matches_sometime(rule: Any, freq: str, interval: int, start: dt.datetime) -> bool:
    """Whether the rule yields any date at all, asked where dateutil has to stop soon.

    dateutil looks for the next match until the year 9999, a step at a time: for a rule
    that matches nothing (BYMONTH=2 with BYMONTHDAY=30, or DAILY;INTERVAL=7;BYDAY=MO from
    a Tuesday) that is millions of steps. The probe starts from DTSTART moved forward by
    whole periods of the rule, of the week and of the leap-year cycle, to just before
    `_PROBE_YEAR`: the same rule in the same phase, with at most ~40 years left to walk.
    """
    from dateutil.rrule import rrulestr  # deferred: only an event that repeats

    text = ";".join(
        part
        for part in rule.to_ical().decode("ascii", "replace").split(";")
        if not part.upper().startswith(("UNTIL=", "COUNT="))
    )
    try:
        probe = _shifted(start.replace(tzinfo=None), freq, interval)
        first = next(iter(rrulestr(text, dtstart=probe)), None)
    except (ValueError, TypeError, OverflowError, IndexError):
        return False
    return first is not None


def _shifted(begin: dt.datetime, freq: str, interval: int) -> dt.datetime:
    if freq in ("MONTHLY", "YEARLY"):
        months = (
            math.lcm(interval, 12) if freq == "MONTHLY" else math.lcm(12 * interval, 48)
        )  # a whole number of years, and of four years for YEARLY (leap days)
        first = begin.year * 12 + begin.month - 1
        steps = max(0, (_PROBE_YEAR * 12 - first) // months)
        for back in range(8):  # 29 February, 31st: step back to a period where it exists
            year, month = divmod(first + max(0, steps - back) * months, 12)
            try:
                return begin.replace(year=year, month=month + 1)
            except ValueError:
                continue
        return begin
    unit = _FREQ_SECONDS[freq]
    period = math.lcm(interval * unit, 7 * 86400)  # the same weekday and time of day
    gap = (dt.datetime(_PROBE_YEAR, 1, 1) - begin).total_seconds()
    return begin + dt.timedelta(seconds=max(0, int(gap // period)) * period)


# --- occurrences into events -------------------------------------------------------------


def _event(occurrence: Component, uid: str, recurring: bool, context: _Context) -> Event | None:
    begin = occurrence["DTSTART"].dt
    all_day = not isinstance(begin, dt.datetime)
    if all_day:
        start = _as_datetime(begin, context.zone)
        zone = context.zone.key
    else:
        start, zone = _output_zone(begin)
    if not context.window.contains(start):
        return None
    minutes = _minutes(occurrence, begin, context.zone)
    recurrence_id = ""
    if recurring and "RECURRENCE-ID" in occurrence:
        recurrence_id = _recurrence_id(occurrence["RECURRENCE-ID"].dt, context)
    organizer = _person(occurrence.get("ORGANIZER"))
    return Event(
        uid=uid,
        recurrence_id=recurrence_id,
        sequence=_sequence(occurrence.get("SEQUENCE")),
        summary=one_line(_text(occurrence.get("SUMMARY"))),
        description=_description(_text(occurrence.get("DESCRIPTION"))),
        location=one_line(_text(occurrence.get("LOCATION"))),
        start=start,
        zone=zone,
        minutes=minutes,
        all_day=all_day,
        organizer=organizer,
        attendees=_attendees(occurrence.get("ATTENDEE")),
        cancelled=context.cancel or _text(occurrence.get("STATUS")).strip().upper() == "CANCELLED",
        source=context.path,
    )


def _minutes(occurrence: Component, begin: dt.date, zone: ZoneInfo) -> int:
    """The length: DTEND - DTSTART, or DURATION (vetted by _vet_length, defaulted there)."""
    end_prop = occurrence.get("DTEND")
    if end_prop is not None:
        finish = end_prop.dt
        if not isinstance(begin, dt.datetime):
            finish = finish.date() if isinstance(finish, dt.datetime) else finish
            length = finish - begin
        else:
            length = _utc(_as_datetime(finish, zone)) - begin.astimezone(dt.UTC)
    elif "DURATION" in occurrence:
        length = occurrence["DURATION"].dt
    elif not isinstance(begin, dt.datetime):
        length = dt.timedelta(days=1)
    else:
        return DEFAULT_MINUTES
    return max(0, int(length.total_seconds() // 60))


def _recurrence_id(value: dt.date, context: _Context) -> str:
    if not isinstance(value, dt.datetime):
        return value.strftime("%Y%m%d")
    return _as_datetime(value, context.zone).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _sequence(value: Any) -> int:
    try:
        number = int(str(_first(value)).strip())
    except (TypeError, ValueError):
        return 0
    return max(0, min(number, 2**31 - 1))


def _text(value: Any) -> str:
    """A text property as str (the first when repeated); "" when absent."""
    value = _first(value)
    if value is None:
        return ""
    try:
        return str(value)
    except Exception:
        return ""


# --- people ------------------------------------------------------------------------------

_NOT_PEOPLE = frozenset({"ROOM", "RESOURCE"})
_ADDRESS = re.compile(r"^[^\s@<>()\[\],;:\"]+@[^\s@<>()\[\],;:\"]+$")


def _person(value: Any) -> Person | None:
    value = _first(value)
    if value is None:
        return None
    params = getattr(value, "params", {}) or {}
    if str(params.get("CUTYPE", "")).upper() in _NOT_PEOPLE:
        return None
    email = _email(str(value)) or _email("mailto:" + str(params.get("EMAIL", "")))
    if email.endswith("@resource.calendar.google.com"):
        return None
    name = one_line(_param(params, "CN"))
    if len(name) >= 2 and name[0] == name[-1] and name[0] in "'\"":
        name = name[1:-1].strip()  # Outlook's CN='dana@example.com'

    if name.lower() in (email, "mailto:" + email):
        name = ""
    if not name and not email:
        return None
    return Person(
        name=name,
        email=email,
        role=one_line(_param(params, "ROLE")).upper(),
        partstat=one_line(_param(params, "PARTSTAT")).upper(),
    )


def _param(params: Any, name: str) -> str:
    value = params.get(name, "")
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    return str(value)


def _email(address: str) -> str:
    address = address.strip()
    if address[:7].lower() != "mailto:":
        return ""
    address = address[7:].strip().strip("<>").strip().lower()
    return address if _ADDRESS.match(address) else ""


def _attendees(values: Any) -> tuple[Person, ...]:
    people: list[Person] = []
    seen: set[str] = set()
    for value in _as_list(values):
        person = _person(value)
        if person is None:
            continue
        key = person.email or "name:" + person.name.lower()
        if key in seen:
            continue
        seen.add(key)
        people.append(person)
    return tuple(people)


# --- descriptions ------------------------------------------------------------------------

_HTML_HINT = re.compile(r"<(?:br|p|div|li|ul|ol|b|i|u|a|span|strong|em|html)\b[^>]*>", re.I)
_HTML_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|h[1-6]|tr|ul|ol)>", re.I)
_HTML_ITEM = re.compile(r"<li\b[^>]*>", re.I)
_HTML_LINK = re.compile(r"<a\b[^>]*\bhref\s*=\s*[\"']([^\"']*)[\"'][^>]*>(.*?)</a>", re.I | re.S)
_HTML_TAG = re.compile(r"<[^>]{0,1000}>")
# Google Meet's block, between two "-::~:~::~:...::-" lines (or to the end when cut).
_GOOGLE_MEET = re.compile(r"-::~:~::~[:~]*::-.*?(?:-::~:~::~[:~]*::-|\Z)", re.S)
# Microsoft Teams' block: a rule of underscores, "Microsoft Teams ...", to the next rule.
_TEAMS = re.compile(r"_{30,}\s*\n\s*Microsoft Teams.*?(?:_{30,}|\Z)", re.S)
_BLANK_LINES = re.compile(r"\n{3,}")


def _description(text: str) -> str:
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _GOOGLE_MEET.sub("", text)
    text = _TEAMS.sub("", text)
    if _HTML_HINT.search(text):
        text = _html_text(text)
    text = clean(text)
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _html_text(text: str) -> str:
    def link(match: re.Match[str]) -> str:
        href, label = match.group(1), _HTML_TAG.sub("", match.group(2)).strip()
        if not label or label == href or href.startswith("mailto:"):
            return label or href
        return f"{label} ({href})"

    text = text.replace("\n", " ") if "<br" in text.lower() else text
    text = _HTML_LINK.sub(link, text)
    text = _HTML_ITEM.sub("\n- ", text)
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    return html.unescape(text)
