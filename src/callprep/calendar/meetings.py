"""Calendar meetings as plans: which events become plans, whose account, what a re-import changes.

More in docs/internals.md, `callprep.calendar.meetings`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from callprep import messages
from callprep.calls import people as deal_people
from callprep.dates import zone_key
from callprep.errors import CallprepError
from callprep.files import atomic_write, read_text
from callprep.plans.model import Attendee, CalendarEvent, Plan
from callprep.plans.planfile import dumps, parse_toml
from callprep.plans.profile import DOMAIN_RE, Profile
from callprep.plans.store import os_error_message
from callprep.text import clean, email_domain, one_line

if TYPE_CHECKING:
    from callprep.calendar.events import Event, Person
    from callprep.catalog.index import PlanSummary
    from callprep.plans.store import Store

ACCOUNTS_FILE = "accounts.toml"
MAX_ACCOUNT = 120  # characters of an account name set with --account-for
# Characters of an event's description a plan keeps (`notes.agenda`): a pasted thread of
# megabytes would make a plan larger than the store reads (files.MAX_PLAN_BYTES).
MAX_AGENDA = 100_000

# Suffixes under which companies register their names (acme.co.uk, acme.com.au): a name is the
# label before one of these, else the label before the top-level domain. A small, kept list
# rather than the whole public-suffix list: a wrong guess is one `--account-for` away.
# fmt: off
_SECOND_LEVEL = frozenset((
    "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk", "nhs.uk", "net.uk",
    "com.au", "net.au", "org.au", "edu.au", "gov.au", "co.nz", "org.nz", "net.nz", "govt.nz",
    "co.za", "org.za", "com.br", "net.br", "org.br", "com.mx", "com.ar", "com.co", "com.pe",
    "com.cn", "net.cn", "org.cn", "com.hk", "com.sg", "com.tw", "com.my", "com.ph", "com.tr",
    "com.sa", "com.eg", "com.ng", "com.pk", "com.vn", "com.ua", "com.pl", "com.es", "com.pt",
    "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "co.kr", "or.kr", "co.in", "net.in", "org.in",
    "firm.in", "co.il", "org.il", "ac.il", "co.id", "or.id", "co.th", "in.th", "co.ke",
    "com.gh", "co.tz", "co.ug", "gv.at", "co.at", "or.at", "com.cy", "com.mt", "co.hu",
))
# Addresses anyone can have: their domain names no company.
_FREE_MAIL = frozenset((
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com",
    "msn.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "ymail.com", "icloud.com", "me.com",
    "mac.com", "aol.com", "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.de",
    "gmx.net", "web.de", "t-online.de", "orange.fr", "free.fr", "laposte.net", "libero.it",
    "yandex.ru", "yandex.com", "mail.ru", "qq.com", "163.com", "126.com", "naver.com",
    "fastmail.com", "zoho.com", "hey.com", "btinternet.com", "comcast.net", "verizon.net",
))
# fmt: on
_VOWELS = frozenset("aeiouy")

# The kind of call, from words of the meeting's title ("Globex demo", "QBR").
_KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("demo", re.compile(r"\b(?:demo|demonstration|walk-?through)\b", re.IGNORECASE)),
    ("proposal", re.compile(r"\bproposal\b", re.IGNORECASE)),
    (
        "negotiation",
        re.compile(r"\b(?:negotiat\w*|commercial terms|contract review|redlines?)\b", re.I),
    ),
    ("review", re.compile(r"\b(?:QBR|business review|account review|renewal)\b", re.IGNORECASE)),
    ("discovery", re.compile(r"\b(?:discovery|intro(?:duction|ductory)?(?: call)?)\b", re.I)),
)


# --- names ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def registrable_domain(domain: str) -> str:
    """The domain a company registers: `mail.acme.co.uk` is `acme.co.uk`, `eu.acme.com` `acme.com`."""
    labels = [label for label in domain.lower().strip(".").split(".") if label]
    if len(labels) <= 2:
        return ".".join(labels)
    keep = 3 if ".".join(labels[-2:]) in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def account_from_domain(domain: str) -> str:
    """A company name from its email domain: `northwind-foods.com` is "Northwind Foods"."""
    registrable = registrable_domain(domain)
    label = registrable.split(".", 1)[0] if registrable else ""
    words = [word for word in re.split(r"[-_]+", label) if word]
    return " ".join(_word(word) for word in words)


def _word(word: str) -> str:
    # Short words and words without a vowel are initials: ibm, dhl, hsbc.
    if len(word) <= 3 or not _VOWELS.intersection(word):
        return word.upper()
    return word[:1].upper() + word[1:]


def is_free_mail(domain: str) -> bool:
    return domain in _FREE_MAIL or registrable_domain(domain) in _FREE_MAIL


def person_name(person: Person) -> str:
    """Their name as the calendar has it, else as their address spells it, else ""."""
    name = one_line(person.name)
    if name and "@" not in name:
        last_first = re.fullmatch(r"([^,]+),\s*([^,]+)", name)
        if last_first and not re.search(r"[()\d]", name):
            return f"{last_first.group(2).strip()} {last_first.group(1).strip()}"
        return name
    return name_from_email(person.email)


def name_from_email(email: str) -> str:
    """`priya.raman@...` is "Priya Raman"; `info@`, `jsmith@` or `ops-team@` name nobody."""
    local = email.split("@", 1)[0]
    parts = re.split(r"[._]", local)
    if not 2 <= len(parts) <= 3 or not all(re.fullmatch(r"[^\W\d_]{2,}", p) for p in parts):
        return ""
    return " ".join(part[:1].upper() + part[1:].lower() for part in parts)


def guess_kind(title: str) -> str:
    """The kind of call a meeting's title names ("Globex demo"), or "" when it names none."""
    for kind, words in _KIND_WORDS:
        if words.search(title):
            return kind
    return ""


