"""`callprep import` as a whole: read the calendars, decide each meeting, write the plans.

The rules for one meeting live in `callprep.calendar.meetings`; this module brings the store into it.
The store is looked at once (its index: which plan has which event, which accounts earlier
plans had for which addresses, and what each knows of its deal); plans are read only where
an event names them, and where a deal's latest answer to a discovery topic is (to carry what
is known forward), each once per import, whatever the size of the store. New plans are
written together (`Store.add_all`); a plan that changes is changed under its lock against the
file as it is then, and one whose call moved to another day follows it to a new id
(`Store.reschedule`, the old id kept as an alias).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from callprep import messages
from callprep.calendar import meetings
from callprep.catalog import index
from callprep.catalog.index import PlanSummary
from callprep.dates import call_time_text
from callprep.deal import carry
from callprep.errors import CallprepError
from callprep.files import MAX_PLAN_BYTES, read_bounded
from callprep.plans.model import DISCOVERY_KEYS, Plan
from callprep.plans.planfile import LoadProblem, load_plan, plan_to_text, validate
from callprep.plans.profile import Profile
from callprep.plans.store import Store
from callprep.text import account_key, email_domain, shortened

MAX_DAYS = 366 * 2
DEFAULT_DAYS = 14

# The reasons `events` and `meetings` give, grouped for the one-line summary: whole
# reasons, then the start of those that name something (a number of hours, our domains).
_GROUPS = {
    messages.CAL_SKIP_ALL_DAY: "all_day",
    messages.CAL_SKIP_NO_ATTENDEES: "no_attendees",
    messages.IMPORT_SKIP_CANCELLED: "cancelled",
    messages.CAL_SKIP_SUB_DAILY: "too_often",
    messages.CAL_SKIP_SAME_UID: "same_uid",
}
_GROUP_PREFIXES = (
    (messages.CAL_SKIP_UNREADABLE.partition("{")[0], "unreadable"),
    (messages.IMPORT_SKIP_INTERNAL.partition("{")[0], "internal"),
    (messages.CAL_SKIP_TOO_LONG.partition("{")[0], "too_long"),
    (messages.IMPORT_SKIP_TOO_BIG.partition("{")[0], "too_big"),
    (messages.IMPORT_SKIP_PLAN_UNREADABLE.partition("{")[0], "plan_unreadable"),
)


@dataclass(frozen=True)
class Outcome:
    """What became of one meeting that has (or would have) a plan."""

    action: str  # created, updated, cancelled, unchanged
    plan_id: str
    starts_at: dt.datetime | None
    zone: str
    account: str
    event_uid: str


@dataclass(frozen=True)
class Skip:
    uid: str
    summary: str
    reason: str

    @property
    def group(self) -> str:
        """The reason's group: a key of messages.IMPORT_SKIP_GROUPS."""
        return _group(self.reason)

    def to_json(self) -> dict[str, str]:
        return {"uid": self.uid, "summary": self.summary, "reason": self.reason}


@dataclass
class Result:
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    # Accounts made from a domain in this run, domain -> account (the seller may correct them).
    named: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # for stderr: guessed domains, ignored files
    dry_run: bool = False

    def ids(self, *actions: str) -> list[str]:
        return [o.plan_id for o in self.outcomes if o.action in actions]

    def to_json(self) -> dict[str, Any]:
        return {
            "created": self.ids("created"),
            "updated": self.ids("updated", "cancelled"),
            "unchanged": self.ids("unchanged"),
            "skipped": [skip.to_json() for skip in self.skipped],
        }


def window(
    now: dt.datetime, days: int, start_day: dt.date | None, zone: ZoneInfo
) -> tuple[dt.datetime, dt.datetime]:
    """From now (or the start of `start_day`, in the seller's zone) to `days` days later."""
    if not 1 <= days <= MAX_DAYS:
        raise CallprepError(messages.IMPORT_BAD_DAYS.format(days=days, limit=MAX_DAYS))
    start = now if start_day is None else dt.datetime.combine(start_day, dt.time(), zone)
    return start, start + dt.timedelta(days=days)


