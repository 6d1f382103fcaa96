"""`brief --share`: the up-front contract on paper, a page for the customer's side of the table.

Built from the call's customer view (and the deal's earlier calls' views, for what was agreed
so far) alone, never from the brief: in the second person, when the call is, who joins on
both sides, its purpose, their goal as we understood it ("You'd like to ..."), the agenda,
what they bring, the outcome proposed for the call (as the agenda message phrases it), the
steps agreed so far and the next step; the page leaves room for notes. Nothing of discovery,
our questions, objectives, findings, influence or stance can reach it: the view holds none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from callprep import messages
from callprep.outreach import agenda, customer
from callprep.outreach.customer import CustomerView
from callprep.text import one_line

if TYPE_CHECKING:
    from callprep.plans.profile import Profile


@dataclass(frozen=True)
class Agreed:
    """A step agreed on an earlier call (or this one, once held)."""

    done: bool
    who: str  # the person it names, else "Your team" or "Our team"
    what: str
    due: str  # "8 Dec 2026", or ""


@dataclass(frozen=True)
class SharedPage:
    title: str  # "Acme Logistics · Fleet telematics rollout"
    kind: str  # what the customer calls it: "Call", "Demo", "Meeting", "Review"
    when: str  # "Thursday 3 December 2026, 15:00–15:45 New York time (20:00–20:45 UTC)"
    theirs: tuple[str, ...]  # "Dana Lee (VP Operations)"
    ours: tuple[str, ...]
    purpose: str  # "The purpose of the call is ..."
    goal: str  # "As we understand it, you'd like to ...", or the question to ask
    agenda: tuple[str, ...]
    bring: tuple[str, ...]
    outcome: str  # "By the end, let's decide together ..."
    agreed: tuple[Agreed, ...]
    next_step: str


def build(
    view: CustomerView, earlier: Sequence[CustomerView] = (), profile: Profile | None = None
) -> SharedPage:
    """The page for the call of `view`; `earlier` are the deal's calls before it, oldest first."""
    message = agenda.build(view, profile=profile, long=True)
    noun = agenda.call_noun(view)
    goal, verb = agenda.restated_goal(view.their_goal)
    if goal:
        their_goal = (messages.SHARE_GOAL if verb else messages.SHARE_GOAL_PHRASE).format(goal=goal)
    else:
        their_goal = messages.SHARE_GOAL_UNKNOWN.format(noun=noun)
    when = message.when
    steps = customer.action_plan([*earlier, view], "", "")
    title = " · ".join(one_line(part) for part in (view.account, view.topic) if one_line(part))
    return SharedPage(
        title=title or messages.SHARE_UNTITLED.format(noun=noun.capitalize()),
        kind=noun.capitalize(),
        when=agenda.format_call_time(when) if when is not None else messages.SHARE_NO_TIME,
        theirs=tuple(_person(p.name, p.role) for p in view.customer_people),
        ours=tuple(_person(p.name, p.role) for p in view.our_people or _seller(view, profile)),
        purpose=message.purpose,
        goal=their_goal,
        agenda=message.items,
        bring=message.prep,
        outcome=agenda.short_outcome(view.kind),
        agreed=tuple(
            Agreed(step.done, step.owner, step.what, f"{step.due:%-d %b %Y}" if step.due else "")
            for step in steps.steps
        ),
        next_step=steps.next_step,
    )


def _seller(view: CustomerView, profile: Profile | None) -> list[customer.Person]:
    """Who joins from our side when the plan names nobody: the seller, from the profile."""
    me = agenda.sender(view, profile)
    return [me] if me is not None else []


def _person(name: str, role: str) -> str:
    name, role = customer.shown_name(name), one_line(role)
    return f"{name} ({role})" if role and name else name or role
