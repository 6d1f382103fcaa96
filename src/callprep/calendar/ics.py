"""The calendar invite for a plan's call: RFC 5545 bytes built with icalendar (imported only here)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from callprep import __version__, clock, messages
from callprep.calendar.times import as_list, first_value
from callprep.errors import CallprepError
from callprep.outreach.agenda import CallTime, build, call_noun, call_time, sender
from callprep.outreach.customer import CustomerView, Meeting, Person, of, shown_name
from callprep.plans.model import Plan
from callprep.text import email_domain, html_text, one_line, valid_email

if TYPE_CHECKING:
    from icalendar import Calendar, Event

    from callprep.plans.profile import Profile

PRODID = f"-//callprep//callprep {__version__}//EN"
# Namespace for invite UIDs: the same plan id always gives the same UID, so a re-sent
# invite updates the event in the customer's calendar instead of adding a second one.
UID_NAMESPACE = uuid.UUID("6f1c1a52-4d0e-5b7e-9a53-0c2f6ad1c0de")


@dataclass(frozen=True)
class Invite:
    data: bytes
    hints: tuple[str, ...]  # what the seller should know (people not invited, no organizer)
    # The SEQUENCE an imported plan's invite went out with: the plan remembers it, so the next
    # invite is newer still. None for a plan of callprep's own (its UID is the plan's).
    sequence: int | None = None


def with_sequence(plan: Plan, sequence: int) -> Plan:
    """The plan remembering that its event went out at `sequence` (the same plan if it knew)."""
    calendar = plan.calendar
    if calendar is None or calendar.sequence >= sequence:
        return plan
    return plan.model_copy(update={"calendar": calendar.model_copy(update={"sequence": sequence})})


def invite_uid(plan_id: str) -> str:
    return f"{uuid.uuid5(UID_NAMESPACE, plan_id)}@callprep"


def tz_id(offset: dt.timedelta) -> str:
    """A TZID for a fixed offset: the IANA `Etc/GMT±N` zone clients know, else `UTC±HHMM`."""
    minutes = int(offset.total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    if rest == 0 and -12 * 60 <= minutes <= 14 * 60:
        # POSIX sign convention: Etc/GMT+5 is five hours *behind* UTC.
        return f"Etc/GMT{'-' if minutes > 0 else '+'}{hours}"
    return f"UTC{'+' if minutes >= 0 else '-'}{hours:02d}{rest:02d}"


def description(view: CustomerView, ref: str, profile: Profile | None = None) -> str:
    message = build(view, ref, profile=profile, long=True)
    parts = [message.purpose]
    if message.items:
        numbered = [f"{n}. {item}" for n, item in enumerate(message.items, 1)]
        parts.append("\n".join([messages.ICS_DESCRIPTION_AGENDA, *numbered]))
    if message.prep:
        parts.append("\n".join([messages.ICS_DESCRIPTION_PREP, *(f"- {p}" for p in message.prep)]))
    people = [_person(p) for p in [*view.customer_people, *view.our_people]]
    if people:
        parts.append(messages.ICS_DESCRIPTION_PEOPLE.format(people=", ".join(people)))
    return "\n\n".join(parts)


def summary(view: CustomerView) -> str:
    """The event title: "Acme Logistics: Fleet telematics rollout", or "Globex demo"."""
    topic, account = one_line(view.topic), one_line(view.account)
    if topic:
        return messages.ICS_SUMMARY.format(account=account, topic=topic) if account else topic
    noun = call_noun(view)
    return (
        messages.ICS_SUMMARY_NO_TOPIC.format(account=account, noun=noun)
        if account
        else noun.title()
    )


def _person(person: Person) -> str:
    name, role = shown_name(person.name), one_line(person.role)
    return f"{name} ({role})" if role and name else name or role


def _cn(name: str) -> str:
    # A parameter value cannot hold a double quote (RFC 5545 3.2); not every client decodes
    # the RFC 6868 escape, so use a plain apostrophe.
    return shown_name(name).replace('"', "'")


def invite(
    plan: Plan | CustomerView,
    plan_id: str,
    ref: str = "PLAN",
    now: dt.datetime | None = None,
    profile: Profile | None = None,
    title: str = "",
    details: str = "",
) -> Invite:
    """The invite as bytes; raises CallprepError when the plan has no start time, or when its
    meeting is one someone outside our side organised (only their update would change it).

    A plan of callprep's own is a new event, TENTATIVE until the customer has confirmed the
    agenda. An imported plan's invite is its calendar event's next version (`update`): the event
    as the calendar gave it, every property kept, the agenda added to its description.
    """
    view = of(plan)
    when = call_time(view, profile.zone_name if profile is not None else "")
    if when is None:
        raise CallprepError(messages.ICS_NEEDS_START.format(ref=ref))
    meeting = view.meeting
    hints: list[str] = []
    if meeting is not None:
        _refuse_their_meeting(view, meeting, profile, ref)
        if meeting.event:
            original = _event_of(meeting.event)
            if original is not None:
                return update(view, meeting, original, when, ref, now, profile)
            hints.append(messages.ICS_EVENT_UNREADABLE)
    return _new_event(view, when, plan_id, ref, now, profile, title, details, hints)


def _new_event(
    view: CustomerView,
    when: CallTime,
    plan_id: str,
    ref: str,
    now: dt.datetime | None,
    profile: Profile | None,
    title: str,
    details: str,
    hints: list[str],
) -> Invite:
    """The event made from the plan: its own, or an imported meeting's whose event the plan
    does not keep (imported before it was kept), as the next version of that meeting."""
    # Deferred: icalendar: only an invite pays for it.
    from icalendar import Event, vCalAddress

    organizer = sender(view, profile)
    if organizer is not None and not valid_email(organizer.email):
        organizer = None
    invitees, more = _invitees(view, organizer)
    hints += more
    # iTIP (RFC 5546): a REQUEST needs an ORGANIZER and someone to invite; without them the
    # file is a plain event, which every client still imports.
    calendar = _calendar(request=organizer is not None and bool(invitees))
    if organizer is None:
        hints.append(messages.ICS_NO_ORGANIZER)

    event = Event()
    imported = view.meeting
    sequence = imported.sequence + 1 if imported is not None else 0
    event.add("uid", imported.uid if imported is not None else invite_uid(plan_id))
    event.add("dtstamp", _stamp(now))
    event.add("sequence", sequence)
    _add_times(calendar, event, when)
    if imported is not None and imported.recurrence_id:
        _add_recurrence_id(event, imported.recurrence_id)
    event.add("summary", one_line(title) or summary(view))
    event.add("description", details or description(view, ref, profile))
    if imported is None:
        event.add("status", "CONFIRMED" if view.agenda_confirmed else "TENTATIVE")
    # An imported meeting's status is the calendar's: not known here, so not changed.
    event.add("transp", "OPAQUE")
    if organizer is not None:
        _add_organizer(event, organizer)
    for person in invitees:
        address = vCalAddress(f"mailto:{person.email}")
        if person.name and "@" not in person.name:  # an address standing in for a name is none
            address.params["CN"] = _cn(person.name)
        address.params["CUTYPE"] = "INDIVIDUAL"
        address.params["ROLE"] = "REQ-PARTICIPANT"
        address.params["PARTSTAT"] = "NEEDS-ACTION"
        address.params["RSVP"] = "TRUE"
        event.add("attendee", address)
    calendar.add_component(event)
    calendar.validate()
    return Invite(calendar.to_ical(), tuple(hints), sequence if imported is not None else None)


def _add_organizer(event: Event, person: Person) -> None:
    from icalendar import vCalAddress  # deferred: icalendar: only an invite pays for it

    address = vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["CN"] = _cn(person.name)
    event.add("organizer", address)


def _calendar(request: bool) -> Calendar:
    from icalendar import Calendar  # deferred: icalendar: only an invite pays for it

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if request:
        calendar.add("method", "REQUEST")
    return calendar


def _stamp(now: dt.datetime | None) -> dt.datetime:
    return (now or clock.now()).astimezone(dt.UTC).replace(microsecond=0)


# --- an imported meeting: its next version ----------------------------------------------------

# What an update sets anew, or leaves out: its times and version, and what would make one
# occurrence a series again (an imported occurrence never carries them; a hand edit might).
_REPLACED = (
    "DTSTART",
    "DTEND",
    "DURATION",
    "DTSTAMP",
    "LAST-MODIFIED",
    "SEQUENCE",
    "RECURRENCE-ID",
    "RRULE",
    "RDATE",
    "EXDATE",
    "EXRULE",
    "X-CALLPREP-CUT",
)
# Outlook's own copy of SEQUENCE: it moves with it.
_OUTLOOK_SEQUENCE = "X-MICROSOFT-CDO-APPT-SEQUENCE"
_HTML_START, _HTML_END = "<!-- callprep agenda -->", "<!-- /callprep agenda -->"
_HTML_BLOCK = re.compile(re.escape(_HTML_START) + r".*?" + re.escape(_HTML_END), re.S)
_BODY = re.compile(r"<body\b[^>]*>", re.I)


def _event_of(text: str) -> Event | None:
    """The stored VEVENT, or None when it is no longer one (edited by hand)."""
    from icalendar import Event  # deferred: icalendar: only an invite pays for it

    try:
        event = Event.from_ical(text)
    except Exception:  # whatever a hand edit made of it: the plan's own invite instead
        return None
    return event if isinstance(event, Event) and event.name == "VEVENT" else None


def update(
    view: CustomerView,
    meeting: Meeting,
    event: Event,
    when: CallTime,
    ref: str,
    now: dt.datetime | None = None,
    profile: Profile | None = None,
) -> Invite:
    """The meeting's next version: the event as the calendar gave it, with the same UID and
    RECURRENCE-ID, a higher SEQUENCE, the plan's time (a reschedule may have moved it) in a
    VTIMEZONE every client reads, and the agreed agenda as a marked block at the top of its
    description (a block of an earlier run replaced, never a second one). Everything else is
    kept: title, location, URL, conference and join-link properties, the description with its
    join link, status, organizer, attendees and their parameters. Moved, the attendees are
    asked to answer again. No ORGANIZER: the seller organises it."""
    hints: list[str] = []
    if "X-CALLPREP-CUT" in event:
        hints.append(messages.ICS_DESCRIPTION_WAS_CUT)
    moved = _moved(event, when)
    sequence = max(_number(event.get("SEQUENCE")), meeting.sequence) + 1
    for name in _REPLACED:
        event.pop(name, None)
    stamp = _stamp(now)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", sequence)
    if _OUTLOOK_SEQUENCE in event:
        event.pop(_OUTLOOK_SEQUENCE)
        event.add(_OUTLOOK_SEQUENCE, str(sequence))
    message = build(view, ref, profile=profile, long=True)
    block = agenda_block(message.items, message.prep, view.agenda_confirmed)
    if not block:
        hints.append(messages.ICS_UPDATE_NO_AGENDA.format(ref=ref))
    _set_text(event, "DESCRIPTION", with_block(_text(event, "DESCRIPTION"), block))
    if "X-ALT-DESC" in event:  # Outlook shows this HTML before DESCRIPTION: the block goes in too
        html = _escaped(agenda_html(message.items, message.prep, view.agenda_confirmed))
        _set_raw(event, "X-ALT-DESC", with_html_block(_text(event, "X-ALT-DESC"), html))

    organizer = _email(event.get("ORGANIZER"))
    if not organizer:
        seller = _seller(view, profile)
        if seller is not None:
            _add_organizer(event, seller)
            organizer = seller.email.lower()
        else:
            hints.append(messages.ICS_NO_ORGANIZER)
    attendees = as_list(event.get("ATTENDEE"))
    others = [a for a in attendees if _email(a) != organizer]
    if moved:
        for attendee in others:
            attendee.params["PARTSTAT"] = "NEEDS-ACTION"
            attendee.params["RSVP"] = "TRUE"
    on_meeting = {_email(a) for a in attendees} | {organizer}
    for person in view.people:
        if person.email and person.email.lower() not in on_meeting and person.name:
            hints.append(messages.ICS_NOT_ON_MEETING.format(name=one_line(person.name)))

    calendar = _calendar(request=bool(organizer) and bool(others))
    _add_times(calendar, event, when)
    if meeting.recurrence_id:
        _add_recurrence_id(event, meeting.recurrence_id)
    calendar.add_component(event)
    return Invite(calendar.to_ical(), tuple(hints), sequence)


def agenda_block(items: Sequence[str], prep: Sequence[str], agreed: bool) -> str:
    """The agenda as a marked block of plain text, no blank line inside; "" with no agenda."""
    if not items and not prep:
        return ""
    lines = [messages.ICS_BLOCK_AGREED if agreed else messages.ICS_BLOCK_PROPOSED]
    lines += [f"{n}. {item}" for n, item in enumerate(items, 1)]
    if prep:
        lines += [messages.ICS_DESCRIPTION_PREP, *(f"- {item}" for item in prep)]
    lines.append(messages.ICS_BLOCK_END)
    return "\n".join(lines)


def with_block(text: str, block: str) -> str:
    """The description with `block` at its top, and no block of an earlier run left in it."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    starts = (messages.ICS_BLOCK_AGREED, messages.ICS_BLOCK_PROPOSED)
    while True:
        first = next((n for n, line in enumerate(lines) if line.strip() in starts), None)
        if first is None:
            break
        ends = [
            n for n in range(first + 1, len(lines)) if lines[n].strip() == messages.ICS_BLOCK_END
        ]
        blank = [n for n in range(first + 1, len(lines)) if not lines[n].strip()]
        last = ends[0] if ends else blank[0] - 1 if blank else len(lines) - 1
        rest = lines[last + 1 :]
        while rest and not rest[0].strip():
            rest = rest[1:]
        lines = lines[:first] + rest
    rest_text = newline.join(lines).lstrip("\r\n")
    if not block:
        return rest_text
    block = block.replace("\n", newline)
    return f"{block}{newline}{newline}{rest_text}" if rest_text.strip() else block


