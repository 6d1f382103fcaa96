"""The seller's own record: pure sums over plan summaries, for `callprep stats`.

More in docs/internals.md, `callprep.catalog.stats`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from callprep.catalog.index import PlanSummary
from callprep.coach.topics import DISCOVERY

OUTCOMES = ("best", "minimum", "none")
# The discovery topics the coach asks about, in the order a seller learns them.
TOPICS = tuple(DISCOVERY)
RATE_DIGITS = 4


@dataclass(frozen=True)
class Tally:
    """Debriefed calls on one side of the agenda split, and how many reached the objective."""

    debriefed: int
    reached: int

    @classmethod
    def of(cls, plans: Iterable[PlanSummary]) -> Tally:
        """The tally of these debriefed plans."""
        chosen = list(plans)
        return cls(len(chosen), sum(p.reached for p in chosen))

    @property
    def rate(self) -> float | None:
        return round(self.reached / self.debriefed, RATE_DIGITS) if self.debriefed else None

    def to_json(self) -> dict[str, int]:
        return {"debriefed": self.debriefed, "reached": self.reached}


@dataclass(frozen=True)
class Opportunity:
    account: str
    opportunity: str
    calls: int
    debriefed: int
    continuations: int
    continuations_in_a_row: int
    # The outcome of each call in call order ("" for one not debriefed): the deal's history.
    history: tuple[str, ...]
    last_call: dt.datetime | None

    @property
    def stalled(self) -> bool:
        return self.continuations_in_a_row >= 2

    def to_json(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "opportunity": self.opportunity,
            "calls": self.calls,
            "debriefed": self.debriefed,
            "continuations": self.continuations,
            "continuations_in_a_row": self.continuations_in_a_row,
            "stalled": self.stalled,
            "last_call": self.last_call.isoformat() if self.last_call else None,
        }


@dataclass(frozen=True)
class Overdue:
    id: str
    account: str
    opportunity: str
    who: str
    what: str
    due: dt.date
    days_late: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "account": self.account,
            "opportunity": self.opportunity,
            "who": self.who,
            "what": self.what,
            "due": self.due.isoformat(),
            "days_late": self.days_late,
        }


@dataclass(frozen=True)
class Conversations:
    """The debriefed calls that had a transcript, split by how they went: our share of the
    talk under half or not, and most of the plan's questions asked (at least half) or not."""

    calls: int
    talk_under_half: Tally
    talk_over_half: Tally
    questions_asked: Tally
    questions_not_asked: Tally

    def to_json(self) -> dict[str, Any]:
        def side(tally: Tally) -> dict[str, Any]:
            return {**tally.to_json(), "rate": tally.rate}

        return {
            "calls": self.calls,
            "talk_under_half": side(self.talk_under_half),
            "talk_over_half": side(self.talk_over_half),
            "planned_questions_asked": side(self.questions_asked),
            "planned_questions_not_asked": side(self.questions_not_asked),
        }


def conversations(debriefed: Iterable[PlanSummary]) -> Conversations:
    """Outcomes against the conversation: what our talk share and the questions asked did."""
    heard = [p for p in debriefed if p.our_share is not None or p.questions_asked is not None]

    shared = [p for p in heard if p.our_share is not None]
    planned = [p for p in heard if p.questions_asked is not None and p.planned_questions]
    return Conversations(
        calls=len(heard),
        talk_under_half=Tally.of(p for p in shared if (p.our_share or 0) < HALF),
        talk_over_half=Tally.of(p for p in shared if (p.our_share or 0) >= HALF),
        questions_asked=Tally.of(p for p in planned if _asked_most(p)),
        questions_not_asked=Tally.of(p for p in planned if not _asked_most(p)),
    )


HALF = 0.5


def _asked_most(plan: PlanSummary) -> bool:
    return (plan.questions_asked or 0) >= plan.planned_questions * HALF


