"""Which plans `list` and `stats` show, in what order: the store's summaries, selected and sorted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from callprep import clock, messages
from callprep.catalog import index
from callprep.catalog.index import PlanSummary
from callprep.coach.coach import readiness_of
from callprep.coach.topics import FINDINGS
from callprep.plans.planfile import LoadProblem
from callprep.plans.store import Store
from callprep.text import account_key

UPCOMING_DAYS = 7


@dataclass(frozen=True)
class Row:
    plan: PlanSummary
    # For coming calls: every gap in the seller's words, the costliest first.
    gaps: list[str] = field(default_factory=list)

    @property
    def readiness(self) -> int:
        return self.plan.readiness

    @property
    def not_prepared(self) -> bool:
        """A meeting imported from the calendar that nobody has prepared yet (no objective)."""
        return is_not_prepared(self.plan)

    def to_json(self) -> dict[str, Any]:
        p = self.plan
        return {
            "id": p.id,
            "account": p.account,
            "opportunity": p.opportunity,
            "kind": p.kind,
            "starts_at": p.starts_at.isoformat() if p.starts_at else None,
            "readiness": p.readiness,
            "debriefed": p.debriefed,
            "prepared": not is_not_prepared(p),
        }


def is_not_prepared(plan: PlanSummary) -> bool:
    return bool(plan.calendar_uid) and "objective.missing" in plan.codes


def _timestamp(value: dt.datetime | None) -> float:
    # A time without an offset is the seller's local time; no time at all sorts as the oldest.
    return value.timestamp() if value is not None else float("-inf")


def summaries(store: Store) -> tuple[list[PlanSummary], list[LoadProblem]]:
    """The store's plans, and the files that could not be read (reported, not fatal)."""
    found: list[PlanSummary] = []
    problems: list[LoadProblem] = []
    for item in index.scan(store):
        if isinstance(item, LoadProblem):
            problems.append(item)
        else:
            found.append(item)
    return with_deals(found), problems


def with_deals(plans: list[PlanSummary]) -> list[PlanSummary]:
    """The summaries with what needs the deal: a budget holder met on an earlier call counts.

    The index summarises each plan alone; `deal.economic_unknown` looks at the deal's earlier
    calls too, so the readiness here is the one `check` and the brief give.
    """
    calls: dict[str, list[PlanSummary]] = {}
    for plan in plans:
        if plan.economic:
            calls.setdefault(account_key(plan.account), []).append(plan)
    adjusted: list[PlanSummary] = []
    for plan in plans:
        if ECONOMIC_CODES & set(plan.codes) and any(
            _same_deal(plan, other) and _timestamp(other.starts_at) < _timestamp(plan.starts_at)
            for other in calls.get(account_key(plan.account), [])
        ):
            codes = tuple(code for code in plan.codes if code not in ECONOMIC_CODES)
            plan = replace(plan, codes=codes, readiness=readiness_of(codes))
        adjusted.append(plan)
    return adjusted


# The deal's budget holder unknown: the deal's finding, or MEDDPICC's element standing for it.
ECONOMIC_CODES = frozenset(("deal.economic_unknown", "meddpicc.economic_buyer_unknown"))


def _same_deal(plan: PlanSummary, other: PlanSummary) -> bool:
    """As carry.on_deal: the same account, and the same opportunity or none at all."""
    if not plan.account or account_key(plan.account) != account_key(other.account):
        return False
    return account_key(other.opportunity) in ("", account_key(plan.opportunity))


def problem_message(problem: LoadProblem) -> str:
    """What `list` and `stats` say of a plan file they left out."""
    template = messages.STORE_PROBLEM if problem.editable else messages.STORE_NEWER
    return template.format(path=problem.path, problem=problem.message)


def is_upcoming(plan: PlanSummary, now: dt.datetime) -> bool:
    """Starts from now to seven days ahead (a call already under way is not coming)."""
    if plan.starts_at is None:
        return False
    start = _timestamp(plan.starts_at)
    return now.timestamp() <= start <= (now + dt.timedelta(days=UPCOMING_DAYS)).timestamp()


def select(
    plans: list[PlanSummary],
    account: str | None = None,
    upcoming: bool = False,
    now: dt.datetime | None = None,
) -> list[PlanSummary]:
    """Newest first; coming calls least ready first (the one to prepare now), then soonest.

    A call already debriefed is history, and a cancelled one will not happen: neither is coming.
    """
    now = now or clock.local_now()
    chosen = [
        p
        for p in plans
        if (not account or p.account.casefold() == account.casefold())
        and (not upcoming or (is_upcoming(p, now) and not p.debriefed and not p.cancelled))
    ]
    if upcoming:
        return sorted(chosen, key=lambda p: (p.readiness, _timestamp(p.starts_at), p.id))
    return sorted(chosen, key=lambda p: (_timestamp(p.starts_at), p.id), reverse=True)


def gaps(plan: PlanSummary) -> list[str]:
    """A coming call's gaps in a few words each, costliest first."""
    known = [FINDINGS[code] for code in plan.codes if code in FINDINGS]
    return [kind.label for kind in sorted(known, key=lambda kind: -kind.weight)]


def rows(
    plans: list[PlanSummary],
    account: str | None = None,
    upcoming: bool = False,
    now: dt.datetime | None = None,
    owner: Callable[[str], bool] | None = None,
) -> list[Row]:
    chosen = select([p for p in plans if owner is None or owner(p.owner)], account, upcoming, now)
    if upcoming:
        return [Row(plan, gaps(plan)) for plan in chosen]
    return [Row(plan) for plan in chosen]
