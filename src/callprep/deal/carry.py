"""Carry-forward: what earlier calls on the same deal taught, for the next plan and its brief.

A deal is an account and an opportunity, both compared case-insensitively. Calls on the account
with no opportunity (a first conversation before there was a deal) belong to every deal of the
account. Everything here is a pure function over plans, except `account_stored`, the one reader
of the store, and `start_interview`, which asks through the prompt seam.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from callprep import messages
from callprep.catalog import accounts, lookup
from callprep.coach import coach
from callprep.coach.coach import state
from callprep.coach.topics import DISCOVERY
from callprep.errors import CallprepError
from callprep.plans.model import DISCOVERY_KEYS, Attendee, Commitment, Discovery, Plan
from callprep.plans.planfile import load_plan
from callprep.plans.store import StoredPlan
from callprep.text import account_key, one_line

if TYPE_CHECKING:
    from callprep.calls.interview import Interview
    from callprep.plans.store import Store


def _norm(text: str) -> str:
    return account_key(text)


def same_account(plan: Plan, account: str) -> bool:
    return bool(_norm(account)) and _norm(plan.account) == _norm(account)


def on_deal(plan: Plan, account: str, opportunity: str) -> bool:
    """Whether `plan` is a call on this deal (or an account-level call before any deal)."""
    if not same_account(plan, account):
        return False
    return _norm(plan.opportunity) in ("", _norm(opportunity))


def deal_name(account: str, opportunity: str) -> str:
    return one_line(" · ".join(part for part in (account, opportunity) if part))


def held_or_planned(plan: Plan) -> dt.datetime | None:
    value = plan.starts_at or (plan.debrief.held_at if plan.debrief else None)
    if value is not None and value.tzinfo is None:
        value = value.astimezone()  # a time without an offset is the seller's local time
    return value


def chronological(plans: Iterable[Plan]) -> list[Plan]:
    """Oldest first; plans with no time at all count as the oldest."""

    def key(plan: Plan) -> tuple[int, float, str]:
        when = held_or_planned(plan)
        return (0, 0.0, plan.id) if when is None else (1, when.timestamp(), plan.id)

    return sorted(plans, key=key)


@dataclass(frozen=True)
class OpenCommitment:
    """A commitment still open from an earlier call on the same deal."""

    commitment: Commitment
    from_plan: str
    overdue: bool


@dataclass(frozen=True)
class History:
    """The earlier calls on one deal, oldest first."""

    account: str
    opportunity: str
    plans: list[Plan] = field(default_factory=list)

    @property
    def latest(self) -> Plan | None:
        return self.plans[-1] if self.plans else None

    @property
    def deal(self) -> str:
        return deal_name(self.account, self.opportunity)


def history(plans: Iterable[Plan], current: Plan) -> History:
    """The calls on `current`'s deal before it (all of them when it has no time yet)."""
    start = held_or_planned(current)
    earlier = []
    for plan in plans:
        if current.id and plan.id == current.id:
            continue
        if not on_deal(plan, current.account, current.opportunity):
            continue
        when = held_or_planned(plan)
        if start is not None and when is not None and when >= start:
            continue
        earlier.append(plan)
    return History(current.account, current.opportunity, chronological(earlier))


def latest_opportunity(plans: Iterable[Plan], account: str) -> str:
    """The opportunity of the account's most recent call that names one."""
    named = [p for p in plans if same_account(p, account) and p.opportunity]
    ordered = chronological(named)
    return ordered[-1].opportunity if ordered else ""


# --- what is known -------------------------------------------------------------------------


def known_discovery(past: History) -> dict[str, Any]:
    """Discovery after every earlier call, walked in order: a later answer wins.

    A hedged note ("not sure yet, Helen mentioned the CFO") is carried too where nothing surer
    is known: it is still asked, but what it says is not thrown away.
    """
    known: dict[str, Any] = {}
    hedged: dict[str, Any] = {}
    for plan in past.plans:
        after_call = plan.known_discovery()  # the plan's answers updated by its debrief's `learned`
        for key in DISCOVERY_KEYS:
            value = getattr(after_call, key)
            if after_call.is_known(key):
                known[key] = value
            elif state(value) == "hedged":
                hedged[key] = value
    return {**{k: v for k, v in hedged.items() if k not in known}, **known}


