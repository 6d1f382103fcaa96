"""Finding a plan as the seller typed it: a path, an id or a unique id prefix (the store's
part), else an earlier id of a rescheduled plan or an account, or a unique start of its name
(found in the index)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from callprep import clock, messages
from callprep.errors import CallprepError
from callprep.plans.home import expand_user
from callprep.plans.planfile import load_plan
from callprep.plans.store import Store, StoredPlan, no_plan, not_a_file
from callprep.text import account_key

if TYPE_CHECKING:
    from callprep.catalog.index import PlanSummary
    from callprep.plans.model import Plan


def resolve(store: Store, ref: str, by_account: bool = True) -> Path:
    """PLAN as the seller typed it: a path to a .toml file, an id, a unique id prefix, an
    earlier id of a rescheduled plan, or an account (or a unique start of its name)."""
    found = store.find(ref)
    if found is None:
        found = by_alias_or_account(store, ref, by_account=by_account)
    if found is None:
        odd = not_a_file(ref, expand_user(ref)) if ref.strip() else None
        raise CallprepError(odd) if odd else no_plan(ref)
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
    claimed = [s for s in summaries if ref in s.aliases and s.path is not None]
    if len(claimed) > 1:  # a hand edit or two stores merged: never act on one of them at random
        raise CallprepError(
            messages.ALIAS_SEVERAL.format(
                ref=ref, count=len(claimed), ids=", ".join(s.id for s in claimed)
            )
        )
    if claimed and claimed[0].path is not None:
        return claimed[0].path
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
        return _timestamp(start)

    ahead = [s for s in chosen if not s.debriefed and not s.cancelled and when(s) >= moment]
    pick = min(ahead, key=when) if ahead else max(chosen, key=when)
    return pick.path


def accounts_named_by(store: Store, typed: str) -> list[str]:
    """The accounts a typed name is the start of, when it is no account of its own: "acme"
    names "Acme Logistics". Each as its latest plan spells it, in name order; none when `typed`
    is an account already (in any case or spacing) or starts none."""
    # Deferred: a plan named by its path or id never needs the index (about 10 ms of a start).
    from callprep.catalog import index

    wanted = account_key(typed)
    if not wanted:
        return []
    found: dict[str, tuple[float, str]] = {}
    for summary in index.scan(store):
        if not isinstance(summary, index.PlanSummary) or not summary.account:
            continue
        key = account_key(summary.account)
        if key == wanted:
            return []
        if key.startswith(wanted):
            start = summary.starts_at
            when = _timestamp(start) if start else 0.0
            if key not in found or when >= found[key][0]:
                found[key] = (when, summary.account)
    return sorted((spelled for _, spelled in found.values()), key=str.casefold)


def _timestamp(start: dt.datetime) -> float:
    """A call's start as a moment: a start without an offset is on the machine's clock."""
    return (start if start.tzinfo else start.astimezone()).timestamp()


def drop_alias(store: Store, alias: str, keep: Path) -> list[str]:
    """`alias` taken off every plan but the one at `keep`: an earlier id finds one plan only.

    The ids of the plans it was taken from. A plan that cannot be changed (unreadable, or
    outside the store) keeps it; `by_alias_or_account` then names both rather than guess.
    """
    # Deferred: a plan named by its path or id never needs the index (about 10 ms of a start).
    from callprep.catalog import index

    dropped: list[str] = []
    for summary in index.scan(store):
        if not isinstance(summary, index.PlanSummary) or summary.path is None:
            continue
        if alias not in summary.aliases or summary.path == keep:
            continue

        def without(plan: Plan) -> Plan:
            return plan.model_copy(update={"aliases": [a for a in plan.aliases if a != alias]})

        try:
            store.update(summary.path, without)
        except CallprepError:
            continue
        dropped.append(summary.id)
    return dropped