# --- ours and theirs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sides:
    """Which addresses are ours: the profile's domains, or the one guessed from the calendar."""

    domains: tuple[str, ...]
    profile: Profile | None = None
    guessed: bool = False
    # Addresses already judged (an import asks about the same few thousand again and again).
    _known: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def is_ours(self, email: str) -> bool:
        known = self._known.get(email)
        if known is None:
            known = self._judge(email)
            self._known[email] = known
        return known

    def _judge(self, email: str) -> bool:
        if self.profile is not None:
            return self.profile.is_ours(email)
        domain = email_domain(email)
        return bool(domain) and any(
            domain == ours or domain.endswith(f".{ours}") for ours in self.domains
        )


def sides_for(profile: Profile, found: Sequence[Event]) -> Sides:
    """The profile's domains; without any, the domain on the most events (the organizer's on a tie)."""
    if profile.our_domains:
        return Sides(tuple(profile.our_domains), profile)
    on_events: Counter[str] = Counter()
    organizing: Counter[str] = Counter()
    for event in found:
        people = [*event.attendees, *([event.organizer] if event.organizer else [])]
        on_events.update({email_domain(p.email) for p in people} - {""})
        if event.organizer and email_domain(event.organizer.email):
            organizing[email_domain(event.organizer.email)] += 1
    if not on_events:
        return Sides((), guessed=True)
    best = max(on_events, key=lambda d: (on_events[d], organizing[d], -_first_seen(found, d)))
    return Sides((best,), guessed=True)


def _first_seen(found: Sequence[Event], domain: str) -> int:
    for n, event in enumerate(found):
        people = [*([event.organizer] if event.organizer else []), *event.attendees]
        if any(email_domain(p.email) == domain for p in people):
            return n
    return len(found)


# --- the people of an event ---------------------------------------------------------------------


def people(event: Event, sides: Sides) -> list[dict[str, str]]:
    """The event's people as plan attendees: the organizer too, nobody who declined, once each."""
    found: list[dict[str, str]] = []
    seen: set[str] = set()
    listed = list(event.attendees)
    organizer = event.organizer
    if (
        organizer is not None
        and organizer.email
        and all(p.email != organizer.email for p in listed)
    ):
        listed.insert(0, organizer)
    for person in listed:
        if person.partstat.upper() == "DECLINED":
            continue
        email = person.email.lower()
        if email and email in seen:
            continue
        if not email and not person.name:
            continue
        seen.add(email)
        # Someone the calendar does not name is known by their address: an address is no name
        # to greet them by (see agenda.greeting_name), but it says who they are everywhere else.
        entry = {"name": person_name(person) or email, "email": email}
        entry["side"] = "ours" if email and sides.is_ours(email) else "customer"
        found.append({key: value for key, value in entry.items() if value})
    return found