def import_calendars(
    store: Store,
    sources: Sequence[str],
    *,
    profile: Profile,
    start: dt.datetime,
    end: dt.datetime,
    zone: ZoneInfo,
    dry_run: bool = False,
    stdin: BinaryIO | None = None,
    warn: Callable[[str], None] = lambda message: None,
) -> Result:
    import gc  # deferred: only a large import

    from callprep.calendar import events  # deferred: the reader: `new` without a calendar skips it

    # Reading a calendar makes a few hundred thousand objects that live to the end; the
    # collector would walk them again and again for nothing (5-10% of an import).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _import(store, sources, profile, start, end, zone, dry_run, stdin, warn, events)
    finally:
        if collecting:
            gc.enable()


def _import(
    store: Store,
    sources: Sequence[str],
    profile: Profile,
    start: dt.datetime,
    end: dt.datetime,
    zone: ZoneInfo,
    dry_run: bool,
    stdin: BinaryIO | None,
    warn: Callable[[str], None],
    events: Any,
) -> Result:
    found, unreadable = events.read(sources, start=start, end=end, default_zone=zone, stdin=stdin)
    result = Result(dry_run=dry_run)
    result.skipped += [Skip(s.uid, s.summary, s.reason) for s in unreadable]
    sides = meetings.sides_for(profile, found)
    if sides.guessed and found:
        result.notes.append(
            messages.IMPORT_GUESSED_DOMAIN.format(domain=sides.domains[0])
            if sides.domains
            else messages.IMPORT_NO_DOMAIN
        )
    run = _Run(store, profile, sides, zone, dry_run, warn)
    for event in found:
        run.meeting(event, result)
    run.write_new(result)
    return result


def _group(reason: str) -> str:
    """The group of a skip reason (a key of messages.IMPORT_SKIP_GROUPS)."""
    if reason in _GROUPS:
        return _GROUPS[reason]
    for prefix, group in _GROUP_PREFIXES:
        if reason.startswith(prefix):
            return group
    return "other"  # none: tests/test_wild_calendars.py holds every reason to a group


