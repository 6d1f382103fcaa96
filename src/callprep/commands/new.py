"""`callprep new`: from flags, a --from file and the interview to a saved plan."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from callprep import dates, messages, output, prompts
from callprep.calendar import importer
from callprep.calls.interview import Interview, to_plan
from callprep.catalog import lookup
from callprep.coach.playbook import DEFAULT_PLAYBOOK, get_playbook, playbook_names
from callprep.dates import Clock
from callprep.deal import carry
from callprep.errors import CallprepError, Interrupted
from callprep.outreach import agenda
from callprep.plans import profile as profiles
from callprep.plans.model import Plan
from callprep.plans.planfile import load_answers, parse_toml, read_text
from callprep.plans.store import Store
from callprep.text import one_line

DRAFT = "new"
AGENDA_DRAFT_KEY = "draft_agenda"  # offered at the end, when the agenda is not yet sent


@dataclass(frozen=True)
class Options:
    account: str | None = None
    opportunity: str | None = None
    kind: str | None = None
    when: str | None = None
    playbook: str | None = None
    from_file: Path | None = None
    no_input: bool = False
    from_ics: str | None = None  # a calendar file (or "-"): start from one of its meetings
    uid: str | None = None  # which meeting of it
    new_account: bool = False  # the account is new, even where it starts a known one's name


def given_answers(options: Options, clock: Clock) -> tuple[dict[str, Any], frozenset[str]]:
    """The answers from --from and the flags (flags win), and which fields the flags fixed."""
    data: dict[str, Any] = load_answers(options.from_file) if options.from_file else {}
    for key in ("id", "debrief", "aliases", "calendar", "cancelled"):
        data.pop(key, None)  # a new plan gets its own id, and has not been held yet
    starts_at = clock.datetime(options.when) if options.when else None
    flags: dict[str, Any] = {
        "account": options.account,
        "opportunity": options.opportunity,
        "kind": options.kind,
        "starts_at": starts_at,
    }
    fixed = {key: value for key, value in flags.items() if value is not None}
    data.update(fixed)
    if starts_at is not None:
        data["timezone"] = dates.zone_key(starts_at)
    if options.playbook:
        data["playbook"] = options.playbook
    return data, frozenset(fixed)


def with_event(
    store: Store,
    options: Options,
    profile: profiles.Profile,
    clock: Clock,
    data: dict[str, Any],
    fixed: frozenset[str],
) -> tuple[dict[str, Any], frozenset[str]]:
    """`--from-ics`: one meeting's facts (account, time, length, people, notes, its calendar
    identity) under what --from and the flags give; its time and length are not asked again."""
    if options.from_ics is None:
        raise CallprepError(messages.NEW_ICS_UID_WITHOUT_FILE)
    stdin = sys.stdin.buffer if options.from_ics == "-" else None
    try:
        event = importer.answers_from_ics(
            store,
            options.from_ics,
            options.uid,
            profile=profile,
            now=clock.now,
            zone=clock.zone,
            stdin=stdin,
        )
    except importer.SeveralEvents as err:
        for found in err.candidates:
            when = dates.call_time_text(found.starts_at, found.zone, clock.zone.key)
            output.say(
                messages.NEW_ICS_CANDIDATE.format(
                    uid=one_line(found.uid), when=when, summary=one_line(found.summary)
                )
            )
        raise
    _said_when(event, clock.zone.key)
    return {**event, **data}, fixed | {"starts_at", "duration_minutes"}


def _said_when(event: dict[str, Any], our_zone: str) -> None:
    """What the meeting fixed and the interview will not ask: its title, time and length."""
    starts = event.get("starts_at")
    if not isinstance(starts, dt.datetime):
        return
    zone = event.get("timezone")
    minutes = event.get("duration_minutes")
    notes = event.get("notes")
    title = notes.get("event", "") if isinstance(notes, dict) else ""
    output.say(
        messages.NEW_ICS_FACTS.format(
            title=f"{one_line(str(title))}, " if title else "",
            when=dates.call_time_text(starts, zone if isinstance(zone, str) else "", our_zone),
            length=messages.NEW_ICS_MINUTES.format(minutes=minutes) if minutes else "",
        )
    )


def with_seller(data: dict[str, Any], profile: profiles.Profile) -> None:
    """The seller (from the profile) on our side, unless already there; the plan's owner."""
    if profile.email and not data.get("owner"):
        data["owner"] = profile.email
    me = profile.attendee()
    if me is None:
        return
    people = data.get("attendees")
    people = list(people) if isinstance(people, list) else []
    for person in people:
        if not isinstance(person, dict):
            continue
        same_email = me.get("email") and str(person.get("email", "")).lower() == me["email"].lower()
        same_name = str(person.get("name", "")).casefold() == me["name"].casefold()
        if same_email or same_name:
            return
    data["attendees"] = [*people, me]


# The draft's record of which questions were answered, so a resumed interview goes on after them.
ANSWERED = "answered_before_interrupt"


def _load_draft(store: Store) -> tuple[dict[str, Any], frozenset[str]] | None:
    path = store.draft_path(DRAFT)
    if not path.is_file():
        return None
    try:
        data = parse_toml(read_text(path), str(path))
        answered = data.pop(ANSWERED, [])
        to_plan(data, str(path))
    except CallprepError as err:
        output.warn(messages.DRAFT_UNREADABLE.format(problem=err.message))
        return None
    return data, frozenset(str(field) for field in answered if isinstance(field, str))