def carried_data(past: History) -> dict[str, Any]:
    """What a new plan on the deal starts from, as plan-shaped data."""
    latest = past.latest
    if latest is None:
        return {}
    data: dict[str, Any] = {"discovery": known_discovery(past)}
    if latest.attendees:
        from callprep.calls import people  # asked about only when a deal has earlier calls

        # The latest call's people, each as the deal last knew them (email, influence, stance).
        known = people.picture(past.plans)
        data["attendees"] = [
            _person_data(people.as_last_known(a, known)) for a in latest.attendees if a.name
        ]
    if latest.opportunity:
        data["opportunity"] = latest.opportunity
    return data


def _person_data(person: Attendee) -> dict[str, Any]:
    """An attendee as plan-shaped data, without the keys it leaves empty."""
    return {k: v for k, v in person.model_dump().items() if v not in ("", [], None)}


def fill(data: dict[str, Any], carried: dict[str, Any], fixed: frozenset[str]) -> list[str]:
    """Fill what `data` leaves empty from `carried` (explicit answers win); the fields filled."""
    filled: list[str] = []
    if carried.get("opportunity") and not data.get("opportunity") and "opportunity" not in fixed:
        data["opportunity"] = carried["opportunity"]
        filled.append("opportunity")
    if carried.get("attendees") and not data.get("attendees"):
        data["attendees"] = [dict(person) for person in carried["attendees"]]
        filled.append("attendees")
    discovery = data.get("discovery")
    if not isinstance(discovery, dict):
        discovery = {}
    for key, value in carried.get("discovery", {}).items():
        if not _is_known(key, discovery.get(key)):
            discovery[key] = value
            filled.append(f"discovery.{key}")
    if discovery:
        data["discovery"] = discovery
    return filled


# --- what is still open ----------------------------------------------------------------------


def open_commitments(past: History, today: dt.date) -> list[OpenCommitment]:
    """Commitments from earlier calls not yet done, oldest call first; overdue = due before today."""
    found: list[OpenCommitment] = []
    for plan in past.plans:
        if plan.debrief is None:
            continue
        for commitment in plan.debrief.commitments:
            if commitment.done or not commitment.what:
                continue
            overdue = commitment.due is not None and commitment.due < today
            found.append(OpenCommitment(commitment, plan.id, overdue))
    return found


def unanswered(past: History, current: Plan) -> list[str]:
    """Earlier questions with no answer yet.

    Two kinds: questions written on an earlier plan that no debrief marked as answered, and the
    suggested question of every discovery topic that was already unknown on an earlier call and
    still is. Questions already on `current` are left out.
    """
    if not past.plans:
        return []
    # The debrief interview is not on the brief's path: imported only here.
    from callprep.calls.debrief import answered_questions

    answered = {_norm(q) for plan in past.plans for q in answered_questions(plan.debrief)}
    seen = {_norm(q) for q in current.questions}
    found: list[str] = []
    for plan in past.plans:
        for question in plan.questions:
            if question and _norm(question) not in answered | seen:
                found.append(question)
                seen.add(_norm(question))
    asked_before = {topic.field for plan in past.plans for topic in coach.gaps(plan)}
    for topic in coach.gaps(current):
        if topic.field in asked_before:
            question = coach.question(current, topic)
            if _norm(question) not in seen:
                found.append(question)
                seen.add(_norm(question))
    return found


# --- the store -------------------------------------------------------------------------------


def account_stored(store: Store, account: str, exclude: Path | None = None) -> list[StoredPlan]:
    """The account's readable plans in the store (`callprep list` reports the unreadable ones).

    The store's index says which files are the account's, so only those are read in full.
    """
    found: list[StoredPlan] = []
    for path in accounts.account_paths(store, account):
        if path == exclude:
            continue
        try:
            plan = load_plan(path)
        except CallprepError:
            continue  # unreadable: `callprep list` names it
        if not same_account(plan, account):
            continue  # changed under us since its account was looked up
        if not plan.id:
            plan = plan.model_copy(update={"id": path.stem})
        found.append(StoredPlan(path, plan))
    return found


def account_plans(store: Store, account: str, exclude: Path | None = None) -> list[Plan]:
    return [stored.plan for stored in account_stored(store, account, exclude)]


@dataclass(frozen=True)
class BriefContext:
    open_commitments: list[OpenCommitment]
    unanswered: list[str]
    earlier: list[Plan] = field(default_factory=list)  # the deal's earlier calls, oldest first