class _Run:
    """One import: the store's index read once, new plans held until the end."""

    def __init__(
        self,
        store: Store,
        profile: Profile,
        sides: meetings.Sides,
        zone: ZoneInfo,
        dry_run: bool,
        warn: Callable[[str], None],
    ) -> None:
        self.store = store
        self.profile = profile
        self.sides = sides
        self.zone = zone
        self.dry_run = dry_run
        scanned = list(index.scan(store))
        summaries = [s for s in scanned if isinstance(s, PlanSummary)]
        self.by_uid: dict[str, list[Path]] = {}
        for summary in summaries:
            if summary.calendar_uid and summary.path is not None:
                self.by_uid.setdefault(summary.calendar_uid, []).append(summary.path)
        # Plans of events that cannot be read (too big, broken by hand): never made again.
        self.unreadable: dict[tuple[str, str], Path] = {}
        for problem in scanned:
            if isinstance(problem, LoadProblem):
                key = _calendar_key(problem.path)
                if key is not None:
                    self.unreadable.setdefault(key, problem.path)
        try:
            corrections = meetings.load_corrections(store.home)
        except CallprepError as err:
            warn(messages.IMPORT_ACCOUNTS_IGNORED.format(problem=err.message))
            corrections = {}
        self.book = meetings.AccountBook.of(corrections, summaries)

        # Each account's earlier plans as the index has them; read in full only where a
        # meeting's carry-forward needs them (see `_carry`).
        self.accounts: dict[str, list[PlanSummary]] = {}
        for summary in summaries:
            if summary.account and summary.path is not None:
                self.accounts.setdefault(account_key(summary.account), []).append(summary)
        self.deals: dict[str, _Deals] = {}
        self.loaded: dict[Path, Plan | None] = {}
        self.new: list[tuple[Plan, Outcome]] = []

    # -- one meeting ---------------------------------------------------------------------------

    def meeting(self, event: Any, result: Result) -> None:
        if event.raw_cut:  # the plan keeps the event for its invite, but not all of it
            result.notes.append(messages.IMPORT_EVENT_CUT.format(summary=event.summary))
        found = self._plan_of(event)
        if found is not None:
            path, plan = found
            result.outcomes.append(self._refresh(path, plan, event))
            return
        broken = self.unreadable.get((event.uid, event.recurrence_id))
        if broken is not None:
            reason = messages.IMPORT_SKIP_PLAN_UNREADABLE.format(id=broken.stem)
            result.skipped.append(Skip(event.uid, event.summary, reason))
            return
        people = meetings.people(event, self.sides)
        # A cancelled meeting with no plan is only that, whoever was (still) invited.
        reason = (
            messages.IMPORT_SKIP_CANCELLED
            if event.cancelled
            else meetings.skip_reason(event, self.sides, people)
        )
        if reason:
            result.skipped.append(Skip(event.uid, event.summary, reason))
            return
        organizer = event.organizer.email if event.organizer else ""
        account = self.book.account_for(people, organizer)
        self._note_named(people, account, result)
        data = meetings.plan_data(event, self.sides, account, self.profile, self.zone, people)
        self._carry(data)
        plan = validate(Plan, data, event.source)
        if _too_big(data, plan):
            reason = messages.IMPORT_SKIP_TOO_BIG.format(mb=MAX_PLAN_BYTES // (1024 * 1024))
            result.skipped.append(Skip(event.uid, event.summary, reason))
            return
        if meetings.description_cut(event):
            when = call_time_text(event.start, event.zone, self.zone.key)
            result.notes.append(
                messages.IMPORT_DESCRIPTION_CUT.format(
                    summary=shortened(event.summary), when=when, chars=meetings.MAX_AGENDA
                )
            )
        self.book.remember((p["email"] for p in meetings.external(people)), account, self.sides)
        outcome = Outcome("created", "", plan.starts_at, plan.timezone, plan.account, event.uid)
        self.new.append((plan, outcome))
        result.outcomes.append(outcome)

    def _plan_of(self, event: Any) -> tuple[Path, Plan] | None:
        wanted = (event.uid, event.recurrence_id)
        for path in self.by_uid.get(event.uid, []):
            plan = self._load(path)
            if plan is not None and meetings.occurrence(plan.calendar) == wanted:
                return path, plan
        return None

    def _load(self, path: Path) -> Plan | None:
        if path not in self.loaded:
            try:
                self.loaded[path] = load_plan(path)
            except CallprepError:
                self.loaded[path] = None  # `callprep list` names it
        return self.loaded[path]

    def _refresh(self, path: Path, plan: Plan, event: Any) -> Outcome:
        changed = meetings.refreshed(plan, event, self.sides, self.zone)
        plan_id = plan.id or path.stem
        if changed is plan:
            return Outcome(
                "unchanged", plan_id, plan.starts_at, plan.timezone, plan.account, event.uid
            )
        action = "cancelled" if changed.cancelled and not plan.cancelled else "updated"
        if not self.dry_run:

            def change(current: Plan) -> Plan:
                return meetings.refreshed(current, event, self.sides, self.zone)

            if changed.starts_at != plan.starts_at:
                stored = self.store.reschedule(path, change)
                changed, plan_id = stored.plan, stored.plan.id or stored.path.stem
            else:
                changed = self.store.update(path, change)
        return Outcome(
            action, plan_id, changed.starts_at, changed.timezone, changed.account, event.uid
        )

    def _note_named(self, people: list[dict[str, str]], account: str, result: Result) -> None:
        """Remember the accounts made from a domain in this run, to show how to correct them."""
        for person in meetings.external(people):
            domain = email_domain(person["email"])
            if meetings.account_from_domain(domain) == account and not meetings.is_free_mail(
                domain
            ):
                result.named.setdefault(meetings.registrable_domain(domain), account)
                return

    def _carry(self, data: dict[str, Any]) -> None:
        """What earlier calls on the deal taught, as `new` starts from it (`carry.start_new`):
        the account and opportunity spelled as the latest call did, the latest opportunity,
        and the discovery known before the meeting (its people are the calendar's).

        Each account's picture is made once per import from the index: its plans in call
        order, their spellings and latest opportunity; and each deal's discovery once per
        point in that order, from the few plans that hold the latest answer to a topic (the
        index says which know or hedge what), not from every earlier call read in full.
        """
        account = str(data.get("account") or "")
        key = account_key(account)
        if key not in self.accounts:
            return
        deals = self.deals.get(key)
        if deals is None:
            deals = self.deals[key] = _Deals.of(self.accounts[key])
        for name in ("account", "opportunity"):
            given = str(data.get(name) or "")
            spelled = deals.spelling.get((name, account_key(given))) if given else None
            if spelled:
                data[name] = spelled
        if not data.get("opportunity") and deals.opportunity:
            data["opportunity"] = deals.opportunity
        start = data.get("starts_at")
        cut = deals.before(start if isinstance(start, dt.datetime) else None)
        memo = (account_key(str(data.get("opportunity") or "")), cut)
        if memo not in deals.discovery:
            plans = [self._load(path) for path in deals.holding(memo[0], cut)]
            opportunity = str(data.get("opportunity") or "")
            past = carry.History(account, opportunity, [p for p in plans if p is not None])
            deals.discovery[memo] = carry.known_discovery(past)
        carry.fill(data, {"discovery": dict(deals.discovery[memo])}, frozenset())

    # -- the new plans, written at once --------------------------------------------------------

    def write_new(self, result: Result) -> None:
        if not self.new:
            return
        plans = [plan for plan, _ in self.new]
        if self.dry_run:
            ids = self.store.fresh_ids(plans)
        else:
            # Made here from validated data with no key of anyone else's: the text needs no
            # reading back to know it reads (`plan_to_text`'s check, a fifth of the import).
            ids = [stored.plan.id for stored in self.store.add_all(plans, verify=False)]
        by_outcome = {
            id(outcome): plan_id for (_, outcome), plan_id in zip(self.new, ids, strict=True)
        }
        result.outcomes = [
            Outcome(o.action, by_outcome[id(o)], o.starts_at, o.zone, o.account, o.event_uid)
            if id(o) in by_outcome
            else o
            for o in result.outcomes
        ]


@dataclass
class _Deals:
    """One account's earlier plans, as an import carries from them (see `_Run._carry`)."""

    summaries: list[PlanSummary]  # in call order, those with no time first
    untimed: int
    starts: list[float]  # the times of the others, in order
    spelling: dict[tuple[str, str], str]  # (field, account_key) -> as the latest call spelled it
    opportunity: str  # the latest one named
    discovery: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, summaries: list[PlanSummary]) -> _Deals:
        timed = sorted(
            ((when.timestamp(), s.id or _stem(s), s) for s in summaries if (when := _when(s))),
            key=lambda entry: entry[:2],
        )
        untimed = sorted((s for s in summaries if _when(s) is None), key=lambda s: s.id)
        ordered = [*untimed, *(s for _, _, s in timed)]
        spelling: dict[tuple[str, str], str] = {}
        opportunity = ""
        for summary in ordered:
            for name in ("account", "opportunity"):
                value = getattr(summary, name)
                if value:
                    spelling[(name, account_key(value))] = value
            opportunity = summary.opportunity or opportunity
        return cls(ordered, len(untimed), [t for t, _, _ in timed], spelling, opportunity)

    def before(self, start: dt.datetime | None) -> int:
        """How many of the plans come before a call at `start` (all, when it has no time)."""
        if start is None:
            return len(self.summaries)
        aware = start if start.tzinfo is not None else start.astimezone()
        return self.untimed + bisect.bisect_left(self.starts, aware.timestamp())

    def holding(self, opportunity: str, cut: int) -> list[Path]:
        """The plans before `cut` on the deal that hold its latest answer to each discovery
        topic (else its latest hedge), in call order: what `carry.known_discovery` over all
        of them would take its answers from."""
        on_deal = [
            s for s in self.summaries[:cut] if account_key(s.opportunity) in ("", opportunity)
        ]
        chosen: set[int] = set()
        for topic in DISCOVERY_KEYS:
            knows = (
                n for n in reversed(range(len(on_deal))) if topic not in on_deal[n].unknown_topics
            )
            hedges = (n for n in reversed(range(len(on_deal))) if topic in on_deal[n].hedged_topics)
            found = next(knows, None)
            if found is None:
                found = next(hedges, None)
            if found is not None:
                chosen.add(found)
        return [path for n in sorted(chosen) if (path := on_deal[n].path) is not None]