@dataclass(frozen=True)
class Stats:
    today: dt.date
    calls: int
    debriefed: int
    outcomes: dict[str, int]
    with_agenda: Tally
    without_agenda: Tally
    opportunities: list[Opportunity]
    overdue: list[Overdue]
    unknown_topics: list[tuple[str, int]]  # (topic, plans), most often unknown first
    conversation: Conversations

    @property
    def stalled(self) -> list[Opportunity]:
        return [o for o in self.opportunities if o.stalled]

    def to_json(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "debriefed": self.debriefed,
            "outcomes": dict(self.outcomes),
            "reached_rate_with_agenda": self.with_agenda.rate,
            "reached_rate_without_agenda": self.without_agenda.rate,
            "with_agenda": self.with_agenda.to_json(),
            "without_agenda": self.without_agenda.to_json(),
            "opportunities": [o.to_json() for o in self.opportunities],
            "overdue_commitments": [c.to_json() for c in self.overdue],
            "unknown_topics": [{"topic": t, "plans": n} for t, n in self.unknown_topics],
            "as_of": self.today.isoformat(),
            "conversation": self.conversation.to_json(),
        }


def select(
    plans: Iterable[PlanSummary],
    account: str | None = None,
    since: dt.date | None = None,
    owner: Callable[[str], bool] | None = None,
) -> list[PlanSummary]:
    """The plans for this account (any case) whose call is on or after `since`, of `owner`."""
    wanted = account.casefold() if account else None
    return [
        p
        for p in plans
        if (wanted is None or p.account.casefold() == wanted)
        and (since is None or (p.starts_at is not None and p.starts_at.date() >= since))
        and (owner is None or owner(p.owner))
    ]


NO_OWNER = "(no owner)"


def by_owner(plans: Iterable[PlanSummary], today: dt.date) -> dict[str, Stats]:
    """The same record for each owner's plans, owners in alphabetical order."""
    groups: dict[str, list[PlanSummary]] = {}
    for plan in plans:
        groups.setdefault(plan.owner.casefold() or NO_OWNER, []).append(plan)
    return {owner: compute(groups[owner], today) for owner in sorted(groups)}


def _call_order(plan: PlanSummary) -> tuple[float, str]:
    when = plan.starts_at or plan.held_at
    # A time without an offset is the seller's local time; no time at all counts as earliest.
    return (when.timestamp() if when else float("-inf"), plan.id)


def _opportunity(plans: list[PlanSummary]) -> Opportunity:
    ordered = sorted(plans, key=_call_order)
    latest = ordered[-1]
    debriefed = [p for p in ordered if p.debriefed]
    in_a_row = 0
    for plan in reversed(debriefed):
        if plan.outcome != "none":
            break
        in_a_row += 1
    return Opportunity(
        account=latest.account,
        opportunity=latest.opportunity,
        calls=len(ordered),
        debriefed=len(debriefed),
        continuations=sum(p.outcome == "none" for p in debriefed),
        continuations_in_a_row=in_a_row,
        history=tuple(p.outcome for p in ordered),
        last_call=latest.starts_at or latest.held_at,
    )


def _overdue(plans: list[PlanSummary], today: dt.date) -> list[Overdue]:
    found = [
        Overdue(
            id=p.id,
            account=p.account,
            opportunity=p.opportunity,
            who=c.who,
            what=c.what,
            due=c.due,
            days_late=(today - c.due).days,
        )
        for p in plans
        for c in p.commitments
        if not c.done and c.due is not None and c.due < today
    ]
    return sorted(found, key=lambda c: (c.due, c.id, c.what))


def compute(plans: Iterable[PlanSummary], today: dt.date) -> Stats:
    """The record over these plans, with commitments overdue as of `today`."""
    plans = list(plans)
    debriefed = [p for p in plans if p.debriefed]
    outcomes = {outcome: sum(p.outcome == outcome for p in debriefed) for outcome in OUTCOMES}

    def tally(confirmed: bool) -> Tally:
        return Tally.of(p for p in debriefed if p.agenda_confirmed is confirmed)

    groups: dict[tuple[str, str], list[PlanSummary]] = {}
    for plan in plans:
        key = (plan.account.casefold(), plan.opportunity.casefold())
        groups.setdefault(key, []).append(plan)
    opportunities = [_opportunity(group) for _, group in sorted(groups.items())]

    unknown = {topic: 0 for topic in TOPICS}
    for plan in plans:
        for topic in plan.unknown_topics:
            if topic in unknown:
                unknown[topic] += 1
    ranked = sorted(unknown.items(), key=lambda item: (-item[1], TOPICS.index(item[0])))

    return Stats(
        today=today,
        calls=len(plans),
        debriefed=len(debriefed),
        outcomes=outcomes,
        with_agenda=tally(True),
        without_agenda=tally(False),
        opportunities=opportunities,
        overdue=_overdue(plans, today),
        unknown_topics=ranked,
        conversation=conversations(debriefed),
    )