def brief_context(store: Store, path: Path, plan: Plan, today: dt.date) -> BriefContext:
    """What the brief of `plan` carries from earlier calls on its deal."""
    past = deal_history(store, path, plan)
    return BriefContext(open_commitments(past, today), unanswered(past, plan), past.plans)


def deal_history(store: Store, path: Path, plan: Plan) -> History:
    """The earlier calls on `plan`'s deal in the store (none when it names no account)."""
    if not plan.account:
        return History(plan.account, plan.opportunity)
    return history(account_plans(store, plan.account, exclude=path), plan)


# --- starting a new plan ----------------------------------------------------------------------


def known_lines(past: History, carried: dict[str, Any], today: dt.date) -> list[str]:
    """The "Known from earlier calls" block shown before the interview goes on."""
    latest = past.latest
    if latest is None:
        return []
    when = held_or_planned(latest)
    lines = [
        messages.known_heading(len(past.plans), past.deal, f"{when:%-d %b %Y}" if when else "")
    ]
    discovery = carried.get("discovery", {})
    for key, topic in DISCOVERY.items():
        if key in discovery:
            lines.append(f"  {topic.label}: {_shown(discovery[key])}")
    still = [topic.short for key, topic in DISCOVERY.items() if key not in discovery]
    if still:
        lines.append(messages.KNOWN_STILL_UNKNOWN.format(topics=", ".join(still)))
    attendees = [a for a in carried.get("attendees", []) if a.get("name")]
    if attendees:
        names = ", ".join(_known_person(a) for a in attendees)
        lines.append(messages.KNOWN_PEOPLE.format(people=names))
    if latest.debrief is not None and latest.debriefed:
        lines.append(messages.known_last_call(latest.debrief.outcome, latest.debrief.next_step))
    commitments = open_commitments(past, today)
    if commitments:
        overdue = sum(1 for c in commitments if c.overdue)
        lines.append(messages.known_commitments(len(commitments), overdue))
    questions = unanswered(past, Plan(discovery=carried.get("discovery", {})))
    if questions:
        lines.append(messages.known_unanswered(len(questions)))
    return lines


def _known_person(person: dict[str, Any]) -> str:
    """As the known block shows them: “Dana Lee (VP Operations; user, supporter)”."""
    about = [str(person[key]) for key in ("influence", "stance") if person.get(key)]
    details = "; ".join(part for part in (person.get("role", ""), ", ".join(about)) if part)
    text = one_line(f"{person['name']} ({details})" if details else person["name"])
    return text + (messages.KNOWN_OURS if person.get("side") == "ours" else "")


def _shown(value: object) -> str:
    if isinstance(value, dt.date):
        return f"{value:%-d %B %Y}"
    return one_line(value)


def start_new(
    data: dict[str, Any], store: Store, fixed: frozenset[str]
) -> tuple[History, list[str]]:
    """Carry earlier calls into a new plan's answers (explicit answers win): the history, the fields filled."""
    account = str(data.get("account") or "")
    if not account:
        return History("", ""), []
    plans = account_plans(store, account)
    same_spelling(data, plans)
    filled: list[str] = []
    if not data.get("opportunity") and "opportunity" not in fixed:
        opportunity = latest_opportunity(plans, account)
        if opportunity:
            data["opportunity"] = opportunity
            filled.append("opportunity")
    same_spelling(data, plans)
    past = history(plans, _deal_of(data))
    filled += fill(data, carried_data(past), fixed)
    return past, filled


def start_interview(
    interview: Interview,
    store: Store,
    fixed: frozenset[str],
    today: dt.date,
    match_account: bool = True,
) -> None:
    """Ask the account and opportunity first, then show what earlier calls taught.

    An account typed as the start of a known one's name ("acme": Acme Logistics) is offered as
    that one (Enter takes it), unless `match_account` is off. The seller confirms what earlier
    calls taught all at once (those questions are then not asked again) or goes through it
    with what is known as the defaults.
    """
    from callprep.prompts import Prompt  # deferred: only when it asks (not for a brief)

    interview.ask_first("account")
    account = str(interview.data.get("account") or "")
    if not account:
        return
    if match_account:
        account = existing_account(interview, store, account)
    plans = account_plans(store, account)
    same_spelling(interview.data, plans)
    if not interview.data.get("opportunity") and "opportunity" not in fixed:
        opportunity = latest_opportunity(plans, account)
        if opportunity:
            interview.data["opportunity"] = opportunity  # the default the seller confirms
    interview.ask_first("opportunity")
    same_spelling(interview.data, plans)
    past = history(plans, _deal_of(interview.data))
    if past.latest is None:
        return
    carried = carried_data(past)
    carried.pop("opportunity", None)  # the seller has just answered it
    fill(interview.data, carried, fixed)
    for line in known_lines(past, {**carried, "discovery": _known_now(interview.data)}, today):
        interview.asker.say(line)
    keep = interview.asker.ask(
        Prompt(key="carry.keep", kind="confirm", message=messages.KNOWN_KEEP, default=True)
    )
    if keep:
        interview.skip = interview.skip | _carried_fields(interview.data)
    if "attendees" not in fixed:
        _update_people(interview, keep=bool(keep))