def _when(summary: PlanSummary) -> dt.datetime | None:
    """When the call was or will be, as `carry.held_or_planned` says of the plan."""
    value = summary.starts_at or summary.held_at
    if value is not None and value.tzinfo is None:
        value = value.astimezone()  # a time without an offset is the seller's local time
    return value


def _stem(summary: PlanSummary) -> str:
    return summary.path.stem if summary.path is not None else ""


def _too_big(data: dict[str, Any], plan: Plan) -> bool:
    """Whether the plan's file would be larger than the store reads (files.MAX_PLAN_BYTES).

    The data's text, four bytes to a character at most, settles nearly every plan without
    writing it; only a plan near the limit is written out to be measured.
    """
    if 4 * len(repr(data)) + 4096 < MAX_PLAN_BYTES:
        return False
    return len(plan_to_text(plan, verify=False).encode("utf-8")) > MAX_PLAN_BYTES


def _calendar_key(path: Path) -> tuple[str, str] | None:
    """The (UID, RECURRENCE-ID) a plan file that does not load names in its `[calendar]`
    table, read from that table alone; None when it names none (or is no file to read)."""
    import re  # deferred: only a store with an unreadable plan
    import tomllib  # deferred: as above

    from callprep.calendar.sources import MAX_FILE_BYTES  # deferred: as above

    try:
        text = read_bounded(path, MAX_FILE_BYTES).decode("utf-8", "replace")
    except CallprepError:
        return None
    table = re.search(r"(?ms)^\[calendar\][ \t]*\n(.*?)(?=^\[|\Z)", text)
    if table is None:
        return None
    try:
        found = tomllib.loads(table.group(1))
    except tomllib.TOMLDecodeError:
        return None
    uid, recurrence_id = found.get("uid"), found.get("recurrence_id", "")
    if not isinstance(uid, str) or not uid or not isinstance(recurrence_id, str):
        return None
    return uid, recurrence_id