def agenda_html(items: Sequence[str], prep: Sequence[str], agreed: bool) -> str:
    if not items and not prep:
        return ""
    heading = (messages.ICS_BLOCK_AGREED if agreed else messages.ICS_BLOCK_PROPOSED).strip("- ")
    parts = [f"<p><b>{html_text(heading)}</b></p>"]
    if items:
        parts.append("<ol>" + "".join(f"<li>{html_text(i)}</li>" for i in items) + "</ol>")
    if prep:
        parts.append(f"<p>{html_text(messages.ICS_DESCRIPTION_PREP)}</p>")
        parts.append("<ul>" + "".join(f"<li>{html_text(i)}</li>" for i in prep) + "</ul>")
    return f"{_HTML_START}<div>{''.join(parts)}<hr></div>{_HTML_END}"


def with_html_block(html: str, block: str) -> str:
    """The HTML description with `block` first in its body, no block of an earlier run left."""
    html = _HTML_BLOCK.sub("", html)
    if not block:
        return html
    body = _BODY.search(html)
    at = body.end() if body else 0
    return html[:at] + block + html[at:]


def _text(event: Event, name: str) -> str:
    value = first_value(event.get(name))
    return "" if value is None else str(value)


def _set_text(event: Event, name: str, text: str) -> None:
    """Set a text property anew, keeping the parameters it had (LANGUAGE, FMTTYPE ...)."""
    from icalendar import vText  # deferred: icalendar: only an invite pays for it

    old = first_value(event.get(name))
    event.pop(name, None)
    if not text:
        return
    value = vText(text)
    if old is not None and getattr(old, "params", None):
        value.params.update(old.params)
    event.add(name, value)