def external(found: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    return [p for p in found if p.get("side") == "customer" and p.get("email")]


def skip_reason(event: Event, sides: Sides, found: list[dict[str, str]] | None = None) -> str:
    """Why an event becomes no plan, as the seller reads it; "" when it becomes one.

    `found` is the event's `people`, when the caller has them already.
    """
    from callprep.calendar.events import not_a_meeting  # deferred: the reader: an import only

    reason = not_a_meeting(event)
    if reason:
        return reason
    if not external(people(event, sides) if found is None else found):
        domains = ", ".join(sides.domains) or messages.IMPORT_NO_DOMAINS
        if any(p.email and not sides.is_ours(p.email) for p in event.not_people):
            return messages.IMPORT_SKIP_NOT_PEOPLE.format(domains=domains)
        return messages.IMPORT_SKIP_INTERNAL.format(domains=domains)
    return ""


# --- accounts --------------------------------------------------------------------------------------


@dataclass
class AccountBook:
    """Where an event's account comes from: the seller's corrections, then earlier plans."""

    corrections: dict[str, str] = field(default_factory=dict)  # address or domain -> account
    by_email: dict[str, str] = field(default_factory=dict)
    by_domain: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, corrections: dict[str, str], summaries: Iterable[PlanSummary]) -> AccountBook:
        """From earlier plans, the latest one's account wins for each address and domain."""
        book = cls(corrections=dict(corrections))

        def when(summary: PlanSummary) -> float:
            start = summary.starts_at
            if start is None:
                return float("-inf")
            return (start if start.tzinfo else start.astimezone()).timestamp()

        for summary in sorted(summaries, key=when):
            if summary.account:
                book.remember(summary.emails, summary.account)
        return book

    def remember(self, emails: Iterable[str], account: str, ours: Sides | None = None) -> None:
        for email in emails:
            email = email.lower()
            domain = email_domain(email)
            if not domain or (ours is not None and ours.is_ours(email)):
                continue
            self.by_email[email] = account
            if not is_free_mail(domain):
                self.by_domain[registrable_domain(domain)] = account

    def account_for(self, people: list[dict[str, str]], organizer: str = "") -> str:
        """The account of a meeting with these people (their external ones decide)."""
        theirs = external(people)
        if not theirs:
            return ""
        emails = [p["email"] for p in theirs]
        domains = _by_weight([email_domain(e) for e in emails], email_domain(organizer))
        for email in emails:
            if email in self.corrections:
                return self.corrections[email]
        for domain in domains:
            for key in (domain, registrable_domain(domain)):
                if key in self.corrections:
                    return self.corrections[key]
        for email in emails:
            if email in self.by_email:
                return self.by_email[email]
        for domain in domains:
            if not is_free_mail(domain) and registrable_domain(domain) in self.by_domain:
                return self.by_domain[registrable_domain(domain)]
        top = domains[0]
        if is_free_mail(top):
            person = next(p for p in theirs if email_domain(p["email"]) == top)
            return person.get("name") or person["email"].split("@", 1)[0]
        return account_from_domain(top)


def _by_weight(domains: list[str], organizer: str) -> list[str]:
    """Domains, the most attendees first; the organizer's, then the first listed, on a tie."""
    counts = Counter(domains)
    order = list(dict.fromkeys(domains))
    return sorted(order, key=lambda d: (-counts[d], d != organizer, order.index(d)))


# --- the seller's corrections: <home>/accounts.toml ----------------------------------------------


def corrections_path(home: Path) -> Path:
    return home / ACCOUNTS_FILE


def load_corrections(home: Path) -> dict[str, str]:
    """The accounts the seller set per address or domain; CallprepError naming the file if broken."""
    path = corrections_path(home)
    if not path.exists() and not path.is_symlink():
        return {}
    data = parse_toml(read_text(path), str(path))
    table = data.get("accounts", {})
    if not isinstance(table, dict):
        raise CallprepError(messages.IMPORT_ACCOUNTS_BROKEN.format(path=path, key="accounts"))
    found: dict[str, str] = {}
    for key, value in table.items():
        if not isinstance(value, str) or not correction_key(key):
            raise CallprepError(messages.IMPORT_ACCOUNTS_BROKEN.format(path=path, key=key))
        found[correction_key(key)] = one_line(value)
    return found


def correction_key(text: str) -> str:
    """An address or a domain as the map keys it (lowercase, no "@" before a domain); "" if neither."""
    key = text.strip().lower()
    if "@" in key.lstrip("@"):
        return key if email_domain(key) else ""
    key = key.lstrip("@")
    return key if DOMAIN_RE.match(key) else ""


def save_correction(store: Store, key: str, account: str) -> Path:
    """Set (or, with an empty account, forget) the account for an address or domain."""
    path = corrections_path(store.home)
    with store.lock("accounts"):
        current = load_corrections(store.home)
        if account:
            current[key] = account
        else:
            current.pop(key, None)
        text = messages.IMPORT_ACCOUNTS_HEADER + dumps({"accounts": dict(sorted(current.items()))})
        try:
            atomic_write(path, text)
        except OSError as err:
            raise CallprepError(os_error_message(err, path)) from err
    return path


