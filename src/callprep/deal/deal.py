"""A deal as one story: its calls in order, its people as last known, what is open and unknown.

A deal is an account and an opportunity (see `carry`). Everything here is a pure function over
the deal's plans, except `find_deal`, which names the deal from what the seller typed: a plan
(id, start of one, or path) or an account (its name or a unique start of one). That account
lookup, `account_named`, stands alone so the store's own "PLAN may be an account" resolver can
replace it once there is one.

The mutual action plan, the part of a deal the customer may see, is built from each call's
customer view instead (`outreach.customer.action_plan`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from callprep import messages
from callprep.calls import people
from callprep.calls.debrief import new_opportunities as opportunities_of
from callprep.calls.debrief import recorded_stances
from callprep.calls.people import Person
from callprep.catalog import lookup
from callprep.catalog.index import PlanSummary, scan
from callprep.coach import coach, topics
from callprep.coach.topics import Topic
from callprep.deal import carry
from callprep.errors import CallprepError
from callprep.plans.model import Plan
from callprep.text import account_key, one_line

if TYPE_CHECKING:
    from callprep.plans.store import Store


# --- finding the deal ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Deal:
    account: str
    opportunity: str
    plans: list[Plan]  # its calls, oldest first

    @property
    def name(self) -> str:
        return carry.deal_name(self.account, self.opportunity)


def account_named(store: Store, text: str) -> str | None:
    """The account `text` names (its name, or a unique start of one, ignoring case), as spelled.

    None when no account matches; a CallprepError listing them when several start so.
    """
    wanted = account_key(text)
    if not wanted:
        return None
    spelled: dict[str, str] = {}
    for summary in scan(store):
        if isinstance(summary, PlanSummary) and summary.account:
            spelled.setdefault(account_key(summary.account), summary.account)
    if wanted in spelled:
        return spelled[wanted]
    starts = sorted(spelled[key] for key in spelled if key.startswith(wanted))
    if len(starts) > 1:
        shown = ", ".join(one_line(name) for name in starts[:5])
        raise CallprepError(messages.DEAL_ACCOUNTS_AMBIGUOUS.format(text=text, accounts=shown))
    return starts[0] if starts else None


def _opportunity_of(plans: Sequence[Plan], account: str, wanted: str | None) -> str:
    """The deal's opportunity as the plans spell it: the one asked for, or the account's only one."""
    named: dict[str, str] = {}
    for plan in carry.chronological(plans):
        if plan.opportunity:
            named[account_key(plan.opportunity)] = plan.opportunity  # the latest spelling
    if wanted is not None:
        if not account_key(wanted):
            return ""
        found = named.get(account_key(wanted))
        if found is None:
            raise CallprepError(
                messages.DEAL_NO_OPPORTUNITY.format(
                    opportunity=one_line(wanted),
                    account=one_line(account),
                    known=", ".join(one_line(o) for o in named.values()) or messages.DEAL_NONE,
                )
            )
        return found
    if len(named) > 1:
        raise CallprepError(
            messages.DEAL_WHICH_OPPORTUNITY.format(
                account=one_line(account),
                count=len(named),
                known=", ".join(one_line(o) for o in named.values()),
            )
        )
    return next(iter(named.values()), "")


def find_deal(store: Store, ref: str, opportunity: str | None = None) -> Deal:
    """The deal of PLAN (a plan id, start of one or path) or of ACCOUNT (`--opportunity` picks
    one when the account has several)."""
    try:  # a plan (id, start of one, earlier id, path) names its deal; an account, all of its
        stored = lookup.load(store, ref, by_account=False)
    except CallprepError as err:
        account = account_named(store, ref)
        if account is None:
            raise CallprepError(messages.DEAL_NOT_FOUND.format(ref=one_line(ref))) from err
        plans = carry.account_plans(store, account)
        chosen = _opportunity_of(plans, account, opportunity)
        return Deal(account, chosen, _on_deal(plans, account, chosen))
    plan = (
        stored.plan if stored.plan.id else stored.plan.model_copy(update={"id": stored.path.stem})
    )
    if not plan.account:
        return Deal("", plan.opportunity, [plan])
    plans = [  # a plan file outside the store may be a copy of one in it: counted once
        p for p in carry.account_plans(store, plan.account, exclude=stored.path) if p.id != plan.id
    ]
    chosen = (
        plan.opportunity
        if opportunity is None
        else _opportunity_of([plan, *plans], plan.account, opportunity)
    )
    return Deal(plan.account, chosen, _on_deal([plan, *plans], plan.account, chosen))


def _on_deal(plans: Iterable[Plan], account: str, opportunity: str) -> list[Plan]:
    return carry.chronological(p for p in plans if carry.on_deal(p, account, opportunity))


# --- the story ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    account: str
    opportunity: str
    calls: list[Plan]
    people: list[Person]
    missing_influences: list[str]
    open_commitments: list[carry.OpenCommitment]
    risks: list[str]
    unknown: list[Topic]
    new_opportunities: list[str] = field(default_factory=list)
    next_step: str = ""  # the latest debrief's
    today: dt.date = dt.date(2000, 1, 1)

    @property
    def name(self) -> str:
        return carry.deal_name(self.account, self.opportunity)

    @property
    def customer_people(self) -> list[Person]:
        return [p for p in self.people if p.attendee.side == "customer"]

    @property
    def our_people(self) -> list[Person]:
        return [p for p in self.people if p.attendee.side == "ours"]


def _unique(texts: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for text in texts:
        key = account_key(text)
        if key and key not in seen:
            seen.add(key)
            kept.append(text)
    return kept


def debriefed(plans: Iterable[Plan]) -> list[Plan]:
    return [p for p in plans if p.debrief is not None and p.debriefed]


def unknown_topics(plans: Sequence[Plan]) -> list[Topic]:
    """The topics of the deal's playbook still unknown after all its calls (a later answer wins)."""
    if not plans:
        return []
    discovery = carry.known_discovery(carry.History("", "", list(plans)))
    notes: dict[str, str] = {}
    for plan in plans:
        for key, value in plan.notes.items():
            if coach.state(value) == "known":
                notes[key] = value
    playbook = plans[-1].playbook or "standard"  # playbook.DEFAULT_PLAYBOOK, without its import
    return [
        topic
        for topic in topics.for_playbook(playbook)
        if coach.state(notes.get(topic.key, "") if topic.in_notes else discovery.get(topic.key))
        != "known"
    ]