def _set_raw(event: Event, name: str, raw: str) -> None:
    """Set an X- property's value as it stands in the file (icalendar keeps those escaped)."""
    old = first_value(event.get(name))
    if old is None:
        return
    value = type(old)(raw)
    value.params.update(old.params)
    event.pop(name)
    event.add(name, value)


def _escaped(text: str) -> str:
    """Text as an iCalendar TEXT value writes it (RFC 5545 3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _number(value: object) -> int:
    try:
        return max(0, int(str(value).strip()))
    except (TypeError, ValueError):
        return 0


def _email(address: object) -> str:
    """The address of an ORGANIZER or ATTENDEE value, lowercased; "" when none."""
    text = str(first_value(address) or "").strip()
    return text[7:].strip().lower() if text[:7].lower() == "mailto:" else ""


def _moved(event: Event, when: CallTime) -> bool:
    """Whether the plan's time differs from the event's (a reschedule moved it)."""
    try:
        start = event.decoded("DTSTART")
        if "DTEND" in event:
            end = event.decoded("DTEND")
        elif "DURATION" in event:
            end = start + event.decoded("DURATION")
        else:
            return False
    except Exception:  # a time icalendar cannot place: not known to have moved
        return False
    if not isinstance(start, dt.datetime) or start.tzinfo is None or end.tzinfo is None:
        return False
    return (start, end) != (when.start, when.end)


def _seller(view: CustomerView, profile: Profile | None) -> Person | None:
    """Who organises an update of a meeting the calendar gave no organizer: the profile's
    email, else the sender of the agenda."""
    if profile is not None and valid_email(profile.email):
        return Person(profile.name, profile.title, "ours", profile.email)
    found = sender(view, profile)
    return found if found is not None and valid_email(found.email) else None


def _refuse_their_meeting(
    view: CustomerView, meeting: Meeting, profile: Profile | None, ref: str
) -> None:
    """CallprepError when someone outside our side organised the meeting: an invite from us
    would change nothing in their calendar, or add a second meeting beside theirs."""
    email = meeting.organizer.lower() or _organizer_address(meeting.event)
    if not email or _is_ours(email, view, profile):
        return
    person = next((p for p in view.people if p.email.lower() == email), None)
    name = one_line(person.name) if person is not None and person.name else email
    raise CallprepError(messages.ICS_THEIR_MEETING.format(name=name, ref=ref))


def _organizer_address(event: str) -> str:
    """The ORGANIZER's address in an event's text, lowercased; "" when none."""
    line = re.search(r"^ORGANIZER[;:].*$", re.sub(r"\r?\n[ \t]", "", event), re.M | re.I)
    address = re.search(r"mailto:([^\s;,\"<>]+)\s*$", line.group(), re.I) if line else None
    return address.group(1).lower() if address else ""


def _is_ours(email: str, view: CustomerView, profile: Profile | None) -> bool:
    """Whether an address is our side's: by the profile (its email and domains) when it names
    them, else by the side the plan gives the person, else by our people's domains."""
    if profile is not None and profile.our_domains:
        return email == profile.email.lower() or profile.is_ours(email)
    person = next((p for p in view.people if p.email.lower() == email), None)
    if person is not None:
        return person.side == "ours"
    ours = {email_domain(p.email) for p in view.people if p.side == "ours" and p.email}
    return email_domain(email) in ours - {""}


