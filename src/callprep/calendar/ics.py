"""The calendar invite for a plan's call: RFC 5545 bytes built with icalendar (imported only here)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from callprep import __version__, clock, messages
from callprep.errors import CallprepError
from callprep.outreach.agenda import CallTime, build, call_noun, call_time, sender
from callprep.outreach.customer import CustomerView, Person, of
from callprep.plans.model import Plan
from callprep.text import one_line, valid_email

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
    name, role = one_line(person.name), one_line(person.role)
    return f"{name} ({role})" if role else name


def _cn(name: str) -> str:
    # A parameter value cannot hold a double quote (RFC 5545 3.2); not every client decodes
    # the RFC 6868 escape, so use a plain apostrophe.
    return one_line(name).replace('"', "'")


def invite(
    plan: Plan | CustomerView,
    plan_id: str,
    ref: str = "PLAN",
    now: dt.datetime | None = None,
    profile: Profile | None = None,
    title: str = "",
    details: str = "",
) -> Invite:
    """The invite as bytes; raises CallprepError when the plan has no start time.

    TENTATIVE until the customer has confirmed the agenda. An imported plan's invite is its
    calendar event's next version (its UID and RECURRENCE-ID, a higher SEQUENCE), so calendars
    update the meeting instead of adding a second one; when the meeting is the customer's
    (they organised it), it keeps their ORGANIZER and is a plain event, not a request.
    """
    # Deferred: icalendar: only an invite pays for it.
    from icalendar import Calendar, Event, vCalAddress

    view = of(plan)
    when = call_time(view, profile.zone_name if profile is not None else "")
    if when is None:
        raise CallprepError(messages.ICS_NEEDS_START.format(ref=ref))
    hints: list[str] = []
    organizer = sender(view, profile)
    theirs = _their_organizer(view)
    if theirs is not None:
        organizer = theirs
        hints.append(messages.ICS_THEIR_MEETING.format(name=one_line(theirs.name or theirs.email)))
    if organizer is not None and not valid_email(organizer.email):
        organizer = None
    invitees, more = _invitees(view, organizer)
    hints += more

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # iTIP (RFC 5546): a REQUEST needs an ORGANIZER and someone to invite; without them the
    # file is a plain event, which every client still imports.
    if organizer is not None and invitees and theirs is None:
        calendar.add("method", "REQUEST")
    elif organizer is None:
        hints.append(messages.ICS_NO_ORGANIZER)

    event = Event()
    imported = view.meeting
    sequence = imported.sequence + 1 if imported is not None else 0
    event.add("uid", imported.uid if imported is not None else invite_uid(plan_id))
    event.add("dtstamp", (now or clock.now()).astimezone(dt.UTC).replace(microsecond=0))
    event.add("sequence", sequence)
    _add_times(calendar, event, when)
    if imported is not None and imported.recurrence_id:
        _add_recurrence_id(event, imported.recurrence_id)
    event.add("summary", one_line(title) or summary(view))
    event.add("description", details or description(view, ref, profile))
    event.add("status", "CONFIRMED" if view.agenda_confirmed else "TENTATIVE")
    event.add("transp", "OPAQUE")
    if organizer is not None:
        address = vCalAddress(f"mailto:{organizer.email}")
        if organizer.name:
            address.params["CN"] = _cn(organizer.name)
        event.add("organizer", address)
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


def _their_organizer(view: CustomerView) -> Person | None:
    """The customer who organised the imported meeting, when it is theirs."""
    email = view.meeting.organizer.lower() if view.meeting is not None else ""
    if not email:
        return None
    for person in view.people:
        if person.email.lower() == email:
            return person if person.side == "customer" else None
    return None


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