def story(deal: Deal, today: dt.date, now: dt.datetime | None = None) -> Story:
    """The deal as one story, as of `today` (commitments due before it are overdue)."""
    plans = deal.plans
    known = people.picture(plans, now)
    held = debriefed(plans)
    latest = held[-1].debrief if held else None
    return Story(
        account=deal.account,
        opportunity=deal.opportunity,
        calls=list(plans),
        people=sorted(known, key=lambda p: p.attendee.side != "customer"),
        missing_influences=people.missing_influences(p.attendee for p in known),
        open_commitments=carry.open_commitments(
            carry.History(deal.account, deal.opportunity, list(plans)), today
        ),
        risks=_unique(risk for plan in held if plan.debrief for risk in plan.debrief.risks),
        unknown=unknown_topics(plans),
        new_opportunities=_unique(item for plan in held for item in opportunities_of(plan.debrief)),
        next_step=latest.next_step if latest is not None else "",
        today=today,
    )


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _conversation(plan: Plan) -> dict[str, Any] | None:
    """The call's figures from its transcript (`[debrief.conversation]`), or None."""
    found = plan.debrief.conversation if plan.debrief is not None else None
    return found.model_dump(mode="json", exclude_none=True) if found is not None else None


def to_json(found: Story) -> dict[str, Any]:
    """`deal --json`: the SPEC's keys (and a few more)."""
    return {
        "account": found.account,
        "opportunity": found.opportunity,
        "calls": [
            {
                "id": plan.id,
                "starts_at": _iso(plan.starts_at),
                "kind": plan.kind,
                "objective": plan.objective.best,
                "outcome": (plan.debrief.outcome if plan.debrief else "") or None,
                "conversation": _conversation(plan),
            }
            for plan in found.calls
        ],
        "people": [
            {
                "name": p.attendee.name,
                "role": p.attendee.role,
                "side": p.attendee.side,
                "email": p.attendee.email,
                "influence": p.attendee.influence,
                "stance": p.attendee.stance,
                "last_seen": _iso(p.last_seen),
            }
            for p in found.people
        ],
        "missing_influences": found.missing_influences,
        "open_commitments": [
            {
                "id": item.from_plan,
                "who": item.commitment.who,
                "what": item.commitment.what,
                "due": _iso(item.commitment.due),
                "overdue": item.overdue,
            }
            for item in found.open_commitments
        ],
        "risks": found.risks,
        "unknown": [topic.key for topic in found.unknown],
        "new_opportunities": found.new_opportunities,
        "next_step": found.next_step,
    }


# --- "Last time" on the next call's brief ---------------------------------------------------------


@dataclass(frozen=True)
class LastTime:
    """What the deal's last debriefed call left: for the brief of the next one."""

    plan_id: str
    when: dt.date | None
    kind: str
    outcome: str
    summary: str
    next_step: str
    risks: list[str]
    new_opportunities: list[str]
    # (name, stance before, stance now): people whose stance that call changed.
    stances: list[tuple[str, str, str]]


def last_time(earlier: Sequence[Plan]) -> LastTime | None:
    """The last debriefed call of `earlier` (the deal's calls before this one, oldest first)."""
    held = debriefed(earlier)
    if not held:
        return None
    last = held[-1]
    debrief = last.debrief
    assert debrief is not None
    # What the debrief changed, as it recorded it; for a hand-written debrief, the stances
    # that differ from what an earlier call knew.
    stances = recorded_stances(debrief)
    if not stances:
        before = people.picture(earlier[: earlier.index(last)])
        for person in last.customer_attendees:
            was = next((p.attendee.stance for p in before if people.same(p.attendee, person)), "")
            if was not in ("", "unknown") and person.stance not in ("", "unknown", was):
                stances.append((person.name, was, person.stance))
    return LastTime(
        plan_id=last.id,
        when=people.held_on(last),
        kind=last.kind,
        outcome=debrief.outcome,
        summary=debrief.summary,
        next_step=debrief.next_step,
        risks=[risk for risk in debrief.risks if risk],
        new_opportunities=opportunities_of(debrief),
        stances=stances,
    )