def skipped_counts(result: Result) -> Counter[str]:
    return Counter(skip.group for skip in result.skipped)


# --- correcting an account for a whole domain ---------------------------------------------------


@dataclass(frozen=True)
class Correction:
    key: str
    account: str
    moved: list[str]  # ids of imported plans now of that account
    kept: list[str]  # ids of plans of that domain left alone (prepared, or renamed by the seller)


def correct_account(store: Store, text: str, account: str, dry_run: bool = False) -> Correction:
    """Set the account of a domain (or an address) for every import from now on, and move the
    plans already imported from it that the seller has not prepared or renamed."""
    key = meetings.correction_key(text)
    if not key:
        raise CallprepError(messages.IMPORT_BAD_KEY.format(text=text))
    account = meetings.check_account_name(account)
    if dry_run:
        return Correction(key, account, [], [])
    meetings.save_correction(store, key, account)
    if not account:
        return Correction(key, account, [], [])
    moved: list[str] = []
    kept: list[str] = []
    for summary in index.scan(store):
        if not isinstance(summary, PlanSummary) or not summary.calendar_uid or summary.path is None:
            continue
        if not any(_matches(email, key) for email in summary.emails):
            continue
        try:
            plan = load_plan(summary.path)
        except CallprepError:
            continue
        if not meetings.at_domain(plan, key) or plan.account == account:
            continue
        if (
            meetings.has_answers(plan)
            or plan.calendar is None
            or plan.calendar.account != plan.account
        ):
            kept.append(plan.id or summary.path.stem)
            continue

        def change(current: Plan) -> Plan:
            untouched = (
                current.calendar is not None
                and current.calendar.account == current.account
                and not meetings.has_answers(current)
            )
            return meetings.with_account(current, account) if untouched else current

        stored = store.reschedule(summary.path, change)
        moved.append(stored.plan.id or stored.path.stem)
    return Correction(key, account, moved, kept)