def existing_account(interview: Interview, store: Store, typed: str) -> str:
    """The known account the seller means by `typed`, asked: the one it starts (Enter: yes),
    or one of several; else (or when they say it is new) `typed` as it is."""
    from callprep.prompts import Prompt  # deferred: only when it asks (not for a brief)

    found = lookup.accounts_named_by(store, typed)
    if not found:
        return typed
    if len(found) == 1:
        take = interview.asker.ask(
            Prompt(
                key="account.existing",
                kind="confirm",
                message=messages.ACCOUNT_EXISTING_ONE.format(account=typed, existing=found[0]),
                default=True,
            )
        )
        chosen = found[0] if take else typed
    else:
        new = messages.ACCOUNT_NEW_CHOICE.format(account=typed)
        picked = interview.asker.ask(
            Prompt(
                key="account.existing",
                kind="select",
                message=messages.ACCOUNT_EXISTING_SEVERAL.format(account=typed, count=len(found)),
                choices=(*found, new),
                default=found[0],
            )
        )
        chosen = str(picked) if picked in found else typed
    interview.data["account"] = chosen
    return chosen


def _update_people(interview: Interview, keep: bool) -> None:
    """The people carried forward, shown and open to update even when the rest is confirmed.

    Confirming what is known keeps them with one key press; going through it walks each person.
    Either way the people question is then not asked again.
    """
    from callprep.prompts import Prompt  # deferred: only when it asks (not for a brief)

    carried = interview.data.get("attendees")
    if not isinstance(carried, list) or not carried:
        return
    if keep:
        update = interview.asker.ask(
            Prompt(
                key="carry.people",
                kind="confirm",
                message=messages.PEOPLE_CARRIED_UPDATE,
                default=False,
            )
        )
        if not update:
            return
    from callprep.calls import people  # deferred: only when it asks (not for a brief)

    edited = people.review(
        interview.asker, [dict(p) for p in carried], messages.PEOPLE_CARRIED_INTRO
    )
    interview.data["attendees"] = [
        {k: v for k, v in person.items() if v not in ("", [], None)} for person in edited
    ]
    interview.skip = interview.skip | {"attendees"}


def same_spelling(data: dict[str, Any], plans: Iterable[Plan]) -> None:
    """Write the account and opportunity as the latest earlier call did when they match anyway."""
    ordered = chronological(plans)
    for key in ("account", "opportunity"):
        given = str(data.get(key) or "")
        spelled = [
            getattr(p, key) for p in ordered if given and _norm(getattr(p, key)) == _norm(given)
        ]
        if spelled:
            data[key] = spelled[-1]


def _deal_of(data: dict[str, Any]) -> Plan:
    """The new call as far as history needs it: its deal and, when already given, its time."""
    starts_at = data.get("starts_at")
    return Plan(
        account=str(data.get("account") or ""),
        opportunity=str(data.get("opportunity") or ""),
        starts_at=starts_at if isinstance(starts_at, dt.datetime) else None,
    )


def _is_known(key: str, value: Any) -> bool:
    """Known as the coach sees it ("not sure" is no answer); a value that does not read is not."""
    try:
        return Discovery.model_validate({key: value}).is_known(key)
    except ValueError:
        return False


def _known_now(data: dict[str, Any]) -> dict[str, Any]:
    discovery = data.get("discovery")
    if not isinstance(discovery, dict):
        return {}
    return {k: v for k, v in discovery.items() if k in DISCOVERY_KEYS and _is_known(k, v)}


def _carried_fields(data: dict[str, Any]) -> frozenset[str]:
    fields = {f"discovery.{key}" for key in _known_now(data)}
    if data.get("attendees"):
        fields.add("attendees")
    return frozenset(fields)