def _save_draft(store: Store, data: dict[str, Any], answered: set[str]) -> bool:
    """The answers so far, as given (no defaults filled in), and which questions they answer;
    whether there was anything usable to keep."""
    try:
        to_plan(data, "draft")
        text = tomli_w.dumps({**data, ANSWERED: sorted(answered)})
    except (CallprepError, TypeError, ValueError):
        return False
    store.write_aside(store.drafts_dir, f"{DRAFT}.toml", text)
    return True


def _existing_account(store: Store, data: dict[str, Any]) -> None:
    """Without questions: the one known account a typed name starts ("acme": Acme Logistics),
    said on stderr; where it starts several, one line naming them (exit 1)."""
    typed = str(data.get("account") or "")
    found = lookup.accounts_named_by(store, typed)
    if len(found) > 1:
        raise CallprepError(
            messages.ACCOUNT_SEVERAL.format(account=typed, count=len(found), names=", ".join(found))
        )
    if found:
        data["account"] = found[0]
        output.warn(messages.ACCOUNT_TAKEN.format(existing=found[0], account=typed))


def _carry_forward(store: Store, data: dict[str, Any], fixed: frozenset[str]) -> None:
    """Start from what earlier calls on the deal taught (what --from and the flags give wins)."""
    past, filled = carry.start_new(data, store, fixed)
    if filled:
        output.say(messages.carried_note(len(past.plans), past.deal, filled))


def run(home: Path, options: Options) -> str:
    store = Store(home)
    profile = profiles.load_or_empty(home, output.warn)
    asker = None if options.no_input else prompts.interactive_asker()
    if asker is not None and profiles.first_time(home):
        profile = offer_profile(asker, home, profile)
    clock = Clock.of(profile.zone_name)
    data, fixed = given_answers(options, clock)
    if options.from_ics is not None or options.uid is not None:
        data, fixed = with_event(store, options, profile, clock, data, fixed)
    playbook_name = str(data.get("playbook") or profile.playbook or DEFAULT_PLAYBOOK)
    playbook = get_playbook(playbook_name, store.playbooks_dir)
    data["playbook"] = playbook.name

    confirmed: dt.datetime | None = None  # a start in the past the seller said yes to
    if asker is None:
        if not options.new_account:
            _existing_account(store, data)
        _carry_forward(store, data, fixed)
        with_seller(data, profile)
        plan = to_plan(data, str(options.from_file or "the flags"))
    else:
        draft = _load_draft(store)
        resumed: frozenset[str] = frozenset()
        if draft is not None:
            saved = str(draft[0].get("account") or messages.RESUME_NO_ACCOUNT)
            resume = asker.ask(
                prompts.Prompt(
                    key="resume",
                    kind="confirm",
                    message=messages.RESUME_DRAFT.format(saved=saved),
                    default=True,
                )
            )
            if resume:
                data = {**draft[0], **data}
                resumed = draft[1] - fixed
                asker.say(messages.RESUMING.format(count=len(resumed)))
        interview = Interview(playbook, asker, data, skip=fixed | resumed, clock=clock)
        try:
            carry.start_interview(
                interview,
                store,
                fixed | resumed,
                clock.today(),
                match_account=not options.new_account,
            )
            with_seller(interview.data, profile)
            plan = interview.run()
            confirmed = interview.past_ok
        except KeyboardInterrupt:
            # Else the draft (if any) already holds all there is.
            if interview.answered and _save_draft(
                store, interview.data, interview.answered | resumed
            ):
                raise Interrupted(messages.DRAFT_KEPT.format(command="callprep new")) from None
            if store.draft_path(DRAFT).is_file():
                raise Interrupted(
                    messages.DRAFT_STILL_THERE.format(command="callprep new")
                ) from None
            raise Interrupted(messages.NOTHING_KEPT) from None

    stored = store.add(plan)
    output.say(messages.SAVED.format(path=stored.path))
    print(stored.plan.id, flush=True)  # first: a script that retries must see the plan was made
    _said_if_past(stored.plan, clock, confirmed)
    if problem := store.discard_draft(DRAFT):
        output.warn(problem)
    if asker is not None and not stored.plan.agenda.shared:
        wanted = asker.ask(
            prompts.Prompt(
                key=AGENDA_DRAFT_KEY,
                kind="confirm",
                message=messages.AGENDA_DRAFT_OFFER,
                default=True,
            )
        )
        if wanted:
            output.say(agenda.draft_for_new(stored.plan, profile))
    return stored.plan.id


def _said_if_past(plan: Plan, clock: Clock, confirmed: dt.datetime | None) -> None:
    """A call planned in the past (`--when yesterday`, a script's typo) is saved, and said so."""
    start = plan.starts_at
    if start is None or start == confirmed:
        return
    if clock.aware(start) >= clock.now:
        return
    when = dates.call_time_text(start, plan.timezone, clock.zone.key)
    output.warn(messages.PAST_CALL_SAVED.format(when=when, id=plan.id))


def offer_profile(asker: prompts.Asker, home: Path, profile: profiles.Profile) -> profiles.Profile:
    """The first `new` in a terminal offers to set up the profile: once, skippable."""
    profiles.mark_offered(home)
    wanted = asker.ask(
        prompts.Prompt(
            key="profile.offer", kind="confirm", message=messages.PROFILE_OFFER, default=True
        )
    )
    if not wanted:
        asker.say(messages.PROFILE_OFFER_LATER)
        return profile
    filled = profiles.ask_missing(asker, profile, lambda: playbook_names(Store(home).playbooks_dir))
    if filled != profile:
        output.say(messages.PROFILE_SAVED.format(path=profiles.save(home, filled)))
    return filled
