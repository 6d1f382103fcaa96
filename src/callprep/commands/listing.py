"""`callprep list`: every plan in the store, newest first, with readiness and debrief status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from callprep import index, messages, output
from callprep.index import PlanSummary
from callprep.model import NEWER_SCHEMA
from callprep.store import LoadProblem, Store

UPCOMING_DAYS = 7


@dataclass(frozen=True)
class Row:
    plan: PlanSummary
    # For coming calls: every gap in the seller's words, the costliest first.
    gaps: list[str] = field(default_factory=list)

    @property
    def readiness(self) -> int:
        return self.plan.readiness

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
        }


def _timestamp(value: dt.datetime | None) -> float:
    # A time without an offset is the seller's local time; no time at all sorts as the oldest.
    return value.timestamp() if value is not None else float("-inf")


def summaries(store: Store) -> list[PlanSummary]:
    """The store's plans, reporting (not failing on) files that cannot be read."""
    found: list[PlanSummary] = []
    for item in index.scan(store):
        if isinstance(item, LoadProblem):
            # A plan from a newer callprep is not broken: editing it here would not help.
            template = (
                messages.STORE_NEWER if NEWER_SCHEMA in item.message else messages.STORE_PROBLEM
            )
            output.warn(template.format(path=item.path, problem=item.message))
        else:
            found.append(item)
    return found


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
    """Newest first; coming calls least ready first (the one to prepare now), then soonest."""
    now = now or dt.datetime.now().astimezone()
    chosen = [
        p
        for p in plans
        if (not account or p.account.casefold() == account.casefold())
        and (not upcoming or is_upcoming(p, now))
    ]
    if upcoming:
        return sorted(chosen, key=lambda p: (p.readiness, _timestamp(p.starts_at), p.id))
    return sorted(chosen, key=lambda p: (_timestamp(p.starts_at), p.id), reverse=True)


def gaps(plan: PlanSummary) -> list[str]:
    """A coming call's gaps, costliest first, read fresh from its file."""
    from callprep import coach
    from callprep.errors import CallprepError
    from callprep.planfile import load_plan

    if plan.path is None:
        return []
    try:
        found = coach.findings(load_plan(plan.path))
    except CallprepError:
        return []  # changed under us; its row still shows
    costliest = sorted(found, key=lambda f: -coach.WEIGHTS.get(f.code, 0))
    return [messages.GAP_LABELS.get(f.code, f.code) for f in costliest]


def rows(
    store: Store,
    account: str | None = None,
    upcoming: bool = False,
    now: dt.datetime | None = None,
) -> list[Row]:
    chosen = select(summaries(store), account, upcoming, now)
    if upcoming:
        return [Row(plan, gaps(plan)) for plan in chosen]
    return [Row(plan) for plan in chosen]


def run(home: Path, account: str | None, upcoming: bool, as_json: bool) -> None:
    store = Store(home)
    store.sweep_temps()
    found = rows(store, account, upcoming)
    if as_json:
        output.print_json([row.to_json() for row in found])
        return
    if not found:
        if upcoming:
            output.say(messages.UPCOMING_EMPTY.format(days=UPCOMING_DAYS))
        else:
            output.say(messages.LIST_EMPTY if not account else messages.LIST_NO_MATCH)
        return
    from callprep.render.listing import table, upcoming_table

    console = output.out()
    if upcoming:
        console.print(upcoming_table(found))
    else:
        # Lines cut to fit already; soft wrap spares rich re-flowing thousands of them.
        console.print(table(found, console.width), soft_wrap=True)
