"""`callprep list`: every plan in the store, newest first, with readiness and debrief status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from callprep import coach, messages, output
from callprep.model import Plan
from callprep.store import LoadProblem, Store

UPCOMING_DAYS = 7


@dataclass(frozen=True)
class Row:
    plan: Plan
    readiness: int

    def to_json(self) -> dict[str, Any]:
        p = self.plan
        return {
            "id": p.id,
            "account": p.account,
            "opportunity": p.opportunity,
            "kind": p.kind,
            "starts_at": p.starts_at.isoformat() if p.starts_at else None,
            "readiness": self.readiness,
            "debriefed": p.debriefed,
        }


def _sort_key(plan: Plan) -> tuple[float, str]:
    # Newest first; plans with no time go last.
    stamp = plan.starts_at.timestamp() if plan.starts_at else float("-inf")
    return (stamp, plan.id)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.astimezone()


def rows(
    store: Store,
    account: str | None = None,
    upcoming: bool = False,
    now: dt.datetime | None = None,
) -> list[Row]:
    """The plans to list, reporting (not failing on) files that cannot be read."""
    now = now or dt.datetime.now().astimezone()
    plans: list[Plan] = []
    for item in store.iter_plans():
        if isinstance(item, LoadProblem):
            output.warn(messages.STORE_PROBLEM.format(path=item.path, problem=item.message))
            continue
        plan = item.plan.model_copy(update={"id": item.plan.id or item.path.stem})
        if account and plan.account.casefold() != account.casefold():
            continue
        if upcoming:
            if plan.starts_at is None:
                continue
            start = _aware(plan.starts_at)
            if not now <= start <= now + dt.timedelta(days=UPCOMING_DAYS):
                continue
        plans.append(plan)
    result = [Row(p, coach.review(p).readiness) for p in plans]
    if upcoming:
        return sorted(result, key=lambda r: (r.readiness, _sort_key(r.plan)))
    return sorted(result, key=lambda r: _sort_key(r.plan), reverse=True)


def run(home: Path, account: str | None, upcoming: bool, as_json: bool) -> None:
    store = Store(home)
    store.sweep_temps()
    found = rows(store, account, upcoming)
    if as_json:
        output.print_json([row.to_json() for row in found])
        return
    if not found:
        output.say(messages.LIST_EMPTY if not (account or upcoming) else "No plans match.")
        return
    from callprep.render.listing import table

    output.out().print(table(found))