def check_account_name(name: str) -> str:
    """The account as one clean line; CallprepError when it is too long to be a name."""
    cleaned = one_line(clean(name))
    if len(cleaned) > MAX_ACCOUNT:
        raise CallprepError(messages.IMPORT_ACCOUNT_TOO_LONG.format(limit=MAX_ACCOUNT))
    return cleaned


def has_answers(plan: Plan) -> bool:
    """Whether the seller has prepared anything of the plan (an import fills none of this)."""
    return bool(
        plan.objective.best
        or plan.objective.minimum
        or plan.objective.customer
        or plan.agenda.items
        or plan.agenda.customer_prep
        or plan.agenda.shared
        or plan.questions
        or plan.debrief is not None
    )


def at_domain(plan: Plan, key: str) -> bool:
    """Whether someone on the customer's side of the plan has this address, or one at this domain."""
    for person in plan.attendees:
        email = person.email.lower()
        if person.side != "customer" or not email:
            continue
        if "@" in key:
            if email == key:
                return True
            continue
        domain = email_domain(email)
        if domain == key or domain.endswith(f".{key}"):
            return True
    return False


def with_account(plan: Plan, account: str) -> Plan:
    calendar = plan.calendar.model_copy(update={"account": account}) if plan.calendar else None
    return plan.model_copy(update={"account": account, "calendar": calendar})


# --- from an event to a plan, and back again -------------------------------------------------------


def start_of(event: Event, zone: ZoneInfo) -> tuple[dt.datetime, str]:
    """The event's start and the IANA name of its zone; a start in UTC or at a bare offset is
    given in `zone` (the seller's)."""
    if event.zone:
        return event.start, event.zone
    return event.start.astimezone(zone), zone.key


