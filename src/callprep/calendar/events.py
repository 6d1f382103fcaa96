"""Calendar events in: .ics files, vdir folders and stdin, read with icalendar.

More in docs/internals.md, `callprep.calendar.events`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO
from zoneinfo import ZoneInfo

from callprep import messages
from callprep.calendar.sources import (
    RAW_PROPERTY,
    STDIN,
    Unreadable,
    expand,
    file_bytes,
    parse,
    raw_texts,
    skip_text,
    stdin_bytes,
)
from callprep.calendar.times import (
    DEFAULT_MINUTES,
    Component,
    Context,
    Window,
    as_datetime,
    as_list,
    first_value,
    iana_zone,
    keep_rules,
    output_zone,
    prepare,
    tzid_key,
    utc,
)
from callprep.errors import CallprepError
from callprep.text import clean, one_line

if TYPE_CHECKING:
    from icalendar import Calendar

MAX_TOTAL_BYTES = 200 * 1024 * 1024  # everything one read() takes in
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
    # Invited but no person: rooms, resources, distribution lists, shared calendars.
    not_people: tuple[Person, ...] = ()
    # The occurrence's content lines as the calendar gave them (see `raw_event`), for the
    # invite that updates it; `raw_cut` when its description had to go to keep it small.
    raw: str = field(default="", compare=False)
    raw_cut: bool = field(default=False, compare=False)


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
            files.extend(expand(source))
    only = len(unique) == 1 and files == [(unique[0], True)]
    window = Window(start, end, default_zone)
    # icalendar warns on stderr about what it guesses (a vendor TZID, say): the seller
    # would read a Python warning; what matters is in the events and skips instead.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _read_files(files, only, window, stdin)


def _read_files(
    files: list[tuple[str, bool]], only: bool, window: Window, stdin: BinaryIO | None
) -> tuple[list[Event], list[Skipped]]:
    found: dict[tuple[str, str], Event] = {}
    skipped: list[Skipped] = []
    total = 0
    for path, named in files:
        try:
            data = stdin_bytes(stdin) if path == STDIN else file_bytes(path)
            total += len(data)
            if total > MAX_TOTAL_BYTES:
                raise CallprepError(
                    messages.CAL_TOO_MUCH.format(mb=MAX_TOTAL_BYTES // (1024 * 1024))
                )
            calendars, broken = parse(data, window)
        except Unreadable as problem:
            if named and (problem.fatal or only):
                raise CallprepError(problem.message(path)) from None
            skipped.append(Skipped("", "", skip_text(problem.why, path), path))
            continue
        skipped += [Skipped(b.uid, b.summary, _reason(b.why), path) for b in broken]
        for calendar in calendars:
            for item in _events_of(calendar, path, window):
                if isinstance(item, Skipped):
                    skipped.append(item)
                    continue
                key = (item.uid, item.recurrence_id)
                kept = found.get(key)
                if kept is not None and kept.source == item.source and kept.start != item.start:
                    # One file, one occurrence named twice at two times: the first stands.
                    skipped.append(
                        Skipped(item.uid, item.summary, messages.CAL_SKIP_SAME_UID, path)
                    )
                    continue
                if kept is None or (item.sequence, item.cancelled) > (
                    kept.sequence,
                    kept.cancelled,
                ):
                    found[key] = item
    events = sorted(found.values(), key=lambda e: (e.start, e.uid, e.recurrence_id))
    return events, skipped


# Longer than this is no call to prepare (SPEC: "events longer than a working day"): ten hours,
# so that a full day's workshop at the customer's, lunch and all, is still one.
WORKING_DAY_MINUTES = 10 * 60


def not_a_meeting(event: Event) -> str:
    """Why the event is no call to plan for, as the seller reads it; "" when it is one.

    All-day events, events nobody but the organizer is invited to, and events longer than
    a working day (a conference, an offsite, a block held all day): a call, a demo or a
    workshop at the customer's fits in one. (Which attendees are ours is the caller's
    business: it knows the domains.)
    """
    if event.all_day:
        return messages.CAL_SKIP_ALL_DAY
    organizer = event.organizer.email if event.organizer else ""
    if not any(p.email != organizer or not p.email for p in event.attendees):
        return messages.CAL_SKIP_NO_ATTENDEES
    if event.minutes > WORKING_DAY_MINUTES:
        return messages.CAL_SKIP_TOO_LONG.format(hours=event.minutes // 60)
    return ""


# --- events ------------------------------------------------------------------------------


def _events_of(calendar: Calendar, path: str, window: Window) -> Iterator[Event | Skipped]:
    import recurring_ical_events  # deferred: only a calendar with repeating events

    events = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    if not events:
        return
    raws = raw_texts(calendar)  # each event's text as read (before X-WR-TIMEZONE remakes it)
    vtimezones: dict[str, Component] = {}
    for component in calendar.subcomponents:
        if component.name == "VTIMEZONE" and "TZID" in component:
            vtimezones.setdefault(tzid_key(str(component["TZID"])), component)
    x_wr = iana_zone(_text(calendar.get("X-WR-TIMEZONE")))
    context = Context(
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
        _drop_empty_rules(event)
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
        members, others = _one_master(members)
        for other in others:
            if _near(other, context):
                yield Skipped(uid, _summary([other]), messages.CAL_SKIP_SAME_UID, path)
        try:
            problem, recurring, known_start = prepare(members, context)
        except Exception:  # malformed input comes in more shapes than checks
            yield Skipped(uid, _summary(members), _reason(messages.CAL_WHY_BAD_EVENT), path)
            continue
        if problem:
            if recurring or known_start is None or window.contains(known_start):
                reason = problem if problem in _WHOLE_REASONS else _reason(problem)
                yield Skipped(uid, _summary(members), reason, path)
            continue
        if recurring or len(members) > 1:
            try:
                occurrences = recurring_ical_events.of(_calendar_of(members)).between(
                    query_start, query_end
                )
            except Exception as err:  # the library's view of a series we could not vet
                yield Skipped(uid, _summary(members), _reason(_series_problem(err)), path)
                continue
        else:
            occurrences = members  # a one-off is its own occurrence: no expansion needed
        shifts = _shifts(members, context)
        for occurrence in occurrences:
            try:
                found = _event(occurrence, uid, recurring, context, shifts, raws)
            except Exception:  # one bad occurrence must not end the import
                why = messages.CAL_WHY_BAD_EVENT
                yield Skipped(uid, _summary([occurrence]), _reason(why), path)
                continue
            if found is not None:
                yield found


# Problems that are a skip reason of their own, not why an event cannot be read.
_WHOLE_REASONS = frozenset({messages.CAL_SKIP_SUB_DAILY})


def _drop_empty_rules(event: Component) -> None:
    """An `RRULE:` with nothing in it repeats nothing: the event is a one-off, as
    recurring-ical-events reads it (a rule without FREQ but with other parts stays, refused)."""
    rules = as_list(event.get("RRULE"))
    kept = [rule for rule in rules if not _empty(rule)]
    keep_rules(event, rules, kept)


def _empty(rule: Any) -> bool:
    try:
        return isinstance(rule, dict) and not rule
    except Exception:  # a property that did not parse: not empty, refused later
        return False


def _one_master(members: list[Component]) -> tuple[list[Component], list[Component]]:
    """The UID's components with one series (or one-off) at most, and the other ones.

    Two events without RECURRENCE-ID under one UID: the highest SEQUENCE stays (an older
    copy of the event is left out, as between files), the first on a tie. Two with the same
    SEQUENCE are two meetings a tool gave one name: the others are said to be skipped.
    """
    masters = [m for m in members if "RECURRENCE-ID" not in m]
    if len(masters) < 2:
        return members, []
    keep = max(masters, key=lambda m: _sequence(m.get("SEQUENCE")))  # max keeps the first
    others = [m for m in masters if m is not keep]
    kept = [m for m in members if all(m is not o for o in others)]
    sequence = _sequence(keep.get("SEQUENCE"))
    return kept, [o for o in others if _sequence(o.get("SEQUENCE")) == sequence]


def _near(event: Component, context: Context) -> bool:
    """Whether an event may start in the window: recurring, undated, or starting in it."""
    if any(name in event for name in ("RRULE", "RDATE")):
        return True
    try:
        start = as_datetime(event["DTSTART"].dt, context.zone)
    except Exception:  # no readable start: it may be anywhere
        return True
    return context.window.contains(start)


def _series_problem(err: Exception) -> str:
    """What recurring-ical-events found wrong, in the seller's words (never its own)."""
    from recurring_ical_events.errors import BadRuleStringFormat  # deferred: as the library

    if isinstance(err, BadRuleStringFormat):
        return messages.CAL_WHY_BAD_RULE
    if isinstance(err, OverflowError):
        return messages.CAL_WHY_OUT_OF_RANGE
    return messages.CAL_WHY_BAD_SERIES