def _matches(email: str, key: str) -> bool:
    if "@" in key:
        return email == key
    domain = email.rsplit("@", 1)[-1]
    return domain == key or domain.endswith(f".{key}")


# --- one event as the start of `callprep new --from-ics` ------------------------------------------

# How far back and ahead `new --from-ics` looks for the event of an invite file.
FROM_ICS_PAST_DAYS = 366
FROM_ICS_FUTURE_DAYS = 2 * 366


@dataclass(frozen=True)
class Candidate:
    uid: str
    starts_at: dt.datetime
    zone: str
    summary: str


class SeveralEvents(CallprepError):
    """The file holds more than one meeting and no --uid says which."""

    def __init__(self, message: str, candidates: list[Candidate]) -> None:
        super().__init__(message)
        self.candidates = candidates


def answers_from_ics(
    store: Store,
    source: str,
    uid: str | None,
    *,
    profile: Profile,
    now: dt.datetime,
    zone: ZoneInfo,
    stdin: BinaryIO | None = None,
) -> dict[str, Any]:
    """A new plan's answers from one meeting of a calendar file: the one `uid` names (or a
    unique start of it), or the file's only one. A recurring meeting is its next occurrence (its
    last, when all are past). SeveralEvents lists them when the file holds more than one."""
    from callprep.calendar import events  # deferred: as in import_calendars

    found, _ = events.read(
        [source],
        start=now - dt.timedelta(days=FROM_ICS_PAST_DAYS),
        end=now + dt.timedelta(days=FROM_ICS_FUTURE_DAYS),
        default_zone=zone,
        stdin=stdin,
    )
    found = [e for e in found if not e.cancelled]
    uids = list(dict.fromkeys(e.uid for e in found))
    if uid:
        chosen = [u for u in uids if u == uid] or [u for u in uids if u.startswith(uid)]
        if len(chosen) != 1:
            raise CallprepError(
                messages.NEW_ICS_NO_UID.format(uid=uid, path=source, count=len(uids))
                if not chosen
                else messages.NEW_ICS_AMBIGUOUS_UID.format(uid=uid, count=len(chosen))
            )
        uids = chosen
    if not uids:
        raise CallprepError(messages.NEW_ICS_NONE.format(path=source))
    if len(uids) > 1:
        candidates = [_candidate(_occurrence(found, u, now)) for u in uids]
        raise SeveralEvents(
            messages.NEW_ICS_SEVERAL.format(path=source, count=len(uids)), candidates
        )
    event = _occurrence(found, uids[0], now)
    run = _Run(store, profile, meetings.sides_for(profile, [event]), zone, True, lambda _: None)
    existing = run._plan_of(event)
    if existing is not None:
        plan_id = existing[1].id or existing[0].stem
        raise CallprepError(messages.NEW_ICS_ALREADY.format(id=plan_id))
    people = meetings.people(event, run.sides)
    account = run.book.account_for(people, event.organizer.email if event.organizer else "")
    return meetings.plan_data(event, run.sides, account, profile, zone, people)


def _occurrence(found: list[Any], uid: str, now: dt.datetime) -> Any:
    mine = [e for e in found if e.uid == uid]
    ahead = [e for e in mine if e.start >= now]
    return min(ahead, key=lambda e: e.start) if ahead else max(mine, key=lambda e: e.start)


def _candidate(event: Any) -> Candidate:
    return Candidate(event.uid, event.start, event.zone, event.summary)