def plan_data(
    event: Event,
    sides: Sides,
    account: str,
    profile: Profile,
    zone: ZoneInfo,
    found: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """A new plan's data from the event: the call's facts only, no answer of the seller's.

    `found` is the event's `people`, when the caller has them already.
    """
    start, zone_name = start_of(event, zone)
    found = people(event, sides) if found is None else [dict(p) for p in found]
    if profile.email and all(p.get("email") != profile.email.lower() for p in found):
        me = profile.attendee()
        if me is not None:
            found.append(me)
    data: dict[str, Any] = {
        "account": account,
        "kind": guess_kind(event.summary),
        "starts_at": start,
        "timezone": zone_name,
        "attendees": found,
        "calendar": calendar_of(event, account),
    }
    if event.minutes:
        data["duration_minutes"] = min(event.minutes, 24 * 60)
    if profile.email:
        data["owner"] = profile.email
    if profile.playbook:
        data["playbook"] = profile.playbook
    notes = {"event": one_line(event.summary), "agenda": agenda_of(event)}
    notes = {key: value for key, value in notes.items() if value}
    if notes:
        data["notes"] = notes
    return data


def agenda_of(event: Event) -> str:
    """The event's description as a plan keeps it: cut after MAX_AGENDA characters."""
    text = clean(event.description).strip()
    if len(text) <= MAX_AGENDA:
        return text
    cut = text[:MAX_AGENDA]
    space = cut.rfind(" ", MAX_AGENDA - 200)
    return (cut[:space] if space > 0 else cut).rstrip() + " …"


def description_cut(event: Event) -> bool:
    return len(event.description) > MAX_AGENDA


def calendar_of(event: Event, account: str) -> dict[str, Any]:
    return {
        "uid": event.uid,
        "recurrence_id": event.recurrence_id,
        "sequence": event.sequence,
        "source": source_name(event.source),
        "organizer": event.organizer.email.lower() if event.organizer else "",
        "account": account,
        "event": event.raw,
    }


def source_name(source: str) -> str:
    """Where the event was read: the file's absolute path ("-" for stdin)."""
    return source if source == "-" else os.path.abspath(source)


def occurrence(calendar: CalendarEvent | None) -> tuple[str, str] | None:
    return (calendar.uid, calendar.recurrence_id) if calendar is not None else None


def refreshed(plan: Plan, event: Event, sides: Sides, zone: ZoneInfo) -> Plan:
    """The plan with the event's time, length, people and cancellation; the same plan (the very
    object) when nothing changes."""
    stored = plan.calendar
    if stored is None or plan.debriefed or event.sequence < stored.sequence:
        return plan
    start: dt.datetime | None
    start, zone_name = start_of(event, zone)
    minutes = min(event.minutes, 24 * 60) or None
    moved = stored.starts_at  # the seller moved the call away from this calendar time
    if moved is not None and same_instant(moved, start):
        start, zone_name, minutes = plan.starts_at, plan.timezone, plan.duration_minutes
    else:
        moved = None  # the calendar moved it since: the calendar's time again
    attendees = merge_people(plan.attendees, people(event, sides))
    if event.cancelled:
        cancelled = True
    elif event.sequence > stored.sequence:
        cancelled = False  # a newer copy says it is on again
    else:
        cancelled = plan.cancelled
    update: dict[str, Any] = {}
    if plan.starts_at != start or plan.timezone != zone_name:
        update |= {"starts_at": start, "timezone": zone_name}
    if plan.duration_minutes != minutes:
        update["duration_minutes"] = minutes
    if [a.model_dump() for a in attendees] != [a.model_dump() for a in plan.attendees]:
        update["attendees"] = attendees
    if cancelled != plan.cancelled:
        update["cancelled"] = cancelled
    organizer = event.organizer.email.lower() if event.organizer else ""
    calendar: dict[str, Any] = {
        "sequence": max(stored.sequence, event.sequence),
        "organizer": organizer,
        "starts_at": moved,
    }
    from callprep.calendar.events import same_event  # deferred: the reader: an import only

    if event.raw and not same_event(event.raw, stored.event):
        calendar["event"] = event.raw  # kept for the invite that updates the meeting
    if update or any(getattr(stored, key) != value for key, value in calendar.items()):
        update["calendar"] = stored.model_copy(
            update={**calendar, "source": source_name(event.source)}
        )
    if not update:
        return plan
    return plan.model_copy(update=update)


def same_instant(first: dt.datetime, second: dt.datetime | None) -> bool:
    if second is None:
        return False
    aware = [t if t.tzinfo is not None else t.astimezone() for t in (first, second)]
    return aware[0] == aware[1]


def owns_time(plan: Plan) -> bool:
    """Whether the calendar keeps the plan's time: imported, and not yet history."""
    return plan.calendar is not None and bool(plan.calendar.uid) and not plan.debriefed


def moved_by_hand(plan: Plan, start: dt.datetime, minutes: int | None) -> Plan:
    """The plan at the seller's new time, remembering where the calendar has the event, so
    the next import keeps this time until the calendar moves the event."""
    calendar = plan.calendar
    update: dict[str, Any] = {"starts_at": start, "timezone": zone_key(start)}
    if minutes is not None:
        update["duration_minutes"] = minutes
    if calendar is not None and calendar.uid:
        held = calendar.starts_at or plan.starts_at
        update["calendar"] = calendar.model_copy(update={"starts_at": held})
    return plan.model_copy(update=update)


def merge_people(current: Sequence[Attendee], fresh: Sequence[dict[str, str]]) -> list[Attendee]:
    """The plan's people updated from the event's, matched by address, then by name.

    What the seller wrote about a person (name, role, side, influence, stance) stays; a name is
    filled in where the plan has none. Someone the plan has without an address (typed by the
    seller) is the invitee of that name (or of a name they went by), and gets the address:
    nobody is added twice. Someone no longer on the event leaves the plan, unless they are ours
    or the seller wrote something about them; people without an address always stay.
    """
    by_email = {p["email"]: p for p in fresh if p.get("email")}
    known = {a.email.lower() for a in current if a.email}
    unknown = [p for p in fresh if p.get("email") and p["email"] not in known]
    addresses: dict[int, str] = {}  # a plan attendee without an address -> the invitee's
    matched: set[int] = set()  # the invitees so found, by their place in `unknown`
    for n, invitee in enumerate(unknown):
        for at, person in enumerate(current):
            if not person.email and at not in addresses and deal_people.same(invitee, person):
                addresses[at] = invitee["email"]
                matched.add(n)
                break
    merged: list[Attendee] = []
    for at, person in enumerate(current):
        email = person.email.lower()
        if not email:
            if at in addresses:
                person = person.model_copy(update={"email": addresses[at]})
            merged.append(person)
            continue
        now = by_email.get(email)
        if now is None:
            if person.side == "ours" or person.role or person.influence or person.stance:
                merged.append(person)
            continue
        if not person.name and now.get("name"):
            person = person.model_copy(update={"name": now["name"]})
        merged.append(person)
    merged += [Attendee(**p) for n, p in enumerate(unknown) if n not in matched]
    return merged