def _add_recurrence_id(event: Event, value: str) -> None:
    """RECURRENCE-ID as the import stored it: "YYYYMMDDTHHMMSSZ" (UTC) or "YYYYMMDD" (a day)."""
    try:
        if "T" in value:
            moment = dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
            event.add("recurrence-id", moment)
        else:
            event.add("recurrence-id", dt.datetime.strptime(value, "%Y%m%d").date())
    except ValueError:
        return  # a hand-edited value that is no time: the invite is for the series' UID alone


def _invitees(view: CustomerView, organizer: Person | None) -> tuple[list[Person], list[str]]:
    """Everyone but the organizer who has an address; hints name the ones left out."""
    invitees: list[Person] = []
    hints: list[str] = []
    for person in view.people:
        if not (person.name or person.email) or person is organizer:
            continue
        if (
            organizer is not None
            and person.email
            and person.email.lower() == organizer.email.lower()
        ):
            continue
        name = one_line(person.name or person.email)
        if not person.email:
            if person.side == "customer":
                hints.append(messages.ICS_NOT_INVITED.format(name=name))
        elif not valid_email(person.email):
            hints.append(messages.ICS_BAD_EMAIL.format(name=name, email=one_line(person.email)))
        else:
            invitees.append(person)
    return invitees, hints