def _shifts(members: list[Component], context: Context) -> dict[str, dt.timedelta]:
    """How far each RANGE=THISANDFUTURE override moved its series, by its RECURRENCE-ID.

    recurring-ical-events gives every later occurrence that override's RECURRENCE-ID; each
    is named by its own original start instead (its start moved back), or they would all be
    one occurrence.
    """
    found: dict[str, dt.timedelta] = {}
    for member in members:
        rid = member.get("RECURRENCE-ID")
        if rid is None or str(rid.params.get("RANGE", "")).upper() != "THISANDFUTURE":
            continue
        begin = member["DTSTART"].dt
        if isinstance(rid.dt, dt.datetime) and isinstance(begin, dt.datetime):
            found[_recurrence_id(rid.dt, context)] = begin - rid.dt
    return found


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
        except Exception:  # x-wr-timezone's view of an event: it cannot be placed
            broken.append((event, messages.CAL_WHY_BAD_EVENT))
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


# --- occurrences into events -------------------------------------------------------------


def _event(
    occurrence: Component,
    uid: str,
    recurring: bool,
    context: Context,
    shifts: dict[str, dt.timedelta],
    raws: Sequence[str] = (),
) -> Event | None:
    begin = occurrence["DTSTART"].dt
    all_day = not isinstance(begin, dt.datetime)
    if all_day:
        start = as_datetime(begin, context.zone)
        zone = context.zone.key
    else:
        start, zone = output_zone(begin)
    if not context.window.contains(start):
        return None
    minutes = _minutes(occurrence, begin, context.zone)
    recurrence_id = ""
    if recurring and "RECURRENCE-ID" in occurrence:
        recurrence_id = _recurrence_id(occurrence["RECURRENCE-ID"].dt, context)
        shift = shifts.get(recurrence_id)
        if shift is not None and isinstance(begin, dt.datetime):
            recurrence_id = _recurrence_id(begin - shift, context)
    organizer = _person(occurrence.get("ORGANIZER"))
    attendees, not_people = _attendees(occurrence.get("ATTENDEE"))
    try:
        raw, raw_cut = raw_event(occurrence, recurring, raws)
    except Exception:  # the text is for a later invite: never a reason to lose the event
        raw, raw_cut = "", False
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
        attendees=attendees,
        cancelled=context.cancel or _text(occurrence.get("STATUS")).strip().upper() == "CANCELLED",
        source=context.path,
        not_people=not_people,
        raw=raw,
        raw_cut=raw_cut,
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
            length = utc(as_datetime(finish, zone)) - begin.astimezone(dt.UTC)
    elif "DURATION" in occurrence:
        length = occurrence["DURATION"].dt
    elif not isinstance(begin, dt.datetime):
        length = dt.timedelta(days=1)
    else:
        return DEFAULT_MINUTES
    return max(0, int(length.total_seconds() // 60))


def _recurrence_id(value: dt.date, context: Context) -> str:
    if not isinstance(value, dt.datetime):
        return value.strftime("%Y%m%d")
    return as_datetime(value, context.zone).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _sequence(value: Any) -> int:
    try:
        number = int(str(first_value(value)).strip())
    except (TypeError, ValueError):
        return 0
    return max(0, min(number, 2**31 - 1))


def _text(value: Any) -> str:
    """A text property as str (the first when repeated); "" when absent."""
    value = first_value(value)
    if value is None:
        return ""
    try:
        return str(value)
    except Exception:
        return ""


# --- the event as the calendar gave it ------------------------------------------------------

# The most of an event's text a plan keeps (the store holds plans of up to 1 MB).
MAX_EVENT_BYTES = 256 * 1024
CUT_MARK = "X-CALLPREP-CUT:DESCRIPTION"  # the event was kept without its description
_DESCRIPTIONS = re.compile(r"(?:DESCRIPTION|X-ALT-DESC)[;:]", re.IGNORECASE)
# What makes the text of a series' component the text of one occurrence: its own times.
_OCCURRENCE = ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID")
_SERIES = re.compile(
    r"(?:DTSTART|DTEND|DURATION|RRULE|RDATE|EXDATE|EXRULE|RECURRENCE-ID|" + RAW_PROPERTY + r")[;:]",
    re.IGNORECASE,
)


def raw_event(component: Component, recurring: bool, raws: Sequence[str]) -> tuple[str, bool]:
    """The occurrence's content lines as the calendar gave them (CRLF ends, unfolded where a
    series' lines were changed): a one-off as read; an occurrence of a series with its own
    DTSTART, DTEND and RECURRENCE-ID and no RRULE, RDATE or EXDATE. And whether its description
    (and HTML description) had to go to stay within MAX_EVENT_BYTES, which CUT_MARK then says
    in the text itself; ("", True) when even that is too large."""
    index = str(first_value(component.get(RAW_PROPERTY)) or "")
    kept = raws[int(index)] if index.isdigit() and int(index) < len(raws) else ""
    text = kept.replace("\r\n", "\n").replace("\n", "\r\n")
    if not text:  # read without the prefilter: the properties icalendar gives, as it gives them
        text = _content_lines(component, [])
    lines = unfolded(text).split("\r\n")
    if recurring:
        own = _content_lines(component, _OCCURRENCE).split("\r\n")[1:-2]
        lines = [line for line in lines if not _SERIES.match(line)]
        lines[1:1] = own
    text = "\r\n".join(line for line in lines if line) + "\r\n"
    if len(text.encode("utf-8")) <= MAX_EVENT_BYTES:
        return text, False
    lines = [line for line in text.split("\r\n") if line and not _DESCRIPTIONS.match(line)]
    lines.insert(len(lines) - 1, CUT_MARK)
    short = "\r\n".join(lines) + "\r\n"
    return (short, True) if len(short.encode("utf-8")) <= MAX_EVENT_BYTES else ("", True)


def _content_lines(component: Component, names: Sequence[str]) -> str:
    """A VEVENT's properties (only `names`, when given) as unfolded content lines; icalendar's
    own to_ical() folds and sorts, at several times the cost."""
    out = ["BEGIN:VEVENT"]
    for name, value in component.property_items(recursive=False, sorted=False):
        if name in ("BEGIN", "END", RAW_PROPERTY) or (names and name not in names):
            continue
        body = value.to_ical() if hasattr(value, "to_ical") else str(value)  # SEQUENCE: an int
        body = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
        params = getattr(value, "params", None)
        shown = params.to_ical(sorted=False).decode("utf-8", "replace") if params else ""
        out.append(f"{name};{shown}:{body}" if shown else f"{name}:{body}")
    out.append("END:VEVENT")
    return "\r\n".join(out) + "\r\n"


def unfolded(text: str) -> str:
    """iCalendar text with its folded lines joined (RFC 5545 3.1)."""
    return re.sub(r"\r?\n[ \t]", "", text)


def same_event(a: str, b: str) -> bool:
    """The same event text but for DTSTAMP (a calendar export stamps every event anew)."""

    def unstamped(text: str) -> list[str]:
        return [line for line in unfolded(text).splitlines() if not line.startswith("DTSTAMP")]

    return unstamped(a) == unstamped(b)


# --- people ------------------------------------------------------------------------------

_NOT_PEOPLE = frozenset({"ROOM", "RESOURCE", "GROUP"})
# Google's addresses of calendars, not of people: shared calendars (…@group.calendar.google.com,
# …@group.v.calendar.google.com), rooms (…@resource.calendar.google.com), imported ones.
_CALENDAR_DOMAIN = "calendar.google.com"
_ADDRESS = re.compile(r"^[^\s@<>()\[\],;:\"]+@[^\s@<>()\[\],;:\"]+$")


def _person(value: Any) -> Person | None:
    person = _invited(value)
    return person if person is not None and _is_person(value, person) else None


def _invited(value: Any) -> Person | None:
    """Whoever (or whatever) an ORGANIZER or ATTENDEE names; None when nothing."""
    value = first_value(value)
    if value is None:
        return None
    params = getattr(value, "params", {}) or {}
    email = _email(str(value)) or _email("mailto:" + str(params.get("EMAIL", "")))
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


def _is_person(value: Any, person: Person) -> bool:
    """Not a room, a resource, a distribution list or a shared calendar."""
    params = getattr(first_value(value), "params", {}) or {}
    if str(params.get("CUTYPE", "")).upper() in _NOT_PEOPLE:
        return False
    domain = person.email.rpartition("@")[2]
    return not (domain == _CALENDAR_DOMAIN or domain.endswith("." + _CALENDAR_DOMAIN))


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


def _attendees(values: Any) -> tuple[tuple[Person, ...], tuple[Person, ...]]:
    """The people invited, and what was invited that is no person (rooms, lists...)."""
    people: list[Person] = []
    others: list[Person] = []
    seen: set[str] = set()
    for value in as_list(values):
        person = _invited(value)
        if person is None:
            continue
        key = person.email or "name:" + person.name.lower()
        if key in seen:
            continue
        seen.add(key)
        (people if _is_person(value, person) else others).append(person)
    return tuple(people), tuple(others)


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
