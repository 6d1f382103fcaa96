"""Finding a plan as the seller typed it: a path, an id or a unique id prefix (the store's
part), else an earlier id of a rescheduled plan or an account, or a unique start of its name
(found in the index)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from callprep import clock
from callprep.errors import CallprepError
from callprep.plans.planfile import load_plan
from callprep.plans.store import Store, StoredPlan, no_plan
from callprep.text import account_key

if TYPE_CHECKING:
    from callprep.catalog.index import PlanSummary


def resolve(store: Store, ref: str, by_account: bool = True) -> Path:
    """PLAN as the seller typed it: a path to a .toml file, an id, a unique id prefix, an
    earlier id of a rescheduled plan, or an account (or a unique start of its name)."""
    found = store.find(ref)
    if found is None:
        found = by_alias_or_account(store, ref, by_account=by_account)
    if found is None:
        raise no_plan(ref)
    return found


def load(store: Store, ref: str, by_account: bool = True) -> StoredPlan:
    path = resolve(store, ref, by_account)
    return StoredPlan(path, load_plan(path))


def by_alias_or_account(
    store: Store, ref: str, now: dt.datetime | None = None, by_account: bool = True
) -> Path | None:
    """An earlier id of a rescheduled plan, else an account or a unique start of one.

    For an account, its next call still to come (held and cancelled ones aside), else its
    latest. Several accounts starting so: CallprepError naming them.
    """
    # Deferred: a plan named by its path or id never needs the index (about 10 ms of a start).
    from callprep.catalog import index

    if not ref.strip():
        return None
    summaries = [s for s in index.scan(store) if isinstance(s, index.PlanSummary)]
    for summary in summaries:
        if ref in summary.aliases and summary.path is not None:
            return summary.path
    if not by_account:
        return None
    wanted = account_key(ref)
    exact = [s for s in summaries if account_key(s.account) == wanted]
    chosen = exact or [s for s in summaries if account_key(s.account).startswith(wanted)]
    accounts = sorted({s.account for s in chosen}, key=str.casefold)
    if len({account_key(a) for a in accounts}) > 1:
        shown = ", ".join(accounts[:6]) + (", …" if len(accounts) > 6 else "")
        raise CallprepError(
            f"{ref!r} starts {len(accounts)} accounts ({shown}); type more of the name"
        )
    if not chosen:
        return None
    moment = (now or clock.now()).timestamp()

    def when(summary: PlanSummary) -> float:
        start = summary.starts_at
        if start is None:
            return float("-inf")
        return (start if start.tzinfo else start.astimezone()).timestamp()

    ahead = [s for s in chosen if not s.debriefed and not s.cancelled and when(s) >= moment]
    pick = min(ahead, key=when) if ahead else max(chosen, key=when)
    return pick.path
