"""What the customer may see of a plan: the one allow-list every customer-facing output reads.

The agenda message, the invite, the follow-up and its invite, `deal --plan` and `brief --share`
are built from a `CustomerView`, never from the plan itself. The view is made field by field
from the plan fields named in SHARED (and READ, which decide something without being shown), so
a field added to the plan later reaches no customer until someone adds it here.
`tests/test_privacy.py` walks the plan model, puts a marker in every field outside these two,
and reads every customer-facing command in every format for it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from callprep import messages
from callprep.calls import people as deal_people
from callprep.coach.voice import customer_voice
from callprep.plans.model import Plan
from callprep.text import one_line

# The plan fields whose values the view carries (dotted paths; a list's items by its name).
SHARED = frozenset(
    {
        "account",
        "opportunity",
        "kind",
        "starts_at",
        "timezone",
        "duration_minutes",
        "attendees.name",
        "attendees.role",
        "attendees.side",
        "attendees.email",
        # The names a person went by: only to know them for the same person on another call.
        "attendees.aliases",
        "objective.customer",
        "notes.purpose",  # the up-front contract's purpose, for plans of that playbook
        "agenda.items",
        "agenda.confirmed",
        "agenda.customer_prep",
        "debrief.held_at",
        "debrief.customer_objective_met",
        "debrief.next_step",
        "debrief.commitments.who",
        "debrief.commitments.what",
        "debrief.commitments.due",
        "debrief.commitments.done",
        "debrief.commitments.owner",  # a person the commitment names (deal --plan reads it)
        "calendar.uid",
        "calendar.recurrence_id",
        "calendar.sequence",
        "calendar.organizer",
        "calendar.event",
    }
)
# Fields the view reads to decide something, never to show: the playbook (whether the purpose
# is said) and the debrief's outcome (whether the call was debriefed at all).
READ = frozenset({"playbook", "debrief.outcome"})

UPFRONT_CONTRACT = "upfront-contract"


@dataclass(frozen=True)
class Person:
    name: str
    role: str = ""
    side: str = "customer"  # "customer" or "ours"
    email: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Agreed:
    """A commitment made on the call: whose side, the person it names, what, by when."""

    who: str  # "customer" or "ours"
    owner: str  # a person the commitment names, else ""
    what: str
    due: dt.date | None
    done: bool


@dataclass(frozen=True)
class Meeting:
    """The calendar event the call is (an imported plan): so an invite updates it."""

    uid: str
    recurrence_id: str = ""
    sequence: int = 0
    organizer: str = ""  # the organizer's email, as the calendar gave it
    event: str = ""  # the VEVENT as the calendar gave it ("" for plans imported before)


@dataclass(frozen=True)
class CustomerView:
    account: str = ""
    topic: str = ""  # the opportunity
    kind: str = ""
    starts_at: dt.datetime | None = None
    timezone: str = ""
    duration_minutes: int | None = None
    people: tuple[Person, ...] = ()
    purpose: str = ""  # the up-front contract's purpose, as typed ("" for other playbooks)
    their_goal: str = ""  # what they want from the call, as the seller typed it
    agenda: tuple[str, ...] = ()
    agenda_confirmed: bool = False
    prep: tuple[str, ...] = ()  # what they bring
    debriefed: bool = False
    held_at: dt.datetime | None = None
    goal_met: bool | None = None  # whether their goal was covered, as the debrief says
    agreed: tuple[Agreed, ...] = ()
    next_step: str = ""
    meeting: Meeting | None = None

    @property
    def customer_people(self) -> list[Person]:
        return [p for p in self.people if p.side == "customer" and p.name]

    @property
    def our_people(self) -> list[Person]:
        return [p for p in self.people if p.side == "ours" and p.name]


def of(plan: Plan | CustomerView) -> CustomerView:
    """The plan as the customer may see it (a view is returned as it is)."""
    if isinstance(plan, CustomerView):
        return plan
    debrief = plan.debrief
    calendar = plan.calendar
    return CustomerView(
        account=plan.account,
        topic=plan.opportunity,
        kind=plan.kind,
        starts_at=plan.starts_at,
        timezone=plan.timezone,
        duration_minutes=plan.duration_minutes,
        people=tuple(
            Person(a.name, a.role, a.side, a.email, tuple(a.aliases)) for a in plan.attendees
        ),
        purpose=plan.notes.get("purpose", "") if plan.playbook == UPFRONT_CONTRACT else "",
        their_goal=plan.objective.customer,
        agenda=tuple(plan.agenda.items),
        agenda_confirmed=plan.agenda.confirmed,
        prep=tuple(plan.agenda.customer_prep),
        debriefed=plan.debriefed,
        held_at=debrief.held_at if debrief is not None else None,
        goal_met=debrief.customer_objective_met if debrief is not None else None,
        agreed=tuple(
            Agreed(c.who, _owner(c.model_extra), c.what, c.due, c.done)
            for c in (debrief.commitments if debrief is not None else [])
        ),
        next_step=debrief.next_step if debrief is not None else "",
        meeting=(
            Meeting(
                calendar.uid,
                calendar.recurrence_id,
                calendar.sequence,
                calendar.organizer,
                calendar.event,
            )
            if calendar is not None and calendar.uid
            else None
        ),
    )


# A name the seller has yet to learn: "Procurement lead (name tbc)" is shown as "Procurement lead".
_PLACEHOLDER = re.compile(
    r"\s*\((?:name\s+)?(?:tbc|tbd|unknown|to be confirmed|not known)\)\s*$", re.IGNORECASE
)


def shown_name(name: str) -> str:
    """A person's name as the customer reads it: one line, without a placeholder's "(tbc)"."""
    return _PLACEHOLDER.sub("", one_line(name))


def _owner(extra: dict[str, Any] | None) -> str:
    named = (extra or {}).get("owner")
    return one_line(named) if isinstance(named, str) else ""


# --- the mutual action plan: what both sides agreed over the deal's calls ------------------------


@dataclass(frozen=True)
class Step:
    """One agreed step: what, whose, by when, and whether it is done."""

    what: str
    owner: str
    side: str  # customer, ours, or "" for both
    due: dt.date | None
    done: bool


@dataclass(frozen=True)
class ActionPlan:
    account: str
    opportunity: str
    steps: list[Step]
    next_step: str
    # Who is who, names and roles only: (side, name, role).
    team: list[tuple[str, str, str]]

    @property
    def name(self) -> str:
        return one_line(" · ".join(part for part in (self.account, self.opportunity) if part))


def owner(agreed: Agreed, account: str, ours: str) -> str:
    """Who does it: the person named on the commitment, else their company or ours."""
    if agreed.owner:
        return agreed.owner
    if agreed.who == "ours":
        return ours or messages.MAP_OUR_TEAM
    return account or messages.MAP_THEIR_TEAM


def team(views: Iterable[CustomerView]) -> list[Person]:
    """Everyone on these calls (oldest first) as last known, their side first, then ours."""
    found: list[dict[str, Any]] = []
    for view in views:
        for person in view.people:
            if not person.name:
                continue
            data = {
                "name": person.name,
                "role": person.role,
                "side": person.side,
                "email": person.email,
                "aliases": list(person.aliases),
            }
            at = next((n for n, p in enumerate(found) if deal_people.same(p, data)), None)
            if at is None:
                found.append(deal_people.merged({}, data))
            else:
                found[at] = deal_people.merged(found[at], data)
    people = [
        Person(p["name"], p.get("role") or "", p.get("side") or "customer", p.get("email") or "")
        for p in found
    ]
    return sorted(people, key=lambda p: p.side != "customer")


def action_plan(
    views: Sequence[CustomerView], account: str, opportunity: str, ours: str = ""
) -> ActionPlan:
    """The steps both sides agreed on the deal's calls (`views`, oldest first), in date order
    (undated ones last, in the order they were agreed), and the latest next step; addressed to
    the customer ("their IT lead" is "your IT lead")."""
    steps: list[Step] = []
    for view in views:
        if not view.debriefed:
            continue
        for agreed in view.agreed:
            if one_line(agreed.what):
                steps.append(
                    Step(
                        customer_voice(one_line(agreed.what)),
                        owner(agreed, account, ours),
                        agreed.who,
                        agreed.due,
                        agreed.done,
                    )
                )
    order = {id(step): n for n, step in enumerate(steps)}
    steps.sort(key=lambda s: (s.due is None, s.due or dt.date.min, order[id(s)]))
    held = [view for view in views if view.debriefed]
    next_step = customer_voice(one_line(held[-1].next_step)) if held else ""
    found = [(p.side, p.name, p.role) for p in team(views)]
    return ActionPlan(account, opportunity, steps, next_step, found)


def action_plan_json(found: ActionPlan) -> dict[str, Any]:
    return {
        "account": found.account,
        "opportunity": found.opportunity,
        "steps": [
            {
                "what": s.what,
                "owner": s.owner,
                "side": s.side,
                "due": s.due.isoformat() if s.due else None,
                "done": s.done,
            }
            for s in found.steps
        ],
        "next_step": found.next_step,
        "team": [{"side": side, "name": name, "role": role} for side, name, role in found.team],
    }