def _add_times(calendar: Calendar, event: Event, when: CallTime) -> None:
    """DTSTART/DTEND in the call's named zone (its VTIMEZONE added with the event; in UTC when
    the clocks show that time twice), else in the plan's own offset with a VTIMEZONE that
    defines it; UTC as `Z`."""
    # Deferred: icalendar: only an invite pays for it.
    from icalendar import Timezone, TimezoneStandard

    from callprep.calendar.vtimezone import vtimezone, wall_time_is_ambiguous

    if when.zone and when.zone not in ("UTC", "Etc/UTC"):
        if wall_time_is_ambiguous(when.start) or wall_time_is_ambiguous(when.end):
            # In the hour the clocks go back, a time in the zone names no single instant
            # (clients disagree which one it is): UTC names it in every client.
            event.add("dtstart", when.start.astimezone(dt.UTC))
            event.add("dtend", when.end.astimezone(dt.UTC))
            return
        # The zone over the call's own dates, in the form every client reads (see vtimezone).
        calendar.add_component(vtimezone(ZoneInfo(when.zone), when.start, when.end))
        event.add("dtstart", when.start)
        event.add("dtend", when.end)
        return
    offset = when.start.utcoffset() or dt.timedelta(0)
    if offset == dt.timedelta(0):
        event.add("dtstart", when.start.astimezone(dt.UTC))
        event.add("dtend", when.end.astimezone(dt.UTC))
        return
    tzid = tz_id(offset)
    standard = TimezoneStandard()
    standard.add("dtstart", dt.datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", offset)
    standard.add("tzoffsetto", offset)
    standard.add("tzname", when.start.tzname())
    zone = Timezone()
    zone.add("tzid", tzid)
    zone.add_component(standard)
    calendar.add_component(zone)
    for name, value in (("dtstart", when.start), ("dtend", when.end)):
        event.add(name, value)
        # icalendar names the zone after tzname() ("UTC-05:00"); point it at our VTIMEZONE.
        event[name].params["TZID"] = tzid
