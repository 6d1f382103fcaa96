"""The manager's queue across the team: coming calls least ready first, recent continuations,
stalled deals. Pure functions over the store's summaries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from callprep.catalog import stats
from callprep.catalog.index import PlanSummary
from callprep.catalog.listing import gaps
from callprep.text import account_key

DEFAULT_DAYS = 2


@dataclass(frozen=True)
class Queue:
    as_of: dt.datetime
    days: int
    coming: list[PlanSummary]  # least ready first, then soonest
    continuations: list[PlanSummary]  # debriefed in the last `days` days with no customer action
    stalled: list[tuple[stats.Opportunity, list[str]]]  # the deal and its owners

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(timespec="minutes"),
            "days": self.days,
            "coming": [
                {
                    "id": p.id,
                    "account": p.account,
                    "opportunity": p.opportunity,
                    "kind": p.kind,
                    "starts_at": _iso(p.starts_at),
                    "owner": p.owner,
                    "readiness": p.readiness,
                    "gap": (gaps(p) or [""])[0],
                }
                for p in self.coming
            ],
            "continuations": [
                {
                    "id": p.id,
                    "account": p.account,
                    "opportunity": p.opportunity,
                    "owner": p.owner,
                    "held_at": _iso(_held(p)),
                }
                for p in self.continuations
            ],
            "stalled": [{**deal.to_json(), "owners": owners} for deal, owners in self.stalled],
        }


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _held(plan: PlanSummary) -> dt.datetime | None:
    return plan.held_at or plan.starts_at


def _moment(value: dt.datetime | None) -> float | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.astimezone()).timestamp()


def build(plans: list[PlanSummary], now: dt.datetime, days: int = DEFAULT_DAYS) -> Queue:
    start, end = now.timestamp(), (now + dt.timedelta(days=days)).timestamp()
    since = (now - dt.timedelta(days=days)).timestamp()
    coming = [
        p
        for p in plans
        if not p.debriefed
        and not p.cancelled
        and (moment := _moment(p.starts_at)) is not None
        and start <= moment <= end
    ]
    coming.sort(key=lambda p: (p.readiness, _moment(p.starts_at) or 0.0, p.id))
    continuations = [
        p
        for p in plans
        if p.outcome == "none"
        and (held := _moment(_held(p))) is not None
        and since <= held <= start
    ]
    continuations.sort(key=lambda p: _moment(_held(p)) or 0.0, reverse=True)
    record = stats.compute(plans, now.date())
    stalled = [(deal, _owners(plans, deal)) for deal in record.stalled]
    return Queue(now, days, coming, continuations, stalled)


def _owners(plans: list[PlanSummary], deal: stats.Opportunity) -> list[str]:
    return sorted(
        {
            p.owner
            for p in plans
            if p.owner
            and account_key(p.account) == account_key(deal.account)
            and account_key(p.opportunity) == account_key(deal.opportunity)
        }
    )
